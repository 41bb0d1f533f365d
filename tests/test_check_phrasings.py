"""Issue 17: what a desk catches inside one article, in more phrasings. One error is flagged once
(the interpreter's deduplication, by code and spans, and the same error restated); every flag's
evidence is enough to redo its arithmetic by hand; relative days are checked against the
publication clock; selectors take optional lexicons.

The phrasings themselves are `example` lines in rules/checks.rules (tests/test_rule_examples.py)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasti import Engine


def _flags(engine: Engine, text: str, published: str | None = "2015-10-08"):
    return engine.check(engine.read(text, published=published)).flags


# --- one error, one flag ------------------------------------------------------------------------

def test_a_wrong_pair_restated_is_one_flag(engine):
    para = "این روزنامه‌نگار در تاریخ ۲۲ ژوئیه ۲۰۱۴ (۳۰ تیر ۱۳۹۳) بازداشت شد."
    flags = _flags(engine, f"{para}\nاو دو ماه بعد آزاد شد.\n{para}", published="2016-01-20")
    cal = [f for f in flags if f.code == "calendar-mismatch"]
    assert len(cal) == 1
    f = cal[0]
    assert len(f.repeats) == 1 and len(f.repeats[0]) == 2           # the second place, both its dates
    assert f.repeats[0][0][0] > f.spans[-1][1]
    d = f.to_dict()
    assert d["repeats"] == [[list(s) for s in f.repeats[0]]]
    assert "repeats" not in _flags(engine, para, published="2016-01-20")[0].to_dict()


def test_two_checks_of_one_code_on_one_span_flag_once(tmp_path):
    """A user check that raises a built-in code on the same text does not double the flag."""
    d = tmp_path / "mine"
    d.mkdir()
    (d / "extra.rules").write_text('''check weekday-mismatch.again
    code weekday-mismatch
    severity error
    applies dated_weekday(year=@year_word)
    where date.valid and not date.relative
    when weekday != weekday_of(date)
    message fa "روز هفته نادرست"
    message en "wrong weekday"
    example "روز سه‌شنبه ۱۵ مهر ۱۳۹۴" => weekday-mismatch
end
''', encoding="utf-8")
    eng = Engine([d])
    flags = eng.check(eng.read("روز سه‌شنبه ۱۵ مهر ۱۳۹۴ جلسه برگزار شد", published="2015-10-08")).flags
    assert [f.code for f in flags] == ["weekday-mismatch"]


_DATE_PAIRS = [
    "۱۵ مهر ۱۳۹۴ (۷ اکتبر ۲۰۱۵)", "۱۵ مهر ۱۳۹۴ (۸ اکتبر ۲۰۱۵)", "۲۲ ژوئیه ۲۰۱۴ (۳۰ تیر ۱۳۹۳)",
    "۱ فروردین ۱۴۰۳ برابر با ۲۱ مارس ۲۰۲۴", "روز سه‌شنبه ۱۵ مهر ۱۳۹۴", "۳۱ مهر ۱۳۹۴", "۱۵ مهر (۸ اکتبر)",
    "۱۰ ذی‌الحجه ۱۴۳۶ برابر با ۳ مهر ۱۳۹۴", "سه‌شنبه ۱۳۹۴/۰۷/۱۵",
]
_FIGURES = [
    "از ۲۷ جان‌باخته، ۱۵ نفر اهل گل‌تپه و ۱۴ نفر اهل ده‌نو بودند", "۷ نفر زن و ۵ نفر مرد، در مجموع ۱۰ نفر",
    "از ۲۰۰ نفر، ۵۰ نفر یعنی ۳۵ درصد", "۳۰ درصد از ۲۰۰ نفر، یعنی ۸۰ نفر", "۶۲ درصد موافق و ۴۵ درصد مخالف بودند",
    "ارزش قرارداد ۳۶۰ میلیارد تومان است", "ارزش قرارداد ۳۶۰ میلیارد ریال است",
    "۳۶ هزار میلیارد ریال (معادل ۳۶۰ میلیارد تومان)", "از ۱۲ عضو هیئت، ۳۰ درصد موافق بودند",
    "او متولد ۱۳۵۸ است و اکنون ۴۰ سال دارد", "دیروز سه‌شنبه جلسه برگزار شد",
]
_GLUE = ["، ", " و ", ". ", ".\n", " در روز ", " ("]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_DATE_PAIRS + _FIGURES), st.sampled_from(_GLUE)), min_size=1, max_size=8))
def test_no_two_flags_share_code_and_spans(engine, pieces):
    text = "".join(p + g for p, g in pieces)
    flags = _flags(engine, text)
    keys = [(f.code, f.spans) for f in flags]
    assert len(keys) == len(set(keys)), text
    restated = [(f.code, tuple(sorted(f.message.items())), repr(sorted(f.evidence.items()))) for f in flags]
    assert len(restated) == len(set(restated)), text
    for f in flags:                                   # every restatement points at its own place
        assert all(r != f.spans for r in f.repeats)


# --- evidence: enough to redo the arithmetic -----------------------------------------------------

# the evidence each check's flag must carry (beyond what its message says), non-empty
EVIDENCE = {
    "invalid-date": ("days", "stated_day"),
    "weekday-mismatch": ("actual", "stated", "day"),
    "weekday-mismatch.relative": ("day", "actual", "stated", "distance", "slack"),
    "calendar-mismatch": ("actual", "first_day", "second_day", "distance"),
    "date-order.since": ("after", "since", "published_day"),
    "date-order.completed": ("after", "day", "published_day"),
    "date-order.range": ("days", "start_day", "end_day"),
    "duration-mismatch": ("days", "start_day", "end_day", "stated_lo", "stated_hi"),
    "age-mismatch": ("born", "stated_age", "now", "years", "at_date"),
    "sum-mismatch.parts": ("parts_sum", "part_values", "total_value"),
    "sum-mismatch.shares": ("total", "share_values"),
    "percent-mismatch": ("actual", "part_value", "whole_value", "stated_lo", "stated_hi"),
    "percent-mismatch.grim": ("possible", "whole_value", "stated_lo", "stated_hi"),
    "repeated-value-mismatch": ("first_value", "second_value"),
    "unit-scale-suspect": ("factor", "first_base", "second_base"),
    "unit-scale-suspect.repeated": ("factor", "first_base", "second_base"),
}


def test_every_flag_carries_its_arithmetic(engine):
    checks = engine.ruleset.checks.checks
    assert {c.name for c in checks} == set(EVIDENCE)
    for c in checks:
        raising = [e for e in c.examples if not e.reject and getattr(e.expected, "name", "ok") != "ok"]
        assert raising, c.name
        for ex in raising:
            published = ex.published or c.published
            art = engine.read(ex.text, published=published)
            t, tokens, spans = engine._last.analysis[1:]
            flags, _ = engine.ruleset.checks.run(t, tokens, list(art.mentions), list(spans), art.facts,
                                                 published, only=c)
            assert flags, (c.name, ex.text)
            for f in flags:
                missing = [k for k in EVIDENCE[c.name] if f.evidence.get(k) in (None, [], "")]
                assert not missing, (c.name, ex.text, missing, f.evidence)
                assert f.message["fa"] and f.message["en"]
                assert "?" not in f.message["en"].replace("«", "").split("»")[-1], (c.name, f.message["en"])


def test_sum_evidence_adds_up(engine):
    f = next(f for f in _flags(engine, "در این حادثه ۱۲ نفر کشته و ۳۰ نفر زخمی شدند و در مجموع ۵۰ نفر آسیب دیدند")
             if f.code == "sum-mismatch")
    assert sum(p["value"] for p in f.evidence["part_values"]) == f.evidence["parts_sum"] == 42
    assert f.evidence["total_value"] == 50 and f.evidence["all_parts"] is True
    assert "۴۲" in f.message["fa"] and "42" in f.message["en"]


def test_age_evidence(engine):
    f = next(f for f in _flags(engine, "وی که در سال ۱۳۴۵ به دنیا آمد، اکنون ۶۵ ساله است", published="2024-06-01")
             if f.code == "age-mismatch")
    assert (f.evidence["born"], f.evidence["stated_age"], f.evidence["now"], f.evidence["years"]) == (1345, 65, 1403, 58)
    assert "۱۳۴۵" in f.message["fa"] and "۱۴۰۳" in f.message["fa"] and "1403 − 1345 = 58" in f.message["en"]
    f = next(f for f in _flags(engine, "متولد ۱۳۳۱ بود و در سال ۱۳۹۱ در ۵۰ سالگی درگذشت") if f.code == "age-mismatch")
    assert f.evidence["now"] == 1391 and f.evidence["at_date"]["text"] == "سال ۱۳۹۱"


def test_percent_first_evidence(engine):
    f = next(f for f in _flags(engine, "۳۰ درصد از ۲۰۰ نفر، یعنی ۸۰ نفر") if f.code == "percent-mismatch")
    assert (f.evidence["part_value"], f.evidence["whole_value"], f.evidence["stated"], f.evidence["actual"]) == (80, 200, 30, 40)


# --- relative days and the publication clock ------------------------------------------------------

def test_the_publication_time_reaches_the_checks(engine):
    art = engine.read("امروز (چهارشنبه) نشست خبری برگزار شد", published="2024-03-05T23:30")
    assert art.published == "2024-03-05" and art.published_at == "2024-03-05T23:30"
    d = art.to_dict()                    # the day stays `published`; the time is an added field (issue 15)
    assert (d["published"], d["published_at"]) == ("2024-03-05", "2024-03-05T23:30")
    assert not engine.check(art).flags                                  # near midnight: Wednesday may be meant
    art = engine.read("امروز (چهارشنبه) نشست خبری برگزار شد", published="2024-03-05T12:00")
    f = engine.check(art).flags[0]
    assert (f.code, f.severity) == ("weekday-mismatch", "warning")
    assert f.evidence["distance"] == 1 and f.evidence["slack"] == [0] and f.evidence["published_time"] == "12:00"
    art = engine.read("امروز (چهارشنبه) نشست خبری برگزار شد", published="2024-03-05")
    assert not engine.check(art).flags                                  # the day alone: one day either way
    art = engine.read("امروز (پنجشنبه) نشست خبری برگزار شد", published="2024-03-05")
    assert engine.check(art).flags[0].evidence["slack"] == [-1, 0, 1]


# --- selectors keep their old parameters ------------------------------------------------------------

def test_birth_age_with_its_first_parameters(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "extra.rules").write_text('''check age-mismatch
    severity warning
    applies birth_age(born=@born_word, age_after_number=@age_after_number, age_after_years=@age_after_years)
    evidence now = year_in(at, born_calendar)
    evidence years = now - born_year
    when age_years < years - 1 or age_years > years
    message fa "سن نادرست"
    message en "wrong age"
    example "او متولد ۱۳۵۸ است و اکنون ۴۰ سال دارد" => age-mismatch published 2024-05-11
    example "وی که در سال ۱۳۴۵ به دنیا آمد، اکنون ۶۵ ساله است" => ok published 2024-06-01
end
''', encoding="utf-8")
    eng = Engine([d])
    art = eng.check(eng.read("او متولد ۱۳۵۸ است و اکنون ۴۰ سال دارد", published="2024-05-11"))
    assert [f.message["en"] for f in art.flags] == ["wrong age"]
    art = eng.check(eng.read("وی که در سال ۱۳۴۵ به دنیا آمد، اکنون ۶۵ ساله است", published="2024-06-01"))
    assert not art.flags                                 # no born_verb lexicon given: that form is not read
