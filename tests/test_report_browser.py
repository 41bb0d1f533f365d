"""The desk report in a real browser: headless Chromium renders the Caspian story's report.

Needs Debian's ``chromium`` (``.ci/run`` installs it; set RASTI_CHROMIUM to use another binary).
The test installs nothing; without a browser it is skipped and says why.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from report_dom import article_text, dom

from rasti.cli import main
from rasti.corpus.gold import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CASPIAN = ROOT / "corpus" / "caspian"


def _browser() -> str | None:
    env = os.environ.get("RASTI_CHROMIUM")
    if env:
        return env if shutil.which(env) or os.access(env, os.X_OK) else None
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


BROWSER = _browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium found (/usr/bin/chromium; `apt-get install chromium`, as .ci/run does, "
                            "or set RASTI_CHROMIUM)")


def chromium(tmp: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
           *extra, url]
    env = dict(os.environ, HOME=str(tmp))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
    assert p.returncode == 0, f"chromium failed ({p.returncode}): {p.stderr[-2000:]}"
    return p


def _overlaps(spans_a, spans_b) -> bool:
    return any(a < d and c < b for a, b in spans_a for c, d in spans_b)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, engine):
    tmp = tmp_path_factory.mktemp("browser")
    page = tmp / "report.html"
    assert main(["report", str(CASPIAN), "--output", str(page)]) == 0
    dumped = chromium(tmp, page.as_uri(), "--dump-dom").stdout
    assert "<html" in dumped
    story = load_corpus(CASPIAN).stories[0]
    arts = {g.id: engine.check(engine.read(g.text, published=g.published, id=g.id)) for g in story.articles}
    cmp = engine.compare(list(arts.values())).to_dict(articles=False)
    return tmp, page, dom(dumped), story, arts, cmp


def test_page_is_rtl_styled_and_scripted_in_the_browser(rendered):
    tmp, page, tree, *_ = rendered
    root = tree.find("html")
    assert root.attrs["dir"] == "rtl" and root.attrs["lang"] == "fa"
    assert root.attrs.get("data-dir") == "rtl"      # the browser computed direction: rtl (set by our script)
    assert root.attrs.get("data-css") == "1"        # the inline style applied under the page's CSP


def test_flags_in_the_dom_where_expected(rendered):
    tmp, page, tree, story, arts, cmp = rendered
    nodes = {a.attrs["data-id"]: a for a in tree.find_all("article")}
    assert list(nodes) == [g.id for g in story.articles]
    for g in story.articles:
        node, art = nodes[g.id], arts[g.id]
        assert node.attrs["dir"] == ("ltr" if g.meta.get("lang") == "en" else "rtl")
        assert article_text(node) == g.text
        items = list(node.find_all("li", cls="flag"))
        assert sorted((li.attrs["data-code"], li.attrs["data-severity"]) for li in items) == \
            sorted((f.code, f.severity) for f in art.flags)
        body = node.find("div", cls="text")
        for li in items:
            target = body.find(id=li.find("a", cls="flag-link").attrs["data-jump"])
            assert target is not None and "f" in target.classes and "data-flag-target" in target.attrs
        # each planted flag the engine raises is underlined over the planted text
        for gf in g.flags:
            hits = [f for f in art.flags if f.code == gf.code and _overlaps([tuple(s) for s in f.spans], gf.spans)]
            for f in hits:
                marked = [sp for sp in body.find_all("span", cls="f") if gf.code in
                          {items[int(k) - 1].attrs["data-code"] for k in sp.attrs["data-flags"].split()}]
                assert any(gf.text.find(sp.text(skip=("tip", "fref"))) >= 0 for sp in marked), (g.id, gf.code)
    planted = {(g.id, gf.code) for g in story.articles for gf in g.flags}
    shown = {(a, li.attrs["data-code"]) for a, n in nodes.items() for li in n.find_all("li", cls="flag")}
    assert ("caspian-02", "weekday-mismatch") in planted & shown       # «روز سه‌شنبه ۱۵ مهر ۱۳۹۴»
    assert ("caspian-04", "calendar-mismatch") in planted & shown      # «۱۵ مهر ۱۳۹۴ (۸ اکتبر ۲۰۱۵)»


def test_contradictions_and_updates_in_the_dom_where_expected(rendered):
    tmp, page, tree, story, arts, cmp = rendered
    rows = list(tree.find("table", cls="contradictions").find("tbody").find_all("tr"))
    assert len(rows) == len(cmp["contradictions"])
    for row, c in zip(rows, cmp["contradictions"]):
        assert row.attrs["data-articles"] == " ".join(x["article"] for x in c["claims"])
        quotes = [b.find("mark").text() for b in row.find_all("blockquote")]
        assert quotes == [x["text"] for x in c["claims"]]
    found = 0
    for gold in story.relations["contradictions"]:
        a, b = gold.claims
        for row in rows:
            cells = {d.attrs["data-article"]: d.find("mark").text() for d in row.find_all("div", cls="claim")}
            if {a.article, b.article} <= set(cells) and a.text.find(cells[a.article]) >= 0 <= b.text.find(cells[b.article]):
                found += 1
                break
        else:
            if (a.article, b.article) == ("caspian-01", "caspian-04"):
                pytest.fail("the planted 26 ≠ 18 cruise missiles is not in the contradictions table")
    assert found >= 1
    # the story plants no update: the updates section says none
    assert story.relations["updates"] == [] and cmp["updates"] == []
    assert tree.find("section", cls="updates").find("table") is None


def test_escaped_article_stays_text_in_the_browser(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("---\nid: evil\npublished: 2015-10-07\nlang: fa\nsource: <b>outlet</b>\n---\n"
                    "روز سه‌شنبه ۱۵ مهر ۱۳۹۴ <script>document.documentElement.setAttribute('data-pwned','1')</script>"
                    " <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"> ۲۶ موشک\n",
                    encoding="utf-8")
    page = tmp_path / "evil.html"
    assert main(["report", str(evil), "-o", str(page)]) == 0
    tree = dom(chromium(tmp_path, page.as_uri(), "--dump-dom").stdout)
    root = tree.find("html")
    assert "data-pwned" not in root.attrs and root.attrs.get("data-css") == "1"
    assert not list(tree.find_all("img")) and not list(tree.find("main").find_all("script"))
    assert "<script>document.documentElement" in article_text(tree.find("article"))
    assert "<b>outlet</b>" in tree.find("article").find("h3").text()


def test_screenshot(rendered):
    tmp, page, *_ = rendered
    shot = tmp / "report.png"
    chromium(tmp, page.as_uri(), f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000          # a rendered page, not a blank one
    print(f"screenshot: {shot}")


# --- a phone: the report at 420 px (issue 18) ----------------------------------------------------------------

# Runs in the harness page on the report inside a 420 px frame (srcdoc: same origin, the report
# unchanged, its own CSP in force): what is wider than the frame, outside any scrolling box and
# any absolutely placed one (tooltips, the skip link); each chart's text inside its SVG's box;
# the marks of each chart, so none hides another.
MEASURE = r"""
function measure(w){
var d=w.document, vw=d.documentElement.clientWidth, wide=[];
function placed(e){for(var a=e;a&&a!==d.body;a=a.parentElement){var p=w.getComputedStyle(a).position;
  if(p==='absolute'||p==='fixed')return true;}return false;}
d.querySelectorAll('body *').forEach(function(e){var r=e.getBoundingClientRect();
  if(r.width&&(r.right>vw+0.5||r.left<-0.5)&&!placed(e))wide.push(e.tagName+'.'+(e.getAttribute('class')||'')+' '+Math.round(r.left)+'..'+Math.round(r.right));});
var charts=[];d.querySelectorAll('figure.chart > svg').forEach(function(svg){var vb=svg.viewBox.baseVal,r=svg.getBoundingClientRect(),out=[],marks=[];
  svg.querySelectorAll('text').forEach(function(t){var b=t.getBBox();
    if(b.x<0||b.y<0||b.x+b.width>vb.width||b.y+b.height>vb.height)out.push(t.textContent);});
  svg.querySelectorAll('g.pt').forEach(function(g){var b=g.lastElementChild.getBBox();marks.push([Math.round((b.x+b.width/2)*10),Math.round((b.y+b.height/2)*10)]);});
  charts.push({left:r.left,right:r.right,out:out,marks:marks});});
return {vw:vw,scroll:d.documentElement.scrollWidth,wide:wide,charts:charts};}
"""


def at_width(tmp: Path, page: Path, width: int) -> dict:
    """The report laid out in a frame ``width`` px wide, measured by MEASURE."""
    import html
    import json
    import re
    harness = tmp / f"at-{width}.html"
    harness.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:{width}px;height:900px;border:0" '
        f'srcdoc="{html.escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe><script>{MEASURE}'
        "document.getElementById('f').addEventListener('load',function(){"
        "document.body.setAttribute('data-measure',JSON.stringify(measure(this.contentWindow)));});</script></body></html>",
        encoding="utf-8")
    out = chromium(tmp, harness.as_uri(), "--hide-scrollbars", "--window-size=800,1000", "--virtual-time-budget=5000",
                   "--dump-dom").stdout
    m = re.search(r'data-measure="([^"]*)"', out)
    assert m, "the harness did not measure the page"
    return json.loads(html.unescape(m.group(1)))


def test_the_report_reflows_at_420_px(rendered):
    tmp, page, *_ = rendered
    got = at_width(tmp, page, 420)
    assert got["vw"] == 420
    assert got["scroll"] <= 420                        # no sideways scrolling of the page
    assert got["wide"] == []                           # no element wider than the screen, tables included
    assert got["charts"], "the caspian report has ledger charts"
    for c in got["charts"]:
        assert 0 <= c["left"] and c["right"] <= 420    # the chart shrinks to the screen
        assert c["out"] == []                          # every label, the last date too, inside the SVG


def test_no_chart_mark_hides_another(rendered):
    tmp, page, *_ = rendered
    for c in at_width(tmp, page, 420)["charts"]:
        centres = [tuple(m) for m in c["marks"]]
        assert len(centres) == len(set(centres)), centres


def test_a_corpus_report_with_stacked_story_tables_fits_420_px(tmp_path):
    page = tmp_path / "corpus.html"
    assert main(["report", str(ROOT / "corpus"), "--output", str(page)]) == 0
    got = at_width(tmp_path, page, 420)
    assert got["scroll"] <= 420 and got["wide"] == []
    assert all(c["out"] == [] for c in got["charts"])


# --- hostile bidi controls: the report's own labels stay where they are (issue 19) ----------------------

# Each label of the page (a bilingual label's words, a severity tag, a code, a flag's number and
# its marker in the text) with where the browser drew it, in document order.
LABELS = r"""
function measure(w){var d=w.document,out=[];
d.querySelectorAll('main span[lang], main .sevtag, main code, main .num, main .fref, main .count, main b, '
  +'main .aid, main .outlet, main .pub, main mark, main a, main h3, main h4').forEach(function(e){
  var r=e.getBoundingClientRect();if(!r.width)return;
  var g=d.createRange(),xs=[];if(e.firstChild&&e.firstChild.nodeType===3){var t=e.firstChild;
    for(var i=0;i<t.length;i++){g.setStart(t,i);g.setEnd(t,i+1);var b=g.getBoundingClientRect();if(b.width)xs.push(Math.round(b.left));}}
  out.push([e.tagName+'.'+(e.getAttribute('class')||'')+' '+e.textContent.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g,'').slice(0,30),Math.round(r.left),Math.round(r.top),xs]);});
return out;}
"""


def _labels(tmp: Path, page: Path) -> list:
    import html
    import json
    import re
    harness = tmp / f"labels-{page.stem}.html"
    harness.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:1200px;height:900px;border:0" '
        f'srcdoc="{html.escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe><script>{LABELS}'
        "document.getElementById('f').addEventListener('load',function(){"
        "document.body.setAttribute('data-measure',JSON.stringify(measure(this.contentWindow)));});</script></body></html>",
        encoding="utf-8")
    out = chromium(tmp, harness.as_uri(), "--hide-scrollbars", "--window-size=1300,1000", "--virtual-time-budget=5000",
                   "--dump-dom").stdout
    m = re.search(r'data-measure="([^"]*)"', out)
    assert m, "the harness did not measure the page"
    return json.loads(html.unescape(m.group(1)))


def test_hostile_controls_move_no_label_in_the_browser(tmp_path):
    """Every label of the report of a story whose ids, sources, title, urls and texts carry
    unterminated overrides, embeddings, isolates and marks is drawn where the same story's report
    without them draws it, and its letters in the same order."""
    from test_hostile_bidi import _story
    pages = []
    for name, hostile in (("h", True), ("c", False)):
        story = _story(tmp_path / name, hostile)
        page = tmp_path / f"{name}.html"
        assert main(["report", str(story), "-o", str(page), "--title", "t"]) == 0
        pages.append(_labels(tmp_path, page))
    hostile, clean = pages
    assert len(hostile) == len(clean) > 50
    moved = [(h, c) for h, c in zip(hostile, clean) if h[0] != c[0] or abs(h[1] - c[1]) > 1 or abs(h[2] - c[2]) > 1
             or any(abs(a - b) > 1 for a, b in zip(h[3], c[3]))]     # (a message's first text node ends at
    # the first isolated id in the hostile page: the letters both have are compared)
    assert moved == [], [(h[0], h[1:3], c[1:3], h[3][-8:], c[3][-8:]) for h, c in moved]


def test_a_flag_marker_after_an_override_reads_in_order(tmp_path):
    """An article opening with an unterminated LEFT-TO-RIGHT OVERRIDE: its text is drawn
    overridden (it is the article's), the flag's marker «✖۱» after it still reads right to left."""
    art = tmp_path / "lro.txt"
    art.write_text("---\nid: lro\npublished: 2015-10-07\nlang: fa\n---\n"
                   "\u202dاز ۸۰ دانشجو، ۲۰ نفر یعنی ۳۰ درصد مردود شدند و بقیه قبول شدند\n", encoding="utf-8")
    page = tmp_path / "lro.html"
    assert main(["report", str(art), "-o", str(page)]) == 0
    refs = [x for x in _labels(tmp_path, page) if x[0].startswith("A.fref")]
    assert refs and all(len(x[3]) == 2 and x[3][0] > x[3][1] for x in refs), refs   # ✖ right of ۱
