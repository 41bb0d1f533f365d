"""Values as compare holds them: days as date ordinals, numbers as floats, a claim's interval
widened by its precision and the one figure a running total is compared by; and the JSON forms
(weekday names, integers without «.0», infinities as null) that the output is written in."""
from __future__ import annotations

import math
from datetime import date
from typing import Any

# Weekday values in JSON (a format, like ISO days); Persian names for messages come from the
# `weekday` lexicon of rules/dates.rules.
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _jsonable(x: Any) -> Any:
    if isinstance(x, float):
        if math.isinf(x):
            return None
        if x.is_integer():
            return int(x)
        return round(x, 10)
    return x


def _ord(iso: str | None) -> int | None:
    if not iso or not isinstance(iso, str):
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _num(x: Any) -> float | None:
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _figure(lo: float | None, hi: float | None, value: Any, hedge: str | None) -> float:
    if value is not None and _num(value) is not None:
        return float(value)
    if hedge in ("ge", "gt") and lo is not None:
        return lo
    if hedge in ("le", "lt") and hi is not None:
        return hi
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    return lo if lo is not None else (hi if hi is not None else 0.0)


def _widen(lo: float | None, hi: float | None, precision: float | None) -> tuple[float, float, bool, bool]:
    half = (precision or 0) / 2
    flo = -math.inf if lo is None else lo - half
    fhi = math.inf if hi is None else hi + half
    return flo, fhi, half > 0 and lo is not None, half > 0 and hi is not None
