"""Selectors over spans of days: «از A تا B» as the date rules read it or looser in one
sentence, and a span with its stated length.
"""
from __future__ import annotations

from typing import Iterator

from ...read.compiler import NEWLINE
from .article import Run
from .registry import selector
from .values import Item, _is_day


def _date_spans(run: Run, p: dict) -> list[tuple[Item, Item, Item | None]]:
    """(start, end, range mention or None) for «از A تا B» ranges the date rules read, and for
    looser «از A [a few words] تا B» in one sentence (once per article and parameters)."""
    key = ("date_spans", p["from"], p["to"], p.get("max_gap", 6))
    got = run.cache.get(key)
    if got is None:
        got = run.cache[key] = list(_find_date_spans(run, p))
    return got


def _find_date_spans(run: Run, p: dict) -> Iterator[tuple[Item, Item, Item | None]]:
    items = run.items
    inside: set[int] = set()
    for it in items:
        if it.m.kind == "date" and it.m.extra.get("range") and not it.m.extra.get("since") and it.tok:
            parts = [x for x in run.items_in(it.tok[0], it.tok[1]) if x is not it and _is_day(x) and x.tok[1] <= it.tok[1]]
            if len(parts) >= 2:
                inside.update(x.index for x in parts)
                yield parts[0], parts[-1], it
    gap_max = int(p.get("max_gap", 6))
    for it in items:
        if it.index in inside or not _is_day(it):
            continue
        s = run.ending(p["from"], it.tok[0])
        if s is None:
            continue
        sa, sb = it.sent
        nxt = run.next_item(it)
        if nxt is None or not _is_day(nxt) or nxt.tok[0] >= sb or nxt.index in inside:
            continue
        t = run.ending(p["to"], nxt.tok[0], it.tok[1])
        if t is None or run.words(it.tok[1], t) > gap_max:
            continue
        g = run.gap(it.tok[1], t)
        if any(c in g for c in "،,:(") or NEWLINE in g:
            continue
        yield it, nxt, None


@selector("date_span", ("start", "end"), ("from", "to"), max_gap=6)
def _date_span(run: Run, p: dict) -> Iterator[dict]:
    """a span of days: «از ۳۰ سپتامبر تا ۱۵ مهر», «از ۱ اسفند ۱۴۰۳ آغاز و تا ۳۱ خرداد ۱۴۰۳ تکمیل»;
    binds `start` and `end`"""
    for a, b, r in _date_spans(run, p):
        yield {"start": a, "end": b}


@selector("span_duration", ("start", "end", "duration"), ("from", "to", "link"), max_gap=6)
def _span_duration(run: Run, p: dict) -> Iterator[dict]:
    """a span of days and its stated length: «از ۳۰ سپتامبر تا ۱۵ مهر، یعنی ۱۰ روز»;
    binds `start`, `end` and `duration`"""
    for a, b, r in _date_spans(run, p):
        last = r if r is not None else b
        nxt = run.next_item(b)
        if r is not None:
            nxt = run.next_item(r) if run.next_item(r) is not None else None
            while nxt is not None and nxt.tok[0] < r.tok[1]:
                nxt = run.next_item(nxt)
        if nxt is None or nxt.m.kind != "duration":
            continue
        end = last.tok[1]
        g = run.gap(end, nxt.tok[0])
        i = 0
        saw = False
        ok = True
        while i < len(g):
            if g[i] in " ،,(":
                i += 1
                continue
            e = run.at(p["link"], end + i, nxt.tok[0])
            if e is None:
                ok = False
                break
            saw = True
            i = e - end
        if ok and saw:
            yield {"start": a, "end": b, "duration": nxt}
