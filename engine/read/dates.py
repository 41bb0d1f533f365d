"""Date productions: resolve what a date rule captured to Gregorian days on one timeline.

Calendar arithmetic lives in `calendars`; month and weekday *names* come from the rule files'
lexicons (for display), so this module holds no vocabulary.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from . import calendars as C
from .matcher import Cap, Context, Draft, Reject
from .productions import production, pure

CAL_LEXICON = {"jalali": "jalali_month", "gregorian": "gregorian_month", "hijri": "hijri_month"}


def _int(c: Cap | None) -> int | None:
    if c is None:
        return None
    v = c.value
    if isinstance(v, Draft):
        v = v.value
    if isinstance(v, (int, Decimal)) or (isinstance(v, float) and v.is_integer()):
        return int(v)
    raise Reject


def _ref(ctx: Context) -> date | None:
    """The publication day (`published` may also give a time: "2024-03-05T10:30")."""
    return date.fromisoformat(ctx.published[:10]) if ctx.published else None


def _ref_moment(ctx: Context) -> datetime | None:
    """The publication moment when `published` gives a time ("2024-03-05T10:30", with or
    without seconds and a zone: its local wall time), else None."""
    p = ctx.published
    if not p or len(p) <= 10:
        return None
    try:
        return datetime.fromisoformat(p).replace(tzinfo=None)
    except ValueError:
        return None


def _year(cal: str, y: Cap | None, ctx: Context) -> int | None:
    """A stated year; two digits take the century nearest the publication date."""
    n = _int(y)
    if n is None:
        return None
    if n < 100:
        if not _written_in_digits(y):
            raise Reject     # «۲۲ آبان دو موشک»: a count after the date, not the year «۰۲»
        return C.two_digit_year(cal, n, _ref(ctx))
    return n


def _written_in_digits(c: Cap) -> bool:
    """Two-digit years are written in digits («مهر ۹۴»); a number word there is a count."""
    return any(ch.isdigit() for ch in c.text)


def display(ctx: Context, d: date) -> str:
    """«۱۵ مهر ۱۳۹۴ = 2015-10-07 = ۲۳ ذی‌الحجه ۱۴۳۶, چهارشنبه» in the rule files' own names."""
    parts = []
    for cal in ("jalali", "gregorian", "hijri"):
        try:
            y, m, dd = C.from_gregorian(cal, d)
        except C.DateError:
            continue
        name = ctx.name(CAL_LEXICON[cal], m)
        parts.append(d.isoformat() if cal == "gregorian" else f"{dd} {name or m} {y}")
    wd = ctx.name("weekday", C.weekday(d))
    return " = ".join(parts) + (f", {wd}" if wd else "")


def _extra(cal: str, y: int | None, m: int | None, d: int | None, wd: int | None, inferred: bool, **kw: Any) -> dict:
    out = {"calendar": cal, "stated": {k: v for k, v in (("year", y), ("month", m), ("day", d)) if v is not None},
           "weekday": wd, "year_inferred": inferred, "valid": True}
    out.update(kw)
    return out


def day_draft(ctx: Context, cal: str, y: int | None, m: int, d: int, wd: int | None) -> Draft:
    """One day; year-less days take the year nearest publication (the weekday, if any, decides)."""
    stated_y = y
    inferred = False
    if y is None:
        reason = _reason_any_year(cal, m, d)
        if reason:
            return Draft("date", None, None, None, None, _extra(cal, None, m, d, wd, False, valid=False, reason=reason))
        ref = _ref(ctx)
        if ref is None:
            return Draft("date", None, None, None, None, _extra(cal, None, m, d, wd, False, resolved=False))
        cands = C.candidates_for_yearless(cal, m, d, ref, weekday=wd)
        if not cands:
            raise Reject
        y = cands[0][0]
        inferred = True
    reason = C.validate(cal, y, m, d)
    if reason:
        return Draft("date", None, None, None, None, _extra(cal, stated_y, m, d, wd, inferred, valid=False, reason=reason))
    g = C.to_gregorian(cal, y, m, d)
    extra = _extra(cal, stated_y, m, d, wd, inferred, year=y)
    extra["display"] = display(ctx, g)
    if cal == "hijri":
        lo, hi = C.hijri_interval(y, m, d)
        extra["note"] = "lunar Hijri: ±1 day (Iran's calendar follows moon sighting)"
        return Draft("date", g.isoformat(), (lo.isoformat(), hi.isoformat()), None, None, extra)
    return Draft("date", g.isoformat(), (g.isoformat(), g.isoformat()), None, None, extra)


def _reason_any_year(cal: str, m: int, d: int) -> str | None:
    """A day that exists in no year of its calendar («۳۱ مهر», «۳۱ سپتامبر»)."""
    longest = max(C.month_length(cal, y, m) for y in _sample_years(cal))
    if d > longest or d < 1:
        return f"day {d} does not exist: month {m} of the {cal.capitalize()} calendar has at most {longest} days"
    return None


def _sample_years(cal: str) -> tuple[int, ...]:
    return {"jalali": (1402, 1403), "gregorian": (2023, 2024), "hijri": (1445, 1446)}[cal]


def _span_draft(ctx: Context, cal: str, first: date, last: date, extra: dict) -> Draft:
    extra = dict(extra)
    extra["display"] = f"{first.isoformat()}..{last.isoformat()}"
    return Draft("date", None, (first.isoformat(), last.isoformat()), None, None, extra)


def _month_year(ctx: Context, cal: str, m: int, y: int | None) -> tuple[int, bool]:
    if y is not None:
        return y, False
    ref = _ref(ctx)
    if ref is None:
        raise Reject
    cands = C.candidates_for_yearless(cal, m, 15, ref)
    return cands[0][0], True


def _wd(w: Cap | None) -> int | None:
    if w is None:
        return None
    return int(w.value.value) if isinstance(w.value, Draft) else int(w.value)


@production
def date_(ctx: Context, d: Cap, m: Cap, y: Cap | None = None, cal: Any = "jalali", w: Cap | None = None) -> Draft:
    """«۱۵ مهر ۱۳۹۴», «پانزدهم مهر», «۳۰ سپتامبر», "October 7, 2015", «۱۰ ذی‌الحجه ۱۴۳۶»."""
    day = _int(d)
    if day is None or not 1 <= day <= 31:
        raise Reject
    return day_draft(ctx, str(cal), _year(str(cal), y, ctx), int(m.value), day, _wd(w))


@production
def date_recent_yy(ctx: Context, d: Cap, m: Cap, y: Cap, cal: Any = "jalali", w: Cap | None = None) -> Draft:
    """A day, a month and a two-digit year, only when that year is near publication."""
    ref = _ref(ctx)
    yy = _int(y)
    if ref is None or yy is None:
        raise Reject
    year = C.two_digit_year(str(cal), yy, ref)
    if abs(year - C.from_gregorian(str(cal), ref)[0]) > 5:
        raise Reject
    return date_(ctx, d, m, y, cal, w)


@production
def numeric_date(ctx: Context, ymd: Cap, cal: Any = None) -> Draft:
    """«۱۳۹۴/۷/۱۵», «1394-07-15», «2015-10-07», «۹۴/۷/۱۵»: the year's size says the calendar.
    `cal` may be a captured marker («۰۵-۰۷-۱۴۴۵ هـ»: its lexicon value). Eight digits in one
    piece are YYYYMMDD («تاریخ: 13990820»). A year that could be Jalali or lunar Hijri and is
    not marked is read as Jalali unless that day lies decades after publication and the Hijri
    one does not; then it is read as Hijri and says so (`calendar_inferred`)."""
    if isinstance(cal, Cap):
        cal = cal.value
    if isinstance(ymd.value, str):
        s = ymd.value
        if not (len(s) == 8 and s.isdecimal()):
            raise Reject
        a, b, c = int(s[:4]), int(s[4:6]), int(s[6:])
    else:
        a, b, c = ymd.value
    if a >= 1000 or (a >= 32 and c <= 31):
        y, m, d = a, b, c
    elif c >= 32:
        d, m, y = a, b, c          # «۸/۱۱/۵۷», «29/6/58»: day/month/two-digit year
    else:
        y, m, d = a, b, c
    if not 1 <= m <= 12:
        raise Reject
    guessed = cal is None
    if cal is None:
        cal = "gregorian" if 1800 <= y <= 2200 else "jalali" if (1200 <= y <= 1600 or y < 100) else "hijri" if 1300 < y < 1500 else ""
        if not cal:
            raise Reject
    if y < 100:
        y = C.two_digit_year(str(cal), y, _ref(ctx))
    draft = day_draft(ctx, str(cal), y, m, d, None)
    if guessed and cal == "jalali" and 1300 < y < 1500:
        draft = _far_future_check(ctx, draft, y, m, d)
    return draft


FAR_FUTURE_YEARS = 10   # a stated day this far after its article is not a plain reading


def _far_future_check(ctx: Context, draft: Draft, y: int, m: int, d: int) -> Draft:
    """«۱۴۴۵/۰۷/۰۵» in a 2024 article: as Jalali it is 2066; as lunar Hijri it is 2024. A
    numeric date whose Jalali reading lies decades after publication is read in the calendar
    that puts it near publication, marked `calendar_inferred`; if none does, it keeps the
    Jalali reading with a `note` (never silently)."""
    ref = _ref(ctx)
    if ref is None or draft.value is None:
        return draft
    ahead = (date.fromisoformat(draft.value) - ref).days / 365.25
    if ahead <= FAR_FUTURE_YEARS:
        return draft
    if C.validate("hijri", y, m, d) is None:
        h = C.to_gregorian("hijri", y, m, d)
        if abs((h - ref).days) / 365.25 <= FAR_FUTURE_YEARS:
            alt = day_draft(ctx, "hijri", y, m, d, None)
            alt.extra["calendar_inferred"] = True
            alt.extra["note"] = (f"read as lunar Hijri: as Jalali it would lie {round(ahead)} years after publication; "
                                 + alt.extra["note"])
            return alt
    draft.extra["note"] = f"this day lies {round(ahead)} years after publication"
    return draft


@production
def month(ctx: Context, m: Cap, y: Cap | None = None, cal: Any = "jalali") -> Draft:
    """«مهر ۱۳۹۴», «سپتامبر ۲۰۱۵», «محرم ۱۴۴۵»: the whole month."""
    cal = str(cal)
    mv = int(m.value)
    year, inferred = _month_year(ctx, cal, mv, _year(cal, y, ctx))
    first, last = C.month_span(cal, year, mv)
    return _span_draft(ctx, cal, first, last, _extra(cal, _year(cal, y, ctx), mv, None, None, inferred, year=year))


@production
def year(ctx: Context, y: Cap, cal: Any = "jalali") -> Draft:
    """«سال ۱۳۹۴», «۱۳۹۴ خورشیدی», «۲۰۱۵ میلادی», «۱۴۳۶ قمری»: the whole year. Calendar `auto`
    takes the year's size: 1200–1500 Jalali, 1800–2200 Gregorian, anything else is refused."""
    cal = str(cal)
    yv = _year(cal, y, ctx)
    if yv is None:
        raise Reject
    if cal == "auto":
        if not (1200 <= yv <= 1500 or 1800 <= yv <= 2200):
            raise Reject
        cal = "jalali"
    if cal == "jalali" and 1800 <= yv <= 2200:
        cal = "gregorian"
    try:
        first, last = C.year_span(cal, yv)
    except C.DateError:
        raise Reject from None
    return _span_draft(ctx, cal, first, last, _extra(cal, yv, None, None, None, False, year=yv))


PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "half": (14, 16)}


@production
def part_of_month(ctx: Context, p: Cap, m: Cap, y: Cap | None = None, cal: Any = "jalali") -> Draft:
    """«اوایل / اواسط / اواخر مهر», «نیمه مهر»: a stretch of the month."""
    cal = str(cal)
    mv = int(m.value)
    year, inferred = _month_year(ctx, cal, mv, _year(cal, y, ctx))
    a, b = PARTS[str(p.value)]
    b = min(b, C.month_length(cal, year, mv))
    first, last = C.to_gregorian(cal, year, mv, a), C.to_gregorian(cal, year, mv, b)
    return _span_draft(ctx, cal, first, last, _extra(cal, _year(cal, y, ctx), mv, None, None, inferred, year=year, part=str(p.value)))


@production
def season(ctx: Context, s: Cap, y: Cap | None = None) -> Draft:
    """«پاییز ۱۳۹۴»: three Jalali months (season 1 = spring = Farvardin..Khordad)."""
    n = int(s.value)
    yv = _year("jalali", y, ctx)
    if yv is not None and yv > 1800:
        yv -= 621                   # «پاییز ۲۰۱۵»: the Jalali year whose autumn falls in 2015
    if yv is None:
        ref = _ref(ctx)
        if ref is None:
            raise Reject
        yv = C.from_gregorian("jalali", ref)[0]
    first = C.month_span("jalali", yv, 3 * n - 2)[0]
    last = C.month_span("jalali", yv, 3 * n)[1]
    return _span_draft(ctx, "jalali", first, last, _extra("jalali", yv, None, None, None, y is None, season=n))


@production
def relative_day(ctx: Context, r: Cap) -> Draft:
    """«امروز», «دیروز», «روز گذشته», «فردا»: an offset in days from publication."""
    ref = _ref(ctx)
    off = _int(r)
    if ref is None:
        return Draft("date", None, None, None, None, {"relative": off, "resolved": False})
    g = ref + timedelta(days=off)
    extra = {"calendar": "gregorian", "relative": off, "display": display(ctx, g)}
    moment = _ref_moment(ctx)
    if moment is not None and r.entry is not None and r.entry.attrs.get("now"):
        extra["datetime"] = moment.isoformat(timespec="seconds")   # «هم‌اکنون»: the publication moment
    return Draft("date", g.isoformat(), (g.isoformat(), g.isoformat()), None, None, extra)


@production
def relative_span(ctx: Context, u: Cap, direction: Cap) -> Draft:
    """«هفته گذشته», «ماه آینده», «سال گذشته»: the previous/next week, Jalali month or year."""
    ref = _ref(ctx)
    unit = str(u.value)
    step = _int(direction)
    if ref is None:
        return Draft("date", None, None, None, None, {"relative": f"{step:+d} {unit}", "resolved": False})
    if unit == "week":
        first = ref - timedelta(days=(ref.weekday() + 2) % 7) + timedelta(days=7 * step)  # the week starts on Saturday
        last = first + timedelta(days=6)
    else:
        y, m, _ = C.from_gregorian("jalali", ref)
        if unit == "month":
            m += step
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
            first, last = C.month_span("jalali", y, m)
        else:
            first, last = C.year_span("jalali", y + step)
    return _span_draft(ctx, "jalali", first, last, {"calendar": "jalali", "relative": f"{step:+d} {unit}"})


@production
@pure
def weekday(ctx: Context, w: Cap, every: Any = None) -> Draft:
    """A weekday on its own («روز چهارشنبه»): kind weekday, value 0=Monday … 6=Sunday. `every`
    («هر شنبه»): a weekday that recurs (`every: true`), never one day."""
    extra = {"name": ctx.name("weekday", int(w.value))}
    if every is not None:
        extra["every"] = True
    return Draft("weekday", int(w.value), None, None, None, extra)


@production
@pure
def duration(ctx: Context, n: Cap, u: Cap | None = None) -> Draft:
    """«۱۰ روز», «یک هفته», «۴۸ ساعت», "ten days": value in days, with the stated unit. Without
    `u`, one word holds both («سه‌ساله», «دوروزه»): its value is the amount, its lexicon line's
    `days=` the length of the unit and `unit=` the unit shown."""
    if u is None:
        if n.entry is None or "days" not in n.entry.attrs:
            raise Reject
        return _duration_days(n.value, Decimal(str(n.entry.attrs["days"])), _unit_name(n))
    amount = n.value.value if isinstance(n.value, Draft) else n.value
    unit = _unit_name(u)
    if amount is None:
        d = n.value
        lo, hi = d.interval if d.interval else (None, None)
        k = Decimal(str(u.value))
        iv = tuple(float(Decimal(str(x)) * k) if x is not None else None for x in (lo, hi))
        return Draft("duration", None, iv, None, d.hedge, {"unit": unit, "amount": None})
    return _duration_days(amount, Decimal(str(u.value)), unit)


def _unit_name(u: Cap) -> str | None:
    """The unit a duration shows: the lexicon line's `unit=` («ساله = 365 unit=سال»), else its first spelling."""
    if u.entry is None:
        return None
    return str(u.entry.attrs.get("unit", u.entry.forms[0]))


def _duration_days(amount: Any, per: Decimal, unit: str | None) -> Draft:
    days = Decimal(str(amount)) * per
    f = float(days)
    f = int(f) if f.is_integer() else round(f, 4)
    return Draft("duration", f, (f, f), None, None, {"unit": unit, "amount": amount})


@production
def ago(ctx: Context, n: Cap, u: Cap, direction: Cap) -> Draft:
    """«دو روز پیش», «سه هفته قبل», «۴۵ ثانیه پیش», «حدود ۲ سال بعد»: publication plus or minus
    a duration. With a publication time ("2024-03-05T10:30") the moment is exact (`datetime`);
    with a day only, a part of a day may cross midnight: the value is the day of the moment
    counted from noon and the interval every day the moment can fall on. An amount «حدود»
    («حدود ۳ هفته قبل») gives the days its interval allows, the stated amount's day as value;
    a bound («کمتر از یک هفته پیش»: how long ago at most) stays a duration."""
    dur = duration(ctx, n, u)
    if dur.hedge not in (None, "around"):
        raise Reject
    sign = _int(direction)
    per = float(u.value)
    if dur.value is not None:     # the unrounded amount: «۴۵ ثانیه» is 45 seconds to the second
        lo = hi = point = float(Decimal(str(dur.extra["amount"])) * Decimal(str(u.value)))
    else:
        lo, hi = dur.interval or (None, None)
        st = (n.value.extra or {}).get("stated") if isinstance(n.value, Draft) else None
        point = float(st) * per if st is not None and dur.hedge == "around" else None
        if lo is None and hi is None:
            raise Reject
        if per >= 1:    # «حدود ۳ هفته»: 18.9..23.1 days is 19..23 whole days
            lo, hi = (round(x) if x is not None else None for x in (lo, hi))
    if per >= 1 and point is not None:    # «یک و نیم سال قبل»: a whole number of days, as before
        point = float(round(point))
        if dur.value is not None:
            lo = hi = point
    days = dur.value * sign if dur.value is not None else sign * (point if point is not None else (lo or hi))
    ref = _ref(ctx)
    if ref is None:
        return Draft("date", None, None, None, None, {"relative": days, "resolved": False})
    try:
        near = _moment_days(ctx, sign * (lo or 0.0))
        far = _moment_days(ctx, sign * hi) if hi is not None else None
        first, last = (far[0] if far else None, near[1]) if sign < 0 else (near[0], far[1] if far else None)
        value = _moment_days(ctx, sign * point)[2] if point is not None else None
    except OverflowError:   # «۱۰۰ هزار سال پیش»: before year 1, no calendar day to name
        return Draft("date", None, None, None, None, {"relative": days, "resolved": False})
    extra = {"calendar": "gregorian", "relative": days}
    if value is not None:
        extra["display"] = display(ctx, value)
        moment = _ref_moment(ctx)
        if moment is not None:
            extra["datetime"] = _at(moment, sign * point).isoformat(timespec="seconds")
    iv = (first.isoformat() if first else None, last.isoformat() if last else None)
    return Draft("date", value.isoformat() if value else None, iv, None, dur.hedge, extra)


def _at(moment: datetime, off_days: float) -> datetime:
    """A moment shifted by a signed number of days, to the nearest second."""
    return moment + timedelta(seconds=round(off_days * 86400))


def _moment_days(ctx: Context, off_days: float) -> tuple[date, date, date]:
    """(first, last, likeliest) day a moment ``off_days`` from publication falls on."""
    moment = _ref_moment(ctx)
    if moment is not None:
        d = _at(moment, off_days).date()
        return d, d, d
    ref = _ref(ctx)
    if float(off_days).is_integer():
        d = ref + timedelta(days=int(off_days))
        return d, d, d
    start = datetime.combine(ref, time())
    return (_at(start, off_days).date(), _at(start + timedelta(seconds=86399), off_days).date(),
            _at(start + timedelta(hours=12), off_days).date())


@production
def weekday_date(ctx: Context, w: Cap, direction: Any = None, strict: Any = None) -> Draft:
    """A weekday alone («روز سه‌شنبه گفت»): the nearest such day not after publication, or not
    before it (`direction` 1: a future verb follows, «روز شنبه برگزار خواهد شد»; none: -1).
    `strict`, or a captured direction whose lexicon line says `strict`: never the publication
    day itself («شنبه گذشته», «شنبه آینده»). A date mention with `weekday_only: true`; the
    weekday mention itself stays."""
    if isinstance(w.value, Draft) and (w.value.extra or {}).get("every"):
        raise Reject    # «هر شنبه»: every Saturday
    wd = _wd(w)
    if isinstance(direction, Cap):
        if direction.entry is not None and direction.entry.attrs.get("strict"):
            strict = True
        direction = direction.value
    step = -1 if direction is None else int(direction)
    # no `weekday` field: the day was chosen by its weekday, so it is no claim about one (the
    # weekday mention on the same span holds it)
    ex = {"calendar": "gregorian", "weekday_only": True}
    ref = _ref(ctx)
    if ref is None:
        return Draft("date", None, None, None, None, dict(ex, relative="weekday", resolved=False))
    if step < 0:
        off = -((ref.weekday() - wd) % 7)
        off = -7 if strict is not None and off == 0 else off
    else:
        off = (wd - ref.weekday()) % 7
        off = 7 if strict is not None and off == 0 else off
    g = ref + timedelta(days=off)
    ex.update(relative=off, display=display(ctx, g))
    return Draft("date", g.isoformat(), (g.isoformat(), g.isoformat()), None, None, ex)


@production
@pure
def time_(ctx: Context, t: Cap, mi: Cap | None = None, part: Cap | None = None) -> Draft:
    """«ساعت ۱۰:۳۰», «ساعت ۱۰ و ۳۰ دقیقه»: a time of day (never a number or a date).

    `part` is a part-of-day word on a 12-hour clock («۸ شب», "10 p.m."): its lexicon line says
    which hours move 12 on (`pm=1..11`: 8 → 20) and which become 0 (`am=12..12`: "12 a.m." → 00).
    A whole number of three or four digits with no minutes is HHMM ("1057 GMT" → 10:57)."""
    if isinstance(t.value, tuple):
        hh, mm = t.value[0], t.value[1]
    else:
        hh = _int(t) if not isinstance(t.value, str) else _digits(t.value)
        mm = (_int(mi) if isinstance(mi, Cap) else int(mi or 0)) or 0
        if hh >= 100 and not mm:
            hh, mm = divmod(hh, 100)
    extra = {}
    if part is not None and 1 <= hh <= 12:
        attrs = part.entry.attrs if part.entry else {}
        if _in(hh, attrs.get("pm")):
            hh += 12
        elif _in(hh, attrs.get("am")):
            hh = 0
        extra["part"] = str(part.value)
    if not (0 <= hh <= 24 and 0 <= mm <= 59):
        raise Reject
    return Draft("time", f"{hh:02d}:{mm:02d}", None, None, None, extra)


def _digits(s: str) -> int:
    """A digit string as written ("0630"), in any script; anything else is refused."""
    if not s.isdecimal():
        raise Reject
    return int(s)       # int() reads every Unicode decimal digit («۰۶۳۰», «٠٦٣٠»)


def _in(h: int, iv: Any) -> bool:
    """An hour within a lexicon attribute's range (`pm=1..11`)."""
    if iv is None or iv is True:
        return False
    lo, hi = (iv.lo, iv.hi) if hasattr(iv, "lo") else (iv, iv)
    return (lo is None or h >= lo) and (hi is None or h <= hi)


@production
def with_weekday(ctx: Context, w: Cap, d: Cap) -> Draft:
    """A weekday beside a date qualifies it; a year-less date then prefers a year where it holds."""
    dd: Draft = d.value
    ex = dict(dd.extra or {})
    st = ex.get("stated", {})
    wd = int(w.value.value) if isinstance(w.value, Draft) else int(w.value)
    if "day" in st and "month" in st and ex.get("valid", True) and "calendar" in ex:
        return day_draft(ctx, ex["calendar"], st.get("year"), st["month"], st["day"], wd)
    ex["weekday"] = wd
    return Draft(dd.kind, dd.value, dd.interval, dd.precision, dd.hedge, ex)


@production
def date_range(ctx: Context, a: Cap, b: Cap | None = None, open_end: Any = None) -> Draft:
    """«از ۳۰ سپتامبر تا ۱۵ مهر», «از ۳۰ سپتامبر تاکنون» (open to publication), «۱۰ تا ۱۵ مهر»."""
    da: Draft = a.value
    lo = da.interval[0] if da.interval else None
    if b is not None:
        db: Draft = b.value
        hi = db.interval[1] if db.interval else None
    else:
        hi = ctx.published[:10] if ctx.published else None
    ex = {"range": True, "since": b is None, "from": lo, "to": hi, "calendar": (da.extra or {}).get("calendar")}
    if lo is None or hi is None:
        return Draft("date", None, None, None, None, dict(ex, resolved=False))
    return Draft("date", None, (lo, hi), None, None, ex)


@production
def day_range(ctx: Context, r: Cap, m: Cap, y: Cap | None = None, cal: Any = "jalali") -> Draft:
    """«۱۰ تا ۱۵ مهر»: a number range read as two days of one month."""
    d: Draft = r.value
    if d.hedge != "range" or not d.interval:
        raise Reject
    lo, hi = d.interval
    if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo < hi <= 31):
        raise Reject
    a = day_draft(ctx, str(cal), _year(str(cal), y, ctx), int(m.value), lo, None)
    b = day_draft(ctx, str(cal), _year(str(cal), y, ctx), int(m.value), hi, None)
    if a.interval is None or b.interval is None:
        raise Reject
    return Draft("date", None, (a.interval[0], b.interval[1]), None, None,
                 {"range": True, "from": a.interval[0], "to": b.interval[1], "calendar": str(cal)})


@production
def named_event(ctx: Context, d: Cap, m: Cap, when: Any = None) -> Draft:
    """«حملات ۱۱ سپتامبر», «راهپیمایی ۲۲ بهمن»: a date that names an event of its own year."""
    ev = date.fromisoformat(str(when))
    cal = str(m.entry.lexicon).replace("_month", "") if m.entry else "gregorian"
    y, mm, dd = C.from_gregorian(cal, ev)
    if _int(d) != dd or int(m.value) != mm:
        raise Reject
    return Draft("date", ev.isoformat(), (ev.isoformat(), ev.isoformat()), None, None,
                 {"calendar": cal, "named_event": True, "display": display(ctx, ev)})

