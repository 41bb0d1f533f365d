"""`compare` on a Dask cluster: the claims, numbered in input order, are grouped by their group
key with a Dask bag `groupby` (a task shuffle across the workers), each group is decided on a
worker by the one-process decider (engine/verify/compare/shards.py), and the parts are merged in
the client into the Comparison `compare_claims` returns, byte for byte in its JSON.

    session = cluster.open_session("local")
    result = compare_dask(claims, rules, session, stored=stored, story=False)

`compare_bag` takes a bag of (number, Claim) made anywhere (the benchmark makes a million
articles' claims on the workers themselves, so the client never holds them).
"""
from __future__ import annotations

from typing import Any, Sequence

from ..verify.compare.claim import Claim
from ..verify.compare.decide import prepare
from ..verify.compare.result import Comparison
from ..verify.compare.rules import CompareRules
from ..verify.compare.shards import decide_groups, group_key, merge
from .cluster import Session


def numbered_key(item: tuple[int, Claim]) -> tuple:
    """The shuffle's key of a numbered claim."""
    return group_key(item[1])


def compare_bag(bag: Any, rules: CompareRules, session: Session, *, story: bool, articles: Sequence = (),
                partitions: int | None = None) -> Comparison:
    """Decide a bag of (input number, Claim): a groupby shuffle, one decider per group."""
    import dask
    rules_task = dask.delayed(rules, traverse=False)     # sent to the cluster once, not per partition
    grouped = bag.groupby(numbered_key, shuffle="tasks", npartitions=partitions or bag.npartitions)
    parts = grouped.map_partitions(decide_groups, rules_task, story)
    done = session.client.compute(parts).result()
    return merge(done, rules, story, articles)


def compare_dask(claims: Sequence[Claim], rules: CompareRules, session: Session, *, stored: Sequence[Claim] = (),
                 story: bool = True, articles: Sequence = (), partitions: int | None = None) -> Comparison:
    """`compare_claims` on the cluster of ``session``: the same result."""
    import dask.bag as db
    numbered = list(enumerate(prepare(claims, stored)))
    n = partitions or max(1, min(4 * session.workers, len(numbered) // 1000 + 1))
    bag = db.from_sequence(numbered, npartitions=n) if numbered else db.from_sequence([], npartitions=1)
    return compare_bag(bag, rules, session, story=story, articles=articles, partitions=n)
