"""Does an engine mention state the gold value? Values are equal within the precision the gold
was written to (or the engine's stated precision); intervals bound by bound, an open engine bound
equal to 0, infinity or a share's natural maximum in the gold; dates by what was stated; amounts
of money across rial and toman; durations in days. `show_mention` writes what the engine read
(the detail of a difference).
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from .gold import WEEKDAYS, GoldMention, _num, _show

_DURATION_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
# Gold may write the natural bound of a share instead of .inf («بیش از ۵۰ درصد» → [50, 100]).
_NATURAL_MAX = {"percent": 100.0, "fraction": 1.0}


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _decimals_step(x: Any) -> float:
    """The step a gold float was written to (0.3333 -> 0.0001); 0 for whole numbers."""
    if isinstance(x, float) and not x.is_integer() and math.isfinite(x):
        s = repr(x)
        if "e" not in s and "." in s:
            return 10.0 ** -len(s.split(".")[1])
    return 0.0


def _close(gold: Any, got: Any, step: float = 0.0) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    try:
        a, b = float(gold), float(got)
    except (TypeError, ValueError):
        return False
    if math.isinf(a) or math.isinf(b):
        return a == b
    tol = max(1e-9 * max(1.0, abs(a), abs(b)), _decimals_step(gold) / 2)
    if step:
        tol = max(tol, step / 2 * (1 - 1e-9))
    return abs(a - b) <= tol


def _bound(gold: float, got: Any, lower: bool, kind: str, scale: float = 1.0, rel: float = 0.0) -> bool:
    """One interval bound: None (unbounded) in the engine equals 0 / -inf below and .inf (or the
    natural maximum of a share) above in the gold."""
    if got is None:
        if lower:
            return gold == 0 or gold == -math.inf
        return gold == math.inf or gold == _NATURAL_MAX.get(kind)
    if math.isinf(gold):
        return False
    g = gold * scale
    if rel:
        return abs(g - float(got)) <= rel * max(1.0, abs(g))
    return _close(g, got)


def _interval_eq(gold: tuple, got: Any, kind: str, scale: float = 1.0, rel: float = 0.0) -> bool:
    if not got or len(got) != 2:
        return False
    return (_bound(gold[0], got[0], True, kind, scale, rel)
            and _bound(gold[1], got[1], False, kind, scale, rel))


def _month_span(ym: str) -> tuple[str, str]:
    y, m = map(int, ym.split("-"))
    first = _dt.date(y, m, 1)
    last = (_dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1))
    return first.isoformat(), last.isoformat()


def _money_scale(gold_unit: str, got_unit: Any) -> float | None:
    """Factor turning the engine's amount into the gold's unit (rial = toman × 10)."""
    if gold_unit == got_unit:
        return 1.0
    if (gold_unit, got_unit) == ("IRR", "IRT"):
        return 10.0
    if (gold_unit, got_unit) == ("IRT", "IRR"):
        return 0.1
    return None


def value_matches(g: GoldMention, m: Any) -> bool:
    """Does engine mention ``m`` (same kind, overlapping) state the gold value?"""
    value, interval = _get(m, "value"), _get(m, "interval")
    extra = _get(m, "extra") or {}
    prec = _get(m, "precision") or 0.0
    kind = g.kind
    if kind == "date":
        if g.interval is not None:
            return False
        if g.value is None:
            return extra.get("valid") is False
        if extra.get("valid") is False:
            return False
        if isinstance(g.value, int):
            stated = extra.get("stated") or {}
            return stated.get("year") == g.value and not stated.get("month") and not stated.get("day")
        if len(g.value) == 7:
            stated = extra.get("stated") or {}
            y, mo = map(int, g.value.split("-"))
            if (extra.get("calendar") == "gregorian" and stated.get("year") == y
                    and stated.get("month") == mo and not stated.get("day")):
                return True
            return value is None and bool(interval) and tuple(interval) == _month_span(g.value)
        return value == g.value or (value is None and bool(interval) and tuple(interval) == (g.value, g.value))
    if kind == "weekday":
        return value == WEEKDAYS.index(g.value) if g.value in WEEKDAYS else False
    if kind == "time":
        return value == g.value
    scale, rel, step = 1.0, 0.0, prec
    if kind == "duration":
        scale, rel, step = _DURATION_DAYS.get(g.unit or "", 0.0), 1e-4, 0.0
        if not scale:
            return False
    elif kind == "quantity":
        if extra.get("unit") != g.unit:
            return False
    elif kind == "money":
        f = _money_scale(g.unit or "", extra.get("unit"))
        if f is None:
            return False
        if f != 1.0:        # bring the engine's amount into the gold's unit
            value = None if value is None else value * f
            interval = None if interval is None else [None if x is None else x * f for x in interval]
            step = prec * f
    if g.interval is not None:
        return _interval_eq(g.interval, interval, kind, scale, rel)
    if value is None:       # a point stated only as an interval [v, v]
        if interval and interval[0] is not None and interval[0] == interval[1]:
            value = interval[0]
        else:
            return False
    if rel:
        want = float(g.value) * scale
        return abs(want - float(value)) <= rel * max(1.0, abs(want))
    return _close(g.value, value, step)


def show_mention(m: Any) -> str:
    value, interval = _get(m, "value"), _get(m, "interval")
    extra = _get(m, "extra") or {}
    if value is not None:
        v = _show(value)
    elif interval:
        v = "[" + ", ".join("∞" if x is None and i else "-∞" if x is None else _num(x)
                            for i, x in enumerate(interval)) + "]"
    elif extra.get("valid") is False:
        v = "invalid"
    else:
        v = "?"
    unit = extra.get("unit")
    if _get(m, "kind") == "duration" and unit:
        v += f" days ({unit})"
    elif unit:
        v += f" {unit}"
    return f"{_get(m, 'kind')} «{_get(m, 'text')}» {v}"


def answers(g: GoldMention, m: Any) -> bool:
    """Does engine mention ``m`` (overlapping ``g``) state what the gold states?

    Two representations are accepted besides the same kind: percentage points, which the
    gold writes as ``percent`` and the engine as a ``quantity`` in ``percentage_point``."""
    kind = _get(m, "kind")
    if kind == g.kind:
        return value_matches(g, m)
    if g.kind == "percent" and kind == "quantity" and (_get(m, "extra") or {}).get("unit") == "percentage_point":
        return value_matches(GoldMention("number", g.text, g.value, g.interval), m)
    return False


def _stated_weekday(g: GoldMention, m: Any) -> bool:
    """A weekday the engine kept inside a date («روز چهارشنبه ۱۵ مهر») as the date's stated
    weekday: it answers a gold weekday without using up the date."""
    return (g.kind == "weekday" and _get(m, "kind") == "date" and g.value in WEEKDAYS
            and (_get(m, "extra") or {}).get("weekday") == WEEKDAYS.index(g.value))
