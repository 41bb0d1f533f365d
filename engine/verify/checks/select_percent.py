"""Selectors over percentages: shares of one whole listed together, a count with its whole and
its percentage, and a whole with a percentage of it (for a GRIM test).
"""
from __future__ import annotations

from typing import Iterator

from ...read.compiler import SPACE
from .article import Run, _count, _only
from .registry import selector
from .values import Item


def _share(it: Item, run: Run, p: dict) -> bool:
    m = it.m
    if m.kind != "percent" or m.hedge in ("gt", "ge", "lt", "le", "range", "vague"):
        return False
    if m.extra.get("unit_text"):           # «۲۷ درصدی»: a rate of change, not a share
        return False
    return True


@selector("shares", ("shares", "rest"), ("whole", "link", "category", "change", "rest", "join"), max_gap=6)
def _shares(run: Run, p: dict) -> Iterator[dict]:
    """percentages of one whole listed together: «از مجموع آرا ۵۸ درصد به …، ۴۱ درصد به … و ۷ درصد به …»,
    «۶۲ درصد موافق و ۴۵ درصد مخالف». The whole must be named before the list (`whole`), or each
    share followed by the same link word (`link`: «به چین، … به سوریه»), or by words of one
    category (`category`: «موافق / مخالف»); no `change` word («افزایش», «کاهش») may be near.
    Binds `shares` (two or more) and `rest` (a rest word follows: «و بقیه …»)."""
    gap_max = int(p.get("max_gap", 6))
    items = run.items
    k = 0
    while k < len(items):
        it = items[k]
        k += 1
        if not _share(it, run, p):
            continue
        sa, sb = it.sent
        shares = [it]
        cur = it
        while True:
            nxt = run.next_item(cur)
            if nxt is None or nxt.tok[0] >= sb or not _share(nxt, run, p):
                break
            if run.words(cur.tok[1], nxt.tok[0]) > gap_max or not run.joined(nxt.tok[0], cur.tok[1], p["join"]):
                break
            shares.append(nxt)
            cur = nxt
        if len(shares) < 2:
            continue
        k = shares[-1].index + 1
        first, last = shares[0], shares[-1]
        # no change words around the list
        lo = max(sa, first.tok[0] - 6)
        hi = min(sb, last.tok[1] + 8)
        if run.find(p["change"], lo, hi) is not None:
            continue
        same = False
        w = run.find(p["whole"], max(sa, first.tok[0] - 14), first.tok[0])
        if w is not None:
            same = True
        if not same:
            links = [run.at(p["link"], x.tok[1], sb) for x in shares[1:]]
            if all(e is not None for e in links):
                same = run.find(p["link"], first.tok[1], min(sb, first.tok[1] + 10)) is not None
        if not same:
            cats = []
            for x in shares:
                e = run.at(p["category"], x.tok[1], sb)
                cats.append(run.checks.entry_value(p["category"], run.syms, x.tok[1], e) if e is not None else None)
            if all(c is not None for c in cats) and len(set(cats)) == 1:
                same = True
        if not same:
            continue
        rest = run.find(p["rest"], last.tok[1], min(sb, last.tok[1] + 8)) is not None
        yield {"shares": shares, "rest": rest}


@selector("part_whole_percent", ("part", "whole", "percent"), ("whole_before", "part_of", "link"), max_gap=5)
def _part_whole_percent(run: Run, p: dict) -> Iterator[dict]:
    """a count, the whole it is part of, and its stated percentage:
    «از ۲۰۰ نفر، ۵۰ نفر یعنی ۲۵ درصد», «۵۰ نفر از ۲۰۰ نفر (۲۵ درصد)», and the percentage first:
    «۳۰ درصد از ۲۰۰ نفر، یعنی ۸۰ نفر» (the count counts what the whole counts); binds `part`,
    `whole`, `percent`"""
    gap_max = int(p.get("max_gap", 5))
    for it in run.counts:
        sa, sb = it.sent
        a = run.next_item(it)
        if a is None or a.tok[0] >= sb or not _count(a) or run.words(it.tok[1], a.tok[0]) > gap_max:
            continue
        b = run.next_item(a)
        if b is None or b.tok[0] >= sb or b.m.kind != "percent" or b.m.hedge in ("gt", "ge", "lt", "le", "range", "vague"):
            continue
        if not _link_to(run, a, b, p["link"]):
            continue
        if run.ending(p["whole_before"], it.tok[0], sa) is not None:
            yield {"part": a, "whole": it, "percent": b}
        else:
            s = run.ending(p["part_of"], a.tok[0], it.tok[1])
            if s is not None and run.words(it.tok[1], s) <= 2:
                yield {"part": it, "whole": a, "percent": b}
    yield from _percent_first(run, p, gap_max)


def _percent_first(run: Run, p: dict, gap_max: int) -> Iterator[dict]:
    """«۳۰ درصد از ۲۰۰ نفر، یعنی ۸۰ نفر», «۳۰ درصد از ۲۰۰ نفر (۸۰ نفر)»: a percentage, `part_of`
    and its whole right after it, then the count after a link."""
    for b in run.items:
        if b.m.kind != "percent" or b.m.hedge in ("gt", "ge", "lt", "le", "range", "vague") or b.tok is None:
            continue
        sa, sb = b.sent
        w = run.next_item(b)
        if w is None or w.tok[0] >= sb or not _count(w):
            continue
        s = run.ending(p["part_of"], w.tok[0], b.tok[1])
        if s is None or run.words(b.tok[1], s) > 0:
            continue
        c = run.next_item(w)
        if c is None or c.tok[0] >= sb or not _count(c) or run.words(w.tok[1], c.tok[0]) > gap_max:
            continue
        if _link_to(run, w, c, p["link"]) and _counted_alike(run, w, c):
            yield {"part": c, "whole": w, "percent": b}


def _counted_alike(run: Run, a: Item, b: Item) -> bool:
    """The count counts what its whole counts: «۲۰۰ نفر … ۸۰ نفر» (the word after each, or one unit)."""
    if a.m.kind != b.m.kind:
        return False
    if a.m.kind == "quantity":
        return a.m.extra.get("unit") == b.m.extra.get("unit")
    return _word_after(run, a) is not None and _word_after(run, a) == _word_after(run, b)


def _word_after(run: Run, it: Item) -> str | None:
    i = it.tok[1]
    while i < len(run.syms) and run.syms[i] == SPACE:
        i += 1
    if i < len(run.syms) and run.words(i, i + 1):
        return run.tokens.pieces[i]
    return None


def _link_to(run: Run, a: Item, b: Item, link: str) -> bool:
    """Between a count and its percentage: its counted word or two, then «یعنی» / «معادل» / «(»."""
    g_end = b.tok[0]
    i = a.tok[1]
    words = 0
    while i < g_end:
        c = run.syms[i]
        if c == SPACE or c in "،,":
            i += 1
            continue
        if c == "(":
            return _only(run.gap(i + 1, g_end), " ")
        e = run.at(link, i, g_end)
        if e is not None:
            return _only(run.gap(e, g_end), " (،,")
        words += 1
        if words > 2:
            return False
        i += 1
    return False


@selector("whole_percent", ("whole", "percent"), ("whole_before", "change"), max_gap=3)
def _whole_percent(run: Run, p: dict) -> Iterator[dict]:
    """a whole count and a percentage of it with no count given: «از ۱۲ عضو هیئت، ۳۰ درصد …»;
    binds `whole` and `percent` (for a GRIM test)"""
    gap_max = int(p.get("max_gap", 3))
    for it in run.counts:
        sa, sb = it.sent
        if run.ending(p["whole_before"], it.tok[0], sa) is None:
            continue
        b = run.next_item(it)
        if b is None or b.tok[0] >= sb or b.m.kind != "percent" or not _share(b, run, p):
            continue
        if run.words(it.tok[1], b.tok[0]) > gap_max or not (1 <= run.words(it.tok[1], b.tok[0])):
            continue
        g = run.gap(it.tok[1], b.tok[0])
        if "،" not in g and "," not in g:
            continue
        if run.find(p["change"], max(sa, b.tok[0] - 4), min(sb, b.tok[1] + 6)) is not None:
            continue
        nb = run.next_item(b)
        if nb is not None and nb.tok[0] < sb and _count(nb):
            continue
        yield {"whole": it, "percent": b}
