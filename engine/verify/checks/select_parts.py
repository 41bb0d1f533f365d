"""Selectors over parts and wholes: a stated total and the list of counts that make it up."""
from __future__ import annotations

from typing import Callable, Iterator

from ...read.compiler import NEWLINE, SPACE
from ...read.text import ZWNJ
from .article import Run, _NOT_WORDS, _count
from .registry import selector
from .values import Item


def _alike(a: Item, b: Item) -> bool:
    """Two counts of one kind: plain numbers, or quantities in one unit."""
    return a.m.kind == b.m.kind and (a.m.kind != "quantity" or a.m.extra.get("unit") == b.m.extra.get("unit"))


def _next_word(run: Run, it: Item) -> str | None:
    """The word right after a mention (its normalized spelling), or None before punctuation."""
    i = it.tok[1]
    syms = run.syms
    while i < len(syms) and syms[i] == SPACE:
        i += 1
    if i < len(syms) and syms[i] not in _NOT_WORDS and not ("a" <= syms[i] <= "z" and syms[i] != "w"):
        return run.tokens.pieces[i].replace(ZWNJ, "").lower()
    return None


def _counted(run: Run, it: Item) -> str | None:
    """What a count counts, to tell list items apart: its unit, or the word after it."""
    if it.m.kind == "quantity":
        return "unit:" + str(it.m.extra.get("unit"))
    return _next_word(run, it)


def _parts_run(run: Run, first: Item, limit: int, max_gap: int, kind_ok: Callable[[Item], bool], join: str,
               stop: str | None = None, rest: str | None = None) -> list[Item]:
    """Counts after `first` that count the same thing («۱۵ نفر … و ۱۴ نفر …»), each joined to the
    one before by «و» or a comma right before it: the parts of a list."""
    word = _counted(run, first)
    if word is None:
        return [first]
    out = [first]
    cur = first
    while True:
        nxt = run.next_item(cur)
        if nxt is None or nxt.tok[0] >= limit or not kind_ok(nxt) or not _alike(first, nxt):
            break
        g = run.gap(cur.tok[1], nxt.tok[0])
        if NEWLINE in g or run.words(cur.tok[1], nxt.tok[0]) > max_gap:
            break
        if _counted(run, nxt) != word:
            break
        b = nxt.tok[0]
        if rest is not None:            # «… و بقیه یعنی ۲ نفر»
            r = run.ending(rest, b, cur.tok[1])
            b = r if r is not None else b
        if not run.joined(b, cur.tok[1], join):
            break
        if stop is not None and run.find(stop, cur.tok[1], nxt.tok[0]) is not None:
            break
        out.append(nxt)
        cur = nxt
    return out


@selector("parts_total", ("total", "parts", "exact"), ("total_before", "parts_after", "total_after", "rest", "join"), max_gap=6)
def _parts_total(run: Run, p: dict) -> Iterator[dict]:
    """a stated total and its stated parts: «از ۲۷ جان‌باخته، ۱۵ نفر … و ۱۴ نفر …»,
    «۱۰ نفر کشته شدند که ۷ نفر … و ۵ نفر …», «۷ نفر … و ۵ نفر …، در مجموع ۱۰ نفر»;
    binds `total`, `parts` (two or more) and `exact` (the text says the parts are all of it:
    «… و بقیه ۳ نفر»)"""
    gap_max = int(p.get("max_gap", 6))
    items = run.items
    used: set[int] = set()
    for it in run.counts:
        if it.index in used:
            continue
        sa, sb = it.sent
        total = None
        first = None
        nxt = run.next_item(it)
        if nxt is not None and nxt.tok[0] < sb and _count(nxt) and _alike(it, nxt):
            g = run.gap(it.tok[1], nxt.tok[0])
            # total first: «از ۲۷ جان‌باخته، ۱۵ نفر …» (a comma after the whole) …
            if run.ending(p["total_before"], it.tok[0], sa) is not None and run.words(it.tok[1], nxt.tok[0]) <= 4 \
                    and ("،" in g or "," in g or ":" in g):
                total, first = it, nxt
            else:
                # … or «۱۰ نفر کشته شدند که ۷ نفر …» (the parts count what the total counts)
                hit = run.find(p["parts_after"], it.tok[1], nxt.tok[0])
                if hit is not None and run.words(hit[1], nxt.tok[0]) <= 1 and run.words(it.tok[1], hit[0]) <= 5 \
                        and _counted(run, it) is not None and _counted(run, it) == _counted(run, nxt):
                    total, first = it, nxt
        if total is not None:
            parts = _parts_run(run, first, sb, gap_max, _count, p["join"], p["total_after"], p["rest"])
            if len(parts) >= 2:
                used.update(x.index for x in parts)
                last = parts[-1]
                exact = (run.ending(p["rest"], last.tok[0], sa) is not None
                         or run.at(p["rest"], last.tok[1], sb) is not None
                         or _rest_after_word(run, last, p["rest"], sb))
                yield {"total": total, "parts": parts, "exact": exact}
                continue
        # parts first, then «در مجموع ۱۰ نفر»
        parts = _parts_run(run, it, sb, gap_max, _count, p["join"], p["total_after"], p["rest"])
        if len(parts) >= 2:
            total = _total_after(run, p, parts, sb)
            if total is not None:
                used.update(x.index for x in parts)
                yield {"total": total[0], "parts": parts, "exact": total[1]}


def _total_after(run: Run, p: dict, parts: list[Item], sb: int) -> tuple[Item, bool] | None:
    """The total after its parts: «۷ نفر زن و ۵ نفر مرد، در مجموع ۱۰ نفر» (at most 3 words
    between), or closing the parts' clause: «۱۲ نفر کشته و ۳۰ نفر زخمی شدند و در مجموع ۵۰ نفر
    آسیب دیدند» (at most `max_gap` words, then «و» or a comma, then the total word). The total is
    exact (the sum of the parts, not a bound) when it counts what the parts count."""
    last = parts[-1]
    nxt = run.next_item(last)
    if nxt is None or nxt.tok[0] >= sb or not _count(nxt) or not _alike(last, nxt):
        return None
    s = run.ending(p["total_after"], nxt.tok[0], last.tok[1])
    if s is None:
        return None
    n = run.words(last.tok[1], s)
    if n > 3 and not (n <= int(p.get("max_gap", 6)) and run.joined(s, last.tok[1], p["join"])):
        return None
    w = _counted(run, parts[0])
    return nxt, w is not None and w == _counted(run, nxt)


def _rest_after_word(run: Run, it: Item, lex: str, limit: int) -> bool:
    """«۵ نفر بقیه»: the rest word right after the part's counted word."""
    i = it.tok[1]
    while i < limit and run.syms[i] == SPACE:
        i += 1
    return i + 1 < limit and run.at(lex, i + 1, limit) is not None
