"""The publication date as a desk types it (issue: everyday use, item 1): Jalali days are read as
Jalali, never as a Gregorian year 772; what cannot be read is refused with a clear message."""
from __future__ import annotations

import datetime as dt
import json

import pytest

import rasti
from rasti.errors import InputError
from rasti.feed.inputs import read_inputs
from rasti.read.published import PublishedError, publication


@pytest.mark.parametrize("value, want", [
    ("2015-10-07", "2015-10-07"),
    ("2015-10-07T19:10", "2015-10-07T19:10"),
    ("2015-10-07 19:10:33", "2015-10-07T19:10"),
    ("2015-10-07T19:10+03:30", "2015-10-07T19:10+03:30"),   # the zone is kept (issue 15: it orders reports)
    ("1394-07-15", "2015-10-07"),           # Jalali by its year
    ("1394/07/15", "2015-10-07"),
    ("۱۳۹۴-۰۷-۱۵", "2015-10-07"),           # Persian digits
    ("١٣٩٤-٠٧-١٥", "2015-10-07"),           # Arabic-Indic digits
    ("1394-07-15j", "2015-10-07"),          # Jalali, said explicitly
    ("1403-12-30", "2025-03-20"),           # a leap Esfand
    ("1402-07-09T10:45", "2023-10-01T10:45"),
    (dt.date(2015, 10, 7), "2015-10-07"),
    (dt.datetime(2015, 10, 7, 9, 5), "2015-10-07T09:05"),
    (None, None), ("", None),
])
def test_publication_forms(value, want):
    assert publication(value) == want


def test_an_explicit_calendar_wins():
    assert publication("1436-12-23", "hijri") == "2015-10-07"
    assert publication("1394-07-15", "jalali") == "2015-10-07"


@pytest.mark.parametrize("value, calendar, says", [
    ("1394-13-01", None, "month 13"),
    ("1403-12-31", None, "day 31"),
    ("2015-02-29", None, "28 days"),
    ("0772-07-15", None, "not a plausible publication year"),
    ("1394-07-15", "gregorian", "not a plausible Gregorian"),
    ("1447-03-05", None, "published_calendar: hijri"),   # a Hijri day is not silently a Jalali 2068
    ("15 Mehr 1394", None, "expected YYYY-MM-DD"),
    ("2015-10-07T25:00", None, "not a time of day"),
    ("1394-07-15j", "hijri", "j suffix"),
    ("2015-10-07", "julian", "not one of"),
])
def test_what_cannot_be_read_is_refused(value, calendar, says):
    with pytest.raises(PublishedError, match=says):
        publication(value, calendar)


def test_a_jalali_publication_date_resolves_yearless_dates_in_its_year():
    art = rasti.read("ناوهای روسیه روز چهارشنبه ۱۵ مهر ۲۶ موشک شلیک کردند.", published="1394-07-15")
    assert art.published == "2015-10-07"
    day = next(m for m in art.mentions if m.kind == "date")
    assert day.value == "2015-10-07"
    assert rasti.Engine().check(art).flags == ()   # Wednesday 15 Mehr 1394: nothing to flag


def test_library_accepts_date_objects():
    a = rasti.read("دیروز ۱۲ نفر کشته شدند.", published=dt.date(2015, 10, 7))
    b = rasti.read("دیروز ۱۲ نفر کشته شدند.", published="2015-10-07")
    assert [m.value for m in a.mentions] == [m.value for m in b.mentions]
    with pytest.raises(ValueError, match="not a date"):
        rasti.read("x", published="yesterday")


def test_front_matter_and_jsonl_take_jalali_and_published_calendar(tmp_path):
    (tmp_path / "a.txt").write_text("---\nid: a\npublished: 1394-07-15\n---\nمتن\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\nid: b\npublished: 1436-12-23\npublished_calendar: hijri\n---\nمتن\n",
                                    encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": "متن", "published": "1394/07/15"}) + "\n"
                                      + json.dumps({"id": "d", "text": "متن", "published": "1394-13-01"}) + "\n",
                                      encoding="utf-8")
    got = list(read_inputs([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.jsonl")]))
    assert [s.published for s in got[:3]] == ["2015-10-07"] * 3
    assert isinstance(got[3], InputError)
    assert str(got[3]).startswith(f"{tmp_path / 'c.jsonl'}:2: published: '1394-13-01'")


def test_load_reads_files_as_the_command_line_does(tmp_path):
    (tmp_path / "a.txt").write_text("---\nid: road-a\npublished: 1394-07-15\n---\nروز ۱۵ مهر ۲۶ موشک شلیک شد.\n",
                                    encoding="utf-8")
    (arts,) = [rasti.load(tmp_path / "a.txt")]
    assert [a.id for a in arts] == ["road-a"]
    assert arts[0].published == "2015-10-07"
    assert not arts[0].text.startswith("---")          # the front matter is not article text
    assert arts[0].text[arts[0].mentions[0].start:arts[0].mentions[0].end] == arts[0].mentions[0].text
    with pytest.raises(InputError, match="no such file"):
        rasti.load(tmp_path / "missing.txt")


def test_duplicate_ids_are_named_with_both_places(tmp_path):
    from rasti.feed.inputs import duplicate_ids
    (tmp_path / "a.txt").write_text("---\npublished: 2015-10-07\nid: road-b\n---\nمتن\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\nid: road-b\n---\nمتن\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "t"}\n{"id": "road-b", "text": "t"}\n', encoding="utf-8")
    (tmp_path / "road-b.txt").write_text("متن بی‌شناسه\n", encoding="utf-8")      # the id from its name
    srcs = list(read_inputs([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.jsonl", "road-b.txt")]))
    errs = [str(e) for e in duplicate_ids(srcs)]
    first = f"{tmp_path / 'a.txt'}:3"
    assert errs == [f"{tmp_path / 'b.txt'}:2: id 'road-b' is already used by {first} (give each article its own id)",
                    f"{tmp_path / 'c.jsonl'}:2: id 'road-b' is already used by {first} (give each article its own id)",
                    f"{tmp_path / 'road-b.txt'}: id 'road-b' is already used by {first} (give each article its own id)"]
    assert duplicate_ids(srcs[:1] + srcs[2:3]) == []


def test_a_publication_time_reaches_the_reader_from_front_matter(tmp_path):
    (tmp_path / "a.txt").write_text("---\nid: a\npublished: 1402-07-09T01:30\n---\nانفجار ۶ ساعت پیش رخ داد.\n",
                                    encoding="utf-8")
    (art,) = rasti.load(tmp_path / "a.txt")
    assert art.published == "2023-10-01"                      # the article keeps the day
    ago = next(m for m in art.mentions if m.kind == "date")
    assert ago.extra.get("datetime", "").startswith("2023-09-30T19:30")   # six hours before 01:30
