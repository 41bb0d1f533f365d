"""False alarms of `compare` on real same-event clusters (issue 15), as pairs of our own short
texts: each class that made a false contradiction must stay silent, and beside it a control pair
that differs only in that one respect must still contradict (so each test can fail both ways)."""
from __future__ import annotations

DAY = "2026-08-06T10:00:00+03:30"


def run(engine, a: str, b: str):
    return engine.compare([engine.read(a, published=DAY, id="a"), engine.read(b, published=DAY, id="b")])


def figures(c) -> list[tuple]:
    return [tuple(x.text for x in f.claims) for f in c.contradictions]


def test_guessed_word_with_an_action_on_one_side_only_is_not_compared(engine):
    # «فعال» is a word the facts stage lemmatized, not a subject the lexicons name
    c = run(engine, "نامه‌ای برای یکی از هفت فعال محیط زیست زندانی نوشته شد.",
            "احکام هشت فعال محیط زیست از سوی دادگاه صادر شد.")
    assert c.contradictions == [], figures(c)


def test_guessed_word_with_the_same_action_on_both_sides_contradicts(engine):
    c = run(engine, "احکام هفت فعال محیط زیست از سوی دادگاه صادر شد.",
            "احکام هشت فعال محیط زیست از سوی دادگاه صادر شد.")
    assert len(c.contradictions) == 1, figures(c)
    assert c.contradictions[0].severity == "warning"      # a guessed word: never an error


def test_a_named_subject_with_the_same_action_is_an_error(engine):
    c = run(engine, "در حمله دیروز پنج فروند موشک شلیک شد.", "در حمله دیروز هفت فروند موشک شلیک شد.")
    assert [f.severity for f in c.contradictions] == ["error"], figures(c)


def test_counterfactual_price_is_not_a_level(engine):
    c = run(engine, "نامزد گفت: به جای اینکه قیمت دلار ۶۰ هزار تومان شود، امروز ۲۵ هزار تومان است.",
            "قیمت دلار امروز ۳۰ هزار تومان است.")
    assert not any("۶۰" in t for f in figures(c) for t in f), figures(c)


def test_stated_price_against_another_contradicts(engine):
    c = run(engine, "نامزد گفت: قیمت دلار امروز ۶۰ هزار تومان است.",
            "قیمت دلار امروز ۳۰ هزار تومان است.")
    assert len(c.contradictions) == 1, figures(c)


def test_condition_is_not_a_level(engine):
    c = run(engine, "در صورتی که نرخ تورم به ۲۰ درصد برسد، دستمزدها ثابت می‌ماند.",
            "نرخ تورم به ۳۵ درصد رسید.")
    assert c.contradictions == [], figures(c)


def test_two_inflation_levels_contradict(engine):
    c = run(engine, "نرخ تورم به ۲۰ درصد رسید.", "نرخ تورم به ۳۵ درصد رسید.")
    assert len(c.contradictions) == 1, figures(c)


def test_price_per_item_of_unnamed_goods_is_not_compared(engine):
    c = run(engine, "قیمت هر کیلو برنج وارداتی در گمرک ۲۱ هزار تومان است.",
            "قیمت هر کیلوگرم شکر در بازار ۷ هزار تومان است.")
    assert c.contradictions == [], figures(c)


def test_price_per_item_of_a_named_good_contradicts(engine):
    c = run(engine, "قیمت برنج هر کیلو ۲۱ هزار تومان است.", "قیمت برنج هر کیلو ۳۰ هزار تومان است.")
    assert len(c.contradictions) == 1, figures(c)


def test_production_of_unnamed_scope_is_not_compared(engine):
    c = run(engine, "فاز نخست نیروگاه با ظرفیت تولید ۲۷۰ مگاوات تکمیل شد.",
            "ظرفیت تولید کشور از این منابع ۱۵۰۰ مگاوات است.")
    assert c.contradictions == [], figures(c)


def test_production_of_a_named_thing_contradicts(engine):
    c = run(engine, "تولید برق این نیروگاه ۲۷۰ مگاوات است.", "تولید برق این نیروگاه ۱۵۰۰ مگاوات است.")
    assert len(c.contradictions) == 1, figures(c)


def test_failed_attacks_are_a_part_of_all_attacks(engine):
    c = run(engine, "ایران با سه حمله پهپادی این کشتی را هدف قرار داد.",
            "این کشتی پیش‌تر هدف دو حمله ناموفق پهپادی قرار گرفته بود.")
    assert c.contradictions == [], figures(c)


def test_three_attacks_against_two_attacks_contradict(engine):
    c = run(engine, "ایران با سه حمله پهپادی این کشتی را هدف قرار داد.",
            "ایران با دو حمله پهپادی این کشتی را هدف قرار داد.")
    assert len(c.contradictions) == 1, figures(c)


def test_a_quoted_bank_name_is_not_an_action(engine):
    art = engine.read("دادستان از پولشویی دو بانک «ملی» و «صادرات» خبر داد.", published=DAY)
    banks = [f for f in art.facts if f.value == 2]
    assert banks and banks[0].predicate is None, [(f.subject, f.predicate) for f in art.facts]


def test_an_unquoted_export_is_an_action(engine):
    art = engine.read("دو محموله میوه به عراق صادر شد.", published=DAY)
    assert [(f.predicate or {}).get("key") for f in art.facts if f.value == 2] == ["صادر کردن"]


# --- recall on the same real clusters: figures that were read but never compared ----------------

def run_at(engine, a: tuple[str, str], b: tuple[str, str]):
    return engine.compare([engine.read(t, published=p, id=i) for i, (p, t) in zip("ab", (a, b))])


def updates(c) -> list[tuple]:
    return [tuple(x.value if x.value is not None else x.interval[0] for x in u.claims) for u in c.updates]


def test_a_level_reached_with_a_rise_verb_is_a_level(engine):
    c = run(engine, "نرخ تورم در آبان به ۴۰ درصد افزایش یافت.", "نرخ تورم در آبان ۴۵ درصد بود.")
    assert len(c.contradictions) == 1, figures(c)


def test_a_change_with_a_rise_verb_is_not_a_level(engine):
    c = run(engine, "نرخ تورم در آبان ۱۲ درصد افزایش یافت.", "نرخ تورم در آبان ۴۵ درصد بود.")
    assert c.contradictions == [], figures(c)


def test_a_toll_that_rose_to_a_figure_is_updated_later(engine):
    c = run_at(engine, ("2026-08-01T09:00:00+03:30", "تعداد قربانیان آتش‌سوزی جنگل به شش نفر افزایش یافت."),
               ("2026-08-01T18:00:00+03:30", "تا کنون ۱۰ نفر در آتش‌سوزی جنگل جان باخته‌اند."))
    assert (6, 10) in updates(c), (updates(c), figures(c))


def test_citizens_of_one_country_are_not_the_whole_toll(engine):
    c = run(engine, "در انفجار فرودگاه دست‌کم ۱۷۰ نفر کشته شدند.",
            "دولت بریتانیا گفت سه شهروند این کشور در انفجار فرودگاه کشته شدند.")
    assert c.contradictions == [], figures(c)


def test_students_spelled_with_a_space_are_students(engine):
    c = run_at(engine, ("2026-08-01T09:00:00+03:30", "شهادت ۵۳ دانش آموز در حمله به مدرسه"),
               ("2026-08-01T10:00:00+03:30", "شهادت ۵۷ دانش‌آموز در حمله به مدرسه"))
    assert (53, 57) in updates(c), (updates(c), figures(c))


def test_helicopters_and_their_synonym_are_one_subject(engine):
    c = run(engine, "۴۵ فروند هلیکوپتر برای مهار آتش به منطقه اعزام شد.",
            "آتش با ۴۵ فروند بالگرد مهار می‌شود.")
    assert c.contradictions == [], figures(c)
    assert any({x.subject for x in f.claims} == {"بالگرد", "هلیکوپتر"} for f in c.agreements), \
        [[x.subject for x in f.claims] for f in c.agreements]


def test_more_deaths_written_inside_the_toll_are_an_addition(engine):
    c = run_at(engine, ("2026-08-01T09:00:00+03:30", "در این حادثه تاکنون ۱۲ نفر کشته شدند."),
               ("2026-08-01T10:00:00+03:30", "پزشکی قانونی از مرگ ۵ نفر دیگر در این حادثه خبر داد."))
    assert c.contradictions == [], figures(c)


def test_a_smaller_toll_later_still_falls(engine):
    c = run_at(engine, ("2026-08-01T09:00:00+03:30", "در این حادثه تاکنون ۱۲ نفر کشته شدند."),
               ("2026-08-01T10:00:00+03:30", "پزشکی قانونی از مرگ ۵ نفر در این حادثه خبر داد."))
    assert len(c.contradictions) == 1, figures(c)
