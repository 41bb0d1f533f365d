"""A wide table of date expressions (issue 16, dates half), written for rasti and never copied.

Each row is one expression in a sentence, its publication date and what it must resolve to: an
ISO day (the mention's value), a span of days (its interval), `invalid`, or `None` (no date
mention may start there). Rows are generated where the answer can be computed independently
(jdatetime for Jalali days, the arithmetic Hijri calendar written out below from its Julian-day
formula, weekday arithmetic from the standard library), and hand-written in sentence context
elsewhere. Every row also checks that the mention's span is the expression:
``text[start:end] == mention.text == expression``.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import jdatetime
import pytest

FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ZWNJ = "\u200c"
JALALI = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
DARI = ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]
LATIN = [["Farvardin"], ["Ordibehesht"], ["Khordad"], ["Tir"], ["Mordad", "Amordad"], ["Shahrivar"], ["Mehr"],
         ["Aban"], ["Azar"], ["Dey", "Dei"], ["Bahman"], ["Esfand"]]
GREG_FA = ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]
GREG_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
HIJRI = ["محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی", "رجب", "شعبان", "رمضان", "شوال",
         "ذی‌القعده", "ذی‌الحجه"]
WEEKDAY_FA = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]   # Monday = 0
WEEKDAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fa(n: int, width: int = 0) -> str:
    return str(n).zfill(width).translate(FA)


@dataclass
class Row:
    cls: str
    text: str
    span: str | None          # the expression as it must be read (None: find no date at `at`)
    published: str | None
    expect: str | None        # ISO day, "lo..hi", "invalid", or None (no date mention)
    at: int | None = None     # where the expression starts (default: text.index(span))
    extra: dict = field(default_factory=dict)   # fields the mention must carry

    @property
    def id(self) -> str:
        return f"{self.cls}:{self.text[:40]}@{self.published}"


ROWS: list[Row] = []


def row(cls, prefix, span, suffix, published, expect, **extra):
    ROWS.append(Row(cls, prefix + span + suffix, span, published, expect, len(prefix), extra))


def no_date(cls, text, phrase, published="2024-03-05"):
    ROWS.append(Row(cls, text, None, published, None, text.index(phrase)))


# --- the arithmetic (tabular) lunar Hijri calendar, from its Julian-day formula ------------------

def hijri_to_gregorian(y: int, m: int, d: int) -> date:
    jd = d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439.5 - 1
    return date.fromordinal(int(jd - 1721424.5))


def jal(y, m, d) -> str:
    return jdatetime.date(y, m, d).togregorian().isoformat()


def jal_month_span(y, m) -> str:
    first = jdatetime.date(y, m, 1)
    nxt = jdatetime.date(y + (m == 12), m % 12 + 1, 1)
    return f"{first.togregorian().isoformat()}..{(nxt.togregorian() - timedelta(days=1)).isoformat()}"


rng = random.Random(16)


def random_jalali(lo=1370, hi=1410) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=date(1991, 3, 21) + timedelta(days=rng.randrange(
        (jdatetime.date(hi, 1, 1).togregorian() - jdatetime.date(lo, 1, 1).togregorian()).days)))


# --- zero-padded days in datelines ------------------------------------------------------------
for i in range(40):
    j = random_jalali()
    g = j.togregorian()
    wd = WEEKDAY_FA[g.weekday()]
    day = fa(j.day, 2)
    shape = i % 4
    if shape == 0:
        span = f"{wd} {day} {JALALI[j.month - 1]} {fa(j.year)}"
        row("dateline.zero_day", "", span, " - خبرگزاری", None, g.isoformat(), weekday=g.weekday())
    elif shape == 1:
        span = f"{wd}، {day} {JALALI[j.month - 1]} {fa(j.year)}"
        row("dateline.zero_day", "", span, f" - {fa(10)}:{fa(45)}", None, g.isoformat())
    elif shape == 2:
        span = f"{day} {JALALI[j.month - 1]} {fa(j.year)}"
        row("dateline.zero_day", "تهران، ", span, " (ایسنا) -", None, g.isoformat())
    else:
        span = f"{wd} {str(j.day).zfill(2)} {JALALI[j.month - 1]} {j.year}"      # ASCII digits
        row("dateline.zero_day", "", span, "\nگروه سیاسی", None, g.isoformat())
row("dateline.zero_day", "", "دوشنبه ۰۴ تیر ۱۳۹۷", "", None, "2018-06-25", weekday=0)
row("dateline.zero_day", "", "یکشنبه، ۰۹ مهر ۱۴۰۲", " - ۱۰:۴۵", None, "2023-10-01", weekday=6)
row("dateline.zero_day", "", "۰۹ October 2023", "", None, "2023-10-09")
row("dateline.zero_day", "روز ", "۰۷ اکتبر ۲۰۱۵", " اعلام شد", None, "2015-10-07")

# --- numeric lunar Hijri dates with a marker; numeric dates far ahead of their article ---------
MARKERS = ["هـ", "ه‍.ق", "ق", "ه.ق", "قمری", "هجری قمری", "ه. ق"]
for i in range(28):
    y = rng.randrange(1400, 1460)
    m = rng.randrange(1, 13)
    d = rng.randrange(1, 30)
    g = hijri_to_gregorian(y, m, d)
    mk = MARKERS[i % len(MARKERS)]
    if i % 3 == 0:
        num = f"{fa(d, 2)}-{fa(m, 2)}-{fa(y)}"
    elif i % 3 == 1:
        num = f"{fa(y)}/{fa(m, 2)}/{fa(d, 2)}"
    else:
        num = f"{d}/{m}/{y}"
    lo, hi = g - timedelta(days=1), g + timedelta(days=1)
    row("hijri.numeric_marked", "این نامه به تاریخ ", f"{num} {mk}", " نوشته شده است", None, g.isoformat(),
        calendar="hijri", interval=(lo.isoformat(), hi.isoformat()))
# an unmarked numeric date whose Jalali reading lies decades after its article: read as Hijri
for y, m, d, pub in [(1445, 7, 5, "2024-01-20"), (1444, 9, 1, "2023-03-25"), (1446, 1, 10, "2024-07-20"),
                     (1440, 3, 12, "2018-11-25"), (1443, 12, 10, "2022-07-12")]:
    g = hijri_to_gregorian(y, m, d)
    row("hijri.numeric_far_future", "بیانیه مورخ ", f"{fa(y)}/{fa(m, 2)}/{fa(d, 2)}", " منتشر شد", pub, g.isoformat(),
        calendar="hijri", calendar_inferred=True)
# …but a Jalali reading near its article stays Jalali, and one far from every reading keeps a note
for y, m, d, pub in [(1402, 7, 9, "2023-10-05"), (1399, 8, 20, "2020-11-15"), (1403, 1, 1, "2024-03-25")]:
    row("hijri.numeric_far_future", "بیانیه مورخ ", f"{fa(y)}/{fa(m, 2)}/{fa(d, 2)}", " منتشر شد", pub, jal(y, m, d),
        calendar="jalali")
row("hijri.numeric_far_future", "طرح تا ", "۱۴۹۰/۰۱/۰۱", " ادامه دارد", "2024-01-20", jal(1490, 1, 1), calendar="jalali",
    note="this day lies 87 years after publication")

# --- month names inside numeric forms; compact dates after a label -----------------------------
ABBR = {2: "ارد", 3: "خرد", 12: "اسف", 1: "فرو", 11: "بهم"}
for i in range(24):
    j = random_jalali(1390, 1405)
    g = j.togregorian().isoformat()
    k = i % 4
    if k == 0:
        span = f"{fa(j.year)}-{JALALI[j.month - 1]}-{fa(j.day, 2)}"
    elif k == 1:
        span = f"{j.year}-{LATIN[j.month - 1][0]}-{str(j.day).zfill(2)}"
    elif k == 2:
        span = f"{fa(j.day)}/{JALALI[j.month - 1]}/{fa(j.year)}"
    else:
        m = list(ABBR)[i % len(ABBR)]
        j = jdatetime.date(j.year, m, min(j.day, 29))
        g = j.togregorian().isoformat()
        span = f"{fa(j.year)}-{ABBR[m]}-{fa(j.day, 2)}"
    row("numeric.month_name", "ثبت در ", span, " انجام شد", None, g)
row("numeric.month_name", "", "۱۳۹۹-آبان-۲۰", "", None, "2020-11-10")
row("numeric.month_name", "", "1402-Mehr-09", "", None, "2023-10-01")
row("numeric.month_name", "", "۱۴۰۱-ارد-۱۲", "", None, "2022-05-02")
for s, iso in [("تاریخ: 13990820", "2020-11-10"), ("تاریخ ۱۴۰۲۰۷۰۹", "2023-10-01"), ("مورخ 14010212", "2022-05-02"),
               ("تاریخ انتشار: ۱۴۰۳۰۱۰۱", "2024-03-20"), ("تاریخ: 20231001", "2023-10-01")]:
    row("numeric.compact", "", s, "، کد خبر ۱۲۳", None, iso)
no_date("numeric.compact", "کد پیگیری 13990820 است", "13990820")
no_date("numeric.compact", "شماره 14020709 ثبت شد", "14020709")
# a dateline: the day and its clock time on the article's first line
for s, iso in [("۱۴۰۲۰۷۰۹", "2023-10-01"), ("13990820", "2020-11-10"), ("۲۰۲۳۱۰۰۱", "2023-10-01")]:
    row("numeric.compact", "", s, " - ۱۰:۴۵\nبه گزارش خبرنگار ما ۱۲ نفر زخمی شدند.", None, iso)
row("numeric.compact", "", "۱۴۰۲۰۷۰۹", " ۱۰:۴۵\nبه گزارش خبرنگار ما", None, "2023-10-01")
row("numeric.compact", "", "تاریخ انتشار: ۱۴۰۲۰۷۰۹", "\nبه گزارش خبرنگار ما", None, "2023-10-01")
# bare eight digits in running text are a phone, a code, an amount: never a day
for text, phrase in [("مبلغ ۱۳۹۹۰۸۲۰ تومان پرداخت شد", "۱۳۹۹۰۸۲۰"), ("با تلفن ۱۳۹۹۰۸۲۰ تماس بگیرید", "۱۳۹۹۰۸۲۰"),
                     ("کد ملی 14020709 ثبت شد", "14020709"), ("۱۳۹۹۰۸۲۰ تومان به حساب واریز شد", "۱۳۹۹۰۸۲۰"),
                     ("شماره پرونده ۱۴۰۲۰۷۰۹ است", "۱۴۰۲۰۷۰۹"), ("۱۴۰۲۱۳۰۹ - ۱۰:۴۵", "۱۴۰۲۱۳۰۹")]:
    no_date("numeric.compact", text, phrase)

# --- parts of longer phrases are not dates ------------------------------------------------------
for text, phrase in [
    ("در چند روز گذشته قیمت‌ها بالا رفت", "روز گذشته"), ("طی شبانه روز گذشته ۱۲ حادثه رخ داد", "شبانه"),
    ("طی شبانه روز گذشته ۱۲ حادثه رخ داد", "روز گذشته"), ("در چند روز گذشته", "چند"),
    ("همین روز گذشته بود که", "روز گذشته"), ("در طول روز گذشته", "روز گذشته"),
    ("طی دو روز گذشته ۳۰ نفر بستری شدند", "روز گذشته"), ("در ده روز گذشته", "روز گذشته"),
    ("طی حدود ۱۰ روز گذشته", "روز گذشته"), ("در ۴۸ ساعت گذشته", "ساعت"),
]:
    no_date("not_a_date.longer_phrase", text, phrase)
row("not_a_date.longer_phrase", "او ", "روز گذشته", " به تهران رسید", "2024-03-05", "2024-03-04", relative=-1)
row("not_a_date.longer_phrase", "", "صبح روز گذشته", " اعلام شد", "2024-03-05", "2024-03-04")
row("not_a_date.longer_phrase", "", "دیروز", " اعلام شد", "2024-03-05", "2024-03-04")

# --- years written short (zero-led) or far ---------------------------------------------------------
for i in range(16):
    yy = i % 6                       # 1400–1405
    pub_j = jdatetime.date(1400 + yy, 12, 1) if i % 2 else jdatetime.date(1400 + yy, 9, 15)
    m = rng.randrange(1, 13)
    d = rng.randrange(1, 29)
    span = f"{fa(d)} {JALALI[m - 1]} {fa(yy, 2)}"
    row("year.zero_led", "قرارداد در ", span, " امضا شد", pub_j.togregorian().isoformat(), jal(1400 + yy, m, d))
row("year.zero_led", "", "۵ آبان ۰۱", "", "2023-03-01", jal(1401, 8, 5))
row("year.zero_led", "", "۱۲ مهر ۰۳", "", "2024-11-01", jal(1403, 7, 12))
for y in (1000, 1050, 1100, 1150, 1199, 1120):
    m, d = rng.randrange(1, 13), rng.randrange(1, 29)
    row("year.far", "این بنا در ", f"{fa(d)} {JALALI[m - 1]} {fa(y)}", " ساخته شد", "2024-03-05", jal(y, m, d))
row("year.far", "", "۱۰ دی ۱۱۵۰", "", "2024-03-05", jal(1150, 10, 10))
row("year.far", "", "۱۴ ژوئیه ۱۷۸۹", " انقلاب", "2024-03-05", "1789-07-14")
row("year.far", "on ", "25 December 1066", " he was crowned", "2024-03-05", "1066-12-25")
# a count after the number: the number is a count, the day takes the year nearest publication
row("year.far", "", "۱۰ دی", " ۱۱۵۰ نفر ثبت نام کردند", "2024-03-05", jal(1402, 10, 10))

# --- Latin-script Jalali months in English copy ----------------------------------------------------
for m in range(1, 13):
    for k, name in enumerate(LATIN[m - 1]):
        y = 1395 + (m + k) % 9
        d = (m * 7 + k * 3) % 28 + 1
        row("latin.jalali", "The ceasefire began on ", f"{d} {name} {y}", " in Tehran.", None, jal(y, m, d))
        row("latin.jalali", "Talks resume ", f"{name} {d}, {y}", ", officials said.", None, jal(y, m, d))
    row("latin.jalali", "Figures for ", f"{LATIN[m - 1][0]} 1401", " were released.", None, jal_month_span(1401, m))
row("latin.jalali", "", "4 Farvardin 1403", "", None, "2024-03-23")
row("latin.jalali", "", "Tuesday, 09 Dey 1402", "", None, "2023-12-30")
no_date("latin.jalali", "Mehr news agency reported on the talks", "Mehr")
no_date("latin.jalali", "Azar Nafisi wrote a book", "Azar")

# --- relative times in every unit, with hedges -------------------------------------------------------
UNITS = [("ثانیه", 1), ("دقیقه", 60), ("ساعت", 3600), ("روز", 86400), ("هفته", 7 * 86400), ("ماه", 30 * 86400),
         ("سال", 365 * 86400)]
PUBS = ["2024-03-05T10:30", "2023-11-15T23:50", "2024-01-01T00:20"]
for ui, (unit, secs) in enumerate(UNITS):
    for k, n in enumerate((2, 6, 45)):
        pub = PUBS[(ui + k) % len(PUBS)]
        moment = datetime.fromisoformat(pub)
        for word, sign in (("پیش", -1), ("قبل", -1)):
            at = moment + timedelta(seconds=sign * n * secs)
            row("relative.ago", "این خبر ", f"{fa(n)} {unit} {word}", " منتشر شد", pub, at.date().isoformat(),
                datetime=at.isoformat(timespec="seconds"))
        at = moment + timedelta(seconds=n * secs)
        row("relative.later", "نتیجه ", f"{fa(n)} {unit} بعد", "", pub, at.date().isoformat(),
            datetime=at.isoformat(timespec="seconds"))
        row("relative.later", "نتیجه ", f"{fa(n)} {unit} بعد", " اعلام خواهد شد", pub, at.date().isoformat())
        if secs >= 86400:
            row("relative.ago", "", f"{fa(n)} {unit} دیگر", " برگزار می‌شود", pub[:10],
                (date.fromisoformat(pub[:10]) + timedelta(days=n * secs // 86400)).isoformat())
# a day only: a part of a day may cross midnight; the value is the day counted from noon
for n, unit, secs, word, sign in [(45, "ثانیه", 1, "پیش", -1), (6, "ساعت", 3600, "بعد", 1), (20, "ساعت", 3600, "پیش", -1),
                                  (30, "دقیقه", 60, "قبل", -1), (14, "ساعت", 3600, "بعد", 1)]:
    pub = date(2024, 3, 5)
    start = datetime.combine(pub, datetime.min.time())
    first = (start + timedelta(seconds=sign * n * secs)).date()
    last = (start + timedelta(seconds=86399 + sign * n * secs)).date()
    mid = (start + timedelta(hours=12, seconds=sign * n * secs)).date()
    row("relative.day_only", "", f"{fa(n)} {unit} {word}", "", "2024-03-05", mid.isoformat(),
        interval=(first.isoformat(), last.isoformat()))
# «حدود»: the interval its tolerance (10 %) allows, the stated amount's day as the value
for n, unit, days, word, sign in [(3, "هفته", 7, "قبل", -1), (2, "سال", 365, "بعد", 1), (10, "روز", 1, "پیش", -1),
                                  (5, "ماه", 30, "قبل", -1), (4, "سال", 365, "پیش", -1)]:
    pub = date(2024, 3, 5)
    lo, hi = round(n * days * 0.9), round(n * days * 1.1)
    a, b = sorted((pub + timedelta(days=sign * lo), pub + timedelta(days=sign * hi)))
    row("relative.hedged", "", f"حدود {fa(n)} {unit} {word}", "", "2024-03-05",
        (pub + timedelta(days=sign * n * days)).isoformat(), interval=(a.isoformat(), b.isoformat()), hedge="around")
row("relative.hedged", "", "حدود ۳ هفته قبل", "", "2024-03-05", "2024-02-13")
row("relative.hedged", "", "حدود ۲ سال بعد", "", "2024-03-05", "2026-03-05")
for pub in ("2024-03-05T10:30", "2023-12-31T23:59"):
    row("relative.now", "", "هم‌اکنون", " ۵۰۰ نفر در صف هستند", pub, pub[:10], datetime=pub + ":00")
row("relative.now", "", "هم اکنون", " در جریان است", "2024-03-05", "2024-03-05")
row("relative.ago", "", "۴۵ ثانیه پیش", "", "2024-03-05T10:30", "2024-03-05", datetime="2024-03-05T10:29:15")
row("relative.later", "", "۶ ساعت بعد", "", "2024-03-05T20:00", "2024-03-06", datetime="2024-03-06T02:00:00")
no_date("relative.later", "سه دقیقه بعد، گل دوم را زد", "سه")
no_date("relative.later", "دو سال بعد درگذشت", "دو")
no_date("relative.later", "چهار روز بعد از زلزله", "چهار")
no_date("relative.later", "دو روز بعد او را آزاد کردند", "دو")

# --- a weekday alone ------------------------------------------------------------------------------
for p in range(7):
    pub = date(2024, 3, 4) + timedelta(days=p)      # Monday 4 March 2024 … Sunday 10 March
    for w in range(7):
        back = pub - timedelta(days=(pub.weekday() - w) % 7)
        if (p + w) % 2 == 0:
            row("weekday.alone", "وزیر ", f"روز {WEEKDAY_FA[w]}", " گفت این طرح اجرا شده است", pub.isoformat(),
                back.isoformat(), weekday_only=True)
        else:
            row("weekday.alone", "the minister said on ", WEEKDAY_EN[w], " that talks had ended", pub.isoformat(),
                back.isoformat(), weekday_only=True)
    for w in (5, 2):
        ahead = pub + timedelta(days=(w - pub.weekday()) % 7)
        row("weekday.future", "این نشست ", f"روز {WEEKDAY_FA[w]}", " در تهران برگزار خواهد شد", pub.isoformat(),
            ahead.isoformat(), weekday_only=True)
    w = (p * 3) % 7
    last = pub - timedelta(days=(pub.weekday() - w) % 7 or 7)
    nxt = pub + timedelta(days=(w - pub.weekday()) % 7 or 7)
    row("weekday.relative", "", WEEKDAY_FA[w], " گذشته توافق شد", pub.isoformat(), last.isoformat(), weekday_only=True)
    row("weekday.relative", "", WEEKDAY_FA[w], " آینده اعلام می‌شود", pub.isoformat(), nxt.isoformat(), weekday_only=True)
row("weekday.alone", "وزیر ", "روز شنبه", " گفت که این طرح اجرا خواهد شد", "2024-03-06", "2024-03-02", weekday_only=True)
no_date("weekday.alone", "هر شنبه جلسه دارند", "شنبه")
no_date("weekday.alone", "هر روز جمعه به کوه می‌روند", "روز")

# --- Dari (Afghan) month names -----------------------------------------------------------------------
for m in range(1, 13):
    for k in range(3):
        y = 1398 + (m + k) % 6
        d = (m * 5 + k * 11) % 29 + 1
        if k == 0:
            row("dari.month", "این نشست در ", f"{fa(d)} {DARI[m - 1]} {fa(y)}", " برگزار شد", None, jal(y, m, d))
        elif k == 1:
            pub = jdatetime.date(y, m, min(d + 2, 29)).togregorian()
            row("dari.month", "طالبان روز ", f"{fa(d)} {DARI[m - 1]}", " اعلام کرد", pub.isoformat(), jal(y, m, d))
        else:
            row("dari.month", "در ماه ", f"{DARI[m - 1]} {fa(y)}", " باران بارید", None, jal_month_span(y, m))
row("dari.month", "", "۱۵ حمل ۱۴۰۲", "", None, "2023-04-04")
for text, phrase in [("سه سرطان شایع در زنان", "سه"), ("۱۰ سرطان شایع", "۱۰"), ("دو اسد در باغ وحش", "دو"),
                     ("به میزان ۲۰ درصد", "میزان"), ("به میزان ۱۴۰۰ تن", "میزان"), ("میزان تورم بالا رفت", "میزان"),
                     ("۲ مشکل جدی دارد", "۲"), ("دو قوس در طرح", "دو"), ("۴ عقرب سیاه", "۴"),
                     ("۱۲ حمل و نقل", "۱۲"), ("شرکت حمل و نقل", "حمل"), ("برج اسد", "اسد"),
                     ("بین ساعت ۲۰ تا ۲۱ جدی گرفته شود", "۲۱"), ("۲ دلو آب", "۲"), ("۳ سرطان ریه", "۳")]:
    no_date("dari.homograph", text, phrase)

# --- the old classes: Jalali, Gregorian, Hijri; Persian and English ----------------------------------
for i in range(30):
    j = random_jalali(1300, 1410)
    g = j.togregorian().isoformat()
    forms = [f"{fa(j.day)} {JALALI[j.month - 1]} {fa(j.year)}",
             f"{fa(j.day)} {JALALI[j.month - 1]}{ZWNJ}ماه {fa(j.year)}",
             f"{fa(j.day)} {JALALI[j.month - 1]} ماه {fa(j.year)}",
             f"{fa(j.day)} {JALALI[j.month - 1]}ماه {fa(j.year)}",
             f"{str(j.day).translate(AR)} {JALALI[j.month - 1]} {str(j.year).translate(AR)}",
             f"{j.day} {JALALI[j.month - 1]} {j.year}"]
    row("jalali.day", "در ", forms[i % len(forms)], " رخ داد", None, g)
for i in range(20):
    g = date(1950, 1, 1) + timedelta(days=rng.randrange(30000))
    if i % 2:
        row("gregorian.day", "روز ", f"{fa(g.day)} {GREG_FA[g.month - 1]} {fa(g.year)}", " اعلام شد", None, g.isoformat())
    else:
        span = f"{GREG_EN[g.month - 1]} {g.day}, {g.year}" if i % 4 else f"{g.day} {GREG_EN[g.month - 1]} {g.year}"
        row("gregorian.day", "on ", span, " the council met", None, g.isoformat())
for i in range(15):
    y, m, d = rng.randrange(1350, 1460), rng.randrange(1, 13), rng.randrange(1, 30)
    g = hijri_to_gregorian(y, m, d)
    row("hijri.day", "مصادف با ", f"{fa(d)} {HIJRI[m - 1]} {fa(y)}", " است", None, g.isoformat(), calendar="hijri")
# year-less days: the nearest year, the recent past preferred
for span, pub, iso in [("۱۵ مهر", "2016-01-10", "2015-10-07"), ("۳۰ سپتامبر", "2015-09-25", "2015-09-30"),
                       ("۱ فروردین", "2024-03-25", "2024-03-20"), ("۲۹ اسفند", "2024-04-10", "2024-03-19")]:
    row("yearless.day", "", span, " برگزار شد", pub, iso)
# month, year, part of month, season
row("month.year", "در ", "مهر ۱۳۹۴", "", None, jal_month_span(1394, 7))
row("month.year", "در ", "سپتامبر ۲۰۱۵", "", None, "2015-09-01..2015-09-30")
row("month.year", "", "سال ۱۳۹۴", " تصویب شد", None, "2015-03-21..2016-03-19")
row("month.year", "", "۲۰۱۵ میلادی", "", None, "2015-01-01..2015-12-31")
row("month.year", "", "اوایل مهر", "", "2015-10-08", "2015-09-23..2015-10-02")
row("month.year", "", "پاییز ۱۳۹۴", "", None, "2015-09-23..2015-12-21")
# weekday with a day: the year where the weekday holds
row("weekday.with_day", "", "پنجشنبه ۱۵ مهر", "", "2016-03-01", "2016-10-06", weekday=3)
row("weekday.with_day", "", "چهارشنبه ۱۵ مهر", "", "2016-03-01", "2015-10-07", weekday=2)
row("weekday.with_day", "", "Wednesday, October 7, 2015", "", None, "2015-10-07")
# ranges
for span, pub, iv in [("از ۳۰ سپتامبر تا ۱۵ مهر", "2015-10-08", "2015-09-30..2015-10-07"),
                      ("از ۱ فروردین ۱۴۰۳ تا ۱۵ فروردین ۱۴۰۳", None, f"{jal(1403, 1, 1)}..{jal(1403, 1, 15)}"),
                      ("از ۰۱ تیر ۱۴۰۲ تا ۱۰ مرداد ۱۴۰۲", None, f"{jal(1402, 4, 1)}..{jal(1402, 5, 10)}"),
                      ("۱۰ تا ۱۵ مهر ۱۳۹۴", None, "2015-10-02..2015-10-07"),
                      ("از ۳۰ سپتامبر تاکنون", "2015-10-08", "2015-09-30..2015-10-08"),
                      ("from 30 September to 7 October 2015", "2015-10-08", "2015-09-30..2015-10-07"),
                      ("از ۵ حمل ۱۴۰۲ تا ۱۰ ثور ۱۴۰۲", None, f"{jal(1402, 1, 5)}..{jal(1402, 2, 10)}")]:
    row("range", "", span, " ادامه داشت", pub, iv)
# relative days and spans
for span, iso in [("امروز", "2015-10-08"), ("فردا", "2015-10-09"), ("پریروز", "2015-10-06"),
                  ("هفته گذشته", "2015-09-26..2015-10-02"), ("ماه آینده", "2015-10-23..2015-11-21"),
                  ("پارسال", "2014-03-21..2015-03-20"), ("دو روز پیش", "2015-10-06"), ("سه هفته قبل", "2015-09-17"),
                  ("two days ago", "2015-10-06")]:
    row("relative.day", "", span, " اعلام شد", "2015-10-08", iso)
# numeric dates
for span, iso in [("۱۳۹۴/۷/۱۵", "2015-10-07"), ("1394-07-15", "2015-10-07"), ("2015-10-07", "2015-10-07"),
                  ("07/10/2015", "2015-10-07"), ("۸/۱۱/۵۷", "1979-01-28")]:
    row("numeric.plain", "مورخه ", span, " ", "2015-10-08", iso)
row("invalid", "", "۳۱ مهر ۱۳۹۴", "", None, "invalid")
row("invalid", "", "۳۰ اسفند ۱۴۰۲", "", None, "invalid")
row("invalid", "", "۲۹ فوریه ۲۰۲۳", "", None, "invalid")

# --- messy text: ي/ك, ZWNJ absent or a space, diacritics, kashida, mixed digits, bidi marks ----------
MESSY = [
    ("۱۵ مهر ۱۳۹۴", "2015-10-07"), ("۲۲ بهمن ۱۳۵۷", "1979-02-11"), ("۱ دی ۱۴۰۲", "2023-12-22"),
    ("۱۰ اردیبهشت ۱۴۰۰", "2021-04-30"), ("۵ آبان ۱۳۹۹", "2020-10-26"),
]


def arabic_yk(s):
    return s.replace("ی", "ي").replace("ک", "ك")


def kashida(s):
    return s.replace("مهر", "مهـــر").replace("بهمن", "بهـمن").replace("دی", "دی").replace("آبان", "آبـان")


def diacritics(s):
    return s.replace("مهر", "مِهر").replace("بهمن", "بَهمن").replace("اردیبهشت", "اُردیبهشت").replace("آبان", "آبان")


def bidi(s):
    return "\u200f" + s.replace(" ", " \u200e", 1)


def mixed_digits(s):
    parts = s.split(" ")
    parts[0] = parts[0].translate({ord(c): str("۰۱۲۳۴۵۶۷۸۹".index(c)) for c in "۰۱۲۳۴۵۶۷۸۹"})
    return " ".join(parts)


def arabic_digits(s):
    return s.translate({ord(c): "٠١٢٣٤٥٦٧٨٩"["۰۱۲۳۴۵۶۷۸۹".index(c)] for c in "۰۱۲۳۴۵۶۷۸۹"})


for span, iso in MESSY:
    for name, f in [("arabic_yk", arabic_yk), ("kashida", kashida), ("diacritics", diacritics), ("bidi", bidi),
                    ("mixed_digits", mixed_digits), ("arabic_digits", arabic_digits)]:
        s = f(span)
        if name == "bidi":   # the leading RLM stays outside the span, the inner LRM inside it
            ROWS.append(Row("messy." + name, "روز " + s + " اعلام شد", s[1:], None, iso, len("روز ") + 1))
        else:
            row("messy." + name, "روز ", s, " اعلام شد", None, iso)
for span, iso, pub in [(f"دوشنبه {fa(4, 2)} تير {fa(1397)}", "2018-06-25", None),
                       ("پنج شنبه ۱۶ مهر", "2015-10-08", "2015-10-10"), ("پنجشنبه ۱۶ مهر", "2015-10-08", "2015-10-10"),
                       ("۱۵ مهرماه ۱۳۹۴", "2015-10-07", None), ("۱۵ مهر‌ماه ۱۳۹۴", "2015-10-07", None),
                       ("۱۵ مهر ماه ۱۳۹۴", "2015-10-07", None), ("هماکنون", "2024-03-05", "2024-03-05"),
                       ("هم اکنون", "2024-03-05", "2024-03-05"), ("۱۵ حمل ۱۴۰۲", "2023-04-04", None),
                       ("۱۵ حمـل ۱۴۰۲", "2023-04-04", None), ("۲۰ جدي ۱۴۰۲", jal(1402, 10, 20), None),
                       ("یکشنبه ۱۰ ذی‌الحجه ۱۴۳۶", "2015-09-24", None), ("۱۰ ذیحجه ۱۴۳۶", "2015-09-24", None),
                       ("۱۰ ذي الحجه ۱۴۳۶", "2015-09-24", None)]:
    row("messy.variants", "خبر ", span, " است", pub, iso)


# --- the test ---------------------------------------------------------------------------------------

def _check(engine, r: Row) -> None:
    ms = [m for m in engine.mentions(r.text, published=r.published) if m.kind == "date"]
    at = r.at if r.at is not None else r.text.index(r.span)
    here = [m for m in ms if m.start == at]
    if r.expect is None:
        assert not here, f"{r.text!r}: expected no date at {at}, got {[(m.text, m.value) for m in here]}"
        return
    assert here, f"{r.text!r}: no date at {at}; dates: {[(m.text, m.start, m.value, m.interval) for m in ms]}"
    m = max(here, key=lambda m: m.end - m.start)
    assert r.text[m.start:m.end] == m.text == r.span, (r.text, m.text, r.span)
    if r.expect == "invalid":
        assert m.extra.get("valid") is False and m.extra.get("reason"), m
    elif ".." in r.expect:
        assert m.interval is not None and f"{m.interval[0]}..{m.interval[1]}" == r.expect, (r.text, m.interval, r.expect)
    else:
        assert m.value == r.expect, (r.text, r.published, m.value, r.expect, m.extra)
    for k, v in r.extra.items():
        got = tuple(m.interval) if k == "interval" else m.hedge if k == "hedge" else m.extra.get(k)
        assert got == v, (r.text, k, got, v)


@pytest.mark.parametrize("r", ROWS, ids=[r.id for r in ROWS])
def test_date_table(engine, r):
    _check(engine, r)


def test_the_table_is_wide():
    assert len(ROWS) >= 400
    classes = {r.cls.split(".")[0] for r in ROWS}
    assert {"dateline", "hijri", "numeric", "not_a_date", "year", "latin", "relative", "weekday", "dari",
            "jalali", "gregorian", "range", "messy"} <= classes
