"""What a rule's matches can begin with, finer than `Compiler.first`: a phrase of two or more
words begins with a PAIR of symbols. «در» is about one word in twenty of news, and the rules
that can start with it start only with the hedge «در حدود»: the matcher's finder (finder.py
`_finder`) tests the pair, so the other «در»s are passed over before any rule is tried there.
"""
from __future__ import annotations

from typing import Any, Protocol

from ..lang import syntax as S


class Compiler(Protocol):
    """What this module needs of `compiler.Compiler` (which imports this module)."""
    lexicons: dict[str, Any]

    def first(self, node: S.Node) -> tuple[set[str] | None, bool]: ...
    def phrase_atoms(self, phrase: str) -> list[list[str]]: ...
    def phrase_first(self, phrase: str) -> set[str]: ...

Starts = tuple[set[str] | None, set[tuple[str, str]], bool]   # singles (None: any), pairs, nullable


def rule_pairs(comp: "Compiler", patterns) -> tuple[tuple[str, frozenset], ...]:
    """A rule's `pairs`: each symbol its matches begin with only as a two-word phrase's first
    word, with the symbols that can follow it. Empty when some match can begin anywhere."""
    singles: set[str] = set()
    pairs: dict[str, set[str]] = {}
    for p in patterns:
        s, two, _ = starts(comp, p)
        if s is None:
            return ()
        singles |= s
        for a, b in two:
            pairs.setdefault(a, set()).add(b)
    return tuple((a, frozenset(bs)) for a, bs in sorted(pairs.items()) if a not in singles)


def starts(comp: "Compiler", node: S.Node) -> Starts:
    """Like `Compiler.first`, with pairs for phrases: (single first symbols or None for "any",
    (first, second) symbol pairs, nullable)."""
    if isinstance(node, S.Seq):
        led = _word_led(comp, node)
        if led is not None:
            return led
        singles: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for item in node.items:
            if isinstance(item, S.Look):
                continue
            s, p, nullable = starts(comp, item)
            if s is None:
                return None, set(), False
            singles |= s
            pairs |= p
            if not nullable:
                return singles, pairs, False
        return singles, pairs, True
    if isinstance(node, S.Alt):
        singles, pairs, nul = set(), set(), False
        for o in node.options:
            s, p, n = starts(comp, o)
            if s is None:
                return None, set(), False
            singles, pairs, nul = singles | s, pairs | p, nul or n
        return singles, pairs, nul
    if isinstance(node, S.Repeat):
        s, p, n = starts(comp, node.node)
        return s, p, n or node.quant in "?*"
    if isinstance(node, (S.Capture, S.Longest)):
        return starts(comp, node.node)
    if isinstance(node, S.Lit):
        return (*_phrase_starts(comp, [node.text]), False)
    if isinstance(node, S.LexRef):
        lex = comp.lexicons.get(node.name)
        return (*_phrase_starts(comp, [f for e in (lex.entries if lex else ()) for f in e.forms]), False)
    f, nullable = comp.first(node)
    return f, set(), nullable


def _phrase_starts(comp: "Compiler", forms: list[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """A phrase of two words or more begins with its first two symbols (joined by an optional
    space, as the rule's own regex joins them); a one-word phrase with its symbol."""
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for form in forms:
        for seq in comp.phrase_atoms(form):
            if len(seq) >= 2 and len(seq[0]) == 1 and len(seq[1]) == 1:
                pairs.add((seq[0], seq[1]))
            elif seq:
                singles |= comp.phrase_first(form)
    return singles, pairs


def _words(node: S.Node) -> list[str] | None:
    """The written forms of a literal or an alternative of literals («"این" | "همین" | "آن"»)."""
    if isinstance(node, S.Lit):
        return [node.text]
    if isinstance(node, S.Alt) and all(isinstance(o, S.Lit) for o in node.options):
        return [o.text for o in node.options]
    if isinstance(node, S.Seq) and len(node.items) == 1:
        return _words(node.items[0])
    return None


def _word_led(comp: "Compiler", node: S.Seq) -> Starts | None:
    """A sequence led by one-word literals and then an item that must come («"این" "ساعت"»):
    each literal word starts a pair with the first symbols of that item."""
    items = [x for x in node.items if not isinstance(x, S.Look)]
    if len(items) < 2 or (forms := _words(items[0])) is None:
        return None
    nxt, nullable = comp.first(items[1])
    if nxt is None or nullable or not nxt:
        return None
    singles, pairs = _phrase_starts(comp, forms)
    if singles:   # a one-word form: its symbol, followed by the next item's first symbols
        one = set().union(*(comp.phrase_first(f) for f in forms if len(comp.phrase_atoms(f)[0]) == 1)) \
            if all(comp.phrase_atoms(f) for f in forms) else None
        if one is None or one != singles:
            return None
        pairs |= {(a, b) for a in singles for b in nxt}
    return set(), pairs, False


def rule_needs(comp: "Compiler", patterns) -> tuple[tuple[frozenset, ...], ...]:
    """Per `match` line, the symbol sets every match of that line holds one of: the first
    symbols of each word, lexicon or kind it cannot do without («word word? @dateline_dash
    @dateline_agency …» holds a dash, an agency and a date). Empty when some line needs none.
    The matcher skips a rule that can begin anywhere where the text lacks what it needs."""
    out = []
    for p in patterns:
        items = p.items if isinstance(p, S.Seq) else (p,)
        sets = []
        for item in items:
            if isinstance(item, (S.Look, S.Repeat)):
                continue
            node = item.node if isinstance(item, S.Capture) else item
            if isinstance(node, (S.Lit, S.LexRef, S.TypeRef)):
                f, nullable = comp.first(node)
                if f and not nullable:
                    sets.append(frozenset(f))
        if not sets:
            return ()
        out.append(tuple(sets))
    return tuple(out)
