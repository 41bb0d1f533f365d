"""The matcher: overlap resolution, lookahead, optional and repeated items, determinism, explain.

Every test builds its own small rule directory and loads it WITHOUT the built-in rules, so the
outcome depends only on the rules written here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from rasti import Engine

NUMBER_LEXICONS = """
lexicon number_word
    یک = 1 weak
    دو = 2
    سه = 3
    ده = 10 weak
    بیست = 20
    صد = 100
    هزار = 1000 scale
end

lexicon number_joiner
    و = join
end
"""


def make(tmp_path: Path, files: dict[str, str], name: str = "rules") -> Engine:
    d = tmp_path / name
    d.mkdir()
    for fname, text in files.items():
        (d / fname).write_text(text, encoding="utf-8")
    return Engine(rules=[d], builtin=False)


def rule(name: str, match: str, yield_: str = "number(n)", prio: int | None = None, example: str = '"x"') -> str:
    head = f"rule {name}" + (f" priority {prio}" if prio is not None else "")
    return f"{head}\n    match {match}\n    yield {yield_}\n    reject {example}\nend\n\n"


def names(engine: Engine, text: str) -> list[tuple[str, str]]:
    """(rule name, mention text) for each mention, in text order."""
    by_origin = {r.origin: r.name for r in engine.ruleset.rules}
    return [(by_origin[m.rule], m.text) for m in engine.mentions(text)]


# --- overlap resolution ---------------------------------------------------------------------

def test_covering_span_beats_higher_priority_and_earlier_rule(tmp_path):
    e = make(tmp_path, {"r.rules": (
        rule("short", 'n:int "نفر"', prio=50)
        + rule("long", 'n:int "نفر" "زخمی"', prio=0)
    )})
    assert names(e, "۱۲ نفر زخمی شدند") == [("long", "۱۲ نفر زخمی")]
    # where the long rule does not match, the short one is used
    assert names(e, "۱۲ نفر آمدند") == [("short", "۱۲ نفر")]


def test_span_length_is_measured_in_characters(tmp_path):
    # both candidates are three tokens (word, space, number); «تعداد ۱۲» has more characters
    e = make(tmp_path, {"r.rules": (
        rule("after", 'n:int "نفر"', prio=5)
        + rule("before", '"تعداد" n:int', prio=0)
    )})
    assert names(e, "تعداد ۱۲ نفر") == [("before", "تعداد ۱۲")]
    assert names(e, "شمار ۱۲ نفر") == [("after", "۱۲ نفر")]


def test_priority_decides_between_equal_spans(tmp_path):
    e = make(tmp_path, {"r.rules": (
        rule("first", 'n:int "نفر"', "number(n)")
        + rule("second", 'n:int "نفر"', "percent(n)", prio=3)
    )})
    (m,) = e.mentions("۱۲ نفر")
    assert m.kind == "percent"
    assert names(e, "۱۲ نفر") == [("second", "۱۲ نفر")]


def test_negative_priority_loses_to_default(tmp_path):
    e = make(tmp_path, {"r.rules": (
        rule("low", 'n:int "نفر"', "percent(n)", prio=-1)
        + rule("plain", 'n:int "نفر"', "number(n)")
    )})
    assert names(e, "۱۲ نفر") == [("plain", "۱۲ نفر")]


def test_file_order_decides_between_equal_span_and_priority(tmp_path):
    e = make(tmp_path, {"r.rules": (
        rule("earlier", 'n:int "نفر"', "number(n)")
        + rule("later", 'n:int "نفر"', "percent(n)")
    )})
    assert names(e, "۱۲ نفر") == [("earlier", "۱۲ نفر")]
    e2 = make(tmp_path, {"r.rules": (
        rule("earlier", 'n:int "نفر"', "percent(n)")
        + rule("later", 'n:int "نفر"', "number(n)")
    )}, name="swapped")
    assert names(e2, "۱۲ نفر") == [("earlier", "۱۲ نفر")]
    assert e2.mentions("۱۲ نفر")[0].kind == "percent"


def test_file_order_across_files_is_by_file_name(tmp_path):
    e = make(tmp_path, {
        "b.rules": rule("from_b", 'n:int "نفر"', "percent(n)"),
        "a.rules": rule("from_a", 'n:int "نفر"', "number(n)"),
    })
    assert names(e, "۱۲ نفر") == [("from_a", "۱۲ نفر")]


def test_partial_overlap_loser_is_dropped_not_trimmed(tmp_path):
    # «۱۲۳ نفر تیر»: left covers «۱۲۳ نفر», right covers «نفر تیر»: both 7 characters
    e = make(tmp_path, {"r.rules": (
        rule("left", 'n:int "نفر"', prio=1)
        + rule("right", '"نفر" "تیر"', "ignore()")
    )})
    assert names(e, "۱۲۳ نفر تیر") == [("left", "۱۲۳ نفر")]
    rows = {(s, r.split(" ")[0], t) for s, r, t, _ in e.explain("۱۲۳ نفر تیر")}
    assert ("lost", "right", "نفر تیر") in rows and ("won", "left", "۱۲۳ نفر") in rows
    # partial overlaps go to the match that starts first (leftmost-longest), whatever the priority
    e2 = make(tmp_path, {"r.rules": (
        rule("left", 'n:int "نفر"')
        + rule("right", '"نفر" "تیر"', "ignore()", prio=1)
        + rule("bare", "n:int", prio=-5)
    )}, name="swapped")
    assert names(e2, "۱۲۳ نفر تیر") == [("left", "۱۲۳ نفر")]


def test_disjoint_matches_are_all_kept_in_text_order(tmp_path):
    e = make(tmp_path, {"r.rules": (
        rule("people", 'n:int "نفر"')
        + rule("pct", 'n:int "درصد"', "percent(n)")
    )})
    got = [(m.kind, m.text, m.value) for m in e.mentions("۳۰ درصد و ۱۲ نفر و ۵ درصد")]
    assert got == [("percent", "۳۰ درصد", 30), ("number", "۱۲ نفر", 12), ("percent", "۵ درصد", 5)]
    assert [m.start for m in e.mentions("۳۰ درصد و ۱۲ نفر و ۵ درصد")] == [0, 10, 19]


def test_ignore_claims_its_span_and_hides_it(tmp_path):
    e = make(tmp_path, {"r.rules": (
        rule("digits", "n:num")
        + rule("furniture", '"کد" ":"? digits', "ignore()", prio=10)
    )})
    assert e.mentions("کد: ۱۲۳۴۵") == []
    assert e.mentions("کد ۱۲۳۴۵") == []
    assert [m.value for m in e.mentions("کد: ۱۲۳۴۵ و ۴۲")] == [42]
    assert [m.value for m in e.mentions("رقم ۱۲۳۴۵")] == [12345]


def test_a_rejected_match_leaves_room_for_others(tmp_path):
    # range() refuses a reversed range, so the two numbers are read on their own
    e = make(tmp_path, {"r.rules": (
        rule("range", 'a:int "تا" b:int', "range(a, b)")
        + rule("digits", "n:int")
    )})
    assert [(m.text, m.interval) for m in e.mentions("۲۰ تا ۳۰")] == [("۲۰ تا ۳۰", (20, 30))]
    assert [(m.text, m.value) for m in e.mentions("۳۰ تا ۲۰")] == [("۳۰", 30), ("۲۰", 20)]


# --- lookahead ------------------------------------------------------------------------------

LOOK = """
lexicon unit
    نفر | تن = person
end
"""


def test_followed_by_requires_but_does_not_consume(tmp_path):
    e = make(tmp_path, {"r.rules": LOOK + rule("counted", "n:int followed-by(@unit)")})
    assert [(m.text, m.value) for m in e.mentions("۱۲ نفر آمدند")] == [("۱۲", 12)]
    assert [(m.text, m.value) for m in e.mentions("۱۲ تن آمدند")] == [("۱۲", 12)]
    assert e.mentions("۱۲ کتاب") == []
    assert e.mentions("۱۲") == []


def test_not_followed_by_blocks(tmp_path):
    e = make(tmp_path, {"r.rules": LOOK + rule("uncounted", "n:int not-followed-by(@unit)")})
    assert e.mentions("۱۲ نفر") == []
    assert [m.text for m in e.mentions("۱۲ کتاب")] == ["۱۲"]
    assert [m.text for m in e.mentions("۱۲")] == ["۱۲"]


def test_lookahead_with_a_sequence_and_alternatives(tmp_path):
    e = make(tmp_path, {"r.rules": rule("killed", 'n:int followed-by("نفر" ("کشته" | "زخمی"))')})
    assert [m.text for m in e.mentions("۱۲ نفر کشته شدند")] == ["۱۲"]
    assert [m.text for m in e.mentions("۱۲ نفر زخمی شدند")] == ["۱۲"]
    assert e.mentions("۱۲ نفر آمدند") == []
    assert e.mentions("۱۲ کشته") == []


def test_lookahead_does_not_block_the_following_match(tmp_path):
    # the looked-at word is not consumed, so another rule can still claim it
    e = make(tmp_path, {"r.rules": (
        LOOK + rule("count", "n:int followed-by(@unit)")
        + rule("unit_pct", '"نفر" n:int', "percent(n)")
    )})
    got = [(m.kind, m.text) for m in e.mentions("۱۲ نفر ۵")]
    assert got == [("number", "۱۲"), ("percent", "نفر ۵")]


def test_word_boundaries_are_exact(tmp_path):
    # «نفرات» is another word: neither the literal nor the lookahead may match half of it
    e = make(tmp_path, {"r.rules": LOOK + rule("count", "n:int followed-by(@unit)")
                        + rule("lit", 'n:int "ن"', "percent(n)")})
    assert e.mentions("۱۲ نفرات") == []
    assert e.mentions("۱۲ نان") == []


# --- optional and repeated items ------------------------------------------------------------

HEDGE = """
lexicon hedge
    حدود | نزدیک به = around tolerance=0.1
    بیش از = gt
end
"""


def test_optional_leading_item(tmp_path):
    e = make(tmp_path, {"r.rules": HEDGE + rule("pct", 'h:@hedge? n:num "درصد"', "percent(n, h)")})
    (m,) = e.mentions("سهم ۳۰ درصد")
    assert (m.text, m.value, m.hedge) == ("۳۰ درصد", 30, None)
    (m,) = e.mentions("سهم حدود ۳۰ درصد")
    assert (m.text, m.interval, m.hedge) == ("حدود ۳۰ درصد", (27, 33), "around")
    (m,) = e.mentions("سهم نزدیک به ۳۰ درصد")
    assert m.text == "نزدیک به ۳۰ درصد"
    (m,) = e.mentions("سهم بیش از ۳۰ درصد")
    assert (m.interval, m.hedge) == ((30, None), "gt")


def test_optional_trailing_and_middle_items(tmp_path):
    e = make(tmp_path, {"r.rules": rule("people", 'n:int "نفر"? "زخمی"')})
    assert [m.text for m in e.mentions("۱۲ نفر زخمی شدند")] == ["۱۲ نفر زخمی"]
    assert [m.text for m in e.mentions("۱۲ زخمی شدند")] == ["۱۲ زخمی"]
    assert e.mentions("۱۲ نفر شدند") == []
    e2 = make(tmp_path, {"r.rules": rule("punct", 'n:int ":"?')}, name="punct")
    assert [m.text for m in e2.mentions("۱۲: نفر")] == ["۱۲:"]
    assert [m.text for m in e2.mentions("۱۲ نفر")] == ["۱۲"]


def test_plus_repeats_one_or_more(tmp_path):
    e = make(tmp_path, {"r.rules": rule("very", '"خیلی"+ n:int', "number(n)")})
    assert [m.text for m in e.mentions("خیلی ۵")] == ["خیلی ۵"]
    assert [m.text for m in e.mentions("خیلی خیلی خیلی ۵")] == ["خیلی خیلی خیلی ۵"]
    assert e.mentions("۵") == []


def test_star_repeats_zero_or_more(tmp_path):
    e = make(tmp_path, {"r.rules": rule("very", 'n:int "خیلی"* "زیاد"', "number(n)")})
    assert [m.text for m in e.mentions("۵ زیاد")] == ["۵ زیاد"]
    assert [m.text for m in e.mentions("۵ خیلی زیاد")] == ["۵ خیلی زیاد"]
    assert [m.text for m in e.mentions("۵ خیلی خیلی زیاد")] == ["۵ خیلی خیلی زیاد"]
    assert e.mentions("۵ خیلی") == []


def test_optional_group_with_capture(tmp_path):
    e = make(tmp_path, {"r.rules": rule("people", 'n:int ("از" t:int)? "نفر"', "number(n)")})
    assert [m.text for m in e.mentions("۵ از ۱۲ نفر")] == ["۵ از ۱۲ نفر"]
    assert [(m.text, m.value) for m in e.mentions("۵ نفر")] == [("۵ نفر", 5)]


def test_alternative_match_lines(tmp_path):
    text = ("rule two_ways\n    match n:int \"نفر\"\n    match \"تعداد\" n:int\n    yield number(n)\n"
            "    reject \"x\"\nend\n")
    e = make(tmp_path, {"r.rules": text})
    assert [m.text for m in e.mentions("۵ نفر")] == ["۵ نفر"]
    assert [m.text for m in e.mentions("تعداد ۵")] == ["تعداد ۵"]
    assert e.mentions("۵ کتاب") == []


def test_int_range_limits_what_matches(tmp_path):
    e = make(tmp_path, {"r.rules": rule("year", 'n:int(1300..1499) "ش"')})
    assert [m.value for m in e.mentions("۱۴۰۲ ش")] == [1402]
    assert e.mentions("۱۲۹۹ ش") == []
    assert e.mentions("۱۵۰۰ ش") == []
    assert e.mentions("۱۴۰٫۲ ش") == []


def test_number_type_with_user_lexicons(tmp_path):
    e = make(tmp_path, {"r.rules": NUMBER_LEXICONS + rule("words", "n:number")})
    assert [(m.text, m.value) for m in e.mentions("بیست و سه آمدند")] == [("بیست و سه", 23)]
    assert [(m.text, m.value) for m in e.mentions("دو هزار و صد")] == [("دو هزار و صد", 2100)]
    assert [(m.text, m.value) for m in e.mentions("۱۲ هزار")] == [("۱۲ هزار", 12000)]
    # «چهار» is not in this lexicon
    assert e.mentions("چهار") == []
    # lone weak words are refused by number()
    assert e.mentions("یک") == [] and e.mentions("ده") == []
    assert [m.value for m in e.mentions("ده هزار")] == [10000]


def test_constant_production_argument(tmp_path):
    e = make(tmp_path, {"r.rules": rule("pr", 'a:int "تا" b:int "درصد"', 'range(a, b, "percent")')})
    (m,) = e.mentions("۲۰ تا ۳۰ درصد")
    assert (m.kind, m.interval, m.hedge) == ("percent", (20, 30), "range")


# --- determinism ----------------------------------------------------------------------------

COMPETING = (
    HEDGE + LOOK
    + rule("num", "n:num")
    + rule("counted", "n:int followed-by(@unit)", "percent(n)")
    + rule("hedged", "h:@hedge n:num", "number(n, h)")
    + rule("hedged_pct", 'h:@hedge n:num "درصد"', "percent(n, h)")
    + rule("range", 'a:int "تا" b:int', "range(a, b)", prio=2)
    + rule("code", '"کد" digits', "ignore()", prio=9)
)
TEXT = "حدود ۳۰ درصد و ۱۲ نفر، ۲۰ تا ۳۰ تن، بیش از ۵ و کد ۹۸۷۶۵ و ۳۰ تا ۲۰ و ۴۲"


def _dump(ms):
    return [(m.id, m.kind, m.text, m.start, m.end, m.value, m.interval, m.rule, m.hedge) for m in ms]


def test_same_output_twice_and_across_engines(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    first = _dump(e.mentions(TEXT))
    assert first == _dump(e.mentions(TEXT))
    assert first == _dump(e.read(TEXT).mentions)
    other = make(tmp_path, {"r.rules": COMPETING}, name="again")
    assert [x[1:5] + x[5:7] for x in first] == [x[1:5] + x[5:7] for x in _dump(other.mentions(TEXT))]
    assert [(k, t) for _, k, t, *_ in first] == [
        ("percent", "حدود ۳۰ درصد"), ("number", "۱۲"), ("number", "۲۰ تا ۳۰"),
        ("number", "بیش از ۵"), ("number", "۳۰"), ("number", "۲۰"), ("number", "۴۲"),
    ]


def test_explain_is_deterministic(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    assert e.explain(TEXT) == e.explain(TEXT)


def test_result_does_not_depend_on_other_texts(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    alone = _dump(e.mentions("۱۲ نفر"))
    e.mentions(TEXT)
    e.mentions("۹۹ تن و ۸۸ درصد")
    assert _dump(e.mentions("۱۲ نفر")) == alone


# --- explain --------------------------------------------------------------------------------

def test_explain_lists_winners_and_losers(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    log = e.explain("حدود ۳۰ درصد")
    assert all(len(row) == 4 for row in log)
    rows = {(status, r.split(" (")[0], text, kind) for status, r, text, kind in log}
    assert ("won", "hedged_pct", "حدود ۳۰ درصد", "percent") in rows
    assert ("lost", "hedged", "حدود ۳۰", "number") in rows
    assert ("lost", "num", "۳۰", "number") in rows
    assert sum(1 for row in log if row[0] == "won") == len(e.mentions("حدود ۳۰ درصد"))


def test_explain_names_rule_origin(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    origins = {r.name: r.origin for r in e.ruleset.rules}
    for status, r, text, kind in e.explain("کد ۹۸۷۶۵"):
        name = r.split(" (")[0]
        assert r == f"{name} ({origins[name]})"
    rows = {(s, r.split(" (")[0], t, k) for s, r, t, k in e.explain("کد ۹۸۷۶۵")}
    assert ("won", "code", "کد ۹۸۷۶۵", "ignored") in rows
    assert ("lost", "num", "۹۸۷۶۵", "number") in rows


def test_explain_texts_are_original_spans(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    text = "حدود \u200f۳۰\u200f درصـــد"
    for status, r, t, kind in e.explain(text):
        assert t in text and t[0] not in "\u200f" and t[-1] != "\u200f"
    won = [t for s, r, t, k in e.explain(text) if s == "won"]
    assert won == ["حدود \u200f۳۰\u200f درصـــد"]


def test_explain_with_no_candidates(tmp_path):
    e = make(tmp_path, {"r.rules": COMPETING})
    assert e.explain("هیچ عددی اینجا نیست") == []


def test_explain_on_builtin_rules_agrees_with_mentions():
    e = Engine()
    text = "حدود ۳۰ درصد از ۲٬۵۰۰ نفر و ده‌ها تن"
    won = [(t, k) for s, r, t, k in e.explain(text) if s == "won" and k != "ignored"]
    ms = [(m.text, m.kind) for m in e.mentions(text)]
    assert len(ms) >= 3
    assert set(ms) <= set(won)
    assert any(s == "lost" for s, *_ in e.explain(text))


# --- the tokenizer's shortcuts ----------------------------------------------------------------

_TOKEN_CHARS = " \n\t\u200c\u200d ab1٫,/:-زکیكي۲٣²_\u064b\u0640é中ﺏ\U0001F600."


def test_token_shortcuts_split_exactly_like_the_general_pattern():
    """PIECE starts with fast branches (one space, a Persian/ASCII-letter word); they must cut the
    text exactly where the general branches alone would."""
    import re
    from hypothesis import given, settings, strategies as st
    from rasti.read import numbers as N
    from rasti.read.compiler import PIECE
    general = re.compile(N.NUMERIC_PIECE + r"|[^\W\d_]+(?:\u200c[^\W\d_]+)*|[^\S\n]*\n\s*|[^\S\n]+|.", re.S)

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.sampled_from(list(_TOKEN_CHARS) + ["  ", " \n ", "موشک\u200cها"]), max_size=30).map("".join))
    def same(s):
        assert PIECE.findall(s) == general.findall(s)

    same()
    assert PIECE.findall("موشک‌های  ۲۶\n ta") == general.findall("موشک‌های  ۲۶\n ta")


def test_a_rule_that_can_start_at_any_word(tmp_path):
    """`word` can be any word, so such a rule is tried at every place (the matcher's slower
    path without a finder); it still competes by span with the others."""
    e = make(tmp_path, {"r.rules": (
        rule("any_word", 'w:word n:int "نفر"', "number(n)")
        + rule("plain", 'n:int "نفر"', "percent(n)")
    )})
    assert names(e, "حدود ۱۲ نفر آمدند و ۵ نفر") == [("any_word", "حدود ۱۲ نفر"), ("any_word", "و ۵ نفر")]
    assert names(e, "۱۲ نفر") == [("plain", "۱۲ نفر")]


# --- reused drafts (the first layer computes a Draft once per distinct match) ---------------

def test_capture_inside_a_lookahead_is_read_every_time(tmp_path):
    # the match is «۱۲» both times, but what the lookahead captured differs: no reuse
    e = make(tmp_path, {"r.rules": (
        "lexicon sign\n    مثبت = 1\n    منفی = -1\nend\n\n"
        + rule("signed_after", "n:int followed-by(s:@sign)", "signed(n, s)")
    )})
    assert not e.ruleset.rules[0].inside
    assert [m.value for m in e.mentions("۱۲ منفی")] == [-12]
    assert [m.value for m in e.mentions("۱۲ مثبت")] == [12]
    assert [m.value for m in e.mentions("۱۲ منفی")] == [-12]


def test_same_words_with_another_publication_date_resolve_again():
    from rasti.api import default_engine
    e = default_engine()
    text = "دیروز، ۱۵ مهر"
    first = [(m.kind, m.value) for m in e.mentions(text, published="2015-10-10")]
    later = [(m.kind, m.value) for m in e.mentions(text, published="2020-10-20")]
    assert first == [("date", "2015-10-09"), ("date", "2015-10-07")]
    assert later == [("date", "2020-10-19"), ("date", "2020-10-06")]
    assert [(m.kind, m.value) for m in e.mentions(text, published="2015-10-10")] == first


def test_reused_mentions_do_not_share_their_extra_fields():
    from rasti.api import default_engine
    e = default_engine()
    a = e.mentions("ساعت ۸ شب", published="2015-10-10")
    b = e.mentions("ساعت ۸ شب", published="2015-10-10")
    assert [m.to_dict() for m in a] == [m.to_dict() for m in b]
    a[0].extra["note"] = "changed by a caller"
    assert "note" not in e.mentions("ساعت ۸ شب", published="2015-10-10")[0].extra


# --- the finder's two-word starts («در» only as the first word of «در حدود») ---------------------

_IN_ABOUT = """
lexicon approx
    در حدود | حدود = around tolerance=0.1
    نزدیک به = around tolerance=0.1
end
"""


def _pairs(e: Engine, name: str) -> dict:
    (r,) = [r for r in e.ruleset.matcher.rules if r.name == name]
    vocab = e.ruleset.matcher.tokenize.vocab
    back = {s: w for w, s in vocab.items()}
    return {back.get(a, a): sorted(back.get(b, b) for b in bs) for a, bs in r.pairs}


def test_a_word_that_only_opens_a_phrase_starts_its_rule_as_a_pair(tmp_path):
    e = make(tmp_path, {"r.rules": _IN_ABOUT + rule("pct", 'h:@approx? n:num "درصد"', "percent(n, h)")})
    assert _pairs(e, "pct") == {"در": ["حدود"], "نزدیک": ["به"]}
    # read the same as before: the pair opens the match; a lone «در» is passed over
    assert [(m.text, m.hedge) for m in e.mentions("سهم در حدود ۳۰ درصد بود")] == [("در حدود ۳۰ درصد", "around")]
    assert [(m.text, m.hedge) for m in e.mentions("در بازار ۳۰ درصد سهم دارد")] == [("۳۰ درصد", None)]
    assert [(m.text, m.hedge) for m in e.mentions("نزدیک به ۳۰ درصد و در ۲۰ درصد")] == [
        ("نزدیک به ۳۰ درصد", "around"), ("۲۰ درصد", None)]


def test_a_word_that_opens_two_rules_starts_the_pairs_of_both(tmp_path):
    e = make(tmp_path, {"r.rules": _IN_ABOUT + rule("pct", 'h:@approx? n:num "درصد"', "percent(n, h)")
                        + rule("in", '"در" n:num "روستا"', "number(n)")
                        + rule("alone", '"در" word "روستا"', "number(1)")})
    assert _pairs(e, "pct") == {"در": ["حدود"], "نزدیک": ["به"]}
    assert list(_pairs(e, "in")) == ["در"]         # «در» then digits
    assert _pairs(e, "alone") == {}               # «در» then any word: «در» starts it alone
    # the finder stops at «در» for all three rules and each reads its own
    assert [m.text for m in e.mentions("در ۳ روستا و در حدود ۳۰ درصد")] == ["در ۳ روستا", "در حدود ۳۰ درصد"]



def test_one_word_literals_before_a_required_word_start_pairs(tmp_path):
    e = make(tmp_path, {"r.rules": rule("hour", '("این" | "همان") "ساعت" n:int', "number(n)")})
    assert _pairs(e, "hour") == {"این": ["ساعت"], "همان": ["ساعت"]}
    assert [m.text for m in e.mentions("این خبر را تا این ساعت ۹ نفر خواندند")] == ["این ساعت ۹"]
    assert [m.text for m in e.mentions("همان‌جا همان ساعت ۳ رسیدند")] == ["همان ساعت ۳"]


_ORDINALS = """
lexicon ord
    سوم = 3
    سی ام = 30
end
"""


def test_a_number_guard_admits_what_follows_even_when_it_begins_with_a_number_word(tmp_path):
    # «سی ام» begins with the number word «سی»: the guard before the optional number cannot be
    # possessive (it would swallow «سی»), so it reads the run back
    e = make(tmp_path, {"r.rules": NUMBER_LEXICONS.replace("end\n\nlexicon number_joiner", "    سی = 30\nend\n\nlexicon number_joiner", 1)
                        + _ORDINALS + rule("ord", '(n:number @number_joiner)? o:@ord', "number(o)")})
    (r,) = [r for r in e.ruleset.matcher.rules if r.name == "ord"]
    assert "{0,64}[" in r.regex.pattern          # the guard is there, not possessive
    assert [m.text for m in e.mentions("صد و سی ام نفر")] == ["صد و سی ام"]
    assert [m.text for m in e.mentions("دو و سوم")] == ["دو و سوم"]
    assert [m.text for m in e.mentions("سی ام")] == ["سی ام"]
    assert e.mentions("صد و بیست نفر") == []
