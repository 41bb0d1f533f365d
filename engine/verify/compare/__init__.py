"""Across articles: which facts are about the same thing, and do their numbers agree?

    cmp = engine.compare([engine.read(a, published=…, id="a"), engine.read(b, …)])
    cmp.contradictions, cmp.agreements, cmp.updates, cmp.ledger; cmp.to_dict()

A fact becomes a `Claim`: its subject key (refined with `rules/compare.rules` when the fact only
says «نفر» or took a verb for its subject), its predicate, its value as an interval in the base
unit (widened by half the stated precision; hedges are already in the interval), and when it
happened: a day or interval the sentence states (strong), or only the publication date (weak).
Two more kinds of claim are read here: event dates («حملات از ۳۰ سپتامبر آغاز شد») and stated
weekdays («روز سه‌شنبه ۱۵ مهر»).

Matching is by grouping, never all pairs: claims are bucketed by (subject key, base unit), split by
predicate, and within a bucket sorted by time into groups whose time windows overlap. Only claims
inside one such group are compared, so the work grows with the number of claims, not its square.

Deciding, within a group:
* a plain figure: value intervals that are disjoint are a contradiction, overlapping ones agree;
* a running total (a key in the `monotone` lexicon, or a cumulative fact): in publication order a
  later, larger figure is an `update`, a later, smaller one a contradiction; a hedged lower bound
  («دست‌کم ۱۲») is compatible with every later, larger figure.
Each finding carries the `verdict` (or `monotone`) line of rules/compare.rules that decided it.
"""
from __future__ import annotations

import math
import re
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any, Iterable, Sequence

from ...lang.labels import Labels
from ...model import Article, Mention
from ...read.text import ZWNJ, fold, normalize

STORY_WINDOW = 60    # days before its publication an undated fact may lie, articles given as one story
STORE_WINDOW = 1     # the same, against a fact store (articles of any story): the day before publication
STORE_SERIES_WINDOW = 7   # an undated running total in a fact store: the week before publication
SERIES_WINDOW = 30   # a running total stated on day d may be compared with one stated d ± 30 days
MAX_GROUP_DAYS = 120  # a chain of overlapping times is cut after this many days (> STORY_WINDOW): groups stay local
CLAUSE_WORDS = 12    # how far around a number the words that say what it counts are looked for

# Weekday values in JSON (a format, like ISO days); Persian names for messages come from the
# `weekday` lexicon of rules/dates.rules.
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The messages compare writes (lexicon `compare_message` of rules/compare.rules) and the names
# each may fill: a test holds the rule file to exactly these.
MESSAGES = {
    "contradiction": ("first", "second", "what", "when"),
    "on_day": ("day",),
    "event": ("what", "first", "second"),
    "weekday": ("day", "first", "second", "actual"),
    "fell": ("what", "earlier", "earlier_article", "earlier_published", "later", "later_article", "later_published"),
    "update": ("what", "earlier", "earlier_article", "earlier_published", "later", "later_article", "later_published"),
    "agreement": ("outlets", "value", "what"),
    "compatible": ("values", "what", "outlets"),
    "values_joiner": (),
}
_FA_DIGITS = str.maketrans("0123456789.,-", "۰۱۲۳۴۵۶۷۸۹٫٬-")


# --- the vocabulary of rules/compare.rules ---------------------------------------------------------

def _kfold(s: str) -> str:
    """Key form of a word or key: folded, without spaces or ZWNJ, lower case."""
    return re.sub(r"[\s\u200c]+", "", fold(s)).lower()


class _Keys:
    """A lexicon looked up by whole keys («کشته», «کشته شدن»)."""

    def __init__(self, lex) -> None:
        self.by: dict[str, Any] = {}
        for e in (lex.entries if lex is not None else ()):
            for form in e.forms:
                self.by.setdefault(_kfold(form), e)

    def get(self, key: str | None):
        return self.by.get(_kfold(key)) if key else None


class _Phrases:
    """A lexicon searched for in running text, insensitive to ZWNJ/space variants and case."""

    def __init__(self, lex) -> None:
        self.entries: dict[str, Any] = {}
        alts: list[str] = []
        for e in (lex.entries if lex is not None else ()):
            for form in e.forms:
                words = [w for w in re.split(r"[\s\u200c]+", fold(form).lower()) if w]
                if not words:
                    continue
                self.entries.setdefault("".join(words), e)
                alts.append(r"[\s\u200c]*".join(re.escape(w) for w in words))
        alts.sort(key=len, reverse=True)
        self.rx = re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.I) if alts else None

    def finditer(self, text: str):
        """(start, end, entry) of each phrase in ``text`` (already normalized)."""
        if self.rx is None:
            return
        for m in self.rx.finditer(text):
            e = self.entries.get(re.sub(r"[\s\u200c]+", "", m.group().lower()))
            if e is not None:
                yield m.start(), m.end(), e


def _alts(lex) -> str:
    """A lexicon's spellings as one regex alternation (folded, spaces/ZWNJ loose), longest first."""
    alts = []
    for e in (lex.entries if lex is not None else ()):
        for form in e.forms:
            words = [w for w in re.split(r"[\s\u200c]+", fold(form).lower()) if w]
            if words:
                alts.append(r"[\s\u200c]*".join(re.escape(w) for w in words))
    alts.sort(key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")" if alts else "(?!)"


def _word(alt: str) -> str:
    """A word-bounded alternation (an edge is a non-word character, or the text's edge)."""
    return rf"(?<!\w){alt}(?!\w)"


class TimeWords:
    """The words around times and days, read from the rules once per Engine."""

    def __init__(self, g) -> None:
        self.months = _Months(g("gregorian_month"), g("jalali_month"), g("month_said_before"), g("month_said_after"))
        self.year_before = re.compile(_word(_alts(g("year_said_before"))) + r"\s*$", re.I)
        self.gregorian_after = re.compile(r"^\s*" + _word(_alts(g("gregorian_marker"))), re.I)
        link = _alts(g("same_day_link"))
        self.same_day_gap = re.compile(rf"^[\s()\[\]،,\-–/]*(?:{link})?[\s()\[\]،,\-–/]*$", re.I)
        self.locative = re.compile(_word(_alts(g("locative"))) + r"\s*$", re.I)

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


def _entries(lex) -> list:
    return list(lex.entries) if lex is not None else []


class CompareRules:
    """What compare reads from the rules: built once per Engine."""

    def __init__(self, lexicons: dict) -> None:
        g = lexicons.get
        self.monotone = _Keys(g("monotone"))
        self.mutable = _Keys(g("mutable"))
        self.generic = _Keys(g("generic_subject"))
        self.junk = _Keys(g("not_a_subject"))
        self.qualifier = _Keys(g("qualifier"))
        self.implied_key = _Keys(g("implied_subject"))
        self.implied = _Phrases(g("implied_subject"))
        self.measure = _Phrases(g("measure"))
        self.measure_key = _Keys(g("measure"))
        self.qual_text = _Phrases(g("qualifier"))
        self.rise = _Phrases(g("rise_verb"))
        self.partial = _Phrases(g("partial"))
        self.running = _Phrases(g("running_total"))
        self.toll_before = _Phrases(g("toll_before"))
        self.change = _Phrases(g("change"))
        self.change_key = _Keys(g("change"))
        self.projection = _Phrases(g("projection"))
        self.valued = _Phrases(g("valued"))
        self.per_item = _Phrases(g("per_item"))
        self.per_item_key = "/" + next((e.forms[0] for e in _entries(g("per_item"))), "per")   # «/هر»
        self.superlative = _Phrases(g("superlative"))
        self.rate = _Keys(g("rate"))
        self.bare = _Keys(g("bare_measure"))
        # Keys a desk has named (a subject, measure, toll, value or event of the lexicons): a
        # figure of an unnamed thing (a word the facts stage lemmatized) needs an action to be flagged.
        wd = next((e for e in _entries(g("weekday_subject")) if e.value == "weekday"), None)
        self.weekday_key = wd.forms[0] if wd is not None else "weekday"
        self.named: set[str] = {self.weekday_key}
        for name in ("subject", "measure", "implied_subject", "valued", "event_noun"):
            lex = g(name)
            for e in (lex.entries if lex is not None else ()):
                if isinstance(e.value, str):
                    self.named.add(_kfold(e.value))
        self.generic_measure = _Keys(g("count_measure"))
        self.months = TimeWords(g)
        self.weekday_fa = {e.value: next((f for f in e.forms if not f.isascii()), e.forms[0])
                           for e in (g("weekday").entries if g("weekday") else ()) if isinstance(e.value, int)}
        self.clause_and = re.compile(r"\s" + _alts(g("clause_and")) + r"\s", re.I)
        self.and_words = {fold(f).lower() for e in (g("clause_and").entries if g("clause_and") else ()) for f in e.forms}
        self.apposition = re.compile(r"^" + _alts(g("apposition")), re.I)
        self.reached = re.compile(_word(_alts(g("reached"))) + r"\s*$", re.I)
        self.event_verb = _Phrases(g("event_verb"))
        self.event_noun = _Phrases(g("event_noun"))
        self.verdicts: dict[str, Any] = {}
        for e in (g("verdict").entries if g("verdict") is not None else ()):
            for form in e.forms:
                self.verdicts[form] = e
        # The Persian name of a unit for messages: the first Persian spelling of its line
        # (km -> کیلومتر, IRT -> تومان; a line with `name=` names a unit another line spells).
        self.unit_fa: dict[str, str] = {}
        for name in ("unit", "currency"):
            lex = g(name)
            for e in (lex.entries if lex is not None else ()):
                code = e.attrs.get("name")
                code = code.name if hasattr(code, "name") else (code or e.forms[0])
                fa = next((f for f in e.forms if not f.isascii()), None)
                if fa and str(code) not in self.unit_fa and not e.attrs.get("scale"):
                    self.unit_fa[str(code)] = fa
        # What the messages write (engine/labels.py): the messages and base-unit names of
        # rules/compare.rules, hedges as numbers.rules spells them first in each language, and a
        # predicate key as a participle («شلیک کردن» -> «شلیک‌شده»: lexicon `participle`).
        self.messages = Labels(lexicons, "compare_message")
        self.unit_names = Labels(lexicons, "unit_name")
        self.hedge_words: dict[str, tuple[str, str]] = {}
        for e in _entries(g("hedge")):
            fa = next((f for f in e.forms if not f.isascii()), None)
            en = next((f for f in e.forms if f.isascii()), None)
            if fa and en and isinstance(e.value, str):
                self.hedge_words.setdefault(e.value, (fa, en))
        self.participle_words: dict[str, str] = {}
        self.participle_endings: list[tuple[str, str]] = []
        for e in _entries(g("participle")):
            for f in e.forms:
                if e.attrs.get("ending"):
                    self.participle_endings.append((f, str(e.value)))
                else:
                    self.participle_words.setdefault(f, str(e.value))
        self.participle_endings.sort(key=lambda x: -len(x[0]))
        # English words for keys, for the English messages: the first ASCII spelling of the key's line.
        self.english: dict[str, str] = {}
        for name in ("subject", "measure", "predicate", "implied_subject", "event_noun", "event_verb", "qualifier"):
            lex = g(name)
            for e in (lex.entries if lex is not None else ()):
                en = next((f for f in e.forms if f.isascii()), None)
                if en and isinstance(e.value, str):
                    self.english.setdefault(e.value, en)
        if wd is not None:   # the weekday key is the line's first spelling; its English, the ASCII one
            self.english.setdefault(self.weekday_key, next((f for f in wd.forms if f.isascii()), self.weekday_key))


    def verdict(self, name: str) -> tuple[str, str]:
        """(severity, rule origin) of a verdict line."""
        e = self.verdicts.get(name)
        if e is None:
            return ("error" if "contradiction" in name or name in ("disjoint", "fell", "weekday", "event_date") else "info"), "engine/compare.py"
        sev = e.attrs.get("severity", "info")
        return (sev.name if hasattr(sev, "name") else str(sev)), e.origin

    def en(self, key: str | None) -> str:
        if not key:
            return ""
        parts = key.split("/")
        return " ".join(self.english.get(p, p) for p in reversed(parts)) if len(parts) > 1 else self.english.get(key, key)


_RULES: "weakref.WeakKeyDictionary[Any, CompareRules]" = weakref.WeakKeyDictionary()


def rules_of(engine) -> CompareRules:
    """The compare vocabulary of an Engine, read once per Engine."""
    try:
        return _RULES[engine]
    except KeyError:
        r = _RULES[engine] = CompareRules(engine.ruleset.lexicons)
        return r


# --- claims -----------------------------------------------------------------------------------------

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
    new: bool = True             # compared against the others (False: stored, only compared with)

    def to_row(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("seq", "new", "also")}

    @classmethod
    def from_row(cls, d: dict, seq: int = 0, new: bool = False) -> "Claim":
        d = dict(d)
        d["alts"] = tuple(tuple(x) for x in d.get("alts") or ())
        d["stated"] = tuple(d.get("stated") or ())
        d["sentence"] = tuple(d.get("sentence") or ())
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


class _Sentences:
    """Mentions of an article by position, for looking up what a sentence states."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions = sorted(article.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.by_id = {m.id: m for m in article.mentions}

    def within(self, a: int, b: int) -> list[Mention]:
        return self.mentions[bisect_left(self.starts, a):bisect_left(self.starts, b)]


def _is_day(m: Mention) -> bool:
    return (m.kind == "date" and m.value is not None and not m.extra.get("named_event")
            and not m.extra.get("range") and m.extra.get("valid", True))


def _year_interval(m: Mention, text: str, words: "TimeWords") -> tuple[int, int] | None:
    """«در سال ۱۳۹۶», "in 2017": a bare year number read as a number, said as a time."""
    v = m.value
    if not isinstance(v, int) or not (1300 <= v <= 1500 or 1900 <= v <= 2100) or len(m.text.strip()) != 4:
        return None
    if not words.year_before.search(fold(text[max(0, m.start - 8):m.start])):
        return None
    if v >= 1900:
        return date(v, 1, 1).toordinal(), date(v, 12, 31).toordinal()
    try:
        import jdatetime
        a = jdatetime.date(v, 1, 1).togregorian()
        b = jdatetime.date(v + 1, 1, 1).togregorian() - timedelta(days=1)
        return a.toordinal(), b.toordinal()
    except Exception:  # noqa: BLE001 - an impossible year is simply not a time
        return None


def _stated_time(fact, m: Mention | None, sents: _Sentences, months: "TimeWords") -> tuple[bool, int | None, int | None, tuple]:
    """(strong, lo, hi, alternative days) of a fact: the time its sentence states nearest before
    the number (a day, a month, «در آذر ماه», a year, "in 2017"), else the nearest after it; with
    no time in the sentence the fact is undated (weak) and only its publication date bounds it."""
    art = sents.article
    sa, sb = fact.sentence
    at = m.start if m is not None else fact.span[0]
    cands: list[tuple[int, int, int, int, Mention | None]] = []
    for d in sents.within(sa, sb):
        iv = None
        if (d.kind == "date" and d.interval and not d.extra.get("named_event") and not d.extra.get("range")
                and d.extra.get("valid", True)):
            lo, hi = _ord(d.interval[0]), _ord(d.interval[1])
            if lo is not None and hi is not None:
                iv = (lo, hi)
        elif d.kind == "number":
            iv = _year_interval(d, art.text, months)
        if iv is not None and d.kind == "date" and isinstance(d.extra.get("relative"), str):
            iv = _gregorian_relative(d, art.text, art.published, months) or iv
        if iv is not None:
            cands.append((d.start, d.end, iv[0], iv[1], d if _is_day(d) else None))
    t = normalize(art.text[sa:sb])
    for a, b, iv in months.find(t.normalized, art.published):
        oa, ob = t.to_original(a, b)
        oa, ob = oa + sa, ob + sa
        if not any(c[0] < ob and oa < c[1] for c in cands):
            cands.append((oa, ob, iv[0], iv[1], None))
    if not cands:
        return False, None, None, ()
    before = [c for c in cands if c[1] <= at]
    c = max(before, key=lambda c: c[1]) if before else min(cands, key=lambda c: c[0])
    # «آذر امسال», «ژانویه ۲۰۲۳»: of two times written side by side, the narrower one.
    near = [d for d in cands if d is not c and (abs(d[0] - c[1]) <= 3 or abs(c[0] - d[1]) <= 3)
            and c[2] <= d[2] and d[3] <= c[3]]
    if near:
        c = min(near, key=lambda d: d[3] - d[2])
    alts = ()
    if c[4] is not None:
        alts = tuple((o, o) for o in _adjacent_days(c[4], sents, art.text, months) if o != c[2])
    return True, min(c[2], c[3]), max(c[2], c[3]), alts


def _gregorian_relative(d: Mention, text: str, published: str | None, words: "TimeWords") -> tuple[int, int] | None:
    """«ماه گذشته میلادی»: a relative month the text says is Gregorian (the date layer counts
    Jalali months)."""
    rel = d.extra.get("relative") or ""
    mm = re.fullmatch(r"([+-]?\d+) month", rel)
    pub = _ord(published)
    if not mm or pub is None or not words.gregorian_after.match(fold(text[d.end:d.end + 12])):
        return None
    p = date.fromordinal(pub)
    k = p.year * 12 + (p.month - 1) + int(mm.group(1))
    y, mo = divmod(k, 12)
    a = date(y, mo + 1, 1)
    b = (date(y + 1, 1, 1) if mo == 11 else date(y, mo + 2, 1)) - timedelta(days=1)
    return a.toordinal(), b.toordinal()


def _adjacent_days(m: Mention, sents: _Sentences, text: str, words: "TimeWords") -> list[int]:
    """Days written next to ``m`` as the same day: «۱۵ مهر ۱۳۹۴ (۸ اکتبر ۲۰۱۵)», «… مصادف با …»."""
    out = []
    for o in sents.within(m.end, m.end + 30):
        if o is not m and _is_day(o) and words.same_day_gap.match(fold(text[m.end:o.start])):
            d = _ord(o.value)
            if d is not None:
                out.append(d)
            break
    for o in reversed(sents.within(max(0, m.start - 60), m.start)):
        if o is not m and _is_day(o) and o.end <= m.start and words.same_day_gap.match(fold(text[o.end:m.start])):
            d = _ord(o.value)
            if d is not None:
                out.append(d)
            break
    return out


_CLAUSE_BEFORE = re.compile(r"[،;:؛!?؟\n«»\"]|(?<!\d)[.,]|[.,](?!\d)")   # not «۵.۹», "1,500"
_CLAUSE_AFTER = _CLAUSE_BEFORE
NUMERIC = ("number", "percent", "quantity", "money", "fraction")
COUNTS = ("number", "percent")
_SENTENCE_MARK = re.compile(r"[;:؛!?؟\n«»\"]|(?<!\d)\.|\.(?!\d)")      # what ends the words around another number («۱۲ نفر کشته و ۸۰ نفر زخمی»)


def _windows(text: str, start: int, end: int, sa: int, sb: int, sents: "_Sentences",
             words: int = CLAUSE_WORDS, clause: bool = True) -> tuple[str, str]:
    """The clause's words before and after a number (normalized), up to the next other count
    (a measured amount in between, «زلزله ۵٫۹ ریشتری», does not end them)."""
    for m in sents.within(sa, start):
        if m.kind in COUNTS and m.end <= start:
            sa = max(sa, m.end)
    for m in sents.within(end, sb):
        if m.kind in COUNTS and m.start >= end:
            sb = min(sb, m.start)
            break
    before = text[sa:start]
    cut = [m.end() for m in (_CLAUSE_BEFORE if clause else _SENTENCE_MARK).finditer(before)]
    if cut:
        before = before[cut[-1]:]
    after = text[end:sb] if sb > end else ""
    m = _CLAUSE_AFTER.search(after)
    if m:
        after = after[:m.start()]
    bw = normalize(before).normalized.split()
    aw = normalize(after).normalized.split()
    return " ".join(bw[-words:]), " ".join(aw[:words])


def _last(it) -> Any:
    out = None
    for x in it:
        out = x
    return out


class _ClaimReader:
    def __init__(self, rules: CompareRules) -> None:
        self.r = rules

    # -- what a fact is about
    def _clean_measure(self, key: str, kind: str = "number") -> str | None:
        """«نرخ تورم/eases» -> «نرخ تورم»; «نرخ تورم/annual» -> «نرخ تورم/سالانه»."""
        if "/" not in key:
            return key
        head, _, qual = key.partition("/")
        implied = self.r.implied_key.get(qual)
        if implied is not None and self.r.generic_measure.get(head) is not None:
            # «شمار جان‌باختگان», «آمار قربانیان»: the toll itself, if the figure is a count
            return str(implied.value) if kind == "number" else None
        q = self.r.qualifier.get(qual)
        if q is not None:
            return f"{head}/{q.value}"
        if self.r.junk.get(qual) is not None or qual.isascii() or self.r.generic.get(qual) is not None:
            return head
        return key

    def _needs_context(self, key: str) -> bool:
        return (self.r.generic.get(key) is not None or self.r.junk.get(key) is not None
                or (key.isascii() and len(key) <= 2))

    def _from_context(self, kind: str, before: str, after: str) -> str | None:
        """What an unnamed figure is of, from its clause. A count: a word of implied_subject after
        the number («۱۲ نفر کشته شدند»), else before it («شمار جان‌باختگان … به ۹ نفر رسید»).
        A percent or amount: a measure of rules/facts.rules before it («نرخ تورم سالانه … به ۴۵٫۲
        درصد رسیده»), with a qualifier right after the measure."""
        if kind == "number":
            after = self.r.clause_and.split(f" {after} ")[0]    # «۱۲ نفر کشته و ۸۰ نفر زخمی»
            hit = next(iter(self.r.implied.finditer(after)), None) or _last(self.r.implied.finditer(before))
            return str(hit[2].value) if hit is not None else None
        # an apposition («نرخ تورم نقطه‌ای، یعنی درصد تغییر شاخص قیمت …، در آذر ۳۹٫۴ درصد») is not the measure
        before = "،".join(p for p in before.split("،") if not self.r.apposition.match(p.strip()))
        mh = _last(self.r.measure.finditer(before))
        if mh is None:
            return None
        key = str(mh[2].value)
        rest = before[mh[1]:]
        q = next(iter(self.r.qual_text.finditer(rest)), None)
        if q is not None and not rest[:q[0]].strip():
            key += f"/{q[2].value}"
        return key

    def subject(self, fact, m: Mention | None, text: str, sents: "_Sentences") -> str | None:
        key = self._clean_measure(str(fact.subject.get("key") or ""), fact.kind)
        if not key:
            return None
        if "/" not in key and fact.span[0] < (m.start if m is not None else fact.span[0]):
            # "annual inflation rate … 45.2 percent": an English qualifier comes before the measure
            words = normalize(text[max(fact.sentence[0], fact.span[0] - 30):fact.span[0]]).normalized.split()
            q = self.r.qualifier.get(words[-1]) if words else None
            if q is not None and self.r.measure_key.get(key) is not None:
                key = f"{key}/{q.value}"
        implied = self.r.implied_key.get(key) if "/" not in key else None
        if implied is not None:
            return str(implied.value)          # «۱۶۵ شهید», «۹۵ مجروح»: a toll word the facts stage kept
        if fact.kind == "number" and m is not None:
            pre = normalize(text[max(fact.sentence[0], m.start - 20):m.start]).normalized
            hit = _last(self.r.toll_before.finditer(pre))
            if hit is not None and not pre[hit[1]:].strip():   # «شهادت ۵۳ دانش‌آموز»
                toll = str(hit[2].value)
                return toll if self._needs_context(key.split("/")[0]) else f"{toll}/{key}"
        if not self._needs_context(key.split("/")[0]):
            return key
        pred = (fact.predicate or {}).get("key")
        e = self.r.implied_key.get(pred)
        if e is not None:
            return str(e.value)
        a, b = (m.start, m.end) if m is not None else fact.span
        return self.context_key(fact.kind, text, a, b, fact.sentence[0], fact.sentence[1], sents)

    def context_key(self, kind: str, text: str, a: int, b: int, sa: int, sb: int, sents: "_Sentences") -> str | None:
        """What an unnamed figure at [a, b) is of: a count from its clause, a measured figure
        (percent, amount) from a measure earlier in its sentence («نرخ تورم نقطه‌ای، یعنی …، در آذر
        ماه ۳۹٫۴ درصد»)."""
        if kind == "number":
            before, after = _windows(text, a, b, sa, sb, sents)
        else:
            before, after = _windows(text, a, b, sa, sb, sents, words=25, clause=False)
        return self._from_context(kind, before, after)

    # -- one article
    def read(self, article: Article, seq: int = 0) -> list[Claim]:
        sents = _Sentences(article)
        out: list[Claim] = []
        in_facts: set[str] = set()
        for f in article.facts:
            in_facts.update(f.mentions)
            c = self.from_fact(f, article, sents, seq)
            if c is not None:
                out.append(c)
        out.extend(self.tolls(article, sents, in_facts, seq))
        out.extend(self.orphans(article, sents, in_facts, seq))
        out.extend(self.events(article, sents, seq))
        out.extend(self.weekdays(article, sents, seq))
        return out

    def is_partial(self, text: str, end: int) -> bool:
        """«۲۳ نفر از مصدومان …», «۵۰۰ چادر دیگر»: a part of, or an addition to, another figure."""
        after = normalize(text[end:end + 40]).normalized
        hit = next(iter(self.r.partial.finditer(after)), None)
        return hit is not None and not after[:hit[0]].strip()

    def is_change(self, f, text: str, m: Mention | None = None) -> bool:
        """«۱۲ درصد افزایش», «افزایش ۳۸ درصدی»: the figure is a change, not a level."""
        if self.r.change_key.get(str(f.subject.get("key") or "").split("/")[-1]) is not None:
            return True
        after = normalize(text[f.span[1]:f.span[1] + 30]).normalized
        hit = next(iter(self.r.change.finditer(after)), None)
        if hit is not None and not after[:hit[0]].strip():
            return True
        if m is not None:
            before = normalize(text[max(f.sentence[0], m.start - 20):m.start]).normalized
            hit = _last(self.r.change.finditer(before))
            return hit is not None and not before[hit[1]:].strip()
        return False

    def is_hypothetical(self, text: str, a: int, b: int, sa: int, sb: int, sents: "_Sentences") -> bool:
        """A projection, target or condition in the figure's clause, or a superlative before it."""
        before, after = _windows(text, a, b, sa, sb, sents)
        words = []
        for w in after.split()[:4]:              # «… ۴۰ درصد رسیده بود و پیش‌بینی می‌کنیم …»: another clause
            if w.lower() in self.r.and_words:
                break
            words.append(w)
        after = " ".join(words)
        hits = [h for h in self.r.projection.finditer(before) if getattr(h[2].attrs.get("where"), "name", None) != "after"]
        return (bool(hits) or next(iter(self.r.projection.finditer(after)), None) is not None
                or next(iter(self.r.superlative.finditer(before)), None) is not None)

    def from_fact(self, f, article: Article, sents: _Sentences, seq: int) -> Claim | None:
        m = sents.by_id.get(f.mentions[0]) if f.mentions else None
        if self.is_partial(article.text, f.span[1]) or self.is_change(f, article.text, m):
            return None
        a, b = (m.start, m.end) if m is not None else f.span
        if self.is_hypothetical(article.text, a, b, f.sentence[0], f.sentence[1], sents):
            return None
        key = self.subject(f, m, article.text, sents)
        if not key:
            return None
        if f.kind in ("money", "quantity"):
            before, _ = _windows(article.text, a, b, f.sentence[0], f.sentence[1], sents, words=6)
            per = self.r.per_item_key
            if next(iter(self.r.per_item.finditer(before)), None) is not None and not key.endswith(per):
                key += per               # «قیمت هر دستگاه ۹۰ میلیارد تومان»: per item, not a total
        ex = m.extra if m is not None else {}
        if ex.get("base_unit"):
            unit = str(ex["base_unit"])
            iv = ex.get("base_interval") or (ex.get("base_value"), ex.get("base_value"))
            value = ex.get("base_value")
            precision = ex.get("base_precision")
        else:
            unit = "percent" if f.kind == "percent" else (f.unit or "count")
            iv = f.interval or (f.value, f.value)
            value = f.value
            precision = f.precision
        lo, hi = _num(iv[0]), _num(iv[1])
        if lo is None and hi is None:
            return None
        flo, fhi, lop, hip = _widen(lo, hi, _num(precision))
        strong, tlo, thi, alts = _stated_time(f, m, sents, self.r.months)
        pred = (f.predicate or {}).get("key")
        stated = ()
        if m is not None and m.extra.get("base_unit"):
            stated = (_num(m.value), _num(m.interval[0]) if m.interval else None, _num(m.interval[1]) if m.interval else None,
                      str(m.extra.get("unit") or ""), str(m.extra.get("unit_text") or m.extra.get("unit") or ""))
        mono = self.r.monotone.get(key) or self.r.monotone.get(key.split("/")[0]) or self.r.monotone.get(pred)
        series = mono.origin if mono is not None else None
        window = mono.attrs.get("window") if mono is not None else None
        mutable = self.r.mutable.get(key) is not None
        period = next((d for d in sents.within(f.sentence[0], f.span[0]) if d.kind == "date" and d.extra.get("range")
                       and d.interval and _ord(d.interval[0]) is not None and _ord(d.interval[1]) is not None), None)
        if period is not None:   # «از ۳۰ سپتامبر تا ۱۵ مهر … ١١٢ هدف»: a total over a period
            strong, tlo, thi, alts = True, _ord(period.interval[0]), _ord(period.interval[1]), ()
        running = period is not None or bool(f.cumulative) and (bool((f.time or {}).get("interval")) or next(iter(
            self.r.running.finditer(normalize(article.text[f.sentence[0]:f.sentence[1]]).normalized)), None) is not None)
        loose = not pred and bool(self.r.months.locative.search(normalize(article.text[max(0, f.span[0] - 6):f.span[0]]).normalized))
        span_of = None
        if f.cumulative and not running and m is not None:
            lo_ = f.sentence[0]
            for d in sents.within(f.sentence[0], m.start):
                if d.kind in NUMERIC:
                    lo_ = d.end
            span_of = next((_num(d.value) for d in reversed(sents.within(lo_, m.start)) if d.kind == "duration"), None)
        head = key.split("/")[0]
        named = (_kfold(head) in self.r.named and (unit != "percent" or self.r.rate.get(head) is not None)
                 and not ("/" not in key and self.r.bare.get(head) is not None))
        return Claim(
            article.id, article.published, f.id, f.kind, key, str(f.subject.get("text") or key), pred, unit,
            flo, fhi, lop, hip, _num(value) if value is not None else None,
            [lo, hi], f.hedge, _figure(lo, hi, value, f.hedge), strong, tlo, thi, alts,
            series, int(window) if isinstance(window, (int, float)) and not isinstance(window, bool) else None,
            running, mutable, f.span[0], f.span[1], article.text[f.span[0]:f.span[1]],
            f.attribution, f.rule, seq, loose, stated, span_of, (), tuple(f.sentence), named)

    def tolls(self, article: Article, sents: _Sentences, in_facts: set[str], seq: int) -> list[Claim]:
        """"has risen to 41", «به ۴۱ رسید»: a toll whose number was not made a fact."""
        out = []
        text = article.text
        for m in article.mentions:
            if m.kind != "number" or m.id in in_facts or m.value is None and m.interval is None:
                continue
            pre = normalize(text[max(0, m.start - 6):m.start]).normalized
            if not self.r.reached.search(pre):
                continue
            sa, sb = _sentence_span(text, m.start, m.end)
            before, after = _windows(text, m.start, m.end, sa, sb, sents, words=24)
            ih = _last(self.r.implied.finditer(before))
            rise = next(iter(self.r.rise.finditer(before + " " + after)), None)
            if ih is None or rise is None:
                continue
            key = str(ih[2].value)
            lo, hi = (_num(m.interval[0]), _num(m.interval[1])) if m.interval else (_num(m.value),) * 2
            flo, fhi, lop, hip = _widen(lo, hi, _num(m.precision))
            mono = self.r.monotone.get(key)
            out.append(Claim(
                article.id, article.published, f"t{len(out) + 1}", "number", key, ih[2].forms[0], None, "count",
                flo, fhi, lop, hip, _num(m.value), [lo, hi], m.hedge, _figure(lo, hi, m.value, m.hedge),
                False, None, None, (), mono.origin if mono is not None else None, None, True, False,
                m.start, m.end, text[m.start:m.end], None, rise[2].origin, seq, sentence=(sa, sb)))
        return out

    def orphans(self, article: Article, sents: _Sentences, in_facts: set[str], seq: int) -> list[Claim]:
        """A percent or amount the facts stage left without a subject, with a measure of
        rules/facts.rules earlier in its sentence: «نرخ تورم سالانه … در آذر ۱۴۰۲ به ۴۵٫۲ درصد رسیده»."""
        from ...claims.facts import Fact
        out = []
        text = article.text
        for m in article.mentions:
            if m.kind not in ("percent", "quantity", "money") or m.id in in_facts:
                continue
            if m.value is None and not m.interval:
                continue
            sa, sb = _sentence_span(text, m.start, m.end)
            key = None
            if m.kind == "money":
                pre = normalize(text[max(sa, m.start - 20):m.start]).normalized
                hit = _last(self.r.valued.finditer(pre))
                if hit is not None and not pre[hit[1]:].strip():
                    key = str(hit[2].value)     # «قرارداد ۳۶ هزار میلیارد تومانی»: the contract's value
            key = key or self.context_key(m.kind, text, m.start, m.end, sa, sb, sents)
            if not key:
                continue
            f = Fact(id=f"o{len(out) + 1}", subject={"key": key, "text": key}, predicate=None, value=m.value,
                     interval=m.interval, unit=m.extra.get("unit") or ("percent" if m.kind == "percent" else None),
                     precision=m.precision, hedge=m.hedge, time={"source": "unknown"}, cumulative=False, as_of=None,
                     attribution=None, span=(m.start, m.end), sentence=(sa, sb), mentions=(m.id,), rule=m.rule,
                     kind=m.kind)
            c = self.from_fact(f, article, sents, seq)
            if c is not None:
                out.append(c)
        return out

    def events(self, article: Article, sents: _Sentences, seq: int) -> list[Claim]:
        """«حملات از ۳۰ سپتامبر آغاز شد»: the date an event started (or ended) on."""
        out = []
        text = article.text
        for m in article.mentions:
            if not _is_day(m):
                continue
            d = _ord(m.value)
            if d is None:
                continue
            sa, sb = _sentence_span(text, m.start, m.end)
            after = normalize(text[m.end:min(sb, m.end + 120)]).normalized
            before = normalize(text[max(sa, m.start - 100):m.start]).normalized
            verb = next(iter(self.r.event_verb.finditer(after)), None)
            noun = None
            if verb is not None and len(after[:verb[0]].split()) <= 10:
                noun = _last(self.r.event_noun.finditer(after[:verb[0]])) or _last(self.r.event_noun.finditer(before))
            else:
                verb = _last(self.r.event_verb.finditer(before))
                if verb is not None and len(before[verb[1]:].split()) <= 8:
                    noun = next(iter(self.r.event_noun.finditer(before[verb[1]:])), None)
                    noun = noun or next(iter(self.r.event_noun.finditer(after[:60])), None)
            if verb is None or noun is None:
                continue
            key, pred = str(noun[2].value), str(verb[2].value)
            out.append(Claim(
                article.id, article.published, f"e{len(out) + 1}", "event", key, noun[2].forms[0], pred, "date",
                d - 0.5, d + 0.5, True, True, d, [d, d], None, float(d), False, None, None, (),
                None, None, False, False, m.start, m.end, m.text, None, verb[2].origin, seq, sentence=(sa, sb)))
        return out

    def weekdays(self, article: Article, sents: _Sentences, seq: int) -> list[Claim]:
        """«روز سه‌شنبه ۱۵ مهر»: the weekday an article gives a day."""
        out = []
        text = article.text
        ms = sents.mentions
        for i, m in enumerate(ms):
            if not _is_day(m):
                continue
            wd, a, b = m.extra.get("weekday"), m.start, m.end
            if wd is None:   # «امروز چهارشنبه»: a weekday written right after a relative day
                nxt = ms[i + 1] if i + 1 < len(ms) else None
                if nxt is not None and nxt.kind == "weekday" and not text[m.end:nxt.start].strip():
                    wd, b = nxt.value, nxt.end
            if not isinstance(wd, int):
                continue
            d = _near_publication(m, article.published) if m.extra.get("year_inferred") else _ord(m.value)
            if d is None:
                continue
            out.append(Claim(
                article.id, article.published, f"w{len(out) + 1}", "weekday", self.r.weekday_key, self.r.weekday_key, None,
                "weekday", wd - 0.5, wd + 0.5, True, True, wd, [wd, wd], None, float(wd), True, d, d, (),
                None, None, False, False, a, b, text[a:b], None, m.rule, seq))
        return out


def _near_publication(m: Mention, published: str | None) -> int | None:
    """A year-less day («روز سه‌شنبه ۲۴ آبان») in the year that puts it nearest the publication date.

    The date layer may move a year-less day to a year whose weekday fits the stated one; to
    compare weekdays across articles the day must be the one the article is about."""
    st = m.extra.get("stated") or {}
    pub = _ord(published)
    cal = m.extra.get("calendar")
    if pub is None or "month" not in st or "day" not in st or cal not in ("jalali", "gregorian"):
        return _ord(m.value)
    py = date.fromordinal(pub).year
    best = None
    for y in range(py - 2, py + 2):
        try:
            if cal == "gregorian":
                o = date(y, st["month"], st["day"]).toordinal()
            else:
                import jdatetime
                o = jdatetime.date(y - 621, st["month"], st["day"]).togregorian().toordinal()
        except (ValueError, OverflowError):
            continue
        if best is None or abs(o - pub) < abs(best - pub):
            best = o
    return best if best is not None else _ord(m.value)


_SENT_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?؟\n]")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and not _SENT_END.match(text[a - 1]):
        a -= 1
    m = _SENT_END.search(text, end)
    return a, (m.end() if m else len(text))


def claims_of(article: Article, rules: CompareRules, seq: int = 0) -> list[Claim]:
    """Every comparable claim of one article (facts, tolls, event dates, weekdays)."""
    return _ClaimReader(rules).read(article, seq)


# --- findings -----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Finding:
    code: str                     # contradiction | agreement | update
    severity: str
    message: dict                 # {"fa", "en"}
    claims: tuple[Claim, ...]
    rule: str

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "claims": [c.claim_dict() for c in self.claims], "rule": self.rule}


@dataclass
class Comparison:
    contradictions: list[Finding] = field(default_factory=list)
    agreements: list[Finding] = field(default_factory=list)
    updates: list[Finding] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)
    articles: list = field(default_factory=list)
    claims: int = 0
    ledger_claims: list = field(default_factory=list, repr=False)   # per ledger entry: [(Claim, status)]
    rules: Any = field(default=None, repr=False)

    def show(self, claim: Claim, lang: str = "fa") -> str:
        """A claim's value as the messages write it («۱٫۴ میلیون بشکه در روز», "about 25")."""
        return _show(claim, lang == "fa", self.rules)

    def to_dict(self, articles: bool = True) -> dict:
        d: dict[str, Any] = {}
        if articles:
            d["articles"] = [a.to_dict() for a in self.articles]
        d["contradictions"] = [f.to_dict() for f in self.contradictions]
        d["agreements"] = [f.to_dict() for f in self.agreements]
        d["updates"] = [f.to_dict() for f in self.updates]
        d["ledger"] = self.ledger
        return d

    def worst(self) -> str | None:
        sev = {f.severity for f in self.contradictions}
        return "error" if "error" in sev else ("warning" if "warning" in sev else None)


# --- number and message formatting ---------------------------------------------------------------------

def _fmt(x: float | None, fa: bool) -> str:
    if x is None or math.isinf(x):
        return "∞"
    if abs(x - round(x)) < 1e-9:
        s = f"{int(round(x)):,}"
    else:
        s = f"{x:,.6f}".rstrip("0").rstrip(".")
    return s.translate(_FA_DIGITS) if fa else s


_NO_RULES_UNITS = Labels({}, "unit_name")


def _weekday_name(wd: int, fa: bool, rules: "CompareRules | None") -> str:
    if fa and rules is not None and wd in rules.weekday_fa:
        return rules.weekday_fa[wd]
    return WEEKDAYS_EN[wd]


def _hedge_word(hedge: str, fa: bool, rules: "CompareRules | None") -> str:
    """«حدود», "about": how a hedge is written (its first spelling in lexicon `hedge`)."""
    words = rules.hedge_words.get(hedge) if rules is not None else None
    return words[0 if fa else 1] if words else hedge


def _show(c: Claim, fa: bool, rules: "CompareRules | None" = None) -> str:
    if c.unit == "date":
        return _fmt_day(int(c.figure), fa)
    if c.unit == "weekday":
        return _weekday_name(int(c.figure) % 7, fa, rules)
    lo, hi = c.interval if c.interval else (None, None)
    unit_fa, unit_en = (rules.unit_names if rules is not None else _NO_RULES_UNITS).pair(c.unit)
    value = c.value
    if c.stated:   # as the text says it: «۱٫۴ میلیون بشکه در روز», not litres per second
        value, lo, hi = c.stated[0], c.stated[1], c.stated[2]
        unit_en = c.stated[3]
        unit_fa = (rules.unit_fa.get(unit_en) if rules is not None else None) or c.stated[4] or unit_en
        figure = _figure(lo, hi, value, c.hedge)
    else:
        figure = c.figure
    if value is not None:
        s = _fmt(value, fa)
    elif c.hedge in ("ge", "gt"):
        s = f"{_hedge_word(c.hedge, fa, rules)} {_fmt(lo, fa)}"
    elif c.hedge in ("le", "lt"):
        s = f"{_hedge_word(c.hedge, fa, rules)} {_fmt(hi, fa)}"
    elif c.hedge == "around":
        s = f"{_hedge_word(c.hedge, fa, rules)} {_fmt(figure, fa)}"
    else:
        s = f"{_fmt(lo, fa)}–{_fmt(hi, fa)}"
    u = unit_fa if fa else unit_en
    return f"{s} {u}" if u else s


def _fmt_day(o: int, fa: bool) -> str:
    s = date.fromordinal(o).isoformat()
    return s.translate(_FA_DIGITS) if fa else s


def _participle(pred: str | None, rules: CompareRules) -> str:
    """«شلیک کردن» -> «شلیک‌شده», «هدف قرار گرفتن» -> «هدف قرار گرفته» (lexicon `participle`)."""
    if not pred:
        return ""
    head, sep, last = pred.rpartition(" ")
    if sep and last in rules.participle_words:
        return head + ZWNJ + rules.participle_words[last]
    for ending, repl in rules.participle_endings:
        if pred.endswith(ending):
            return pred[: -len(ending)] + repl
    return pred


def _what(c: Claim, rules: CompareRules, fa: bool) -> str:
    subj = c.key.replace("/", " ") if fa else rules.en(c.key)
    pred = _participle(c.predicate, rules) if fa else rules.en(c.predicate) if c.predicate else ""
    return f"{subj} {pred}".strip()


def _when(a: Claim, b: Claim, fa: bool, rules: CompareRules) -> str:
    """«در ۲۰۱۵-۱۰-۰۷», "on 2015-10-07": the day both claims say, else nothing."""
    if a.strong and b.strong and a.tlo is not None and b.tlo is not None and a.unit not in ("weekday",):
        lo, hi = max(a.tlo, b.tlo), min(a.thi, b.thi)
        if lo == hi:
            return rules.messages.fill("on_day", "fa" if fa else "en", day=_fmt_day(lo, fa))
    return ""


def _when_pub(c: Claim, fa: bool) -> str:
    p = c.published or "?"
    return p.translate(_FA_DIGITS) if fa else p


# --- deciding -------------------------------------------------------------------------------------------

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


class _Decider:
    def __init__(self, rules: CompareRules, story: bool) -> None:
        self.r = rules
        self.story = story
        self.out = Comparison()
        self.seen: set[tuple] = set()

    # time windows as date ordinals
    def windows(self, c: Claim) -> list[tuple[float, float]]:
        pub = _ord(c.published)
        if c.kind == "weekday":
            return [(c.tlo, c.thi)]
        if c.strong and c.tlo is not None:
            ws = [(c.tlo, c.thi)] + list(c.alts)
            if c.series or c.cumulative:
                return [(lo - SERIES_WINDOW, hi + SERIES_WINDOW) for lo, hi in ws]
            return ws
        if pub is None:
            return [(-math.inf, math.inf)]
        if c.mutable:
            return [(pub, pub)]
        w = STORY_WINDOW if self.story else (STORE_SERIES_WINDOW if (c.series or c.cumulative) else STORE_WINDOW)
        return [(pub - w, pub)]

    @staticmethod
    def _overlap(wa, wb) -> bool:
        return any(a0 <= b1 and b0 <= a1 for a0, a1 in wa for b0, b1 in wb)

    def run(self, claims: list[Claim]) -> Comparison:
        claims = _dedupe(claims)
        _mark_ambiguous(claims)
        self.out.claims = len(claims)
        groups: dict[tuple[str, str], list[Claim]] = {}
        for c in claims:
            # A running total («تاکنون ۱۱۲ هدف») is another figure than the day's count («۱۱ هدف»),
            # unless the key is a total by nature (a toll: `monotone`).
            groups.setdefault((c.key, c.unit, None if c.series else c.cumulative), []).append(c)
        for group in self.by_period(groups.values()):
            if len({c.article for c in group}) < 2 or not any(c.new for c in group):
                continue
            preds = sorted({c.predicate for c in group if c.predicate})
            subgroups = [group] if len(preds) <= 1 else [
                [c for c in group if c.predicate in (p, None)] for p in preds]
            for sub in subgroups:
                for comp in self.components(sub):
                    if len({c.article for c in comp}) >= 2 and any(c.new for c in comp):
                        self.decide(comp)
        return self.out

    @staticmethod
    def by_period(groups):
        """Totals over different periods («۲۸ روز», «دو ماه») are different figures; a total that
        names no period joins the one period its group names, else it stays apart."""
        for group in groups:
            periods = {c.period for c in group if c.period is not None}
            if len(periods) <= 1:
                yield group
                continue
            parts: dict = {}
            for c in group:
                parts.setdefault(c.period, []).append(c)
            yield from parts.values()

    def components(self, claims: list[Claim]) -> list[list[Claim]]:
        """Claims whose time windows overlap, chained: sort by window start and sweep."""
        items = []
        wins = {}
        for i, c in enumerate(claims):
            ws = self.windows(c)
            wins[i] = ws
            for lo, hi in ws:
                items.append((lo, hi, i))
        items.sort(key=lambda t: (t[0], t[1]))
        parent = list(range(len(claims)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        # Sweep: a window that starts before the current group's end joins it, unless it starts
        # more than MAX_GROUP_DAYS after the group's first window (daily reports on one subject
        # would otherwise chain a whole archive into one group; a story's figures are days or
        # weeks apart).
        cur_hi, cur, cur_lo = -math.inf, None, -math.inf
        for lo, hi, i in items:
            if cur is not None and lo <= cur_hi and (math.isinf(cur_lo) or lo - cur_lo <= MAX_GROUP_DAYS):
                parent[find(i)] = find(cur)
                cur_hi = max(cur_hi, hi)
            else:
                cur, cur_hi, cur_lo = i, hi, lo
        comps: dict[int, list[Claim]] = {}
        for i, c in enumerate(claims):
            comps.setdefault(find(i), []).append(c)
        self._wins = {id(c): wins[i] for i, c in enumerate(claims)}
        return list(comps.values())

    def time_ok(self, a: Claim, b: Claim) -> bool:
        return self._overlap(self._wins[id(a)], self._wins[id(b)])

    def decide(self, comp: list[Claim]) -> None:
        comp.sort(key=lambda c: (c.published or "", c.seq, c.start))
        series = any(c.series or c.cumulative for c in comp)
        statuses = self.series(comp) if series else self.plain(comp)
        self.ledger(comp, statuses, series)

    # plain figures: disjoint = contradiction, overlap = agreement
    def plain(self, comp: list[Claim]) -> dict[int, str]:
        classes: dict[tuple, list[Claim]] = {}
        for c in comp:
            classes.setdefault((c.lo, c.hi, c.lo_open, c.hi_open), []).append(c)
        cls = list(classes.values())
        first = comp[0]
        status = {id(c): ("agrees" if not _disjoint(c, first) else "differs") for c in comp}
        status[id(first)] = "first"
        for members in cls:
            self.agree(members, members)
        # An undated claim that agrees with a dated one belongs to that date: it does not
        # contradict claims of another date («۱.۴ میلیون» with February, not January's 1.25).
        dated = [c for c in comp if c.strong]
        anchors = {id(c): [d for d in dated if not _disjoint(c, d)] for c in comp if not c.strong} if dated else {}

        def anchored_elsewhere(w: Claim, other: Claim) -> bool:
            return any(not self.time_ok(d, other) for d in anchors.get(id(w), ()))

        for i in range(len(cls)):
            for j in range(i + 1, len(cls)):
                A, B = cls[i], cls[j]
                if _disjoint(A[0], B[0]):
                    for a in A:
                        for b in B:
                            if (a.article != b.article and (a.new or b.new) and self.time_ok(a, b)
                                    and not anchored_elsewhere(a, b) and not anchored_elsewhere(b, a)):
                                self.contradict(a, b, self.plain_verdict(a, b))
                else:
                    self.agree(A, B)
        return status

    def series(self, comp: list[Claim]) -> dict[int, str]:
        """A running total in publication order: rises are updates, falls contradictions."""
        comp.sort(key=lambda c: (not c.published, c.published or "", c.figure, c.seq, c.start))
        levels: list[list[Claim]] = []
        status: dict[int, str] = {}
        first_pub = _ord(comp[0].published)
        for c in comp:
            if not levels:
                levels.append([c])
                status[id(c)] = "first"
                continue
            level = levels[-1]
            rep = level[0]
            if not c.published or not rep.published:
                # no publication date: no order, so neither an update nor a fall can be told
                if not _disjoint(c, rep):
                    level.append(c)
                status[id(c)] = "agrees" if not _disjoint(c, rep) else "differs"
                continue
            rise_ok = self.rise_ok(c, first_pub)
            if not _disjoint(c, rep):
                if _fig_above(c, rep) and rep.hedge in ("ge", "gt") and rise_ok:
                    self.update(level, c)
                    levels.append([c])
                    status[id(c)] = "update"
                else:
                    level.append(c)
                    status[id(c)] = "agrees"
            elif _above(c, rep):
                if rise_ok:
                    self.update(level, c)
                    levels.append([c])
                    status[id(c)] = "update"
                else:
                    for a in level:
                        if a.article != c.article and (a.new or c.new):
                            self.contradict(a, c, self.plain_verdict(a, c))
                    status[id(c)] = "contradicts"
            else:
                for a in level:
                    if a.article != c.article and (a.new or c.new):
                        if c.series:
                            self.contradict(a, c, "fell_hedged" if _hedged(a) or _hedged(c) else "fell", fell=True)
                        else:
                            self.contradict(a, c, self.plain_verdict(a, c))
                status[id(c)] = "contradicts"
        for level in levels:
            self.agree(level, level)
        return status

    @staticmethod
    def plain_verdict(a: Claim, b: Claim) -> str | None:
        """How sure a disagreement is. Both claims say when, or both name the same action: sure
        (an error unless a figure is hedged). Otherwise a warning when one of them names its
        action, or the figure is an amount with a unit (or a rate, for a percent) of a thing the
        lexicons name. A bare count that names no action on either side, or a figure of a word
        the facts stage guessed, is not reported (the ledger still shows both values); nor is a
        count that is only a place («در دو روستا»)."""
        if a.loose or b.loose:
            return None
        if a.kind in ("weekday", "event"):
            return "disjoint"
        if _vague_below(a, b) or _vague_below(b, a):
            return None
        sure = (a.strong and b.strong) or bool(a.predicate and a.predicate == b.predicate)
        some = bool(a.predicate or b.predicate) or (a.unit != "count" and a.named and b.named)
        if not some:
            return None
        if _hedged(a) or _hedged(b):
            return "disjoint_hedged"
        return "disjoint" if sure else "disjoint_weak"

    def rise_ok(self, c: Claim, first_pub: int | None) -> bool:
        if c.series is None:
            return c.cumulative          # a total that is not declared monotone rises only where it says «تاکنون»
        e = self.r.monotone.get(c.key) or self.r.monotone.get(c.key.split("/")[0]) or self.r.monotone.get(c.predicate)
        w = e.attrs.get("window") if e is not None else None
        if isinstance(w, (int, float)) and not isinstance(w, bool) and first_pub is not None:
            p = _ord(c.published)
            return p is None or p - first_pub <= w
        return True

    # findings
    def contradict(self, a: Claim, b: Claim, verdict: str | None, fell: bool = False) -> None:
        if verdict is None:
            return
        if (a.published or "", a.seq, a.start) > (b.published or "", b.seq, b.start) and not fell:
            a, b = b, a
        k = ("c", id(a), id(b))
        if k in self.seen or ("c", id(b), id(a)) in self.seen:
            return
        self.seen.add(k)
        sev, rule = self.r.verdict(verdict if a.kind != "weekday" else "weekday")
        if a.kind == "event":
            sev, rule = self.r.verdict("event_date")
        if fell and a.series:
            rule = a.series if verdict == "fell" else rule
        self.out.contradictions.append(Finding("contradiction", sev, self.message(a, b, fell), (a, b), rule))

    def update(self, level: list[Claim], c: Claim) -> None:
        prev = level[0]
        if not (prev.new or c.new) or prev.article == c.article:
            return
        k = ("u", id(prev), id(c))
        if k in self.seen:
            return
        self.seen.add(k)
        _, rule = self.r.verdict("rose")
        rule = c.series or rule
        msg = {lang: self.msg("update", lang, what=_what(c, self.r, lang == "fa"), **self._pair(prev, c, lang == "fa"))
               for lang in ("fa", "en")}
        self.out.updates.append(Finding("update", "info", msg, (prev, c), rule))

    def agree(self, A: list[Claim], B: list[Claim]) -> None:
        members: dict[str, Claim] = {}
        for c in list(A) + list(B):
            members.setdefault(c.article, c)
        if len(members) < 2 or not any(c.new for c in members.values()):
            return
        k = ("a",) + tuple(sorted(id(c) for c in members.values()))
        if k in self.seen:
            return
        self.seen.add(k)
        _, rule = self.r.verdict("overlap")
        ms = list(members.values())
        c0 = ms[0]
        n = len(ms)
        msg = {}
        for lang in ("fa", "en"):
            fa = lang == "fa"
            what = _what(c0, self.r, fa)
            if A is B:
                msg[lang] = self.msg("agreement", lang, outlets=_fmt(n, fa), value=_show(c0, fa, self.r), what=what)
            else:
                values = self.r.messages.get("values_joiner", lang).join(dict.fromkeys(_show(c, fa, self.r) for c in ms))
                msg[lang] = self.msg("compatible", lang, values=values, what=what, outlets=_fmt(n, fa))
        self.out.agreements.append(Finding("agreement", "info", msg, tuple(ms), rule))

    def msg(self, key: str, lang: str, **values) -> str:
        """Message `key` of lexicon `compare_message` (rules/compare.rules) in ``lang``."""
        return self.r.messages.fill(key, lang, **values)

    def _pair(self, earlier: Claim, later: Claim, fa: bool) -> dict:
        """The placeholders of a running total's two reports: values, articles, publication days."""
        return {"earlier": _show(earlier, fa, self.r), "earlier_article": earlier.article,
                "earlier_published": _when_pub(earlier, fa),
                "later": _show(later, fa, self.r), "later_article": later.article,
                "later_published": _when_pub(later, fa)}

    def message(self, a: Claim, b: Claim, fell: bool) -> dict:
        out = {}
        for lang in ("fa", "en"):
            fa = lang == "fa"
            first, second = _show(a, fa, self.r), _show(b, fa, self.r)
            if a.kind == "weekday":
                day = int(a.tlo)
                actual = date.fromordinal(day).weekday()
                out[lang] = self.msg("weekday", lang, day=_fmt_day(day, fa), first=first, second=second,
                                     actual=_weekday_name(actual, fa, self.r))
            elif a.kind == "event":
                out[lang] = self.msg("event", lang, what=_what(a, self.r, fa), first=first, second=second)
            elif fell:
                out[lang] = self.msg("fell", lang, what=_what(a, self.r, fa), **self._pair(a, b, fa))
            else:
                text = self.msg("contradiction", lang, first=first, second=second, what=_what(a, self.r, fa),
                                when=_when(a, b, fa, self.r))
                out[lang] = " ".join(text.split())
        return out

    def ledger(self, comp: list[Claim], status: dict[int, str], series: bool) -> None:
        k = ("l",) + tuple(sorted(id(c) for c in comp))
        if k in self.seen:
            return
        self.seen.add(k)
        order = sorted(comp, key=lambda c: (c.published or "", c.seq, c.start))
        first = order[0]
        self.out.ledger_claims.append([(c, status.get(id(c), "agrees")) for c in order])
        times = sorted({c.time_text for c in comp if c.time_text})
        self.out.ledger.append({
            "subject": {"key": first.key, "text": first.subject},
            "predicate": next((c.predicate for c in comp if c.predicate), None),
            "unit": None if first.unit == "count" else first.unit,
            "time": times[0] if len(times) == 1 else (times or None),
            "series": series,
            "first": dict(first.claim_dict(), published=first.published),
            "values": [dict(c.claim_dict(), published=c.published, status=status.get(id(c), "agrees"))
                       for c in order],
        })


def _mark_ambiguous(claims: list[Claim]) -> None:
    """A subject an article gives three different values («۲۳۰ رأی … ۱۹۶ رأی … ۱۷۱ رأی»: one per
    candidate), or two for the same action («چهار مدال طلا و یک مدال برنز کسب کرد»), names several
    things: its claims may agree with other articles but never contradict them."""
    by: dict[tuple, list[Claim]] = {}
    for c in claims:
        if not c.series and not c.cumulative and c.kind not in ("weekday", "event"):
            by.setdefault((c.article, c.key, c.unit), []).append(c)
    for group in by.values():
        if len(group) < 2:
            continue
        classes: list[list[Claim]] = []
        for c in group:
            for cl in classes:
                if not _disjoint(cl[0], c):
                    cl.append(c)
                    break
            else:
                classes.append([c])
        if len(classes) >= 3 or (len(classes) == 2 and any(
                a.predicate and a.predicate == b.predicate for a in classes[0] for b in classes[1])):
            for c in group:
                c.loose = True


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per article, subject, unit and value: the headline and the lead saying «۲۶ موشک
    کروز» are one claim (the one that says when and names the action, else the first)."""
    out: list[Claim] = []
    index: dict[tuple, list[int]] = {}
    for c in claims:
        k = (c.article, c.key, c.unit, c.kind, None if c.series else c.cumulative)
        slot = index.setdefault(k, [])
        for i in slot:
            o = out[i]
            if not _disjoint(o, c) and o.hedge == c.hedge and (o.predicate == c.predicate or not o.predicate or not c.predicate):
                keep, drop = (c, o) if (c.strong, bool(c.predicate)) > (o.strong, bool(o.predicate)) else (o, c)
                keep.also = keep.also + ((drop.start, drop.end),) + drop.also
                out[i] = keep
                break
        else:
            slot.append(len(out))
            out.append(c)
    return out


def compare(articles: Sequence[Article], *, engine, stored: Iterable[Claim] = (),
            story: bool | None = None) -> Comparison:
    """Compare articles with each other (one story) and, if given, with stored claims (a FactStore's).
    ``engine`` is the Engine that read them (its compare rules decide): `Engine.compare` passes itself."""
    rules = rules_of(engine)
    reader = _ClaimReader(rules)
    claims: list[Claim] = []
    for i, a in enumerate(articles):
        claims.extend(reader.read(a, i))
    stored = list(stored)
    if story is None:
        story = not stored
    return compare_claims(claims, rules, stored=stored, story=story, articles=articles)


def compare_claims(claims: Sequence[Claim], rules: CompareRules, *, stored: Sequence[Claim] = (),
                   story: bool = True, articles: Sequence[Article] = ()) -> Comparison:
    """The deciding step alone, on claims already read (the benchmark and the store use it)."""
    new_ids = {c.article for c in claims}
    base = len(new_ids) + 1
    old = []
    for i, c in enumerate(stored):
        if c.article in new_ids:
            continue
        c.new = False
        c.seq = c.seq if c.seq else base + i
        old.append(c)
    for c in claims:
        c.new = True
    out = _Decider(rules, story).run(list(old) + list(claims))
    out.articles = list(articles)
    out.rules = rules
    return out
