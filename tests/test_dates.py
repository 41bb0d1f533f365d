"""Dates through the whole pipeline: text -> rules -> resolution, in three calendars."""
import random
from datetime import date, timedelta

import jdatetime
import pytest

from rasti.read import calendars as C
from rasti.read.dates import day_draft
from rasti.read.matcher import Context

JALALI_NAMES = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def dates_of(engine, text, published=None):
    return [m for m in engine.mentions(text, published=published) if m.kind == "date"]


def test_every_jalali_day_1300_to_1500_resolves_to_its_gregorian_day():
    ctx = Context(None)
    d = jdatetime.date(1300, 1, 1)
    end = jdatetime.date(1501, 1, 1)
    n = 0
    while d < end:
        draft = day_draft(ctx, "jalali", d.year, d.month, d.day, None)
        assert draft.value == d.togregorian().isoformat(), (d, draft)
        d += jdatetime.timedelta(days=1)
        n += 1
    assert n > 73000


def test_sampled_jalali_days_round_trip_through_text(engine):
    rng = random.Random(7)
    for _ in range(400):
        g = date(1921, 3, 21) + timedelta(days=rng.randrange(0, 73000))
        j = jdatetime.date.fromgregorian(date=g)
        text = f"در {str(j.day).translate(FA)} {JALALI_NAMES[j.month - 1]} {str(j.year).translate(FA)} رخ داد"
        (m,) = dates_of(engine, text)
        assert m.value == g.isoformat(), text
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text,iso,valid", [
    ("۲۹ اسفند ۱۴۰۲", "2024-03-19", True),      # last day of a common year
    ("۳۰ اسفند ۱۴۰۲", None, False),            # 1402 is not leap
    ("۳۰ اسفند ۱۴۰۳", "2025-03-20", True),      # 1403 is leap
    ("۱ فروردین ۱۴۰۴", "2025-03-21", True),     # Nowruz after a leap Esfand
    ("اول فروردین ۱۳۹۴", "2015-03-21", True),
    ("۲۹ فوریه ۲۰۲۴", "2024-02-29", True),
    ("۲۹ فوریه ۲۰۲۳", None, False),
    ("۳۱ دسامبر ۲۰۱۵", "2015-12-31", True),
    ("۳۱ شهریور ۱۳۹۴", "2015-09-22", True),     # Shahrivar has 31 days
    ("۳۱ مهر ۱۳۹۴", None, False),               # Mehr has 30
    ("۲۹ ذی‌الحجه ۱۴۳۶", "2015-10-13", True),
])
def test_month_ends_and_leap_boundaries(engine, text, iso, valid):
    (m,) = dates_of(engine, text)
    assert m.value == iso
    assert m.extra["valid"] is valid
    if not valid:
        assert m.extra["reason"]


def test_yearless_date_takes_nearest_year_preferring_recent_past(engine):
    (m,) = dates_of(engine, "روز ۱۵ مهر", published="2016-01-10")
    assert m.value == "2015-10-07" and m.extra["year_inferred"] is True
    (m,) = dates_of(engine, "۳۰ سپتامبر", published="2015-09-25")
    assert m.value == "2015-09-30"   # five days ahead: a plausible near future


def test_yearless_date_without_publication_stays_unresolved(engine):
    (m,) = dates_of(engine, "۱۵ مهر")
    assert m.value is None and m.extra.get("resolved") is False


def test_weekday_picks_the_year_where_it_holds(engine):
    # 15 Mehr was a Wednesday in 1394 (2015) and a Thursday in 1395 (2016).
    (m,) = dates_of(engine, "پنجشنبه ۱۵ مهر", published="2016-03-01")
    assert m.value == "2016-10-06"
    assert m.extra["weekday"] == 3
    (m,) = dates_of(engine, "چهارشنبه ۱۵ مهر", published="2016-03-01")
    assert m.value == "2015-10-07"


def test_hijri_is_a_three_day_interval(engine):
    (m,) = dates_of(engine, "۱۰ ذی‌الحجه ۱۴۳۶")
    assert m.value == "2015-09-24"
    assert m.interval == ("2015-09-23", "2015-09-25")
    assert m.extra["calendar"] == "hijri"


def test_two_calendars_one_timeline(engine):
    text = "روز چهارشنبه ۱۵ مهر حملات از روز ۳۰ سپتامبر آغاز شده بود"
    ds = dates_of(engine, text, published="2015-10-07")
    values = [m.value for m in ds if m.value]
    assert "2015-10-07" in values and "2015-09-30" in values
    assert C.to_gregorian("jalali", 1394, 7, 8).isoformat() == "2015-09-30"


@pytest.mark.parametrize("text", ["۱۲ تیر هوایی شلیک شد", "مهر و موم شد", "بهمن آمد", "آذر گفت که", "مه غلیظ شهر را پوشاند", "دی گذشته"])
def test_month_homographs_are_not_dates(engine, text):
    assert dates_of(engine, text, published="2015-10-07") == []


def test_named_events_keep_their_own_year(engine):
    (m,) = dates_of(engine, "پس از حملات ۱۱ سپتامبر", published="2015-10-07")
    assert m.value == "2001-09-11" and m.extra["named_event"] is True


def test_time_of_day_is_not_a_number(engine):
    ms = engine.mentions("ساعت ۱۰:۳۰ بامداد")
    assert [m.kind for m in ms] == ["time"]
    assert ms[0].value == "10:30"


def test_since_range_is_open_to_publication(engine):
    ms = dates_of(engine, "از ۳۰ سپتامبر تاکنون", published="2015-10-07")
    rng = [m for m in ms if m.extra.get("range")]
    assert rng and rng[0].interval == ("2015-09-30", "2015-10-07") and rng[0].extra["since"] is True


def test_relative_date_beyond_the_calendar_stays_unresolved(engine):
    """«۱۰۰ هزار سال پیش» lies before year 1: read, not resolved, and no crash (OverflowError)."""
    far, near = dates_of(engine, "۱۰۰ هزار سال پیش، و دو روز پیش", published="2020-01-01")
    assert far.value is None and far.extra["resolved"] is False and far.extra["relative"] == -36500000
    assert near.value == "2019-12-30"


def test_date_cli(capsys):
    from rasti.cli import main
    assert main(["date", "۱۵ مهر", "--published", "2015-10-07"]) == 0
    out = capsys.readouterr().out
    assert "2015-10-07" in out and "1436" in out


@pytest.mark.parametrize("text, kind, value", [
    ("هر سه ماه یک بار", "duration", 90),     # «هر» before a unit of time: still a duration
    ("هر پنج شنبه", "weekday", 3),            # «هر» before a weekday: every Thursday, not «شنبه»
    ("هر دو شنبه", "weekday", 0),
])
def test_every_before_a_time_unit_or_a_weekday_is_read(engine, text, kind, value):
    assert [(m.kind, m.value) for m in engine.mentions(text, published="2023-11-15")] == [(kind, value)]
