"""Bidi isolation (engine/lang/bidi.py, issue 18): the runs of one direction inside a line of the
other are wrapped in FSI…PDI (and <bdi> in the desk report), tested by laying the lines out with
a real implementation of the Unicode bidi algorithm (python-bidi) and reading the visual order."""
from __future__ import annotations

import pytest

from rasti.lang.bidi import FSI, PDI, isolate_message, isolate_runs, strip_isolates
from rasti.report.fmt import bidi_html

bidi = pytest.importorskip("bidi", reason="python-bidi (the test extra) lays lines out")


def visual(line: str, base: str) -> str:
    """The line as a screen shows it, left to right, without the (invisible) isolate marks."""
    return strip_isolates(bidi.get_display(line, base_dir="R" if base == "rtl" else "L"))


def rtl_alone(phrase: str) -> str:
    """A Persian phrase laid out on its own, as a Persian line."""
    return visual(phrase, "rtl")


# --- the algorithm scrambles what is not isolated ----------------------------------------------------------

@pytest.mark.parametrize("date", ["2015-10-07", "۲۰۱۵-۱۰-۰۷"])
def test_an_iso_date_in_a_persian_line_reads_as_written(date):
    line = f"ناوهای روسیه روز {date} ۲۶ موشک کروز شلیک کردند"
    assert date not in visual(line, "rtl")                 # the bug: «07-10-2015»
    fixed = isolate_runs(line, "rtl")
    assert f"{FSI}{date}{PDI}" in fixed
    assert date in visual(fixed, "rtl")
    assert strip_isolates(fixed) == line


def test_a_persian_quote_in_an_english_line_keeps_its_order():
    quote = "«۲۶ موشک کروز»"
    line = f"5 outlets quote {quote} today"
    assert rtl_alone(quote) not in visual(line, "ltr")      # the bug: the number leaves the quote
    fixed = isolate_runs(line, "ltr")
    assert f"{FSI}{quote}{PDI}" in fixed
    assert rtl_alone(quote) in visual(fixed, "ltr")


def test_latin_names_and_ids_in_a_persian_line_read_in_order():
    line = "به گفتهٔ Defence Minister Sergei Shoigu ۲۶ موشک: caspian-04 می‌گوید ۱۸"
    fixed = isolate_runs(line, "rtl")
    shown = visual(fixed, "rtl")
    assert "Defence Minister Sergei Shoigu" in shown and "caspian-04" in shown
    assert f"{FSI}Defence Minister Sergei Shoigu{PDI}" in fixed       # one isolate, not one a word
    # the number after the name stays on the Persian side: right of nothing Latin
    assert "Shoigu ۲۶" not in shown


def test_a_persian_line_keeps_its_own_reading_order():
    line = "۲۶ ≠ ۱۸ موشک کروز"                         # {first} ≠ {second}: read right to left
    assert isolate_runs(line, "rtl") == line
    assert visual(line, "rtl").endswith("۱۸ ≠ ۲۶")         # first on the right, as a Persian reader reads


def test_isolating_is_idempotent_and_leaves_plain_lines_alone():
    for line, base in [("یک واقعیت: «26 cruise missiles» و «۲۶ موشک»", "rtl"),
                       ("«۳۶ هزار میلیارد ریال» and «۳۶۰ میلیارد تومان» differ", "ltr"),
                       ("کشته: از ۲۷ (q2، ۲۰۲۳-۱۱-۱۶) به ۴۱ رسید", "rtl")]:
        once = isolate_runs(line, base)
        assert once != line and isolate_runs(once, base) == once
    assert isolate_runs("26 ≠ 18 cruise missile fired on 2015-10-07", "ltr") == "26 ≠ 18 cruise missile fired on 2015-10-07"
    assert isolate_runs("۱۵ مهر ۱۳۹۴ چهارشنبه بود، نه سه‌شنبه", "rtl") == "۱۵ مهر ۱۳۹۴ چهارشنبه بود، نه سه‌شنبه"
    assert isolate_message({"fa": "در 2015-10-07", "en": "on 2015-10-07"}) == {"fa": f"در {FSI}2015-10-07{PDI}",
                                                                              "en": "on 2015-10-07"}


# --- the messages compare and check produce -------------------------------------------------------------------

TOLL = [("q1", "2023-11-15", "در زلزله دست‌کم ۱۲ نفر کشته شدند."),
        ("q2", "2023-11-16", "شمار جان‌باختگان زلزله به ۲۷ نفر رسید.")]


def test_compare_messages_are_isolated(engine):
    cmp = engine.compare([engine.read(t, published=p, id=i) for i, p, t in TOLL])
    fa = cmp.updates[0].message["fa"]
    assert f"{FSI}۲۰۲۳-۱۱-۱۵{PDI}" in fa and f"{FSI}q1{PDI}" in fa
    shown = visual(fa, "rtl")
    assert "۲۰۲۳-۱۱-۱۵" in shown and "۲۰۲۳-۱۱-۱۶" in shown


def test_a_weekday_contradiction_shows_its_day_as_written(engine):
    a = ("a", "2015-10-07", "روز چهارشنبه ۱۵ مهر ۱۳۹۴ حمله انجام شد.")
    b = ("b", "2015-10-08", "روز سه‌شنبه ۱۵ مهر ۱۳۹۴ حمله انجام شد.")
    cmp = engine.compare([engine.read(t, published=p, id=i) for i, p, t in (a, b)])
    assert cmp.contradictions[0].message["fa"] == f"{FSI}۲۰۱۵-۱۰-۰۷{PDI}: چهارشنبه ≠ سه\u200cشنبه (آن روز چهارشنبه بود)"
    assert "۲۰۱۵-۱۰-۰۷" in visual(cmp.contradictions[0].message["fa"], "rtl")


def test_check_messages_are_isolated(engine):
    art = engine.check(engine.read("از ۸۰ دانشجو، ۲۰ نفر یعنی ۳۰ درصد مردود شدند.", published="2015-10-07"))
    (f,) = [f for f in art.flags if f.code == "percent-mismatch"]
    assert f.message["en"].endswith(f"{FSI}«۳۰ درصد»{PDI}")
    assert rtl_alone("«۳۰ درصد»") in visual(f.message["en"], "ltr")
    assert f.to_dict()["message"] == f.message


# --- the desk report ------------------------------------------------------------------------------------------

def test_report_messages_isolate_in_bdi():
    html = bidi_html("کشته: q4 (۲۰۲۳-۱۱-۱۸) <b>", "rtl")       # escaped; isolated even if the JSON was not
    assert html == "کشته: <bdi>q4</bdi> (<bdi>۲۰۲۳-۱۱-۱۸</bdi>) &lt;<bdi>b</bdi>&gt;"
    assert bidi_html(f"x {FSI}y", "ltr") == "x <bdi>y</bdi>"    # an unclosed isolate is closed
    assert bidi_html(f"x {PDI}y", "ltr") == "x y"


def test_the_caspian_report_isolates_every_iso_date_in_a_persian_message(engine):
    import re
    from report_dom import dom
    from rasti import report as R
    from rasti.cli.report import build_stories
    from pathlib import Path
    st = build_stories([str(Path(__file__).resolve().parent.parent / "corpus" / "caspian")], engine)[0]
    tree = dom(R.render_compare(st["articles"], st["comparison"], st["sources"], title="t", checked=True))
    iso = re.compile(r"[0-9۰-۹]{4}-[0-9۰-۹]{2}-[0-9۰-۹]{2}")
    seen = 0
    for span in tree.find_all("span", cls="msg"):
        if span.attrs.get("dir") != "rtl":
            continue
        for node in span.children:                   # no date right in the Persian text, each in a <bdi>
            if isinstance(node, str):
                assert not iso.search(node), span.text()
        seen += sum(1 for b in span.find_all("bdi") if iso.fullmatch(b.text()))
    assert seen >= 3


def test_rasti_date_lines_keep_each_calendar_whole_in_a_terminal(capsys):
    """`rasti date` printed «15 چهارشنبه ,1436 ذی‌الحجه 23 = …» once a terminal ran the algorithm."""
    from rasti.cli import main
    assert main(["date", "چهارشنبه ۱۵ مهر", "--published", "2015-10-07"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    shown = visual(line, "ltr")
    for part in ("15 مهر 1394", "23 ذی‌الحجه 1436", "چهارشنبه ۱۵ مهر"):
        assert rtl_alone(part) in shown, (part, shown)
    assert "2015-10-07" in shown
    raw = strip_isolates(line)
    assert "(15 مهر 1394 = 2015-10-07 = 23 ذی‌الحجه 1436, چهارشنبه)" in raw   # the text itself unchanged
