"""Hostile bidi controls in article-derived strings (issue 19 item 5): an override, embedding,
isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) in an article's id, source,
title, url or text cannot reorder what rasti itself writes around it — the labels, codes,
locations and marks of the CLI's text lines and of the desk report.

The CLI lines are laid out with a real Unicode bidi algorithm (python-bidi, as tests/test_bidi.py
does). Each hostile control sits where it has nothing of its own string to act on (after an id,
before a sentence's full stop, a stray PDI first), so once it is contained the line must look
exactly as the same line without it; not contained, it reverses the rest of the line.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from report_dom import dom

from rasti.cli import main
from rasti.lang.bidi import CONTROLS, FSI, PDI, balance, contain
from rasti.report.fmt import visible_controls

bidi = pytest.importorskip("bidi", reason="python-bidi (the test extra) lays lines out")

RLO, LRO, RLE, LRE, PDF = "\u202e", "\u202d", "\u202b", "\u202a", "\u202c"
LRI, RLI = "\u2066", "\u2067"
RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"
OPENERS = (RLO, LRO, RLE, LRE, LRI, RLI, FSI)
_STRIP = dict.fromkeys(map(ord, CONTROLS))


def visual(line: str, base: str) -> str:
    """The line as a screen shows it, left to right, without its (invisible) controls."""
    return bidi.get_display(line, base_dir=base).translate(_STRIP)


ISOLATES = (LRI, RLI, FSI)


def well_formed(text: str) -> bool:
    """Every opener closed, no terminator that closes nothing: a PDF closes an embedding inside
    the current isolate, a PDI an isolate (and, as in the bidi algorithm, the embeddings in it)."""
    stack: list[str] = []
    for ch in text:
        if ch in OPENERS:
            stack.append(ch)
        elif ch == PDF:
            if not stack or stack[-1] in ISOLATES:
                return False
            stack.pop()
        elif ch == PDI:
            if not any(c in ISOLATES for c in stack):
                return False
            while stack.pop() not in ISOLATES:
                pass
    return not stack


def inert(line: str) -> str:
    """The line with every control inside a contained string removed, the isolate around it kept:
    what the line would be if the hostile controls did nothing."""
    out, i = [], 0
    while i < len(line):
        if line[i] != FSI:
            out.append(line[i])
            i += 1
            continue
        depth, j = 0, i
        while j < len(line):
            depth += line[j] in ISOLATES
            depth -= line[j] == PDI
            if depth == 0:
                break
            j += 1
        inner = line[i + 1:j]
        if any(ch in CONTROLS for ch in inner):
            inner = inner.translate(_STRIP)
        out.append(FSI + inert(inner) + PDI if j < len(line) else line[i:])
        i = j + 1
    return "".join(out)


# --- the mechanism --------------------------------------------------------------------------------

@pytest.mark.parametrize("control", [RLO, LRO, RLE, LRE, RLI, LRI, FSI, RLM, LRM, ALM])
@pytest.mark.parametrize("base", ["L", "R"])
def test_a_contained_id_leaves_the_rest_of_the_line_in_place(control, base):
    line = "{} ({}) 26 ≠ 18 موشک کروز, rule: event-number"
    clean = visual(line.format(FSI + "caspian-04" + PDI, "۲۰۱۵-۱۰-۰۷"), base)     # isolated, no control
    assert visual(line.format(contain("caspian-04" + control), "۲۰۱۵-۱۰-۰۷"), base) == clean
    assert visual(line.format(contain(PDI + "caspian-04" + control), "۲۰۱۵-۱۰-۰۷"), base) == clean


@pytest.mark.parametrize("control,base", [(RLO, "L"), (LRO, "R"), (RLI, "L"), (RLM, "L")])
def test_not_contained_the_same_id_reorders_the_line(control, base):
    """The fault the containment removes (so the test above can fail)."""
    line = "{} 26 ≠ 18 موشک کروز, rule: event-number"
    assert visual(line.format("caspian-04" + control), base) != visual(line.format("caspian-04"), base)


@given(st.text(alphabet=st.sampled_from(["a", "ب", "1", " ", "-", *sorted(CONTROLS)]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_contain_balances_and_keeps_the_text(s):
    c = contain(s)
    assert well_formed(c) or c == s and not any(ch in CONTROLS for ch in s)
    assert contain(c) == c
    assert balance(balance(s)) == balance(s)
    kept = [ch for ch in s if ch not in CONTROLS]
    assert [ch for ch in c if ch not in CONTROLS] == kept          # nothing visible added or lost
    if not any(ch in CONTROLS for ch in s):
        assert c == s                                               # plain strings are left alone


# --- the CLI's text lines -----------------------------------------------------------------------------

FA_TEXT = ("از ۸۰ دانشجو، ۲۰ نفر یعنی ۳۰ درصد مردود شدند. در زلزله دست‌کم ۱۲ نفر کشته شدند{c}.\n")
FA_TEXT_2 = "شمار جان‌باختگان زلزله به ۲۷ نفر رسید{c}.\n"
# one sentence a line: a control before one sentence's stop must not move the next one's columns
# (the frames of rules/claims/ show «80 students» too)
EN_TEXT = "At least 12 people died in the quake{c}.\nOf 80 students, 20 or 30 percent failed{c}.\n"


def _story(root: Path, hostile: bool) -> Path:
    """Three articles of one story (two Persian, one English), the controls in every field when
    ``hostile``; the same story without them otherwise. The controls never move an offset a
    line shows: they come after an id or a source, or just before a sentence's final stop."""
    def c(x: str) -> str:
        return x if hostile else ""
    story = root / "corpus" / "quake"
    story.mkdir(parents=True)
    (story / "story.yaml").write_text(f"title: زلزله{c(LRO)}\n", encoding="utf-8")
    arts = [("a.txt", c(PDI) + "q1" + c(LRO), "2023-11-15", "fa", "خبرگزاری" + c(LRO), "https://x.example/a" + c(RLO),
             FA_TEXT.format(c=c(LRO))),
            ("b.txt", "q2" + c(RLI), "2023-11-16", "fa", "Outlet" + c(RLO), "javascript:alert(1)" + c(LRE),
             FA_TEXT_2.format(c=c(RLM))),
            ("c.txt", "q3" + c(RLO), "2023-11-16", "en", "Wire" + c(RLE), "https://x.example/c" + c(ALM),
             EN_TEXT.format(c=c(RLO)))]
    for name, aid, pub, lang, src, url, text in arts:
        (story / name).write_text(f"---\nid: {aid}\npublished: {pub}\nlang: {lang}\nsource: {src}\nurl: {url}\n---\n"
                                  f"{text}", encoding="utf-8")
    return story


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    return _story(root / "h", True), _story(root / "c", False)


def _lines(argv: list[str], capsys, root: Path) -> list[str]:
    main(argv)
    return capsys.readouterr().out.replace(str(root), "ROOT").splitlines()


@pytest.mark.parametrize("argv", [
    ["check", "-v", "--fail-on", "never", "{story}"],
    ["check", "-v", "--fail-on", "never", "--lang", "en", "{story}"],
    ["compare", "--agreements", "--ledger", "--fail-on", "never", "{story}"],
    ["compare", "--agreements", "--ledger", "--fail-on", "never", "--lang", "en", "{story}"],
    ["desk", "{root}"],
    ["desk", "--lang", "fa", "{root}"],
], ids=["check-fa", "check-en", "compare-fa", "compare-en", "desk-en", "desk-fa"])
def test_cli_lines_look_as_without_the_controls(stories, argv, capsys):
    hostile, clean = stories
    got = []
    for story in (hostile, clean):
        root = story.parent.parent
        got.append(_lines([a.format(story=story, root=story.parent) for a in argv], capsys, root))
    h, c = got
    assert len(h) == len(c) and len(h) > 2
    hostile_lines = 0
    for hl, cl in zip(h, c):
        assert hl.translate(_STRIP) == cl.translate(_STRIP)      # the same words, controls apart
        if inert(hl) != hl:
            hostile_lines += 1
        for base in ("L", "R"):                                 # the controls move nothing
            assert visual(hl, base) == visual(inert(hl), base), (hl, cl)
    assert hostile_lines >= 2


# --- the desk report (DOM) ----------------------------------------------------------------------------

BLOCKS = {"div", "p", "li", "td", "th", "h1", "h2", "h3", "h4", "blockquote", "pre", "article", "section",
          "header", "main", "body", "ul", "ol", "table", "tr", "figcaption", "title", "html"}


def _isolating(n) -> bool:
    return n.tag == "bdi" or "dir" in n.attrs or n.tag in BLOCKS or "tip" in n.classes


@pytest.fixture(scope="module")
def hostile_page(stories, tmp_path_factory):
    hostile, _ = stories
    out = tmp_path_factory.mktemp("page") / "report.html"
    assert main(["report", str(hostile), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8"), hostile


def _sources(story: Path) -> list[str]:
    """Every article-derived string of the story, front matter and text, without its controls."""
    out = []
    for p in story.iterdir():
        out.extend(x.strip().split(": ", 1)[-1] for x in p.read_text(encoding="utf-8").splitlines())
    return [x.translate(_STRIP) for x in out if x]


def _walk(node, parents=()):
    for ch in node.children:
        if isinstance(ch, str):
            yield ch, parents + (node,)
        else:
            yield from _walk(ch, parents + (node,))


def test_every_control_in_the_report_is_isolated_with_article_text_only(hostile_page):
    page, story = hostile_page
    tree = dom(page)
    sources = _sources(story)
    seen = 0
    for text, parents in _walk(tree):
        if not any(ch in CONTROLS for ch in text):
            continue
        seen += 1
        assert not any(p.tag == "pre" for p in parents), "evidence shows controls as escapes"
        if any("text" in p.classes and p.tag == "div" for p in parents):
            continue                               # the article body: see the marker test below
        if parents[-1].tag == "title":             # the page's title, balanced; a chart mark's
            assert well_formed(text) or not any(ch in CONTROLS for ch in inert(text)), text   # each value isolated
            continue
        box = next(p for p in reversed(parents) if _isolating(p))
        inner = box.text()
        assert box.tag != "html", text
        assert well_formed(inner) or not any(ch in (*OPENERS, PDF, PDI) for ch in inner), (box.tag, inner)
        plain = inner.translate(_STRIP).strip("«» ")
        assert any(plain in s for s in sources), (box.tag, box.attrs, inner)   # no label shares the isolate
    assert seen >= 20


def test_flag_markers_in_the_text_are_isolated(hostile_page):
    page, _ = hostile_page
    refs = list(dom(page).find_all("a", cls="fref"))
    assert refs and all(r.attrs.get("dir") in ("rtl", "ltr") for r in refs)


def test_evidence_shows_controls_as_escapes(hostile_page):
    page, _ = hostile_page
    pres = [p.text() for p in dom(page).find_all("pre")]
    assert pres and not any(ch in CONTROLS for p in pres for ch in p)
    assert visible_controls('{"text": "x\u202e\u2069"}') == '{"text": "x\\u202e\\u2069"}'



def test_a_javascript_url_with_controls_is_still_no_link(hostile_page):
    page, _ = hostile_page
    tree = dom(page)
    assert not [a for a in tree.find_all("a") if "javascript" in (a.attrs.get("href") or "")]
    assert any("javascript:alert(1)" in s.text() for s in tree.find_all("span", cls="url"))
