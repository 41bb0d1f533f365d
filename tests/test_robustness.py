"""Robustness: `Engine.read` never raises, keeps every span honest, and scales linearly.

Property tests (hypothesis) throw arbitrary Unicode and Persian-like news text at the engine.
Every mention must satisfy ``text == original[start:end]`` and ``0 <= start < end <= len``, and
the article must serialize to JSON (what `rasti extract --format json` writes).

Scaling tests read a pathological input of size N and of size 4N, each in a forked child with a
time limit (so a super-linear engine fails fast instead of hanging the suite), and require the
4N read to take less than 6 times the N read. The 10 MB single-line test is `slow`; it runs only
with ``RASTI_SLOW=1``.
"""
from __future__ import annotations

import gc
import json
import multiprocessing as mp
import os
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

# --- the engine's contract on one article ---------------------------------------------------


def check_article(engine, text: str, published: str | None = None) -> None:
    art = engine.read(text, published=published)
    n = len(text)
    prev_start = -1
    for m in art.mentions:
        assert 0 <= m.start < m.end <= n, (m.start, m.end, n, m)
        assert m.text == text[m.start:m.end], (m.text, text[m.start:m.end], m)
        assert m.start >= prev_start, "mentions are in text order"
        prev_start = m.start
    json.dumps(art.to_dict(), ensure_ascii=False)


# --- strategies -------------------------------------------------------------------------------

DIGIT_SCRIPTS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"]
SEPARATORS = ["٬", "٫", ",", ".", "/", ":", "-", "−", "،"]
ZWNJ, ZWJ, RLM, LRM, ALM, KASHIDA = "\u200c", "\u200d", "\u200f", "\u200e", "\u061c", "\u0640"
DIACRITICS = ["\u064b", "\u064c", "\u064d", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"]
SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u202f", "\r\n", "\u2028"]

NUMBER_WORDS = ["صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده",
                "دوازده", "پانزده", "بیست", "سی", "چهل", "پنجاه", "نود", "صد", "یکصد", "دویست",
                "سیصد", "پانصد", "هزار", "میلیون", "میلیارد", "نیم", "ربع", "سوم", "چهارم",
                "بیستم", "ششمین", "اول", "نخست", "ده‌ها", "صدها", "هزاران", "one", "twenty", "million"]
PHRASES = ["بیست و شش هزار", "یک میلیون و دویست هزار", "سه و نیم میلیون", "دو سوم", "بیست و ششمین",
           "یک‌میلیون", "۲٫۵ میلیون", "۱۲ هزار", "حدود ۴۰ درصد", "بیش از ۶۰٪", "دست‌کم ۳۰ نفر",
           "بین ۲۰ و ۳۰", "۲۰ تا ۳۰ درصد", "۲۰-۳۰", "30%", "٪۳۰", "about 25", "between 20 and 30"]
MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
          "بهمن", "اسفند", "مهرماه", "مهر‌ماه", "ژانویه", "مارس", "مه", "اکتبر", "دسامبر",
          "محرم", "رمضان", "ذی‌الحجه", "ربیع‌الاول", "January", "Oct"]
DATE_WORDS = ["از", "تا", "سال", "ماه", "روز", "امروز", "دیروز", "فردا", "پارسال", "هفته", "گذشته",
              "آینده", "شنبه", "سه‌شنبه", "چهارشنبه", "جمعه", "ساعت", "صبح", "عصر", "دهه", "قرن",
              "هجری", "شمسی", "قمری", "میلادی", "ه.ش", "م.", "بهار", "زمستان", "نیمه", "اوایل", "اواخر"]
WORDS = ["درصد", "نفر", "تن", "کیلومتر", "متر", "تومان", "ریال", "دلار", "بشکه", "کشته", "زخمی",
         "حدود", "بیش", "کمتر", "دست‌کم", "حداقل", "حداکثر", "تقریبا", "نزدیک", "بین", "و", "یا",
         "می‌شود", "می شود", "میشود", "شد", "است", "بود", "گزارش", "خبرگزاری", "كشور", "يك", "رئیس",
         "صفحه", "کد خبر", "تلفن", "the", "of", "percent", "km", "%", "٪", "(", ")", "«", "»", "؛", "؟", "!"]


@st.composite
def digit_runs(draw) -> str:
    """Digits of any script (mixed inside one number too), with separators between groups."""
    groups = draw(st.lists(st.text(alphabet="".join(DIGIT_SCRIPTS), min_size=1, max_size=6), min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(groups) - 1, max_size=len(groups) - 1))
    out = groups[0]
    for s, g in zip(seps, groups[1:]):
        out += s + g
    return out


@st.composite
def ranges(draw) -> str:
    """«از … تا …» with days, months and years in any mix."""
    def day():
        return draw(st.one_of(digit_runs(), st.sampled_from(NUMBER_WORDS + ["۱۰", "15", "٣١", "۱۴۰۲"])))
    a = f"{day()} {draw(st.sampled_from(MONTHS))}"
    b = f"{day()} {draw(st.sampled_from(MONTHS + ['']))}"
    return f"از {a} تا {b}" + draw(st.sampled_from(["", " " + day(), " سال " + day()]))


@st.composite
def decorate(draw, s: str) -> str:
    """Sprinkle zero-width, bidi, kashida and diacritic characters into a fragment."""
    marks = draw(st.lists(st.tuples(st.integers(0, max(len(s), 0)),
                                    st.sampled_from([ZWNJ, ZWNJ + ZWNJ, ZWJ, RLM, LRM, ALM, KASHIDA, *DIACRITICS, *BIDI])),
                          max_size=3))
    for pos, mark in sorted(marks, reverse=True):
        s = s[:pos] + mark + s[pos:]
    return s


fragment = st.one_of(
    digit_runs(),
    st.sampled_from(NUMBER_WORDS),
    st.sampled_from(PHRASES),
    st.sampled_from(MONTHS),
    st.sampled_from(DATE_WORDS),
    st.sampled_from(WORDS),
    ranges(),
    st.lists(st.sampled_from(NUMBER_WORDS), min_size=2, max_size=8).map(" و ".join),
    st.sampled_from(SEPARATORS + ["\u066b", "\u066c", "\u066a"]),
)
persian_like = st.lists(
    st.tuples(fragment.flatmap(lambda f: st.one_of(st.just(f), decorate(f))),
              st.sampled_from(SPACES + ["", " ", " ", " ", ZWNJ, " " + RLM, LRM + " "])),
    max_size=25,
).map(lambda parts: "".join(f + sep for f, sep in parts))

published_dates = st.one_of(st.none(), st.dates(min_value=__import__("datetime").date(1900, 1, 1),
                                                 max_value=__import__("datetime").date(2100, 12, 31)).map(str))

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=st.text(max_size=300), published=published_dates)
@example(text="", published=None)
@example(text="\u200c\u200f\u0640\u064b", published=None)
@example(text="\ud800", published=None)                         # a lone surrogate
@example(text="\U0001F600۱۲\U000F0000٪", published=None)          # astral and private-use characters
@example(text="\ue000\ue001\uf8ff ۱۲", published=None)            # the matcher's own symbol range
def test_read_never_raises_on_any_unicode(engine, text, published):
    check_article(engine, text, published)


@PROPERTY
@given(text=persian_like, published=published_dates)
@example(text="از ۱۰ مهر تا ۱۵ مهر ۱۴۰۲", published="2023-10-01")
@example(text="بیست\u200cو\u200cشش هزار", published=None)
@example(text="۱۲\u200f٫\u200f۵ درصد", published=None)
@example(text="۱\u0640۲ ـــ ۳", published=None)
@example(text="۳۰ ذی‌الحجه ۱۴۳۶", published="2015-10-07")
@example(text="۲۹ اسفند ۱۴۰۳ و ۳۰ اسفند ۱۴۰۳", published=None)
@example(text="۱۰۰ هزار سال پیش و ۲۰ هزار سال بعد", published="2020-01-01")   # past year 1 / 9999
def test_read_never_raises_on_persian_like_text(engine, text, published):
    check_article(engine, text, published)


@PROPERTY
@given(text=st.lists(st.sampled_from(
    list("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789") + SEPARATORS + [" ", ZWNJ, RLM, KASHIDA, "٪", "%", " و ", " تا "]),
    max_size=120).map("".join))
def test_read_never_raises_on_digit_soup(engine, text):
    check_article(engine, text)


def test_long_digit_run_serializes(engine):
    """A 5,000-digit run (a hash, a scanned table) must not break `to_dict()` -> JSON: Python
    refuses to print ints of more than 4,300 digits (sys.int_info.default_max_str_digits)."""
    check_article(engine, "کد " + "۱" * 5000 + " درصد")


# --- scaling ----------------------------------------------------------------------------------
#
# Linear growth is proved by counting work, not by timing it: a shared, loaded machine cannot
# promise a time ratio, and a test that fails by chance blocks everyone (wall-clock growth is a
# reported figure in benchmarks/test_bench_growth.py). The work of a read is the number of
# function calls it makes, Python and C (regex searches, string methods) alike, counted with
# `sys.setprofile`: the same text read by the same rules makes the same calls on any machine.
# Each read runs in a forked child that inherits the session's Engine, after a short read of the
# same shape (so both sizes meet warm caches), and a read that blows up is stopped by a generous
# wall-clock guard: that guard only ends a hang, it never judges speed.

GROWTH = 4.4          # calls for 4x the input may be at most this many times the calls for 1x
HANG_GUARD = 300.0    # seconds; only a runaway read gets near it

_CHILD_ENGINE = None


def _child(conn, text: str) -> None:
    try:
        gc.freeze()
        _CHILD_ENGINE.read(text[:2000])
        calls = [0]

        def profile(frame, event, arg):
            if event in ("call", "c_call"):
                calls[0] += 1

        sys.setprofile(profile)
        try:
            n = len(_CHILD_ENGINE.read(text).mentions)
        finally:
            sys.setprofile(None)
        conn.send(("ok", calls[0], n))
    except BaseException as e:  # noqa: BLE001
        conn.send(("error", f"{type(e).__name__}: {e}", 0))
    finally:
        conn.close()


def counted_read(engine, text: str, limit: float = HANG_GUARD) -> tuple[str, int | str, int]:
    """Read ``text`` in a forked child: ("ok", calls made, mentions), ("error", message, 0), or
    ("timeout", limit, 0) when it has not finished after ``limit`` seconds."""
    global _CHILD_ENGINE
    _CHILD_ENGINE = engine
    ctx = mp.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(there, text), daemon=True)
    p.start()
    there.close()
    try:
        if here.poll(limit):
            return here.recv()
        return ("timeout", limit, 0)
    finally:
        if p.is_alive():
            p.kill()
        p.join(5)
        here.close()


def assert_linear(engine, make, n: int, what: str) -> tuple[int, int]:
    small, big = make(n), make(4 * n)
    status, c1, _ = counted_read(engine, small)
    assert status == "ok", f"{what}, {len(small):,} chars: {status} {c1}"
    status, c4, _ = counted_read(engine, big)
    assert status == "ok", f"{what}, {len(big):,} chars: {status} {c4}"
    assert c4 <= GROWTH * max(c1, 1000), (f"{what}: not linear. {len(small):,} chars took {c1:,} calls, "
                                          f"{len(big):,} chars {c4:,}: {c4 / c1:.2f}x for 4x the input")
    return c1, c4


def test_the_work_count_sees_quadratic_work(engine, monkeypatch):
    """The counter itself: a read made quadratic on purpose fails `assert_linear`."""
    real = type(engine).read

    def quadratic(self, text, **kw):
        for i in range(len(text) // 50):
            text.count("x", 0, i)          # one C call per 50 chars, each scanning further
            for _ in range(i // 50):
                len(text)
        return real(self, text, **kw)

    monkeypatch.setattr(type(engine), "read", quadratic)
    with pytest.raises(AssertionError, match="not linear"):
        assert_linear(engine, lambda n: "متن " * (n // 4), 40_000, "a quadratic read")


DIGITS = "۱۲۳۴۵۶۷۸۹۰"   # not starting with zero: a leading zero makes it an id, not a number


def digit_run(n: int) -> str:
    return "".join(DIGITS[i % 10] for i in range(n))


def test_scaling_digits(engine):
    """One unbroken run of digits (200 KB at 4N)."""
    assert_linear(engine, digit_run, 50_000, "a run of digits")


def test_megabyte_of_digits(engine):
    """1 MB of digits (500,000 Persian digits, 2 bytes each) is read, with as much work as 1,000."""
    status, c, _ = counted_read(engine, digit_run(500_000))
    assert status == "ok", f"500,000 digits: {status} {c}"
    assert c <= 2 * counted_read(engine, digit_run(1_000))[1] + 1000


def test_scaling_grouped_digits(engine):
    """Digits with thousands separators: one huge grouped number."""
    assert_linear(engine, lambda n: "۱" + "٬۲۳۴" * (n // 4), 50_000, "grouped digits")


def test_scaling_number_words_mixed(engine):
    """Number words joined by « و », cycling through ones, tens, hundreds and scales."""
    cycle = ["بیست", "شش", "هزار", "سیصد", "دو", "میلیون", "نه", "صد", "یک", "سی", "میلیارد", "پنج"]
    assert_linear(engine, lambda n: " و ".join(cycle[i % len(cycle)] for i in range(n)), 8_000, "number words")


def test_scaling_number_word_chain(engine):
    """«بیست و شش هزار و بیست و شش هزار و …»: one number-word chain the grammar keeps extending.
    Rules that start with `number` and need something after it (a percent sign, an ordinal
    suffix, a denominator, a range word) must not retry the whole chain from each of its tokens."""
    # From 10,000 links on the cost is linear (10k -> 40k: 3.9x). Below that the small chain's
    # match state still fits the CPU caches, so 2,500 -> 10,000 took 7-8x on a quiet machine and
    # now and then crossed the limit on a busy one: measure where growth is what we test.
    assert_linear(engine, lambda n: " و ".join(["بیست و شش هزار"] * n), 10_000, "a number-word chain")


def test_scaling_ranges(engine):
    """10,000 «از ۱۰ مهر تا ۱۵ مهر» ranges at 4N."""
    assert_linear(engine, lambda n: " ".join(["از ۱۰ مهر تا ۱۵ مهر"] * n), 2_500, "date ranges")


MIXED_UNIT = ("گزارش خبرگزاری: در سال ۱۴۰۲ حدود ۴۰ درصد از ۲٬۵۰۰ واحد مسکونی، یعنی بیست و شش هزار "
            "نفر، از ۱۰ مهر تا ۱۵ مهر آسیب دیدند؛ تورم 12.5% و قیمت ۳۰۰ هزار تومان. "
            "روز چهارشنبه ۱۵ مهر ۱۳۹۴ برابر با 7 October 2015 \u200fساعت ۱۰:۳۰ \u0640 كد خبر ۱۲۳۴۵۶ ")


def _mixed_line(size: int) -> str:
    """Newsroom-like text on ONE line (``size`` characters): numbers, words, dates, percents
    and noise characters."""
    return (MIXED_UNIT * (size // len(MIXED_UNIT) + 1))[:size]


def test_scaling_mixed_line(engine):
    assert_linear(engine, _mixed_line, 50_000, "one long line of mixed text")


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("RASTI_SLOW"), reason="10 MB read; set RASTI_SLOW=1")
def test_ten_megabyte_line(engine):
    text = _mixed_line(10_000_000 * len(MIXED_UNIT) // len(MIXED_UNIT.encode()))   # 10 MB of UTF-8
    status, c, n = counted_read(engine, text, 1800.0)
    assert status == "ok", f"10 MB line: {status} {c}"
    small = counted_read(engine, _mixed_line(len(text) // 100))[1]
    assert c <= 100 * 1.1 * small, f"10 MB line: {c:,} calls, 100 KB: {small:,}"


def test_scaling_zwnj(engine):
    """200,000 ZWNJ at 4N: the noise the text layer strips."""
    assert_linear(engine, lambda n: "\u200c" * n, 50_000, "a run of ZWNJ")


def test_scaling_zwnj_between_letters(engine):
    assert_linear(engine, lambda n: "\u200c".join(["می", "شود"] * (n // 2)), 25_000, "ZWNJ between letters")


def test_scaling_bracket_nesting(engine):
    """Deep bracket nesting around a figure: 80,000 levels at 4N."""
    assert_linear(engine, lambda n: "(" * n + "۲۶ موشک" + ")" * n, 20_000, "nested brackets")


def test_scaling_hundred_thousand_number_words(engine):
    """100,000 number words joined by «و» at 4N."""
    assert_linear(engine, lambda n: " و ".join(["هفت"] * n), 25_000, "number words joined by و")
