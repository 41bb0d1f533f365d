"""What rasti writes for a reader comes from the rule files (engine/labels.py): compare's messages
and names (rules/compare.rules), the desk report's labels and `rasti check`'s summary lines
(rules/report.rules), how check messages show lists and yes/no (rules/checks.rules). Every line of those lexicons is exercised here, and the text written is the
text rasti wrote when it lived in Python."""
from __future__ import annotations

import dataclasses
import html
import re

import pytest

from rasti import report as R
from rasti.cli import main
from rasti.lang.bidi import strip_isolates
from rasti.verify.compare import MESSAGES, _participle, claims_of, rules_of
from rasti.lang.labels import Labels, fill, placeholders

def plain(findings) -> list[dict]:
    """The messages as a reader sees the words: without their bidi isolates (tests/test_bidi.py)."""
    return [{k: strip_isolates(v) for k, v in f.message.items()} for f in findings]


REPORT_LEXICONS = ("severity_name", "mention_kind_name", "calendar_name", "ledger_status", "report_label")


def run(engine, *docs):
    return engine.compare([engine.read(t, published=p, id=i) for i, p, t in docs])


# --- the mechanism ---------------------------------------------------------------------------------

def test_fill_names_braces_and_missing_values():
    assert fill("{a} ≠ {b}", {"a": 1, "b": "x"}) == "1 ≠ x"
    assert fill("{{a}} {a}", {"a": 2}) == "{a} 2"
    assert fill("{what}: {gone}", {"what": "w"}) == "w: {gone}"       # a missing value shows the slip
    assert placeholders("{a}: {{b}} {c}") == ["a", "c"]


def test_a_key_the_rules_lack_reads_as_itself():
    labels = Labels({}, "report_label")
    assert labels.get("coverage", "fa") == "coverage" and labels.pair("x") == ("x", "x")


def test_every_display_line_has_both_languages(engine):
    lex = engine.ruleset.lexicons
    for name in (*REPORT_LEXICONS, "unit_name", "compare_message", "check_summary", "check_display"):
        assert lex[name].entries, name
        for e in lex[name].entries:
            assert isinstance(e.attrs.get("fa"), str) and isinstance(e.attrs.get("en"), str), (name, e.forms)


def test_compare_messages_are_the_ones_compare_fills(engine):
    labels = Labels(engine.ruleset.lexicons, "compare_message")
    assert set(labels.keys()) == set(MESSAGES)
    for key, names in MESSAGES.items():
        for lang in ("fa", "en"):
            assert set(placeholders(labels.get(key, lang))) <= set(names), (key, lang)
            assert set(placeholders(labels.get(key, "fa"))) == set(placeholders(labels.get(key, "en"))), key


# --- compare (rules/compare.rules) -----------------------------------------------------------------

STRIKE = "روز ۱۵ مهر ۲۶ موشک کروز شلیک شد."
TOLL = [("q1", "2023-11-15", "در زلزله دست‌کم ۱۲ نفر کشته شدند."),
        ("q2", "2023-11-16", "شمار جان‌باختگان زلزله به ۲۷ نفر رسید."),
        ("q3", "2023-11-17", "تعداد کشته‌شدگان زلزله تاکنون ۴۱ نفر اعلام شده است."),
        ("q4", "2023-11-18", "در این زلزله ۳۳ نفر کشته شدند.")]


@pytest.mark.parametrize("hedged, fa, en", [
    ("حدود ۴۰", "۲۶ ≠ حدود ۴۰ موشک کروز شلیک‌شده در ۲۰۱۵-۱۰-۰۷", "26 ≠ about 40 cruise missile fired on 2015-10-07"),
    ("دست‌کم ۳۰", "۲۶ ≠ دست‌کم ۳۰ موشک کروز شلیک‌شده در ۲۰۱۵-۱۰-۰۷", "26 ≠ at least 30 cruise missile fired on 2015-10-07"),
    ("بیش از ۳۰", "۲۶ ≠ بیش از ۳۰ موشک کروز شلیک‌شده در ۲۰۱۵-۱۰-۰۷", "26 ≠ more than 30 cruise missile fired on 2015-10-07"),
    ("حداکثر ۲۰", "۲۶ ≠ حداکثر ۲۰ موشک کروز شلیک‌شده در ۲۰۱۵-۱۰-۰۷", "26 ≠ at most 20 cruise missile fired on 2015-10-07"),
    ("کمتر از ۲۰", "۲۶ ≠ کمتر از ۲۰ موشک کروز شلیک‌شده در ۲۰۱۵-۱۰-۰۷", "26 ≠ less than 20 cruise missile fired on 2015-10-07"),
])
def test_contradiction_message_on_a_day_with_each_hedge(engine, hedged, fa, en):
    c = run(engine, ("a", "2015-10-07", STRIKE), ("b", "2015-10-08", STRIKE.replace("۲۶", hedged)))
    assert plain(c.contradictions) == [{"fa": fa, "en": en}]


def test_contradiction_without_a_day_and_the_percent_unit(engine):
    c = run(engine, ("a", "2015-10-07", "نرخ تورم به ۳۰ درصد رسید."), ("b", "2015-10-08", "نرخ تورم به ۴۰ درصد رسید."))
    assert plain(c.contradictions) == [{"fa": "۳۰ درصد ≠ ۴۰ درصد نرخ تورم", "en": "30 % ≠ 40 % inflation"}]


def test_event_and_weekday_messages(engine):
    c = run(engine, ("a", "2015-10-07", "حملات هوایی روسیه از ۳۰ سپتامبر آغاز شد."),
            ("c", "2015-10-08", "حملات روسیه از ۱۰ مهر آغاز شد."))
    assert plain(c.contradictions) == [
        {"fa": "حمله آغاز\u200cشده: ۲۰۱۵-۰۹-۳۰ ≠ ۲۰۱۵-۱۰-۰۲", "en": "air strike began: 2015-09-30 ≠ 2015-10-02"}]
    c = run(engine, ("a", "2015-10-07", "روز چهارشنبه ۱۵ مهر ۱۳۹۴ حمله انجام شد."),
            ("b", "2015-10-08", "روز سه‌شنبه ۱۵ مهر ۱۳۹۴ حمله انجام شد."))
    assert plain(c.contradictions) == [
        {"fa": "۲۰۱۵-۱۰-۰۷: چهارشنبه ≠ سه\u200cشنبه (آن روز چهارشنبه بود)",
         "en": "2015-10-07: Wednesday ≠ Tuesday (that day was a Wednesday)"}]
    # lexicon weekday_subject: the key a stated weekday's claims and ledger carry
    assert {cl.key for f in c.contradictions for cl in f.claims} == {"روز هفته"}
    assert [e["subject"] for e in c.ledger] == [{"key": "روز هفته", "text": "روز هفته"}]


def test_weekday_agreement_names_the_weekday_in_each_language(engine):
    c = run(engine, ("a", "2015-10-07", "روز چهارشنبه ۱۵ مهر ۱۳۹۴ حمله انجام شد."),
            ("b", "2015-10-08", "روز چهارشنبه ۱۵ مهر ۱۳۹۴ حمله انجام شد."))
    msgs = [a.message for a in c.agreements if any(cl.key == "روز هفته" for cl in a.claims)]
    assert msgs and "روز هفته" in msgs[0]["fa"] and "روز هفته" not in msgs[0]["en"]
    assert msgs[0]["en"].endswith("Wednesday weekday")


def test_update_and_fall_messages(engine):
    c = run(engine, *TOLL)
    assert plain(c.updates) == [
        {"fa": "کشته: از دست\u200cکم ۱۲ (q1، ۲۰۲۳-۱۱-۱۵) به ۲۷ (q2، ۲۰۲۳-۱۱-۱۶) رسید",
         "en": "dead rose from at least 12 (q1, 2023-11-15) to 27 (q2, 2023-11-16)"},
        {"fa": "کشته: از ۲۷ (q2، ۲۰۲۳-۱۱-۱۶) به ۴۱ (q3، ۲۰۲۳-۱۱-۱۷) رسید",
         "en": "dead rose from 27 (q2, 2023-11-16) to 41 (q3, 2023-11-17)"}]
    assert plain(c.contradictions) == [
        {"fa": "کشته رقمی تجمعی است و کم نمی‌شود: q4 (۲۰۲۳-۱۱-۱۸) ۳۳ نوشته، پس از ۴۱ در q3 (۲۰۲۳-۱۱-۱۷)",
         "en": "dead is a running total and cannot fall: q4 (2023-11-18) says 33, after 41 in q3 (2023-11-17)"}]


def test_agreement_messages(engine):
    c = run(engine, ("a", "2015-10-07", "روز چهارشنبه ۱۵ مهر ناوهای روسیه ۲۶ موشک کروز شلیک کردند."),
            ("b", "2015-10-07", "ناوهای روسیه روز ۷ اکتبر بیست و شش فروند موشک کروز شلیک کردند."),
            ("c", "2015-10-07", "Russian warships fired 26 cruise missiles on Oct. 7."))
    assert plain(c.agreements) == [
        {"fa": "۳ رسانه بر ۲۶ موشک کروز شلیک\u200cشده توافق دارند", "en": "3 outlets agree on 26 cruise missile fired"}]
    c = run(engine, ("a", "2015-10-07", "روز ۱۵ مهر حدود ۲۵ موشک کروز شلیک شد."), ("b", "2015-10-08", STRIKE))
    assert plain(c.agreements) == [   # values_joiner: « و », ", "
        {"fa": "حدود ۲۵ و ۲۶ موشک کروز شلیک\u200cشده با هم سازگارند (۲ رسانه)",
         "en": "about 25, 26 cruise missile fired are compatible (2 outlets)"}]


def test_a_per_item_figure_key_takes_the_first_per_item_spelling(engine):
    art = engine.read("قیمت هر دستگاه ۹۰ میلیارد تومان است.", published="2024-01-08", id="a")
    assert [c.key for c in claims_of(art, rules_of(engine))] == ["قیمت/هر"]


@pytest.mark.parametrize("key, participle", [
    ("شلیک کردن", "شلیک\u200cشده"),            # a last word of lexicon participle, joined with a ZWNJ
    ("کشته شدن", "کشته\u200cشده"),
    ("هدف قرار گرفتن", "هدف قرار گرفته"),      # an `ending`
    ("آسیب دیدن", "آسیب دیده"),
    ("شدن", "شده"),                             # one word: nothing to join it to, so its ending
    ("اعلام", "اعلام"),                          # no infinitive: as it is
])
def test_participles(engine, key, participle):
    assert _participle(key, rules_of(engine)) == participle


@pytest.mark.parametrize("unit, fa, en", [   # every line of lexicon unit_name
    ("count", "۲٬۵۰۰", "2,500"), ("percent", "۲٬۵۰۰ درصد", "2,500 %"),
    ("percentage_point", "۲٬۵۰۰ واحد درصد", "2,500 percentage points"),
    ("meter", "۲٬۵۰۰ متر", "2,500 m"), ("square_meter", "۲٬۵۰۰ متر مربع", "2,500 m²"),
    ("kilogram", "۲٬۵۰۰ کیلوگرم", "2,500 kg"), ("liter", "۲٬۵۰۰ لیتر", "2,500 l"),
    ("second", "۲٬۵۰۰ ثانیه", "2,500 s"), ("richter", "۲٬۵۰۰ ریشتر", "2,500 magnitude"),
    ("IRR", "۲٬۵۰۰ ریال", "2,500 rials"), ("USD", "۲٬۵۰۰ دلار", "2,500 USD"),
    ("EUR", "۲٬۵۰۰ یورو", "2,500 EUR"), ("GBP", "۲٬۵۰۰ پوند", "2,500 GBP"),
    ("furlong", "۲٬۵۰۰ furlong", "2,500 furlong"),      # a unit the lexicon lacks: its code
])
def test_base_unit_names(engine, unit, fa, en):
    """A claim whose amount was not kept as stated (a fact store of an older schema) is named by
    its base unit."""
    claim = claims_of(engine.read("۲۵۰۰ نفر کشته شدند.", published="2023-11-15", id="a"), rules_of(engine))[0]
    claim = dataclasses.replace(claim, unit=unit, stated=())
    comparison = run(engine, ("a", "2023-11-15", "۲۵۰۰ نفر کشته شدند."))
    assert (comparison.show(claim, "fa"), comparison.show(claim, "en")) == (fa, en)
    names = Labels(engine.ruleset.lexicons, "unit_name")
    assert unit in names or unit == "furlong"


def test_unit_name_lines_are_all_tested(engine):
    tested = {"count", "percent", "percentage_point", "meter", "square_meter", "kilogram", "liter", "second",
              "richter", "IRR", "USD", "EUR", "GBP"}
    assert set(Labels(engine.ruleset.lexicons, "unit_name").keys()) == tested


# --- the desk report (rules/report.rules) ------------------------------------------------------------

ALL_KINDS = ("روز سه‌شنبه ۱۵ مهر ۱۳۹۴ ساعت ۱۰:۳۰ حدود ۳۰ درصد از ۲٫۵ میلیون نفر، یک سوم سومین گروه، "
             "۵ میلیون دلار و ۱۵۰۰ کیلومتر، به مدت ۱۰ روز، در ۳۱ مهر ۱۳۹۴ و ۲۰ آبان.")


@pytest.fixture(scope="module")
def pages(engine, tmp_path_factory):
    """Pages that between them take every branch that writes a label."""
    art = engine.check(engine.read(ALL_KINDS, published="2015-10-07", id="all"))
    d = art.to_dict()
    d["flags"] = [{"code": "x", "severity": s, "message": {"fa": "پ", "en": "m"}, "spans": [[0, 3]],
                   "evidence": {"x": 1}, "rule": "r"} for s in ("error", "warning", "info")]
    claim = {"article": "all", "start": 0, "end": 3, "text": "روز", "value": 1, "interval": [1, 1], "unit": None,
             "attribution": {"text": "رویترز"}}
    cmp = {"contradictions": [{"code": "contradiction", "severity": "error", "message": {"fa": "پ", "en": "m"},
                               "claims": [claim, dict(claim, article="b")], "rule": "r"}],
           "updates": [{"code": "update", "severity": "info", "message": {"fa": "پ", "en": "m"},
                        "claims": [claim, dict(claim, article="b")], "rule": "r"}],
           "agreements": [],
           "disputes": [{"code": "dispute", "severity": "error", "message": {"fa": "پ", "en": "m"},
                         "dissent": {"value": {"fa": "۱", "en": "1"}, "claim": claim},
                         "majority": {"value": {"fa": "۲", "en": "2"}, "outlets": 1, "claims": [dict(claim, article="b")]},
                         "contradictions": [0], "rule": "r"}],
           "ledger": [{"subject": {"key": "کشته", "text": "کشته"}, "predicate": None, "unit": None, "time": None,
                       "series": True, "values": [dict(claim, published=f"2015-10-0{k}", status=st) for k, st in
                                                  enumerate(("first", "agrees", "update", "contradicts"), 1)]}]}
    out = [R.render_compare([d], cmp, [{"id": "all", "text": ALL_KINDS}]),
           R.render_check([{"id": "n", "mentions": [], "flags": []}], None, checked=False),     # not checked
           R.render_check([{"id": "n", "mentions": [], "flags": []}], None, checked=True)]      # no coverage
    report = {"passed": False, "items": [{"kind": "story", "id": "s1", "passed": True},
                                         {"kind": "story", "id": "s2", "passed": False}]}
    stories = [{"id": f"s{i}", "title": f"s{i}", "articles": [d], "sources": [{"id": "all", "text": ALL_KINDS}],
                "comparison": None, "checked": True} for i in (1, 2)]
    out += [R.render_corpus(report, stories), R.render_corpus(dict(report, passed=True), stories[:1])]
    desk = tmp_path_factory.mktemp("desk") / "desk.html"
    one = R.Path(__file__).resolve().parent.parent / "corpus" / "caspian" / "caspian-03.txt"   # no story title
    assert main(["report", "--output", str(desk), str(one)]) == 0
    out.append(desk.read_text(encoding="utf-8"))
    return "\n".join(out)


def test_every_report_label_is_shown(engine, pages):
    """Each line, as the report writes it: a bilingual label, a page title, a tooltip's kind."""
    missing = []
    for name in REPORT_LEXICONS:
        for e in engine.ruleset.lexicons[name].entries:
            fa, en = e.attrs["fa"], e.attrs["en"]
            shown = (R._bi(fa, en), R._bi(fa + " 1", en + " 1"), html.escape(f"rasti — {fa} / {en}"),
                     html.escape(f"{fa} / {en}"))
            if not any(x in pages for x in shown):
                missing.append((name, e.forms[0]))
    assert not missing, missing


def test_report_labels_as_before(pages):
    assert "<title>rasti — گزارش مقایسه / compare report</title>" in pages
    assert "<title>rasti — گزارش بررسی / check report</title>" in pages
    assert "<title>rasti — گزارش پیکره / corpus report</title>" in pages
    assert "<h1>rasti — گزارش میز راستی‌آزمایی / desk report</h1>" in pages
    assert ('<span lang="fa">ادعای 1</span> <span class="en" lang="en" dir="ltr">claim 1</span>') in pages
    assert ('<span class="sevtag sev-error">✖ <span lang="fa">خطا</span> <span lang="en" dir="ltr">error</span></span>'
            in pages)
    assert "✔ " + R._bi("موفق", "PASS") in pages and "✔ " + R._bi("موفق", "pass") in pages
    assert "✖ " + R._bi("ناموفق", "FAIL") in pages


# --- rasti check's summary lines (rules/report.rules) -----------------------------------------------------

def test_check_summary_lines(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("---\nid: a\npublished: 2015-10-07\n---\nروز سه‌شنبه ۱۵ مهر ۱۳۹۴ ناوها ۲۶ موشک شلیک کردند.\n",
                 encoding="utf-8")
    assert main(["check", str(f), "-v"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"a: ۱ خطا، ۰ هشدار؛ [۰-۹]+ از [۰-۹]+ عدد و تاریخ بررسی شد "
                        r"\(عدد [۰-۹]+ از [۰-۹]+، تاریخ ۱ از ۱\)", lines[-2])
    assert re.fullmatch(r"۱ خبر، ۱ خطا، ۰ هشدار؛ [۰-۹]+ از [۰-۹]+ عدد و تاریخ بررسی شد", lines[-1])
    assert main(["check", str(f), "-v", "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"a: 1 error\(s\), 0 warning\(s\); checked \d+ of \d+ numbers and dates "
                        r"\(numbers \d+/\d+, dates 1/1\)", lines[-2])
    assert re.fullmatch(r"1 article\(s\), 1 error\(s\), 0 warning\(s\); checked \d+ of \d+ numbers and dates", lines[-1])


# --- check messages: show() of a list and of a yes/no (lexicon check_display, rules/checks.rules) -------------

SHOW_CHECK = '''
check show-demo
    severity info
    applies date
    when not date.valid
    message fa "{show(date.valid)} {show(not date.valid)} {show([date.day, date.month])}"
    message en "{show(date.valid)} {show(not date.valid)} {show([date.day, date.month])}"
    example "۳۱ مهر" => show-demo
end
'''


def test_check_messages_show_lists_and_yes_no(tmp_path):
    from rasti import Engine
    d = tmp_path / "mine"
    d.mkdir()
    (d / "x.rules").write_text(SHOW_CHECK, encoding="utf-8")
    eng = Engine([d])
    art = eng.check(eng.read("روز ۳۱ مهر", published="2015-10-08"))
    demo = next(f for f in art.flags if f.code == "show-demo")
    assert demo.message == {"fa": "خیر بله ۳۱، ۷", "en": "no yes 31, 7"}


def test_check_sum_message_lists_its_parts(engine):
    art = engine.check(engine.read("از ۲۷ نفر، ۱۵ نفر زن و ۱۴ نفر مرد بودند.", published="2015-10-08"))
    flag = next(f for f in art.flags if f.code == "sum-mismatch")
    assert "(۱۵، ۱۴)" in flag.message["fa"] and "(۱۵, ۱۴)" in flag.message["en"]   # the parts as written
