"""Facts: subject, predicate, value, time, cumulative, attribution — on sentences we wrote."""
import pytest

PARAGRAPH = (
    "ناوهای جنگی روسیه در دریای خزر روز چهارشنبه ۱۵ مهر، پایگاه‌های مخالفان دولت سوریه را با موشک های کروز هدف گرفتند.\n"
    "به گزارش خبرگزاری‌های روسی، این ناوها ۲۶ فروند موشک کروز به سمت ۱۱ هدف در خاک سوریه شلیک کردند.\n"
    "به گفته وزیر دفاع روسیه، از ۳۰ سپتامبر که عملیات هوایی آغاز شد تاکنون ۱۱۲ موضع هدف قرار گرفته است.\n"
    "وی گفت چهار رزمناور مستقر در خزر در این حملات مشارکت داشتند.\n"
)


def facts_by_subject(engine, text, published="2015-10-07"):
    art = engine.read(text, published=published)
    return {f.subject["key"]: f for f in art.facts}, art


def test_seed_paragraph_claims(engine):
    facts, art = facts_by_subject(engine, PARAGRAPH)
    missiles = facts["موشک کروز"]
    assert missiles.value == 26 and missiles.predicate["key"] == "شلیک کردن"
    assert missiles.time == {"value": "2015-10-07", "source": "article", "mention": missiles.time["mention"]}
    assert not missiles.cumulative
    assert missiles.attribution["text"] == "خبرگزاری‌های روسی"
    targets = facts["هدف"]
    assert targets.value == 11
    positions = facts["موضع"]
    assert positions.value == 112 and positions.cumulative and positions.as_of == "2015-10-07"
    assert positions.predicate["key"] == "هدف قرار گرفتن"
    assert positions.attribution["text"] == "وزیر دفاع روسیه"
    ships = facts["رزمناو"]
    assert ships.value == 4 and ships.predicate["key"] == "مشارکت داشتن"
    for f in art.facts:
        s, e = f.span
        assert PARAGRAPH[s:e] and PARAGRAPH[f.attribution["start"]:f.attribution["end"]] == f.attribution["text"] if f.attribution else True
        assert f.sentence[0] <= s < e <= f.sentence[1]


@pytest.mark.parametrize("spelling", ["موشک‌های", "موشکهای", "موشک های", "موشكهاي"])
def test_subject_spellings_share_a_key(engine, spelling):
    facts, _ = facts_by_subject(engine, f"ارتش ۳۰ {spelling} دوربرد آزمایش کرد.")
    assert "موشک" in facts


def test_broken_plural_from_lexicon(engine):
    facts, _ = facts_by_subject(engine, "۱۲ اهداف نظامی بمباران شد و ۷ مواضع تخلیه شد.")
    assert facts["هدف"].value == 12 and facts["موضع"].value == 7


def test_classifier_is_skipped(engine):
    facts, _ = facts_by_subject(engine, "سه فروند هواپیما و ۱۲ دستگاه خودرو منهدم شد.")
    assert facts["هواپیما"].value == 3


def test_casualties_predicate_synonyms(engine):
    a, _ = facts_by_subject(engine, "در این حادثه ۱۲ نفر کشته شدند.")
    b, _ = facts_by_subject(engine, "در این حادثه ۱۲ نفر جان باختند.")
    assert a["نفر"].predicate["key"] == b["نفر"].predicate["key"] == "کشته شدن"


def test_english_wire_copy_gets_comparable_keys(engine):
    facts, _ = facts_by_subject(engine, "Russian warships fired 26 cruise missiles at 11 targets, the ministry said.")
    assert facts["موشک کروز"].value == 26
    assert facts["موشک کروز"].predicate is None or facts["موشک کروز"].predicate["key"] in ("شلیک کردن",)


def test_measure_before_number(engine):
    facts, _ = facts_by_subject(engine, "نرخ تورم ۴۰ درصد اعلام شد.")
    assert facts["نرخ تورم"].value == 40 and facts["نرخ تورم"].unit == "percent"


def test_sentence_date_beats_article_date(engine):
    text = "روز چهارشنبه ۱۵ مهر ۱۰ نفر کشته شدند. روز ۲۰ مهر ۵ نفر دیگر کشته شدند."
    art = engine.read(text, published="2015-10-20")
    times = [f.time["value"] for f in art.facts]
    assert times == ["2015-10-07", "2015-10-12"]


def test_publication_date_when_no_date_given(engine):
    art = engine.read("۱۲ نفر زخمی شدند.", published="2020-01-01")
    assert art.facts[0].time == {"value": "2020-01-01", "source": "published"}


def test_facts_in_json(engine):
    d = engine.read(PARAGRAPH, published="2015-10-07").to_dict()
    f = d["facts"][0]
    for key in ("id", "subject", "predicate", "value", "interval", "unit", "time", "cumulative", "as_of",
                "attribution", "span", "sentence", "mentions", "rule"):
        assert key in f


def test_a_kind_of_medal_is_its_own_subject(engine):
    # «چهار مدال طلا» (one athlete's golds) is not a claim about all of a team's medals
    facts, _ = facts_by_subject(engine, "او چهار مدال طلا و دو مدال برنز کسب کرد. این تیم ۴۰ مدال گرفت.")
    assert facts["مدال طلا"].value == 4 and facts["مدال برنز"].value == 2 and facts["مدال"].value == 40
    facts, _ = facts_by_subject(engine, "She won four gold medals.")
    assert facts["مدال طلا"].value == 4


def test_relative_ye_keeps_the_subject(engine):
    # «… از ۲۶ فروند موشک کروزی که …»: the «ی» before «که» is the relative marker
    facts, _ = facts_by_subject(engine, "چهار موشک از ۲۶ فروند موشک کروزی که شلیک شد، سقوط کرد.")
    assert facts["موشک کروز"].value == 26


def test_distance_is_a_measure(engine):
    facts, _ = facts_by_subject(engine, "موشک‌ها مسافتی در حدود ۱۵۰۰ کیلومتر را پیمودند.")
    assert facts["مسافت"].interval == (1350, 1650) and facts["مسافت"].unit == "km"
