"""Named synthetic inputs for the benchmarks.

Every text here is generated from sentences written for this project (newsroom-style Persian,
not copied from any source), filled in by a seeded ``random.Random``: the same shape is the
same string on every run, machine and Python version, so timings stay comparable.

Shapes (sizes are UTF-8 bytes; Persian letters take two bytes each):

- ``headline``      one ~100-character headline with a percent, a date and number words.
- ``article_4k``    a ~4 KB news article: digits in three scripts, Jalali/Gregorian/Hijri dates,
                    percentages, money, hedges («حدود»، «بیش از»)، ZWNJ variants («می‌شود»،
                    «می شود»، «میشود»، doubled ZWNJ), a few Arabic ي/ك, a tanwin and a kashida.
- ``article_100k``  ~100 KB: many such articles (different seeds), one after another.
- ``digit_table``   ~12 KB of digit-dense table rows, digit scripts and separators mixed per cell.
- ``number_words``  ~12 KB dense with number words («یک میلیون و دویست هزار»، «بیست و شش»…).
- ``many_dates``    ~12 KB dense with Jalali, Gregorian and Hijri dates and weekdays.

Run ``python -m benchmarks.shapes`` to print each shape's size and opening.
"""
from __future__ import annotations

import random
import re
from datetime import date, timedelta

import jdatetime

ZWNJ = "\u200c"
PUBLISHED = "2015-10-07"  # the publication day every benchmark reads with

# -- vocabulary (calendar names and number words are facts of the language) ------------------

J_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
            "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
G_MONTHS = ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
            "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]
H_MONTHS = ["محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی",
            "رجب", "شعبان", "رمضان", "شوال", "ذی‌القعده", "ذی‌الحجه"]
# date.weekday(): Monday is 0
WEEKDAYS = [["دوشنبه"], ["سه‌شنبه", "سه شنبه"], ["چهارشنبه"], ["پنجشنبه", "پنج‌شنبه"],
            ["جمعه"], ["شنبه"], ["یکشنبه", "یک‌شنبه"]]

_ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
_TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
_TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
_HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
_SCALES = ["", "هزار", "میلیون", "میلیارد"]
_ORDINAL_DAYS = ["اول", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم", "دهم",
                 "یازدهم", "دوازدهم", "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم", "هفدهم",
                 "هجدهم", "نوزدهم", "بیستم"]


def words(n: int) -> str:
    """Persian number words for 0 <= n < 10**12: 1200000 -> «یک میلیون و دویست هزار»."""
    if n == 0:
        return "صفر"
    groups = []
    scale = 0
    while n:
        n, g = divmod(n, 1000)
        if g:
            parts = []
            h, r = divmod(g, 100)
            if h:
                parts.append(_HUNDREDS[h])
            if 10 <= r < 20:
                parts.append(_TEENS[r - 10])
            else:
                t, o = divmod(r, 10)
                if t:
                    parts.append(_TENS[t])
                if o:
                    parts.append(_ONES[o])
            text = " و ".join(parts)
            if scale:
                text = _SCALES[scale] if (g == 1 and scale == 1) else f"{text} {_SCALES[scale]}"
            groups.append(text)
        scale += 1
    return " و ".join(reversed(groups))


def hijri(d: date) -> tuple[int, int, int]:
    """Tabular (arithmetical) Islamic date of a Gregorian day: (year, month, day)."""
    jdn = d.toordinal() + 1721425
    ell = jdn - 1948440 + 10632
    n = (ell - 1) // 10631
    ell = ell - 10631 * n + 354
    j = ((10985 - ell) // 5316) * ((50 * ell) // 17719) + (ell // 5670) * ((43 * ell) // 15238)
    ell = ell - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    m = (24 * ell) // 709
    return 30 * n + j - 30, m, ell - (709 * m) // 24


_FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Gen:
    """Fills ``{slot}`` / ``{slot:arg}`` placeholders from one seeded random stream."""

    SLOT = re.compile(r"\{(\w+)(?::([^}]*))?\}")

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def fill(self, template: str) -> str:
        return self.SLOT.sub(lambda m: getattr(self, "s_" + m.group(1))(m.group(2)), template)

    # -- helpers
    def script(self) -> str:
        x = self.r.random()
        return "fa" if x < 0.8 else "ascii" if x < 0.92 else "ar"

    def dig(self, s: str, script: str | None = None) -> str:
        script = script or self.script()
        return s.translate(_FA) if script == "fa" else s.translate(_AR) if script == "ar" else s

    def grouped(self, n: int, script: str | None = None) -> str:
        script = script or self.script()
        sep = {"fa": self.r.choice(["٬", "٬", ""]), "ar": "٬", "ascii": self.r.choice([",", ""])}[script]
        return self.dig(f"{n:,}".replace(",", sep), script)

    def decimal(self, lo: int, hi: int, script: str | None = None) -> str:
        script = script or self.script()
        whole, frac = self.r.randint(lo, hi), self.r.randint(1, 9)
        point = "." if script == "ascii" else self.r.choice(["٫", "٫", "/"])
        return self.dig(f"{whole}{point}{frac}", script)

    def day(self) -> date:
        return date(2015, 3, 21) + timedelta(days=self.r.randrange(366))

    # -- slots
    def s_n(self, arg):  # a small count
        hi = int(arg) if arg else 99
        return self.dig(str(self.r.randint(2, hi)))

    def s_big(self, arg):
        return self.grouped(self.r.randint(1_200, int(arg) if arg else 950_000))

    def s_dec(self, arg):
        hi = int(arg) if arg else 9
        return self.decimal(1, hi)

    def s_pct(self, _):
        sc = self.script()
        num = self.decimal(1, 60, sc) if self.r.random() < 0.3 else self.dig(str(self.r.randint(2, 95)), sc)
        sign = "٪" if sc != "ascii" else "%"
        return self.r.choice([f"{num} درصد", f"{num} درصد", f"{num}{sign}", f"{num} {sign}"])

    def s_money(self, _):
        c = self.r.randrange(6)
        unit = self.r.choice(["تومان", "ریال", "دلار", "یورو"])
        if c == 0:
            return f"{self.decimal(1, 9)} میلیون {unit}"
        if c == 1:
            return f"{self.dig(str(self.r.randint(2, 95)))} هزار میلیارد ریال"
        if c == 2:
            return f"{self.dig(str(self.r.randint(20, 900)))} میلیون دلار"
        if c == 3:
            return f"{self.grouped(self.r.randint(2, 99) * 1000)} {unit}"
        if c == 4:
            return f"{words(self.r.randint(1, 9) * 1_000_000 + self.r.randint(1, 9) * 100_000)} تومان"
        return f"{self.dig(str(self.r.randint(12, 400)))} میلیارد {unit}"

    def s_hedge(self, _):
        return self.r.choice(["حدود", "بیش از", "کمتر از", "نزدیک به", "دست‌کم", "دست کم", "تقریباً",
                              "قریب به", "بالغ بر", "حداکثر", "در حدود", "بیشتر از"])

    def s_jdate(self, _):
        j = jdatetime.date.fromgregorian(date=self.day())
        d, m, y = j.day, j.month, j.year
        c = self.r.randrange(6)
        if c == 0:
            return f"{self.dig(str(d))} {J_MONTHS[m - 1]} {self.dig(str(y))}"
        if c == 1:
            return f"{self.dig(str(d))} {J_MONTHS[m - 1]}‌ماه {self.dig(str(y))}"
        if c == 2:
            return f"{self.dig(str(d))} {J_MONTHS[m - 1]}"
        if c == 3:
            return self.dig(f"{y}/{m:02d}/{d:02d}")
        if c == 4:
            return f"{self.dig(str(d))} {J_MONTHS[m - 1]} ماه سال {self.dig(str(y % 100))}"
        return f"{self.dig(str(d))} {J_MONTHS[m - 1]} {self.dig(str(y))}"

    def s_gdate(self, _):
        g = self.day()
        c = self.r.randrange(4)
        if c == 0:
            return f"{self.dig(str(g.day))} {G_MONTHS[g.month - 1]} {self.dig(str(g.year))}"
        if c == 1:
            return f"{self.dig(str(g.day))} {G_MONTHS[g.month - 1]}"
        if c == 2:
            return g.isoformat()
        return f"{self.dig(str(g.day))} {G_MONTHS[g.month - 1]} سال {self.dig(str(g.year))} میلادی"

    def s_hdate(self, _):
        y, m, d = hijri(self.day())
        return f"{self.dig(str(d))} {H_MONTHS[m - 1]} {self.dig(str(y))}" + self.r.choice(["", " قمری"])

    def s_wday(self, _):
        g = self.day()
        j = jdatetime.date.fromgregorian(date=g)
        wd = self.r.choice(WEEKDAYS[g.weekday()])
        c = self.r.randrange(3)
        if c == 0:
            return f"{wd} {self.dig(str(j.day))} {J_MONTHS[j.month - 1]}"
        if c == 1:
            return f"{wd} {self.dig(str(j.day))} {J_MONTHS[j.month - 1]} {self.dig(str(j.year))}"
        return wd

    def s_wd(self, _):  # a weekday alone
        return self.r.choice(self.r.choice(WEEKDAYS))

    def s_wdate(self, _):
        """One day in all three calendars with its (correct) weekday."""
        g = self.day()
        j = jdatetime.date.fromgregorian(date=g)
        y, m, d = hijri(g)
        return (f"{self.r.choice(WEEKDAYS[g.weekday()])} {self.dig(str(j.day))} {J_MONTHS[j.month - 1]}"
                f" {self.dig(str(j.year))} برابر با {self.dig(str(g.day))} {G_MONTHS[g.month - 1]}"
                f" {self.dig(str(g.year))} و {self.dig(str(d))} {H_MONTHS[m - 1]} {self.dig(str(y))}")

    def s_jmy(self, _):  # a month and year
        return f"{J_MONTHS[self.r.randrange(12)]} {self.r.choice(['', 'ماه '])}{self.dig(str(self.r.choice([1393, 1394])))}"

    def s_gmy(self, _):
        return f"{G_MONTHS[self.r.randrange(12)]} {self.dig(str(self.r.choice([2014, 2015])))}"

    def s_jyear(self, _):
        y = self.r.choice([1390, 1392, 1393, 1394, 1395])
        return self.r.choice([f"سال {self.dig(str(y))}", self.dig(str(y)), f"سال {self.dig(str(y % 100))}"])

    def s_time(self, _):
        return self.dig(f"{self.r.randint(0, 23):02d}:{self.r.randint(0, 59):02d}")

    def s_words(self, arg):
        if arg == "small":
            return words(self.r.randint(2, 999))
        c = self.r.randrange(4)
        if c == 0:
            return words(self.r.randint(2, 99))
        if c == 1:
            return words(self.r.randint(101, 999))
        if c == 2:
            return words(self.r.randint(1, 999) * 1000 + self.r.choice([0, 0, self.r.randint(1, 999)]))
        return words(self.r.randint(1, 9) * 1_000_000 + self.r.randint(1, 9) * 100_000)

    def s_range(self, _):
        a = self.r.randint(5, 40)
        b = a + self.r.randint(2, 20)
        return self.r.choice([f"بین {self.dig(str(a))} تا {self.dig(str(b))} درصد",
                              f"{self.dig(str(a))} تا {self.dig(str(b))} درصد",
                              f"{self.dig(str(a))} الی {self.dig(str(b))} درصد"])

    def s_rel(self, _):
        return self.r.choice(["دیروز", "امروز", "روز گذشته", "هفته گذشته", "پریروز", "بامداد امروز",
                              f"{words(self.r.randint(2, 9))} روز پیش"])

    def s_later(self, _):
        return self.r.choice(["پایان ماه جاری", "هفته آینده", "پایان سال", "ماه آینده",
                              f"{self.dig(str(self.r.randint(2, 20)))} روز آینده"])

    def s_mi(self, verb):
        """The «می» prefix in its real-world spellings: ZWNJ, space, joined, doubled ZWNJ, ZWNJ+space."""
        return self.r.choice(["می‌", "می‌", "می‌", "می ", "می", f"می{ZWNJ}{ZWNJ}", f"می{ZWNJ} "]) + verb

    def s_place(self, _):
        return self.r.choice(["شمال استان کرمان", "جنوب استان فارس", "شرق استان خراسان رضوی",
                              "غرب استان کرمانشاه", "حوالی شهرستان بم", "مرز استان‌های ایلام و لرستان"])

    def s_road(self, _):
        return self.r.choice(["قزوین – رشت", "تهران – قم", "اصفهان – شیراز", "کرج – چالوس", "زنجان – تبریز"])


# -- the articles ----------------------------------------------------------------------------

TITLES = [
    "رشد {pct} صادرات غیرنفتی در شش ماه نخست {jyear}؛ {wday} گزارش نهایی منتشر {mi:شود}",
    "بودجه {money} برای مسکن حمایتی؛ تحویل {words} واحد تا {later}",
    "زمین‌لرزه {dec} ریشتری {place} را لرزاند",
]

DATELINE = "تهران – خبرگزاری راستی، {wdate}:"

PARAGRAPHS = [
    # economy
    "به گزارش خبرنگار اقتصادی راستی، نرخ تورم نقطه‌به‌نقطه در پایان {jmy} به {pct} رسید که در مقایسه"
    " با ماه مشابه سال گذشته {n:12} واحد درصد کاهش نشان {mi:دهد}. مرکز آمار روز {wday} اعلام کرد"
    " {hedge} {pct} از خانوارهای شهری هزینه مسکن را بزرگ‌ترین بخش سبد مصرفی خود {mi:دانند}.",
    # housing
    "وزیر راه و شهرسازی در نشست خبری {jdate} گفت: از ابتدای سال تاکنون {words} واحد مسکونی در قالب"
    " طرح‌های حمایتی تحویل متقاضیان شده و ساخت {big} واحد دیگر تا {later} به پایان {mi:رسد}. به گفته"
    " او اعتبار این طرح {money} برآورد شده و {hedge} {pct} آن از محل تسهیلات بانکی تأمین {mi:شود}.",
    # earthquake (tanwin, «رئیس» with hamza)
    "زمین‌لرزه‌ای به بزرگی {dec:6} ریشتر بامداد {wday} ساعت {time} {place} را لرزاند. رئیس ستاد مدیریت"
    " بحران استان گفت تقریباً {n} واحد روستایی آسیب دیده و {words} نفر به مراکز درمانی منتقل شده‌اند."
    " عمق این زلزله {n:30} کیلومتر ثبت شد و تا ظهر {n:40} پس‌لرزه نیز به ثبت رسید.",
    # oil (Gregorian month)
    "صادرات نفت خام کشور در {gmy} به روزانه {hedge} {dec:3} میلیون بشکه رسید. یک مقام مسئول در وزارت"
    " نفت {mi:گوید} درآمد ارزی این بخش در نیمه نخست امسال به {money} رسیده که نسبت به دوره مشابه"
    " {pct} افزایش یافته است.",
    # football (Gregorian date, time)
    "تیم ملی فوتبال {wd} {gdate} در ورزشگاه آزادی میزبان حریف آسیایی خود است. سرمربی تیم در نشست"
    " پیش از بازی گفت {words:small} بازیکن به اردو دعوت شده‌اند و بلیت‌فروشی از ساعت {time} آغاز {mi:شود}."
    " ظرفیت ورزشگاه برای این دیدار {big} نفر اعلام شده است.",
    # health (range, relative date)
    "بر اساس تازه‌ترین آمار وزارت بهداشت، شمار مبتلایان به آنفلوآنزا در هفته منتهی به {jdate} به {big}"
    " نفر رسید؛ رقمی که {range} بیشتر از هفته پیش از آن است. سخنگوی وزارتخانه {rel} تأکید کرد واکسن"
    " فصلی در {n:300} مرکز درمانی با قیمت {money} عرضه {mi:شود}.",
    # pilgrims (Hijri dates)
    "نخستین کاروان زائران ایرانی {hdate} برابر با {jdate} به فرودگاه امام خمینی رسید. رئیس سازمان حج"
    " و زیارت گفت بازگشت {hedge} {big} زائر تا {hdate} ادامه {mi:یابد} و {n:90} پرواز برای این منظور"
    " پیش‌بینی شده است.",
    # parliament
    "لایحه بودجه {jyear} با سقف {money} تقدیم مجلس شد. نمایندگان در جلسه علنی روز {wday} با {n:200}"
    " رأی موافق، {n:90} رأی مخالف و {n:20} رأی ممتنع کلیات آن را تصویب کردند. سهم درآمدهای نفتی در"
    " این لایحه {hedge} {pct} تعیین شده است.",
    # wheat (number words, future)
    "خرید تضمینی گندم از کشاورزان تا {jdate} به {n:900} هزار تن رسید. مدیرعامل شرکت بازرگانی دولتی"
    " {mi:گوید} {pct} از مطالبات گندم‌کاران به مبلغ {money} پرداخت شده و باقی‌مانده تا {later}"
    " تسویه {mi:شود}.",
    # entrance exam (weekday + date, doubled ZWNJ via {mi})
    "نتایج اولیه آزمون سراسری {jyear} روز {wday} اعلام شد. امسال {big} داوطلب در این آزمون شرکت کردند"
    " که {hedge} {pct} آنان را زنان تشکیل {mi:دهند}. ظرفیت پذیرش دانشگاه‌ها و مؤسسات آموزش عالی"
    " {words} نفر اعلام شده است.",
    # road accident
    "در تصادف زنجیره‌ای {n:40} خودرو در محور {road} که ساعت {time} روز {wday} رخ داد، {words:small} نفر"
    " مصدوم شدند. پلیس راه علت حادثه را مه غلیظ و دید کمتر از {n:50} متر اعلام کرد. از ابتدای {jmy}"
    " تاکنون {big:20000} نفر در تصادفات جاده‌ای جان باخته‌اند.",
    # electricity (a few Arabic ي/ك, as typed on an Arabic keyboard)
    "به گزارش پايگاه خبری وزارت نيرو، ميزان مصرف برق كشور روز {wday} با ثبت رقم {n:60} هزار و {n:999} مگاوات"
    " ركورد تازه‌ای زد. بر اساس این گزارش، ذخيره سدهای کشور به {pct} ظرفیت رسیده که نسبت به سال"
    " گذشته {n:30} درصد کمتر است.",
    # refinery (kashida in «مـیلیون», tashdid in «اوّل», RLM before a number)
    "در نیمه اوّل {jmy} تقریباً {pct} از ظرفیت پالایشگاه‌ها به کار گرفته شد. مدیر امور پالایش گفت:"
    " تولید بنزین به روزانه \u200f{dec:9} مـیلیون لیتر رسیده و واردات این فرآورده {hedge} {n:60}"
    " درصد کاهش یافته است.",
    # currency market
    "در بازار آزاد تهران هر دلار آمریکا {rel} به قیمت {big} تومان معامله شد و بهای هر قطعه سکه تمام"
    " بهار آزادی با {n:90} هزار تومان افزایش به {money} رسید. فعالان بازار پیش‌بینی {mi:کنند}"
    " نوسان‌ها تا {gdate} ادامه داشته باشد.",
    # census (number words, decimals)
    "جمعیت کشور بر پایه سرشماری {jyear} به {words} نفر رسید؛ یعنی {hedge} {dec:3} میلیون نفر بیشتر"
    " از سرشماری پیشین. نسبت جمعیت شهری {pct} و میانگین بعد خانوار {dec:4} نفر برآورد شده است.",
]


def article(seed: int, target_bytes: int) -> str:
    """A title, a dateline and paragraphs (seeded order) until the text reaches ``target_bytes``."""
    g = Gen(seed)
    order = list(range(len(PARAGRAPHS)))
    g.r.shuffle(order)
    out = [g.fill(g.r.choice(TITLES)), ""]
    body = g.fill(DATELINE)
    size = lambda: len("\n".join(out).encode()) + len(body.encode())  # noqa: E731
    i = 0
    while size() < target_bytes:
        body += " " + g.fill(PARAGRAPHS[order[i % len(order)]])
        if i % 3 == 2:
            out.append(body)
            body = ""
        i += 1
    out.append(body)
    return "\n".join(p.strip() for p in out).strip() + "\n"


def article_100k() -> str:
    parts = []
    seed = 100
    while sum(len(p.encode()) for p in parts) < 100_000:
        parts.append(article(seed, 4_000))
        seed += 1
    return "\n".join(parts)


HEADLINE = ("افزایش ۲۵ درصدی صادرات غیرنفتی تا ۱۵ مهر ۱۳۹۴؛ وزیر: یک میلیون و دویست هزار"
            " شغل تا ۳۰ سپتامبر ایجاد می‌شود")

PROVINCES = ["تهران", "اصفهان", "فارس", "خراسان رضوی", "خوزستان", "آذربایجان شرقی", "مازندران",
             "کرمان", "گیلان", "سیستان و بلوچستان", "کرمانشاه", "البرز", "همدان", "یزد", "هرمزگان"]


def digit_table(target_bytes: int = 12_000) -> str:
    """Rows of a statistics table; each cell picks its own digit script and separators."""
    g = Gen(7)
    head = "| استان | جمعیت ۱۳۹۰ | جمعیت 1395 | تغییر (٪) | بودجه (میلیارد ریال) | کد | تاریخ ثبت |"
    rows = [head, "|---|---|---|---|---|---|---|"]
    i = 0
    while len("\n".join(rows).encode()) < target_bytes:
        prov = PROVINCES[i % len(PROVINCES)]
        p0 = g.r.randint(500_000, 13_000_000)
        p1 = int(p0 * (1 + g.r.uniform(-0.03, 0.09)))
        change = (p1 - p0) * 100 / p0
        sc = g.script()
        ch = f"{change:+.1f}".replace("-", g.r.choice(["-", "−"]))
        ch = g.dig(ch.replace(".", "." if sc == "ascii" else "٫"), sc)
        budget = g.grouped(g.r.randint(1_000, 90_000))
        code = g.dig(f"{g.r.randint(10, 99)}-{g.r.randint(1000, 9999)}")
        when = g.dig(f"{g.r.choice([1393, 1394])}/{g.r.randint(1, 12):02d}/{g.r.randint(1, 29):02d}")
        cells = [prov, g.grouped(p0), g.grouped(p1), ch, budget, code, when]
        if i % 4 == 3:  # a tab-separated export of the same table
            rows.append("\t".join(cells))
        else:
            rows.append("| " + " | ".join(cells) + " |")
        i += 1
    return "\n".join(rows) + "\n"


NUMBER_WORD_SENTENCES = [
    "در این طرح {w} نفر ثبت‌نام کردند و {s} نفر دیگر در نوبت هستند.",
    "ارزش معاملات امروز به {w} تومان رسید که {w} تومان بیشتر از دیروز است.",
    "برای ساخت این سد {s} میلیارد ریال هزینه شده است.",
    "{ord} دوره این جشنواره با حضور {s} هنرمند برگزار {mi:شود}.",
    "حدود {s} هزار تن کالا و نزدیک به {w} دستگاه خودرو ترخیص شد.",
    "دو سوم این مبلغ و یک چهارم باقی‌مانده آن تا پایان سال پرداخت {mi:شود}.",
    "شمار مسافران به سه و نیم میلیون نفر رسید؛ یعنی {w} نفر بیش از پارسال.",
    "بیش از یک‌میلیون خانوار و دست کم {s} روستا زیر پوشش این طرح قرار گرفتند.",
    "ده‌ها خودرو و صدها نفر در صف ماندند و چند هزار نفر به مقصد نرسیدند.",
    "تیم ما در {ord} دقیقه بازی گل زد و {w} تماشاگر آن را دیدند؛ {s} نفر هم بیرون ماندند.",
    "کارخانه روزانه {w} قطعه تولید {mi:کند} و {w} کارگر در آن مشغول‌اند.",
    "the ministry said twenty-six thousand people and about one hundred and six villages were affected.",
    "ظرفیت این نیروگاه {w} مگاوات است و تا دو سال دیگر به {w} مگاوات {mi:رسد}.",
    "نه نفر کشته و ده روز عزای عمومی اعلام شد؛ یک مقام محلی گفت نه، آمار نهایی نیست.",
]

_ORDINAL_WORDS = ["نخستین", "دومین", "سومین", "بیست و ششمین", "سی و یکمین", "چهلمین", "پنجاهمین",
                  "صدمین", "بیست و پنجم", "هفتادمین"]


def number_words(target_bytes: int = 12_000) -> str:
    g = Gen(26)
    out: list[str] = []
    i = 0
    while len(" ".join(out).encode()) < target_bytes:
        s = NUMBER_WORD_SENTENCES[i % len(NUMBER_WORD_SENTENCES)]
        s = re.sub(r"\{w\}", lambda _: g.s_words(None), s)
        s = re.sub(r"\{s\}", lambda _: g.s_words("small"), s)
        s = re.sub(r"\{ord\}", lambda _: g.r.choice(_ORDINAL_WORDS), s)
        out.append(g.fill(s))
        i += 1
    return "\n".join(" ".join(out[k:k + 5]) for k in range(0, len(out), 5)) + "\n"


DATE_SENTENCES = [
    "{wdate}",
    "از {jdate} تا {jdate} ثبت‌نام ادامه دارد",
    "جلسه بعدی {wd} {rel} نیست بلکه {wd} هفته آینده برگزار {mi:شود}",
    "این قانون از اول {jm} سال {y2} اجرا {mi:شود} و تا بیستم {jm} فرصت اعتراض هست",
    "گزارش‌ها به تاریخ {jdate}، {gdate} و {hdate} منتشر شدند",
    "در دهه ۷۰ و اوایل دهه ۱۳۸۰ و نیز سال‌های ۱۳۹۰ تا ۱۳۹۴",
    "نشست سران در {gdate} و دیدار بعدی در {gdate} است",
    "{ordday} {jm} ماه {wd} است و {hdate} نیز تعطیل رسمی است",
    "ماه {hm} سال {hy} قمری از {wd} آغاز {mi:شود}",
    "قرارداد در {jdate} امضا و در {gdate} ساعت {time} اجرایی شد",
]


def many_dates(target_bytes: int = 12_000) -> str:
    g = Gen(1394)
    out: list[str] = []
    i = 0
    extra = {
        "jm": lambda: g.r.choice(J_MONTHS),
        "hm": lambda: g.r.choice(H_MONTHS),
        "y2": lambda: g.dig(str(g.r.choice([93, 94, 95]))),
        "hy": lambda: g.dig(str(g.r.choice([1436, 1437]))),
        "ordday": lambda: g.r.choice(_ORDINAL_DAYS),
    }
    while len(" ".join(out).encode()) < target_bytes:
        s = DATE_SENTENCES[i % len(DATE_SENTENCES)]
        s = re.sub(r"\{(jm|hm|y2|hy|ordday)\}", lambda m: extra[m.group(1)](), s)
        out.append(g.fill(s) + "؛")
        i += 1
    return "\n".join(" ".join(out[k:k + 4]) for k in range(0, len(out), 4)) + "\n"


SHAPES: dict[str, str] = {
    "headline": HEADLINE,
    "article_4k": article(1394, 4_000),
    "article_100k": article_100k(),
    "digit_table": digit_table(),
    "number_words": number_words(),
    "many_dates": many_dates(),
}


def describe() -> list[tuple[str, int, int]]:
    """(name, characters, UTF-8 bytes) for every shape."""
    return [(k, len(v), len(v.encode())) for k, v in SHAPES.items()]


if __name__ == "__main__":
    for name, chars, size in describe():
        print(f"{name:14} {chars:8} chars {size:8} bytes   {SHAPES[name][:70]!r}")
