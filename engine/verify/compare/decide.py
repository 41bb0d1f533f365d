"""Deciding, within a component of claims about the same thing at overlapping times:
* a plain figure: value intervals that are disjoint are a contradiction, overlapping ones agree;
* a running total (a key in the `monotone` lexicon, or a cumulative fact): in publication order a
  later, larger figure is an `update`, a later, smaller one a contradiction; a hedged lower bound
  («دست‌کم ۱۲») is compatible with every later, larger figure.
Also the entry points: `compare` (read the articles' claims, then decide) and `compare_claims`
(decide on claims already read, with a store's claims to compare against)."""
from __future__ import annotations

from typing import Iterable, Sequence

from ...model import Article
from .claim import Claim, _above, _disjoint, _fig_above, _hedged, _vague_below, with_time
from .disputes import group_disputes
from .findings import _Findings, drop_restated
from .group import _dedupe, _Grouper, _mark_ambiguous, event_days
from .ledger import ledger_entry
from .reader import _ClaimReader
from .result import Comparison
from .rules import CompareRules, rules_of
from .values import _ord
from .when import report_key, report_order


class _Decider(_Grouper, _Findings):
    def __init__(self, rules: CompareRules, story: bool) -> None:
        self.r = rules
        self.story = story
        self.out = Comparison()
        self.seen: set[tuple] = set()
        self.agreed: dict[tuple, int] = {}
        self._gathered: dict[tuple, tuple[list, set, bool]] = {}
        self._focus: Claim | None = None     # against a store: the new claim whose window is decided

    def run(self, claims: list[Claim]) -> Comparison:
        self.decide_all(claims)
        self.out.agreements = drop_restated(self.out.agreements)
        self.out.disputes = group_disputes(self.out.contradictions, self.r)
        return self.out

    def decide_all(self, claims: list[Claim]) -> None:
        """The findings and ledger of these claims (all of them, or one group's: shards.py)."""
        claims = _dedupe(claims)
        _mark_ambiguous(claims)
        self.out.claims = len(claims)
        for comp in self.comparable(claims):
            self.decide(comp)
        self.finish_agreements()

    def decide(self, comp: list[Claim]) -> None:
        comp.sort(key=lambda c: (c.published or "", c.seq, c.start))
        series = any(c.series or c.cumulative for c in comp)
        if series and not self.story and not all(c.new for c in comp):
            # Against a store, a running total is one event's: each new claim meets only the
            # claims whose event lies within its window (an undated one meets none), never a
            # chain of reports that runs over years.
            for focus, sub in self.windowed(comp):
                self._focus = focus
                try:
                    self.ledger(sub, self.series(sub), series)
                finally:
                    self._focus = None
            return
        statuses = self.series(comp) if series else self.plain(comp)
        if comp[0].kind != "figure":   # figures only agree: the ledger lists claims about something
            self.ledger(comp, statuses, series)

    def windowed(self, comp: list[Claim]):
        """(new claim, the claims of its event within its window) of a store's running-total
        component: a toll is one event's, so a claim whose event kind is not known (no word of
        rules/claims/scene.rules in its sentence or lead) meets no stored claim, and one that
        names a place meets only claims that name it too (a strike's «۱۸ کشته» in one city is no
        fall from a war's «۲۰۱ کشته» that names none: an archive holds many events of a kind)."""
        for n in comp:
            if not n.new or event_days(n) is None or not n.event:
                continue
            sub = [c for c in comp if c is n or c.article != n.article and c.event == n.event
                   and bool(c.place) == bool(n.place) and self.in_window(n, c)]
            if len({c.article for c in sub}) >= 2:
                yield n, sub

    def in_window(self, a: Claim, b: Claim) -> bool:
        """Are two running-total claims' events near enough to be one event's: days apart no
        more than the window of their frame or `monotone` line (SERIES_WINDOW without one)?"""
        da, db = event_days(a), event_days(b)
        if da is None or db is None:
            return False
        gap = max(da[0] - db[1], db[0] - da[1], 0)
        return gap <= max(self.window(a), self.window(b))

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
        comp.sort(key=lambda c: report_key(c) + (c.figure, c.seq, c.start))
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
            if report_order(rep, c) is None:
                self.unordered(levels, c, status)
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
        self.language_updates(comp, levels, status)
        return status

    def language_updates(self, comp: list[Claim], levels: list[list[Claim]], status: dict[int, str]) -> None:
        """The rise a reader of one language saw: a report at a higher level than the last earlier
        report written in its script (Latin or not) is an update from that one as well, when reports
        in the other language stand between (12 in one English wire, 27 in Persian, 41 in a later
        English wire: 12 -> 41 besides 12 -> 27 -> 41). The language travels on the claim (its
        article's script, `Claim.latin`), so a group decided alone (shards.py, on Dask) decides it
        the same; a claim of unknown script (a stored one) takes no part."""
        if len(levels) < 3:
            return
        at = {id(c): i for i, level in enumerate(levels) for c in level}
        last: dict[bool, Claim] = {}
        for c in comp:
            latin = c.latin
            if status.get(id(c)) == "contradicts" or id(c) not in at or latin is None:
                continue
            p = last.get(latin)
            if p is not None and at[id(c)] > at[id(p)] + 1 and _fig_above(c, p):
                self.update([p], c)
            last[latin] = c

    def unordered(self, levels: list[list[Claim]], c: Claim, status: dict[int, str]) -> None:
        """A report of the same day as the level it meets, in an order that cannot be told (a time
        missing, or the same time): a different figure is a contradiction that says the order is
        unknown (verdict `unordered`), never an update or a fall chosen by the order of the input;
        the larger figure becomes the level later reports are measured against."""
        level = levels[-1]
        rep = level[0]
        if not _disjoint(c, rep):
            level.append(c)
            status[id(c)] = "agrees"
            return
        for a in level:
            if a.article != c.article and (a.new or c.new) and report_order(a, c) is None:
                self.contradict(a, c, "unordered" if self.plain_verdict(a, c) else None)
        status[id(c)] = "contradicts"
        if _above(c, rep):
            levels.append([c])

    @staticmethod
    def plain_verdict(a: Claim, b: Claim) -> str | None:
        """How sure a disagreement is. Both claims say when, or both name the same action: sure
        (an error unless a figure is hedged). Otherwise a warning when one of them names its
        action, or the figure is an amount with a unit (or a rate, for a percent) of a thing the
        lexicons name. A bare count that names no action on either side, or a figure of a word
        the facts stage guessed, is not reported (the ledger still shows both values); nor is a
        count that is only a place («در دو روستا»). A figure of a guessed word is reported only
        when both claims name the same action: «۵ امتیاز» of a set against «۴ امتیاز … کسب کرد»,
        «هفت فعال» against «احکام هشت فعال … صادر شد» are different things counted (on 298 real
        same-event clusters, 9 of 17 contradictions were such one-sided pairs, none real), and
        then only as a warning («احکام هفت فعال … صادر شد» may not be the verdicts of the same group)."""
        if a.loose or b.loose:
            return None
        if a.kind in ("weekday", "event"):
            return "disjoint"
        if _vague_below(a, b) or _vague_below(b, a):
            return None
        # one claim frame (or a variant of it, «sport.score.loser.pair»): it names what both state
        frame = bool(a.frame and b.frame and (a.frame == b.frame or a.frame.startswith(b.frame + ".")
                                              or b.frame.startswith(a.frame + ".")))
        sure = (a.strong and b.strong) or bool(a.predicate and a.predicate == b.predicate) or frame
        some = bool(a.predicate or b.predicate) or (a.unit != "count" and a.named and b.named) or frame
        if not (a.named and b.named or frame or a.predicate and a.predicate == b.predicate):
            return None
        sure = sure and (a.named and b.named or frame)   # a guessed word may be another thing: a warning
        if not some:
            return None
        if _hedged(a) or _hedged(b):
            return "disjoint_hedged"
        return "disjoint" if sure else "disjoint_weak"

    def rise_ok(self, c: Claim, first_pub: int | None) -> bool:
        if c.series is None:
            return c.cumulative          # a total that is not declared monotone rises only where it says «تاکنون»
        if c.frame:   # a frame's running total rises within the window its claim block declares
            w = c.series_window
        else:
            e = self.r.monotone.get(c.key) or self.r.monotone.get(c.key.split("/")[0]) or self.r.monotone.get(c.predicate)
            w = e.attrs.get("window") if e is not None else None
        if isinstance(w, (int, float)) and not isinstance(w, bool) and first_pub is not None:
            p = _ord(c.published)
            return p is None or p - first_pub <= w
        return True

    def ledger(self, comp: list[Claim], status: dict[int, str], series: bool) -> None:
        k = ("l",) + tuple(sorted(id(c) for c in comp))
        if k in self.seen:
            return
        self.seen.add(k)
        rows, entry = ledger_entry(comp, status, series)
        self.out.ledger_claims.append(rows)
        self.out.ledger.append(entry)


def compare(articles: Sequence[Article], *, engine, stored: Iterable[Claim] = (),
            story: bool | None = None) -> Comparison:
    """Compare articles with each other (one story) and, if given, with stored claims (a FactStore's).
    ``engine`` is the Engine that read them (its compare rules decide): `Engine.compare` passes itself."""
    rules = rules_of(engine)
    reader = _ClaimReader(rules)
    claims: list[Claim] = []
    for i, a in enumerate(articles):
        claims.extend(with_time(reader.read(a, i), a))
    stored = list(stored)
    if story is None:
        story = not stored
    return compare_claims(claims, rules, stored=stored, story=story, articles=articles)


def compare_claims(claims: Sequence[Claim], rules: CompareRules, *, stored: Sequence[Claim] = (),
                   story: bool = True, articles: Sequence[Article] = ()) -> Comparison:
    """The deciding step alone, on claims already read (the benchmark and the store use it)."""
    out = _Decider(rules, story).run(prepare(claims, stored))
    out.articles = list(articles)
    out.rules = rules
    return out


def prepare(claims: Sequence[Claim], stored: Sequence[Claim] = ()) -> list[Claim]:
    """The claims in the decider's input order: the stored ones (but those of articles given anew),
    marked old and numbered after the new articles, then the new ones."""
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
    return old + list(claims)
