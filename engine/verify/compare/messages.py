"""What compare writes: the messages of lexicon `compare_message` (rules/compare.rules) and the
names each may fill (`MESSAGES`), and the pieces they are filled with — a claim's value as the
text says it («۱٫۴ میلیون بشکه در روز», "about 25"), days, weekdays, what a claim is about (a
predicate key as a participle: `_participle`), in Persian digits or ASCII."""
from __future__ import annotations

import math
from datetime import date

from ...lang.bidi import isolate_runs
from ...lang.labels import Labels
from ...read.text import ZWNJ
from .claim import Claim
from .rules import CompareRules
from .values import WEEKDAYS_EN, _figure

# The messages compare writes (lexicon `compare_message` of rules/compare.rules) and the names
# each may fill: a test holds the rule file to exactly these.
MESSAGES = {
    "contradiction": ("first", "second", "what", "when"),
    "on_day": ("day",),
    "event": ("what", "first", "second"),
    "weekday": ("day", "first", "second", "actual"),
    "fell": ("what", "earlier", "earlier_article", "earlier_published", "earlier_event", "later", "later_article",
             "later_published", "later_event"),
    "event_day": ("day",),
    "update": ("what", "earlier", "earlier_article", "earlier_published", "later", "later_article", "later_published"),
    "unordered": ("what", "first", "first_article", "first_published", "second", "second_article", "second_published"),
    "agreement": ("outlets", "value", "what"),
    "compatible": ("values", "what", "outlets"),
    "values_joiner": (),
    "dispute": ("what", "article", "value", "outlets", "majority"),
    "dispute_weekday": ("day", "article", "value", "outlets", "majority", "actual"),
    "dispute_fell": ("what", "article", "published", "value", "outlets", "majority"),
}
_FA_DIGITS = str.maketrans("0123456789.,-", "۰۱۲۳۴۵۶۷۸۹٫٬-")


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


def _restates(subject_key: str, predicate_key: str | None) -> bool:
    """Whether the predicate only restates the subject: «کشته» with «کشته شدن», «زخمی» with
    «زخمی شدن» (the predicate's first word is a word of the subject key), so a message says
    "dead", not "dead were killed". Decided on the keys, so both languages drop it together."""
    if not predicate_key:
        return False
    words = set(subject_key.replace("/", " ").split())
    head = predicate_key.split()[0] if predicate_key.split() else ""
    return head in words


def _what(c: Claim, rules: CompareRules, fa: bool) -> str:
    """What a claim is about, the subject and (unless it restates it) the action:
    «موشک کروز شلیک‌شده», "cruise missile fired"; «کشته», "dead"."""
    if c.kind == "figure":   # its key holds the value: the subject alone («رقم», "figure")
        return c.subject if fa else rules.en(c.subject)
    subj = c.key.replace("/", " ") if fa else rules.en(c.key)
    predicate = None if _restates(c.key, c.predicate) else c.predicate
    pred = _participle(predicate, rules) if fa else rules.en(predicate) if predicate else ""
    return f"{subj} {pred}".strip()


def _fill(rules: CompareRules, key: str, lang: str, **values) -> str:
    """Message ``key`` of lexicon `compare_message` in ``lang``, spaced once, with its embedded
    runs of the other direction isolated (FSI…PDI: «caspian-04», «2015-10-07» in a Persian line
    stay as written once a terminal or browser lays the line out; engine/lang/bidi.py)."""
    text = " ".join(rules.messages.fill(key, lang, **values).split())
    return isolate_runs(text, "rtl" if lang == "fa" else "ltr")


def _when(a: Claim, b: Claim, fa: bool, rules: CompareRules) -> str:
    """«در ۲۰۱۵-۱۰-۰۷», "on 2015-10-07": the day both claims say, else nothing."""
    if a.strong and b.strong and a.tlo is not None and b.tlo is not None and a.unit not in ("weekday",):
        lo, hi = max(a.tlo, b.tlo), min(a.thi, b.thi)
        if lo == hi:
            return rules.messages.fill("on_day", "fa" if fa else "en", day=_fmt_day(lo, fa))
    return ""


def _event_day(c: Claim, fa: bool, rules: CompareRules) -> str:
    """The `event_day` line («، رویداد ۲۰۲۶-۰۲-۲۴», "; event of 2026-02-24") when the sentence dates
    the event to another day than its article's publication (else the publication day is the
    event's, and the message names it already)."""
    if not c.strong or c.tlo is None or c.unit in ("weekday", "date"):
        return ""
    day = date.fromordinal(int(c.tlo)).isoformat()
    if c.thi is not None and c.thi != c.tlo:
        day += ".." + date.fromordinal(int(c.thi)).isoformat()
    if day == c.published:
        return ""
    return rules.messages.fill("event_day", "fa" if fa else "en", day=day.translate(_FA_DIGITS) if fa else day)


def _when_pub(c: Claim, fa: bool) -> str:
    """Its article's publication day, with the time when it has one («۲۰۲۶-۰۳-۰۳ ۰۹:۰۰»)."""
    at = c.published_at
    p = at.replace("T", " ") if at and c.published and at.startswith(c.published) else c.published or "?"
    return p.translate(_FA_DIGITS) if fa else p
