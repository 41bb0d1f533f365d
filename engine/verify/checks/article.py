"""The article as selectors see it: `Run` holds one article's symbol string, its mentions as
`Item`s with their sentences, and lexicon lookups over the symbols (a phrase at, ending at or
within a token range). Also the gap tests that several selector families share.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator

from ...read.compiler import SPACE
from .values import Item, _iso, _is_day

TERMINATORS = ".!?؟\n;؛"


class Run:
    """One article being checked: tokens, mentions as items, sentences, lexicon lookups."""

    def __init__(self, checks: "CheckSet", text, tokens, mentions, spans, facts, published: str | None) -> None:
        self.checks = checks
        self.text = text
        self.tokens = tokens
        self.syms: str = tokens.syms if tokens is not None else ""
        self.published = _iso(published[:10]) if isinstance(published, str) else _iso(published)
        # minutes after midnight when the publication gives its time ("2024-03-05T23:30"), else None
        self.published_minutes = (int(published[11:13]) * 60 + int(published[14:16])
                                  if isinstance(published, str) and len(published) >= 16 else None)
        self.items = [Item(m, sp, i, None, self.published) for i, (m, sp) in enumerate(zip(mentions, spans))]
        self._sent_ends = [m.start() for m in _TERM_RX.finditer(self.syms)]
        ends = self._sent_ends
        n = len(self.syms)
        for it in self.items:
            k = bisect_left(ends, it.tok[0])
            it.sent = (ends[k - 1] + 1 if k > 0 else 0, ends[k] if k < len(ends) else n)
        self.dates = [it for it in self.items if it.m.kind == "date"]
        self.counts = [it for it in self.items if it.count]
        self.by_id = {it.m.id: it for it in self.items}
        self.facts = facts
        self._fact_items: list[Item] | None = None
        self._days: list[Item] | None = None
        self.cache: dict = {}
        self.tok_starts = [it.tok[0] if it.tok else -1 for it in self.items]

    # -- sentences
    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token i (terminators: . ! ? ؟ ; ؛ and line breaks)."""
        ends = self._sent_ends
        k = bisect_left(ends, i)
        a = ends[k - 1] + 1 if k > 0 else 0
        b = ends[k] if k < len(ends) else len(self.syms)
        return a, b

    # -- lexicons over the symbol string
    def at(self, lex: str, i: int, limit: int | None = None) -> int | None:
        """End of a phrase of lexicon `lex` starting at token i (after spaces), else None."""
        rx = self.checks.rx_at.get(lex)
        if rx is None:
            return None
        n = limit if limit is not None else len(self.syms)
        while i < n and self.syms[i] == SPACE:
            i += 1
        m = rx.match(self.syms, i, n)
        return m.end() if m else None

    def ending(self, lex: str, i: int, lo: int = 0) -> int | None:
        """Start of a phrase of lexicon `lex` that ends at token i (before spaces), else None."""
        rx = self.checks.rx_end.get(lex)
        if rx is None:
            return None
        a = max(lo, i - 16)
        m = rx.search(self.syms, a, i)
        return m.start() if m else None

    def find(self, lex: str, a: int, b: int) -> tuple[int, int] | None:
        rx = self.checks.rx_at.get(lex)
        if rx is None or a >= b:
            return None
        m = rx.search(self.syms, a, b)
        return (m.start(), m.end()) if m else None

    def finditer(self, lex: str, a: int = 0, b: int | None = None) -> Iterator[tuple[int, int]]:
        rx = self.checks.rx_at.get(lex)
        if rx is None:
            return iter(())
        return ((m.start(), m.end()) for m in rx.finditer(self.syms, a, len(self.syms) if b is None else b))

    def joined(self, b: int, a: int, lex: str) -> bool:
        """The list item starting at token b is joined to the one before (ending at a): «و»
        (a word of lexicon `lex`) or a comma right before it."""
        i = b
        while i > a and self.syms[i - 1] == SPACE:
            i -= 1
        if i > a and self.syms[i - 1] in "،,":
            return True
        return self.ending(lex, b, a) is not None

    def gap(self, a: int, b: int) -> str:
        return self.syms[a:b] if a <= b else ""

    def words(self, a: int, b: int) -> int:
        """Words and numbers among tokens [a, b) (spaces and punctuation do not count)."""
        return sum(1 for c in self.syms[a:b] if c not in _NOT_WORDS)

    def next_item(self, it: Item) -> Item | None:
        k = it.index + 1
        while k < len(self.items):
            nxt = self.items[k]
            if nxt.tok and nxt.tok[0] >= it.tok[1]:
                return nxt
            k += 1
        return None

    def items_in(self, a: int, b: int) -> list[Item]:
        lo = bisect_left(self.tok_starts, a)
        hi = bisect_left(self.tok_starts, b)
        return self.items[lo:hi]

    def days(self) -> list[Item]:
        if self._days is None:
            self._days = [it for it in self.dates if _is_day(it)]
        return self._days

    def fact_items(self) -> list[Item]:
        if self._fact_items is None:
            out = []
            for k, f in enumerate(self.facts or ()):
                src = self.by_id.get(f.mentions[0]) if f.mentions else None
                it = Item(src.m if src else None, src.tok if src else None, k, f, self.published)
                it.sent = src.sent if src else None
                out.append(it)
            self._fact_items = out
        return self._fact_items


_TERM_RX = re.compile("[" + re.escape(TERMINATORS) + "]")
_NOT_WORDS = frozenset(" \n،,.:;؛()«»\"'-!?؟/[]")


def _only(gap: str, allowed: str) -> bool:
    return all(c in allowed for c in gap)


def _pair_gap(run: Run, a: int, b: int, link: str) -> bool:
    """Between two amounts or days: «(», or a link phrase («برابر با», «معادل»), with commas."""
    g = run.gap(a, b)
    if not g.strip(" "):
        return False
    i = 0
    saw = False
    while i < len(g):
        c = g[i]
        if c in " ،,":
            i += 1
        elif c == "(":
            saw = True
            i += 1
        else:
            end = run.at(link, a + i, b)
            if end is None:
                return False
            saw = True
            i = end - a
    return saw


def _next_index(run: Run, it: Item) -> int:
    n = run.next_item(it)
    return n.index if n is not None else -1


def _count(it: Item) -> bool:
    """A stated whole count: a plain number (or a quantity) that is not hedged."""
    return it.count
