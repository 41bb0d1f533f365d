"""The corpus regression: the bundled corpus passes under its thresholds, a broken gold file
fails with the right -/+ lines, malformed gold is reported by file, line and field, and the
scorer's matching rules hold."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rasti.cli import main
from rasti.corpus.gold import CorpusError, load_corpus
from rasti.corpus.runner import (GoldMention, Report, Tally, evaluate, run_corpus, value_matches)
from rasti.model import Mention

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(["corpus", "test", *args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the bundled corpus ----------------------------------------------------------------------

def test_bundled_corpus_passes_its_thresholds(capsys):
    rc, out, err = run_cli(capsys, str(CORPUS))
    assert rc == 0, out[-4000:]
    assert "result: PASS" in out
    # the score table is printed so that a regression shows
    assert "mentions        number" in out and "recall" in out
    assert err == ""        # no progress bar when stderr is not a terminal


def test_bundled_corpus_size():
    c = load_corpus(CORPUS)
    assert len(c.stories) >= 8
    assert len(c.articles) >= 50
    assert sum(1 for a in c.articles if a.meta.get("lang") == "en") >= 6
    assert c.thresholds_path == CORPUS / "thresholds.yaml"


def test_beats_set_passes_its_own_thresholds(capsys):
    """corpus/beats (issue 15) is a second set: its own thresholds, not mixed into the first's."""
    rc, out, _ = run_cli(capsys, str(CORPUS / "beats"))
    assert rc == 0, out[-4000:]
    assert "corpus/beats/thresholds.yaml" in out and "result: PASS" in out


def test_beats_set_size_and_noise():
    c = load_corpus(CORPUS / "beats")
    assert c.thresholds_path == CORPUS / "beats" / "thresholds.yaml"
    assert {s.slug for s in c.stories} >= {"coins", "tremor", "konkur", "council", "trial", "heatwave"}
    assert len(c.articles) >= 30
    assert all(len({a.meta.get("source") for a in s.articles}) == len(s.articles) >= 5 for s in c.stories)
    assert sum(1 for a in c.articles if a.meta.get("lang") == "en") >= 6
    assert sum(1 for a in c.articles if "T" in a.meta.get("published", "")) >= 15   # date-times
    assert any("عقرب" in a.text for a in c.articles)                                 # the Dari article
    # no story of this set is also in the first one
    assert not {s.slug for s in c.stories} & {s.slug for s in load_corpus(CORPUS).stories}


def test_json_report(capsys):
    rc, out, _ = run_cli(capsys, str(CORPUS / "caspian"), "--format", "json")
    d = json.loads(out)
    assert d["partial"] is True and d["articles"] == 8
    assert set(d["scores"]) == {"mentions", "flags", "contradictions", "updates", "agreements"}
    item = next(i for i in d["items"] if i["id"] == "caspian-01")
    assert item["scores"]["mentions"]["number"]["gold"] >= 4
    assert rc == (0 if d["passed"] else 1)


# --- a deliberately broken copy ---------------------------------------------------------------

def test_broken_gold_fails_with_minus_and_plus_lines(capsys, corpus_copy):
    gold = corpus_copy / "caspian" / "caspian-01.yaml"
    edit(gold, '{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۶", value: 27}')
    edit(gold, "exhaustive: false", "exhaustive: true")
    rc, out, _ = run_cli(capsys, str(corpus_copy))
    assert rc == 1
    assert "  - number «۲۶» 27" in out                 # the gold value the engine does not give
    assert "  + number «۲۶» 26" in out                 # the engine's reading, unexpected now
    assert "caspian-01  " in out and "[FAIL]" in out
    assert "result: FAIL" in out
    failing = [line.split()[0] for line in out.splitlines() if line.endswith("[FAIL]")]
    assert "caspian-01" in failing


def test_no_thresholds_means_strict(capsys, corpus_copy):
    (corpus_copy / "thresholds.yaml").unlink()
    rc, out, _ = run_cli(capsys, str(corpus_copy))
    assert "strict" in out
    report = run_corpus(load_corpus(corpus_copy))
    assert rc == report.exit_code
    assert rc == (0 if not any(it.diffs for it in report.items) else 1)


def test_minimum_rates_gate(capsys, corpus_copy):
    (corpus_copy / "thresholds.yaml").write_text(
        "minimum:\n  mentions:\n    '*': {recall: 0.0}\n    number: {recall: 1.0}\n", encoding="utf-8")
    rc, out, _ = run_cli(capsys, str(corpus_copy))
    report = run_corpus(load_corpus(corpus_copy))
    number = report.totals["mentions"]["number"]
    if number.recall == 1.0:
        pytest.skip("the engine reads every gold number")
    assert rc == 1
    assert "below minimum: mentions number: recall" in out
    # differences in kinds covered by a minimum are accepted; other sections stay exact
    assert all(d.known for it in report.items for d in it.diffs if d.section == "mentions")


def test_write_thresholds_then_pass(capsys, corpus_copy):
    gold = corpus_copy / "caspian" / "caspian-01.yaml"
    edit(gold, '{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۶", value: 27}')
    assert run_cli(capsys, str(corpus_copy))[0] == 1
    rc, out, err = run_cli(capsys, str(corpus_copy), "--write-thresholds")
    assert rc == 0 and "wrote" in err
    assert "- number «۲۶» 27" in (corpus_copy / "thresholds.yaml").read_text(encoding="utf-8")
    assert run_cli(capsys, str(corpus_copy))[0] == 0
    # fixing the gold again: the accepted difference no longer occurs and is reported as fixed
    edit(gold, '{kind: number, text: "۲۶", value: 27}', '{kind: number, text: "۲۶", value: 26}')
    rc, out, _ = run_cli(capsys, str(corpus_copy))
    assert rc == 0 and "~ fixed: - number «۲۶» 27" in out


# --- malformed gold ---------------------------------------------------------------------------

@pytest.mark.parametrize("old,new,expect", [
    ('{kind: number, text: "۲۶", value: 26}', '{kind: numbr, text: "۲۶", value: 26}',
     "caspian-01.yaml:7: mentions[5]: kind: 'numbr' is not one of"),
    ('{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۷۷", value: 26}',
     "caspian-01.yaml:7: mentions[5]: text: «۲۷۷» is not in the article"),
    ('{kind: time, text: "۱۹:۱۰", value: "19:10"}', '{kind: time, text: "۱۹:۱۰", value: 19:10}',
     "mentions[2]: value: 1150: quote the time"),
    ('{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۶", interval: [30, 20]}',
     "mentions[5]: interval: lower bound 30 is above upper bound 20"),
    ('{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۶"}',
     "mentions[5]: give exactly one of value or interval"),
    ("flags: []", "flags: [{code: Weekday, text: \"۲۶\"}]", "flags[1]: code: 'Weekday' is not a check code"),
    ("exhaustive: false", "exhaustive: yes please", "caspian-01.yaml:1: exhaustive: must be true or false"),
    ('{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۶", value: 26',
     "caspian-01.yaml:8: malformed YAML"),
])
def test_malformed_gold_names_file_line_and_field(capsys, corpus_copy, old, new, expect):
    edit(corpus_copy / "caspian" / "caspian-01.yaml", old, new)
    with pytest.raises(CorpusError) as e:
        load_corpus(corpus_copy)
    assert expect in str(e.value)
    rc, _, err = run_cli(capsys, str(corpus_copy))
    assert rc == 2 and expect in err


def test_malformed_story_and_thresholds(capsys, corpus_copy):
    edit(corpus_copy / "quake" / "story.yaml", "{article: quake-06, text: \"۳۳ نفر کشته\"}",
         "{article: quake-66, text: \"۳۳ نفر کشته\"}")
    edit(corpus_copy / "thresholds.yaml", "\nminimum:\n", "\nminimum:\n  mentoins: {number: {recall: 2}}\n")
    with pytest.raises(CorpusError) as e:
        load_corpus(corpus_copy)
    msg = str(e.value)
    assert "story.yaml:11: contradictions[1]: claims[2]: article: 'quake-66' is not one of this story's articles" in msg
    assert "thresholds.yaml: minimum.mentoins: unknown section" in msg


def test_front_matter_and_listing_problems(corpus_copy):
    edit(corpus_copy / "flood" / "flood-02.txt", "published: ", "published: 2024-13-")
    shutil.copy(corpus_copy / "flood" / "flood-03.txt", corpus_copy / "flood" / "flood-09.txt")
    with pytest.raises(CorpusError) as e:
        load_corpus(corpus_copy)
    msg = str(e.value)
    assert "flood-02.txt: published: '2024-13-" in msg
    assert "flood-09.txt: not listed in story.yaml articles" in msg


def test_missing_corpus_dir(capsys, tmp_path):
    rc, _, err = run_cli(capsys, str(tmp_path / "nope"))
    assert rc == 2 and "no such corpus directory" in err


# --- matching rules ---------------------------------------------------------------------------

def M(kind, value=None, interval=None, precision=None, **extra) -> Mention:
    return Mention(kind, "x", 0, 1, value, interval, "t", precision, None, extra)


def G(kind, value=None, interval=None, unit=None) -> GoldMention:
    return GoldMention(kind, "x", value, interval, unit, None, ((0, 1),))


@pytest.mark.parametrize("gold,mention,ok", [
    (G("number", 26), M("number", 26, (26, 26), 1), True),
    (G("number", 26), M("number", 27, (27, 27), 1), False),
    (G("number", 2_500_000), M("number", 2_500_000, None, 100_000), True),
    (G("number", 2_540_000), M("number", 2_500_000, None, 100_000), True),    # within the stated precision
    (G("number", 2_600_000), M("number", 2_500_000, None, 100_000), False),
    (G("number", interval=(22.5, 27.5)), M("number", None, (22.5, 27.5)), True),
    (G("number", interval=(22.5, 27.5)), M("number", 25, (25, 25)), False),   # hedge lost
    (G("number", interval=(12, float("inf"))), M("number", None, (12, None)), True),
    (G("number", 12), M("number", None, (12, None)), False),
    (G("percent", interval=(50, 100)), M("percent", None, (50, None)), True),  # a share's natural bound
    (G("number", interval=(50, 100)), M("number", None, (50, None)), False),
    (G("money", interval=(0, 9_000_000), unit="IRT"), M("money", None, (None, 9_000_000), unit="IRT"), True),
    (G("money", 36_000_000_000_000, unit="IRR"), M("money", 3_600_000_000_000, None, unit="IRT"), True),
    (G("money", 36_000_000_000_000, unit="USD"), M("money", 36_000_000_000_000, None, unit="IRR"), False),
    (G("quantity", 75, unit="m2"), M("quantity", 75, None, 1, unit="m"), False),
    (G("duration", 1, unit="week"), M("duration", 7, (7, 7), unit="هفته"), True),
    (G("duration", 24, unit="hour"), M("duration", 1, (1, 1), unit="ساعت"), True),
    (G("duration", interval=(0, 7), unit="year"), M("duration", None, (None, 2555.0), unit="سال"), True),
    (G("date", "2015-10-07"), M("date", "2015-10-07", ("2015-10-07", "2015-10-07")), True),
    (G("date", "2015-10-07"), M("date", "2015-10-08"), False),
    (G("date", None), M("date", None, None, valid=False), True),
    (G("date", None), M("date", "2015-10-07"), False),
    (G("date", 2011), M("date", None, ("2011-01-01", "2011-12-31"), stated={"year": 2011}), True),
    (G("date", 2011), M("date", "2011-03-01", stated={"year": 2011, "month": 3, "day": 1}), False),
    (G("date", "2023-02"), M("date", None, ("2023-02-01", "2023-02-28"), calendar="gregorian",
                              stated={"year": 2023, "month": 2}), True),
    (G("weekday", "Wednesday"), M("weekday", 2), True),
    (G("weekday", "Tuesday"), M("weekday", 2), False),
    (G("time", "14:27"), M("time", "02:27"), False),
    (G("fraction", interval=(0.3333, 1)), M("fraction", None, (0.333333, None)), True),
])
def test_value_matching(gold, mention, ok):
    assert value_matches(gold, mention) is ok


def test_weekday_inside_a_date_and_percentage_points(engine):
    from rasti.corpus.runner import ItemResult, score_mentions
    from rasti.corpus.gold import GoldArticle
    text = "روز سه‌شنبه ۱۵ مهر ۱۳۹۴ نرخ ۱.۳ واحد درصد افزایش یافت."
    art = engine.read(text, published="2015-10-07")
    gold = GoldArticle("t", "s", Path("t.txt"), Path("t.yaml"), text, "2015-10-07", {})
    gold.mentions = [GoldMention("weekday", "سه‌شنبه", "Tuesday", None, None, None, ((4, 11),)),
                     GoldMention("date", "سه‌شنبه ۱۵ مهر ۱۳۹۴", "2015-10-07", None, None, None, ((4, 23),)),
                     GoldMention("percent", "۱.۳ واحد درصد", 1.3, None, None, None,
                                 ((text.index("۱.۳"), text.index("۱.۳") + 13),))]
    res = ItemResult("article", "t", Path("t.txt"))
    score_mentions(res, gold, list(art.mentions))
    assert [d.line for d in res.diffs] == []


def test_metrics():
    t = Tally(gold=10, found=8, unexpected=2, scoped=10, scopes=1)
    assert t.recall == 0.8 and t.precision == 0.8 and abs(t.f1 - 0.8) < 1e-12
    assert Tally(gold=3, found=3).precision is None      # nothing exhaustive: not measurable


def test_relations_are_scored_when_compare_exists(corpus_copy):
    """A stand-in engine with check() and compare(): flags and relations are matched by span."""
    from rasti.api import default_engine
    real = default_engine()
    story = load_corpus(corpus_copy / "caspian").stories[0]
    a1 = story.articles[0].text.index("۲۶ موشک کروز")
    a4 = next(a for a in story.articles if a.id == "caspian-04")
    s4 = a4.text.index("۱۸ موشک کروز")

    class Fake:
        def read(self, *a, **k):
            return real.read(*a, **k)

        def check(self, art):
            if art.id == "caspian-04":
                return {"flags": [{"code": "calendar-mismatch", "spans": [[a4.text.index("۸ اکتبر"), a4.text.index("۸ اکتبر") + 7]]}],
                        "mentions": art.mentions, "id": art.id}
            if art.id == "caspian-01":
                return {"flags": [{"code": "sum-mismatch", "spans": [[a1, a1 + 2]]}], "id": art.id}
            return art

        def compare(self, arts):
            return {"contradictions": [{"claims": [{"article": "caspian-01", "start": a1, "end": a1 + 12},
                                                   {"article": "caspian-04", "start": s4, "end": s4 + 12}]},
                                       {"claims": [{"article": "caspian-02", "start": 0, "end": 5},
                                                   {"article": "caspian-03", "start": 0, "end": 5}]}],
                    "updates": [], "agreements": []}

    c = load_corpus(corpus_copy / "caspian")
    report = run_corpus(c, Fake(), partial=True, strict=True)
    lines = {it.id: [d.line for d in it.diffs] for it in report.items}
    assert "+ sum-mismatch «۲۶»" in lines["caspian-01"]
    assert not any(l.startswith("- calendar-mismatch") for l in lines["caspian-04"])
    story_lines = lines["caspian"]
    assert "- contradiction caspian-01 «۲۶ موشک کروز» / caspian-04 «۱۸ موشک کروز»" not in story_lines
    assert "- contradiction caspian-03 «26 cruise missiles» / caspian-04 «۱۸ موشک کروز»" in story_lines
    assert any(l.startswith("+ contradiction caspian-02") for l in story_lines)
    t = report.totals["contradictions"]["contradiction"]
    # caspian's story.yaml lists 12 contradictions: 5 planted pairs and 7 more they imply (the
    # 12th, caspian-02's 15 Mehr = 7 October against caspian-04's 8 October, added with 9b41fbc)
    assert (t.gold, t.found, t.unexpected) == (12, 1, 1)
    assert report.available == {"mentions": True, "flags": True, "contradictions": True,
                                "updates": True, "agreements": True}


def test_sections_not_available_without_check_or_compare(corpus_copy):
    from rasti.api import default_engine

    class ReadOnly:
        def read(self, *a, **k):
            return default_engine().read(*a, **k)

    report = run_corpus(load_corpus(corpus_copy / "flood"), ReadOnly(), partial=True)
    assert report.available["flags"] is False and report.available["contradictions"] is False
    assert "flags" not in report.totals
    from rasti.corpus.runner import format_text
    assert "flags           not available" in format_text(report)


def test_engine_failure_is_an_item_error(corpus_copy):
    from rasti.api import default_engine

    class Flaky:
        def read(self, text, **k):
            if k.get("id") == "flood-02":
                raise RuntimeError("boom")
            return default_engine().read(text, **k)

    report = run_corpus(load_corpus(corpus_copy / "flood"), Flaky(), partial=True)
    bad = next(it for it in report.items if it.id == "flood-02")
    assert bad.failed and "RuntimeError: boom" in bad.error
    assert report.exit_code == 1


# --- the pytest plugin ------------------------------------------------------------------------

def run_pytest(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def test_pytest_plugin_items(capsys, tmp_path, corpus_copy):
    """`pytest --rasti-corpus DIR`: an item per article and story; a broken gold fails its item
    with a readable diff, the others pass."""
    assert run_cli(capsys, str(corpus_copy), "--write-thresholds")[0] == 0    # tight minimums
    gold = corpus_copy / "caspian" / "caspian-01.yaml"
    edit(gold, '{kind: number, text: "۲۶", value: 26}', '{kind: number, text: "۲۶", value: 27}')
    (tmp_path / "empty").mkdir()
    r = run_pytest(tmp_path, "empty", "--rasti-corpus", "corpus", "-rA")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out[-3000:]
    assert "FAILED corpus/caspian/story.yaml::caspian-01" in out
    assert "- number «۲۶» 27" in out
    assert "PASSED corpus/caspian/story.yaml::caspian-02" in out
    # one number fewer is also below the corpus's minimum number recall
    assert "FAILED corpus/thresholds.yaml::minimum" in out
    assert "mentions number: recall" in out
    n_items = sum(1 for line in out.splitlines() if line.startswith(("PASSED", "FAILED", "SKIPPED")))
    assert n_items == 52 + 8 + 1
    # collecting the directory itself gives the same items, each once
    # (pytest also walks into corpus/beats, the second set: its 34 articles, 6 stories, minimum)
    r2 = run_pytest(tmp_path, "corpus", "--rasti-corpus", "corpus", "--co")
    assert "102 tests collected" in r2.stdout, r2.stdout[-2000:]
