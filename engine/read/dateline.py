"""An article without a publication date, dated by its own dateline: the `dateline` mentions that
the rules of rules/dates.rules read at its head («تهران - ایرنا - ۱۵ مهر ۱۳۹۴», «جمعه، ۰۵ شهریور
۱۴۰۰ - ۰۷:۴۰», "TEHRAN, Oct 7 (Reuters) -"). Only the head counts (a date deep in the text is
what the story is about, not when it was written), and only a day with its year, or a year-less
day whose year the article's own full dates give unambiguously."""
from __future__ import annotations

import re
from datetime import date

from typing import Any

from ..model import Mention
from . import calendars as C
from .matcher import Cap, Context, Draft, Reject
from .productions import production

HEAD = 400   # characters from the start of the text a dateline may begin in
_START = re.compile(r"\w")   # a dateline `at_start` has no letter or digit before it


def dateline_date(mentions: list[Mention], text: str) -> tuple[str, tuple[int, int]] | None:
    """The ISO day (or day and time) of the first dateline at the head of the text and the span
    of the dateline, or None: also when the text's datelines give several days (a page listing
    items, each with its own «تاریخ انتشار»)."""
    found = [m for m in mentions if m.kind == "dateline"
             and not (m.extra.get("at_start") and _START.search(text[:m.start]))]
    if len({str(m.value)[:10] for m in found if m.value is not None}) > 1:
        return None
    for m in found:
        if m.start > HEAD:
            break
        if m.value is not None:
            return str(m.value), (m.start, m.end)
        day = _year_from_text(m, mentions) if m.extra.get("at_start") else None
        if day is not None:
            t = m.extra.get("time")
            return (f"{day}T{t}" if t else day), (m.start, m.end)
    return None


def _year_from_text(m: Mention, mentions: list[Mention]) -> str | None:
    """A year-less dateline («TEHRAN, Oct 7 (Reuters)») in the one year that the article's full
    dates (day, month and year stated) all give; None when they give none or several."""
    st = m.extra.get("stated") or {}
    cal = m.extra.get("calendar")
    if "month" not in st or "day" not in st or cal not in ("jalali", "gregorian", "hijri"):
        return None
    years = set()
    for d in mentions:
        s = d.extra.get("stated") or {}
        if d.kind == "date" and d.extra.get("calendar") == cal and "year" in s and "day" in s:
            years.add(s["year"])
    if len(years) != 1:
        return None
    y = years.pop()
    if C.validate(cal, y, st["month"], st["day"]):
        return None
    g: date = C.to_gregorian(cal, y, st["month"], st["day"])
    return g.isoformat()


@production
def dateline(ctx: Context, d: Cap, where: Any = "head", t: Cap | None = None) -> Draft:
    """«تهران - ایرنا - ۱۵ مهر ۱۳۹۴», «۱۵ مهر ۱۳۹۴ - ۱۹:۱۰»: the day (and time) an article gives
    itself, for an article without a publication date (read/dateline.py). Only a day the text
    writes out (its year stated, or left for the article's other dates): never a relative day, a
    weekday alone or a range. ``where`` "start": only at the very start of the text; "head": in
    its first lines (read/dateline.py); ``t`` the time written with the day, or the «امروز» before it."""
    dd: Draft = d.value
    ex = dd.extra or {}
    st = ex.get("stated") or {}
    if (not isinstance(dd, Draft) or dd.kind != "date" or "day" not in st or "month" not in st or ex.get("range")
            or ex.get("relative") is not None or ex.get("weekday_only") or ex.get("named_event") or not ex.get("valid", True)):
        raise Reject
    tv = t.value if t is not None and isinstance(t.value, Draft) else None
    if tv is not None and tv.kind == "date" and (tv.extra or {}).get("relative") != 0:
        raise Reject    # «امروز …» only: «دیروز ۱۹ مرداد» is no dateline
    clock = str(tv.value) if tv is not None and tv.kind == "time" and tv.value else None
    out = {"calendar": ex.get("calendar"), "stated": st}
    if clock:
        out["time"] = clock
    if str(where) == "start":
        out["at_start"] = True
    if "year" not in st or not dd.value:
        return Draft("dateline", None, None, None, None, out)
    return Draft("dateline", f"{dd.value}T{clock}" if clock else str(dd.value), None, None, None, out)
