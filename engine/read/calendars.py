"""Calendar arithmetic for the three calendars Persian news uses: Jalali, Gregorian, lunar Hijri.

Numbers only: month names and other vocabulary live in the rule files, which resolve a written
date to ``(calendar, year, month, day)`` and then ask this module whether that day exists and
which Gregorian day(s) it denotes. Gregorian ``datetime.date`` is the common currency, so claims
written in different calendars can be compared directly.

* Jalali: delegated to ``jdatetime`` (its conversions and its leap rule agree with each other),
  so there is no hand-written Jalali arithmetic to get wrong.
* Gregorian: the standard library.
* Lunar Hijri: the tabular (arithmetic) Islamic calendar. Iran's official lunar calendar follows
  moon sighting and can differ from it by a day, which is why :func:`hijri_interval` exists.
"""
from __future__ import annotations

import calendar as _stdcal
from functools import lru_cache
from datetime import date, timedelta

import jdatetime

CALENDARS = ("jalali", "gregorian", "hijri")

_NAMES = {"jalali": "Jalali", "gregorian": "Gregorian", "hijri": "lunar Hijri"}

# Tabular Hijri: 1 Muharram 1 AH = Friday 16 July 622 (Julian) = JD 1948439.5, i.e. the proleptic
# Gregorian 622-07-19, expressed as a Python ordinal (JD at midnight = ordinal + 1721424.5).
_HIJRI_EPOCH = 227015
assert date.fromordinal(_HIJRI_EPOCH) == date(622, 7, 19)

# Supported year ranges: whatever each calendar can express inside datetime.date's range.
_YEAR_RANGE = {
    "jalali": (jdatetime.MINYEAR, jdatetime.MAXYEAR),
    "gregorian": (1, 9999),
    "hijri": (1, 9665),  # 9665 ends on 9999-10-01; 9666 would run past date.max
}

# A yearless date up to this many days ahead of the reference is still a plausible future date
# (an announced event); further ahead, last year's occurrence is the likelier reading.
FUTURE_WINDOW_DAYS = 62
# How much a far-future occurrence is penalised: it ranks as if it were a year further away, so
# last year's occurrence always beats it but it still beats one from two years back.
_FAR_FUTURE_PENALTY = 365

# Default "now" for two-digit years when no reference date is given.
_CURRENT_YEAR = {"jalali": 1405, "gregorian": 2026, "hijri": 1448}
_CENTURIES = {"jalali": (1300, 1400), "gregorian": (1900, 2000), "hijri": (1300, 1400)}


class DateError(ValueError):
    """A date that does not exist; ``.reason`` says why in short English for the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_calendar(calendar: str) -> None:
    """Unknown calendar names are a caller bug, not a bad date: plain ValueError."""
    if calendar not in _NAMES:
        raise ValueError(f"unknown calendar {calendar!r}; expected one of {CALENDARS}")


# --- lunar Hijri (tabular) -------------------------------------------------------------------

def _hijri_is_leap(year: int) -> bool:
    """Leap years 2,5,7,10,13,16,18,21,24,26,29 of each 30-year cycle."""
    return (14 + 11 * year) % 30 < 11


def _hijri_month_start(month: int) -> int:
    """Days before ``month`` in its year: months alternate 30/29, i.e. ceil(29.5 * (month-1))."""
    return (59 * (month - 1) + 1) // 2


def _hijri_year_start(year: int) -> int:
    """Ordinal of 1 Muharram of ``year``: 354 days a year plus the leap days so far."""
    return _HIJRI_EPOCH + (year - 1) * 354 + (3 + 11 * year) // 30


def _hijri_to_ordinal(year: int, month: int, day: int) -> int:
    return _hijri_year_start(year) + _hijri_month_start(month) + day - 1


def _hijri_from_ordinal(n: int) -> tuple[int, int, int]:
    year = (30 * (n - _HIJRI_EPOCH) + 10646) // 10631  # mean-year estimate, then exact fix-up
    while _hijri_year_start(year + 1) <= n:
        year += 1
    while _hijri_year_start(year) > n:
        year -= 1
    doy = n - _hijri_year_start(year)
    month = min(12, 2 * doy // 59 + 1)
    return year, month, doy - _hijri_month_start(month) + 1


# --- core API --------------------------------------------------------------------------------

@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def is_leap(calendar: str, year: int) -> bool:
    """Whether ``year`` has its extra day (Esfand 30, 29 February, Dhu al-Hijjah 30)."""
    _check_calendar(calendar)
    if calendar == "jalali":
        return jdatetime.date(year, 1, 1).isleap()
    if calendar == "gregorian":
        return _stdcal.isleap(year)
    return _hijri_is_leap(year)


def _year_month_reason(calendar: str, year: int, month: int) -> str | None:
    lo, hi = _YEAR_RANGE[calendar]
    if not lo <= year <= hi:
        return f"year {year} is outside the supported {_NAMES[calendar]} range {lo}-{hi}"
    if not 1 <= month <= 12:
        return f"month {month} does not exist: a {_NAMES[calendar]} year has 12 months"
    return None


def _month_length_unchecked(calendar: str, year: int, month: int) -> int:
    if calendar == "jalali":
        if month == 12:
            return 30 if jdatetime.date(year, 1, 1).isleap() else 29
        return jdatetime.j_days_in_month[month - 1]
    if calendar == "gregorian":
        return _stdcal.monthrange(year, month)[1]
    if month == 12:
        return 30 if _hijri_is_leap(year) else 29
    return 30 if month % 2 else 29


@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def month_length(calendar: str, year: int, month: int) -> int:
    """Number of days in the month; raises DateError for a month or year that does not exist."""
    _check_calendar(calendar)
    reason = _year_month_reason(calendar, year, month)
    if reason:
        raise DateError(reason)
    return _month_length_unchecked(calendar, year, month)


@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def validate(calendar: str, year: int, month: int, day: int) -> str | None:
    """None if the day exists, else a readable reason: the report quotes it for impossible dates."""
    _check_calendar(calendar)
    reason = _year_month_reason(calendar, year, month)
    if reason:
        return reason
    if day < 1:
        return f"day {day} does not exist: days are numbered from 1"
    length = _month_length_unchecked(calendar, year, month)
    if day > length:
        return (f"day {day} does not exist: month {month} of the {_NAMES[calendar]} year {year} "
                f"has {length} days")
    return None


@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def to_gregorian(calendar: str, year: int, month: int, day: int) -> date:
    """The Gregorian day denoted; raises DateError (with ``.reason``) if the day does not exist."""
    reason = validate(calendar, year, month, day)
    if reason:
        raise DateError(reason)
    if calendar == "jalali":
        return jdatetime.date(year, month, day).togregorian()
    if calendar == "gregorian":
        return date(year, month, day)
    return date.fromordinal(_hijri_to_ordinal(year, month, day))


@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def from_gregorian(calendar: str, d: date) -> tuple[int, int, int]:
    """``(year, month, day)`` of ``d`` in ``calendar``; DateError before that calendar's epoch."""
    _check_calendar(calendar)
    if calendar == "gregorian":
        return d.year, d.month, d.day
    if calendar == "jalali":
        try:
            j = jdatetime.date.fromgregorian(date=d)
        except ValueError as exc:
            raise DateError(f"{d.isoformat()} is before the Jalali epoch") from exc
        return j.year, j.month, j.day
    n = d.toordinal()
    if n < _HIJRI_EPOCH:
        raise DateError(f"{d.isoformat()} is before the Hijri epoch")
    return _hijri_from_ordinal(n)


@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def month_span(calendar: str, year: int, month: int) -> tuple[date, date]:
    """First and last Gregorian day of the month, for claims dated only to a month."""
    last = month_length(calendar, year, month)
    return to_gregorian(calendar, year, month, 1), to_gregorian(calendar, year, month, last)


@lru_cache(maxsize=65536)  # pure, and jdatetime objects are costly to build
def year_span(calendar: str, year: int) -> tuple[date, date]:
    """First and last Gregorian day of the year, for claims dated only to a year."""
    return month_span(calendar, year, 1)[0], month_span(calendar, year, 12)[1]


def hijri_interval(year: int, month: int, day: int) -> tuple[date, date]:
    """Gregorian days a lunar Hijri date may denote: the arithmetic day ±1, because Iran's lunar
    months start on moon sighting and can begin a day before or after the tabular calendar."""
    g = to_gregorian("hijri", year, month, day)
    return g - timedelta(days=1), g + timedelta(days=1)


def weekday(d: date) -> int:
    """Monday=0 … Sunday=6 (Python's convention), so rule files map weekday names to these."""
    return d.weekday()


# --- dates written without a (full) year ---------------------------------------------------

def _yearless_cost(g: date, ref: date) -> int:
    """Distance in days from ``ref``, with far-future dates ranked as a year further away."""
    delta = (g - ref).days
    if delta <= 0:
        return -delta
    return delta if delta <= FUTURE_WINDOW_DAYS else delta + _FAR_FUTURE_PENALTY


def candidates_for_yearless(calendar: str, month: int, day: int, ref: date, *,
                            weekday: int | None = None) -> list[tuple[int, date]]:
    """Candidate ``(year, gregorian date)`` readings of a yearless date, best first.

    News dates without a year almost always mean the nearest occurrence, usually a recent past
    one: occurrences in ``ref``'s year and the adjacent years are ranked by distance from ``ref``,
    a future date counting as plausible only up to ``FUTURE_WINDOW_DAYS`` ahead. A stated
    ``weekday`` (Monday=0) is strong evidence, so candidates it fits come first. Years where the
    day does not exist (Esfand 30, 29 February) are skipped.
    """
    _check_calendar(calendar)
    ref_year = from_gregorian(calendar, ref)[0]
    found: list[tuple[int, date]] = []
    for year in (ref_year - 1, ref_year, ref_year + 1):
        if validate(calendar, year, month, day) is None:
            found.append((year, to_gregorian(calendar, year, month, day)))

    def key(c: tuple[int, date]) -> tuple[bool, int]:
        g = c[1]
        misfit = weekday is not None and g.weekday() != weekday
        return misfit, _yearless_cost(g, ref)

    return sorted(found, key=key)  # stable, years ascending: a tie goes to the earlier date


def two_digit_year(calendar: str, yy: int, ref: date | None) -> int:
    """Expand a two-digit year («مهر ۹۴» -> 1394) to the century putting it nearest ``ref``'s
    year (or the current year if ``ref`` is None); a tie goes to the past, as news looks back."""
    _check_calendar(calendar)
    if not 0 <= yy <= 99:
        raise DateError(f"{yy} is not a two-digit year")
    now = _CURRENT_YEAR[calendar] if ref is None else from_gregorian(calendar, ref)[0]
    options = [c + yy for c in _CENTURIES[calendar]]
    return min(options, key=lambda y: (abs(y - now), y))
