"""The selector over a person's age: a birth year and an age stated in one sentence, and the
time the age is at (the publication, or the dated event the age is given for).
"""
from __future__ import annotations

from typing import Iterator

from .article import Run, _only
from .registry import selector
from .values import Item, _num

# the value of an age word in lexicon `age_after_number` / `age_before_number`: when the age is
_NOW = ("age", "now")      # the publication («۶۵ ساله است», «۴۰ سال دارد»)
_BECAME = "became"         # a dated event beside it, else the publication («۷۰ ساله شد», "aged 70")
_THEN = "then"             # a dated event beside it, else unknown («در ۶۵ سالگی»)
_ATTRIBUTE = "attribute"   # «بازیکن ۲۵ ساله»: an age only after a person noun or before the birth


def _year_of(it: Item) -> tuple[int, str] | None:
    """A stated birth year: a plain year number (1200–1500 Jalali, 1800–2100 Gregorian) or a date
    with its year."""
    m = it.m
    if m.kind == "number" and isinstance(m.value, int) and not m.hedge:
        if 1200 <= m.value <= 1500:
            return m.value, "jalali"
        if 1800 <= m.value <= 2100:
            return m.value, "gregorian"
    elif m.kind == "date" and (m.extra.get("stated") or {}).get("year") and m.extra.get("calendar") in ("jalali", "gregorian"):
        return m.extra["stated"]["year"], m.extra["calendar"]
    return None


def _births(run: Run, p: dict) -> list[tuple[Item, int, str, int, int]]:
    """Each birth statement: (year item, year, calendar, first token, end token). «متولد ۱۳۳۱»,
    «زاده سال ۱۳۳۱», "born in 1952" (lexicon `born`, then the year), and «در سال ۱۳۴۵ به دنیا آمد»,
    «۱۳۴۵ در تهران چشم به جهان گشود» (the year, at most `verb_gap` words, then lexicon `born_verb`)."""
    out = []
    for s, e in run.finditer(p["born"]):
        sa, sb = run.sentence(s)
        # the year after the born word, or a date that starts inside it («متولد سال ۱۳۶۰»)
        after = [x for x in run.items_in(s, sb) if x.tok[1] > e]
        if not after:
            continue
        b = after[0]
        if b.tok[0] >= e and not _only(run.gap(e, b.tok[0]), " ") and run.words(e, b.tok[0]) > 1:
            continue
        y = _year_of(b)
        if y is not None:
            out.append((b, y[0], y[1], s, b.tok[1]))
    if p.get("born_verb"):
        gap = int(p.get("verb_gap", 4))
        for s, e in run.finditer(p["born_verb"]):
            sa, sb = run.sentence(s)
            before = run.items_in(sa, s)
            if not before:
                continue
            b = before[-1]
            k = len(before) - 1
            while k > 0 and before[k - 1].tok[1] > b.tok[0]:     # «متولد ۱۳۸۰» and its year: the wider one
                k -= 1
                b = before[k] if _year_of(before[k]) else b
            y = _year_of(b)
            if y is None or b.tok[1] > s or run.words(b.tok[1], s) > gap:
                continue
            if any(x[0] is b or (x[3] <= b.tok[0] < x[4]) for x in out):
                continue
            out.append((b, y[0], y[1], b.tok[0], e))
    out.sort(key=lambda x: x[3])
    return out


def _age_of(run: Run, x: Item, p: dict, sa: int, sb: int, birth: tuple) -> tuple[int, str] | None:
    """The age `x` states and when it is at (`_NOW`, `_BECAME`, `_THEN`), or None."""
    m = x.m
    if m.hedge:
        return None
    if m.kind == "number" and isinstance(m.value, int) and 0 < m.value < 130:
        e = run.at(p["age_after_number"], x.tok[1], sb)
        if e is not None:
            v = str(run.checks.entry_value(p["age_after_number"], run.syms, x.tok[1], e))
            if v == _ATTRIBUTE:
                return (m.value, _BECAME) if _attribute_ok(run, x, e, p, sa, birth) else None
            return m.value, (_NOW[0] if v in _NOW else v)
        if p.get("age_before_number"):
            s = run.ending(p["age_before_number"], x.tok[0], sa)
            if s is not None:
                return m.value, str(run.checks.entry_value(p["age_before_number"], run.syms, s, x.tok[0]))
    elif m.kind == "duration" and isinstance(_num(m.extra.get("amount")), int):
        per = m.value / m.extra["amount"] if m.extra["amount"] else 0
        if 360 <= per <= 366 and run.at(p["age_after_years"], x.tok[1], sb) is not None:
            return m.extra["amount"], _NOW[0]
    return None


def _attribute_ok(run: Run, x: Item, e: int, p: dict, sa: int, birth: tuple) -> bool:
    """«بازیکن ۲۵ ساله»: after a person noun (lexicon `age_noun`), or right before the birth
    statement («۲۵ ساله که متولد ۱۳۸۰ است», at most two words between)."""
    if p.get("age_noun") and run.ending(p["age_noun"], x.tok[0], sa) is not None:
        return True
    return e <= birth[3] and run.words(e, birth[3]) <= 2


def _event(run: Run, p: dict, x: Item, birth: tuple, sa: int, sb: int, gap: int) -> Item | None:
    """A dated event the age is given for: a date (not the birth) within `gap` words of the age,
    with no comma or list word (lexicon `join`) between («در سال ۱۳۹۱ در ۶۰ سالگی درگذشت», «روز گذشته در ۶۵ سالگی»)."""
    best = None
    for d in run.dates:
        if d.sent != (sa, sb) or d is birth[0] or birth[3] <= d.tok[0] < birth[4]:
            continue
        a, b = (d.tok[1], x.tok[0]) if d.tok[1] <= x.tok[0] else (x.tok[1], d.tok[0])
        if a > b or run.words(a, b) > gap or any(c in "،," for c in run.gap(a, b)):
            continue
        if p.get("join") and run.find(p["join"], a, b) is not None:
            continue
        if best is None or run.words(a, b) < best[0]:
            best = (run.words(a, b), d)
    return best[1] if best else None


@selector("birth_age", ("birth", "age", "born_year", "born_calendar", "age_years", "at"),
          ("born", "age_after_number", "age_after_years"), ("born_verb", "age_before_number", "age_noun", "join"),
          verb_gap=4, event_gap=4)
def _birth_age(run: Run, p: dict) -> Iterator[dict]:
    """a birth year and an age in one sentence: «متولد ۱۳۳۱ … ۷۰ ساله شد», «… ۴۰ سال دارد»,
    «در سال ۱۳۴۵ به دنیا آمد، اکنون ۶۵ ساله است» (`born_verb`), «بازیکن ۲۵ ساله که متولد ۱۳۸۰
    است» (an age before the birth: `age_noun`), «در ۶۵ سالگی», "aged 65" (`age_before_number`).
    The age after the birth statement is taken first, else the nearest one before it; neither
    crosses another birth statement. Binds `birth`, `age`, `born_year`, `born_calendar`,
    `age_years` and `at`: the day the age is at (the publication day, or the date of the event
    the age is given for: «در سال ۱۳۹۱ در ۶۰ سالگی درگذشت»); an age at an event with no date
    («در ۶۰ سالگی درگذشت») and a present age after another dated event are left alone."""
    births = _births(run, p)
    gap = int(p.get("event_gap", 4))
    for k, birth in enumerate(births):
        b = birth[0]
        sa, sb = b.sent
        lo = max(sa, births[k - 1][4]) if k > 0 and births[k - 1][0].sent == b.sent else sa
        hi = min(sb, births[k + 1][3]) if k + 1 < len(births) and births[k + 1][0].sent == b.sent else sb
        found = None
        for x in run.items_in(birth[4], hi):
            a = _age_of(run, x, p, sa, sb, birth) if x is not b else None
            if a is not None:
                found = (x, a)
                break
        if found is None:
            for x in reversed(run.items_in(lo, birth[3])):
                a = _age_of(run, x, p, sa, sb, birth)
                if a is not None:
                    found = (x, a)
                    break
        if found is None:
            continue
        x, (years, when) = found
        at = None
        if when in (_BECAME, _THEN):
            at = _event(run, p, x, birth, sa, sb, gap)
        if at is None and when in (_NOW[0], _BECAME):
            if when == _NOW[0] and _dated_between(run, birth, x):
                continue          # «متولد ۱۳۳۱ … در سال ۱۳۹۰ … ۶۰ ساله است»: an age at another time
            at = run.published
        if at is None:
            continue
        yield {"birth": b, "age": x, "born_year": birth[1], "born_calendar": birth[2], "age_years": years, "at": at}


def _dated_between(run: Run, birth: tuple, x: Item) -> bool:
    a, b = (birth[4], x.tok[0]) if birth[4] <= x.tok[0] else (x.tok[1], birth[3])
    return any(a <= d.tok[0] < b and (d.m.extra.get("stated") or {}).get("year") for d in run.dates if d is not birth[0])
