"""What compare recognises as the same claim across outlets (issue 15, corpus recall): bare figures,
weekdays named alone, a day restated in another calendar, candidates named before their votes,
the electorate and the voters, results against a named side. Every text is written here."""
from __future__ import annotations

from rasti.verify.compare import claims_of, rules_of


def run(engine, *docs):
    return engine.compare([engine.read(t, published=p, id=i) for i, p, t in docs])


def agreed(c, a: str, b: str, text_a: str | None = None) -> bool:
    return any({x.article for x in f.claims} >= {a, b}
               and (text_a is None or any(x.article == a and text_a in x.text for x in f.claims))
               for f in c.agreements)


# --- figures: the same amount, share, day or time, whatever it is of ----------------------------

def test_a_headline_amount_agrees_with_the_same_amount_in_another_unit(engine):
    c = run(engine,
            ("a", "2025-03-02", "۲٫۵ همت برای آبرسانی به روستاهای جنوب\n\nدولت این طرح را تصویب کرد."),
            ("b", "2025-03-02", "وزیر نیرو گفت: «برای این طرح ۲۵ هزار میلیارد ریال در نظر گرفته شده است.»"))
    assert agreed(c, "a", "b", "همت")
    assert c.contradictions == []


def test_figures_that_differ_are_not_a_contradiction(engine):
    c = run(engine,
            ("a", "2025-03-02", "۲٫۵ همت برای آبرسانی به روستاهای جنوب"),
            ("b", "2025-03-02", "۴ همت برای آبرسانی به روستاهای جنوب"))
    assert c.contradictions == []


def test_a_clock_time_agrees_across_languages(engine):
    c = run(engine,
            ("a", "2025-03-02", "آتش‌سوزی ساعت ۱۶:۴۰ در انبار کالا آغاز شد و تا شب ادامه داشت."),
            ("b", "2025-03-02", "The blaze broke out at 4:40 p.m. in a goods depot."))
    assert agreed(c, "a", "b")


def test_a_small_bare_count_and_a_year_are_no_figures(engine):
    rules = rules_of(engine)
    art = engine.read("در سال ۱۴۰۳ حدود ۴ تیم به منطقه رفتند.", published="2025-03-02", id="a")
    assert [c for c in claims_of(art, rules, figures=True) if c.kind == "figure" and c.unit == "count"] == []


def test_a_figure_agreement_that_restates_a_named_one_is_left_out(engine):
    c = run(engine,
            ("a", "2025-03-02", "در این حادثه ۱۲ نفر کشته شدند."),
            ("b", "2025-03-02", "در این حادثه ۱۲ نفر کشته شدند."))
    assert len(c.agreements) == 1
    assert all(x.kind != "figure" for x in c.agreements[0].claims)


def test_a_fact_store_keeps_no_figures(engine):
    rules = rules_of(engine)
    art = engine.read("۲٫۵ همت برای آبرسانی به روستاهای جنوب", published="2025-03-02", id="a")
    assert any(c.kind == "figure" for c in claims_of(art, rules, figures=True))
    assert not any(c.kind == "figure" for c in claims_of(art, rules))


# --- days ------------------------------------------------------------------------------------------

def test_a_weekday_named_alone_agrees_but_never_contradicts(engine):
    agree = run(engine,
                ("a", "2025-03-08", "سیلاب امروز شنبه دو روستا را فرا گرفت."),
                ("b", "2025-03-09", "The flood hit two villages on Saturday."))
    assert agreed(agree, "a", "b")
    wrong = run(engine,
                ("a", "2025-03-08", "سیلاب روز جمعه ۱۸ اسفند دو روستا را فرا گرفت."),
                ("b", "2025-03-09", "The flood hit two villages on Saturday."))
    assert all("b" not in {x.article for x in f.claims} for f in wrong.contradictions)


def test_a_day_restated_in_the_other_calendar_is_one_claim(engine):
    c = run(engine,
            ("a", "2025-03-01", "دیدار پایانی روز سه‌شنبه ۲۱ اسفند (۱۱ مارس) برگزار می‌شود."),
            ("b", "2025-03-02", "دیدار پایانی سه‌شنبه ۲۱ اسفند برگزار می‌شود."))
    f = next(f for f in c.agreements if {x.article for x in f.claims} == {"a", "b"})
    assert any("۱۱ مارس" in x.text for x in f.claims if x.article == "a")


# --- elections ---------------------------------------------------------------------------------------

def test_the_electorate_and_the_voters_are_two_claims(engine):
    c = run(engine,
            ("a", "2025-05-10", "از ۸۴ هزار و ۲۰۰ واجد شرایط، ۳۹ هزار و ۵۰۰ نفر در انتخابات شرکت کردند."),
            ("b", "2025-05-10", "Turnout was low, with 39,500 of the district's 84,200 eligible voters taking part."))
    keys = {x.key for f in c.agreements for x in f.claims if x.kind != "figure"}
    assert {"واجد شرایط", "رای‌دهنده"} <= keys
    assert c.contradictions == []


def test_a_candidate_named_before_the_share_keys_it(engine):
    c = run(engine,
            ("a", "2025-05-10", "نادر کیانی با ۵۵ درصد آرا شهردار شد و رقیبش ۴۰ درصد آرا گرفت."),
            ("b", "2025-05-10", "کیانی با ۴۹ درصد آرا به پیروزی رسید."))
    assert len(c.contradictions) == 1
    assert sorted(x.value for x in c.contradictions[0].claims) == [49, 55]


# --- sports --------------------------------------------------------------------------------------------

def test_a_result_against_a_named_side_is_the_winner_s_and_the_loser_s_goals(engine):
    c = run(engine,
            ("a", "2025-04-01", "تیم ما با نتیجه ۴ بر ۲ مغلوب سپاهان شد."),
            ("b", "2025-04-01", "پس از شکست ۴ بر ۱ مقابل سپاهان، سرمربی استعفا داد."))
    assert len(c.contradictions) == 1
    assert sorted(x.value for x in c.contradictions[0].claims) == [1, 2]
    assert any(x.key.startswith("گل برنده") for f in c.agreements for x in f.claims)


def test_a_duration_is_shown_as_stated(engine):
    c = run(engine,
            ("a", "2025-04-01", "دادگاه او را به ۳ سال حبس محکوم کرد."),
            ("b", "2025-04-02", "دادگاه او را به ۵ سال حبس محکوم کرد."))
    assert len(c.contradictions) == 1
    assert "۳ سال" in c.contradictions[0].message["fa"] and "۵ سال" in c.contradictions[0].message["fa"]


def test_a_result_told_in_english_and_in_persian_is_compared_per_side(engine):
    c = run(engine,
            ("a", "2025-04-01", "Iraq were thrashed 5-1 by Japan in Saitama on Tuesday."),
            ("b", "2025-04-02", "عراق در سایتاما با شکست ۵ بر ۲ مقابل ژاپن از دور رقابت‌ها کنار رفت."))
    assert len(c.contradictions) == 1
    assert sorted(x.value for x in c.contradictions[0].claims) == [1, 2]
    assert any(x.key == "گل برنده/ژاپن" for f in c.agreements for x in f.claims)


def test_a_reversed_digit_pair_that_is_no_result_is_no_score(engine):
    art = engine.read("The board approved it in a 5-4 vote.", published="2025-04-01", id="a")
    assert [m for m in art.mentions if (m.extra or {}).get("pair")] == []


# --- an outlet's name is no time ---------------------------------------------------------------

def test_a_relative_day_closing_an_outlet_s_name_is_not_the_facts_time(engine):
    # «کیهان امروز» is the paper cited; the contract it reports was signed two days earlier, so
    # its value meets the other outlet's (dated to that day) and the two values clash
    c = run(engine,
            ("a", "2025-05-10", "استانداری روز پنجشنبه ۱۸ اردیبهشت قراردادی ۲ هزار میلیارد تومانی برای ساخت سد امضا کرد."),
            ("b", "2025-05-10", "به گزارش کیهان امروز، قرارداد ساخت سد به ارزش ۲۰۰ میلیارد تومان امضا شده است."))
    assert any({x.article for x in f.claims} == {"a", "b"} for f in c.contradictions)


def test_today_after_the_citation_s_comma_is_still_a_time(engine):
    # «به گزارش ایسنا، امروز …»: the comma closes the citation first; «امروز» dates the fact
    docs = [("b", "2025-05-10", "به گزارش ایسنا، امروز قرارداد ساخت سد به ارزش ۲۰۰ میلیارد تومان امضا شد.")]
    arts = [engine.read(t, published=p, id=i) for i, p, t in docs]
    rules = rules_of(engine)
    cl = [x for x in claims_of(arts[0], rules) if x.unit == "IRR"]
    assert cl and all(x.strong for x in cl)
    named = engine.read("به گزارش کیهان امروز، قرارداد ساخت سد به ارزش ۲۰۰ میلیارد تومان امضا شد.",
                        published="2025-05-10", id="k")
    assert all(not x.strong for x in claims_of(named, rules) if x.unit == "IRR")


# --- a running total as the readers of one language saw it -------------------------------------

def _rises(c, a: str, b: str) -> bool:
    return any([x.article for x in f.claims] == [a, b] for f in c.updates)


def test_an_english_report_rises_from_the_last_english_one_over_persian_reports_between(engine):
    c = run(engine,
            ("en1", "2025-02-03", "A bus plunged into a ravine in Lorestan province on Monday, killing at least 9 people."),
            ("fa1", "2025-02-04", "شمار کشته‌شدگان سقوط اتوبوس در لرستان به ۱۴ نفر رسید."),
            ("fa2", "2025-02-05", "شمار کشته‌شدگان سقوط اتوبوس در لرستان به ۲۰ نفر رسید."),
            ("en2", "2025-02-05", "The death toll from the bus crash in Lorestan province has risen to 20."))
    assert _rises(c, "en1", "fa1") and _rises(c, "fa1", "fa2")
    assert _rises(c, "en1", "en2")
    assert not _rises(c, "en1", "fa2")     # no Persian reader saw 9


def test_one_language_s_reports_rise_only_level_by_level(engine):
    c = run(engine,
            ("fa0", "2025-02-03", "در سقوط اتوبوس در لرستان دست‌کم ۹ نفر کشته شدند."),
            ("fa1", "2025-02-04", "شمار کشته‌شدگان سقوط اتوبوس در لرستان به ۱۴ نفر رسید."),
            ("fa2", "2025-02-05", "شمار کشته‌شدگان سقوط اتوبوس در لرستان به ۲۰ نفر رسید."))
    assert _rises(c, "fa0", "fa1") and _rises(c, "fa1", "fa2") and not _rises(c, "fa0", "fa2")
