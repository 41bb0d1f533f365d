"""The words around times and days (`TimeWords`): month names said as a time, the words before
a year, the Gregorian marker, the links between two spellings of one day and the locatives; read
from rules/dates.rules and rules/compare.rules once per Engine."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ...read.text import fold
from .lexicons import _alts, _word
from .values import _ord


class TimeWords:
    """The words around times and days, read from the rules once per Engine."""

    def __init__(self, g) -> None:
        self.months = _Months(g("gregorian_month"), g("jalali_month"), g("month_said_before"), g("month_said_after"))
        self.year_before = re.compile(_word(_alts(g("year_said_before"))) + r"\s*$", re.I)
        self.gregorian_after = re.compile(r"^\s*" + _word(_alts(g("gregorian_marker"))), re.I)
        link = _alts(g("same_day_link"))
        self.same_day_gap = re.compile(rf"^[\s()\[\]،,\-–/]*(?:{link})?[\s()\[\]،,\-–/]*$", re.I)
        self.locative = re.compile(_word(_alts(g("locative"))) + r"\s*$", re.I)
        # «به گزارش دیده‌بان امروز،»: a relative day closing the name of the outlet a report cites
        self.outlet_before = re.compile(_word(_alts(g("outlet_intro"))) + r"(?:\s+[^\s،,.:؛;()«»\"]+){1,2}\s+$", re.I)
        self.outlet_after = re.compile(r"\s*[،,]")

    def outlet_name(self, text: str, start: int, end: int, sentence_start: int) -> bool:
        """Is the relative day at text[start:end] the last word of an outlet's name («به گزارش
        دیده‌بان امروز، …»: the outlet cited, then the comma that ends the citation)? Then it is
        no time of the sentence's facts."""
        return (self.outlet_after.match(text, end) is not None
                and self.outlet_before.search(fold(text[sentence_start:start]).lower()) is not None)

    def find(self, text: str, published: str | None):
        return self.months.find(text, published)


class _Months:
    """Month names said as a time («در ژانویه», «آذر ماه», "in January"), from rules/dates.rules."""

    def __init__(self, greg, jal, said_before=None, said_after=None) -> None:
        self.by: dict[str, tuple[str, int]] = {}
        alts = []
        for cal, lex in (("gregorian", greg), ("jalali", jal)):
            for e in (lex.entries if lex is not None else ()):
                if not isinstance(e.value, int):
                    continue
                for form in e.forms:
                    f = fold(form).lower().rstrip(".")
                    if len(f) < 3 or f in self.by:     # «مه», «می», «دی»: too ambiguous without context
                        continue
                    self.by[f] = (cal, e.value)
                    alts.append(re.escape(f))
        alts.sort(key=len, reverse=True)
        m = "(?:" + "|".join(alts) + ")" if alts else "(?!)"
        pre, post = _alts(said_before), _alts(said_after)
        self.rx = re.compile(rf"(?:(?<!\w){pre}\s+)({m})(?!\w)|(?<!\w)({m})\s*{post}(?!\w)", re.I)

    def find(self, text: str, published: str | None):
        """(start, end, (lo, hi)) of each month said as a time in ``text``."""
        for hit in self.rx.finditer(text):
            iv = self._interval(hit, published)
            if iv is not None:
                g = 1 if hit.group(1) else 2
                yield hit.start(g), hit.end(g), iv

    def _interval(self, hit, published: str | None) -> tuple[int, int] | None:
        """The month of a match, in the year that puts it last before publication."""
        pub = _ord(published)
        if pub is None:
            return None
        cal, month = self.by.get((hit.group(1) or hit.group(2)).lower(), (None, 0))
        p = date.fromordinal(pub)
        try:
            if cal == "gregorian":
                y = p.year if date(p.year, month, 1) <= p else p.year - 1
                a = date(y, month, 1)
                b = (date(y + 1, 1, 1) if month == 12 else date(y, month + 1, 1)) - timedelta(days=1)
            elif cal == "jalali":
                import jdatetime
                jy = jdatetime.date.fromgregorian(date=p).year
                if jdatetime.date(jy, month, 1).togregorian() > p:
                    jy -= 1
                a = jdatetime.date(jy, month, 1).togregorian()
                b = (jdatetime.date(jy + 1, 1, 1) if month == 12 else jdatetime.date(jy, month + 1, 1)).togregorian() - timedelta(days=1)
            else:
                return None
        except (ValueError, OverflowError):
            return None
        return a.toordinal(), b.toordinal()

