"""The publication date-time an article is read against, as a desk writes it.

Every relative or year-less date is resolved against it, so a wrong reading shifts every date of
the article: it is parsed strictly, and what cannot be read is an error, never a guess.

Accepted (README: Publication date):
- an ISO day ``2015-10-07`` or date-time ``2015-10-07T19:10`` / ``2015-10-07 19:10[:ss]``, with
  or without a zone (``+03:30``, ``+0330``, ``Z``). The zone is kept after the wall time
  (``2015-10-07T19:10+03:30``): the day and clock are the article's own, which its text means, and
  the zone lets compare order two outlets' reports of the same day (`instant`);
- a Jalali day, as Persian desks type it: ``1394-07-15`` or ``1394/07/15``. A year below 1700 is
  read as Jalali (no Gregorian publication date is that old); ``calendar="hijri"`` reads it as lunar
  Hijri and ``calendar="gregorian"`` refuses such a year instead. A year read as Jalali only by
  its size must not land more than a year after today: «1447-03-05» is refused, since it is more
  likely a lunar Hijri date than a Jalali one of 2068. A ``j`` suffix (``1394-07-15j``)
  says Jalali explicitly; digits may be Persian or Arabic-Indic;
- a ``datetime.date`` or ``datetime.datetime``.

The result is the ISO Gregorian form, ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or
``YYYY-MM-DDTHH:MM+HH:MM`` (``Z`` is written ``+00:00``).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from . import calendars as C

CALENDARS = ("jalali", "gregorian", "hijri")
_SOON = timedelta(days=366)   # an inferred Jalali day later than this from today is refused
JALALI_BELOW = 1700   # a four-digit year below this is not a Gregorian publication year
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_FORM = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(j)?"
                   r"(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")


class PublishedError(ValueError):
    """A publication date that cannot be read; the message says what was expected."""


def publication(value: object, calendar: str | None = None) -> str | None:
    """``value`` as the ISO Gregorian day or date-time rasti reads against (None when empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M") + _zone(value)
    if isinstance(value, date):
        return value.isoformat()
    return _parse(str(value), calendar)


@lru_cache(maxsize=4096)
def _parse(value: str, calendar: str | None) -> str:
    """A string publication date (cached: a feed repeats the same few days)."""
    if calendar is not None and calendar not in CALENDARS:
        raise PublishedError(f"calendar '{calendar}' is not one of {', '.join(CALENDARS)}")
    s = value.strip().translate(_DIGITS)
    m = _FORM.fullmatch(s)
    if m is None:
        raise PublishedError(f"'{value}' is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM, "
                             f"YYYY-MM-DDTHH:MM+03:30, or a Jalali day such as 1394-07-15)")
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    cal = _calendar(y, calendar, explicit_jalali=bool(m.group(4)), value=value)
    reason = C.validate(cal, y, mo, d)
    if reason:
        raise PublishedError(f"'{value}' is not a valid {cal} date ({reason})")
    g = C.to_gregorian(cal, y, mo, d)
    if cal == "jalali" and calendar is None and not m.group(4) and g > date.today() + _SOON:
        raise PublishedError(f"'{value}' read as Jalali is {g.isoformat()}, in the future; for a lunar "
                             f"Hijri date say published_calendar: hijri (or 1394-07-15j for Jalali)")
    day = g.isoformat()
    if m.group(5) is None:
        return day
    hh, mm = int(m.group(5)), int(m.group(6))
    if hh > 23 or mm > 59:
        raise PublishedError(f"'{value}': {hh:02d}:{mm:02d} is not a time of day")
    return f"{day}T{hh:02d}:{mm:02d}{_offset(m.group(7), value)}"


def _offset(z: str | None, value: str) -> str:
    """A zone as ``+HH:MM`` ("" for none); hours beyond ±14 or minutes beyond 59 are refused."""
    if not z:
        return ""
    if z == "Z":
        return "+00:00"
    hh, mm = int(z[1:3]), int(z[-2:])
    if hh > 14 or mm > 59:
        raise PublishedError(f"'{value}': {z} is not a time zone offset (-12:00 to +14:00)")
    return f"{z[0]}{hh:02d}:{mm:02d}"


def _zone(value: datetime) -> str:
    off = value.utcoffset()
    if off is None:
        return ""
    minutes = int(off.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _calendar(year: int, calendar: str | None, *, explicit_jalali: bool, value: object) -> str:
    if explicit_jalali:
        if calendar not in (None, "jalali"):
            raise PublishedError(f"'{value}': the j suffix says Jalali, the calendar says {calendar}")
        return "jalali"
    if calendar is not None:
        if calendar == "gregorian" and year < JALALI_BELOW:
            raise PublishedError(f"'{value}': {year} is not a plausible Gregorian publication year")
        return calendar
    if year < JALALI_BELOW:
        if year < 1200:
            raise PublishedError(f"'{value}': {year} is not a plausible publication year "
                                 f"(a Jalali year is 1200-1699, a Gregorian one 1700 or later)")
        return "jalali"
    return "gregorian"


def instant(published: str | None) -> tuple[int, int, int] | None:
    """When a publication date-time happened, for ordering two reports of one day: (UTC minutes
    lo, hi, local minutes). A time without a zone may be in any zone (-12:00 to +14:00), so its UTC
    moment is an interval; None for a day alone."""
    if not published or len(published) < 16:
        return None
    try:
        t = datetime.fromisoformat(published)
    except ValueError:
        return None
    local = _minutes(t.replace(tzinfo=None))
    off = t.utcoffset()
    if off is None:
        return local - 14 * 60, local + 12 * 60, local
    utc = local - int(off.total_seconds() // 60)
    return utc, utc, local


def _minutes(t: datetime) -> int:
    return t.toordinal() * 1440 + t.hour * 60 + t.minute


def day_of(published: str | None) -> str | None:
    """The day of a publication date-time ("2015-10-07T19:10" -> "2015-10-07")."""
    return published[:10] if published else published
