"""Score the engine against a gold corpus: what is missing (-), what is unexpected (+), and
precision / recall / F1 per mention kind, per flag code and per cross-article relation.

Matching (corpus/README.md, "Scoring"):

* a mention matches a gold mention when their spans overlap, the kinds are equal and the
  values are equal within the stated precision (or the intervals are equal); one engine
  mention answers at most one gold mention. Unexpected mentions count only in articles whose
  gold says ``exhaustive: true``;
* a flag matches a gold flag when the codes are equal and one of its spans overlaps the quoted
  text. Gold flags are always exhaustive: ``flags: []`` means any flag is unexpected;
* a contradiction / update / agreement matches a gold one when its claims overlap the two
  quoted texts in the two named articles. Gold contradictions are exhaustive; gold updates and
  agreements are not (an extra agreement is not an error), so they have recall only.

Pass / fail (the "thresholds" of a corpus, `thresholds.yaml` or `thresholds:` in corpus.yaml):

* no thresholds: every difference fails (strict);
* ``known:`` present: it lists, per article or story id, the exact difference lines that are
  accepted today; any other difference fails (so a regression fails at the exact item);
* ``minimum:`` without ``known:``: differences in a category that has a minimum are accepted
  while its rates stay at or above it; differences elsewhere fail;
* ``minimum:`` rates are checked on full-corpus runs (not on one story).
"""
from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .gold import (RELATIONS, WEEKDAYS, Corpus, GoldArticle, GoldMention, GoldRelation, Story,
                     _num, _show)

SECTIONS = ("mentions", "flags", *RELATIONS)
METRICS = ("recall", "precision", "f1")
# Relations: section name -> the single category it is scored under.
RELATION_CATEGORY = {"contradictions": "contradiction", "updates": "update", "agreements": "agreement"}
# Sections whose gold lists are complete: anything extra the engine reports is an error.
EXHAUSTIVE_RELATIONS = ("contradictions",)

_DURATION_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
# Gold may write the natural bound of a share instead of .inf («بیش از ۵۰ درصد» → [50, 100]).
_NATURAL_MAX = {"percent": 100.0, "fraction": 1.0}


# --- results ---------------------------------------------------------------------------------

@dataclass
class Diff:
    sign: str          # "-" missing, "+" unexpected
    section: str       # mentions | flags | contradictions | updates | agreements
    category: str      # mention kind, flag code, or relation kind
    key: str           # stable: what `known:` lists (with the sign)
    detail: str = ""   # what the engine did instead; not part of the key
    known: bool = False

    @property
    def line(self) -> str:
        return f"{self.sign} {self.key}"

    def to_dict(self) -> dict:
        return {"sign": self.sign, "section": self.section, "category": self.category,
                "line": self.line, "detail": self.detail, "known": self.known}


@dataclass
class Tally:
    gold: int = 0          # gold entries
    found: int = 0         # gold entries the engine reached
    wrong: int = 0         # gold mentions whose span the engine read as the same kind, other value
    unexpected: int = 0    # engine entries with no gold, where the gold is exhaustive
    scoped: int = 0        # engine entries judged (matched or unexpected) where the gold is exhaustive
    scopes: int = 0        # exhaustive scopes seen (0: precision is not measurable)

    def add(self, o: "Tally") -> None:
        for f in ("gold", "found", "wrong", "unexpected", "scoped", "scopes"):
            setattr(self, f, getattr(self, f) + getattr(o, f))

    @property
    def missed(self) -> int:
        return self.gold - self.found

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        if not self.scopes or not self.scoped:
            return None
        return (self.scoped - self.unexpected) / self.scoped

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def metric(self, name: str) -> float | None:
        return getattr(self, name)

    def to_dict(self) -> dict:
        return {"gold": self.gold, "found": self.found, "missed": self.missed, "wrong": self.wrong,
                "unexpected": self.unexpected, "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


@dataclass
class ItemResult:
    kind: str                      # article | story
    id: str
    path: Path
    diffs: list[Diff] = field(default_factory=list)
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    error: str | None = None       # the engine failed on this item
    stale: list[str] = field(default_factory=list)   # known lines that no longer occur

    def tally(self, section: str, category: str) -> Tally:
        return self.tallies.setdefault(section, {}).setdefault(category, Tally())

    @property
    def new(self) -> list[Diff]:
        return [d for d in self.diffs if not d.known]

    @property
    def failed(self) -> bool:
        return bool(self.error or self.new)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "path": str(self.path), "error": self.error,
                "passed": not self.failed, "diffs": [d.to_dict() for d in self.diffs],
                "stale_known": self.stale,
                "scores": {s: {c: t.to_dict() for c, t in cats.items()} for s, cats in self.tallies.items()}}


@dataclass
class Shortfall:
    section: str
    category: str
    metric: str
    value: float | None
    minimum: float

    def __str__(self) -> str:
        v = "not measurable" if self.value is None else f"{self.value:.3f}"
        return f"{self.section} {self.category}: {self.metric} {v} < minimum {self.minimum:g}"


@dataclass
class Report:
    corpus: Corpus
    items: list[ItemResult]
    available: dict[str, bool]                       # section -> did the engine offer it
    partial: bool = False                            # one story, not the whole corpus
    mode: str = "strict"                             # strict | known | minimum
    shortfalls: list[Shortfall] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, dict[str, Tally]]:
        out: dict[str, dict[str, Tally]] = {}
        for it in self.items:
            for s, cats in it.tallies.items():
                for c, t in cats.items():
                    out.setdefault(s, {}).setdefault(c, Tally()).add(t)
        return {s: dict(sorted(out[s].items())) for s in SECTIONS if s in out}

    def section_total(self, section: str) -> Tally:
        t = Tally()
        for c in self.totals.get(section, {}).values():
            t.add(c)
        return t

    @property
    def passed(self) -> bool:
        return not any(it.failed for it in self.items) and not self.shortfalls

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    def to_dict(self) -> dict:
        return {
            "corpus": str(self.corpus.root),
            "stories": len({it.path.parent for it in self.items if it.kind == "story"}),
            "articles": sum(1 for it in self.items if it.kind == "article"),
            "available": self.available,
            "thresholds": str(self.corpus.thresholds_path) if self.corpus.thresholds_path else None,
            "mode": self.mode,
            "partial": self.partial,
            "items": [it.to_dict() for it in self.items],
            "scores": {s: ({c: t.to_dict() for c, t in cats.items()} if self.available.get(s) else "not available")
                       for s, cats in [(s, self.totals.get(s, {})) for s in SECTIONS]},
            "shortfalls": [s.__dict__ for s in self.shortfalls],
            "notes": self.notes,
            "passed": self.passed,
        }


# --- values ----------------------------------------------------------------------------------

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


# --- matching --------------------------------------------------------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlaps_any(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(_overlap(span, s) for s in spans)


def bipartite(cands: list[list[int]]) -> dict[int, int]:
    """Maximum matching gold -> engine (Kuhn): each engine entry answers one gold entry."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for e in cands[g]:
            if e in seen:
                continue
            seen.add(e)
            if e not in owner or augment(owner[e], seen):
                owner[e] = g
                return True
        return False

    for g in range(len(cands)):
        augment(g, set())
    return {g: e for e, g in owner.items()}


def _flag_spans(f: Any) -> list[tuple[int, int]]:
    out = []
    for s in _get(f, "spans") or ():
        try:
            out.append((int(s[0]), int(s[1])))
        except (TypeError, ValueError, IndexError):
            continue
    return out


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


def score_mentions(res: ItemResult, gold: GoldArticle, mentions: list[Any]) -> None:
    spans = [(_get(m, "start"), _get(m, "end")) for m in mentions]
    cands = [[i for i, m in enumerate(mentions) if _overlaps_any(spans[i], g.spans) and answers(g, m)]
             for g in gold.mentions]
    match = bipartite(cands)
    for gi, g in enumerate(gold.mentions):
        t = res.tally("mentions", g.kind)
        t.gold += 1
        if gi in match or any(_overlaps_any(spans[i], g.spans) and _stated_weekday(g, m)
                              for i, m in enumerate(mentions)):
            t.found += 1
            continue
        here = [m for i, m in enumerate(mentions) if _overlaps_any(spans[i], g.spans)]
        if any(_get(m, "kind") == g.kind for m in here):
            t.wrong += 1
        detail = ("engine: " + "; ".join(show_mention(m) for m in here)) if here else "engine: nothing here"
        res.diffs.append(Diff("-", "mentions", g.kind, g.key, detail))
    if not gold.exhaustive:
        return
    used = set(match.values())
    kinds = {g.kind for g in gold.mentions} | {_get(m, "kind") for m in mentions}
    for k in kinds:
        res.tally("mentions", k).scopes += 1
    for i, m in enumerate(mentions):
        t = res.tally("mentions", _get(m, "kind"))
        t.scoped += 1
        if i not in used:
            t.unexpected += 1
            res.diffs.append(Diff("+", "mentions", _get(m, "kind"), show_mention(m)))


def score_flags(res: ItemResult, gold: GoldArticle, text: str, flags: list[Any]) -> None:
    fspans = [_flag_spans(f) for f in flags]
    cands = [[i for i, f in enumerate(flags)
              if _get(f, "code") == g.code and any(_overlaps_any(s, g.spans) for s in fspans[i])]
             for g in gold.flags]
    match = bipartite(cands)
    codes = {g.code for g in gold.flags} | {_get(f, "code") for f in flags}
    for c in codes:
        res.tally("flags", c).scopes += 1
    for gi, g in enumerate(gold.flags):
        t = res.tally("flags", g.code)
        t.gold += 1
        if gi in match:
            t.found += 1
            continue
        here = [f for i, f in enumerate(flags) if any(_overlaps_any(s, g.spans) for s in fspans[i])]
        detail = ("engine: " + "; ".join(_show_flag(f, text) for f in here)) if here else "engine: no flag here"
        res.diffs.append(Diff("-", "flags", g.code, g.key, detail))
    used = set(match.values())
    for i, f in enumerate(flags):
        t = res.tally("flags", _get(f, "code"))
        t.scoped += 1
        if i not in used:
            t.unexpected += 1
            msg = _get(f, "message") or {}
            en = msg.get("en") if isinstance(msg, dict) else str(msg)
            res.diffs.append(Diff("+", "flags", _get(f, "code"), _show_flag(f, text), en or ""))


def _show_flag(f: Any, text: str) -> str:
    parts = [text[s:e] for s, e in _flag_spans(f)]
    return f"{_get(f, 'code')} «{' … '.join(parts)}»"


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b)
                and all(_same_value(x, y) for x, y in zip(a, b)))
    if _is_num(a) and _is_num(b):
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)), abs(float(b)))
    return a is not None and a == b


def _is_num(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class ClaimMatcher:
    """Is an engine claim the claim a gold relation quotes?

    Yes when it is in the named article and overlaps the quoted text; or quotes, with its digits,
    the same words elsewhere in that article (a headline repeating the lead: «۴۱ نفر» for «… به
    ۴۱ نفر رسید»); or states, elsewhere in that article, a value that the engine reads inside
    the quoted text (the same figure restated: «تورم نقطه‌ای آذر به ۳۹.۴ درصد» for «در آذر ماه
    ۳۹.۴ درصد»)."""

    def __init__(self, mentions: dict[str, list] | None = None) -> None:
        self.mentions = mentions or {}
        self._values: dict[tuple[str, str], list] = {}

    def values(self, gc) -> list:
        key = (gc.article, gc.text)
        if key not in self._values:
            out = []
            for m in self.mentions.get(gc.article, ()):
                span = (_get(m, "start"), _get(m, "end"))
                if not _overlaps_any(span, gc.spans):
                    continue
                extra = _get(m, "extra") or {}
                for v in (_get(m, "value"), _get(m, "interval"), extra.get("base_value"),
                          extra.get("base_interval"), extra.get("stated"), extra.get("base_stated")):
                    if v is not None and not isinstance(v, dict):
                        out.append(v)
            self._values[key] = out
        return self._values[key]

    def __call__(self, gc, ec: Any) -> bool:
        if _get(ec, "article") != gc.article:
            return False
        try:
            span = (int(_get(ec, "start")), int(_get(ec, "end")))
        except (TypeError, ValueError):
            return False
        if _overlaps_any(span, gc.spans):
            return True
        text = (_get(ec, "text") or "").strip()
        if text and any(ch.isdigit() for ch in text) and (text in gc.text or gc.text in text):
            return True
        mine = [v for v in (_get(ec, "value"), _get(ec, "interval")) if v is not None]
        return any(_same_value(v, w) for v in mine for w in self.values(gc))


def relation_covers(r: GoldRelation, item: Any, same: Callable[[Any, Any], bool] | None = None) -> bool:
    """Do the engine item's claims answer both gold claims (in their named articles)?"""
    same = same or ClaimMatcher()
    claims = list(_get(item, "claims") or ())
    a, b = r.claims
    for i, ci in enumerate(claims):
        for j, cj in enumerate(claims):
            if i != j and same(a, ci) and same(b, cj):
                return True
    return False


def _show_relation(kind: str, item: Any) -> str:
    """The stable line of an engine relation: its articles and quoted texts (no values)."""
    parts = [f"{_get(c, 'article')} «{_get(c, 'text')}»" for c in _get(item, "claims") or ()]
    return f"{kind} " + (" → " if kind == "update" else " / ").join(parts)


def _relation_detail(item: Any) -> str:
    msg = _get(item, "message") or {}
    en = msg.get("en") if isinstance(msg, dict) else ""
    values = [_get(c, "value") for c in _get(item, "claims") or ()]
    shown = " vs ".join(_show(v) for v in values if v is not None)
    return "; ".join(x for x in (en, f"values {shown}" if shown and not en else "") if x)


def _implied_contradictions(story: Story, same: Callable[[Any, Any], bool]) -> Callable[[Any], bool]:
    """Gold contradictions carried over gold agreements: if A ≠ B and A agrees with A′, an
    engine contradiction A′ ≠ B is right although the gold lists only A ≠ B (stories list one
    representative pair, not every pair of outlets)."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    claims: dict[tuple[str, str], Any] = {}

    def find(k):
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for section in RELATIONS:
        for r in story.relations.get(section, []):
            for c in r.claims:
                claims[(c.article, c.text)] = c
                find((c.article, c.text))
    for r in story.relations.get("agreements", []):
        a, b = ((c.article, c.text) for c in r.claims)
        parent[find(a)] = find(b)
    keys = list(claims)
    for i, a in enumerate(keys):     # two quotes of one place in one article are one claim
        for b in keys[i + 1:]:
            if a[0] == b[0] and any(_overlaps_any(s, claims[b].spans) for s in claims[a].spans):
                parent[find(a)] = find(b)
    pairs = set()
    for r in story.relations.get("contradictions", []):
        a, b = (find((c.article, c.text)) for c in r.claims)
        pairs.add((a, b))
        pairs.add((b, a))

    def classes(ec: Any) -> set:
        return {find(k) for k, gc in claims.items() if same(gc, ec)}

    def implied(item: Any) -> bool:
        cl = list(_get(item, "claims") or ())
        for i, ci in enumerate(cl):
            for j, cj in enumerate(cl):
                if i != j and any((x, y) in pairs for x in classes(ci) for y in classes(cj)):
                    return True
        return False

    return implied


def score_relations(res: ItemResult, story: Story, found: dict[str, list],
                    mentions: dict[str, list] | None = None) -> None:
    """``mentions``: the engine's mentions per article id (to recognise a restated figure)."""
    same = ClaimMatcher(mentions)
    implied = _implied_contradictions(story, same)
    for section in RELATIONS:
        cat = RELATION_CATEGORY[section]
        gold = story.relations.get(section, [])
        items = list(found.get(section) or ())
        t = res.tally(section, cat)
        cands = [[i for i, it in enumerate(items) if relation_covers(r, it, same)] for r in gold]
        if section == "agreements":        # one reported agreement may group several outlets
            match = {gi: c[0] for gi, c in enumerate(cands) if c}
        else:
            match = bipartite(cands)
        for gi, r in enumerate(gold):
            t.gold += 1
            if gi in match:
                t.found += 1
                continue
            detail = ""
            if section != "contradictions":
                clash = [it for it in found.get("contradictions") or () if relation_covers(r, it, same)]
                if clash:
                    detail = "engine reported it as a contradiction"
            res.diffs.append(Diff("-", section, cat, r.key, detail))
        if section in EXHAUSTIVE_RELATIONS:
            t.scopes += 1
            used = set(match.values())
            for i, it in enumerate(items):
                t.scoped += 1
                if i not in used and not implied(it):
                    t.unexpected += 1
                    res.diffs.append(Diff("+", section, cat, _show_relation(cat, it), _relation_detail(it)))


# --- running ---------------------------------------------------------------------------------

Progress = Callable[[int, int, str], None]


def engine_sections(engine: Any) -> dict[str, bool]:
    has_check, has_compare = callable(getattr(engine, "check", None)), callable(getattr(engine, "compare", None))
    return {"mentions": True, "flags": has_check,
            **{s: has_compare for s in RELATIONS}}


def _err(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


def run_story(story: Story, engine: Any, *, available: dict[str, bool] | None = None,
              progress: Callable[[str], None] | None = None) -> list[ItemResult]:
    """Score one story: an item per article (mentions, flags), then one for its relations."""
    available = available or engine_sections(engine)
    items: list[ItemResult] = []
    read: dict[str, Any] = {}
    for g in story.articles:
        if progress:
            progress(g.id)
        res = ItemResult("article", g.id, g.path)
        items.append(res)
        try:
            art = engine.read(g.text, published=g.published, id=g.id)
            score_mentions(res, g, list(art.mentions))
        except Exception as e:      # noqa: BLE001 — one bad article must not stop the run
            res.error = f"read failed: {_err(e)}"
            continue
        if available["flags"]:
            try:
                checked = engine.check(art)
                art = checked if checked is not None else art
                score_flags(res, g, g.text, list(_get(art, "flags") or ()))
            except Exception as e:  # noqa: BLE001
                res.error = f"check failed: {_err(e)}"
        read[g.id] = art
    if progress:
        progress(story.slug)
    res = ItemResult("story", story.slug, story.path)
    items.append(res)
    if available["contradictions"]:
        missing = [g.id for g in story.articles if g.id not in read]
        if missing:
            res.error = f"compare skipped: {', '.join(missing)} could not be read"
        else:
            try:
                cmp = engine.compare([read[g.id] for g in story.articles])
                d = cmp.to_dict() if hasattr(cmp, "to_dict") else cmp
                score_relations(res, story, {s: d.get(s) for s in RELATIONS},
                                {k: list(_get(a, "mentions") or ()) for k, a in read.items()})
            except Exception as e:  # noqa: BLE001
                res.error = f"compare failed: {_err(e)}"
    return items


def run_corpus(corpus: Corpus, engine: Any = None, *, progress: Progress | None = None,
               partial: bool = False, strict: bool = False) -> Report:
    """Read, check and compare every article and story of ``corpus``; score against its gold."""
    if engine is None:
        from ..api import default_engine
        engine = default_engine()
    available = engine_sections(engine)
    items: list[ItemResult] = []
    total = len(corpus.articles) + len(corpus.stories)

    def step(label: str) -> None:
        if progress:
            progress(len(items) + step.n, total, label)   # type: ignore[attr-defined]
            step.n += 1                                   # type: ignore[attr-defined]

    for story in corpus.stories:
        step.n = 0                                        # type: ignore[attr-defined]
        items.extend(run_story(story, engine, available=available, progress=step))
    if progress:
        progress(total, total, "")
    report = Report(corpus, items, available, partial=partial)
    evaluate(report, None if strict else corpus.thresholds)
    return report


# --- thresholds ------------------------------------------------------------------------------

def _categories(section: str, spec: Any) -> dict:
    """``minimum.<section>``: relations take metrics directly, the others per category."""
    if section in RELATIONS and isinstance(spec, dict) and set(spec) <= set(METRICS):
        return {RELATION_CATEGORY[section]: spec}
    return spec if isinstance(spec, dict) else {}


def validate_thresholds(data: dict, where: str) -> list[str]:
    problems = []
    for k in data:
        if k not in ("minimum", "known"):
            problems.append(f"{where}: {k}: unknown key (expected minimum, known)")
    minimum = data.get("minimum") or {}
    if not isinstance(minimum, dict):
        problems.append(f"{where}: minimum: a mapping section -> category -> {{recall, precision, f1}}")
        minimum = {}
    for section, spec in minimum.items():
        if section not in SECTIONS:
            problems.append(f"{where}: minimum.{section}: unknown section (expected {', '.join(SECTIONS)})")
            continue
        cats = _categories(section, spec)
        if not cats and spec:
            problems.append(f"{where}: minimum.{section}: a mapping of categories to metrics")
        for cat, metrics in cats.items():
            if not isinstance(metrics, dict):
                problems.append(f"{where}: minimum.{section}.{cat}: a mapping of {', '.join(METRICS)} to 0..1")
                continue
            for m, v in metrics.items():
                if m not in METRICS:
                    problems.append(f"{where}: minimum.{section}.{cat}.{m}: unknown metric (expected {', '.join(METRICS)})")
                elif isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
                    problems.append(f"{where}: minimum.{section}.{cat}.{m}: {v!r} is not a number from 0 to 1")
    known = data.get("known") or {}
    if not isinstance(known, dict):
        problems.append(f"{where}: known: a mapping of article or story id -> list of difference lines")
    else:
        for ident, lines in known.items():
            if not isinstance(lines, list) or not all(isinstance(x, str) and x[:2] in ("- ", "+ ") for x in lines):
                problems.append(f"{where}: known.{ident}: a list of lines starting with '- ' or '+ '")
    return problems


def _minimum_for(minimum: dict, section: str, category: str) -> dict | None:
    cats = _categories(section, minimum.get(section))
    if category in cats:
        return cats[category]
    return cats.get("*")


def evaluate(report: Report, thresholds: dict | None) -> None:
    """Mark accepted differences as known and check the minimum rates (see the module doc)."""
    report.shortfalls = []
    report.notes = []
    for it in report.items:
        it.stale = []
        for d in it.diffs:
            d.known = False
    if thresholds is None:
        report.mode = "strict"
        return
    minimum = thresholds.get("minimum") or {}
    known = thresholds.get("known")
    if known is not None:
        report.mode = "known"
        for it in report.items:
            accepted = Counter(known.get(it.id) or ())
            for d in it.diffs:
                if accepted[d.line] > 0:
                    accepted[d.line] -= 1
                    d.known = True
            sections_here = {s for s in SECTIONS if report.available.get(s)}
            it.stale = [line for line, n in accepted.items() for _ in range(n)
                        if _line_section(line) in sections_here]
    else:
        report.mode = "minimum"
        for it in report.items:
            for d in it.diffs:
                d.known = _minimum_for(minimum, d.section, d.category) is not None
    if report.partial:
        if minimum:
            report.notes.append("minimum rates are checked on the whole corpus only (this run is one story)")
        return
    totals = report.totals
    for section in SECTIONS:
        if section not in minimum:
            continue
        if not report.available.get(section):
            report.notes.append(f"minimum.{section} not checked: the engine has no "
                                f"{'check()' if section == 'flags' else 'compare()'}")
            continue
        cats = _categories(section, minimum[section])
        seen = dict(totals.get(section, {}))
        for cat, metrics in cats.items():
            if cat == "*":
                continue
            seen.setdefault(cat, Tally())
        for cat, tally in seen.items():
            spec = cats.get(cat) if cat in cats else cats.get("*")
            if not spec:
                continue
            for metric, floor in spec.items():
                v = tally.metric(metric)
                if v is None:
                    if cat in cats:      # an explicit minimum that cannot be measured fails
                        report.shortfalls.append(Shortfall(section, cat, metric, None, floor))
                    continue
                if v + 1e-12 < floor:
                    report.shortfalls.append(Shortfall(section, cat, metric, v, floor))


_KIND_WORDS = {"contradiction": "contradictions", "update": "updates", "agreement": "agreements"}


def _line_section(line: str) -> str:
    """The section of a `known:` line (used to ignore lines of sections the engine lacks)."""
    word = line[2:].split(" ", 1)[0]
    if word in _KIND_WORDS:
        return _KIND_WORDS[word]
    from .gold import MENTION_KINDS
    return "mentions" if word in MENTION_KINDS else "flags"


def current_thresholds(report: Report) -> dict:
    """What the engine achieves now, as a thresholds mapping (minimums floored to 3 decimals)."""
    minimum: dict[str, Any] = {}
    for section, cats in report.totals.items():
        if not report.available.get(section):
            continue
        out = {}
        for cat, t in cats.items():
            m = {}
            for metric in ("recall", "precision"):
                v = t.metric(metric)
                if v:       # a 0 minimum would gate nothing
                    m[metric] = math.floor(v * 1000 + 1e-9) / 1000
            if m:
                out[cat] = m
        if out:
            minimum[section] = out[RELATION_CATEGORY[section]] if section in RELATIONS and len(out) == 1 else out
    known = {it.id: [d.line for d in it.diffs] for it in report.items if it.diffs}
    return {"minimum": minimum, "known": known}


THRESHOLDS_HEADER = """\
# What rasti achieves on this corpus today (written by `rasti corpus test --write-thresholds`).
# `rasti corpus test` and the pytest plugin fail when a difference from the gold appears that
# is not listed under `known:` (a regression, at the item where it happens), or when a rate
# falls below `minimum:`. Differences that disappear are reported as fixed; rerun with
# --write-thresholds to tighten this file. See corpus/README.md, "Thresholds".
"""


def dump_thresholds(data: dict) -> str:
    import yaml
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return THRESHOLDS_HEADER + body


# --- text output -----------------------------------------------------------------------------

def _pct(v: float | None) -> str:
    return "  n/a" if v is None else f"{v:5.3f}"


def score_table(report: Report) -> list[str]:
    lines = [f"{'section':<15} {'category':<24} {'gold':>5} {'found':>5} {'miss':>5} {'wrong':>5} "
             f"{'unexp':>5} {'prec':>6} {'recall':>6} {'F1':>6}"]
    totals = report.totals
    for section in SECTIONS:
        if not report.available.get(section):
            what = "check()" if section == "flags" else "compare()"
            lines.append(f"{section:<15} not available (the engine has no {what})")
            continue
        cats = totals.get(section, {})
        rows = list(cats.items())
        if len(rows) > 1:
            all_ = Tally()
            for _, t in rows:
                all_.add(t)
            rows.append(("(all)", all_))
        for cat, t in rows:
            wrong = t.wrong if section == "mentions" else "-"
            lines.append(f"{section:<15} {cat:<24} {t.gold:>5} {t.found:>5} {t.missed:>5} {wrong:>5} "
                         f"{t.unexpected if t.scopes else '-':>5} {_pct(t.precision):>6} {_pct(t.recall):>6} {_pct(t.f1):>6}")
    return lines


def format_text(report: Report, *, show_known: bool = True) -> str:
    c = report.corpus
    out = []
    n_art = sum(1 for it in report.items if it.kind == "article")
    n_story = sum(1 for it in report.items if it.kind == "story")
    have = [s for s in ("mentions", "flags", "contradictions") if report.available.get(s)]
    out.append(f"rasti corpus test {c.root}: {n_story} stories, {n_art} articles "
               f"(scoring {', '.join('relations' if s == 'contradictions' else s for s in have)})")
    for it in report.items:
        shown = [d for d in it.diffs if show_known or not d.known]
        if not shown and not it.error and not it.stale:
            continue
        label = it.id if it.kind == "article" else f"{it.id} (story)"
        state = "FAIL" if it.failed else "ok"
        out.append(f"\n{label}  {_rel(it.path)}  [{state}]")
        if it.error:
            out.append(f"  ! {it.error}")
        for d in shown:
            tag = "   (accepted)" if d.known else ""
            out.append(f"  {d.line}{tag}")
            if d.detail:
                out.append(f"      {d.detail}")
        for line in it.stale:
            out.append(f"  ~ fixed: {line}")
    out.append("")
    out.extend(score_table(report))
    out.append("")
    new = sum(len(it.new) for it in report.items)
    errors = sum(1 for it in report.items if it.error)
    known = sum(1 for it in report.items for d in it.diffs if d.known)
    stale = sum(len(it.stale) for it in report.items)
    if report.mode == "strict":
        out.append("thresholds: none (strict: every difference from the gold fails)")
    else:
        out.append(f"thresholds: {c.thresholds_path} ({report.mode}): {known} accepted difference(s), "
                   f"{new} new, {stale} fixed")
    for s in report.shortfalls:
        out.append(f"  below minimum: {s}")
    for n in report.notes:
        out.append(f"  note: {n}")
    if stale and report.mode == "known":
        out.append("  fixed differences are still listed as known: rerun with --write-thresholds to tighten")
    if errors:
        out.append(f"{errors} item(s) failed to run")
    if report.passed:
        out.append("result: PASS")
    else:
        why = []
        if new:
            why.append(f"{new} difference(s) from the gold" + ("" if report.mode == "strict" else " not accepted by the thresholds"))
        if report.shortfalls:
            why.append(f"{len(report.shortfalls)} rate(s) below minimum")
        if errors:
            why.append(f"{errors} item error(s)")
        out.append("result: FAIL — " + "; ".join(why))
        if report.mode == "known" and new:
            out.append("  fix them, or accept them after review with `rasti corpus test --write-thresholds`")
    return "\n".join(out) + "\n"


def _rel(p: Path) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def item_report(it: ItemResult) -> str:
    """A readable diff for one item (the pytest plugin shows this on failure)."""
    out = [f"{it.kind} {it.id} ({_rel(it.path)}) differs from its gold:"]
    if it.error:
        out.append(f"  ! {it.error}")
    for d in it.diffs:
        if d.known:
            continue
        out.append(f"  {d.line}")
        if d.detail:
            out.append(f"      {d.detail}")
    known = sum(1 for d in it.diffs if d.known)
    if known:
        out.append(f"  ({known} other difference(s) accepted by the thresholds)")
    return "\n".join(out)
