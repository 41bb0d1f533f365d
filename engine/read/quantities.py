"""Quantity and money productions: an amount times a unit defined in `rules/units.rules`.

A unit is a lexicon entry, `کیلومتر | km = 1000 base=meter dim=length`: one kilometre is 1000
metres. `per=N` divides the factor (`km/h = 1000 per=3600 base=meter_per_second`), so a factor
never has to be written as a rounded decimal. This module holds no vocabulary: units, their
factors and base units all come from the rule files.

What a mention carries (kinds `quantity`, `money`; `percent` for a unit that says `kind=percent`):

* ``value``, ``interval``, ``precision``: in the STATED unit, exactly as the text says it
  («۲ میلیون بشکه»: value 2000000, interval (2000000, 2000000), precision 1000000). A hedged,
  ranged or vague amount has value None and its interval, like a plain number.
* ``extra``: ``unit`` (the unit's name: the first spelling of its lexicon line, «کیلومتر» also
  for "km"), ``unit_text`` (the spelling as written), ``base_value``, ``base_interval`` and
  ``base_precision`` (the same amounts in the base unit), ``base_unit`` (meter, kilogram, liter,
  IRR, USD …) and ``dimension`` (length, mass, money …). Two mentions are comparable when their
  ``base_unit`` is the same; currencies never convert into each other (no exchange rates).

Arithmetic is Decimal; an integral result is an int («۱۵۰۰ کیلومتر» -> base_value 1500000).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..lang import syntax as S
from .compiler import LexEntry
from .matcher import Cap, Context, Draft, Reject
from .numbers import as_number
from .productions import _hedged, production, pure

# The dimension of «X per time»: `length` per time is a speed; others are named `<dim>_per_time`.
RATE_DIMENSION = {"length": "speed"}


def _attr(entry: LexEntry, key: str, default: Any = None) -> Any:
    v = entry.attrs.get(key, default)
    return v.name if isinstance(v, S.Ident) else v


def _dec(x: Any) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise Reject
    return Decimal(str(x))


_SPECS: dict[tuple[int, str | None], tuple] = {}


def _unit_spec(e: LexEntry, default_dim: str | None) -> tuple:
    """What a unit entry says, read once per entry (an entry's attributes never change)."""
    key = (id(e), default_dim)
    hit = _SPECS.get(key)
    if hit is not None and hit[0] is e:
        spec = hit[1]
    else:
        num, den = _dec(e.value), _dec(_attr(e, "per", 1))
        base, dim = _attr(e, "base"), _attr(e, "dim", default_dim)
        ok = bool(base and dim and den != 0)
        spec = (str(_attr(e, "name") or e.forms[0]), num, den, str(base), str(dim), _attr(e, "kind"),
                _dec(_attr(e, "scale", 1))) if ok else None   # scale: «همت» holds 10^12 IRT
        if len(_SPECS) > 10_000:
            _SPECS.clear()
        _SPECS[key] = (e, spec)
    if spec is None:
        raise Reject
    return spec


class _Unit:
    """A unit entry read as a fraction: one unit is ``num / den`` base units."""

    __slots__ = ("name", "text", "num", "den", "base", "dim", "kind", "scale")

    def __init__(self, cap: Cap, default_dim: str | None = None) -> None:
        e = cap.entry
        if e is None:
            raise Reject
        self.text = cap.text
        self.name, self.num, self.den, self.base, self.dim, self.kind, self.scale = _unit_spec(e, default_dim)

    def to_base(self, x: Any) -> Decimal | None:
        if x is None:
            return None
        return _dec(x) * self.num / self.den


class _Amount:
    """The amount before a unit: a number mention (a Draft), or a lone number word's value."""

    __slots__ = ("value", "interval", "precision", "hedge", "stated")

    def __init__(self, n: Cap, scale: Decimal = Decimal(1), hedge: Cap | None = None) -> None:
        v = n.value
        if isinstance(v, Draft):
            if v.kind not in ("number", "fraction"):   # «نیم کیلو», «نیم واحد درصد»
                raise Reject
            if _bare_scale(n.text, v):   # «(میلیارد تومان)»: a column's unit, not an amount
                raise Reject
            self.value = v.value
            self.interval = v.interval if v.interval is not None else (v.value, v.value)
            self.precision = v.precision
            self.hedge = v.hedge
            self.stated = (v.extra or {}).get("stated")
        else:
            x = _dec(v)   # a lexicon word («یک دلار»): its value, stated exactly
            self.value = as_number(x)
            self.interval = (self.value, self.value)
            self.precision = None
            self.hedge = None
            self.stated = None
        if scale != 1:   # "$5bn", «۳٫۶ همت»: a scale after the number, or inside the unit word
            self.value = _times(self.value, scale)
            self.interval = tuple(_times(x, scale) for x in self.interval)
            self.precision = _times(self.precision if self.precision is not None else 1, scale)
            self.stated = _times(self.stated, scale)
        if hedge is not None:   # "around $83": the hedge stands before a currency sign
            if self.hedge is not None or self.value is None:
                raise Reject
            p = Decimal(str(self.precision)) if self.precision is not None else None
            d = _hedged("number", Cap(_dec(self.value), p, n.text, None, n.start, n.end), hedge)
            self.value, self.interval, self.hedge = d.value, d.interval, d.hedge
            self.stated = (d.extra or {}).get("stated")


def _bare_scale(text: str, d: Draft) -> bool:
    """One scale word standing for 10^6 or more with no count before it: a table's unit label
    («ارقام به میلیارد ریال»). A lone «هزار» stays an amount («هزار تومان»)."""
    t = text.strip()
    return (len(t.split()) == 1 and "\u200c" not in t and not any(ch.isdigit() for ch in t)
            and d.hedge is None and isinstance(d.value, int) and d.value >= 10**6 and d.value == d.precision)


def _times(x: Any, k: Decimal) -> int | float | None:
    return None if x is None else as_number(_dec(x) * k)


def _num(d: Decimal | None) -> int | float | None:
    return None if d is None else as_number(d)


def _draft(kind: str, amount: _Amount, unit: _Unit, base: str, dim: str, num: Decimal, den: Decimal,
           names: tuple[str, str] | None = None) -> Draft:
    def conv(x: Any) -> int | float | None:
        return None if x is None else as_number(_dec(x) * num / den)

    extra = {
        "unit": names[0] if names else unit.name,
        "unit_text": names[1] if names else unit.text,
        "base_value": conv(amount.value),
        "base_interval": tuple(conv(x) for x in amount.interval),
        "base_unit": base,
        "dimension": dim,
    }
    if amount.precision is not None:
        extra["base_precision"] = conv(amount.precision)
    if amount.stated is not None:
        extra["stated"] = amount.stated
        extra["base_stated"] = conv(amount.stated)
    return Draft(kind, amount.value, tuple(amount.interval), amount.precision, amount.hedge, extra)


@production
@pure
def quantity(ctx: Context, n: Cap, u: Cap) -> Draft:
    """«۱۵۰۰ کیلومتر», «۲ میلیون بشکه», «۳ واحد درصد»: an amount in a unit of `@unit`."""
    unit = _Unit(u)
    kind = unit.kind or "quantity"
    return _draft(str(kind), _Amount(n, unit.scale), unit, unit.base, unit.dim, unit.num, unit.den)


@production
@pure
def money(ctx: Context, n: Cap, c: Cap, s: Cap | None = None, h: Cap | None = None) -> Draft:
    """«۵ میلیون دلار», «۱۰۰ هزار تومان», «۲ همت», "$5 million", "around $5bn": an amount of one
    currency. The base unit is the currency's own (IRR for rial, toman and همت; USD; EUR …)."""
    unit = _Unit(c, default_dim="money")
    scale = unit.scale * (_dec(s.value) if s is not None else 1)
    return _draft("money", _Amount(n, scale, h), unit, unit.base, unit.dim, unit.num, unit.den)


@production
@pure
def rate(ctx: Context, n: Cap, u: Cap, t: Cap, p: Cap | None = None) -> Draft:
    """«۱۲۰ کیلومتر بر ساعت», «۵۰۰ هزار بشکه در روز», «۱۰ میلیون تن در سال»: a unit per a time
    unit of `@time_unit` (or a «روزانه» word). The base unit is `<base>_per_<time base>`."""
    unit = _Unit(u)
    per = _Unit(t, default_dim="time")
    if per.dim != "time":
        raise Reject
    base = f"{unit.base}_per_{per.base}"
    dim = RATE_DIMENSION.get(unit.dim, f"{unit.dim}_per_time")
    sep = "" if p is not None and p.text.strip() == "/" else " "
    written = sep.join(x.text.strip() for x in (u, p, t) if x is not None)
    return _draft("quantity", _Amount(n, unit.scale), unit, base, dim, unit.num * per.den, unit.den * per.num,
                  (f"{unit.name}/{per.name}", written))


@production
@pure
def amount_range(ctx: Context, a: Cap, b: Cap) -> Draft:
    """"$10 to $15", «از ۱۰ دلار تا ۱۵ دلار»: two amounts of ONE unit (never two currencies)."""
    da, db = a.value, b.value
    if not (isinstance(da, Draft) and isinstance(db, Draft)) or da.kind != db.kind:
        raise Reject
    xa, xb = da.extra or {}, db.extra or {}
    if xa.get("unit") != xb.get("unit") or xa.get("base_unit") != xb.get("base_unit"):
        raise Reject
    lo, hi = da.interval[0], db.interval[1]
    blo, bhi = xa["base_interval"][0], xb["base_interval"][1]
    if lo is None or hi is None or lo >= hi:
        raise Reject
    extra = dict(xb, base_value=None, base_interval=(blo, bhi), unit_text=xa.get("unit_text"))
    extra.pop("stated", None)
    extra.pop("base_stated", None)
    return Draft(da.kind, None, (lo, hi), db.precision, "range", extra)
