"""What compare reads from the rules (`CompareRules`, built once per Engine by `rules_of`): the
lexicons of rules/compare.rules that name subjects, measures, running totals, verdicts and
messages, and the words of the other rule files that compare's messages borrow (unit names,
hedges, participles, English spellings of keys)."""
from __future__ import annotations

import re
import weakref
from typing import Any

from ...claims.scene import Scene
from ...lang.labels import Labels
from ...read.text import fold
from .lexicons import _alts, _entries, _kfold, _Keys, _Phrases, _word
from .timewords import TimeWords


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
        wd = next((e for e in _entries(g("weekday_subject")) if e.value == "weekday"), None)
        self.weekday_key = wd.forms[0] if wd is not None else "weekday"
        fg = next((e for e in _entries(g("figure_subject")) if e.value == "figure"), None)
        self.figure_key = fg.forms[0] if fg is not None else "figure"
        fd = next((e for e in _entries(g("figure_subject")) if e.value == "day"), None)
        self.figure_day_key = fd.forms[0] if fd is not None else "day"
        self.named: set[str] = _named_keys(g, self.weekday_key)
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
        self.scene = Scene(lexicons)      # rules/claims/scene.rules: each claim's event and place
        self.verdicts: dict[str, Any] = _verdicts(g)
        self.unit_fa: dict[str, str] = _unit_fa(g)
        # What the messages write (engine/labels.py): the messages and base-unit names of
        # rules/compare.rules, hedges as numbers.rules spells them first in each language, and a
        # predicate key as a participle («شلیک کردن» -> «شلیک‌شده»: lexicon `participle`).
        self.messages = Labels(lexicons, "compare_message")
        self.unit_names = Labels(lexicons, "unit_name")
        self.hedge_words: dict[str, tuple[str, str]] = _hedge_words(g)
        self.participle_words, self.participle_endings = _participles(g)
        self.english: dict[str, str] = _english(g, wd, self.weekday_key)
        for e, k in ((fg, self.figure_key), (fd, self.figure_day_key)):
            if e is not None:
                self.english.setdefault(k, next((f for f in e.forms if f.isascii()), k))

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


def _named_keys(g, weekday_key: str) -> set[str]:
    """Keys a desk has named (a subject, measure, toll, value or event of the lexicons): a
    figure of an unnamed thing (a word the facts stage lemmatized) needs an action to be flagged."""
    named: set[str] = {weekday_key}
    for name in ("subject", "measure", "implied_subject", "valued", "event_noun"):
        lex = g(name)
        for e in (lex.entries if lex is not None else ()):
            if isinstance(e.value, str):
                named.add(_kfold(e.value))
    return named


def _verdicts(g) -> dict[str, Any]:
    """The `verdict` lines by each of their spellings."""
    verdicts: dict[str, Any] = {}
    for e in (g("verdict").entries if g("verdict") is not None else ()):
        for form in e.forms:
            verdicts[form] = e
    return verdicts


def _unit_fa(g) -> dict[str, str]:
    """The Persian name of a unit for messages: the first Persian spelling of its line
    (km -> کیلومتر, IRT -> تومان; a line with `name=` names a unit another line spells)."""
    unit_fa: dict[str, str] = {}
    for name in ("unit", "currency"):
        lex = g(name)
        for e in (lex.entries if lex is not None else ()):
            code = e.attrs.get("name")
            code = code.name if hasattr(code, "name") else (code or e.forms[0])
            fa = next((f for f in e.forms if not f.isascii()), None)
            if fa and str(code) not in unit_fa and not e.attrs.get("scale"):
                unit_fa[str(code)] = fa
    return unit_fa


def _hedge_words(g) -> dict[str, tuple[str, str]]:
    """(Persian, English) of each hedge: the first spelling of its line in each language."""
    hedge_words: dict[str, tuple[str, str]] = {}
    for e in _entries(g("hedge")):
        fa = next((f for f in e.forms if not f.isascii()), None)
        en = next((f for f in e.forms if f.isascii()), None)
        if fa and en and isinstance(e.value, str):
            hedge_words.setdefault(e.value, (fa, en))
    return hedge_words


def _participles(g) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Lexicon `participle`: whole last words, and endings (longest first)."""
    participle_words: dict[str, str] = {}
    participle_endings: list[tuple[str, str]] = []
    for e in _entries(g("participle")):
        for f in e.forms:
            if e.attrs.get("ending"):
                participle_endings.append((f, str(e.value)))
            else:
                participle_words.setdefault(f, str(e.value))
    participle_endings.sort(key=lambda x: -len(x[0]))
    return participle_words, participle_endings


def _english(g, wd, weekday_key: str) -> dict[str, str]:
    """English words for keys, for the English messages: the first ASCII spelling of the key's line."""
    english: dict[str, str] = {}
    for name in ("subject", "measure", "predicate", "implied_subject", "event_noun", "event_verb", "qualifier"):
        lex = g(name)
        for e in (lex.entries if lex is not None else ()):
            en = next((f for f in e.forms if f.isascii()), None)
            if en and isinstance(e.value, str):
                english.setdefault(e.value, en)
    if wd is not None:   # the weekday key is the line's first spelling; its English, the ASCII one
        english.setdefault(weekday_key, next((f for f in wd.forms if f.isascii()), weekday_key))
    return english


_RULES: "weakref.WeakKeyDictionary[Any, CompareRules]" = weakref.WeakKeyDictionary()


def rules_of(engine) -> CompareRules:
    """The compare vocabulary of an Engine, read once per Engine."""
    try:
        return _RULES[engine]
    except KeyError:
        r = _RULES[engine] = CompareRules(engine.ruleset.lexicons)
        return r
