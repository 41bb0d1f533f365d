"""The built-in functions of the expression language (`FUNCTIONS`: name -> function, least and
most arguments) and the global names (`GLOBALS`). Each takes the evaluation `Env` first and
returns None for what it cannot know, so a check on an unreadable value stays silent: sums and
ratios, rounding and GRIM tests, days, weekdays and calendars, and the names messages show.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any, Callable

from ...read import calendars as C
from .display import _plain, _show
from .values import (ATTRS, Day, Env, Item, _as_day, _bound, _make_day, _num, _plausible, _shift_year,
                     _val, _value)


def _items_values(x: Any) -> list | None:
    if not isinstance(x, (list, tuple)):
        return None
    out = []
    for v in x:
        v = _value(v) if isinstance(v, Item) else v
        if _num(v) is None:
            return None
        out.append(v)
    return out


def f_sum(env: Env, xs: Any) -> Any:
    vs = _items_values(xs)
    return None if vs is None else sum(vs)


def f_len(env: Env, xs: Any) -> Any:
    return len(xs) if isinstance(xs, (list, tuple)) else None


def f_min(env: Env, *xs: Any) -> Any:
    vs = _items_values(xs[0] if len(xs) == 1 else list(xs))
    return min(vs) if vs else None


def f_max(env: Env, *xs: Any) -> Any:
    vs = _items_values(xs[0] if len(xs) == 1 else list(xs))
    return max(vs) if vs else None


def f_abs(env: Env, x: Any) -> Any:
    x = _val(x)
    return abs(x) if _num(x) is not None else None


def f_round(env: Env, x: Any, n: Any = 0) -> Any:
    x = _val(x)
    if _num(x) is None or _num(n) is None:
        return None
    r = round(x, int(n))
    return int(r) if int(n) <= 0 else r


def f_ratio(env: Env, a: Any, b: Any) -> Any:
    a, b = _val(a), _val(b)
    if _num(a) is None or _num(b) is None or b == 0:
        return None
    return a / b


def f_percent_of(env: Env, part: Any, whole: Any) -> Any:
    r = f_ratio(env, part, whole)
    return None if r is None else 100 * r


def f_lo(env: Env, x: Any) -> Any:
    if isinstance(x, (list, tuple)):
        return [f_lo(env, v) for v in x]
    if isinstance(x, Item):
        return _bound(x, 0)
    return x


def f_hi(env: Env, x: Any) -> Any:
    if isinstance(x, (list, tuple)):
        return [f_hi(env, v) for v in x]
    if isinstance(x, Item):
        return _bound(x, 1)
    return x


def f_rounding(env: Env, x: Any) -> Any:
    """Half the unit of the last stated digit: 0.5 for «۶۸ درصد», 0.05 for «۳۷.۴», 500 for «۱۷۱ هزار»;
    for a list, the sum over its items."""
    if isinstance(x, (list, tuple)):
        rs = [f_rounding(env, v) for v in x]
        return None if any(r is None for r in rs) else sum(rs)
    if isinstance(x, Item):
        p = x.fact.precision if x.fact is not None else x.m.precision
        if p is None:
            v = _value(x)
            if isinstance(v, int):
                return 0.5
            return None
        return p / 2
    return None


def f_share_error(env: Env, part: Any, whole: Any) -> Any:
    """How far 100·part/whole can move when part and whole are rounded as stated (in points)."""
    p, w = _val(part), _val(whole)
    rp, rw = f_rounding(env, part), f_rounding(env, whole)
    if _num(p) is None or _num(w) is None or rp is None or rw is None or w <= rw:
        return None
    hi = 100 * (p + rp) / (w - rw)
    lo = 100 * max(p - rp, 0) / (w + rw)
    mid = 100 * p / w
    return max(hi - mid, mid - lo)


def f_grim(env: Env, percent: Any, whole: Any) -> Any:
    """GRIM: can some whole number k of `whole` things give the stated percentage, within the
    rounding its digits allow? None when the whole is not a stated whole number."""
    n = _val(whole)
    if not isinstance(n, int) or n <= 0 or (isinstance(whole, Item) and (whole.m.hedge or (whole.m.precision or 1) != 1)):
        return None
    lo, hi = f_lo(env, percent), f_hi(env, percent)
    r = f_rounding(env, percent)
    if _num(lo) is None or _num(hi) is None or r is None:
        return None
    lo, hi = lo - r - 1e-9, hi + r + 1e-9
    k = math.ceil(lo * n / 100)
    return k <= n and 100 * k / n <= hi


def f_power_of_ten(env: Env, x: Any) -> Any:
    """Is x 10, 100, 1000 … or 1/10, 1/100 … (a scale slip), within 0.5 %?"""
    x = _val(x)
    if _num(x) is None or x <= 0:
        return None
    e = math.log10(x)
    k = round(e)
    return k != 0 and abs(x / (10 ** k) - 1) <= 0.005


def f_agrees(env: Env, a: Any, b: Any) -> Any:
    """Do two amounts (in their base unit) overlap, allowing each its stated rounding?"""
    if not isinstance(a, Item) or not isinstance(b, Item):
        return None
    alo, ahi, blo, bhi = ATTRS["base_lo"](a), ATTRS["base_hi"](a), ATTRS["base_lo"](b), ATTRS["base_hi"](b)
    ra, rb = _base_rounding(a), _base_rounding(b)
    if alo is None and ahi is None or blo is None and bhi is None:
        return None
    lo1 = -math.inf if alo is None else alo - ra
    hi1 = math.inf if ahi is None else ahi + ra
    lo2 = -math.inf if blo is None else blo - rb
    hi2 = math.inf if bhi is None else bhi + rb
    # values rounded to their stated digits agree when their rounding intervals overlap; two
    # different counts (4 and 5: 3.5–4.5 and 4.5–5.5) only touch, and do not
    eps = 1e-9 * max(1.0, abs(lo1) if lo1 != -math.inf else 1.0, abs(hi1) if hi1 != math.inf else 1.0)
    return lo1 < hi2 - eps and lo2 < hi1 - eps


def _base_rounding(it: Item) -> float:
    p = it.ex.get("base_precision")
    if p is None:
        p = it.m.precision if it.m is not None else None
    return (p or 0) / 2


def f_disjoint(env: Env, a: Any, b: Any) -> Any:
    r = f_agrees(env, a, b)
    return None if r is None else not r


def f_day(env: Env, x: Any) -> Any:
    return _as_day(x)


def f_weekday_of(env: Env, x: Any) -> Any:
    d = _as_day(x)
    return d.g.weekday() if d is not None else None


def f_weekdays(env: Env, x: Any) -> Any:
    if isinstance(x, Item):
        memo = x.memo if x.memo is not None else {}
        x.memo = memo
        if "weekdays" not in memo:
            memo["weekdays"] = _weekdays(env, x)
        return memo["weekdays"]
    return _weekdays(env, x)


def _weekdays(env: Env, x: Any) -> Any:
    """The weekdays a date can fall on: one for a solar date with its year; three for a lunar
    Hijri date (±1 day); for a year-less date, those of every plausible year near publication
    (None when nothing is known about the year)."""
    if isinstance(x, Item) and x.kind == "date":
        st = x.ex.get("stated") or {}
        cal = x.ex.get("calendar")
        if cal and "day" in st and "month" in st and st.get("year") is None:
            ref = env.run.published
            if ref is None:
                return None
            out = set()
            for y, _ in _plausible(cal, st["month"], st["day"], ref):
                d = _make_day(cal, y, st["month"], st["day"], True)
                out |= _weekdays_of_day(d)
            return sorted(out) if out else None
    d = _as_day(x)
    return sorted(_weekdays_of_day(d)) if d is not None else None


def _weekdays_of_day(d: Day) -> set[int]:
    out = set()
    g = d.lo
    while g <= d.hi:
        out.add(g.weekday())
        g += timedelta(days=1)
    return out


def f_days_between(env: Env, a: Any, b: Any) -> Any:
    """Days from a to b (b − a). Between two stated days, a year-less end read before its start
    is read one year later («از ۲۹ اسفند تا ۶ فروردین»), a year-less start after its end one
    year earlier; against a plain day (`published`) the year-less day stays as it was read."""
    da, db = _as_day(a), _as_day(b)
    if da is None or db is None:
        return None
    n = (db.g - da.g).days
    if isinstance(a, date) or isinstance(b, date):
        return n                 # against a plain day (publication): the year-less day stays as read
    if n < 0 and db.inferred:
        nb = _shift_year(db, 1)
        if nb is not None:
            n = (nb.g - da.g).days
    elif n < 0 and da.inferred:
        na = _shift_year(da, -1)
        if na is not None:
            n = (db.g - na.g).days
    return n


def f_same_day(env: Env, a: Any, b: Any) -> Any:
    """Can two stated days be the same day (a lunar day ±1; a year-less day in any year near the other)?"""
    da, db = _as_day(a), _as_day(b)
    if da is None or db is None:
        return None

    def overlap(x: Day, y: Day) -> bool:
        return x.lo <= y.hi and y.lo <= x.hi

    if overlap(da, db):
        return True
    for x, y in ((da, db), (db, da)):
        if x.inferred:
            for k in (-1, 1):
                s = _shift_year(x, k)
                if s is not None and overlap(s, y):
                    return True
    if da.inferred and db.inferred:
        for k in (-1, 1):
            for j in (-1, 1):
                s, t = _shift_year(da, k), _shift_year(db, j)
                if s is not None and t is not None and overlap(s, t):
                    return True
    return False


def f_convert(env: Env, x: Any, cal: Any) -> Any:
    """The same day in another calendar (for messages: «۱۵ مهر ۱۳۹۴» is «۷ اکتبر ۲۰۱۵»)."""
    d = _as_day(x)
    if d is None or cal not in ("jalali", "gregorian", "hijri"):
        return None
    y, m, dd = C.from_gregorian(cal, d.g)
    return _make_day(cal, y, m, dd, False)


def f_year_in(env: Env, x: Any, cal: Any) -> Any:
    """The year of a day in a calendar: year_in(published, "jalali") is 1394 for 2015-10-08; of a
    stated year alone («سال ۱۳۹۱»), that year in its own calendar (unknown in another)."""
    if isinstance(x, Item) and x.kind == "date" and x.ex.get("calendar") == cal:
        st = x.ex.get("stated") or {}
        if st.get("year") is not None and "day" not in st:
            return st["year"]
    d = _as_day(x)
    if d is None or cal not in ("jalali", "gregorian", "hijri"):
        return None
    return C.from_gregorian(cal, d.g)[0]


def f_month_days(env: Env, x: Any) -> Any:
    """The days in the stated month: of the stated year, or at most (a year-less date)."""
    if not isinstance(x, Item):
        return None
    st = x.ex.get("stated") or {}
    cal = x.ex.get("calendar")
    if not cal or "month" not in st:
        return None
    try:
        if st.get("year") is not None:
            return C.month_length(cal, st["year"], st["month"])
        return max(C.month_length(cal, y, st["month"]) for y in {"jalali": (1402, 1403), "gregorian": (2023, 2024), "hijri": (1445, 1446)}[cal])
    except (C.DateError, KeyError):
        return None


def f_duration_slack(env: Env, x: Any) -> Any:
    """Days a stated length may be off by its unit alone: months differ by up to 2 days
    (31 − 29) each, years by 1 (a leap day) each; days, weeks and hours are exact."""
    if not isinstance(x, Item) or x.kind != "duration":
        return None
    amount = _num(x.ex.get("amount")) or 0
    per = _num(x.m.value) / amount if amount and _num(x.m.value) is not None else None
    if per is None:
        return 0
    if 28 <= per <= 31:
        return 2 * amount
    if 360 <= per <= 366:
        return amount + 1
    return 0


def f_contains(env: Env, xs: Any, x: Any) -> Any:
    if xs is None or x is None:
        return None
    return x in xs


def f_any_kind(env: Env, xs: Any, kind: Any) -> Any:
    if not isinstance(xs, (list, tuple)):
        return None
    return any(isinstance(v, Item) and v.kind == kind for v in xs)


def f_show(env: Env, x: Any) -> Any:
    """Display a value for a message, in the message's language."""
    return _show(env, x)


def f_weekday_name(env: Env, w: Any) -> Any:
    if not isinstance(w, int):
        return None
    return env.run.checks.name("weekday", w, env.lang)


def f_month_name(env: Env, x: Any) -> Any:
    d = _as_day(x) if not isinstance(x, Item) else None
    cal = m = None
    if isinstance(x, Item):
        cal, m = x.ex.get("calendar"), (x.ex.get("stated") or {}).get("month")
    elif d is not None:
        cal, m = d.cal, d.m
    if cal is None or m is None:
        return None
    return env.run.checks.name(f"{cal}_month", m, env.lang)


def f_name(env: Env, lex: Any, value: Any) -> Any:
    """The display name of `value` in lexicon `lex` (its first spelling in the message's language)."""
    return env.run.checks.name(str(lex), value, env.lang)


def f_iff(env: Env, cond: Any, a: Any, b: Any) -> Any:
    """a when cond holds, else b (for messages: `iff(first.attribution != none, …, "")`)."""
    return a if cond is True else b


def f_month_label(env: Env, x: Any) -> Any:
    """The stated month as a reader names it: «اسفند ۱۴۰۲» with its year, «مهر» without."""
    name = f_month_name(env, x)
    if name is None:
        return None
    y = (x.ex.get("stated") or {}).get("year") if isinstance(x, Item) else None
    return f"{name} {_plain(y, env.lang)}" if y is not None else name


def f_grim_neighbors(env: Env, percent: Any, whole: Any) -> Any:
    """The percentages a whole number of `whole` things can give nearest the stated one."""
    n, v = _val(whole), f_lo(env, percent)
    if not isinstance(n, int) or n <= 0 or _num(v) is None:
        return None
    k = math.floor(v * n / 100)
    return [round(100 * j / n, 1) for j in (k, k + 1) if 0 <= j <= n]


def f_weekday_offset(env: Env, a: Any, b: Any) -> Any:
    """Days from weekday a to weekday b, the nearer way round (-3 … 3): (Tuesday, Wednesday) is 1."""
    if not isinstance(a, int) or not isinstance(b, int) or isinstance(a, bool) or isinstance(b, bool):
        return None
    return (b - a + 3) % 7 - 3


def f_day_slack(env: Env, hours: Any) -> Any:
    """The days a relative day («امروز», «دیروز») may be off by the publication clock: with its
    time, a day later within `hours` of the next midnight, a day earlier within `hours` after
    midnight, else none ([0, 1], [-1, 0], [0]); with the day alone, one either way ([-1, 0, 1])."""
    h = _num(hours)
    if h is None:
        return None
    t = env.run.published_minutes
    if t is None:
        return [-1, 0, 1]
    out = [0]
    if t < h * 60:
        out.insert(0, -1)
    if t >= 24 * 60 - h * 60:
        out.append(1)
    return out


def f_published_time(env: Env) -> Any:
    """The publication's time of day, "23:30", when it has one."""
    t = env.run.published_minutes
    return None if t is None else f"{t // 60:02d}:{t % 60:02d}"


def f_quoted(env: Env, x: Any, lex: Any) -> Any:
    """Does x stand inside a quotation still open in its paragraph? A relative day in a quoted
    statement («آمده است: «امروز …»») is the speaker's day, which the publication date does not
    give. The marks are lexicon `lex`'s spellings, valued open, close, or both (a straight quote)."""
    if not isinstance(x, Item):
        return None
    marks = env.run.checks.marks(str(lex))
    text = env.run.text
    text = getattr(text, "original", text)
    start = x.span()[0]
    depth, toggled = 0, False
    for ch in text[text.rfind("\n", 0, start) + 1:start]:
        v = marks.get(ch)
        if v == "open":
            depth += 1
        elif v == "close" and depth:
            depth -= 1
        elif v == "both":
            toggled = not toggled
    return depth > 0 or toggled


# name -> (function, min args, max args). Every function takes the evaluation Env first.
FUNCTIONS: dict[str, tuple[Callable, int, int]] = {
    "sum": (f_sum, 1, 1), "len": (f_len, 1, 1), "min": (f_min, 1, 9), "max": (f_max, 1, 9),
    "abs": (f_abs, 1, 1), "round": (f_round, 1, 2), "ratio": (f_ratio, 2, 2),
    "percent_of": (f_percent_of, 2, 2), "lo": (f_lo, 1, 1), "hi": (f_hi, 1, 1),
    "rounding": (f_rounding, 1, 1), "share_error": (f_share_error, 2, 2), "grim": (f_grim, 2, 2),
    "power_of_ten": (f_power_of_ten, 1, 1), "agrees": (f_agrees, 2, 2), "disjoint": (f_disjoint, 2, 2),
    "day": (f_day, 1, 1), "weekday_of": (f_weekday_of, 1, 1), "weekdays": (f_weekdays, 1, 1),
    "days_between": (f_days_between, 2, 2), "same_day": (f_same_day, 2, 2), "convert": (f_convert, 2, 2),
    "year_in": (f_year_in, 2, 2), "month_days": (f_month_days, 1, 1), "duration_slack": (f_duration_slack, 1, 1),
    "contains": (f_contains, 2, 2), "any_kind": (f_any_kind, 2, 2),
    "show": (f_show, 1, 1), "weekday_name": (f_weekday_name, 1, 1), "month_name": (f_month_name, 1, 1),
    "name": (f_name, 2, 2), "iff": (f_iff, 3, 3), "month_label": (f_month_label, 1, 1),
    "grim_neighbors": (f_grim_neighbors, 2, 2),
    "weekday_offset": (f_weekday_offset, 2, 2), "day_slack": (f_day_slack, 1, 1),
    "published_time": (f_published_time, 0, 0), "quoted": (f_quoted, 2, 2),
}

GLOBALS = ("published",)
