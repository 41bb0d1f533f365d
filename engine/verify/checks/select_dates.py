"""Selectors over stated days: a day and its weekday, one day given in two calendars, and a day
in a sentence that reports something done (a birth year beside an age: select_ages.py).
"""
from __future__ import annotations

from typing import Iterator

from .article import Run, _NOT_WORDS, _next_index, _only, _pair_gap
from .registry import selector
from .values import Item, _is_day


def _year_follows(run: Run, it: Item, lex: str) -> bool:
    """A year-less day followed by its year in words the date rules did not take:
    «۲۷ اردیبهشت سال هشتاد»."""
    e = run.at(lex, it.tok[1])
    if e is None:
        return False
    nxt = run.next_item(it)
    if nxt is None:
        return False
    if nxt.m.kind == "date" and set(nxt.m.extra.get("stated") or ()) == {"year"}:
        return run.words(it.tok[1], nxt.tok[0]) == 0     # «۱۷ آذر ماه سال ۱۳۳۲»: the year is its own mention
    return nxt.m.kind == "number" and nxt.tok[0] >= e and run.words(e, nxt.tok[0]) == 0


@selector("dated_weekday", ("date", "weekday"), ("year",))
def _dated_weekday(run: Run, p: dict) -> Iterator[dict]:
    """a day and the weekday stated with it: «سه‌شنبه ۱۵ مهر», «سه‌شنبه، ۱۳۹۴/۷/۱۵»,
    «۱۵ مهر (سه‌شنبه)», and a relative day with its weekday after it: «دیروز سه‌شنبه»,
    «امروز (یکشنبه)»; binds `date` and `weekday` (0 = Monday). A year-less day followed by a
    year the date rules did not read («… سال هشتاد», lexicon `year`) is left alone."""
    items = run.items
    for it in run.dates:
        w = it.m.extra.get("weekday")
        extra: tuple = ()
        if w is None or it.m.extra.get("range"):
            if not _is_day(it):
                continue
            k = it.index
            prev = items[k - 1] if k > 0 else None
            nxt = run.next_item(it)
            if prev is not None and prev.m.kind == "weekday" and _only(run.gap(prev.tok[1], it.tok[0]), " ،,-"):
                w, extra = prev.m.value, (prev,)
            elif nxt is not None and nxt.m.kind == "weekday" and _only(run.gap(it.tok[1], nxt.tok[0]), " ،,-(") \
                    and ("(" in run.gap(it.tok[1], nxt.tok[0]) or it.m.extra.get("relative") is not None):
                w, extra = nxt.m.value, (nxt,)
            else:
                continue
        if not (it.m.extra.get("stated") or {}).get("year") and _year_follows(run, it, p["year"]):
            continue
        yield {"date": it, "weekday": w, "_extra": extra} if extra else {"date": it, "weekday": w}


@selector("date_pair", ("first", "second"), ("link",))
def _date_pair(run: Run, p: dict) -> Iterator[dict]:
    """one day stated twice side by side: «۱۵ مهر ۱۳۹۴ (۷ اکتبر ۲۰۱۵)», «… مصادف با …»;
    binds `first` and `second`"""
    days = run.days()
    for a, b in zip(days, days[1:]):
        if b.tok[0] >= a.tok[1] and b.index == _next_index(run, a) and _pair_gap(run, a.tok[1], b.tok[0], p["link"]):
            yield {"first": a, "second": b}


def _sentence_end(run: Run, sent: tuple[int, int]) -> int:
    end = sent[1]
    while end > sent[0] and run.syms[end - 1] in _NOT_WORDS:
        end -= 1
    return end


@selector("completed_day", ("date",), ("completed", "future"))
def _completed_day(run: Run, p: dict) -> Iterator[dict]:
    """a stated day in a sentence that reports something done: the sentence ends with a verb
    of lexicon `completed` («… کشته شدند.», «… برگزار شد.») and has no word of lexicon
    `future` («قرار است», «خواهد», «می‌شود»); binds `date`"""
    verb: dict[tuple[int, int], int] = {}      # sentence -> where its closing "done" verb starts (-1: none)
    for it in run.days():
        m = it.m
        if m.extra.get("relative") is not None or m.extra.get("named_event"):
            continue
        sent = it.sent
        v = verb.get(sent)
        if v is None:
            s = run.ending(p["completed"], _sentence_end(run, sent), sent[0])
            v = verb[sent] = s if s is not None and run.find(p["future"], sent[0], sent[1]) is None else -1
        if v >= it.tok[1]:
            yield {"date": it}
