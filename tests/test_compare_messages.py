"""What compare's messages say (issue 18, «garbled labels»): a predicate that restates its subject
is not printed twice, one agreement per figure, and one article against several is one dispute
(the grouped view of the pair contradictions, in the JSON and the desk report)."""
from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
from report_dom import dom

from rasti import report as R
from rasti.feed.inputs import read_inputs

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def plain(s: str) -> str:
    """A message without its bidi isolates (FSI…PDI), as a reader sees the words."""
    return s.translate(ISOLATES)


_STORIES: dict = {}


def story(engine, name: str):
    """(comparison, sources) of a corpus story, read once."""
    if name not in _STORIES:
        srcs = list(read_inputs(sorted(glob.glob(str(CORPUS / name / "*.txt")))))
        arts = [engine.read(s.text, published=s.published, id=s.id) for s in srcs]
        _STORIES[name] = (engine.compare(arts), srcs)
    return _STORIES[name]


def messages(cmp) -> list[dict]:
    return [f.message for f in cmp.contradictions + cmp.agreements + cmp.updates] + [g.message for g in cmp.disputes]


# --- a predicate that restates the subject -----------------------------------------------------------

TOLL = [("a", "2023-11-15", "در زلزله روز چهارشنبه دست‌کم ۱۲ نفر کشته و ۸۰ نفر زخمی شدند."),
        ("b", "2023-11-15", "زلزله روز چهارشنبه دست‌کم ۱۲ کشته بر جای گذاشت و ۸۰ نفر زخمی شدند."),
        ("c", "2023-11-16", "شمار زخمی‌های زلزله به ۲۳۰ نفر رسید.")]


def test_a_restating_predicate_is_not_printed_twice(engine):
    cmp = engine.compare([engine.read(t, published=p, id=i) for i, p, t in TOLL])
    injured = [f for f in cmp.agreements if {c.article for c in f.claims} == {"a", "b"}
               and all(c.predicate == "زخمی شدن" or c.frame == "casualties.injured" for c in f.claims)]
    assert injured, [f.message for f in cmp.agreements]
    assert plain(injured[0].message["en"]) == "2 outlets agree on 80 injured"     # not "80 injured were injured"
    assert plain(injured[0].message["fa"]) == "۲ رسانه بر ۸۰ زخمی توافق دارند"     # not «زخمی زخمی‌شده»


def test_no_label_of_the_quake_story_repeats_its_subject(engine):
    cmp, _ = story(engine, "quake")
    for m in messages(cmp):
        en, fa = plain(m["en"]), plain(m["fa"])
        assert "dead were killed" not in en and "injured were injured" not in en, en
        assert "کشته کشته" not in fa and "زخمی زخمی" not in fa, fa
    assert any(plain(m["en"]).startswith("injured rose from 312") for m in messages(cmp))


def test_a_predicate_that_is_not_the_subject_stays(engine):
    cmp, _ = story(engine, "caspian")
    assert any("cruise missile fired" in plain(m["en"]) for m in messages(cmp))
    assert any("موشک کروز شلیک‌شده" in plain(m["fa"]) for m in messages(cmp))


# --- one agreement per figure ---------------------------------------------------------------------------

def _without_count(s: str) -> str:
    return re.sub(r"^[0-9۰-۹]+ ", "", re.sub(r"\([0-9۰-۹]+ [^)]*\)$", "", plain(s)))


@pytest.mark.parametrize("name", ["caspian", "budget", "inflation", "quake", "oil", "election", "flood"])
def test_one_agreement_per_figure(engine, name):
    cmp, _ = story(engine, name)
    said = [_without_count(f.message["en"]) for f in cmp.agreements]
    assert len(said) == len(set(said)), said


def test_the_26_missiles_are_one_agreement_of_every_outlet_saying_26(engine):
    cmp, _ = story(engine, "caspian")
    lines = [f for f in cmp.agreements if plain(f.message["en"]).endswith("agree on 26 cruise missile")]
    assert len(lines) == 1
    arts = {c.article for c in lines[0].claims}
    assert {"caspian-01", "caspian-02", "caspian-03", "caspian-06", "caspian-07", "caspian-08"} <= arts
    assert plain(lines[0].message["en"]) == f"{len(arts)} outlets agree on 26 cruise missile"


# --- disputes: one article against several ---------------------------------------------------------------

def test_one_dissent_against_five_is_one_dispute(engine):
    cmp, _ = story(engine, "caspian")
    # the pair list is the contract: 12 pairs, and since the strike's day is an event date
    # (9b41fbc) the three of caspian-04's 8 October against 7 October (events keep their pairs)
    assert len(cmp.contradictions) == 15
    d = cmp.to_dict()
    assert len(d["contradictions"]) == 15
    assert sum(1 for c in d["contradictions"] if c["rule"] == "claim event.date; disjoint") == 3
    missiles = [g for g in d["disputes"] if g["dissent"]["claim"]["article"] == "caspian-04"
                and g["majority"]["value"]["en"] == "26"]
    assert len(missiles) == 1
    g = missiles[0]
    assert plain(g["message"]["en"]) == "cruise missile fired: caspian-04 says 18; 5 outlets say 26"
    assert plain(g["message"]["fa"]) == "موشک کروز شلیک‌شده: caspian-04 می‌گوید ۱۸؛ ۵ رسانه می‌گویند ۲۶"
    assert g["dissent"]["value"] == {"fa": "۱۸", "en": "18"} and g["dissent"]["claim"]["text"] == "۱۸ موشک کروز"
    assert g["majority"]["outlets"] == 5
    assert {c["article"] for c in g["majority"]["claims"]} == {"caspian-01", "caspian-03", "caspian-06", "caspian-07", "caspian-08"}
    assert g["severity"] == "error" and g["rule"].startswith("rules/compare.rules:")
    for k in g["contradictions"]:                         # each names pairs of the list it groups
        arts = {c["article"] for c in d["contradictions"][k]["claims"]}
        assert "caspian-04" in arts


@pytest.mark.parametrize("name", ["caspian", "budget", "inflation", "quake", "flood", "election"])
def test_every_contradiction_is_in_exactly_one_dispute(engine, name):
    cmp, _ = story(engine, name)
    ks = [k for g in cmp.disputes for k in g.contradictions]
    assert sorted(ks) == list(range(len(cmp.contradictions)))
    for g in cmp.disputes:
        if len(g.contradictions) == 1:                    # a lone pair keeps its own message
            assert g.message == cmp.contradictions[g.contradictions[0]].message


def test_weekday_and_running_total_disputes(engine):
    cmp, _ = story(engine, "caspian")
    wd = [plain(g.message["en"]) for g in cmp.disputes if g.dissent.kind == "weekday"]
    assert wd == ["2015-10-07: caspian-02 says Tuesday; 3 outlets say Wednesday (that day was a Wednesday)"]
    cmp, _ = story(engine, "flood")
    fell = [plain(g.message["en"]) for g in cmp.disputes if len(g.contradictions) > 1]
    assert fell == ["house destroyed is a running total and cannot fall: flood-06 (2024-03-27) says 1,300, "
                    "after 3,100 in 2 outlets"]


def test_two_articles_alone_are_no_group(engine):
    a = ("a", "2015-10-07", "روز چهارشنبه ۱۵ مهر ناوهای روسیه ۲۶ موشک کروز شلیک کردند.")
    b = ("b", "2015-10-08", "روز چهارشنبه ۱۵ مهر ناوهای روسیه ۱۸ موشک کروز شلیک کردند.")
    cmp = engine.compare([engine.read(t, published=p, id=i) for i, p, t in (a, b)])
    assert len(cmp.contradictions) == 1 and len(cmp.disputes) == 1
    assert cmp.disputes[0].message == cmp.contradictions[0].message


def test_the_report_shows_disputes_and_folds_the_pairs(engine):
    cmp, srcs = story(engine, "caspian")
    arts = [engine.read(s.text, published=s.published, id=s.id) for s in srcs]
    tree = dom(R.render_compare(arts, cmp, srcs, title="caspian"))
    rows = list(tree.find("table", cls="disputes").find("tbody").find_all("tr"))
    assert len(rows) == len(cmp.disputes) == 6              # 3 groups and the 3 event-date pairs
    row = next(r for r in rows if "caspian-04 says 18" in plain(r.text()))
    assert row.find("td", cls="dissent").find("div", cls="claim").attrs["data-article"] == "caspian-04"
    assert len(list(row.find("td", cls="majority").find_all("div", cls="claim"))) == 5
    pairs = tree.find("details", cls="pairs")
    assert pairs is not None and len(list(pairs.find("table", cls="contradictions").find("tbody").find_all("tr"))) == 15
