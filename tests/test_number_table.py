"""A wide table of number expressions, as everyone writes them (issue 16, numbers).

Every row is (class, text, kind, mention text, expected): the text must hold exactly one mention
of that kind whose text is the mention text, at a span with ``text[start:end] == mention.text``,
carrying the expected value (a point), interval (a tuple, None for an open end) or, for a
fraction, also its exact form. A row whose kind is None says the text holds no numeric mention.

Rows are written here: hand-written sentences, and rows composed by a small speller of our own
(below), which knows nothing of the engine; its values are plain Python integers and fractions.
"""
from __future__ import annotations

import math
import random
from collections import Counter
from fractions import Fraction

import pytest

from rasti import Engine

NUMERIC = ("number", "percent", "ordinal", "fraction", "quantity", "money")
N, P, O, F, Q, M = "number", "percent", "ordinal", "fraction", "quantity", "money"

ROWS: list[tuple] = []


def row(cls, text, kind, mention=None, expected=None, exact=None):
    ROWS.append((cls, text, kind, mention, expected, exact))


# --- a speller of our own: integers in Persian words, in several styles --------------------

ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
ONES_COLLOQUIAL = {4: "چار", 6: "شیش"}
TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
HUNDREDS_JOINED = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
# hundreds written apart, as typed in many newsrooms and transcripts
HUNDREDS_APART = ["", "یک صد", "دو صد", "سی صد", "چهار صد", "پنج صد", "شش صد", "هفت صد", "هشت صد", "نه صد"]
HUNDREDS_APART_COLLOQUIAL = {4: "چار صد", 6: "شیش صد"}
SCALES = [(10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار")]


def spell_below_1000(n: int, apart: bool = False, colloquial: bool = False, tight: bool = False) -> str:
    """1 <= n <= 999. apart: «هفت صد»; colloquial: «شیش», «چار»; tight: no «و» after the hundred."""
    h, r = divmod(n, 100)
    words = []
    if h:
        if apart:
            words.append(HUNDREDS_APART_COLLOQUIAL.get(h, HUNDREDS_APART[h]) if colloquial else HUNDREDS_APART[h])
        else:
            words.append("شیشصد" if colloquial and h == 6 else HUNDREDS_JOINED[h])
    low = []
    if 10 <= r < 20:
        low.append(TEENS[r - 10])
    else:
        t, o = divmod(r, 10)
        if t:
            low.append(TENS[t])
        if o:
            low.append(ONES_COLLOQUIAL.get(o, ONES[o]) if colloquial else ONES[o])
    low_s = " و ".join(low)
    if words and low_s:
        return words[0] + (" " if tight else " و ") + low_s
    return words[0] if words else low_s


def spell(n: int, **style) -> str:
    parts = []
    for v, w in SCALES:
        g, n = divmod(n, v)
        if g:
            parts.append(w if g == 1 and v == 1000 else f"{spell_below_1000(g, **style)} {w}")
    if n:
        parts.append(spell_below_1000(n, **style))
    return " و ".join(parts)


def test_speller():
    assert spell(730, apart=True) == "هفت صد و سی"
    assert spell(235, tight=True) == "دویست سی و پنج"
    assert spell(872_000, tight=True) == "هشتصد هفتاد و دو هزار"
    assert spell(2900, apart=True) == "دو هزار و نه صد"
    assert spell(646, apart=True, colloquial=True) == "شیش صد و چهل و شیش"


_rng = random.Random(16)

# --- class: words, generated in every style ---------------------------------------------------
for _ in range(60):
    n = _rng.randrange(100, 1000)
    w = spell(n, apart=True)
    row("hundreds apart", f"گزارش از {w} دستگاه خبر داد", N, w, n)
for _ in range(40):
    n = _rng.randrange(1000, 10**9)
    w = spell(n, apart=True)
    row("hundreds apart", f"رقم {w} نفر اعلام شد", N, w, n)
for _ in range(40):
    n = _rng.randrange(100, 1000)
    if n % 100 == 0:
        n += 7
    w = spell(n, tight=True)
    row("no و after hundreds", f"گزارش از {w} دستگاه خبر داد", N, w, n)
for _ in range(30):
    n = _rng.randrange(10**3, 10**9)
    w = spell(n, tight=True)
    row("no و after hundreds", f"جمعیت {w} نفر بود", N, w, n)
_coll = [n for n in range(1, 1000) if "4" in str(n) or "6" in str(n)]
for n in _rng.sample(_coll, 40):
    w = spell(n, colloquial=True, apart=_rng.random() < 0.5)
    row("colloquial", f"گزارش از {w} دستگاه خبر داد", N, w, n)
for _ in range(20):
    n = _rng.randrange(10**3, 10**8)
    w = spell(n, colloquial=True)
    row("colloquial", f"شمار آنها {w} نفر شد", N, w, n)
for _ in range(30):
    n = _rng.randrange(1, 10**12)
    w = spell(n)
    row("words", f"گزارش از {w} دستگاه خبر داد", N, w, n)

# hand-written sentences for the examples and around them
for text, mention, value in [
    ("در این مراسم هفت صد و سی نفر شرکت داشتند.", "هفت صد و سی", 730),
    ("سی صد و دوازده نفر در این آزمون پذیرفته شدند.", "سی صد و دوازده", 312),
    ("دو هزار و نه صد خانوار زیر پوشش قرار گرفتند.", "دو هزار و نه صد", 2900),
    ("هشتصد هفتاد و دو هزار نفر در این انتخابات رأی دادند.", "هشتصد هفتاد و دو هزار", 872000),
    ("دویست سی و پنج نماینده به این طرح رأی دادند.", "دویست سی و پنج", 235),
    ("یه میلیون و شیشصد هزار نفر در این شهر زندگی می‌کنند.", "یه میلیون و شیشصد هزار", 1600000),
    ("چار صد و بیست و چار دستگاه اتوبوس خریداری شد.", "چار صد و بیست و چار", 424),
    ("شیش هزار و شیش صد نفر ثبت‌نام کردند.", "شیش هزار و شیش صد", 6600),
    ("یه صد و ده نفر در صف ایستاده بودند.", "یه", None),
    ("پان صد نفر آمده بودند.", "پان صد", 500),
    ("دو صد و پنجاه خانه ویران شد.", "دو صد و پنجاه", 250),
    ("هفت‌صد نفر در سالن نشسته بودند.", "هفت‌صد", 700),
    ("هفتصد نفر در سالن نشسته بودند.", "هفتصد", 700),
    ("سه صد نفر بیرون ماندند.", "سه صد", 300),
    ("نهصد نود و نه نفر در فهرست بودند.", "نهصد نود و نه", 999),
    ("یک میلیون دویست سی هزار نفر آواره شدند.", "یک میلیون دویست سی هزار", 1230000),
    ("دو میلیارد هشتصد پنجاه میلیون دلار", "دو میلیارد هشتصد پنجاه میلیون", None),
    ("هزار و سی صد و نود و هشت نفر", "هزار و سی صد و نود و هشت", 1398),
    ("یک صد و ده نفر زخمی شدند.", "یک صد و ده", 110),
    ("بیست و چار نفر بازداشت شدند.", "بیست و چار", 24),
    ("سی و شیش نفر بازداشت شدند.", "سی و شیش", 36),
    ("چار هزار نفر آمدند.", "چار هزار", 4000),
    ("یه میلیارد نفر", "یه میلیارد", 1000000000),
    ("هشت صد و هشتاد و هشت نفر", "هشت صد و هشتاد و هشت", 888),
    ("پنج صد و پنج نفر", "پنج صد و پنج", 505),
    ("دو صد و ۴۱ هزار نفر آواره شدند.", "دو صد و ۴۱ هزار", 241000),
    ("سیصد و ۲۵ نفر آمدند.", "سیصد و ۲۵", 325),
]:
    if value is None:
        continue      # rows whose reading is checked in another class
    row("words: sentences", text, N, mention, value)
row("words: sentences", "دو میلیارد هشتصد پنجاه میلیون دلار هزینه شد.", M, "دو میلیارد هشتصد پنجاه میلیون دلار", 2850000000)
row("words: sentences", "این خانه شش صد هزار تومان اجاره دارد.", M, "شش صد هزار تومان", 600000)
row("words: sentences", "قیمت هر کیلو چار صد هزار تومان شد.", M, "چار صد هزار تومان", 400000)

# --- class: digits in three scripts and separators -------------------------------------------
_SCRIPTS = {"ascii": "0123456789", "persian": "۰۱۲۳۴۵۶۷۸۹", "arabic": "٠١٢٣٤٥٦٧٨٩"}


def in_script(s: str, script: str) -> str:
    return s.translate(str.maketrans("0123456789", _SCRIPTS[script]))


for script in _SCRIPTS:
    for sep in ["", "٬", ",", "،"]:
        for _ in range(5):
            n = _rng.randrange(1000, 10**10)
            plain = f"{n:,}".replace(",", sep)
            w = in_script(plain, script)
            row("digits", f"ثبت {w} دستگاه", N, w, n)
for script in _SCRIPTS:
    for point in ["٫", ".", "/"]:
        for _ in range(4):
            whole, frac = _rng.randrange(0, 1000), _rng.randrange(1, 100)
            w = in_script(f"{whole}{point}{frac:02d}", script)
            row("decimals", f"شاخص {w} واحد شد", N, w, float(f"{whole}.{frac:02d}"))
for text, mention, value in [
    ("تورم ٫۴۵ درصد بود.", "٫۴۵ درصد", 0.45),
    ("growth was .45 percent", ".45 percent", 0.45),
    ("رشد ٫۷ درصد بود.", "٫۷ درصد", 0.7),
    ("رشد .۷ درصد بود.", ".۷ درصد", 0.7),
    ("ضریب (٫۲۵) گزارش شد.", "٫۲۵", 0.25),
    ("ضریب ٫۰۵ بود.", "٫۰۵", 0.05),
    ("the rate fell to .25 points", ".25", 0.25),
    ("ضریب ۱٬۲۳۴٫۵ بود.", "۱٬۲۳۴٫۵", 1234.5),
]:
    row("leading point", text, P if "درصد" in mention or "percent" in mention else N, mention, value)
# a point after a word ends the sentence: the number after it is whole
row("leading point", "همه کشته شدند.۴۵ نفر زخمی شدند", N, "۴۵", 45)
row("leading point", "The list ended.45 people came", N, "45", 45)
row("leading point", "نسخه ۱.۲ و ۲٫۵ منتشر شد", N, "۲٫۵", 2.5)

# --- class: decimals in words --------------------------------------------------------------
_SMALL_WHOLES = [n for n in range(0, 1000) if n % 10 not in (0,) or n == 0 or 10 <= n % 100 < 20]
for _ in range(40):
    whole = _rng.choice(_SMALL_WHOLES)
    den, den_w = _rng.choice([(10, "دهم"), (100, "صدم"), (1000, "هزارم")])
    num = _rng.randrange(1, den)
    ww = "صفر" if whole == 0 else spell(whole)
    text = f"{ww} و {spell(num)} {den_w}"
    row("decimal words", f"نرخ رشد {text} اعلام شد", N, text, whole + Fraction(num, den))
for _ in range(40):
    whole = _rng.randrange(0, 1000)
    zeros = _rng.choice([0, 0, 0, 1, 2])
    digits = _rng.randrange(1, 1000)
    ww = "صفر" if whole == 0 else spell(whole)
    text = f"{ww} ممیز {'صفر ' * zeros}{spell(digits)}"
    value = whole + Fraction(digits, 10 ** (len(str(digits)) + zeros))
    row("decimal point words", f"شاخص {text} واحد بالا رفت", N, text, value)
for text, kind, mention, value in [
    ("نرخ بیکاری به هفت و سه دهم درصد رسید.", P, "هفت و سه دهم درصد", 7.3),
    ("رشد اقتصادی چهار ممیز دو درصد بود.", P, "چهار ممیز دو درصد", 4.2),
    ("نود و نه ممیز نه درصد آرا شمرده شد.", P, "نود و نه ممیز نه درصد", 99.9),
    ("نسبت چهار ممیز دو بود.", N, "چهار ممیز دو", 4.2),
    ("نود و نه ممیز نه", N, "نود و نه ممیز نه", 99.9),
    ("جمعیت یک و دو دهم میلیون نفر است.", N, "یک و دو دهم میلیون", 1200000),
    ("تولید به دو ممیز پنج میلیون تن رسید.", Q, "دو ممیز پنج میلیون تن", 2500000),
    ("فاصله هفت و سه دهم کیلومتر است.", Q, "هفت و سه دهم کیلومتر", 7.3),
    ("عدد پی سه ممیز چهارده است.", N, "سه ممیز چهارده", 3.14),
    ("ضریب صفر ممیز صفر پنج بود.", N, "صفر ممیز صفر پنج", 0.05),
    ("ضریب صفر و پنج دهم بود.", N, "صفر و پنج دهم", 0.5),
    ("تورم ده و پنج دهم درصد شد.", P, "ده و پنج دهم درصد", 10.5),
    ("the index rose four point two percent", P, "four point two percent", 4.2),
    ("growth of three and two tenths", N, "three and two tenths", 3.2),
    ("نرخ ۷ و ۳ دهم درصد شد.", P, "۷ و ۳ دهم درصد", 7.3),
    ("رتبه او بیست و سه دهم امتیاز بود.", F, "بیست و سه دهم", Fraction(23, 10)),
]:
    row("decimal words: sentences", text, kind, mention, value)

# --- class: signs ----------------------------------------------------------------------------
for text, kind, mention, value in [
    ("دمای هوا به منهای پنج درجه رسید.", N, "منهای پنج", -5),
    ("دمای هوا منفی دوازده بود.", N, "منفی دوازده", -12),
    ("دمای هوا منفی ۱۲ بود.", N, "منفی ۱۲", -12),
    ("دمای هوا مثبت سه بود.", N, "مثبت سه", 3),
    ("رشد منفی ۲٫۵ درصد بود.", P, "منفی ۲٫۵ درصد", -2.5),
    ("رشد منفی دو و پنج دهم درصد بود.", P, "منفی دو و پنج دهم درصد", -2.5),
    ("رشد منفی دو ممیز پنج درصد بود.", P, "منفی دو ممیز پنج درصد", -2.5),
    ("رشد منفی دو دهم درصد بود.", P, "منفی دو دهم درصد", -0.2),
    ("تغییر منفی نیم درصد بود.", P, "منفی نیم درصد", -0.5),
    ("ضریب منفی سه ممیز دو شد.", N, "منفی سه ممیز دو", -3.2),
    ("ضریب مثبت یک ممیز دو شد.", N, "مثبت یک ممیز دو", 1.2),
    ("خودرو در طبقه منفی دوم پارک شد.", O, "منفی دوم", -2),
    ("انبار در طبقه منفی سوم است.", O, "منفی سوم", -3),
    ("تغییر منفی یک سوم بود.", F, "منفی یک سوم", Fraction(-1, 3)),
    ("تغییر مثبت دو سوم بود.", F, "مثبت دو سوم", Fraction(2, 3)),
    ("تغییر منفی یک‌چهارم بود.", F, "منفی یک‌چهارم", Fraction(-1, 4)),
    ("دما به -۵ درجه رسید.", N, "-۵", -5),
    ("دما به −۷٫۵ درجه رسید.", N, "−۷٫۵", -7.5),
    ("the low was minus 3", N, "minus 3", -3),
    ("the low was minus four point five", N, "minus four point five", -4.5),
    ("رقم منهای ۴۰ ثبت شد.", N, "منهای ۴۰", -40),
    ("ضریب منفی هفت و سه دهم بود.", N, "منفی هفت و سه دهم", -7.3),
    ("دما منفی ده بود.", N, "منفی ده", -10),
    ("دما منفی یک بود.", N, "منفی یک", -1),
    ("دما منهای بیست و یک بود.", N, "منهای بیست و یک", -21),
]:
    row("signs", text, kind, mention, value)
for _ in range(20):
    n = _rng.randrange(1, 1000)
    sign, k = _rng.choice([("منفی", -1), ("منهای", -1), ("مثبت", 1)])
    w = f"{sign} {spell(n, apart=_rng.random() < 0.5)}"
    row("signs", f"دمای ثبت‌شده {w} بود", N, w, k * n)
row("signs", "منهای این موضوع، همه چیز روشن است.", None)

# --- class: ordinals -------------------------------------------------------------------------
ORD = {1: "یکم", 2: "دوم", 3: "سوم", 4: "چهارم", 5: "پنجم", 6: "ششم", 7: "هفتم", 8: "هشتم", 9: "نهم",
       10: "دهم", 11: "یازدهم", 12: "دوازدهم", 13: "سیزدهم", 14: "چهاردهم", 15: "پانزدهم", 16: "شانزدهم",
       17: "هفدهم", 18: "هجدهم", 19: "نوزدهم", 20: "بیستم", 30: "سی‌ام", 40: "چهلم", 50: "پنجاهم", 60: "شصتم",
       70: "هفتادم", 80: "هشتادم", 90: "نودم", 100: "صدم", 200: "دویستم", 300: "سیصدم", 400: "چهارصدم",
       500: "پانصدم", 600: "ششصدم", 700: "هفتصدم", 800: "هشتصدم", 900: "نهصدم"}


def ordinal_words(n: int, suffix: str) -> str:
    """1 <= n <= 999: the last word takes the ordinal ending, the rest are cardinals."""
    h, r = divmod(n, 100)
    if r == 0:
        return ORD[h * 100] + suffix
    if r in ORD:
        last, rest = ORD[r], h * 100
    else:
        last, rest = ORD[r % 10], r - r % 10 + h * 100
    return (spell(rest) + " و " if rest else "") + last + suffix


for _ in range(50):
    n = _rng.randrange(1, 1000)
    suffix = _rng.choice(["", "ین"])
    w = ordinal_words(n, suffix)
    row("ordinals", f"در {w} دوره این مسابقات", O, w, n)
for text, mention, value in [
    ("او هفتصد هزارمین مسافر فرودگاه بود.", "هفتصد هزارمین", 700000),
    ("دو میلیونمین خودرو از خط تولید خارج شد.", "دو میلیونمین", 2000000),
    ("سی صد و دهم نفر صف بود.", "سی صد و دهم", 310),
    ("سی صد و دهمین نشست برگزار شد.", "سی صد و دهمین", 310),
    ("هفت صد هزارمین مسافر", "هفت صد هزارمین", 700000),
    ("صد هزارمین بازدیدکننده وارد شد.", "صد هزارمین", 100000),
    ("صد و بیست هزارمین نفر", "صد و بیست هزارمین", 120000),
    ("دو میلیون و پانصد هزارمین مشترک", "دو میلیون و پانصد هزارمین", 2500000),
    ("۷۰۰ هزارمین مسافر", "۷۰۰ هزارمین", 700000),
    ("یک میلیاردمین پیام", "یک میلیاردمین", 1000000000),
    ("هزارمین روز", "هزارمین", 1000),
    ("دو هزار و پانصدمین نفر", "دو هزار و پانصدمین", 2500),
    ("هفت‌صدمین نشست", "هفت‌صدمین", 700),
    ("شش صدمین نشست", "شش صدمین", 600),
    ("۲۶مین دوره", "۲۶مین", 26),
    ("۲۶ امین دوره", "۲۶ امین", 26),
    ("the two millionth visitor", "two millionth", 2000000),
    ("the 21st round", "21st", 21),
]:
    row("ordinals: sentences", text, O, mention, value)
row("ordinals: sentences", "سه هزارم ثانیه گذشت.", F, "سه هزارم", Fraction(3, 1000))

# --- class: fractions, exact -----------------------------------------------------------------
DEN = {2: "دوم", 3: "سوم", 4: "چهارم", 5: "پنجم", 6: "ششم", 7: "هفتم", 8: "هشتم", 9: "نهم", 10: "دهم", 100: "صدم"}
for d, dw in DEN.items():
    for a in _rng.sample(range(1, 10), 3):
        text = f"{spell(a)} {dw}"
        row("fractions", f"{text} مردم رأی دادند", F, text, Fraction(a, d), f"{Fraction(a, d).numerator}/{Fraction(a, d).denominator}")
for text, mention, value, exact in [
    ("یک سوم مردم رأی دادند.", "یک سوم", 0.333333, "1/3"),
    ("یک‌سوم مردم رأی دادند.", "یک‌سوم", 0.333333, "1/3"),
    ("یکسوم مردم رأی دادند.", "یکسوم", 0.333333, "1/3"),
    ("دو‌سوم مردم رأی دادند.", "دو‌سوم", 0.666667, "2/3"),
    ("ربع مردم رأی دادند.", "ربع", 0.25, "1/4"),
    ("یک‌ششم مردم رأی دادند.", "یک‌ششم", 0.166667, "1/6"),
    ("نیمی از مردم رأی دادند.", "نیمی", 0.5, "1/2"),
    ("قیمت دو برابر شد.", "دو برابر", 2, "2/1"),
    ("قیمت ۲٫۵ برابر شد.", "۲٫۵ برابر", 2.5, "5/2"),
    ("one third of voters", "one third", 0.333333, "1/3"),
    ("two thirds of voters", "two thirds", 0.666667, "2/3"),
    ("یک هشتم نهایی", "یک هشتم", 0.125, "1/8"),
    ("سه صدم مردم", "سه صدم", 0.03, "3/100"),
]:
    row("fractions: exact", text, F, mention, value, exact)
row("fractions: exact", "بیش از یک سوم مردم", F, "بیش از یک سوم", (0.333333, None), "1/3")
row("fractions: exact", "کمتر از یک‌چهارم مردم", F, "کمتر از یک‌چهارم", (None, 0.25), "1/4")

# --- class: powers of ten ----------------------------------------------------------------------
for text, mention, value in [
    ("این عدد سه در ده به توان چهار است.", "سه در ده به توان چهار", 30000),
    ("غلظت ۲٫۵ ضرب در ده به توان منفی شش بود.", "۲٫۵ ضرب در ده به توان منفی شش", 2.5e-6),
    ("ده به توان شش یعنی یک میلیون.", "ده به توان شش", 10**6),
    ("۱۰ به توان ۹ عدد بزرگی است.", "۱۰ به توان ۹", 10**9),
    ("یک و نیم در ده به توان سه", "یک و نیم در ده به توان سه", 1500),
    ("شمار اتم‌ها ۶٫۰۲ × ۱۰^۲۳ است.", "۶٫۰۲ × ۱۰^۲۳", 6.02e23),
    ("منفی چهار در ده به توان دو", "منفی چهار در ده به توان دو", -400),
    ("a mass of 2.5 times 10 to the power of 3", "2.5 times 10 to the power of 3", 2500),
    ("پنج ضرب در ده به توان منفی سه", "پنج ضرب در ده به توان منفی سه", 0.005),
    ("هفت در ده به توان هشت", "هفت در ده به توان هشت", 700000000),
    ("۳ در ۱۰ به توان -۴", "۳ در ۱۰ به توان -۴", 0.0003),
]:
    row("powers of ten", text, N, mention, value)
for e in range(1, 13):
    m = _rng.randrange(2, 10)
    text = f"{spell(m)} در ده به توان {spell(e)}"
    row("powers of ten", f"مقدار {text} گزارش شد", N, text, m * 10**e)
row("powers of ten", "اتاق سه در ده متر است.", N, "سه", 3)   # «در ده» with no «به توان»: no power
row("powers of ten", "اتاق سه در ده متر است. ", Q, "ده متر", 10)

# --- class: «نه» and «ده» by context -----------------------------------------------------------
for text, mention, value in [
    ("نه نفر کشته شدند.", "نه", 9),
    ("ده نفر کشته شدند.", "ده", 10),
    ("ده کشور عضو این پیمان شدند.", "ده", 10),
    ("او در نه سالگی به مدرسه رفت.", "نه", 9),
    ("او در ده سالگی به مدرسه رفت.", "ده", 10),
    ("ده بازیکن اخراج شدند.", "ده", 10),
    ("او ده بار به دادگاه رفت.", "ده", 10),
    ("در ده شهر باران بارید.", "ده", 10),
    ("نه هزار نفر آمدند.", "نه هزار", 9000),
    ("ده هزار نفر آمدند.", "ده هزار", 10000),
    ("بیست و نه نفر آمدند.", "بیست و نه", 29),
    ("نود و نه نماینده", "نود و نه", 99),
    ("نه درصد رأی دادند.", "نه درصد", 9),
    ("نه صد و پنجاه و نه نفر آمدند.", "نه صد و پنجاه و نه", 959),
    ("نه هزار و نه نفر آمدند.", "نه هزار و نه", 9009),
    ("نه نفر کشته و نه نفر زخمی شدند.", "نه", None),
    ("ده روز گذشت و خبری نشد.", None, None),
]:
    if value is None:
        continue
    row("نه / ده", text, P if "درصد" in mention else N, mention, value)
for text in [
    "نه، این خبر درست نیست.",
    "نه تنها او بلکه همه آمدند.",
    "او نه پول داشت و نه کار.",
    "نه کشور و نه مردم از این تصمیم سود نبردند.",
    "نه بار و نه مسافر در قطار نبود.",
    "به ده رفتیم و برگشتیم.",
    "اهالی این ده کشاورزند.",
    "روستای ده بالا زیر آب رفت.",
    "او در ده ونک بزرگ شد.",
    "نه، هرگز چنین نگفتم.",
    "نه او آمد و نه برادرش.",
    "پاسخ او نه بود.",
    "او نه کشور را اداره کرد و نه شهر را.",
    "این مرد نه مرد میدان است، نه مرد سیاست.",
    "باید مسئول ریال باشد، نه دلار.",
    "فاصله ما نه کیلومتر، بلکه فرسنگ‌ها است.",
]:
    row("نه / ده", text, None)
row("نه / ده", "نه نفر کشته و نه نفر زخمی شدند.", N, "نه", 9, None)   # the first; both are read (below)
row("نه / ده", "نه شهردار منطقه سه و نه شهردار شهر پاسخ دادند.", N, "سه", 3)

# --- class: percentages ------------------------------------------------------------------------
for _ in range(20):
    n = _rng.randrange(1, 100)
    w = spell(n)
    row("percent", f"مشارکت {w} درصد بود", P, f"{w} درصد", n)
for script in _SCRIPTS:
    for sign_ in ["٪", "%", " درصد"]:
        n = _rng.randrange(1, 100)
        w = in_script(str(n), script) + sign_
        row("percent", f"سهم آنها {w} بود", P, w, n)
row("percent", "این خبر صد در صد درست است.", P, "صد در صد", 100)
row("percent", "افزایش ۲.۵ درصدی قیمت", P, "۲.۵ درصدی", 2.5)
row("percent", "مشارکت هفت صد و پنجاه هزارم درصد بود", P, "هفت صد و پنجاه هزارم درصد", 0.75)
row("fractions: exact", "هفت صدم مردم", F, "هفت صدم", 0.07, "7/100")

# --- class: hedges as intervals ---------------------------------------------------------------
HEDGES = [("حدود", "around"), ("تقریباً", "around"), ("نزدیک به", "around"), ("بیش از", "gt"),
          ("بالغ بر", "gt"), ("دست‌کم", "ge"), ("دستکم", "ge"), ("دست کم", "ge"), ("حداقل", "ge"),
          ("کمتر از", "lt"), ("کم‌تر از", "lt"), ("حداکثر", "le")]


def hedge_interval(how, v):
    if how == "around":
        return (v * 0.9, v * 1.1)
    if how in ("gt", "ge"):
        return (v, None)
    return (None, v)


for h, how in HEDGES:
    for _ in range(3):
        n = _rng.randrange(2, 5000)
        w = _rng.choice([spell(n, apart=True), spell(n), in_script(str(n), "persian")])
        row("hedges", f"{h} {w} نفر آمدند", N, f"{h} {w}", hedge_interval(how, n))
for text, kind, mention, value in [
    ("حدود هفت و سه دهم درصد رأی دادند.", P, "حدود هفت و سه دهم درصد", (6.57, 8.03)),
    ("بیش از چهار ممیز دو درصد رشد کرد.", P, "بیش از چهار ممیز دو درصد", (4.2, None)),
    ("حدود سی صد نفر آمدند.", N, "حدود سی صد", (270, 330)),
    ("بیش از هفت صد هزار نفر آمدند.", N, "بیش از هفت صد هزار", (700000, None)),
    ("کمتر از یک و پنج دهم درصد", P, "کمتر از یک و پنج دهم درصد", (None, 1.5)),
    ("حدود نیم درصد", P, "حدود نیم درصد", (0.45, 0.55)),
    ("about 2.5 million people", N, "about 2.5 million", (2250000, 2750000)),
    ("more than four point five percent", P, "more than four point five percent", (4.5, None)),
]:
    row("hedges: sentences", text, kind, mention, value)

# --- class: messy text ------------------------------------------------------------------------
KASHIDA, RLM, ZWNJ, FATHA = "\u0640", "\u200f", "\u200c", "\u064e"
for _ in range(15):   # Arabic ي and ك
    n = _rng.randrange(1, 10**7)
    w = spell(n, apart=_rng.random() < 0.5)
    if "ی" not in w and "ک" not in w:
        w = "یک میلیون و " + w if n < 10**6 else w
        n = n + 10**6 if n < 10**6 else n
    m = w.replace("ی", "ي").replace("ک", "ك")
    row("messy: ي/ك", f"گزارش از {m} دستگاه خبر داد", N, m, n)
for _ in range(15):   # a kashida in one word
    n = _rng.randrange(20, 1000)
    w = spell(n, apart=True)
    i = next(k for k in range(1, len(w) - 1) if w[k] not in " و" and w[k - 1] not in " و" and w[k - 1] not in "ادذرزژو")
    m = w[:i] + KASHIDA * _rng.randrange(1, 4) + w[i:]
    row("messy: kashida", f"گزارش از {m} دستگاه خبر داد", N, m, n)
for _ in range(10):   # a diacritic
    n = _rng.randrange(100, 1000)
    w = spell(n, apart=True)
    m = w.replace("ص", "ص" + FATHA, 1) if "ص" in w else w
    row("messy: diacritics", f"گزارش از {m} دستگاه خبر داد", N, m, n)
for _ in range(10):   # bidi marks around the number
    n = _rng.randrange(100, 10**6)
    w = in_script(f"{n:,}".replace(",", "٬"), "persian")
    row("messy: bidi", f"گزارش از {RLM}{w}{RLM} دستگاه خبر داد", N, w, n)
for h in range(1, 10):   # a hundred joined, with ZWNJ, and apart
    for form in (HUNDREDS_JOINED[h], HUNDREDS_APART[h].replace(" ", ZWNJ), HUNDREDS_APART[h]):
        row("messy: ZWNJ", f"گزارش از {form} دستگاه خبر داد", N, form, h * 100)
for text, kind, mention, value in [
    ("یک‌میلیون نفر آمدند.", N, "یک‌میلیون", 1000000),
    ("دو‌هزار نفر آمدند.", N, "دو‌هزار", 2000),
    ("دست‌کم ۱۲ نفر", N, "دست‌کم ۱۲", (12, None)),
    ("دستکم ۱۲ نفر", N, "دستکم ۱۲", (12, None)),
    ("دست کم ۱۲ نفر", N, "دست کم ۱۲", (12, None)),
    ("هفت\u200cصد و سي نفر", N, "هفت\u200cصد و سي", 730),
    ("بيست و شش فروند", N, "بيست و شش", 26),
    ("نـــود و نه نفر", N, "نـــود و نه", 99),
    ("\u200f۲٫۵ میلیون\u200f نفر", N, "۲٫۵ میلیون", 2500000),
    ("سَه صد نفر", N, "سَه صد", 300),
    ("هفت و سه دهم\u200c درصد", P, "هفت و سه دهم\u200c درصد", 7.3),
    ("يك سوم مردم", F, "يك سوم", Fraction(1, 3)),
]:
    row("messy: sentences", text, kind, mention, value)

# --- class: English -----------------------------------------------------------------------------
for _ in range(10):
    n = _rng.randrange(1, 100)
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    if n < 10:
        w = ones[n]
    elif n < 20:
        w = teens[n - 10]
    else:
        w = tens[n // 10] + ("-" + ones[n % 10] if n % 10 else "")
    row("english", f"officials said {w} people were hurt", N, w, n)


# --- the test ------------------------------------------------------------------------------------

def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


@pytest.fixture(scope="module")
def eng() -> Engine:
    return Engine()


def _ids():
    seen = Counter()
    out = []
    for r in ROWS:
        key = f"{r[0]}: {r[1]}"
        seen[key] += 1
        out.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return out


@pytest.mark.parametrize("cls, text, kind, mention, expected, exact", ROWS, ids=_ids())
def test_number_table(eng, cls, text, kind, mention, expected, exact):
    ms = [m for m in eng.mentions(text) if m.kind in NUMERIC]
    for m in ms:
        assert text[m.start:m.end] == m.text
    if kind is None:
        assert ms == [], f"{text!r}: expected no number, got {[(m.kind, m.text, m.value) for m in ms]}"
        return
    got = [m for m in ms if m.text == mention]
    assert len(got) >= 1, f"{text!r}: no mention {mention!r}; got {[(m.kind, m.text, m.value) for m in ms]}"
    m = got[0]
    assert m.kind == kind, (m.kind, m.text, m.value)
    for other in ms:   # nothing else overlaps it: the expression was read whole
        if other is not m:
            assert other.end <= m.start or other.start >= m.end, (other.text, m.text)
    if isinstance(expected, tuple):
        assert m.value is None and m.interval is not None
        assert _close(m.interval[0], expected[0]) and _close(m.interval[1], expected[1]), (m.interval, expected)
    else:
        assert m.value is not None and _close(m.value, expected), (m.text, m.value, expected)
        assert tuple(m.interval) == (m.value, m.value)
    if kind == F:
        want = exact or (f"{expected.numerator}/{expected.denominator}" if isinstance(expected, Fraction) else None)
        if want is not None:
            assert m.extra.get("exact") == want, (m.text, m.extra)
            assert m.to_dict()["exact"] == want


def test_both_nines_read_in_nine_killed_nine_hurt(eng):
    ms = [(m.text, m.value) for m in eng.mentions("نه نفر کشته و نه نفر زخمی شدند.") if m.kind == N]
    assert ms == [("نه", 9), ("نه", 9)]


def test_table_is_wide():
    by_class = Counter(r[0].split(":")[0] for r in ROWS)
    assert len(ROWS) >= 600, len(ROWS)
    for cls in ("hundreds apart", "no و after hundreds", "colloquial", "digits", "decimals", "leading point",
                "decimal words", "decimal point words", "signs", "ordinals", "fractions", "powers of ten",
                "نه / ده", "percent", "hedges", "messy", "english"):
        assert by_class[cls] >= 5, (cls, by_class[cls])
