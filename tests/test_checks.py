"""Internal consistency checks (issue 5): every code on sentences of our own, the corpus's planted
flags and clean articles, the flag and coverage contract, the expression language's whitelist,
check-block errors, and `rasti check`'s output and exit status.

The rule files' own `example` lines for checks run in tests/test_rule_examples.py
(ids rules/checks.rules:<line>)."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import yaml

from rasti import Engine
from rasti.verify.checks import FUNCTIONS, Coverage, Flag
from rasti.cli import main
from rasti.feed.inputs import read_inputs
from rule_dirs import lint

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CODES = ("invalid-date", "weekday-mismatch", "calendar-mismatch", "date-order", "duration-mismatch",
         "age-mismatch", "sum-mismatch", "percent-mismatch", "repeated-value-mismatch", "unit-scale-suspect")


def check(engine: Engine, text: str, published: str | None = "2015-10-08"):
    return engine.check(engine.read(text, published=published))


def codes(art) -> list[str]:
    return [f.code for f in art.flags]


def flagged(engine, text, code, published="2015-10-08") -> Flag:
    art = check(engine, text, published)
    hits = [f for f in art.flags if f.code == code]
    assert hits, f"expected {code} in {text!r}; got {[(f.code, f.message['en']) for f in art.flags]}"
    return hits[0]


def clean(engine, text, published="2015-10-08", code: str | None = None) -> None:
    art = check(engine, text, published)
    found = [f for f in art.flags if code is None or f.code == code]
    assert not found, f"{text!r}: unexpected {[(f.code, f.message['en']) for f in found]}"


# --- one test group per code: sentences written for these tests -------------------------------

class TestInvalidDate:
    def test_days_that_never_exist(self, engine):
        for text in ("جلسه روز ۳۱ آبان برگزار شد", "۳۱ اسفند", "۳۱ نوامبر ۲۰۱۹", "۳۰ فوریه"):
            flagged(engine, text, "invalid-date")

    def test_leap_days(self, engine):
        f = flagged(engine, "این قانون در ۳۰ اسفند ۱۳۹۸ تصویب شد", "invalid-date", published=None)   # 1398 is common
        assert f.severity == "error"
        assert f.evidence["days"] == 29
        assert "۲۹" in f.message["fa"] and "29 days" in f.message["en"]
        clean(engine, "این قانون در ۳۰ اسفند ۱۳۹۹ تصویب شد", published=None)           # 1399 is leap
        flagged(engine, "۲۹ فوریه ۲۰۲۱", "invalid-date")
        clean(engine, "۲۹ فوریه ۲۰۲۰")

    def test_lunar_thirtieth_is_possible(self, engine):
        clean(engine, "۳۰ رمضان ۱۴۴۴", code="invalid-date")

    def test_numeric_dates(self, engine):
        flagged(engine, "نامه مورخ ۱۴۰۱/۰۷/۳۱", "invalid-date")
        clean(engine, "نامه مورخ ۱۴۰۱/۰۶/۳۱")
        clean(engine, "روزنامه کیهان، ۸/۱۱/۵۷، ص ۷")       # day/month/two-digit year


class TestWeekdayMismatch:
    def test_stated_year(self, engine):
        f = flagged(engine, "روز دوشنبه ۱۵ مهر ۱۳۹۴ حمله آغاز شد", "weekday-mismatch")
        assert {k: f.evidence[k] for k in ("actual", "stated")} == {"actual": 2, "stated": 0}
        assert f.evidence["day"]["gregorian"] == "2015-10-07" and f.evidence["possible"] == [2]
        assert f.message["fa"] == "۱۵ مهر ۱۳۹۴ چهارشنبه بود، نه دوشنبه"
        assert f.message["en"] == "15 Mehr 1394 was a Wednesday, not a Monday"
        clean(engine, "روز چهارشنبه ۱۵ مهر ۱۳۹۴ حمله آغاز شد")

    def test_gregorian_and_english(self, engine):
        flagged(engine, "on Friday, October 7, 2015", "weekday-mismatch")
        clean(engine, "on Wednesday, October 7, 2015")

    def test_yearless_near_publication(self, engine):
        flagged(engine, "روز شنبه ۱۰ مهر", "weekday-mismatch", published="2015-10-08")   # Fri 2 Oct 2015
        clean(engine, "روز جمعه ۱۰ مهر", published="2015-10-08")
        clean(engine, "روز شنبه ۱۰ مهر", published=None)            # no year to test against

    def test_lunar_allows_a_day(self, engine):
        clean(engine, "چهارشنبه ۱۰ ذی‌الحجه ۱۴۳۶")   # tabular Thursday; sighting can shift a day
        flagged(engine, "دوشنبه ۱۰ ذی‌الحجه ۱۴۳۶", "weekday-mismatch")

    def test_traps(self, engine):
        clean(engine, "سه‌شنبه شب و بامداد چهارشنبه ۱۵ مهر ۱۳۹۴ موشک‌ها شلیک شدند")
        clean(engine, "فردا (یکشنبه) آخرین روز مسابقات است", published="2019-09-08")


class TestCalendarMismatch:
    def test_parenthesis_and_links(self, engine):
        f = flagged(engine, "روز ۱۵ مهر ۱۳۹۴ (۶ اکتبر ۲۰۱۵)", "calendar-mismatch")
        assert f.message["en"] == "15 Mehr 1394 is 7 October 2015, not 6 October 2015 (1 day apart)"
        assert f.evidence["actual"]["gregorian"] == "2015-10-07"
        flagged(engine, "اول فروردین ۱۴۰۳ برابر با ۲۱ مارس ۲۰۲۴", "calendar-mismatch")   # it is 20 March
        clean(engine, "اول فروردین ۱۴۰۳ برابر با ۲۰ مارس ۲۰۲۴")
        clean(engine, "۲۰ مارس ۲۰۲۴ مصادف با اول فروردین ۱۴۰۳")

    def test_not_pairs(self, engine):
        clean(engine, "از ۱۵ مهر ۱۳۹۴ تا ۸ اکتبر ۲۰۱۵")
        clean(engine, "۱۵ مهر ۱۳۹۴ و ۸ اکتبر ۲۰۱۵ دو روز مهم بودند")
        clean(engine, "امروز (۱۷ مهر) جلسه برگزار شد")


class TestDateOrder:
    def test_since_after_publication(self, engine):
        f = flagged(engine, "از ۲۰ مهر تاکنون ۵۰ نفر بازداشت شده‌اند", "date-order", published="2015-10-08")
        assert f.severity == "warning" and f.evidence["after"] == 4
        clean(engine, "از ۱۰ مهر تاکنون ۵۰ نفر بازداشت شده‌اند", published="2015-10-08")

    def test_range_ends_before_it_starts(self, engine):
        flagged(engine, "ثبت‌نام از ۱۰ آبان ۱۴۰۲ آغاز و تا ۵ مهر ۱۴۰۲ ادامه دارد", "date-order")
        clean(engine, "ثبت‌نام از ۱۰ آبان ۱۴۰۲ آغاز و تا ۵ آذر ۱۴۰۲ ادامه دارد")
        clean(engine, "از ۲۵ اسفند تا ۵ فروردین تعطیل است", published="2024-03-10")   # crosses the new year
        clean(engine, "مغازه‌ها از ساعت ۲۲ تا ۶ صبح بسته‌اند")

    def test_done_after_publication(self, engine):
        flagged(engine, "روز ۲۰ اکتبر ۲۰۱۵ سه نفر کشته شدند.", "date-order", published="2015-10-08")
        clean(engine, "قرار است نشست روز ۲۰ اکتبر ۲۰۱۵ برگزار شود.", published="2015-10-08")
        clean(engine, "نشست روز ۲۰ اکتبر ۲۰۱۵ در وین برگزار خواهد شد.", published="2015-10-08")


class TestDurationMismatch:
    def test_stated_length(self, engine):
        f = flagged(engine, "نمایشگاه از ۱ آبان تا ۵ آبان، یعنی ۹ روز، برپاست", "duration-mismatch")
        assert f.evidence["days"] == 4
        assert f.message["en"].startswith("1 Aban 1394 to 5 Aban 1394 is 4 days (5 counting both ends)")
        clean(engine, "نمایشگاه از ۱ آبان تا ۵ آبان، یعنی ۵ روز، برپاست")
        clean(engine, "نمایشگاه از ۱ آبان تا ۵ آبان، یعنی ۴ روز، برپاست")

    def test_units(self, engine):
        clean(engine, "از ۱ مهر تا ۱ آبان ۱۳۹۴، یعنی یک ماه")
        flagged(engine, "از ۱ مهر تا ۱ آبان ۱۳۹۴، یعنی دو ماه", "duration-mismatch")
        clean(engine, "از ۳ مهر تا ۵ مهر، یعنی ۴۸ ساعت")


class TestAgeMismatch:
    def test_jalali_and_gregorian(self, engine):
        f = flagged(engine, "این نویسنده متولد ۱۳۴۰ است و اکنون ۳۰ سال دارد.", "age-mismatch", published="2015-10-08")
        assert {k: f.evidence[k] for k in ("now", "years", "born", "stated_age")} == \
            {"now": 1394, "years": 54, "born": 1340, "stated_age": 30}
        assert f.evidence["at_date"] == "2015-10-08"
        clean(engine, "این نویسنده متولد ۱۳۴۰ است و اکنون ۵۴ سال دارد.")
        clean(engine, "این نویسنده متولد ۱۳۴۰ است و اکنون ۵۳ سال دارد.")
        flagged(engine, "The minister, born in 1960, is 45 years old.", "age-mismatch")
        clean(engine, "The minister, born in 1960, is 55 years old.")

    def test_not_an_age_now(self, engine):
        clean(engine, "او متولد ۱۳۰۰ بود و در ۷۰ سالگی درگذشت.")
        clean(engine, "متولد ۱۳۴۰ است و قراردادی ۲۰ ساله امضا کرد.")
        clean(engine, "متولد ۱۳۴۰ است؛ سال ۱۳۷۰ که ۳۰ ساله شد به تهران آمد.")
        clean(engine, "این نویسنده متولد ۱۳۴۰ است و اکنون ۳۰ سال دارد.", published=None)


class TestSumMismatch:
    def test_parts_exceed_the_whole(self, engine):
        f = flagged(engine, "از ۴۰ مصدوم، ۲۵ نفر سرپایی و ۲۰ نفر بستری شدند.", "sum-mismatch")
        assert f.evidence["parts_sum"] == 45 and f.evidence["total_value"] == 40
        assert [p["value"] for p in f.evidence["part_values"]] == [25, 20]
        clean(engine, "از ۴۰ مصدوم، ۲۵ نفر سرپایی و ۱۵ نفر بستری شدند.")
        clean(engine, "از ۴۰ مصدوم، ۲۵ نفر سرپایی و ۱۰ نفر بستری شدند.")

    def test_exact_when_the_text_says_so(self, engine):
        flagged(engine, "۲۰ نفر بازداشت شدند که ۱۲ نفر مرد و بقیه یعنی ۶ نفر زن بودند.", "sum-mismatch")
        clean(engine, "۲۰ نفر بازداشت شدند که ۱۲ نفر مرد و بقیه یعنی ۸ نفر زن بودند.")

    def test_shares_of_one_whole(self, engine):
        f = flagged(engine, "در این نظرسنجی ۶۲ درصد موافق و ۴۵ درصد مخالف بودند.", "sum-mismatch")
        assert f.evidence["total"] == 107
        assert [p["value"] for p in f.evidence["share_values"]] == [62, 45]
        clean(engine, "در این نظرسنجی ۵۲ درصد موافق و ۴۵ درصد مخالف بودند.")

    def test_different_wholes(self, engine):
        clean(engine, "نرخ تورم ۶۰ درصد و نرخ مشارکت ۵۵ درصد بود.")
        clean(engine, "قیمت برنج ۶۰ درصد و قیمت روغن ۷۰ درصد افزایش یافت.")
        clean(engine, "۷۰ درصد مردان و ۶۰ درصد زنان واکسن زده‌اند.")
        clean(engine, "از ۴۲ بند، ۳۹ بند را اجرا کردید، ولی فقط ۱۳ بند را قبول کرده است.")


class TestPercentMismatch:
    def test_count_of_whole(self, engine):
        f = flagged(engine, "از ۸۰ دانشجو، ۲۰ نفر یعنی ۳۰ درصد مردود شدند.", "percent-mismatch")
        assert f.evidence["actual"] == 25
        assert f.message["en"] == "20 of 80 is 25%, not \u2068«۳۰ درصد»\u2069"      # the Persian quote isolated
        clean(engine, "از ۸۰ دانشجو، ۲۰ نفر یعنی ۲۵ درصد مردود شدند.")
        clean(engine, "از ۳ داور، ۲ نفر یعنی ۶۷ درصد رأی دادند.")     # 66.7 rounds to 67

    def test_rounded_counts(self, engine):
        clean(engine, "از ۱۷۱ هزار رأی، ۹۹ هزار رأی یعنی ۵۸ درصد به نام او بود.")

    def test_grim(self, engine):
        f = flagged(engine, "از ۷ عضو شورا، ۵۰ درصد موافق بودند.", "percent-mismatch")
        assert f.evidence["possible"] == [42.9, 57.1]
        clean(engine, "از ۸ عضو شورا، ۵۰ درصد موافق بودند.")

    def test_unrelated_percentages(self, engine):
        clean(engine, "از ۱۲ ماه گذشته، تورم ۳۰ درصد بوده است.")
        clean(engine, "۲۰ نفر کشته شدند و نرخ بیکاری ۳۵ درصد است.")


class TestRepeatedValueMismatch:
    def test_same_claim_twice(self, engine):
        text = ("به گزارش رویترز، سه ناو جنگی ۲۶ موشک شلیک کردند. "
                "به گفته یک مقام ناتو، چهار ناو جنگی در این حمله موشک شلیک کردند.")
        f = flagged(engine, text, "repeated-value-mismatch")
        assert f.severity == "warning"
        assert {k: f.evidence[k] for k in ("first_source", "second_source")} == \
            {"first_source": "رویترز", "second_source": "یک مقام ناتو"}
        assert (f.evidence["first_value"], f.evidence["second_value"]) == (3, 4)
        assert "رویترز" in f.message["fa"] and "یک مقام ناتو" in f.message["en"]
        assert len(f.spans) == 2

    def test_agreeing_and_hedged(self, engine):
        clean(engine, "سه ناو جنگی ۲۶ موشک شلیک کردند. در این حمله سه ناو جنگی موشک شلیک کردند.")
        clean(engine, "نرخ تورم نقطه‌ای ۳۹.۴ درصد بود. تورم نقطه‌ای حدود ۴۰ درصد بود.")


class TestUnitScaleSuspect:
    def test_rial_toman_pairs(self, engine):
        f = flagged(engine, "بودجه ۵۰ میلیارد تومان (۵۰ میلیارد ریال) است", "unit-scale-suspect")
        assert f.evidence["factor"] == 10
        clean(engine, "بودجه ۵۰ میلیارد تومان (۵۰۰ میلیارد ریال) است")
        clean(engine, "بودجه ۵۰ میلیارد تومان (معادل ۵۰۰ میلیارد ریال) است")

    def test_other_units_and_currencies(self, engine):
        clean(engine, "۱۰۰ میلیون دلار (۴ هزار میلیارد تومان)")
        flagged(engine, "طول این جاده ۱۲ کیلومتر (۱۲۰ متر) است", "unit-scale-suspect")


# --- the flag and coverage contract -----------------------------------------------------------

def test_flag_json_contract(engine):
    text = "\u200fناوگان روسيه روز سه‌شنبه ۱۵ مهر ۱۳۹۴ موشک شلیک کرد."   # RLM, Arabic yeh: spans are original
    art = check(engine, text)
    f = next(f for f in art.flags if f.code == "weekday-mismatch")
    d = f.to_dict()
    assert list(d) == ["code", "severity", "message", "spans", "evidence", "rule"]
    assert set(d["message"]) == {"fa", "en"}
    (s, e), = d["spans"]
    assert text[s:e] == "روز سه‌شنبه ۱۵ مهر ۱۳۹۴"
    assert d["rule"].startswith("rules/checks.rules:")
    json.dumps(d, ensure_ascii=False)
    full = art.to_dict()
    assert full["flags"] == [x.to_dict() for x in art.flags]
    assert set(full["coverage"]) == {"found", "checked", "numbers", "dates", "unchecked"}


def test_unchecked_article_has_no_flag_keys(engine):
    d = engine.read("۲۶ موشک", published="2015-10-08").to_dict()
    assert "flags" not in d and "coverage" not in d


def test_coverage(engine):
    art = check(engine, "از ۸۰ دانشجو، ۲۰ نفر یعنی ۲۵ درصد مردود شدند. ساعت ۱۰ صبح ۵ خودرو آمد. روز ۱۵ مهر ۱۳۹۴.")
    c = art.coverage
    assert isinstance(c, Coverage)
    assert (c.numbers, c.checked_numbers) == (4, 3)        # 80, 20, 25 % checked; «۵ خودرو» not
    assert (c.dates, c.checked_dates) == (1, 1)
    assert [u["text"] for u in c.unchecked] == ["۵"]
    assert c.to_dict()["found"] == 5 and c.to_dict()["checked"] == 4


def test_check_without_the_last_read(engine):
    """check() of an article that is not this thread's last read re-tokenizes; same flags."""
    a = engine.read("روز سه‌شنبه ۱۵ مهر ۱۳۹۴", published="2015-10-08")
    engine.read("یک متن دیگر", published="2015-10-08")
    assert codes(engine.check(a)) == ["weekday-mismatch"]


def test_checks_survive_the_rule_cache(engine):
    rs = pickle.loads(pickle.dumps(engine.ruleset))
    assert [c.name for c in rs.checks.checks] == [c.name for c in engine.ruleset.checks.checks]
    art = engine.read("روز سه‌شنبه ۱۵ مهر ۱۳۹۴", published="2015-10-08")
    t, tokens, spans = engine._last.analysis[1:]
    flags, _ = rs.checks.run(t, tokens, list(art.mentions), list(spans), art.facts, art.published)
    assert [f.code for f in flags] == ["weekday-mismatch"]


def test_every_code_is_declared(engine):
    declared = {c.code for c in engine.ruleset.checks.checks}
    assert declared == set(CODES)


# --- the corpus: planted flags are raised, clean articles raise no errors --------------------

def _corpus_articles():
    out = []
    for txt in sorted(CORPUS.glob("*/*-*.txt")):
        gold = yaml.safe_load(txt.with_suffix(".yaml").read_text(encoding="utf-8"))
        out.append(pytest.param(txt, gold.get("flags") or [], id=txt.stem))
    return out


# Planted flags out of reach, with the reason (none at present).
OUT_OF_REACH: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("path,gold", _corpus_articles())
def test_corpus_planted_flags(engine, path, gold):
    src = next(iter(read_inputs([str(path)])))
    art = engine.check(engine.read(src.text, published=src.published, id=src.id))
    for g in gold:
        if (src.id, g["code"]) in OUT_OF_REACH:
            pytest.xfail(OUT_OF_REACH[(src.id, g["code"])])
        a = src.text.find(g["text"])
        assert a >= 0, g
        b = a + len(g["text"])
        hits = [f for f in art.flags if f.code == g["code"] and any(s < b and a < e for s, e in f.spans)]
        assert hits, f"{src.id}: {g['code']} not raised on «{g['text']}»; raised {[(f.code, f.message['en']) for f in art.flags]}"
    planted = {g["code"] for g in gold}
    extra = [f for f in art.flags if f.code not in planted]
    if not gold:
        assert not [f for f in art.flags if f.severity == "error"], [f.message["en"] for f in art.flags]
    assert not extra, f"{src.id}: unexpected {[(f.code, f.message['en']) for f in extra]}"


# --- the expression language and check-block errors ------------------------------------------

CHECK_OK = '''
check my-check
    severity warning
    applies date
    when not date.valid
    message fa "نادرست"
    message en "invalid"
    example "۳۱ مهر" => my-check
end
'''


_lint = lint


def test_user_check_loads(tmp_path):
    assert _lint(tmp_path, CHECK_OK) == []


@pytest.mark.parametrize("line,code", [
    ("when __import__(\"os\")", "R121"),                # no such function: nothing runs
    ("when date.__class__", "R122"),                    # attributes are a whitelist
    ("when eval(\"1\")", "R121"),
    ("when open(\"/etc/passwd\")", "R121"),
    ("when nosuchname > 1", "R121"),
    ("when weekday_of(date, date)", "R121"),            # arity
    ("when date.valid ==", "R100"),                     # syntax, with its column
    ("when name(@no_such_lexicon, 1)", "R102"),
])
def test_expression_whitelist(tmp_path, line, code):
    errs = _lint(tmp_path, CHECK_OK.replace("when not date.valid", line))
    assert [e.code for e in errs] == [code], [e.format() for e in errs]
    assert errs[0].path.endswith("x.rules") and errs[0].line == 5


@pytest.mark.parametrize("old,new,code", [
    ("severity warning", "severity fatal", "R123"),
    ("severity warning\n", "", "R124"),
    ("applies date", "applies nosuch", "R120"),
    ("applies date", "applies date_pair(link=@nope)", "R102"),
    ("applies date", "applies date_pair", "R120"),
    ('message en "invalid"\n', "", "R124"),
    ('example "۳۱ مهر" => my-check', 'example "۳۱ مهر" => other-code', "R125"),
    ('    example "۳۱ مهر" => my-check\n', "", "R110"),
    ("    when not date.valid", "    when not date.valid\n    frobnicate", "R100"),
])
def test_check_block_errors(tmp_path, old, new, code):
    errs = _lint(tmp_path, CHECK_OK.replace(old, new))
    assert code in [e.code for e in errs], [e.format() for e in errs]


def test_functions_are_plain_python_callables():
    assert all(callable(f) for f, _, _ in FUNCTIONS.values())
    assert "eval" not in FUNCTIONS and "exec" not in FUNCTIONS and "getattr" not in FUNCTIONS


def test_user_check_runs(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "x.rules").write_text(CHECK_OK, encoding="utf-8")
    eng = Engine([d])
    art = eng.check(eng.read("روز ۳۱ مهر", published="2015-10-08"))
    assert sorted(codes(art)) == ["invalid-date", "my-check"]
    mine = next(f for f in art.flags if f.code == "my-check")
    assert mine.rule.endswith("x.rules:2") and mine.severity == "warning"
    assert mine.message == {"fa": "نادرست", "en": "invalid"}


# --- rasti check -------------------------------------------------------------------------------

def _run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(["check", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_text_format(capsys):
    path = CORPUS / "caspian" / "caspian-02.txt"
    rc, out, err = _run(capsys, str(path))
    assert rc == 1
    first = out.splitlines()[0]
    assert first == f"{path}:13:24: weekday-mismatch error ۱۵ مهر ۱۳۹۴ چهارشنبه بود، نه سه‌شنبه"
    text = path.read_text(encoding="utf-8").splitlines()[12]
    assert text[23:].startswith("روز سه‌شنبه ۱۵ مهر ۱۳۹۴")      # line:col point into the file
    assert "⟦روز سه‌شنبه ۱۵ مهر ۱۳۹۴⟧" in out.splitlines()[1]
    rc, out, _ = _run(capsys, str(path), "--lang", "en")
    assert out.splitlines()[0].endswith("weekday-mismatch error 15 Mehr 1394 was a Wednesday, not a Tuesday")


def test_cli_fail_on(capsys):
    path = str(CORPUS / "caspian" / "caspian-06.txt")     # one error, two warnings
    assert _run(capsys, path)[0] == 1
    assert _run(capsys, path, "--fail-on", "never")[0] == 0
    warn_only = str(CORPUS / "budget" / "budget-04.txt")   # one warning
    assert _run(capsys, warn_only)[0] == 0
    assert _run(capsys, warn_only, "--fail-on", "warning")[0] == 1
    assert _run(capsys, str(CORPUS / "caspian" / "caspian-01.txt"), "--fail-on", "warning")[0] == 0


def test_cli_json(capsys):
    rc, out, _ = _run(capsys, str(CORPUS / "flood" / "flood-05.txt"), "--format", "json")
    assert rc == 1
    art, = json.loads(out)["articles"]
    assert {"id", "published", "mentions", "facts", "flags", "coverage"} <= set(art)
    assert sorted(f["code"] for f in art["flags"]) == ["duration-mismatch", "invalid-date"]


def test_cli_input_errors(capsys, tmp_path):
    rc, out, err = _run(capsys, str(tmp_path / "missing.txt"))
    assert rc == 2 and "no such file" in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "روز سه‌شنبه ۱۵ مهر ۱۳۹۴", "published": "2015-10-08"}\n{oops\n', encoding="utf-8")
    rc, out, err = _run(capsys, str(bad))
    assert rc == 2 and "malformed JSON" in err
    assert f"{bad}:1: (text 1:1) weekday-mismatch" in out     # jsonl: input line, then line:col in the text
    with pytest.raises(SystemExit) as e:
        main(["check", str(bad), "--fail-on", "sometimes"])
    assert e.value.code == 2


def test_rule_guide_documents_the_language():
    """rules/README.md names every selector and function a check block may use."""
    from rasti.verify.checks import SELECTORS
    guide = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    kinds = {"number", "percent", "ordinal", "fraction", "date", "weekday", "duration", "time", "quantity", "money", "fact"}
    missing = [n for n in list(SELECTORS) + list(FUNCTIONS) if n not in kinds and f"`{n}" not in guide]
    assert not missing, missing
