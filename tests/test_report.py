"""The desk report (engine/report.py): escaping, direction, flags, contradictions, ledger, writing."""
from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

import pytest

from rasti.lang.bidi import strip_isolates
from report_dom import article_text, dom

from rasti import report as R
from rasti.cli import main
from rasti.cli.report import build_stories

ROOT = Path(__file__).resolve().parent.parent
CASPIAN = ROOT / "corpus" / "caspian"


# --- fixtures ------------------------------------------------------------------------------------

FA = "ناوهای روسیه روز سه‌شنبه ۱۵ مهر ۱۳۹۴ با شلیک ۲۶ موشک کروز ۱۱ هدف را زدند."
EN = "Russian warships fired 26 cruise missiles at 11 targets on Wednesday, Oct. 7."


def flag(code, severity, spans, fa="پیام", en="message"):
    return {"code": code, "severity": severity, "message": {"fa": fa, "en": en}, "spans": spans,
            "evidence": {"x": 1}, "rule": "rules/checks.rules:1"}


@pytest.fixture(scope="module")
def fa_article(engine):
    return engine.read(FA, published="2015-10-07", id="fa-1")


# --- safety ----------------------------------------------------------------------------------------

EVIL = '<script>document.title="pwned"</script> & <img src=x onerror="alert(1)"> «۲۶ موشک» "quoted" \'single\''


def test_script_in_an_article_is_text(engine):
    art = engine.read(EVIL, published="2015-10-07", id='evil"><script>alert(2)</script>')
    d = art.to_dict()
    d["flags"] = [flag("x</code><script>alert(3)</script>", "error", [[0, 8]],
                       fa="<script>alert(4)</script>", en="<b>bold</b>")]
    src = {"id": art.id, "text": EVIL, "meta": {"source": "<script>alert(5)</script>",
                                                "url": 'javascript:alert(6)" onclick="x'}}
    page = R.render_check([d], [src])
    # exactly one script element: ours, at the end
    assert page.count("<script") == 1 and page.count("</script>") == 1
    assert page.rstrip().endswith("</script>\n</body>\n</html>")
    assert "document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    assert "<img" not in page and "<b>bold" not in page
    assert 'onclick="x' not in page and 'href="javascript' not in page
    tree = dom(page)
    assert article_text(tree.find("article")) == EVIL          # shown exactly as written
    assert not list(tree.find_all("img"))


def test_every_string_of_a_comparison_is_escaped():
    cmp = {"contradictions": [{"code": "contradiction", "severity": "error",
                               "message": {"fa": "<i>fa</i>", "en": "<i>en</i>"},
                               "claims": [{"article": "<a1>", "start": 0, "end": 3, "text": "<x>", "value": "<v>",
                                           "interval": None, "unit": "<u>", "attribution": {"text": "<who>"}},
                                          {"article": "b", "start": 0, "end": 1, "text": "y", "value": 1,
                                           "interval": [1, 1], "unit": None, "attribution": None}],
                               "rule": "<r>"}],
           "agreements": [], "updates": [],
           "ledger": [{"subject": {"key": "<k>", "text": "<s>"}, "predicate": "<p>", "unit": None, "time": "<t>",
                       "series": False, "values": [{"article": "<a1>", "start": 0, "end": 3, "text": "<x>",
                                                    "value": k, "interval": [k, k], "published": f"2015-10-0{k}",
                                                    "status": "<st>"} for k in (1, 2, 3)]}]}
    page = R.render_compare([], cmp, [])
    body = page[page.index("<body>"):]
    for s in ("<i>", "<a1>", "<x>", "<v>", "<u>", "<who>", "<r>", "<k>", "<s>", "<p>", "<t>", "<st>"):
        assert s not in body
    assert "&lt;who&gt;" in body and "&lt;a1&gt;" in body


def test_self_contained_and_script_allowed_by_hash(fa_article):
    page = R.render_check([fa_article], [FA])
    assert not re.search(r"<link|<iframe|<object|<embed|\bsrc=|@import|url\(", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)

    def h(s):
        return "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
    assert f"style-src '{h(style)}'" in csp and f"script-src '{h(script)}'" in csp
    assert "font-family" in style and "Vazirmatn" in style and "Tahoma" in style


# --- direction and language -------------------------------------------------------------------------

def test_persian_page_is_rtl_and_english_article_ltr(engine):
    fa = engine.read(FA, published="2015-10-07", id="fa-1")
    en = engine.read(EN, published="2015-10-07", id="en-1")
    page = R.render_check([fa, en], [{"id": "fa-1", "text": FA, "meta": {"lang": "fa"}},
                                     {"id": "en-1", "text": EN, "meta": {"lang": "en"}}])
    tree = dom(page)
    html_el = tree.find("html")
    assert (html_el.attrs["dir"], html_el.attrs["lang"]) == ("rtl", "fa")
    arts = {a.attrs["data-id"]: a for a in tree.find_all("article")}
    assert (arts["fa-1"].attrs["dir"], arts["fa-1"].attrs["lang"]) == ("rtl", "fa")
    assert (arts["en-1"].attrs["dir"], arts["en-1"].attrs["lang"]) == ("ltr", "en")
    assert arts["en-1"].find("div", cls="text").attrs["dir"] == "ltr"


def test_language_detected_by_script_without_front_matter(engine):
    en = engine.read(EN, published="2015-10-07", id="en-1")
    page = R.render_check([en], [EN])
    tree = dom(page)
    assert tree.find("html").attrs["dir"] == "ltr" and tree.find("html").attrs["lang"] == "en"
    assert tree.find("article").attrs["dir"] == "ltr"
    assert R.detect_lang(FA) == "fa" and R.detect_lang(EN) == "en"


# --- mentions ------------------------------------------------------------------------------------------

def test_mentions_marked_by_kind_with_value_in_three_calendars(fa_article):
    tree = dom(R.render_check([fa_article], [FA]))
    art = tree.find("article")
    marks = {m.attrs["data-kind"]: m for m in art.find_all("span", cls="m")}
    assert {"date", "number"} <= set(marks)
    date = marks["date"]
    assert date.attrs["tabindex"] == "0"
    tip = date.find("span", cls="tip")
    assert tip.attrs["role"] == "tooltip" and date.attrs["aria-describedby"] == tip.attrs["id"]
    t = tip.text()
    assert "2015-10-07" in t and "مهر 1394" in t and "1436" in t     # Gregorian, Jalali, Hijri
    assert "شمسی" in t and "میلادی" in t and "قمری" in t
    nums = [m for m in art.find_all("span", cls="m") if m.attrs["data-kind"] == "number"]
    assert any("26" in m.find("span", cls="tip").text() for m in nums)
    assert article_text(art) == FA


# --- flags ----------------------------------------------------------------------------------------------

def test_flags_underlined_listed_and_linked(fa_article):
    d = fa_article.to_dict()
    s = FA.index("روز سه‌شنبه")
    e = FA.index("۱۳۹۴") + 4
    n = FA.index("۲۶")
    d["flags"] = [flag("weekday-mismatch", "error", [[s, e]], fa="۱۵ مهر ۱۳۹۴ چهارشنبه بود، نه سه‌شنبه",
                       en="15 Mehr 1394 was a Wednesday, not a Tuesday"),
                  flag("sum-mismatch", "warning", [[n, n + 2], [FA.index("۱۱"), FA.index("۱۱") + 2]])]
    d["coverage"] = {"found": 4, "checked": 3, "numbers": {"found": 2, "checked": 2},
                     "dates": {"found": 2, "checked": 1}, "unchecked": [{"id": "m9", "start": 0, "end": 1}]}
    tree = dom(R.render_check([d], [FA]))
    art = tree.find("article")
    items = list(art.find_all("li", cls="flag"))
    assert [i.attrs["data-code"] for i in items] == ["weekday-mismatch", "sum-mismatch"]
    assert [i.attrs["data-severity"] for i in items] == ["error", "warning"]
    first = items[0]
    assert "✖" in first.text() and "خطا" in first.text() and "error" in first.text()   # text, not colour only
    assert "چهارشنبه بود" in first.text() and "was a Wednesday" in first.text()
    link = first.find("a", cls="flag-link")
    target = art.find(id=link.attrs["data-jump"])
    assert link.attrs["href"] == "#" + link.attrs["data-jump"]
    assert "sev-error" in target.classes and "f" in target.classes
    assert target.attrs["tabindex"] == "-1" and "data-flag-target" in target.attrs
    body = art.find("div", cls="text")
    flagged = "".join(x.text(skip=("tip", "fref")) for x in body.find_all("span", cls="sev-error"))
    assert flagged == FA[s:e]
    # the warning has two spans; its marker after the last one links back to the list
    assert {x.text(skip=("tip",)) for x in body.find_all("span", cls="sev-warning")} == {"۲۶", "۱۱"}
    refs = list(art.find_all("a", cls="fref"))
    assert [r.attrs["href"] for r in refs] == ["#" + items[0].attrs["id"], "#" + items[1].attrs["id"]]
    assert refs[1].text() == "▲۲"
    cov = art.find("p", cls="coverage")
    assert (cov.attrs["data-found"], cov.attrs["data-checked"], cov.attrs["data-unchecked"]) == ("4", "3", "1")
    # the overview at the top lists both and jumps to the same place
    over = list(tree.find("table", cls="overview").find_all("tr", cls="sev-error"))
    assert over[0].find("a").attrs["data-jump"] == target.attrs["id"]
    assert article_text(art) == FA


def test_overlapping_flags_and_mentions_keep_the_text(fa_article):
    d = fa_article.to_dict()
    d["flags"] = [flag("a", "error", [[3, 30]]), flag("b", "warning", [[10, 40]]), flag("c", "info", [[10, 12]]),
                  flag("bad", "error", [[50, 10], ["x", 3], [900, 990]])]
    tree = dom(R.render_check([d], [FA]))
    art = tree.find("article")
    assert article_text(art) == FA
    assert len(list(art.find_all("li", cls="flag"))) == 4
    assert len(list(art.find_all("a", cls="fref"))) == 3       # the flag without a valid span has no marker
    ids = [n.attrs["id"] for n in tree.find_all() if "id" in n.attrs]
    assert len(ids) == len(set(ids))


def test_no_check_says_so(fa_article):
    tree = dom(R.render_check([fa_article], [FA], checked=False))
    assert "not run" in tree.find("p", cls="coverage").text()


# --- the comparison -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def caspian(engine):
    stories = build_stories([str(CASPIAN)], engine)
    assert len(stories) == 1
    st = stories[0]
    page = R.render_compare(st["articles"], st["comparison"], st["sources"], title=st["title"],
                            checked=st["checked"])
    return st, R.comparison_dict(st["comparison"]), page, dom(page)


def test_caspian_contradictions_side_by_side(caspian):
    st, cmp, page, tree = caspian
    table = tree.find("table", cls="contradictions")
    rows = list(table.find("tbody").find_all("tr"))
    assert len(rows) == len(cmp["contradictions"]) >= 1
    for row, c in zip(rows, cmp["contradictions"]):
        cells = list(row.find_all("div", cls="claim"))
        assert [x.attrs["data-article"] for x in cells] == [x["article"] for x in c["claims"]]
        for cell, claim in zip(cells, c["claims"]):
            assert claim["text"] in cell.find("mark").text()
            assert R.fmt_value(claim["value"], claim["interval"], claim["unit"]) in cell.find("bdi", cls="v").text()
        # isolate marks in a message («⁨روز رویداد⁩: …») are rendered as <bdi> elements
        assert strip_isolates(c["message"]["en"]) in row.text()
    # the planted one: 26 (caspian-01) against 18 (caspian-04) cruise missiles, with outlets and dates
    planted = [r for r in rows if r.attrs["data-articles"] == "caspian-01 caspian-04"]
    assert planted, "caspian-01 ≠ caspian-04 missile count missing"
    txt = planted[0].text()
    assert "۲۶ موشک کروز" in txt and "۱۸ موشک کروز" in txt
    assert "خبرگزاری پارس‌نگار" in txt and "2015-10-07" in txt and "2015-10-08" in txt


def test_caspian_claims_link_into_the_articles(caspian):
    st, cmp, page, tree = caspian
    ids = {n.attrs["id"] for n in tree.find_all() if "id" in n.attrs}
    jumps = [n.attrs["data-jump"] for n in tree.find("table", cls="contradictions").find_all("a")]
    assert jumps and all(j in ids for j in jumps)
    for a in tree.find_all("a"):
        if a.attrs.get("href", "").startswith("#"):
            assert a.attrs["href"][1:] in ids, a.attrs["href"]


def test_caspian_flags_and_updates_where_expected(caspian):
    st, cmp, page, tree = caspian
    arts = {a.attrs["data-id"]: a for a in tree.find_all("article")}
    assert list(arts) == [a.id for a in st["articles"]]
    for a in st["articles"]:
        node = arts[a.id]
        got = [(li.attrs["data-code"], li.attrs["data-severity"]) for li in node.find_all("li", cls="flag")]
        want = sorted(((f.code, f.severity) for f in getattr(a, "flags", ())))
        assert sorted(got) == want
        assert article_text(node) == a.text
    if st["checked"]:          # the planted wrong weekday in caspian-02 («سه‌شنبه ۱۵ مهر ۱۳۹۴»)
        codes = [li.attrs["data-code"] for li in arts["caspian-02"].find_all("li", cls="flag")]
        assert "weekday-mismatch" in codes
    assert len(list(tree.find("section", cls="updates").find_all("tr"))) == \
        (len(cmp["updates"]) + 1 if cmp["updates"] else 0)


def test_ledger_chart_from_three_reports():
    values = [{"article": a, "start": 0, "end": 2, "text": t, "value": v, "interval": [v, v],
               "published": p, "status": s}
              for a, t, v, p, s in (("q1", "۱۲", 12, "2023-11-15", "first"), ("q2", "۲۷", 27, "2023-11-16", "update"),
                                    ("q3", "۴۱", 41, "2023-11-17", "update"), ("q4", "33", 33, "2023-11-18", "contradicts"))]
    cmp = {"contradictions": [], "agreements": [], "updates": [],
           "ledger": [{"subject": {"key": "کشته", "text": "کشته"}, "predicate": "کشته شدن", "unit": None,
                       "time": None, "series": True, "values": values},
                      {"subject": {"key": "x", "text": "x"}, "predicate": None, "unit": None, "time": None,
                       "series": False, "values": values[:2]}]}
    srcs = [{"id": f"q{i}", "text": "۱۲ ۲۷ ۴۱ 33", "meta": {"source": f"Outlet {i}"}} for i in range(1, 5)]
    arts = [{"id": f"q{i}", "published": values[i - 1]["published"], "mentions": [], "facts": []} for i in range(1, 5)]
    tree = dom(R.render_compare(arts, cmp, srcs))
    figs = list(tree.find_all("div", cls="figure"))
    assert len(figs) == 2
    svg = figs[0].find("svg")
    assert svg is not None and svg.attrs["role"] == "img"
    pts = list(svg.find_all("g", cls="pt"))
    assert len(pts) == 4 and [p.attrs["data-status"] for p in pts][-1] == "contradicts"
    assert "Outlet 4" in figs[0].find("ul", cls="legend").text()
    assert figs[1].find("svg") is None                       # two reports: a table, no chart
    assert "به‌روزرسانی" in figs[0].find("table").text()


def test_ledger_chart_spreads_marks_of_one_place_and_counts_them():
    from rasti.report import chart as C
    same = [{"article": f"o{i}", "start": 0, "end": 2, "text": "۲۶", "value": 26, "interval": [26, 26],
             "published": "2015-10-07", "status": "agrees"} for i in range(5)]
    other = {"article": "o9", "start": 0, "end": 2, "text": "۱۸", "value": 18, "interval": [18, 18],
             "published": "2015-10-10", "status": "contradicts"}
    entry = {"subject": {"key": "موشک کروز", "text": "موشک کروز"}, "unit": None, "values": same + [other]}
    styles = {f"o{i}": (C.PALETTE[i % len(C.PALETTE)], C.SHAPES[i % len(C.SHAPES)]) for i in (0, 1, 2, 3, 4, 9)}
    svg = dom(C.ledger_chart(entry, lambda a: a, styles.__getitem__, "c1")).find("svg")
    xs = []
    for g in svg.find_all("g", cls="pt"):
        mark = g.children[-1]
        xs.append(float(mark.attrs.get("cx") or mark.attrs.get("x") or mark.attrs["points"].split(",")[0]))
    assert len(xs) == 6 and len({round(x) for x in xs[:5]}) == 5          # five marks of one place, apart
    assert max(xs[:5]) - min(xs[:5]) <= C.SPREAD_MAX + 2 * 4.5 + 2
    counts = list(svg.find_all("text", cls="n"))
    assert [(t.attrs["data-count"], t.text()) for t in counts] == [("5", "×5")]
    # the last date's label (centred on its day) fits inside the frame: half of ~62 px < R
    assert C.W - C.R + 31 <= C.W


# --- writing and the command -----------------------------------------------------------------------------

def test_write_output_is_atomic(tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    R.write_output("first", out)
    assert out.read_text() == "first"

    def boom(*a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(R.os, "replace", boom)
    with pytest.raises(OSError):
        R.write_output("second", out)
    assert out.read_text() == "first"
    assert os.listdir(tmp_path) == ["report.html"]            # no temporary file left behind


def test_rasti_report_command(tmp_path, capsys):
    out = tmp_path / "caspian.html"
    assert main(["report", str(CASPIAN), "--output", str(out)]) == 0
    tree = dom(out.read_text(encoding="utf-8"))
    assert tree.find("html").attrs["dir"] == "rtl"
    assert tree.find("title").text().startswith("Russian Caspian")
    assert len(list(tree.find_all("article"))) == 8
    assert main(["report", str(CASPIAN / "caspian-03.txt")]) == 0
    assert dom(capsys.readouterr().out).find("html").attrs["dir"] == "ltr"


def test_rasti_report_corpus_directory(tmp_path):
    corpus = tmp_path / "corpus"
    for name in ("caspian", "quake"):
        (corpus / name).mkdir(parents=True)
        src = ROOT / "corpus" / name
        (corpus / name / "story.yaml").write_bytes((src / "story.yaml").read_bytes())
        for t in sorted(src.glob("*.txt"))[:2]:
            (corpus / name / t.name).write_bytes(t.read_bytes())
    out = tmp_path / "all.html"
    assert main(["report", str(corpus), "-o", str(out)]) == 0
    tree = dom(out.read_text(encoding="utf-8"))
    assert [s.attrs["data-story"] for s in tree.find_all("section", cls="story")] == ["caspian", "quake"]
    assert len(list(tree.find_all("article"))) == 4


def test_rasti_report_bad_input_is_reported(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.txt"), str(CASPIAN / "caspian-01.txt")]) == 2
    cap = capsys.readouterr()
    assert "missing.txt" in cap.err
    assert len(list(dom(cap.out).find_all("article"))) == 1      # stdout still gets the others
    out = tmp_path / "r.html"
    assert main(["report", str(tmp_path / "missing.txt"), str(CASPIAN / "caspian-01.txt"), "-o", str(out)]) == 2
    assert not out.exists()                                      # exit 2: --output is not written


GOOD = "<html>a good report from yesterday</html>"


@pytest.mark.parametrize("argv", [
    ["report", "{bad}", "-o", "{out}"],
    ["report", "{bad}", str(CASPIAN / "caspian-01.txt"), "-o", "{out}"],
    ["check", "{bad}", "--format", "html", "-o", "{out}"],
    ["check", "{bad}", str(CASPIAN / "caspian-01.txt"), "--format", "html", "-o", "{out}"],
    ["check", "{bad}", "--format", "json", "-o", "{out}"],
    ["compare", "{bad}", str(CASPIAN / "caspian-01.txt"), "--format", "html", "-o", "{out}"],
    ["compare", "{bad}", str(CASPIAN / "caspian-01.txt"), "--format", "json", "-o", "{out}"],
])
def test_a_bad_input_path_never_overwrites_a_good_report(tmp_path, capsys, argv):
    out = tmp_path / "desk.html"
    out.write_text(GOOD, encoding="utf-8")
    bad = str(ROOT / "corpus" / "caspain")                       # the typo of issue 18
    assert main([a.format(bad=bad, out=out) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "caspain" in err and "not written" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == GOOD
    assert os.listdir(tmp_path) == ["desk.html"]                 # no temporary file left behind


def test_a_good_run_replaces_the_report(tmp_path):
    out = tmp_path / "desk.html"
    out.write_text(GOOD, encoding="utf-8")
    assert main(["check", str(CASPIAN / "caspian-01.txt"), "--format", "html", "-o", str(out), "--fail-on", "never"]) == 0
    assert len(list(dom(out.read_text(encoding="utf-8")).find_all("article"))) == 1
    assert os.listdir(tmp_path) == ["desk.html"]


def test_corpus_test_format_html(tmp_path):
    out = tmp_path / "corpus.html"
    rc = main(["corpus", "test", str(CASPIAN), "--format", "html", "--output", str(out)])
    assert rc in (0, 1)                       # the corpus result, not the report's
    tree = dom(out.read_text(encoding="utf-8"))
    story = tree.find("section", cls="story")
    assert story.attrs["data-story"] == "caspian"
    assert len(list(story.find_all("article"))) == 8
    assert tree.find("table", cls="scores") is not None
    assert tree.find("p", cls="result") is not None
    # --output works for the other formats too, and writes atomically
    js = tmp_path / "corpus.json"
    assert main(["corpus", "test", str(CASPIAN), "--format", "json", "--output", str(js)]) == rc
    import json
    assert json.loads(js.read_text(encoding="utf-8"))["articles"] == 8


def test_compare_format_html(tmp_path, engine):
    out = tmp_path / "compare.html"
    files = [str(CASPIAN / f"caspian-0{i}.txt") for i in (1, 4)]
    rc = main(["compare", *files, "--format", "html", "--output", str(out)])
    assert rc == main(["compare", *files, "--format", "json", "--output", str(tmp_path / "c.json")])
    tree = dom(out.read_text(encoding="utf-8"))
    assert tree.find("html").attrs["dir"] == "rtl"
    assert [a.attrs["data-id"] for a in tree.find_all("article")] == ["caspian-01", "caspian-04"]
    rows = list(tree.find("table", cls="contradictions").find("tbody").find_all("tr"))
    assert any(r.attrs["data-articles"] == "caspian-01 caspian-04" and "۱۸ موشک کروز" in r.text() for r in rows)
    # outlets come from the front matter
    assert "خبرگزاری پارس‌نگار" in tree.find("article").find("h3").text()


def test_check_format_html(tmp_path):
    out = tmp_path / "check.html"
    files = [str(CASPIAN / "caspian-02.txt"), str(CASPIAN / "caspian-03.txt")]
    rc = main(["check", *files, "--format", "html", "--output", str(out)])
    assert rc == main(["check", *files, "--format", "json", "--output", str(tmp_path / "c.json")])
    import json
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    tree = dom(out.read_text(encoding="utf-8"))
    arts = {a.attrs["data-id"]: a for a in tree.find_all("article")}
    assert (arts["caspian-02"].attrs["dir"], arts["caspian-03"].attrs["dir"]) == ("rtl", "ltr")
    for d in data["articles"]:
        node = arts[d["id"]]
        assert sorted(li.attrs["data-code"] for li in node.find_all("li", cls="flag")) == \
            sorted(f["code"] for f in d["flags"])
        cov = node.find("p", cls="coverage")
        assert (int(cov.attrs["data-found"]), int(cov.attrs["data-checked"])) == \
            (d["coverage"]["found"], d["coverage"]["checked"])
        unchecked = {(u["start"], u["end"]) for u in d["coverage"]["unchecked"]}
        assert len(list(node.find_all("span", cls="unchecked"))) == len(unchecked)
    assert "weekday-mismatch" in [li.attrs["data-code"] for li in arts["caspian-02"].find_all("li", cls="flag")]
