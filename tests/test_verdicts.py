"""The desk's findings and verdicts in the fact store (engine/store/verdicts.py), reading the
store back (store/browse.py), schema 3's migration, and `rasti rules stats --db`. None of this
needs the `serve` extra."""
from __future__ import annotations

import json
import sqlite3

import pytest

from rasti.cli import main
from rasti.store import MIGRATIONS, SCHEMA_VERSION, FactStore, browse, verdicts

WED = ("ناوهای جنگی روسیه روز سه‌شنبه ۱۵ مهر ۱۳۹۴ از دریای خزر ۲۶ موشک کروز به سوی ۱۱ هدف در سوریه "
       "شلیک کردند.")
LOW = "وزارت دفاع روسیه گفت ناوهای این کشور در دریای خزر ۱۸ موشک کروز به سوی اهدافی در سوریه شلیک کردند."


@pytest.fixture
def store(tmp_path):
    s = FactStore(tmp_path / "v.db")
    yield s
    s.close()


def _flags(engine, text, id, published="2015-10-07"):
    art = engine.check(engine.read(text, published=published, id=id))
    return art, [f.to_dict() for f in art.flags]


def test_schema_2_store_is_migrated_to_3_and_keeps_its_articles(tmp_path, engine):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for v in (1, 2):
        for stmt in MIGRATIONS[v]:
            db.execute(stmt)
    db.execute("INSERT INTO rasti_meta (name, value) VALUES ('schema_version', '2')")
    db.execute("INSERT INTO articles (id, seq, published, source, origin, content_hash, rules_hash, fact_count,"
               " claim_count, indexed_at, body) VALUES ('old', 1, '2015-10-07', 'src', 'o', 'h', 'r', 0, 0, 'now', 'متن')")
    db.commit()
    db.close()
    with FactStore(path) as s:
        assert s.version() == SCHEMA_VERSION == 3
        old = browse.article(s, "old")
        assert old is not None and old.text == "متن" and old.url is None and old.source == "src"
        assert verdicts.rule_stats(s) == []


def test_a_finding_keeps_its_id_and_verdict_when_shown_again(store, engine):
    art, flags = _flags(engine, WED, "w1")
    assert [f["code"] for f in flags] == ["weekday-mismatch"]
    [fid] = verdicts.record(store, "flag", "w1", flags)
    assert verdicts.get(store, fid).verdict is None
    v = verdicts.decide(store, fid, "confirmed", "۱۵ مهر چهارشنبه بود")
    assert v.verdict == "confirmed" and v.note == "۱۵ مهر چهارشنبه بود" and v.decided_at
    assert verdicts.record(store, "flag", "w1", flags) == [fid]          # shown again: same row
    assert verdicts.get(store, fid).verdict == "confirmed"
    other = verdicts.record(store, "flag", "w2", flags)                   # another article: another finding
    assert other != [fid]


def test_decide_refuses_an_unknown_verdict_or_finding(store, engine):
    _, flags = _flags(engine, WED, "w1")
    [fid] = verdicts.record(store, "flag", "w1", flags)
    with pytest.raises(ValueError):
        verdicts.decide(store, fid, "maybe")
    with pytest.raises(KeyError):
        verdicts.decide(store, "0" * 32, "confirmed")
    assert verdicts.get(store, fid).verdict is None


def test_contradiction_id_does_not_depend_on_claim_order(store, engine):
    a = engine.read(WED, published="2015-10-07T10:00", id="a")
    b = engine.read(LOW, published="2015-10-07T15:00", id="b")
    [x] = engine.compare([a, b]).to_dict(articles=False)["contradictions"]
    flipped = dict(x, claims=list(reversed(x["claims"])))
    assert verdicts.finding_id("contradiction", "a", x) == verdicts.finding_id("contradiction", "b", flipped)
    [fid] = verdicts.record(store, "contradiction", "a", [x])
    assert set(verdicts.of_article(store, "b")) == {fid}                  # found from either article
    assert verdicts.of_article(store, "c") == {}


def test_rule_stats_count_fired_confirmed_false_alarms(store, engine):
    ids = []
    for i in range(4):
        _, flags = _flags(engine, WED, f"w{i}")
        ids += verdicts.record(store, "flag", f"w{i}", flags)
    verdicts.decide(store, ids[0], "confirmed")
    verdicts.decide(store, ids[1], "confirmed")
    verdicts.decide(store, ids[2], "false_alarm")
    [st] = verdicts.rule_stats(store)
    assert (st.code, st.fired, st.confirmed, st.false_alarms, st.pending) == ("weekday-mismatch", 4, 2, 1, 1)
    assert st.precision == pytest.approx(2 / 3)
    assert st.rule.startswith("rules/checks.rules:")


def test_rules_stats_cli(tmp_path, engine, capsys):
    path = tmp_path / "s.db"
    with FactStore(path) as s:
        _, flags = _flags(engine, WED, "w1")
        [fid] = verdicts.record(s, "flag", "w1", flags)
        verdicts.decide(s, fid, "false_alarm", "")
    assert main(["rules", "stats", "--db", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["rule", "code", "fired"]
    assert out[1].split()[1:] == ["weekday-mismatch", "1", "0", "1", "0", "0.00"]
    assert main(["rules", "stats", "--db", str(path), "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["false_alarms"] == 1 and row["precision"] == 0.0 and row["pending"] == 0
    assert main(["rules", "stats", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such fact store" in capsys.readouterr().err


def test_search_by_subject_outlet_and_day(store, engine):
    for id, pub, src, text in (("a", "2015-10-07", "خبرگزاری الف", WED), ("b", "2015-10-08", "خبرگزاری ب", LOW),
                               ("c", "2015-10-08", "خبرگزاری الف", "نرخ تورم به ۴۰ درصد رسید.")):
        store.index(engine.read(text, published=pub, id=id), engine, source=src, url=f"https://x.example/{id}")
    ids = lambda xs: sorted(x.id for x in xs)  # noqa: E731
    assert ids(browse.search(store, subject="موشک")) == ["a", "b"]
    assert ids(browse.search(store, outlet="الف")) == ["a", "c"]
    assert ids(browse.search(store, day="2015-10-08")) == ["b", "c"]
    assert ids(browse.search(store, subject="موشک", day="2015-10-08")) == ["b"]
    assert ids(browse.search(store, outlet="%")) == []                   # LIKE wildcards are literal
    assert ids(browse.search(store)) == ["a", "b", "c"]
    assert browse.article(store, "a").url == "https://x.example/a"
    assert browse.article(store, "nope") is None


def test_serve_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    import sys
    monkeypatch.setitem(sys.modules, "uvicorn", None)       # as if `rasti[serve]` were not installed
    assert main(["serve", "--db", str(tmp_path / "d.db")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'rasti[serve]'" in err and "uvicorn" in err and "Traceback" not in err
