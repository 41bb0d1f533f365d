"""Productions: what a matched rule yields (`yield number(n)`). The whitelist rule files may name.

Each takes the match context and the rule's arguments (captures, or constants) and returns a
`Draft`, or None to refuse the match. Hedge kinds and tolerances come from lexicon values
(`حدود = around tolerance=0.1`), so the vocabulary stays in `rules/`.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable

from .matcher import Cap, Context, Draft, Reject
from .numbers import as_number

PRODUCTIONS: dict[str, Callable[..., Draft | None]] = {}


def production(fn: Callable[..., Draft | None]) -> Callable[..., Draft | None]:
    PRODUCTIONS[fn.__name__.rstrip("_")] = fn
    return fn


def pure(fn: Callable[..., Draft | None]) -> Callable[..., Draft | None]:
    """Mark a production whose Draft follows from its arguments alone, never from the
    publication date: the matcher may then reuse it wherever the same words match the same rule."""
    fn.pure = True   # type: ignore[attr-defined]
    return fn


def _num(c: Cap | None) -> Decimal:
    if c is None:
        raise Reject
    v = c.value
    if isinstance(v, Draft):    # a mention seen by a layer-2 rule («دقیقه ۸۶»): its exact value
        if v.hedge is not None:
            raise Reject
        v = v.value
    if isinstance(v, Decimal):
        return v
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    raise Reject


def _prec(c: Cap | None) -> float | None:
    return as_number(c.precision) if c is not None and c.precision is not None else None


HEDGES = ("around", "gt", "ge", "lt", "le")


def _hedged(kind: str, n: Cap, h: Cap | None, extra: dict | None = None, weak_ok: bool = False) -> Draft:
    v = _num(n)
    if h is None:
        if n.weak and not weak_ok:
            raise Reject
        x = as_number(v)
        return Draft(kind, x, (x, x), _prec(n), None, extra)
    how = h.value
    if how not in HEDGES:
        raise Reject
    stated = {"stated": as_number(v)}
    stated.update(extra or {})
    if how == "around":
        tol = Decimal(str(h.entry.attrs.get("tolerance", 0.1))) if h.entry else Decimal("0.1")
        lo, hi = v * (1 - tol), v * (1 + tol)
        return Draft(kind, None, (as_number(lo), as_number(hi)), _prec(n), how, stated)
    if how in ("gt", "ge"):
        return Draft(kind, None, (as_number(v), None), _prec(n), how, stated)
    return Draft(kind, None, (None, as_number(v)), _prec(n), how, stated)


@production
@pure
def number(ctx: Context, n: Cap, h: Cap | None = None) -> Draft:
    """A cardinal number, optionally hedged («حدود ۳۰», «بیش از ۱۰۰»)."""
    return _hedged("number", n, h)


@production
@pure
def signed(ctx: Context, n: Cap, sign: Cap) -> Draft:
    """«منفی ۱۲», «-۵»: the sign word's value (-1 or 1) times the number."""
    v = _num(n) * _num(sign)
    return Draft("number", as_number(v), (as_number(v), as_number(v)), _prec(n))


def _sign(sign: Cap | None) -> Decimal:
    """The value of an optional sign capture («منفی» -1, «مثبت» 1); 1 when there is none."""
    return Decimal(1) if sign is None else _num(sign)


def _signed_draft(d: Draft, sign: Cap | None) -> Draft:
    """A Draft of a point value with an optional sign word applied (a hedged one refuses a sign)."""
    if sign is None:
        return d
    k = _num(sign)
    if d.value is None:
        raise Reject
    v = as_number(Decimal(str(d.value)) * k)
    extra = dict(d.extra) if d.extra else None
    if extra and "exact" in extra and k < 0:
        extra["exact"] = _exact(-Fraction(extra["exact"]))
    return Draft(d.kind, v, (v, v), d.precision, d.hedge, extra)


@production
@pure
def decimal(ctx: Context, w: Cap, f: Cap, d: Cap, s: Cap | None = None, h: Cap | None = None,
            sign: Cap | None = None) -> Draft:
    """«هفت و سه دهم» 7.3: a whole number, «و», and a proper fraction of a power-of-ten
    denominator word (optionally times a scale word, «یک و دو دهم میلیون»)."""
    whole, num, den = _num(w), _num(f), _num(d)
    if num <= 0 or num >= den or num != num.to_integral_value() or whole != whole.to_integral_value():
        raise Reject
    return _scaled(whole + num / den, 1 / den, s, h, sign)


@production
@pure
def point(ctx: Context, w: Cap, f: Cap, z: Cap | None = None, h: Cap | None = None,
          sign: Cap | None = None) -> Draft:
    """«چهار ممیز دو» 4.2, «سه ممیز چهارده» 3.14: the digits after the point word are the
    fraction's number, after as many zeros as zero words were captured (`z`: «دو ممیز صفر پنج»
    2.05). A scale word ending the number after the point scales the whole («یک ممیز پنج
    میلیون» 1,500,000)."""
    whole, num = _num(w), _num(f)
    scale = f.precision if f.precision is not None and f.precision > 1 else Decimal(1)
    num = num / scale
    if num < 0 or num != num.to_integral_value() or whole != whole.to_integral_value() or (w.precision or 1) > 1:
        raise Reject
    places = len(str(int(num))) + (len(z.text.split()) if z is not None else 0)
    step = Decimal(1).scaleb(-places)
    return _scaled((whole + num * step) * scale, step * scale, None, h, sign)


def _scaled(v: Decimal, prec: Decimal, s: Cap | None, h: Cap | None, sign: Cap | None) -> Draft:
    if s is not None:
        k = _num(s)
        v, prec = v * k, prec * k
    v = v * _sign(sign)
    if h is not None and sign is not None:
        raise Reject
    return _hedged("number", Cap(v, prec, "", None, 0, 0), h)


@production
@pure
def power(ctx: Context, m: Cap | None, b: Cap, e: Cap, s: Cap | None = None, sign: Cap | None = None) -> Draft:
    """«سه در ده به توان چهار» 30000, «۲٫۵ ضرب در ده به توان منفی شش» 2.5e-6, «ده به توان شش»:
    the mantissa (1 when none is written) times the base to the (signed) whole exponent."""
    base, exp = _num(b), _num(e) * _sign(s)
    if exp != exp.to_integral_value() or abs(exp) > 30 or base <= 0:
        raise Reject
    k = base ** int(exp)
    mant = _num(m) if m is not None else Decimal(1)
    prec = (m.precision if m is not None and m.precision else Decimal(1)) * k
    v = mant * k * _sign(sign)
    x = as_number(v)
    return Draft("number", x, (x, x), as_number(prec))


@production
@pure
def percent(ctx: Context, n: Cap, h: Cap | None = None) -> Draft:
    """A percentage; the value is the number of percent (30 for «۳۰ درصد»). A weak word is
    a number here: the percent sign after it says so («ده درصد»)."""
    return _hedged("percent", n, h, weak_ok=True)


@production
@pure
def range_(ctx: Context, a: Cap | None, b: Cap | None = None, kind: Any = "number") -> Draft:
    """«۲۰ تا ۳۰», «۲۰-۳۰», «۲ تا ۳ میلیون» (the scale stated once applies to both ends)."""
    if b is None and a is not None and isinstance(a.value, tuple):
        lo, hi = (Decimal(x) for x in a.value)
        prec = None
    else:
        lo, hi = _num(a), _num(b)
        prec = _prec(b)
        if b.precision and b.precision > 1 and lo < b.precision and lo * b.precision <= hi:
            lo *= b.precision   # «۲ تا ۳ میلیون»: the scale of the second end applies to the first
    if lo >= hi:
        raise Reject
    return Draft(str(kind), None, (as_number(lo), as_number(hi)), prec, "range")


@production
@pure
def score(ctx: Context, s: Cap) -> Draft:
    """"6-2", "2-0": a result written winner first, one digit run. The mention is the first
    side's goals; the pair is in `extra["pair"]` (a claim frame may take the second side: `value
    n.second`). A pair that reads as a range (first side smaller) or too many goals is no score."""
    if s is None or not isinstance(s.value, tuple) or len(s.value) != 2:
        raise Reject
    a, b = (int(Decimal(x)) for x in s.value)
    if a < b or a > MAX_GOALS:
        raise Reject
    return Draft("number", a, (a, a), 1, None, {"pair": (a, b)})


MAX_GOALS = 30


@production
@pure
def vague(ctx: Context, v: Cap, scale: Cap | None = None) -> Draft:
    """«ده‌ها», «صدها», «هزاران», «ده‌ها هزار»: an interval from the lexicon, times an optional scale."""
    iv = v.value
    if not hasattr(iv, "lo"):
        raise Reject
    k = _num(scale) if scale is not None else Decimal(1)
    lo = Decimal(str(iv.lo)) * k if iv.lo is not None else None
    hi = Decimal(str(iv.hi)) * k if iv.hi is not None else None
    return Draft("number", None, (as_number(lo) if lo is not None else None, as_number(hi) if hi is not None else None),
                 None, "vague")


@production
@pure
def ordinal(ctx: Context, n: Cap | None, o: Cap | None = None, sign: Cap | None = None) -> Draft:
    """«چهارم», «بیست و ششمین» (words before an ordinal word add up), «۲۶مین». An ordinal
    word with the attribute `scale` multiplies the number before it the way a scale word does
    («هفتصد هزارمین» 700,000th; «دو میلیون و پانصد هزارمین» 2,500,000th). A sign word before
    it signs it («طبقه منفی دوم»)."""
    if n is not None and o is not None and o.entry is not None and o.entry.attrs.get("scale"):
        a, k = _num(n), _num(o)
        if a < k:
            total = a * k
        else:           # the scale applies to the last group only, as in `numbers.compose`
            group = a % 1000
            if group == 0:
                raise Reject
            total = a - group + group * k
    else:
        total = Decimal(0)
        for c in (n, o):
            if c is not None:
                total += _num(c)
    if total <= 0:
        raise Reject
    total *= _sign(sign)
    return Draft("ordinal", as_number(total), (as_number(total), as_number(total)), 1)


def _exact(q: Fraction) -> str:
    """How a fraction is written exactly, in the mention's `exact` field: «یک سوم» "1/3",
    «دو برابر» "2/1", «۲٫۵ برابر» "5/2" (always numerator/denominator, in lowest terms)."""
    return f"{q.numerator}/{q.denominator}"


def _rational(c: Cap) -> Fraction:
    """A capture's exact value: a lexicon value over its entry's `denominator=` attribute
    («یک‌سوم = 1 denominator=3»), or the number itself."""
    q = Fraction(_num(c))
    if c.entry is not None and c.entry.attrs.get("denominator"):
        q /= Fraction(Decimal(str(c.entry.attrs["denominator"])))
    return q


@production
@pure
def fraction(ctx: Context, a: Cap, d: Cap | None = None, h: Cap | None = None, sign: Cap | None = None) -> Draft:
    """«یک سوم», «سه چهارم», «نیم»: numerator over a denominator word, or a fraction word (or a
    multiple, «دو برابر»); hedged like a number («بیش از نیمی» → [0.5, ∞), «حدود یک‌سوم»).
    The value is rounded to 6 places; `exact` says it as numerator/denominator ("1/3")."""
    q = _rational(a)
    if d is not None:   # a denominator word, or a constant (`fraction(f, 1, h)`: no denominator)
        q /= _rational(d) if isinstance(d, Cap) else Fraction(Decimal(str(d)))
    if q <= 0:
        raise Reject
    f = round(float(q), 6)
    exact = {"exact": _exact(q)}
    if h is None:
        return _signed_draft(Draft("fraction", f, (f, f), None, None, exact), sign)
    how = h.value
    if how not in HEDGES or sign is not None:
        raise Reject
    if how == "around":
        tol = float(h.entry.attrs.get("tolerance", 0.1)) if h.entry else 0.1
        iv = (round(f * (1 - tol), 6), round(f * (1 + tol), 6))
    elif how in ("gt", "ge"):
        iv = (f, None)
    else:
        iv = (None, f)
    return Draft("fraction", None, iv, None, how, {"stated": f, **exact})


@production
@pure
def ignore(ctx: Context, *args: Any) -> Draft:
    """Claim a span so nothing inside it becomes a mention (page furniture, phone numbers)."""
    return Draft(None)
