"""Score what the engine found against the gold: mentions, flags and cross-article relations,
each gold entry answered by at most one engine entry (a maximum bipartite matching).

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
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from .gold import RELATIONS, GoldArticle, GoldRelation, Story, _show
from .match import _get, _stated_weekday, answers, show_mention
from .results import Diff, ItemResult
from .sections import EXHAUSTIVE_RELATIONS, RELATION_CATEGORY


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
