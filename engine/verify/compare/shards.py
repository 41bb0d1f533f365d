"""Deciding a comparison in pieces, so that the pieces can be decided apart (on a Dask cluster,
engine/feed/shuffle.py) and put back together into the very Comparison `compare_claims` returns.

A claim only ever meets the claims of its group (`group_key`: subject key, base unit, running
total or not): deduplication, the loose subjects and the time components all stay inside one.
So the claims, numbered in input order, are grouped by that key (a shuffle), each group is
decided alone (`decide_group`: a `Part`), and `merge` lays the parts out in the order of each
group's first claim, which is the order the one-process decider meets the groups in. The one
thing that crosses groups is an agreement on what reads as the same figure; `merge` joins those
as the decider does (one agreement per figure, the claims of both), then groups the disputes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .claim import Claim
from .decide import _Decider, prepare
from .disputes import group_disputes
from .findings import drop_restated
from .result import Comparison, Finding
from .rules import CompareRules


def group_key(c: Claim) -> tuple:
    """The group a claim is decided in (the decider's bucket, `_Grouper.comparable`)."""
    return (c.key, c.unit, None if c.series else c.cumulative)


@dataclass
class Part:
    """What one group decided: its findings in the decider's order, the agreements with the
    figure each is about (agreements on one figure join across groups), and its ledger."""
    first: int                                   # input number of the group's first claim
    claims: int = 0                              # after deduplication
    contradictions: list[Finding] = field(default_factory=list)
    agreements: list[tuple[tuple, Finding]] = field(default_factory=list)
    updates: list[Finding] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)
    ledger_claims: list = field(default_factory=list)


def decide_group(numbered: Iterable[tuple[int, Claim]], rules: CompareRules, story: bool) -> Part:
    """One group's claims, (input number, claim), decided as the one-process decider would."""
    numbered = sorted(numbered, key=lambda t: t[0])
    d = _Decider(rules, story)
    d.decide_all([c for _, c in numbered])
    figure_of = {at: figure for figure, at in d.agreed.items()}
    out = d.out
    return Part(numbered[0][0] if numbered else 0, out.claims, out.contradictions,
                [(figure_of[i], f) for i, f in enumerate(out.agreements)], out.updates, out.ledger, out.ledger_claims)


def decide_groups(groups: Iterable[tuple[tuple, list[tuple[int, Claim]]]], rules: CompareRules,
                  story: bool) -> list[Part]:
    """`decide_group` for each (key, numbered claims) of a shuffle's partition."""
    return [decide_group(numbered, rules, story) for _, numbered in groups]


def merge(parts: Iterable[Part], rules: CompareRules, story: bool, articles: Sequence = ()) -> Comparison:
    """The Comparison of all the parts, as `compare_claims` returns it."""
    d = _Decider(rules, story)
    out = d.out
    for part in sorted(parts, key=lambda p: p.first):
        out.claims += part.claims
        out.contradictions.extend(part.contradictions)
        out.updates.extend(part.updates)
        out.ledger.extend(part.ledger)
        out.ledger_claims.extend(part.ledger_claims)
        for figure, finding in part.agreements:
            at = d.agreed.get(figure)
            if at is None:
                d.agreed[figure] = len(out.agreements)
                out.agreements.append(finding)
                continue
            old = out.agreements[at]
            seen = {(c.article, c.start, c.end) for c in old.claims}
            ms = list(old.claims) + [c for c in finding.claims if (c.article, c.start, c.end) not in seen]
            out.agreements[at] = Finding("agreement", "info", d._agreement_message(ms, figure[0] == "same"),
                                         tuple(ms), finding.rule)
    out.agreements = drop_restated(out.agreements)
    out.disputes = group_disputes(out.contradictions, rules)
    out.articles = list(articles)
    out.rules = rules
    return out


def compare_in_parts(claims: Sequence[Claim], rules: CompareRules, *, stored: Sequence[Claim] = (),
                     story: bool = True, articles: Sequence = ()) -> Comparison:
    """`compare_claims`, decided group by group in this process: what a cluster does, without one."""
    groups: dict[tuple, list[tuple[int, Claim]]] = {}
    for i, c in enumerate(prepare(claims, stored)):
        groups.setdefault(group_key(c), []).append((i, c))
    return merge(decide_groups(groups.items(), rules, story), rules, story, articles)
