"""Grouping claims, never all pairs: one claim per article, subject and value (`_dedupe`);
subjects an article gives several values are loose (`_mark_ambiguous`); claims are bucketed by
(subject key, base unit, running total or not), split by period and predicate, and within a
bucket chained by overlapping time windows into components (`_Grouper`). Only claims inside one
component are compared, so the work grows with the number of claims, not its square."""
from __future__ import annotations

import math
from typing import Iterator

from .claim import Claim, _disjoint, same_place
from .values import _ord

STORY_WINDOW = 60    # days before its publication an undated fact may lie, articles given as one story
STORE_WINDOW = 1     # the same, against a fact store (articles of any story): the day before publication
STORE_SERIES_WINDOW = 7   # (public name kept) a running total in a fact store now looks back its own window (`window`)
SERIES_WINDOW = 30   # a running total stated on day d may be compared with one stated d ± 30 days
MAX_GROUP_DAYS = 120  # a chain of overlapping times is cut after this many days (> STORY_WINDOW): groups stay local


class _Grouper:
    """The grouping half of the decider: needs ``self.story`` (articles given as one story, or
    a fact store) and ``self.r`` (the compare rules); keeps the time windows of the component being decided for `time_ok`."""

    # time windows as date ordinals
    def windows(self, c: Claim) -> list[tuple[float, float]]:
        pub = _ord(c.published)
        if c.kind == "weekday":
            return [(c.tlo, c.thi)]
        if c.strong and c.tlo is not None:
            ws = [(c.tlo, c.thi)] + list(c.alts)
            if c.series or c.cumulative:
                w = SERIES_WINDOW if self.story else self.window(c)
                return [(lo - w, hi + w) for lo, hi in ws]
            return ws
        if pub is None:
            return [(-math.inf, math.inf)]
        if c.mutable:
            return [(pub, pub)]
        # against a store a running total's event may lie as far back as its window (the frame's)
        w = STORY_WINDOW if self.story else (self.window(c) if (c.series or c.cumulative) else STORE_WINDOW)
        return [(pub - w, pub)]

    def window(self, c: Claim) -> int:
        """The days a running total's reports may lie apart and be one event's: its frame's
        `window`, else its `monotone` line's `window=`, else SERIES_WINDOW (needs ``self.r``)."""
        w = c.series_window
        if w is None and c.series and not c.frame:
            e = self.r.monotone.get(c.key) or self.r.monotone.get(c.key.split("/")[0]) or self.r.monotone.get(c.predicate)
            w = e.attrs.get("window") if e is not None else None
        return int(w) if isinstance(w, (int, float)) and not isinstance(w, bool) else SERIES_WINDOW

    @staticmethod
    def _overlap(wa, wb) -> bool:
        return any(a0 <= b1 and b0 <= a1 for a0, a1 in wa for b0, b1 in wb)
    def comparable(self, claims: list[Claim]) -> Iterator[list[Claim]]:
        """The components worth deciding (two articles, one new claim), one at a time: a
        generator, so that each is decided while `time_ok` holds its sub-group's windows."""
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
            for sub in (s for p in subgroups for s in self.by_scene(p)):
                for comp in self.components(sub):
                    if len({c.article for c in comp}) >= 2 and any(c.new for c in comp):
                        yield comp

    def by_scene(self, group: list[Claim]) -> list[list[Claim]]:
        """Claims of different events or places are never compared: one sub-group per event kind,
        then per place (with the claims that name none in each; a city's claims join its
        province's), as predicates split a group. In a story (articles given as one) only what a
        claim's own sentence says counts: its lead may be about the story's other places."""
        out = [group]
        for attr in (0, 1):
            nxt = []
            for g in out:
                known = {}
                for c in g:
                    if self.scene_value(c, attr):
                        known.setdefault(self.scene_value(c, attr), c)
                if len(known) <= 1:
                    nxt.append(g)
                    continue
                for k, probe in sorted(known.items()):
                    nxt.append([c for c in g if not self.scene_value(c, attr)
                                or (self.scene_value(c, attr) == k if attr == 0 else same_place(c, probe))])
            out = nxt
        return out

    def scene_ok(self, *cs: Claim) -> bool:
        """Can these claims be of one event, pairwise (a sub-group of `by_scene` may still hold two
        that cannot: a city and a place the lexicon does not know, and that place and another
        city)? Compared by their distinct events and places, so a large agreement stays cheap."""
        if len({e for e in (self.scene_value(c, 0) for c in cs) if e}) > 1:
            return False
        places = list({self.scene_value(c, 1): c for c in cs if self.scene_value(c, 1)}.values())
        return all(same_place(a, b) for i, a in enumerate(places) for b in places[i + 1:])

    def scene_value(self, c: Claim, attr: int) -> str | None:
        """A claim's event (attr 0) or place (1) as grouping reads it."""
        v = c.event if attr == 0 else c.place
        if attr == 1 and c.event and c.event in self.r.scene.wide:
            return None       # a quake's figures are one quake's wherever it was felt
        if v and self.story and len(c.scene_from) > attr and c.scene_from[attr] == "lead":
            return None
        return v

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
        if not self.story and not (a.new and b.new) and (event_days(a) is None or event_days(b) is None):
            return False      # against a store, a claim of no known day is of no known event
        return self._overlap(self._wins[id(a)], self._wins[id(b)])


def event_days(c: Claim) -> tuple[int, int] | None:
    """The days a claim's event lies in: the time its sentence states, else its publication day;
    None when it has neither."""
    if c.strong and c.tlo is not None:
        return int(c.tlo), int(c.thi if c.thi is not None else c.tlo)
    p = _ord(c.published)
    return (p, p) if p is not None else None


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


def _share_scene(keep: Claim, drop: Claim) -> None:
    """One claim said twice (headline and lead): the event or place only one of them names is
    the claim's (else the claim kept would meet every place)."""
    src = list(keep.scene_from or (None, None))
    other = list(drop.scene_from or (None, None))
    if not keep.event and drop.event:
        keep.event, src[0] = drop.event, other[0]
    if not keep.place and drop.place:
        keep.place, keep.place_in, keep.place_known = drop.place, drop.place_in, drop.place_known
        src[1] = other[1]
    keep.scene_from = tuple(src)


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
                _share_scene(keep, drop)
                out[i] = keep
                break
        else:
            slot.append(len(out))
            out.append(c)
    return out
