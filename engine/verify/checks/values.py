"""The values the expression language works on: `Item` (a mention or a fact, whose attributes
are the `ATTRS` table and nothing else), `Day` (a stated day on the calendar, a lunar Hijri day
with its ±1 uncertainty, a year-less day read near publication), the coercions every function
and operator shares, and `Env`, the names visible to one evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from ...read import calendars as C

PAST_WINDOW_DAYS = 300          # a year-less date is read at most this far before publication …
FUTURE_WINDOW_DAYS = C.FUTURE_WINDOW_DAYS   # … or this far after it (as the date rules do)


@dataclass(frozen=True, slots=True)
class Day:
    """A day as stated: calendar, year, month, day; its Gregorian day and the days it may denote
    (a lunar Hijri day ±1); `inferred` when the text gave no year."""
    cal: str
    y: int
    m: int
    d: int
    g: date
    lo: date
    hi: date
    inferred: bool = False


class Item:
    """A mention or a fact as the expression language sees it (attributes via `ATTRS` only)."""
    __slots__ = ("m", "fact", "tok", "index", "pub", "_day", "_isday", "count", "memo", "sent")

    def __init__(self, m, tok: tuple[int, int] | None, index: int, fact=None, pub: date | None = None) -> None:
        self.m = m
        self.pub = pub
        self.fact = fact
        self.tok = tok
        self.index = index
        self._day: Any = False
        self._isday: bool | None = None
        self.memo: dict | None = None           # per-item results of costly functions (weekdays)
        self.sent: tuple[int, int] | None = None  # token range of its sentence, set by Run
        # a stated whole count: a plain number (or a quantity) that is not hedged
        self.count = (m is not None and m.kind in ("number", "quantity") and not m.hedge
                      and isinstance(m.value, int) and m.value >= 0)

    @property
    def kind(self) -> str:
        return "fact" if self.fact is not None else self.m.kind

    @property
    def ex(self) -> dict:
        return self.m.extra if self.m is not None else {}

    def ids(self) -> tuple[str, ...]:
        if self.fact is not None:
            return tuple(self.fact.mentions)
        return (self.m.id,)

    def span(self) -> tuple[int, int]:
        if self.fact is not None:
            return tuple(self.fact.span)
        return (self.m.start, self.m.end)

    def __repr__(self) -> str:
        return f"Item({self.kind} {self.m.text if self.m else ''!r})"


def _iso(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, str) and len(v) == 10:
        try:
            return date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _num(v: Any) -> float | int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return v
    return None


def _value(it: Item) -> Any:
    if it.fact is not None:
        return _num(it.fact.value)
    m = it.m
    if m.kind == "date":
        d = day_of(it)
        return d.g if d is not None else _iso(m.value)
    if m.kind == "weekday":
        return m.value
    return _num(m.value)


def _bound(it: Item, k: int) -> Any:
    iv = it.fact.interval if it.fact is not None else it.m.interval
    if iv is None:
        return None
    v = iv[k]
    return _iso(v) if it.kind == "date" else _num(v)


def _stated(it: Item, part: str) -> Any:
    return (it.ex.get("stated") or {}).get(part)


ATTRS: dict[str, Callable[[Item], Any]] = {
    "text": lambda it: it.m.text if it.fact is None else it.fact.subject.get("text"),
    "kind": lambda it: it.kind,
    "value": _value,
    "lo": lambda it: _bound(it, 0),
    "hi": lambda it: _bound(it, 1),
    "precision": lambda it: (it.fact.precision if it.fact is not None else it.m.precision),
    "hedged": lambda it: bool(it.fact.hedge if it.fact is not None else it.m.hedge),
    "hedge": lambda it: (it.fact.hedge if it.fact is not None else it.m.hedge),
    "unit": lambda it: (it.fact.unit if it.fact is not None else it.ex.get("unit")),
    "base": lambda it: _num(it.ex.get("base_value")) if "base_value" in it.ex else _value(it),
    "base_lo": lambda it: _num((it.ex.get("base_interval") or (None, None))[0]) if "base_interval" in it.ex else _bound(it, 0),
    "base_hi": lambda it: _num((it.ex.get("base_interval") or (None, None))[1]) if "base_interval" in it.ex else _bound(it, 1),
    "base_unit": lambda it: it.ex.get("base_unit"),
    "calendar": lambda it: it.ex.get("calendar"),
    "weekday": lambda it: it.m.value if it.m.kind == "weekday" else it.ex.get("weekday"),
    "year": lambda it: _stated(it, "year"),
    "month": lambda it: _stated(it, "month"),
    "day": lambda it: _stated(it, "day"),
    "year_stated": lambda it: _stated(it, "year") is not None,
    "year_inferred": lambda it: bool(it.ex.get("year_inferred")),
    "valid": lambda it: it.ex.get("valid", True) is not False,
    "reason": lambda it: it.ex.get("reason"),
    "range": lambda it: bool(it.ex.get("range")),
    "since": lambda it: bool(it.ex.get("since")),
    "named": lambda it: bool(it.ex.get("named_event")),
    "relative": lambda it: it.ex.get("relative") is not None,
    "first": lambda it: _bound(it, 0) if it.kind == "date" else None,
    "last": lambda it: _bound(it, 1) if it.kind == "date" else None,
    "days": lambda it: _num(it.m.value) if it.kind == "duration" else None,
    "amount": lambda it: _num(it.ex.get("amount")),
    "subject": lambda it: it.fact.subject.get("key") if it.fact is not None else None,
    "predicate": lambda it: (it.fact.predicate or {}).get("key") if it.fact is not None else None,
    "attribution": lambda it: (it.fact.attribution or {}).get("text") if it.fact is not None else None,
    "cumulative": lambda it: bool(it.fact.cumulative) if it.fact is not None else None,
    "start": lambda it: it.span()[0],
    "end": lambda it: it.span()[1],
}

_DAY_ATTRS: dict[str, Callable[[Day], Any]] = {
    "year": lambda d: d.y, "month": lambda d: d.m, "day": lambda d: d.d, "calendar": lambda d: d.cal,
    "value": lambda d: d.g, "first": lambda d: d.lo, "last": lambda d: d.hi, "weekday": lambda d: d.g.weekday(),
}


def _attr(v: Any, name: str) -> Any:
    if v is None:
        return None
    if isinstance(v, Item):
        return ATTRS[name](v)
    if isinstance(v, Day):
        f = _DAY_ATTRS.get(name)
        return f(v) if f else None
    if isinstance(v, date):
        return {"year": v.year, "month": v.month, "day": v.day, "weekday": v.weekday(), "value": v,
                "calendar": "gregorian", "first": v, "last": v}.get(name)
    if isinstance(v, (list, tuple)):
        return [_attr(x, name) for x in v]
    return None


# --- days --------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _plausible(cal: str, m: int, d: int, ref: date) -> tuple[tuple[int, date], ...]:
    """Readings of a year-less day near publication: at most PAST_WINDOW_DAYS before it, at most
    FUTURE_WINDOW_DAYS after it; nearest first."""
    ry = C.from_gregorian(cal, ref)[0]
    out = []
    for y in (ry - 1, ry, ry + 1):
        if C.validate(cal, y, m, d) is None:
            g = C.to_gregorian(cal, y, m, d)
            if -PAST_WINDOW_DAYS <= (g - ref).days <= FUTURE_WINDOW_DAYS:
                out.append((y, g))
    out.sort(key=lambda c: abs((c[1] - ref).days))
    return tuple(out)


@lru_cache(maxsize=8192)
def _make_day(cal: str, y: int, m: int, d: int, inferred: bool) -> Day | None:
    try:
        g = C.to_gregorian(cal, y, m, d)
    except (C.DateError, ValueError):
        return None
    if cal == "hijri":
        lo, hi = C.hijri_interval(y, m, d)
    else:
        lo = hi = g
    return Day(cal, y, m, d, g, lo, hi, inferred)


def day_of(it: Item) -> Day | None:
    """The day a date mention states. A year-less day takes the nearest plausible year (the
    weekday beside it does not choose the year here: checking that weekday is the point)."""
    if it._day is not False:
        return it._day
    out = None
    m = it.m
    ex = m.extra if m is not None else {}
    if m is not None and m.kind == "date" and not ex.get("range") and ex.get("valid", True) is not False:
        st = ex.get("stated") or {}
        cal = ex.get("calendar")
        if cal and "day" in st and "month" in st:
            if st.get("year") is not None:
                out = _make_day(cal, st["year"], st["month"], st["day"], False)
            else:
                ref = it.pub
                if ref is not None:
                    cands = _plausible(cal, st["month"], st["day"], ref)
                    if cands:
                        out = _make_day(cal, cands[0][0], st["month"], st["day"], True)
        elif m.value and not st:
            g = _iso(m.value)
            if g is not None:
                out = Day("gregorian", g.year, g.month, g.day, g, g, g, False)
    it._day = out
    return out


def _as_day(x: Any) -> Day | None:
    if isinstance(x, Day):
        return x
    if isinstance(x, Item):
        return day_of(x)
    if isinstance(x, date):
        return Day("gregorian", x.year, x.month, x.day, x, x, x, False)
    return None


def _shift_year(d: Day, k: int) -> Day | None:
    return _make_day(d.cal, d.y + k, d.m, d.d, d.inferred)


def _val(x: Any) -> Any:
    return _value(x) if isinstance(x, Item) else x


def _is_day(it: Item) -> bool:
    """A single stated day (not a range), valid, that can be placed on the calendar."""
    r = it._isday
    if r is None:
        m = it.m
        r = it._isday = (m.kind == "date" and not m.extra.get("range") and m.extra.get("valid", True) is not False
                         and day_of(it) is not None)
    return r


# --- evaluation --------------------------------------------------------------------------

class Env(dict):
    """Names visible to one evaluation: the selector's bindings, `published`, and evidence,
    computed on first use."""
    __slots__ = ("evidence", "run", "lang")

    def __init__(self, data: dict, evidence: dict, run: "Run", lang: str = "en") -> None:
        super().__init__(data)
        self.evidence = evidence
        self.run = run
        self.lang = lang

    def __missing__(self, key: str) -> Any:
        fn = self.evidence.get(key)
        if fn is None:
            if key == "published":
                return self.run.published
            raise KeyError(key)
        v = self[key] = fn(self)
        return v
