"""Claims carry where and which event (rules/claims/scene.rules, engine/claims/scene.py); compare
keeps claims of different events or places apart; against a fact store a running total meets
only stored claims of its event within its frame's window (both backends); the day of the event
itself is compared in any calendar. Every text here is our own."""
from __future__ import annotations

import json

import pytest

from rasti.cli import main
from rasti.store import FactStore
from rule_dirs import lint

DAY = "2026-01-10"


def _claims(engine, text, published=DAY):
    return engine.read(text, published=published).claims


def _compare(engine, *docs, stored=()):
    arts = [engine.read(t, published=p, id=i) for i, p, t in docs]
    return engine.compare(arts, stored=stored) if stored else engine.compare(arts)


# --- where and event, in the claims' JSON ------------------------------------------------------

def test_event_and_place_from_the_sentence(engine):
    c = _claims(engine, "در آتش‌سوزی یک کارگاه در اهواز ۹ نفر کشته شدند.")[0]
    d = c.to_dict()
    assert (d["frame"], d["event"], d["event_source"]) == ("casualties.killed", "آتش\u200cسوزی", "sentence")
    assert (d["where"], d["where_source"], d["where_in"]) == ("اهواز", "sentence", "خوزستان")


def test_english_spellings_give_the_same_event_and_place(engine):
    c = _claims(engine, "A bus crash near Kerman left 14 people injured.")[0]
    assert (c.frame, c.event, c.where) == ("casualties.injured", "تصادف", "کرمان")


def test_event_and_place_from_the_lead_and_the_dateline(engine):
    text = ("سیل در گرگان؛ چهار کشته\nگرگان - خبرگزاری نمونه - سیل امروز خسارت زیادی به بار آورد.\n"
            "به گفته مسئولان ۷ نفر مفقود شدند.")
    c = next(c for c in _claims(engine, text) if c.frame == "casualties.missing")
    assert (c.event, c.event_source) == ("سیل", "lead")
    assert (c.where, c.where_source) == ("گرگان", "lead")
    only_dateline = "شیراز - خبرگزاری نمونه - در تصادف دو خودرو ۳ نفر زخمی شدند."
    c = _claims(engine, only_dateline)[0]
    assert (c.where, c.where_source, c.event) == ("شیراز", "dateline", "تصادف")


def test_a_sentence_naming_two_places_names_none(engine):
    c = _claims(engine, "در تصادف جاده تهران به قم ۶ نفر زخمی شدند.")[0]
    assert c.where is None and c.event == "تصادف"


def test_a_frame_capture_of_where_comes_first(engine):
    c = next(c for c in _claims(engine, "دمای هوا در اهواز به ۵۰ درجه سانتی‌گراد رسید.") if c.frame == "weather.temperature")
    assert (c.where, c.where_source, c.where_in) == ("اهواز", "frame", "خوزستان")


# --- different events or places are not compared --------------------------------------------------

def test_different_places_are_not_compared(engine):
    same = _compare(engine, ("a", DAY, "در آتش‌سوزی انبار در اهواز ۱۲ نفر کشته شدند."),
                    ("b", DAY, "در آتش‌سوزی انبار در اهواز ۱۹ نفر کشته شدند."))
    assert len(same.contradictions) == 1
    other = _compare(engine, ("a", DAY, "در آتش‌سوزی انبار در اهواز ۱۲ نفر کشته شدند."),
                     ("b", DAY, "در آتش‌سوزی انبار در شیراز ۱۹ نفر کشته شدند."))
    assert not other.contradictions and not other.agreements and not other.updates


def test_different_events_are_not_compared(engine):
    cmp = _compare(engine, ("a", DAY, "در آتش‌سوزی انبار ۱۲ نفر کشته شدند."),
                   ("b", DAY, "در تصادف اتوبوس ۱۲ نفر کشته شدند."))
    assert not cmp.contradictions and not cmp.agreements
    agree = _compare(engine, ("a", DAY, "در آتش‌سوزی انبار ۱۲ نفر کشته شدند."),
                     ("b", DAY, "در حریق انبار ۱۲ نفر جان باختند."))
    assert len(agree.agreements) == 1


def test_a_city_meets_its_province_and_an_unknown_place_meets_any(engine):
    prov = _compare(engine, ("a", DAY, "در آتش‌سوزی انبار در اهواز ۱۲ نفر کشته شدند."),
                    ("b", DAY, "در آتش‌سوزی انبار در خوزستان ۱۲ نفر کشته شدند."))
    assert len(prov.agreements) == 1
    none = _compare(engine, ("a", DAY, "در آتش‌سوزی انبار در اهواز ۱۲ نفر کشته شدند."),
                    ("b", DAY, "در این آتش‌سوزی ۱۲ نفر کشته شدند."))
    assert len(none.agreements) == 1


# --- against a store, only the same event within its window ------------------------------------------

CRASH_NEW = ("new", "2026-03-01", "در واژگونی اتوبوس در جاده کرمان ۲۲ نفر زخمی شدند.")
ARCHIVE = [
    ("decade", "2018-05-01", "بر اساس آمار در ده سال گذشته بیش از ۳ میلیون و ۲۰۰ هزار نفر در تصادفات مصدوم شدند."),
    ("undated", None, "در این حادثه ۵۰۰ نفر زخمی شدند."),
    ("shiraz", "2026-02-27", "در واژگونی اتوبوس در شیراز ۴۰ نفر زخمی شدند."),
]


@pytest.fixture
def store(backend):
    s = FactStore(backend.new())
    yield s
    s.close()


def _index(store, engine, docs):
    for i, p, t in docs:
        store.index(engine.read(t, published=p, id=i), engine)


def _against(store, engine, doc):
    new = engine.read(doc[2], published=doc[1], id=doc[0])
    return engine.compare([new], stored=store.claims_against([new], engine))


def test_store_claims_years_apart_or_elsewhere_are_not_compared(store, engine):
    _index(store, engine, ARCHIVE)
    cmp = _against(store, engine, CRASH_NEW)
    assert not cmp.contradictions and not cmp.updates and not cmp.agreements


def test_store_claims_of_the_same_event_in_its_window_are(store, engine):
    _index(store, engine, ARCHIVE + [
        ("kerman", "2026-02-26", "روز سه‌شنبه ۵ اسفند در واژگونی اتوبوس در جاده کرمان ۳۰ نفر زخمی شدند.")])
    cmp = _against(store, engine, CRASH_NEW)
    assert [(f.rule, {c.article for c in f.claims}) for f in cmp.contradictions] == [
        ("claim casualties.injured; fell", {"kerman", "new"})]
    msg = cmp.contradictions[0].message
    assert "event of 2026-02-24" in msg["en"] and "2026-03-01" in msg["en"]     # both events' days
    assert "۲۰۲۶-۰۲-۲۴" in msg["fa"]


@pytest.mark.parametrize("gap,compared", [(20, True), (40, False)])
def test_the_window_is_the_frames(store, engine, gap, compared):
    """A toll's window is 30 days (rules/claims/casualties.rules), arrests' 60: at 40 days the
    injured are another event's, the arrested still this one's."""
    from datetime import date, timedelta
    old = (date(2026, 3, 1) - timedelta(days=gap)).isoformat()
    _index(store, engine, [("old", old, "در حمله به بازار کرمان ۳۰ نفر زخمی و ۵۰ نفر دستگیر شدند.")])
    new = ("new", "2026-03-01", "در حمله به بازار کرمان ۲۰ نفر زخمی و ۴۰ نفر دستگیر شدند.")
    frames = sorted(f.rule.split(";")[0] for f in _against(store, engine, new).contradictions)
    assert frames == (["claim arrests", "claim casualties.injured"] if compared else ["claim arrests"])


def test_against_a_store_a_toll_needs_its_event_and_place_named_alike(store, engine):
    """An archive holds many events of one kind: a strike's toll in a city is no fall from a
    toll that names no place, and a toll of no known event kind meets no stored claim."""
    _index(store, engine, [("war", "2026-02-28", "در حملات دیروز ۲۰۱ نفر کشته شدند."),
                           ("quiet", "2026-02-28", "بر اساس گزارش‌ها ۹۰ نفر کشته شدند.")])
    assert not _against(store, engine, ("city", "2026-03-01", "در حمله به بازار کرمان ۱۸ نفر کشته شدند.")).contradictions
    same = _against(store, engine, ("war2", "2026-03-01", "در حملات امروز ۱۲۰ نفر کشته شدند."))
    assert [{c.article for c in f.claims} for f in same.contradictions] == [{"war", "war2"}]
    assert not _against(store, engine, ("quiet2", "2026-03-01", "بر اساس گزارش‌ها ۵۰ نفر کشته شدند.")).contradictions


def test_cli_compare_against_a_store_keeps_to_the_event(tmp_path, backend, capsys):
    from test_store import write_txt
    files = [write_txt(tmp_path, i, p, t) for i, p, t in ARCHIVE if p]
    db = backend.new("desk")
    assert main(["index", *map(str, files), "--db", str(db)]) == 0
    capsys.readouterr()
    new = write_txt(tmp_path, *CRASH_NEW)
    assert main(["compare", "--db", str(db), str(new), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["contradictions"] == []


# --- the window's lint -----------------------------------------------------------------------

FRAME = '''claim my.frame
    movement monotone window 3 days
    match n:number "کشتی"
    value n
    what "کشتی"
    example "۳ کشتی دیده شد" => my.frame "کشتی" 3
end
'''


@pytest.mark.parametrize("window,col", [("0 days", 30), ("-3 days", 30), ("2.5 days", 30), ("30 weeks", 33)])
def test_a_bad_window_is_an_error_at_its_column(tmp_path, window, col):
    errs = lint(tmp_path, FRAME.replace("3 days", window))
    assert [(e.code, e.line, e.col) for e in errs] == [("R135", 2, col)], [e.format() for e in errs]
    assert errs[0].format().startswith(f"{errs[0].path}:2:{col}: R135 ")


def test_a_good_window_loads(tmp_path):
    assert lint(tmp_path, FRAME) == []
    assert lint(tmp_path, FRAME.replace("3 days", "14")) == []


def test_a_bad_monotone_window_in_a_lexicon_is_an_error(tmp_path):
    errs = lint(tmp_path, "lexicon monotone\n    کشتی = monotone window=0\nend\n")
    assert [(e.code, e.line, e.col) for e in errs] == [("R135", 2, 21)], [e.format() for e in errs]


# --- the day of the event itself ------------------------------------------------------------------

PUB = "2015-10-08"


@pytest.mark.parametrize("other,contradicts", [
    ("این حمله در ۸ اکتبر انجام شد.", True),
    ("این حمله در ۷ اکتبر انجام شد.", False),
    ("the attack took place on October 8.", True),
    ("the attack took place on October 7, 2015.", False),
    ("حمله روز پنجشنبه انجام شد.", True),
    ("حمله روز چهارشنبه انجام شد.", False),
])
def test_event_dates_are_compared_across_calendars(engine, other, contradicts):
    cmp = _compare(engine, ("a", PUB, "حمله روز چهارشنبه ۱۵ مهر انجام شد."), ("b", PUB, other))
    rules = [f.rule for f in cmp.contradictions]
    if contradicts:
        assert rules == ["claim event.date; disjoint"] and cmp.contradictions[0].severity == "error"
        assert "2015-10-07" in cmp.contradictions[0].message["en"]
    else:
        # the day agrees (a weekday named alone may agree beside it, never contradict)
        days = [f for f in cmp.agreements if "2015-10-07" in f.message["en"]]
        assert rules == [] and len(days) == 1


def test_a_day_written_as_two_different_days_is_two_claims(engine):
    # «۱۲ آبان ۱۳۹۵» is 2 November 2016; the outlet pairs it with 3 November: its Gregorian spelling
    # disagrees with an outlet that says 2 November, its Jalali one agrees
    a = ("a", "2016-11-03", "ارتش در روز ۱۲ آبان ۱۳۹۵ (۳ نوامبر ۲۰۱۶) در مجموع ۳۰ موشک به سمت پایگاه شلیک کرد.")
    b = ("b", "2016-11-03", "ارتش روز چهارشنبه ۲ نوامبر با شلیک موشک پایگاه را هدف قرار داد.")
    cmp = _compare(engine, a, b)
    days = [f for f in cmp.contradictions if f.rule == "claim event.date; disjoint"]
    assert len(days) == 1 and {c.text for c in days[0].claims if c.article == "a"} == {"۳ نوامبر ۲۰۱۶"}
    assert any({c.article for c in f.claims} == {"a", "b"} and "2016-11-02" in f.message["en"] for f in cmp.agreements)


def test_a_day_and_its_same_day_in_another_calendar_stay_one_claim(engine):
    a = ("a", "2016-11-03", "ارتش در روز ۱۲ آبان ۱۳۹۵ (۲ نوامبر ۲۰۱۶) در مجموع ۳۰ موشک به سمت پایگاه شلیک کرد.")
    b = ("b", "2016-11-03", "ارتش روز چهارشنبه ۲ نوامبر با شلیک موشک پایگاه را هدف قرار داد.")
    cmp = _compare(engine, a, b)
    assert not [f for f in cmp.contradictions if f.rule.startswith("claim event.date")]
    assert len([c for c in engine.read(a[2], published=a[1]).claims if c.frame == "event.date"]) == 1


def test_event_dates_of_different_events_are_not_compared(engine):
    cmp = _compare(engine, ("a", PUB, "حمله روز چهارشنبه ۱۵ مهر انجام شد."), ("b", PUB, "آتش‌سوزی روز پنجشنبه رخ داد."))
    assert not cmp.contradictions and not cmp.agreements


LEAD_A = "آتش‌سوزی در انبار اهواز\nبه گفته مسئولان ۱۲ نفر کشته شدند."
LEAD_B = "آتش‌سوزی در انبار شیراز\nبه گفته مسئولان ۱۹ نفر کشته شدند."


def test_in_a_story_only_the_sentence_parts_claims(engine):
    """Articles given as one story: a lead's place may be another place of the story, so only a
    claim's own sentence keeps it apart."""
    cmp = _compare(engine, ("a", DAY, LEAD_A), ("b", DAY, LEAD_B))
    assert [f.rule.split(";")[0] for f in cmp.contradictions] == ["claim casualties.killed"]
    claims = [engine.read(t, published=DAY).claims[0] for t in (LEAD_A, LEAD_B)]
    assert [(c.where, c.where_source) for c in claims] == [("اهواز", "lead"), ("شیراز", "lead")]


def test_against_a_store_the_lead_parts_claims_too(store, engine):
    _index(store, engine, [("a", "2026-01-09", LEAD_A)])
    assert not _against(store, engine, ("b", DAY, LEAD_B)).contradictions
    assert _against(store, engine, ("c", DAY, LEAD_A.replace("۱۲", "۷"))).contradictions
