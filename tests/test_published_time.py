"""Publication time, datelines and bare weekdays (issue 15, items 5, 8 and 9): a publication
date-time with its zone orders one day's reports of a running total; two reports whose order is
unknown and whose figures differ are a warning that says so, never an update chosen by the input
order; an article without a publication date is dated by its own dateline; «روز سه‌شنبه» dates
its fact."""
from __future__ import annotations

import json
import sqlite3

import pytest

from rasti.cli import main
from rasti.errors import InputError
from rasti.feed.inputs import read_inputs
from rasti.read.published import PublishedError, instant, publication
from rasti.store import MIGRATIONS, FactStore

FIRE_A = "در آتش‌سوزی روز دوشنبه در انبار ۱۲ نفر کشته شدند."
FIRE_B = "در آتش‌سوزی روز دوشنبه در انبار ۱۹ نفر جان باختند."


# --- the publication date-time -------------------------------------------------------------

@pytest.mark.parametrize("value, want", [
    ("2026-02-28T10:15:00+03:30", "2026-02-28T10:15+03:30"),
    ("2026-02-28T10:15+0330", "2026-02-28T10:15+03:30"),
    ("2026-02-28T06:45:00Z", "2026-02-28T06:45+00:00"),
    ("2026-02-28T06:45-05:00", "2026-02-28T06:45-05:00"),
    ("2026-02-28 10:15", "2026-02-28T10:15"),
    ("۲۰۲۶-۰۲-۲۸T۱۰:۱۵+۰۳:۳۰", "2026-02-28T10:15+03:30"),
])
def test_a_date_time_keeps_its_zone(value, want):
    assert publication(value) == want


def test_a_zone_makes_the_moment_exact_and_a_time_without_one_an_interval():
    tehran = instant(publication("2026-02-28T10:15+03:30"))
    utc = instant(publication("2026-02-28T06:45Z"))
    assert tehran[0] == tehran[1] == utc[0] == utc[1]          # the same moment
    lo, hi, local = instant(publication("2026-02-28T10:15"))
    assert lo < local < hi and hi - lo == 26 * 60              # any zone from -12:00 to +14:00
    assert instant("2026-02-28") is None


@pytest.mark.parametrize("value, says", [
    ("2026-02-28T10:15+15:00", "is not a time zone offset"),
    ("2026-02-28T10:15+03:75", "is not a time zone offset"),
    ("2026-02-28T24:10", "is not a time of day"),
    ("2026-02-28T10", "is not a date"),
    ("2026-02-28T10:15 Tehran", "is not a date"),
])
def test_a_bad_date_time_is_refused(value, says):
    with pytest.raises(PublishedError, match=says):
        publication(value)


def test_front_matter_and_jsonl_take_a_date_time_with_a_zone(tmp_path):
    (tmp_path / "a.txt").write_text(f"---\nid: a\npublished: 2026-03-03T09:00+03:30\n---\n{FIRE_A}\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "published": "2026-03-03T05:30:00Z", "text": FIRE_B},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    a, b = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")])
    assert (a.published, a.published_source) == ("2026-03-03T09:00+03:30", "front_matter")
    assert (b.published, b.published_source) == ("2026-03-03T05:30+00:00", "jsonl")
    (c,) = read_inputs([str(tmp_path / "a.txt")], "2026-01-01")
    assert c.published_source == "front_matter"      # its own field wins over --published


def test_the_article_json_says_its_time_and_where_its_date_came_from(capsys, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(f"---\nid: a\npublished: 2026-03-03T09:00+03:30\n---\n{FIRE_A}\n", encoding="utf-8")
    assert main(["extract", "--format", "json", str(p)]) == 0
    (art,) = json.loads(capsys.readouterr().out)["articles"]
    assert (art["published"], art["published_at"], art["published_source"]) == ("2026-03-03", "2026-03-03T09:00+03:30", "front_matter")
    q = tmp_path / "q.txt"
    q.write_text(FIRE_A + "\n", encoding="utf-8")
    assert main(["extract", "--format", "json", "--published", "2026-03-03T10:00", str(q)]) == 0
    (art,) = json.loads(capsys.readouterr().out)["articles"]
    assert (art["published_at"], art["published_source"]) == ("2026-03-03T10:00", "option")


@pytest.mark.parametrize("field", ["2026-03-03T25:00", "2026-03-03T09:00+16:00", "2026-03-03T9"])
def test_a_bad_date_time_in_a_file_is_one_clear_error(capsys, tmp_path, field):
    p = tmp_path / "a.txt"
    p.write_text(f"---\nid: a\npublished: {field}\n---\n{FIRE_A}\n", encoding="utf-8")
    assert main(["compare", str(p), str(p)]) == 2
    err = capsys.readouterr().err
    assert f"{p}: published: '{field}'" in err and "Traceback" not in err
    j = tmp_path / "a.jsonl"
    j.write_text(json.dumps({"id": "a", "published": field, "text": FIRE_A}, ensure_ascii=False) + "\n", encoding="utf-8")
    (e,) = read_inputs([str(j)])
    assert isinstance(e, InputError) and str(e).startswith(f"{j}:1: published: '{field}'")


def test_the_cli_option_refuses_a_bad_date_time(capsys, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FIRE_A, encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["extract", "--published", "2026-03-03T09:00+99:00", str(p)])
    assert e.value.code == 2
    assert "argument --published: '2026-03-03T09:00+99:00'" in capsys.readouterr().err


# --- one day's reports of a running total --------------------------------------------------

def _fire(engine, pub_a, pub_b, swap=False):
    a = engine.read(FIRE_A, published=pub_a, id="a")
    b = engine.read(FIRE_B, published=pub_b, id="b")
    return engine.compare([b, a] if swap else [a, b])


def _summary(cmp):
    return ([(f.severity, f.rule, f.message["en"]) for f in cmp.contradictions],
            [(f.claims[0].article, f.claims[1].article) for f in cmp.updates])


@pytest.mark.parametrize("swap", [False, True])
def test_same_day_without_times_is_a_warning_in_either_input_order(engine, swap):
    cmp = _fire(engine, "2026-03-03", "2026-03-03", swap)
    assert cmp.updates == []
    (c,) = cmp.contradictions
    assert c.severity == "warning" and c.shape == "unordered"
    assert c.rule == "claim casualties.killed; unordered"      # the frame and the verdict that decided
    assert "unknown order" in c.message["en"] and "may be an update" in c.message["en"]
    assert "ترتیبشان معلوم نیست" in c.message["fa"]
    assert _summary(cmp) == _summary(_fire(engine, "2026-03-03", "2026-03-03", not swap))


@pytest.mark.parametrize("swap", [False, True])
def test_one_time_missing_is_still_unordered(engine, swap):
    cmp = _fire(engine, "2026-03-03T09:00", "2026-03-03", swap)
    assert [c.shape for c in cmp.contradictions] == ["unordered"] and cmp.updates == []


@pytest.mark.parametrize("swap", [False, True])
def test_times_order_a_rise_into_an_update(engine, swap):
    cmp = _fire(engine, "2026-03-03T09:00", "2026-03-03T15:00", swap)
    assert cmp.contradictions == []
    assert [(u.claims[0].article, u.claims[1].article) for u in cmp.updates] == [("a", "b")]
    assert "09:00" in cmp.updates[0].message["en"] and "15:00" in cmp.updates[0].message["en"]


@pytest.mark.parametrize("swap", [False, True])
def test_reversed_times_make_a_fall(engine, swap):
    cmp = _fire(engine, "2026-03-03T15:00", "2026-03-03T09:00", swap)
    assert cmp.updates == []
    (c,) = cmp.contradictions
    assert (c.severity, c.shape) == ("error", "fell")


def test_zones_order_reports_written_in_different_zones(engine):
    # 09:00 in Tehran is 05:30 UTC: before 07:00 UTC, although its clock reads later
    cmp = _fire(engine, "2026-03-03T09:00+03:30", "2026-03-03T07:00Z")
    assert cmp.contradictions == [] and len(cmp.updates) == 1
    cmp = _fire(engine, "2026-03-03T11:00+03:30", "2026-03-03T07:00Z")   # 07:30 UTC: after
    assert [c.shape for c in cmp.contradictions] == ["fell"]
    # a time without a zone against one with a zone, an hour apart: the order is unknown
    cmp = _fire(engine, "2026-03-03T09:00", "2026-03-03T07:00Z")
    assert [c.shape for c in cmp.contradictions] == ["unordered"]


def test_the_same_figure_the_same_day_agrees(engine):
    a = engine.read(FIRE_A, published="2026-03-03", id="a")
    b = engine.read(FIRE_A.replace("کشته شدند", "جان باختند"), published="2026-03-03", id="b")
    cmp = engine.compare([a, b])
    assert cmp.contradictions == [] and cmp.updates == [] and len(cmp.agreements) == 1


def test_the_store_keeps_the_time_and_migrates_an_old_database(tmp_path, engine):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for sql in MIGRATIONS[1]:
        db.execute(sql)
    db.execute("INSERT INTO rasti_meta (name, value) VALUES ('schema_version', '1')")
    db.commit()
    db.close()
    with FactStore(path) as s:
        a = engine.read(FIRE_A, published="2026-03-03T09:00+03:30", id="a")
        s.index(a, engine)
        b = engine.read(FIRE_B, published="2026-03-03T15:00+03:30", id="b")
        stored = s.claims_against([b], engine)
        assert [c.published_at for c in stored] == ["2026-03-03T09:00+03:30"]
        cmp = engine.compare([b], stored=stored)
        assert cmp.contradictions == [] and len(cmp.updates) == 1
    row = sqlite3.connect(path).execute("SELECT published, published_at, published_source FROM articles").fetchone()
    assert row == ("2026-03-03", "2026-03-03T09:00+03:30", "given")


# --- datelines -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, day, at", [
    ("تهران - ایرنا - ۱۵ مهر ۱۳۹۴ - وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-07", None),
    ("تهران– ایرنا– ۱۵ مهر ۱۳۹۴ – ۱۹:۱۰ وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-07", "2015-10-07T19:10"),
    ("جمعه، ۰۵ شهریور ۱۴۰۰ - 07:40 قیمت برنج ۲۰ درصد بالا رفت.", "2021-08-27", "2021-08-27T07:40"),
    ("پنج‌شنبه ۱۶ مهر ۱۳۹۴ - ۱۰:۳۰ وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-08", "2015-10-08T10:30"),
    ("پنج شنبه ۱۶ مهر ۱۳۹۴ - ۱۰:۳۰ وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-08", "2015-10-08T10:30"),
    ("پنجشنبه ۱۶ مهر ۱۳۹۴ - ۱۰:۳۰ وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-08", "2015-10-08T10:30"),
    ("\u200f۱۵ مهر ۱۳۹۴ - ۱۹:۱۰ \u200fوزیر گفت ۱۲ نفر کشته شدند.", "2015-10-07", "2015-10-07T19:10"),
    ("١٥ مهر ١٣٩٤ - وزير گفت ١٢ نفر كشته شدند.", "2015-10-07", None),               # Arabic digits, ي/ك
    ("15 مهر ۱۳۹۴ - وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-07", None),               # mixed digits
    ("کابل - باختر - ۱۵ میزان ۱۳۹۴ - والی گفت ۱۲ نفر کشته شدند.", "2015-10-07", None),   # Dari
    ("مزار شریف - پژواک - ۱۵ ميزان ۱۳۹۴ - والی گفت ۱۲ نفر کشته شدند.", "2015-10-07", None),
    ("1400/06/06 نخستین دیدار هیئت دولت با ۱۲ وزیر برگزار شد.", "2021-08-28", None),
    ("کد خبر: ۱۲۳۴۵ تاریخ انتشار: ۱۵ مهر ۱۳۹۴ - ۱۹:۱۰ وزیر گفت ۱۲ نفر کشته شدند.", "2015-10-07", "2015-10-07T19:10"),
    ("TEHRAN, Oct 7, 2015 (Reuters) - Twelve people were killed, officials said.", "2015-10-07", None),
    ("خبرگزاری هرانا – امروز دوشنبه ۱۷ خرداد ۱۴۰۰، ۱۲ نفر از کارگران تجمع کردند.", "2021-06-07", None),
])
def test_an_article_without_a_date_is_dated_by_its_dateline(engine, text, day, at):
    art = engine.read(text, id="x")
    assert (art.published, art.published_at, art.published_source) == (day, at, "dateline")
    d = art.to_dict()
    assert d["published_source"] == "dateline"
    assert all(m["kind"] != "dateline" for m in d["mentions"])      # a reading aid, not a mention


def test_a_year_less_dateline_takes_the_one_year_of_the_articles_dates(engine):
    art = engine.read("TEHRAN, Oct 7 (Reuters) - Iran said on 5 October 2015 that 12 people were killed.", id="x")
    assert (art.published, art.published_source) == ("2015-10-07", "dateline")
    two = engine.read("TEHRAN, Oct 7 (Reuters) - Talks of 5 October 2015 and 3 May 2014 failed.", id="y")
    assert two.published is None and two.published_source is None
    none = engine.read("TEHRAN, Oct 7 (Reuters) - Twelve people were killed.", id="z")
    assert none.published is None


@pytest.mark.parametrize("text", [
    "وزیر گفت: قرارداد در ۱۵ مهر ۱۳۹۴ امضا شد و ۱۲ نفر حاضر بودند.",     # a date in the story, not a dateline
    "تهران - ایرنا - وزیر روز سه‌شنبه گفت ۱۲ نفر کشته شدند.",              # a dateline without a date
    "دیروز ۱۹ مرداد ۱۴۰۰ کارگران تجمع کردند.",                              # yesterday is not the article's day
    "از ۳۰ سپتامبر ۲۰۱۵ تا ۱۵ مهر ۱۳۹۴ وزیر سه بار سفر کرد.",             # a range
    "او در تاریخ ۲۲ ژوئیه ۲۰۱۴ بازداشت شد و ۱۲ ماه در زندان ماند.",          # «در تاریخ»: no byline
    "کارگران گفتند: امروز، ۱۰ تیر ۱۲ نفر تجمع کردند؛ در ۵ خرداد ۱۳۹۹ نیز.",   # year-less, not at the start
    ("مطلب اول کد خبر: ۱۱ تاریخ انتشار: ۱۳۹۹/۰۴/۲۲ مطلب دوم کد خبر: ۱۲ "
     "تاریخ انتشار: ۱۳۹۹/۰۳/۲۲ مطلب سوم با ۱۲ نفر"),                           # a list page: several days
])
def test_no_dateline_no_date(engine, text):
    art = engine.read(text, id="x")
    assert art.published is None and art.published_source is None


def test_facts_say_they_are_dated_by_the_dateline_and_year_less_dates_resolve_against_it(engine):
    text = ("تهران - ایرنا - ۱۵ مهر ۱۳۹۴ - وزیر گفت ۱۲ نفر کشته شدند. "
            "روز سه‌شنبه ۵ نفر زخمی شدند. در ۲۰ مهر ۳ نفر دیگر بازداشت شدند.")
    art = engine.read(text, id="x")
    times = [f.time for f in art.facts]
    assert times[0] == {"value": "2015-10-07", "source": "dateline"}
    assert times[1]["value"] == "2015-10-06" and times[1].get("weekday_only")   # the Tuesday before
    assert times[2]["value"] == "2015-10-12" and times[2]["source"] == "sentence"
    given = engine.read(text, published="2015-10-07", id="y")
    assert given.published_source == "given" and given.facts[0].time["source"] != "dateline"


def test_a_given_date_wins_over_the_dateline(engine):
    art = engine.read("تهران - ایرنا - ۱۵ مهر ۱۳۹۴ - وزیر گفت ۱۲ نفر کشته شدند.", published="2015-10-09", id="x")
    assert (art.published, art.published_source) == ("2015-10-09", "given")


def test_the_dash_of_a_dateline_is_no_minus(engine):
    ms = engine.read("تهران - ایرنا - ۱۵ مهر ۱۳۹۴ - وزیر گفت", published="2015-10-09").mentions
    assert [(m.kind, m.value) for m in ms if m.kind in ("number", "date")] == [("date", "2015-10-07")]


# --- a bare weekday ---------------------------------------------------------------------------

def test_two_outlets_tuesday_is_the_same_day(engine):
    a = engine.read("در آتش‌سوزی روز سه‌شنبه در انبار ۱۲ نفر کشته شدند.", published="2026-03-04", id="a")   # a Wednesday
    b = engine.read("روز سه‌شنبه ۱۲ نفر در آتش‌سوزی انبار جان باختند.", published="2026-03-05", id="b")    # a Thursday
    assert a.facts[0].time["value"] == b.facts[0].time["value"] == "2026-03-03"
    assert a.facts[0].time.get("weekday_only") and b.facts[0].time.get("weekday_only")
    cmp = engine.compare([a, b])
    assert cmp.contradictions == [] and len(cmp.agreements) == 1


def test_a_weekday_with_a_future_verb_is_the_next_one(engine):
    art = engine.read("مراسم روز سه‌شنبه با حضور ۱۲ وزیر برگزار خواهد شد.", published="2026-03-04", id="a")
    days = [m.value for m in art.mentions if m.kind == "date" and m.extra.get("weekday_only")]
    assert days == ["2026-03-10"]


# --- `head N`: a rule that matches only in the text's first N characters (dateline.agency) ---

_AGENCY_LINE = "تهران - ایرنا - ۱۵ مهر ۱۳۹۴ - وزیر گفت که نشست برگزار شد."
_FILLER = "در این نشست گزارش‌های استانی خوانده شد و درباره برنامه‌های سال آینده گفت‌وگو شد. " * 6


def _agency_mentions(engine, text):
    return [m for m in engine.mentions(text, datelines=True) if m.kind == "dateline" and "ایرنا" in m.text]


def test_a_head_rule_reads_its_dateline_at_the_head_only(engine):
    assert len(_FILLER) > 400
    at_head = _agency_mentions(engine, _AGENCY_LINE + " " + _FILLER)
    deep = _agency_mentions(engine, _FILLER + " " + _AGENCY_LINE)
    assert [m.text.startswith("تهران") for m in at_head] == [True]
    assert deep == []
    # the date inside the deep line is still read as a date: only the dateline reading is limited
    assert any(m.kind == "date" and "۱۵ مهر ۱۳۹۴" in m.text for m in engine.mentions(_FILLER + " " + _AGENCY_LINE))


def test_head_is_a_rule_header_option():
    from rasti.lang.grammar import parse_rule_file
    errors: list = []
    f = parse_rule_file("t.rules", 'rule x.y layer 3 keep head 120\n    match d:date\n    yield dateline(d, "start")\nend\n', errors)
    assert not errors and [(r.name, r.head, r.keep) for r in f.rules] == [("x.y", 120, True)]
    parse_rule_file("t.rules", 'rule x.z head many\n    match d:date\n    yield dateline(d, "start")\nend\n', errors)
    assert errors and errors[0].line == 1


# --- `undated`: a rule tried only on a text without a publication date (the dateline rules) ---

def test_undated_is_a_rule_header_option():
    from rasti.lang.grammar import parse_rule_file
    errors: list = []
    f = parse_rule_file("t.rules", 'rule x.y layer 3 keep head 120 undated\n    match d:date\n    yield dateline(d, "start")\nend\n', errors)
    assert not errors and [(r.name, r.head, r.undated) for r in f.rules] == [("x.y", 120, True)]
    g = parse_rule_file("t.rules", 'rule x.z layer 3\n    match d:date\n    yield dateline(d, "start")\nend\n', errors)
    assert not errors and [r.undated for r in g.rules] == [False]


def test_dateline_rules_run_only_without_a_publication_date(engine):
    text = "۱۵ مهر ۱۳۹۴ - ۱۹:۱۰ وزیر گفت که نشست برگزار شد."
    undated = [m for m in engine.mentions(text, datelines=True) if m.kind == "dateline"]
    dated = [m for m in engine.mentions(text, published="2015-10-08", datelines=True) if m.kind == "dateline"]
    assert [m.value for m in undated] == ["2015-10-07T19:10"]
    assert dated == []
    # the date and the time are read either way: only the dateline reading is skipped
    for published in (None, "2015-10-08"):
        kinds = sorted(m.kind for m in engine.mentions(text, published=published))
        assert kinds == ["date", "time"]
    # and an undated article is still dated by it, with the mention ids numbered without gaps
    art = engine.read(text)
    assert art.published_source == "dateline" and str(art.published) == "2015-10-07"
    assert [m.id for m in art.mentions] == ["m1", "m2"]


def test_a_date_deep_in_the_text_is_not_tried_as_a_dateline_start(engine):
    deep = _FILLER + " ۱۵ مهر ۱۳۹۴ وزیر گفت."
    assert [m for m in engine.mentions(deep, datelines=True) if m.kind == "dateline"] == []
    assert engine.read(deep).published_source is None


def test_a_head_rule_that_can_begin_anywhere_needs_its_words_in_the_head(engine):
    (r,) = [r for r in engine.ruleset.matcher.rules if r.name == "dateline.agency"]
    vocab = engine.ruleset.matcher.tokenize.vocab
    agency = vocab["ایرنا"]
    # every match line of «word word? @dateline_dash @dateline_agency …» needs an agency
    assert r.needs and all(any(agency in s for s in line) for line in r.needs)
    # a head without an agency is searched without the rule: the dates there are still read,
    # and a head with one still gives its dateline
    plain = "وزیر روز ۱۵ مهر ۱۳۹۴ گفت که نشست ۲۰ مهر برگزار می‌شود. " + _FILLER
    assert _agency_mentions(engine, plain) == []
    head = plain.index(_FILLER)
    assert sorted(m.text for m in engine.mentions(plain) if m.kind == "date" and m.end <= head) == ["۱۵ مهر ۱۳۹۴", "۲۰ مهر"]
    assert [m.text.startswith("تهران") for m in _agency_mentions(engine, _AGENCY_LINE + " " + _FILLER)] == [True]
