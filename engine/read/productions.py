"""Productions: what a matched rule yields (`yield number(n)`). The whitelist rule files may name.

Each takes the match context and the rule's arguments (captures, or constants) and returns a
`Draft`, or None to refuse the match. Hedge kinds and tolerances come from lexicon values
(`حدود = around tolerance=0.1`), so the vocabulary stays in `rules/`.
"""
from __future__ import annotations

from decimal import Decimal
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
def ordinal(ctx: Context, n: Cap | None, o: Cap | None = None) -> Draft:
    """«چهارم», «بیست و ششمین» (words before an ordinal word add up), «۲۶مین»."""
    total = Decimal(0)
    for c in (n, o):
        if c is not None:
            total += _num(c)
    if total <= 0:
        raise Reject
    return Draft("ordinal", as_number(total), (as_number(total), as_number(total)), 1)


@production
@pure
def fraction(ctx: Context, a: Cap, d: Cap | None = None, h: Cap | None = None) -> Draft:
    """«یک سوم», «سه چهارم», «نیم»: numerator over a denominator word, or a fraction word (or a
    multiple, «دو برابر»); hedged like a number («بیش از نیمی» → [0.5, ∞), «حدود یک‌سوم»)."""
    if d is None:
        v = _num(a)
    else:           # a denominator word, or a constant (`fraction(f, 1, h)`: no denominator)
        v = _num(a) / (_num(d) if isinstance(d, Cap) else Decimal(str(d)))
    if v <= 0:
        raise Reject
    f = round(float(v), 6)
    if h is None:
        return Draft("fraction", f, (f, f), None)
    how = h.value
    if how not in HEDGES:
        raise Reject
    if how == "around":
        tol = float(h.entry.attrs.get("tolerance", 0.1)) if h.entry else 0.1
        iv = (round(f * (1 - tol), 6), round(f * (1 + tol), 6))
    elif how in ("gt", "ge"):
        iv = (f, None)
    else:
        iv = (None, f)
    return Draft("fraction", None, iv, None, how, {"stated": f})


@production
@pure
def ignore(ctx: Context, *args: Any) -> Draft:
    """Claim a span so nothing inside it becomes a mention (page furniture, phone numbers)."""
    return Draft(None)
