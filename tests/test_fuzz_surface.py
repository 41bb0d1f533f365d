"""Fuzzing the whole surface (issue 19, item 3), not only `read`:

1. `check` and `compare` over 1–5 Persian-like articles at a time: they never raise, every span
   quotes its text (``text[start:end] == quoted``) and every result serializes to JSON;
2. the input readers (`read_inputs`, `rasti extract` / `rasti check`) over random bytes, broken
   front matter, BOM, CRLF, NUL, lone surrogates through JSON escapes and huge lines: never a
   traceback, only articles or `InputError`s that name the file (and line); exit 0, 1 or 2;
3. `rasti rules lint` over mutated copies of the built-in rules: never a traceback, exit 0 or
   2, every error as ``path:line:col: CODE message``.

Everything is deterministic (``derandomize=True``) and sized to run in well under a minute on a
busy two-core machine; nothing here measures time.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rasti.errors import InputError

FUZZ = dict(derandomize=True, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                   HealthCheck.function_scoped_fixture])

# --- 1. check and compare ---------------------------------------------------------------------

ZWNJ = "\u200c"
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"]
DIGITS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"]
NUMBER_WORDS = ["یک", "دو", "سه", "چهار", "پنج", "شش", "ده", "دوازده", "بیست", "سی", "صد",
                "دویست", "هزار", "میلیون", "میلیارد", "نیم", "دهم", "ششمین", "نخست", "ده‌ها",
                "صدها", "هزاران", "چند", "چندین", "يك", "دو\u200cهزار"]
MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
          "بهمن", "اسفند", "مهرماه", "ژانویه", "سپتامبر", "اکتبر", "محرم", "ذی‌الحجه", "رمضان"]
WEEKDAYS = ["شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]
WORDS = ["نفر", "کشته", "زخمی", "موشک", "کروز", "شلیک", "شد", "شدند", "است", "بود", "تن",
         "کیلومتر", "دلار", "تومان", "ریال", "بشکه", "در روز", "نفت", "تولید", "صادرات", "تورم",
         "جمعیت", "حدود", "دست‌کم", "بیش از", "کمتر از", "تقریبا", "به گفته", "اعلام کرد",
         "گزارش داد", "خبرگزاری", "وزیر", "كشته", "يكشنبه", "سال", "ماه", "روز", "امروز", "دیروز",
         "هفته گذشته", "پیش", "در مجموع", "تاکنون", "افزایش", "کاهش", "یافت", "رسید", "و", "یا",
         "از", "تا", "درصد", "٪", "%", "،", ".", "؛", "؟", ":", "(", ")", "«", "»", "-", "/"]


@st.composite
def digits(draw) -> str:
    """A number in one of three scripts (sometimes mixed), with thousands or decimal marks."""
    groups = draw(st.lists(st.text(alphabet=draw(st.sampled_from(DIGITS + ["".join(DIGITS)])),
                                   min_size=1, max_size=4), min_size=1, max_size=3))
    sep = draw(st.sampled_from(["٬", ",", "٫", ".", "/", ""]))
    return sep.join(groups)


@st.composite
def a_date(draw) -> str:
    day = draw(st.one_of(digits(), st.integers(1, 31).map(str), st.sampled_from(NUMBER_WORDS)))
    year = draw(st.sampled_from(["", " ۱۳۹۴", " 1394", " ۱۴۰۲", " ۲۰۱۵", " 2015", " ١٤٣٦", " " + draw(digits())]))
    return f"{day} {draw(st.sampled_from(MONTHS))}{year}"


@st.composite
def a_range(draw) -> str:
    return f"از {draw(st.one_of(a_date(), digits()))} تا {draw(st.one_of(a_date(), digits()))}"


@st.composite
def a_figure(draw) -> str:
    n = draw(st.one_of(digits(), st.sampled_from(NUMBER_WORDS),
                       st.lists(st.sampled_from(NUMBER_WORDS), min_size=2, max_size=4).map(" و ".join)))
    return f"{draw(st.sampled_from(['', 'حدود ', 'دست‌کم ', 'بیش از ', '']))}{n} " \
           f"{draw(st.sampled_from(['درصد', '٪', 'نفر', 'موشک', 'تن', 'میلیون بشکه', 'کشته', '']))}"


ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    """Real sentences to start from: the bundled corpus's articles and the rules' examples."""
    out = []
    for p in sorted(ROOT.glob("corpus/*/*.txt")):
        body = p.read_text(encoding="utf-8")
        if body.startswith("---") and "\n---" in body[3:]:
            body = body[3:].split("\n---", 1)[1]
        out += [s.strip() for s in re.split(r"(?<=[.!؟?\n])", body) if len(s.strip()) > 10]
    for p in sorted(ROOT.glob("rules/*.rules")):
        out += re.findall(r'example "([^"]+)"', p.read_text(encoding="utf-8"))
    return out


SENTENCES = _sentences()
_NUMBER = re.compile(r"[0-9۰-۹٠-٩]+")


def renumbered(s: str):
    """``s`` with some of its numbers changed (another figure, another day, another script)."""
    return st.lists(st.one_of(st.none(), digits()), min_size=len(_NUMBER.findall(s)),
                    max_size=len(_NUMBER.findall(s))).map(
        lambda new: _NUMBER.sub(lambda m, it=iter(new): next(it) or m.group(), s))


def a_sentence():
    """A corpus sentence or rule example, renumbered: the shapes checks and compare look for,
    with values they must judge."""
    return st.sampled_from(SENTENCES).flatmap(renumbered)


fragment = st.one_of(
    a_sentence(),
    a_figure(), a_date(), a_range(), digits(),
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WEEKDAYS).map(lambda w: "روز " + w),
    st.sampled_from(NUMBER_WORDS), st.sampled_from(MONTHS),
)


@st.composite
def decorated(draw, s: str) -> str:
    """ZWNJ, bidi marks and Arabic ي/ك sprinkled into a fragment."""
    if draw(st.booleans()):
        s = s.replace("ی", "ي").replace("ک", "ك")
    for pos, mark in draw(st.lists(st.tuples(st.integers(0, len(s)), st.sampled_from([ZWNJ, *BIDI])), max_size=2)):
        s = s[:pos] + mark + s[pos:]
    return s


GLUE = [" ", " ", " ", "\n", "\r\n", ZWNJ, "، ", ". ", "\n\n", "\u00a0"]


def article_text(shared=st.nothing()):
    """An article: fragments (some decorated), glued by spaces, newlines, ZWNJ, punctuation;
    ``shared`` adds sentences the other articles of the same case also tell."""
    part = st.one_of(fragment, shared, shared).flatmap(lambda f: st.one_of(st.just(f), decorated(f)))
    return st.lists(st.tuples(part, st.sampled_from(GLUE)), max_size=14).map(
        lambda parts: "".join(f + s for f, s in parts))

published = st.one_of(
    st.none(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)).map(str),
    st.sampled_from(["1394-07-15", "2015-10-07T01:30:00", "1402-12-29"]),
)


def assert_article_spans(art) -> None:
    text, n = art.text, len(art.text)
    ids = {m.id for m in art.mentions}
    for m in art.mentions:
        assert 0 <= m.start < m.end <= n and text[m.start:m.end] == m.text, m
    for f in art.facts:
        s, e = f.span
        ss, se = f.sentence
        assert 0 <= ss <= s <= e <= se <= n, f
        sentence = text[ss:se]
        assert f.subject["text"] in sentence, f
        if f.predicate is not None:
            assert f.predicate["text"] in sentence, f
        if f.attribution is not None:
            a = f.attribution
            assert 0 <= a["start"] <= a["end"] <= n and text[a["start"]:a["end"]] == a["text"], f
        assert set(f.mentions) <= ids, f
    for flag in art.flags:
        for s, e in flag.spans:
            assert 0 <= s <= e <= n, flag
        assert set(flag.mentions) <= ids, flag
        json.dumps(flag.to_dict(), ensure_ascii=False, allow_nan=False)
    json.dumps(art.to_dict(), ensure_ascii=False)


def assert_claim_spans(claim, texts: dict[str, str]) -> None:
    text = texts[claim.article]
    assert 0 <= claim.start <= claim.end <= len(text) and text[claim.start:claim.end] == claim.text, claim
    for s, e in claim.also:
        assert 0 <= s <= e <= len(text), claim
    if claim.sentence:
        s, e = claim.sentence
        assert 0 <= s <= claim.start <= claim.end <= e <= len(text), claim
    if claim.attribution:
        a = claim.attribution
        assert text[a["start"]:a["end"]] == a["text"], claim


COUNTS: dict[str, int] = {}   # cases run per surface (printed at the end of the module, with -s)


def _count(surface: str) -> None:
    COUNTS[surface] = COUNTS.get(surface, 0) + 1


@st.composite
def stories(draw) -> list[tuple[str, str | None]]:
    """1–5 articles that share a few sentences (each renumbered its own way), so compare has
    the same subjects to agree or disagree on."""
    pool = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    shared = st.sampled_from(pool).flatmap(renumbered)
    return draw(st.lists(st.tuples(article_text(shared), published), min_size=1, max_size=5))


@settings(max_examples=60, **FUZZ)
@given(texts=stories())
@example(texts=[("روز سه‌شنبه ۱۵ مهر ۱۳۹۴ بیست و شش موشک کروز شلیک شد.", "2015-10-07"),
                ("روز چهارشنبه ۱۵ مهر ۱۳۹۴ ۱۸ موشک کروز شلیک شد.", "2015-10-07")])
@example(texts=[("", None), ("\u200f\n", None)])
def test_check_and_compare_never_raise_and_keep_spans(engine, texts):
    _count("check/compare")
    arts = [engine.read(t, published=p, id=f"a{i}") for i, (t, p) in enumerate(texts)]
    checked = [engine.check(a) for a in arts]   # the last one reuses read's tokens, the others not
    for a in checked:
        assert_article_spans(a)
    cmp = engine.compare(checked)
    by_id = {a.id: a.text for a in checked}
    claims = [c for f in (*cmp.contradictions, *cmp.agreements, *cmp.updates) for c in f.claims]
    claims += [c for entry in cmp.ledger_claims for c, _ in entry]
    for c in claims:
        assert_claim_spans(c, by_id)
    json.dumps(cmp.to_dict(), ensure_ascii=False)
    for f in (*cmp.contradictions, *cmp.agreements, *cmp.updates):
        json.dumps(f.to_dict(), ensure_ascii=False)
