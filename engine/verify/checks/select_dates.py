"""Selectors over stated days: a day and its weekday, one day given in two calendars, a day
in a sentence that reports something done, and a birth year beside an age.
"""
from __future__ import annotations

from typing import Iterator

from .article import Run, _NOT_WORDS, _next_index, _only, _pair_gap
from .registry import selector
from .values import Item, _is_day, _num


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


@selector("birth_age", ("birth", "age", "born_year", "born_calendar", "age_years"),
          ("born", "age_after_number", "age_after_years"))
def _birth_age(run: Run, p: dict) -> Iterator[dict]:
    """a birth year and an age in one sentence: «متولد ۱۳۳۱ … ۷۰ ساله شد», «… ۴۰ سال دارد»;
    binds `birth`, `age`, `born_year`, `born_calendar` and `age_years`"""
    for s, e in run.finditer(p["born"]):
        sa, sb = run.sentence(s)
        after = [x for x in run.items_in(e, sb)]
        if not after:
            continue
        b = after[0]
        if not _only(run.gap(e, b.tok[0]), " ") and run.words(e, b.tok[0]) > 1:
            continue
        year = cal = None
        if b.m.kind == "number" and isinstance(b.m.value, int) and not b.m.hedge:
            if 1200 <= b.m.value <= 1500:
                year, cal = b.m.value, "jalali"
            elif 1800 <= b.m.value <= 2100:
                year, cal = b.m.value, "gregorian"
        elif b.m.kind == "date" and (b.m.extra.get("stated") or {}).get("year") and b.m.extra.get("calendar") in ("jalali", "gregorian"):
            year, cal = b.m.extra["stated"]["year"], b.m.extra["calendar"]
        if year is None:
            continue
        stop = run.find(p["born"], e, sb)
        limit = stop[0] if stop else sb
        for x in after[1:]:
            if x.tok[0] >= limit:
                break
            if x.m.kind == "date" and (x.m.extra.get("stated") or {}).get("year"):
                break          # an age at another dated event, not now
            age = None
            if x.m.kind == "number" and isinstance(x.m.value, int) and not x.m.hedge and 0 < x.m.value < 130:
                if run.at(p["age_after_number"], x.tok[1], sb) is not None:
                    age = x.m.value
            elif x.m.kind == "duration" and not x.m.hedge and isinstance(_num(x.m.extra.get("amount")), int):
                per = x.m.value / x.m.extra["amount"] if x.m.extra["amount"] else 0
                if 360 <= per <= 366 and run.at(p["age_after_years"], x.tok[1], sb) is not None:
                    age = x.m.extra["amount"]
            if age is not None:
                yield {"birth": b, "age": x, "born_year": year, "born_calendar": cal, "age_years": age}
                break
