"""The `Claim` (one comparable statement of one article) with its stored and JSON forms, and how
two claims' value intervals relate (disjoint, above, a vague amount below another): the
primitives that grouping and deciding share."""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from .values import WEEKDAYS_EN, _jsonable


@dataclass(slots=True)
class Claim:
    """One comparable statement of one article (a fact, an event date, or a stated weekday)."""

    article: str
    published: str | None
    fact: str                    # fact id, or "e1"/"w1" for event-date and weekday claims
    kind: str
    key: str
    subject: str                 # the subject as written
    predicate: str | None
    unit: str                    # base unit; "count" for counted things
    lo: float
    hi: float
    lo_open: bool
    hi_open: bool
    value: Any                   # normalized point value, or None for an interval
    interval: list | None        # normalized interval [lo, hi] (None = unbounded)
    hedge: str | None
    figure: float                # the single figure a running total is compared by
    strong: bool                 # the sentence states when (else only the publication date)
    tlo: int | None              # time as date ordinals (strong claims)
    thi: int | None
    alts: tuple = ()             # other days the same sentence gives as equal («۱۵ مهر (۷ اکتبر)»)
    series: str | None = None    # rule origin that makes it a running total
    series_window: int | None = None
    cumulative: bool = False
    mutable: bool = False
    start: int = 0
    end: int = 0
    text: str = ""
    attribution: dict | None = None
    rule: str = ""
    seq: int = 0                 # input order of its article
    loose: bool = False          # «در دو روستا»: a place, not a claim; it may agree, never contradict
    stated: tuple = ()           # (value, lo, hi, unit name, unit as written) as the text says it
    period: float | None = None  # «در ۲۸ روز … در مجموع ۳۹٫۲ میلیون بشکه»: a total over so many days
    also: tuple = ()             # spans of the same claim repeated in its article (headline and lead)
    sentence: tuple = ()         # the span of its sentence
    named: bool = True           # its subject is one the lexicons name (not a word the facts stage guessed)
    published_at: str | None = None   # its article's publication date-time, when it has a time (orders one day's reports)
    new: bool = True             # compared against the others (False: stored, only compared with)
    frame: str | None = None     # the claim frame of rules/claims/ it was read by (None: the fact path)
    event: str | None = None     # the kind of event (rules/claims/scene.rules); None: unknown, meets any
    place: str | None = None     # where (from its sentence, the lead or the frame; not a dateline); None: meets any
    place_in: str | None = None  # the region the place lies in: a city meets its province
    place_known: bool = False    # the place is one of the lexicon's (else a name a marker introduced)
    latin: bool | None = None    # its article is written in Latin letters (an English report); None: not known
    scene_from: tuple = ()       # (where the event was read, where the place was read): "sentence", "lead", "frame"

    def to_row(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("seq", "new", "also")}

    @classmethod
    def from_row(cls, d: dict, seq: int = 0, new: bool = False) -> "Claim":
        d = dict(d)
        d["alts"] = tuple(tuple(x) for x in d.get("alts") or ())
        d["stated"] = tuple(d.get("stated") or ())
        d["sentence"] = tuple(d.get("sentence") or ())
        d["scene_from"] = tuple(d.get("scene_from") or ())
        for k in ("lo", "hi"):
            if d[k] is None:
                d[k] = -math.inf if k == "lo" else math.inf
        return cls(**d, seq=seq, new=new)

    def json_row(self) -> dict:
        """The stored form: like to_row, infinities as None."""
        d = self.to_row()
        d["lo"] = None if self.lo == -math.inf else self.lo
        d["hi"] = None if self.hi == math.inf else self.hi
        d["alts"] = [list(a) for a in self.alts]
        d["stated"] = list(self.stated)
        d["sentence"] = list(self.sentence)
        return d

    def claim_dict(self) -> dict:
        """The issue's claim shape: the value and interval in the base unit (a day for event dates)."""
        conv = _jsonable
        if self.unit == "date":
            conv = lambda x: date.fromordinal(int(x)).isoformat() if isinstance(x, (int, float)) and not math.isinf(x) else None  # noqa: E731
        elif self.unit == "weekday":
            conv = lambda x: WEEKDAYS_EN[int(x) % 7] if isinstance(x, (int, float)) else None  # noqa: E731
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text,
                "value": conv(self.value), "interval": [conv(x) for x in self.interval] if self.interval else None,
                "unit": None if self.unit == "count" else self.unit, "attribution": self.attribution}

    @property
    def time_text(self) -> str | None:
        if not self.strong or self.tlo is None:
            return None
        a = date.fromordinal(self.tlo).isoformat()
        return a if self.tlo == self.thi else f"{a}..{date.fromordinal(self.thi).isoformat()}"


def with_time(claims: list[Claim], article: Any) -> list[Claim]:
    """The claims, each with its article's publication time (a same-day series is ordered by it)."""
    for c in claims:
        c.published_at = article.published_at
    return claims


def same_place(a: Claim, b: Claim) -> bool:
    """Can two claims be about one place: the same place, a city and the region it lies in, or a
    name the lexicon does not know against one it does (where it lies is not known)."""
    if not a.place or not b.place or a.place == b.place:
        return True
    if a.place_known != b.place_known:
        return True
    return a.place == b.place_in or b.place == a.place_in


def _disjoint(a: Claim, b: Claim) -> bool:
    if a.hi < b.lo or b.hi < a.lo:
        return True
    if a.hi == b.lo and (a.hi_open or b.lo_open):
        return True
    if b.hi == a.lo and (b.hi_open or a.lo_open):
        return True
    return False


def _above(b: Claim, a: Claim) -> bool:
    """b lies wholly above a."""
    return b.lo > a.hi or (b.lo == a.hi and (b.lo_open or a.hi_open))


def _fig_above(b: Claim, a: Claim) -> bool:
    """b's figure is larger than a's beyond the precision of both (a rise of a hedged lower bound)."""
    pa = (a.hi - a.lo) if a.hedge is None and not math.isinf(a.hi - a.lo) else 0
    return b.figure > a.figure + max(pa / 2, 1e-9)


def _vague_below(v: Claim, other: Claim) -> bool:
    """«چندین ورزشکار» against «۶۱۳ ورزشکار», «چندین موشک» against «ده‌ها موشک»: a vague amount
    («چند», «چندین», «ده‌ها») below another figure is not a disagreement: "some" of them, or
    a second vague word for the same crowd. Above an exact figure («ده‌ها» against «دو») it is."""
    return v.hedge == "vague" and (other.hedge == "vague" or v.hi < other.lo)


def _hedged(c: Claim) -> bool:
    """A figure whose interval is a convention («حدود» = ±10 %, «ده‌ها»), not a stated bound."""
    return c.hedge in ("around", "vague")
