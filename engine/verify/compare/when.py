"""When a claim happened: the time its sentence states nearest the number (a day, a month, a
year, a relative month the text calls Gregorian, with the other spellings of the same day next
to it), and the day a year-less date means near its article's publication."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ...model import Mention
from ...read.published import instant
from ...read.text import fold, normalize
from .sentences import _is_day, _Sentences
from .timewords import TimeWords
from .values import _ord


def _year_interval(m: Mention, text: str, words: "TimeWords") -> tuple[int, int] | None:
    """«در سال ۱۳۹۶», "in 2017": a bare year number read as a number, said as a time."""
    v = m.value
    if not isinstance(v, int) or not (1300 <= v <= 1500 or 1900 <= v <= 2100) or len(m.text.strip()) != 4:
        return None
    if not words.year_before.search(fold(text[max(0, m.start - 8):m.start])):
        return None
    if v >= 1900:
        return date(v, 1, 1).toordinal(), date(v, 12, 31).toordinal()
    try:
        import jdatetime
        a = jdatetime.date(v, 1, 1).togregorian()
        b = jdatetime.date(v + 1, 1, 1).togregorian() - timedelta(days=1)
        return a.toordinal(), b.toordinal()
    except Exception:  # noqa: BLE001 - an impossible year is simply not a time
        return None


def _stated_time(fact, m: Mention | None, sents: _Sentences, months: "TimeWords") -> tuple[bool, int | None, int | None, tuple]:
    """(strong, lo, hi, alternative days) of a fact: the time its sentence states nearest before
    the number (a day, a month, «در آذر ماه», a year, "in 2017"), else the nearest after it; with
    no time in the sentence the fact is undated (weak) and only its publication date bounds it."""
    art = sents.article
    sa, sb = fact.sentence
    at = m.start if m is not None else fact.span[0]
    cands: list[tuple[int, int, int, int, Mention | None]] = []
    for d in sents.within(sa, sb):
        iv = None
        if d.kind == "date" and "relative" in d.extra and months.outlet_name(art.text, d.start, d.end, sa):
            continue
        if (d.kind == "date" and d.interval and not d.extra.get("named_event") and not d.extra.get("range")
                and d.extra.get("valid", True)):
            lo, hi = _ord(d.interval[0]), _ord(d.interval[1])
            if lo is not None and hi is not None:
                iv = (lo, hi)
            if iv is not None and lo == hi and d.extra.get("year_inferred"):
                # a year-less day the date layer moved to a year its (wrong) weekday fits: the claim
                # is about the day of that name nearest its article, as for a stated weekday
                near = _near_publication(d, art.published)
                iv = (near, near) if near is not None else iv
        elif d.kind == "number":
            iv = _year_interval(d, art.text, months)
        if iv is not None and d.kind == "date" and isinstance(d.extra.get("relative"), str):
            iv = _gregorian_relative(d, art.text, art.published, months) or iv
        if iv is not None:
            cands.append((d.start, d.end, iv[0], iv[1], d if _is_day(d) else None))
    t = normalize(art.text[sa:sb])
    for a, b, iv in months.find(t.normalized, art.published):
        oa, ob = t.to_original(a, b)
        oa, ob = oa + sa, ob + sa
        if not any(c[0] < ob and oa < c[1] for c in cands):
            cands.append((oa, ob, iv[0], iv[1], None))
    if not cands:
        return False, None, None, ()
    before = [c for c in cands if c[1] <= at]
    c = max(before, key=lambda c: c[1]) if before else min(cands, key=lambda c: c[0])
    # «آذر امسال», «ژانویه ۲۰۲۳»: of two times written side by side, the narrower one.
    near = [d for d in cands if d is not c and (abs(d[0] - c[1]) <= 3 or abs(c[0] - d[1]) <= 3)
            and c[2] <= d[2] and d[3] <= c[3]]
    if near:
        c = min(near, key=lambda d: d[3] - d[2])
    alts = ()
    if c[4] is not None:
        alts = tuple((o, o) for o in _adjacent_days(c[4], sents, art.text, months) if o != c[2])
    return True, min(c[2], c[3]), max(c[2], c[3]), alts


def _gregorian_relative(d: Mention, text: str, published: str | None, words: "TimeWords") -> tuple[int, int] | None:
    """«ماه گذشته میلادی»: a relative month the text says is Gregorian (the date layer counts
    Jalali months)."""
    rel = d.extra.get("relative") or ""
    mm = re.fullmatch(r"([+-]?\d+) month", rel)
    pub = _ord(published)
    if not mm or pub is None or not words.gregorian_after.match(fold(text[d.end:d.end + 12])):
        return None
    p = date.fromordinal(pub)
    k = p.year * 12 + (p.month - 1) + int(mm.group(1))
    y, mo = divmod(k, 12)
    a = date(y, mo + 1, 1)
    b = (date(y + 1, 1, 1) if mo == 11 else date(y, mo + 2, 1)) - timedelta(days=1)
    return a.toordinal(), b.toordinal()


def _adjacent_days(m: Mention, sents: _Sentences, text: str, words: "TimeWords") -> list[int]:
    """Days written next to ``m`` as the same day: «۱۵ مهر ۱۳۹۴ (۸ اکتبر ۲۰۱۵)», «… مصادف با …»."""
    return [d for d, _ in _adjacent_day_mentions(m, sents, text, words)]


def _adjacent_day_mentions(m: Mention, sents: _Sentences, text: str, words: "TimeWords") -> list[tuple[int, Mention]]:
    """(day, mention) of each day written next to ``m`` as the same day."""
    out = []
    for o in sents.within(m.end, m.end + 30):
        if o is not m and _is_day(o) and words.same_day_gap.match(fold(text[m.end:o.start])):
            d = _ord(o.value)
            if d is not None:
                out.append((d, o))
            break
    for o in reversed(sents.within(max(0, m.start - 60), m.start)):
        if o is not m and _is_day(o) and o.end <= m.start and words.same_day_gap.match(fold(text[o.end:m.start])):
            d = _ord(o.value)
            if d is not None:
                out.append((d, o))
            break
    return out


def _near_publication(m: Mention, published: str | None) -> int | None:
    """A year-less day («روز سه‌شنبه ۲۴ آبان») in the year that puts it nearest the publication date.

    The date layer may move a year-less day to a year whose weekday fits the stated one; to
    compare weekdays across articles the day must be the one the article is about."""
    st = m.extra.get("stated") or {}
    pub = _ord(published)
    cal = m.extra.get("calendar")
    if pub is None or "month" not in st or "day" not in st or cal not in ("jalali", "gregorian"):
        return _ord(m.value)
    py = date.fromordinal(pub).year
    best = None
    for y in range(py - 2, py + 2):
        try:
            if cal == "gregorian":
                o = date(y, st["month"], st["day"]).toordinal()
            else:
                import jdatetime
                o = jdatetime.date(y - 621, st["month"], st["day"]).togregorian().toordinal()
        except (ValueError, OverflowError):
            continue
        if best is None or abs(o - pub) < abs(best - pub):
            best = o
    return best if best is not None else _ord(m.value)


def report_order(a, b) -> int | None:
    """Which of two claims' articles was published first: -1 ``a``, 1 ``b``, None when it cannot
    be told (no date, or the same day with a time missing on either or the same time). Two times
    without a zone are one desk's clock; a zone makes the moment exact (`read.published.instant`)."""
    if not a.published or not b.published:
        return None
    ia, ib = instant(a.published_at), instant(b.published_at)
    if ia is not None and ib is not None:
        naive = ia[0] != ia[1] and ib[0] != ib[1]
        if naive and ia[2] != ib[2]:
            return -1 if ia[2] < ib[2] else 1
        if not naive and (ia[1] < ib[0] or ib[1] < ia[0]):
            return -1 if ia[1] < ib[0] else 1
    if a.published != b.published:
        return -1 if a.published < b.published else 1
    return None


def report_key(c) -> tuple:
    """Sort key of a report in publication order: the day, then the moment (UTC, or the middle of
    the interval a time without a zone allows); a report without a time comes last in its day."""
    i = instant(c.published_at)
    return (not c.published, c.published or "", (i[0] + i[1]) / 2 if i is not None else float("inf"))
