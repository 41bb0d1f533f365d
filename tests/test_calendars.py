"""Tests for rasti.read.calendars: anchors checked against outside facts, exhaustive round trips."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasti.read.calendars import (
    CALENDARS,
    FUTURE_WINDOW_DAYS,
    DateError,
    candidates_for_yearless,
    from_gregorian,
    hijri_interval,
    is_leap,
    month_length,
    month_span,
    to_gregorian,
    two_digit_year,
    validate,
    weekday,
    year_span,
)

# --- known anchors ---------------------------------------------------------------------------

@pytest.mark.parametrize("ymd, g", [
    ((1394, 1, 1), date(2015, 3, 21)),    # Nowruz 1394
    ((1403, 1, 1), date(2024, 3, 20)),    # Nowruz 1403
    ((1394, 7, 15), date(2015, 10, 7)),
    ((1357, 11, 22), date(1979, 2, 11)),  # 22 Bahman 1357
    ((1403, 12, 30), date(2025, 3, 20)),  # the leap day, eve of Nowruz 1404
])
def test_jalali_anchors(ymd, g):
    assert to_gregorian("jalali", *ymd) == g
    assert from_gregorian("jalali", g) == ymd


@pytest.mark.parametrize("ymd, g", [
    ((1, 1, 1), date(622, 7, 19)),         # epoch: 16 July 622 Julian
    ((1436, 12, 10), date(2015, 9, 24)),   # Eid al-Adha 1436, as observed in Iran
    ((1445, 1, 1), date(2023, 7, 19)),
])
def test_hijri_anchors(ymd, g):
    assert to_gregorian("hijri", *ymd) == g
    assert from_gregorian("hijri", g) == ymd


def test_15_mehr_1394_is_a_wednesday():
    assert weekday(to_gregorian("jalali", 1394, 7, 15)) == 2


def test_weekday_convention_monday_zero():
    assert weekday(date(2024, 3, 18)) == 0  # a Monday
    assert weekday(date(2024, 3, 24)) == 6  # a Sunday


# --- validity ----------------------------------------------------------------------------------

def test_esfand_30_only_in_leap_years():
    assert is_leap("jalali", 1403) and not is_leap("jalali", 1402)
    assert validate("jalali", 1403, 12, 30) is None
    assert validate("jalali", 1402, 12, 30) == (
        "day 30 does not exist: month 12 of the Jalali year 1402 has 29 days")


def test_gregorian_leap_day_and_short_months():
    assert validate("gregorian", 2024, 2, 29) is None
    assert validate("gregorian", 2023, 2, 29) is not None
    assert validate("gregorian", 2023, 9, 31) == (
        "day 31 does not exist: month 9 of the Gregorian year 2023 has 30 days")
    assert not is_leap("gregorian", 1900) and is_leap("gregorian", 2000)


def test_reason_wording_for_mehr_31():
    assert validate("jalali", 1394, 7, 31) == (
        "day 31 does not exist: month 7 of the Jalali year 1394 has 30 days")


def test_hijri_day_30_of_a_29_day_month_is_invalid():
    assert validate("hijri", 1445, 2, 30) is not None   # Safar: 29 days
    assert validate("hijri", 1445, 1, 30) is None       # Muharram: 30 days
    with pytest.raises(DateError):
        hijri_interval(1445, 2, 30)


@pytest.mark.parametrize("cal, ymd, fragment", [
    ("jalali", (1394, 13, 1), "month 13"),
    ("gregorian", (2024, 0, 1), "month 0"),
    ("hijri", (1445, 1, 0), "day 0"),
    ("jalali", (0, 1, 1), "year 0"),
    ("hijri", (99999, 1, 1), "year 99999"),
])
def test_impossible_dates_raise_with_reason(cal, ymd, fragment):
    reason = validate(cal, *ymd)
    assert reason and fragment in reason
    with pytest.raises(DateError) as info:
        to_gregorian(cal, *ymd)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)


def test_unknown_calendar_is_a_plain_value_error():
    with pytest.raises(ValueError) as info:
        validate("julian", 2024, 1, 1)
    assert not isinstance(info.value, DateError)


# --- month and year ends -----------------------------------------------------------------------

@pytest.mark.parametrize("cal, year, lengths", [
    ("jalali", 1402, [31] * 6 + [30] * 5 + [29]),
    ("jalali", 1403, [31] * 6 + [30] * 6),
    ("gregorian", 2023, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]),
    ("gregorian", 2024, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]),
    ("hijri", 1445, [30, 29] * 5 + [30, 30]),  # leap year: Dhu al-Hijjah has 30
    ("hijri", 1446, [30, 29] * 6),
])
def test_month_lengths(cal, year, lengths):
    assert [month_length(cal, year, m) for m in range(1, 13)] == lengths


def test_hijri_leap_years_follow_the_30_year_cycle():
    leap = {2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29}
    for cycle in (0, 47):
        assert {y for y in range(1, 31) if is_leap("hijri", 30 * cycle + y)} == leap


@pytest.mark.parametrize("cal, year, month, span", [
    ("jalali", 1394, 7, (date(2015, 9, 23), date(2015, 10, 22))),
    ("jalali", 1403, 12, (date(2025, 2, 19), date(2025, 3, 20))),
    ("gregorian", 2024, 2, (date(2024, 2, 1), date(2024, 2, 29))),
    ("hijri", 1445, 1, (date(2023, 7, 19), date(2023, 8, 17))),
])
def test_month_span(cal, year, month, span):
    assert month_span(cal, year, month) == span


@pytest.mark.parametrize("cal, year, span", [
    ("jalali", 1403, (date(2024, 3, 20), date(2025, 3, 20))),
    ("gregorian", 2023, (date(2023, 1, 1), date(2023, 12, 31))),
    ("hijri", 1445, (date(2023, 7, 19), date(2024, 7, 7))),  # 355 days: a leap year
])
def test_year_span(cal, year, span):
    assert year_span(cal, year) == span


def test_month_span_rejects_a_missing_month():
    with pytest.raises(DateError):
        month_span("jalali", 1403, 13)


def test_hijri_interval_is_arithmetic_day_plus_minus_one():
    assert hijri_interval(1436, 12, 10) == (date(2015, 9, 23), date(2015, 9, 25))
    lo, hi = hijri_interval(1444, 9, 1)  # Ramadan 1444 began 23 March 2023
    assert lo <= date(2023, 3, 23) <= hi


# --- exhaustive round trips ------------------------------------------------------------------

def _walk(cal: str, first: int, last: int) -> None:
    """Every day of years first..last: consecutive calendar days are consecutive Gregorian days
    and each round-trips; the walk must also end exactly where the next year begins."""
    expected = to_gregorian(cal, first, 1, 1)
    for y in range(first, last + 1):
        for m in range(1, 13):
            for d in range(1, month_length(cal, y, m) + 1):
                assert to_gregorian(cal, y, m, d) == expected, (y, m, d)
                assert from_gregorian(cal, expected) == (y, m, d), expected
                expected += timedelta(days=1)
        assert validate(cal, y, 12, month_length(cal, y, 12) + 1) is not None
    assert to_gregorian(cal, last + 1, 1, 1) == expected


def test_every_jalali_day_1300_to_1500_round_trips():
    _walk("jalali", 1300, 1500)


def test_every_hijri_day_1300_to_1500_round_trips():
    _walk("hijri", 1300, 1500)


def test_every_gregorian_day_1900_to_2100_round_trips():
    _walk("gregorian", 1900, 2100)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), st.dates(min_value=date(622, 7, 19), max_value=date(9999, 3, 20)))
def test_any_date_round_trips(cal, g):
    assert to_gregorian(cal, *from_gregorian(cal, g)) == g


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), st.integers(1, 3000), st.integers(-1, 14), st.integers(-1, 32))
def test_validate_agrees_with_to_gregorian(cal, y, m, d):
    reason = validate(cal, y, m, d)
    if reason is None:
        to_gregorian(cal, y, m, d)
    else:
        with pytest.raises(DateError):
            to_gregorian(cal, y, m, d)


def test_dates_before_an_epoch_are_rejected():
    with pytest.raises(DateError):
        from_gregorian("hijri", date(622, 7, 18))
    with pytest.raises(DateError):
        from_gregorian("jalali", date(600, 1, 1))


# --- yearless dates ------------------------------------------------------------------------

def _years(cands):
    return [y for y, _ in cands]


def test_yearless_just_past():
    cands = candidates_for_yearless("jalali", 7, 15, date(2015, 10, 8))
    assert cands[0] == (1394, date(2015, 10, 7))
    assert sorted(_years(cands)) == [1393, 1394, 1395]


def test_yearless_recent_past_beats_next_occurrence():
    assert _years(candidates_for_yearless("jalali", 7, 15, date(2016, 1, 10))) == [1394, 1393, 1395]


def test_yearless_near_future_is_plausible():
    cands = candidates_for_yearless("gregorian", 9, 30, date(2015, 9, 25))
    assert cands[0] == (2015, date(2015, 9, 30))


def test_yearless_far_future_loses_to_last_year():
    ref = date(2015, 6, 1)
    # 1 September is 92 days ahead: beyond the window, so last year's occurrence wins,
    # even though it is further away (273 days back)
    assert _years(candidates_for_yearless("gregorian", 9, 1, ref))[0] == 2014
    # 15 July is 44 days ahead: inside the window, and nearer than last year's
    assert _years(candidates_for_yearless("gregorian", 7, 15, ref))[0] == 2015
    assert FUTURE_WINDOW_DAYS < 92


def test_yearless_weekday_reorders():
    ref = date(2015, 10, 8)
    # 15 Mehr 1393 = 2014-10-07, a Tuesday; 15 Mehr 1394 = Wednesday
    assert candidates_for_yearless("jalali", 7, 15, ref, weekday=1)[0] == (1393, date(2014, 10, 7))
    assert _years(candidates_for_yearless("jalali", 7, 15, ref, weekday=2))[0] == 1394


def test_yearless_weekday_fitting_nothing_keeps_distance_order():
    ref = date(2015, 10, 8)
    plain = candidates_for_yearless("jalali", 7, 15, ref)
    fits = {g.weekday() for _, g in plain}
    other = next(w for w in range(7) if w not in fits)
    assert candidates_for_yearless("jalali", 7, 15, ref, weekday=other) == plain


def test_yearless_skips_years_without_the_day():
    # Esfand 30 exists in 1403 only among 1403-1405
    assert _years(candidates_for_yearless("jalali", 12, 30, date(2025, 6, 1))) == [1403]
    assert _years(candidates_for_yearless("gregorian", 2, 29, date(2025, 6, 1))) == [2024]
    assert candidates_for_yearless("gregorian", 2, 30, date(2025, 6, 1)) == []


def test_yearless_hijri():
    # Ref 2015-09-25: 10 Dhu al-Hijjah 1436 was yesterday
    assert candidates_for_yearless("hijri", 12, 10, date(2015, 9, 25))[0] == (1436, date(2015, 9, 24))


# --- two-digit years -----------------------------------------------------------------------

@pytest.mark.parametrize("cal, yy, ref, year", [
    ("jalali", 94, None, 1394),
    ("jalali", 5, None, 1405),
    ("jalali", 57, None, 1357),      # 48 back beats 52 ahead
    ("jalali", 5, date(1950, 1, 1), 1305),
    ("gregorian", 15, None, 2015),
    ("gregorian", 99, None, 1999),
    ("gregorian", 76, None, 1976),   # a tie (50 either way) goes to the past
    ("gregorian", 20, date(1950, 1, 1), 1920),
    ("hijri", 36, None, 1436),
    ("hijri", 99, None, 1399),
    ("hijri", 90, date(2015, 1, 1), 1390),
])
def test_two_digit_year(cal, yy, ref, year):
    assert two_digit_year(cal, yy, ref) == year


def test_two_digit_year_rejects_three_digits():
    with pytest.raises(DateError):
        two_digit_year("jalali", 100, None)
