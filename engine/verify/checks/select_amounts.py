"""Selectors over amounts given twice: one amount in two units side by side, and one claim (a
fact with its subject, predicate, unit and time) stated again in another sentence.
"""
from __future__ import annotations

from typing import Iterator

from ...read.compiler import NEWLINE
from .article import Run, _next_index, _pair_gap
from .registry import selector
from .values import ATTRS, Item


@selector("amount_pair", ("first", "second"), ("link",))
def _amount_pair(run: Run, p: dict) -> Iterator[dict]:
    """one amount given twice side by side: «۳۶ هزار میلیارد ریال (معادل ۳۶۰۰ میلیارد تومان)»;
    binds `first` and `second` (money or quantities)"""
    items = [it for it in run.items if it.m.kind in ("money", "quantity")]
    for a, b in zip(items, items[1:]):
        if b.index == _next_index(run, a) and _pair_gap(run, a.tok[1], b.tok[0], p["link"]):
            yield {"first": a, "second": b}


@selector("same_fact", ("first", "second"),
          ("subject", "measure", "generic", "scope", "change", "hypothetical", "vague", "predicate"))
def _same_fact(run: Run, p: dict) -> Iterator[dict]:
    """one claim stated twice, in different sentences: two facts with the same subject,
    predicate, unit, time and running-total status. Only specific claims are compared: a
    measure of lexicon `measure` with what it measures («نرخ تورم/نقطه»), not narrowed by a
    `scope` word between the two («… در مناطق روستایی ۴۱.۳ درصد»); or a subject of lexicon
    `subject` with a predicate («چهار ناو جنگی … شلیک کردند»; a fact without one takes a
    phrase of lexicon `predicate` after its number: «… که موشک شلیک می‌کردند»), not a `generic`
    one. Changes
    («۲۵ درصد افزایش», lexicon `change`) and conditions («در صورتی که …», `hypothetical`) are
    not claims of a value; a measure of something `vague` («بودجه سال …», «قیمت هر …») is not
    specific; a subject with more than two values in the article is a list or a series (prices
    per city, thresholds of a law), not one claim; and two sentences dated differently («خرداد
    ۸۸ …», «آبان ۸۸ …») are about different times. Binds `first` and `second`."""
    known = run.checks.values(p["subject"])
    measures = run.checks.values(p["measure"])
    generic = run.checks.values(p["generic"])
    vague = run.checks.values(p["vague"])
    groups: dict[tuple, list[Item]] = {}
    for it in run.fact_items():
        f = it.fact
        key = f.subject.get("key")
        if not key or key in generic or it.m is None or it.tok is None:
            continue
        a, b = it.tok
        head, _, of = key.partition("/")
        pred = (f.predicate or {}).get("key")
        if head in measures and key not in known:
            if not of or of in vague:
                continue
            hit = None
            for h in run.finditer(p["measure"], max(0, a - 12), a):
                hit = h
            if hit is None or run.find(p["scope"], hit[1], a) is not None:
                continue
        else:
            if key not in known:
                continue
            if pred is None:
                sa, sb = run.sentence(a)
                hit = run.find(p["predicate"], b, sb)
                if hit is None:
                    continue
                pred = run.checks.entry_value(p["predicate"], run.syms, hit[0], hit[1])
                if pred is None:
                    continue
        sa, sb = run.sentence(a)
        if run.find(p["change"], max(sa, a - 3), min(sb, b + 4)) is not None:
            continue
        if run.find(p["hypothetical"], sa, a) is not None:
            continue
        t = f.time or {}
        unit = it.m.extra.get("base_unit") or f.unit
        g = (key, pred, unit, f.kind, t.get("value"), str(t.get("interval")),
             bool(f.cumulative), f.as_of)
        groups.setdefault(g, []).append(it)
    for lst in groups.values():
        values = {(ATTRS["base_lo"](x), ATTRS["base_hi"](x)) for x in lst}
        if len(values) != 2:
            continue
        for i in range(len(lst)):
            for j in range(i + 1, len(lst)):
                a, b = lst[i], lst[j]
                sa, sb = a.sent, b.sent
                if sa == sb or _dates_in(run, sa) != _dates_in(run, sb):
                    continue
                yield {"first": a, "second": b}


def _dates_in(run: Run, sent: tuple[int, int]) -> frozenset:
    """The stated dates a sentence is about (their spans of days): its own, else the last one
    named before it in its paragraph («خرداد سال ۸۸ … منفجر کرد. ۲۷ نفر کشته شدند»). Facts
    of differently dated sentences are about different times. Relative dates («سال آینده») do
    not date a sentence here."""
    def stated(x: Item) -> bool:
        return x.m.kind == "date" and bool(x.m.extra.get("stated"))

    def key(x: Item):
        return tuple(x.m.interval) if x.m.interval else x.m.text

    own = frozenset(key(x) for x in run.items_in(sent[0], sent[1]) if stated(x))
    if own:
        return own
    para = run.syms.rfind(NEWLINE, 0, sent[0]) + 1
    for x in reversed(run.items_in(para, sent[0])):
        if stated(x):
            return frozenset([key(x)])
    return own
