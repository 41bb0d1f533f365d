"""The combined regexes a layer is searched with: one search finds the next place where some
rule matches and says where each rule there ends (matcher.py `Matcher.scan`), and inside a text's
head the step to the next place a `head` rule or another rule matches."""
from __future__ import annotations

import re

from .compiler import JOIN, CompiledRule


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _combined(rules) -> re.Pattern:
    """One regex trying every rule at one place: rule i's end is group i's end (-1: no match).
    Each rule is guarded by the symbols it can start with, so the others fail on one test."""
    def guard(r: CompiledRule) -> str:
        return "(?=[" + "".join(re.escape(c) for c in sorted(r.first)) + "])" if r.first else ""
    return re.compile("".join(f"(?={guard(r)}(" + _NAMED_GROUP.sub("(?:", r.regex.pattern) + ")|)" for r in rules))


def _finder(rules, by_first: dict) -> re.Pattern:
    """The combined regex, searchable: it matches only where SOME rule matches (at least one
    group is set), so one `search` finds the next such place and says where every rule there
    ends. Places where a rule could start («در», «از», «سال» …) but none does are passed over
    in C, not one by one. A symbol that starts its rules only as the first of a two-word phrase
    is a place only when the second follows: «در» (about one word in twenty of news) starts the
    hedge «در حدود», so the other «در»s are passed over before any rule is tried there."""
    singles, pairs = [], {}
    for c in sorted(by_first):
        nexts: set[str] = set()
        for r, _ in by_first[c]:
            bs = dict(r.pairs).get(c)
            if bs is None:
                singles.append(c)
                break
            nexts |= bs
        else:
            pairs[c] = nexts
    # one class first, which the regex engine scans for in C; the pairs are tested only there
    where = "(?=[" + "".join(re.escape(c) for c in sorted(by_first)) + "])"
    if pairs:
        starts = ["[" + "".join(re.escape(c) for c in singles) + "]"] if singles else []
        starts += [re.escape(c) + JOIN + "[" + "".join(re.escape(b) for b in sorted(bs)) + "]" for c, bs in pairs.items()]
        where += "(?=" + "|".join(starts) + ")"
    some = "|".join(f"(?({i})|(?!))" for i in range(1, len(rules) + 1))
    return re.compile(where + _combined(rules).pattern + f"(?:{some})")


def _head_next(head: tuple, syms: str, starts: list[int], pos: int, head_end: int,
               next_any: int | None, next_rest: int | None) -> tuple[int | None, int | None, int | None]:
    """Inside the head: the next place a `head` rule or another rule matches, with the two
    places found (each searched again only once the scan has passed it); None for the place
    when the scan is past the head or no `head` rule matches in the rest of it."""
    if next_any is not None and next_any < pos and starts[pos] <= head[0]:
        a = head[3].search(syms, pos, head_end)
        next_any = a.start() if a is not None else None
    if starts[pos] > head[0] or next_any is None:
        return None, next_any, next_rest
    if next_rest is not None and next_rest < pos:
        b = head[2].search(syms, pos)
        next_rest = b.start() if b is not None else None
    return (next_any if next_rest is None else min(next_any, next_rest)), next_any, next_rest
