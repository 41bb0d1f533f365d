"""The text layer: normalization, the offset map back to the original, and what it means end to end."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rasti import Engine
from rasti.read.text import fold, normalize

ZWNJ = "\u200c"
ZWJ = "\u200d"
RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"
NBSP = "\u00a0"
KASHIDA = "\u0640"
FATHA, KASRA, DAMMA, SHADDA, SUKUN, TANWIN = "\u064e", "\u0650", "\u064f", "\u0651", "\u0652", "\u064b"
SUPERSCRIPT_ALEF = "\u0670"
BIDI_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"


def norm(s: str) -> str:
    return normalize(s).normalized


# --- digits ---------------------------------------------------------------------------------

@pytest.mark.parametrize("i", range(10))
def test_each_persian_digit_folds_to_ascii(i):
    assert norm(PERSIAN_DIGITS[i]) == str(i)


@pytest.mark.parametrize("i", range(10))
def test_each_arabic_indic_digit_folds_to_ascii(i):
    assert norm(ARABIC_DIGITS[i]) == str(i)


def test_digit_strings_in_a_sentence():
    assert norm("در سال ۱۴۰۲ حدود ٣٥ نفر") == "در سال 1402 حدود 35 نفر"
    assert norm("۰۹۱۲") == "0912"
    assert norm("mixed ۱٢3") == "mixed 123"


def test_digit_separators_are_kept_as_they_are():
    # the number layer reads «٬» «٫» «،» itself; normalization must not touch them
    assert norm("۱٬۲۳۴٫۵") == "1٬234٫5"
    assert norm("۱،۵۰۰") == "1،500"


def test_arabic_percent_sign_folds():
    assert norm("۳۰٪") == "30%"


# --- letters --------------------------------------------------------------------------------

@pytest.mark.parametrize("src, want", [
    ("علي", "علی"),            # Arabic yeh
    ("مصطفى", "مصطفی"),        # alef maksura
    ("كرمان", "کرمان"),        # Arabic kaf
    ("مدرسة", "مدرسه"),        # teh marbuta
    ("مؤسسه", "موسسه"),        # waw with hamza
    ("أحمد", "احمد"),          # alef with hamza above
    ("إسلام", "اسلام"),        # alef with hamza below
    ("رئيس", "رییس"),          # yeh with hamza and Arabic yeh
    ("ٱلله", "الله"),          # alef wasla
])
def test_arabic_letter_variants_fold(src, want):
    assert norm(src) == want


def test_folding_keeps_length_one_to_one():
    src = "يكى ةؤأإ"
    t = normalize(src)
    assert len(t.normalized) == len(src)
    assert t.normalized == "یکی هواا"


def test_persian_letters_are_left_alone():
    s = "پژوهشگاه چاپ گچ ژاله"
    assert norm(s) == s


# --- deletions: kashida, tashkil, bidi marks ------------------------------------------------

@pytest.mark.parametrize("src, want", [
    ("مـــهم", "مهم"),
    ("بـزرگ", "بزرگ"),
    ("ـ۲۶ـ", "26"),
])
def test_kashida_is_removed(src, want):
    assert norm(src) == want


@pytest.mark.parametrize("mark", [FATHA, KASRA, DAMMA, SHADDA, SUKUN, TANWIN, SUPERSCRIPT_ALEF])
def test_each_diacritic_is_removed(mark):
    assert norm("ب" + mark + "ر") == "بر"


def test_fully_vowelled_word():
    assert norm("مُحَمَّدٌ") == "محمد"
    assert norm("عِلْم") == "علم"


@pytest.mark.parametrize("mark", [RLM, LRM, ALM, *BIDI_CONTROLS, "\ufeff", "\u00ad"])
def test_bidi_and_invisible_marks_are_removed(mark):
    assert norm(f"{mark}۲۶{mark} نفر{mark}") == "26 نفر"


# --- ZWNJ -----------------------------------------------------------------------------------

def test_zwnj_between_letters_is_kept():
    assert norm("می" + ZWNJ + "روم") == "می" + ZWNJ + "روم"
    assert norm("موشک" + ZWNJ + "ها") == "موشک" + ZWNJ + "ها"


def test_doubled_zwnj_collapses_to_one():
    assert norm("می" + ZWNJ * 2 + "روم") == "می" + ZWNJ + "روم"
    assert norm("می" + ZWNJ * 5 + "روم") == "می" + ZWNJ + "روم"


@pytest.mark.parametrize("src", [
    "می" + ZWNJ + " روم",
    "می " + ZWNJ + "روم",
    "می" + ZWNJ + " " + ZWNJ + "روم",
    "می" + ZWNJ * 3 + " روم",
])
def test_zwnj_beside_a_space_is_dropped(src):
    assert norm(src) == "می روم"


@pytest.mark.parametrize("src, want", [
    (ZWNJ + "سلام", "سلام"),
    ("سلام" + ZWNJ, "سلام"),
    ("۱" + ZWNJ + "۲", "12"),
    ("ب" + ZWNJ + "۲", "ب2"),
    ("۲" + ZWNJ + "ب", "2ب"),
    ("سلام" + ZWNJ + ".", "سلام."),
])
def test_zwnj_not_between_two_letters_is_dropped(src, want):
    assert norm(src) == want


def test_zwnj_survives_a_diacritic_between_the_letters():
    assert norm("ب" + FATHA + ZWNJ + "ر") == "ب" + ZWNJ + "ر"
    assert norm("ب" + ZWNJ + FATHA + "ر") == "ب" + ZWNJ + "ر"


def test_zwj_is_treated_as_zwnj():
    assert norm("می" + ZWJ + "روم") == "می" + ZWNJ + "روم"


def test_zwnj_after_a_bidi_mark_beside_a_space_is_dropped():
    assert norm(" " + RLM + ZWNJ + "نفر") == " نفر"
    assert norm("۲۶ " + LRM + ZWNJ + "نفر") == "26 نفر"


# A combining mark or kashida between a space (or a digit, or the start) and a ZWNJ hides the
# ZWNJ from the "not after a letter" check: the ZWNJ survives next to a space.
_ZWNJ_AFTER_MARK = [
    pytest.param(" " + KASHIDA + ZWNJ + "ر", " ر", id="space-kashida-zwnj"),
    pytest.param("a " + FATHA + ZWNJ + "ب", "a ب", id="space-fatha-zwnj"),
    pytest.param(KASHIDA + ZWNJ + "ب", "ب", id="start-kashida-zwnj"),
    pytest.param("۲" + KASHIDA + ZWNJ + "ب", "2ب", id="digit-kashida-zwnj"),
]


@pytest.mark.parametrize("src, want", [
    pytest.param(*p.values, id=p.id) for p in _ZWNJ_AFTER_MARK
])
def test_zwnj_after_a_deleted_mark_is_still_dropped(src, want):
    assert norm(src) == want


# --- spaces ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sp", [NBSP, "\u202f", "\u2009", "\u2007", "\u3000", "\t"])
def test_special_spaces_become_space(sp):
    assert norm("۲۶" + sp + "نفر") == "26 نفر"


def test_nbsp_keeps_offsets():
    src = "حدود" + NBSP + "۳۰"
    t = normalize(src)
    assert t.normalized == "حدود 30"
    assert t.to_original(5, 7) == (5, 7)


# --- the offset map -------------------------------------------------------------------------

def test_no_deletions_maps_identically():
    src = "بیست و شش نفر"
    t = normalize(src)
    for a in range(len(src)):
        for b in range(a + 1, len(src) + 1):
            assert t.to_original(a, b) == (a, b)


def test_leading_rlm_stays_outside_the_span():
    src = "عدد " + RLM + "۲۶" + RLM + " بود"
    t = normalize(src)
    a = t.normalized.index("26")
    s, e = t.to_original(a, a + 2)
    assert src[s:e] == "۲۶"


def test_trailing_diacritics_stay_inside_the_span():
    src = "عل" + KASRA + "ی" + SHADDA + " آمد"
    t = normalize(src)
    assert t.normalized.startswith("علی ")
    s, e = t.to_original(0, 3)
    assert (s, e) == (0, 5)
    assert src[s:e] == "عل" + KASRA + "ی" + SHADDA


def test_kashida_inside_a_word_is_inside_the_span():
    src = "x مـــهم y"
    t = normalize(src)
    a = t.normalized.index("مهم")
    s, e = t.to_original(a, a + 3)
    assert src[s:e] == "مـــهم"


def test_map_after_many_deletions():
    src = RLM * 3 + "a" + ZWNJ * 4 + " " + KASHIDA * 2 + "b" + FATHA + "c"
    t = normalize(src)
    assert t.normalized == "a bc"
    assert src[slice(*t.to_original(0, 1))] == "a"
    assert src[slice(*t.to_original(2, 3))] == "b" + FATHA
    assert src[slice(*t.to_original(3, 4))] == "c"
    assert src[slice(*t.to_original(0, 4))] == "a" + ZWNJ * 4 + " " + KASHIDA * 2 + "b" + FATHA + "c"


def test_empty_span_maps_to_an_empty_span():
    src = RLM + "ab"
    t = normalize(src)
    assert t.to_original(1, 1) == (2, 2)
    assert t.to_original(len(t.normalized), len(t.normalized)) == (len(src), len(src))


def test_fold_matches_normalize():
    assert fold("يك ميليون") == "یک میلیون"
    assert fold("می" + ZWNJ + ZWNJ + "روم") == "می" + ZWNJ + "روم"


# --- properties -----------------------------------------------------------------------------

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
NOISE = [ZWNJ, ZWNJ + ZWNJ, ZWJ, RLM, LRM, ALM, KASHIDA, FATHA, KASRA, DAMMA, SHADDA, TANWIN,
         SUPERSCRIPT_ALEF, NBSP, "\u202b", "\u202c", "\u2067", "\u2069", "\ufeff", "\u00ad"]
FOLDED = ["ي", "ى", "ك", "ة", "ؤ", "أ", "إ", "ئ"]
CHUNKS = st.one_of(
    st.sampled_from(list(PERSIAN_LETTERS)),
    st.sampled_from(FOLDED),
    st.sampled_from(list(PERSIAN_DIGITS + ARABIC_DIGITS + "0123456789")),
    st.sampled_from(NOISE),
    st.just(" "),
    st.sampled_from(list("٬٫،.,%٪")),
)
RAW = st.lists(CHUNKS, max_size=40).map("".join)


_MARKS = {KASHIDA, FATHA, KASRA, DAMMA, SHADDA, SUKUN, TANWIN, SUPERSCRIPT_ALEF}


def _kept_char(c: str) -> bool:
    """A normalized character that is a letter or digit (never produced by a deletion)."""
    return c.isalpha() or c.isdigit()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RAW, st.data())
def test_offset_map_properties(original, data):
    t = normalize(original)
    n = t.normalized
    assert len(n) <= len(original)
    # each normalized character maps to one original character that folds to it, in order
    prev_s = -1
    for i in range(len(n)):
        s, e = t.to_original(i, i + 1)
        assert 0 <= s < e <= len(original)
        assert s > prev_s
        prev_s = s
        if n[i] == ZWNJ:
            assert original[s] in (ZWNJ, ZWJ)
        else:
            assert normalize(original[s]).normalized == n[i]
    if not n:
        return
    a = data.draw(st.integers(0, len(n) - 1))
    b = data.draw(st.integers(a + 1, len(n)))
    s, e = t.to_original(a, b)
    assert 0 <= s <= e <= len(original)
    assert (s, e) != (0, 0)
    # monotone: growing the span on either side never shrinks the original span
    if a > 0:
        s2, e2 = t.to_original(a - 1, b)
        assert s2 < s and e2 == e
    if b < len(n):
        s3, e3 = t.to_original(a, b + 1)
        assert s3 == s and e3 > e
    if _kept_char(n[a]) and _kept_char(n[b - 1]):
        assert normalize(original[s:e]).normalized == n[a:b]
    # a span ending on a letter takes that letter's diacritics and kashida along
    if n[b - 1].isalpha() and e < len(original):
        assert original[e] not in _MARKS, (original, a, b, s, e)
    # and one starting on a kept character leaves the deleted marks before it outside
    if _kept_char(n[a]):
        assert normalize(original[s]).normalized == n[a]


@settings(max_examples=300, deadline=None)
@given(RAW)
def test_whole_text_span_is_the_kept_stretch(original):
    t = normalize(original)
    n = t.normalized
    if not n:
        return
    s, e = t.to_original(0, len(n))
    assert s == t.to_original(0, 1)[0]
    assert e == t.to_original(len(n) - 1, len(n))[1]
    # what lies outside the mapped span normalizes to nothing
    assert norm(original[:s]) == "" and norm(original[e:]) == ""


@settings(max_examples=300, deadline=None)
@given(RAW)
def test_start_offsets_strictly_increase(original):
    t = normalize(original)
    starts = [t.orig_index(i) for i in range(len(t.normalized))]
    assert starts == sorted(set(starts))
    assert all(0 <= x < len(original) for x in starts)
    # every original character that is not a start folds away on its own (it was deleted)
    kept = set(starts)
    for j, ch in enumerate(original):
        if j not in kept:
            assert ch in (ZWNJ, ZWJ) or norm(ch) == "", (original, j)


@settings(max_examples=300, deadline=None)
@given(RAW)
def test_normalized_has_no_noise_left(original):
    n = norm(original)
    for c in n:
        assert c not in (RLM, LRM, ALM, KASHIDA, FATHA, KASRA, DAMMA, SHADDA, TANWIN, SUPERSCRIPT_ALEF,
                         NBSP, ZWJ, "\ufeff", "\u00ad", *BIDI_CONTROLS)
        assert unicodedata.category(c) != "Mn"
        assert c not in FOLDED
        assert c not in PERSIAN_DIGITS + ARABIC_DIGITS
    assert ZWNJ * 2 not in n


# Idempotence and «a ZWNJ survives only between two letters» over the full noise mix: both


@settings(max_examples=300, deadline=None)
@given(RAW)
@example(KASHIDA + ZWNJ + "ا")
def test_normalization_is_idempotent(original):
    n = norm(original)
    assert norm(n) == n


@settings(max_examples=300, deadline=None)
@given(RAW)
@example(" " + FATHA + ZWNJ + "ن")
def test_zwnj_only_between_letters(original):
    n = norm(original)
    for i, c in enumerate(n):
        if c == ZWNJ:
            assert 0 < i < len(n) - 1 and n[i - 1].isalpha() and n[i + 1].isalpha(), repr(n)


# The same two properties with every deletable mark followed by a letter (so never right
# before a ZWNJ): these hold today.
_SAFE = st.lists(st.one_of(
    st.sampled_from(list(PERSIAN_LETTERS) + FOLDED + list(PERSIAN_DIGITS) + [" ", ".", NBSP, RLM, LRM]),
    st.sampled_from([ZWNJ, ZWNJ + ZWNJ, ZWJ]),
    st.sampled_from([KASHIDA, FATHA, SHADDA, TANWIN]).map(lambda m: m + "ب"),
), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SAFE)
def test_normalization_is_idempotent_without_marks_before_zwnj(original):
    n = norm(original)
    assert norm(n) == n


@settings(max_examples=300, deadline=None)
@given(_SAFE)
def test_zwnj_only_between_letters_without_marks_before_it(original):
    n = norm(original)
    for i, c in enumerate(n):
        if c == ZWNJ:
            assert 0 < i < len(n) - 1 and n[i - 1].isalpha() and n[i + 1].isalpha(), repr(n)


# --- end to end: mentions report original spans ---------------------------------------------

_ENGINE = Engine()

# Expressions with their value (or interval) and the kind they must be read as.
EXPRESSIONS = [
    ("۲۶", "number", 26),
    ("بیست و شش", "number", 26),
    ("۱٬۵۰۰", "number", 1500),
    ("حدود ۳۰ درصد", "percent", (27, 33)),
    ("یک میلیون و دویست هزار", "number", 1200000),
    ("۲٫۵ میلیون", "number", 2500000),
    ("هفتاد و پنج درصد", "percent", 75),
]
NOISE_E2E = [RLM, LRM, ZWNJ, KASHIDA, FATHA, KASRA, SHADDA]
SWAPS = {"ی": "ي", "ک": "ك"}


@st.composite
def noisy_article(draw, noise=NOISE_E2E):
    """Several expressions separated by filler words; noise around and inside them."""
    picks = draw(st.lists(st.sampled_from(EXPRESSIONS), min_size=1, max_size=4))
    fillers = ["در گزارش", "گفت که", "و سپس", "بود؛", "اعلام کرد"]
    parts, expect = [], []

    def noisy(s: str, inside: bool) -> str:
        out = []
        for ch in s:
            if ch in SWAPS and draw(st.booleans()):
                ch = SWAPS[ch]
            out.append(ch)
            # inside an expression: only marks that cannot join or split a word
            if inside and ch.isalpha() and draw(st.integers(0, 3)) == 0:
                out.append(draw(st.sampled_from([KASHIDA, FATHA, KASRA, SHADDA, RLM])))
        return "".join(out)

    for expr, kind, value in picks:
        filler = draw(st.sampled_from(fillers))
        pre = draw(st.lists(st.sampled_from(noise), max_size=3))
        post = draw(st.lists(st.sampled_from(noise), max_size=3))
        parts.append(noisy(filler, False) + " " + "".join(pre) + noisy(expr, True) + "".join(post) + " ")
        expect.append((kind, value))
    parts.append("بود.")
    return "".join(parts), expect


def _value(m):
    return m.value if m.value is not None else m.interval


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_article())
def test_mentions_carry_original_spans(article):
    text, expect = article
    art = _ENGINE.read(text)
    got = [m for m in art.mentions if m.kind in ("number", "percent")]
    for m in art.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start:m.end]
        # a span starts on a letter or digit: leading bidi marks / ZWNJ / kashida stay outside
        assert m.text[0].isalnum(), repr(m.text)
    assert [(m.kind, tuple(_value(m)) if isinstance(_value(m), tuple) else _value(m)) for m in got] == expect


def test_weak_number_after_rlm_zwnj_noise():
    assert [m.value for m in _ENGINE.mentions("گفت نه نفر کشته شدند")] == [9]
    assert [m.value for m in _ENGINE.mentions("گفت نه " + RLM + ZWNJ + "نفر کشته شدند")] == [9]


def test_weak_number_after_diacritic_zwnj_noise():
    assert [m.value for m in _ENGINE.mentions("گفت نه " + FATHA + ZWNJ + "نفر کشته شدند")] == [9]


def test_noise_inside_number_words_still_reads():
    text = "گفت " + RLM + "بيـــست" + FATHA + " و شـش" + ZWNJ + " نفر"
    ms = _ENGINE.mentions(text)
    assert [(m.kind, m.value) for m in ms] == [("number", 26)]
    m = ms[0]
    assert m.text == text[m.start:m.end]
    assert m.text.startswith("بي") and m.text.endswith("شـش")


def test_arabic_script_number_phrase():
    text = "تعداد يك ميليون و دويست هزار نفر"
    ms = _ENGINE.mentions(text)
    assert [(m.value, m.text) for m in ms] == [(1200000, "يك ميليون و دويست هزار")]


# --- ZWNJ spellings of one word behave alike ------------------------------------------------

THING_RULES = """
lexicon thing
    {word} = thing
end

rule thing.count
    match n:number @thing
    yield number(n)
    example "۲۶ {word}" => 26
end
"""


def _thing_engine(tmp_path, word):
    d = tmp_path / "user"
    d.mkdir()
    (d / "thing.rules").write_text(THING_RULES.format(word=word), encoding="utf-8")
    return Engine(rules=[d])


def _thing_hits(engine, text):
    return [(m.text, m.value) for m in engine.mentions(text) if m.rule.endswith("thing.rules:6")]


_SPELLINGS = [
    ("موشک‌ها", sp) for sp in ["موشک‌ها", "موشکها", "موشک ها", "موشک" + ZWNJ * 2 + "ها", "موشك‌ها", "موشک" + ZWNJ + " ها"]
] + [
    ("موشک‌های", sp) for sp in ["موشک‌های", "موشکهای", "موشک های", "موشـک‌هاي"]
] + [
    ("موشکهای", "موشک‌های"),
    ("موشکهای", "موشکهای"),
    pytest.param("موشکهای", "موشک های", marks=pytest.mark.xfail(
        strict=True, reason="limitation: a lexicon word written joined without ZWNJ has no known split point, "
                            "so the spaced spelling is not matched (the ZWNJ form matches all three)")),
]


@pytest.mark.parametrize("lex_word, spelling", _SPELLINGS)
def test_zwnj_space_and_joined_spellings_match_alike(tmp_path, lex_word, spelling):
    engine = _thing_engine(tmp_path, lex_word)
    text = f"سپاه ۲۶ {spelling} شلیک کرد"
    assert _thing_hits(engine, text) == [(f"۲۶ {spelling}", 26)]
    words = f"سپاه بیست و شش {spelling} شلیک کرد"
    assert _thing_hits(engine, words) == [(f"بیست و شش {spelling}", 26)]


def test_plural_lexicon_word_does_not_match_ezafe_form_in_any_spelling(tmp_path):
    # «موشک‌ها» in the lexicon: the three spellings of «موشک‌های» are a different word,
    # and they must all be treated the same way (none of them matches the rule).
    engine = _thing_engine(tmp_path, "موشک‌ها")
    results = {sp: _thing_hits(engine, f"۲۶ {sp} شلیک شد") for sp in ["موشک‌های", "موشکهای", "موشک های"]}
    assert list(results.values()) == [[], [], []]
    # and the plain number is still read in each spelling
    for sp in results:
        assert [m.value for m in engine.mentions(f"۲۶ {sp} شلیک شد")] == [26]
