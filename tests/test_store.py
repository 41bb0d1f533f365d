"""The fact store (engine/store/) and the `rasti index` / `rasti compare` commands, on both
backends: every test taking `backend` runs on SQLite and on a real PostgreSQL server
(tests/pg_server.py; skipped with the reason when there is none)."""
from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasti.cli import main
from rasti.verify.compare import claims_of, rules_of
from rasti.store import MIGRATIONS, SCHEMA_VERSION, FactStore, StoreError, content_hash

STRIKE = [
    ("a", "2015-10-07", "روز چهارشنبه ۱۵ مهر ناوهای روسیه ۲۶ موشک کروز شلیک کردند."),
    ("b", "2015-10-07", "Russian warships fired 26 cruise missiles on Wednesday, Oct. 7."),
    ("c", "2015-10-08", "روز ۱۵ مهر ناوهای روسیه ۱۸ موشک کروز شلیک کردند و چهار رزمناو در حمله شرکت داشتند."),
]


def write_txt(d: Path, ident: str, published: str, body: str) -> Path:
    p = d / f"{ident}.txt"
    p.write_text(f"---\nid: {ident}\npublished: {published}\nsource: test\nurl: https://x.example/{ident}\nlang: fa\n---\n{body}\n",
                 encoding="utf-8")
    return p


@pytest.fixture
def store(backend):
    s = FactStore(backend.new())
    yield s
    s.close()


def test_index_and_lookup(store, engine):
    for i, p, t in STRIKE:
        assert store.index(engine.read(t, published=p, id=i), engine) == "added"
    st = store.stats()
    assert st["articles"] == 3 and st["claims"] > 3 and st["schema_version"] == SCHEMA_VERSION
    got = store.claims_for({("موشک کروز", "count")})
    assert sorted(c.article for c in got) == ["a", "b", "c"]
    assert store.claims_for({("موشک کروز", "count")}, exclude={"a"}) and all(
        c.article != "a" for c in store.claims_for({("موشک کروز", "count")}, exclude={"a"}))
    assert store.claims_for({("هیچ", "count")}) == []
    assert store.check() == []


def test_unchanged_article_is_skipped_and_changed_one_replaced(store, engine):
    i, p, t = STRIKE[0]
    art = engine.read(t, published=p, id=i)
    assert store.index(art, engine) == "added"
    assert store.index(art, engine) == "unchanged"
    assert store.unchanged(i, content_hash(i, p, t))
    t2 = t.replace("۲۶", "۲۷")
    assert store.index(engine.read(t2, published=p, id=i), engine) == "replaced"
    assert [c.value for c in store.claims_for({("موشک کروز", "count")})] == [27]
    assert store.stats()["articles"] == 1 and store.check() == []


def test_lookup_uses_the_index(store, backend):
    """Comparing reads claims by subject key through the index, never by scanning the table."""
    if backend.name == "postgresql":
        # a tiny table is cheapest to scan: forbid that to show the index is there and usable
        store.db.execute("SET enable_seqscan = off")
        plan = store.db.execute(
            "EXPLAIN SELECT c.subject_key, c.unit, c.data, a.seq FROM claims c JOIN articles a "
            "ON a.id = c.article_id WHERE c.subject_key IN (%s, %s)", ("a", "b")).fetchall()
        details = " ".join(r[0] for r in plan)
        assert "claims_by_subject" in details and "Seq Scan on claims" not in details, details
        return
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT c.subject_key, c.unit, c.data, a.seq FROM claims c JOIN articles a "
        "ON a.id = c.article_id WHERE c.subject_key IN (?, ?)", ("a", "b")).fetchall()
    details = " ".join(str(r[-1]) for r in plan)
    assert "USING INDEX claims_by_subject" in details
    assert "SCAN c" not in details and "SCAN claims" not in details


def _schema_version(backend, conn) -> str:
    return backend.q(conn, "SELECT value FROM rasti_meta WHERE name = 'schema_version'")[0][0]


def test_wal_and_schema_version(tmp_path, engine):
    path = tmp_path / "w.db"
    FactStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_schema_version_and_unique_keys(backend):
    target = backend.new()
    FactStore(target).close()
    db = backend.raw(target)
    try:
        assert _schema_version(backend, db) == str(SCHEMA_VERSION)
        backend.q(db, "INSERT INTO articles (id, seq, content_hash, rules_hash, fact_count, claim_count, indexed_at,"
                      " body) VALUES ('a', 1, 'h', 'r', 0, 0, 'now', 'x')")
        for dup in ("('a', 2, 'h', 'r', 0, 0, 'now', 'x')", "('b', 1, 'h', 'r', 0, 0, 'now', 'x')"):
            with pytest.raises(backend.error):      # a second article with this id, or this seq
                backend.q(db, "INSERT INTO articles (id, seq, content_hash, rules_hash, fact_count, claim_count,"
                              f" indexed_at, body) VALUES {dup}")
    finally:
        db.close()


def test_schema_1_is_migrated_on_open(backend, engine):
    """A database left at schema 1 by an older rasti gains the later columns and keys on open."""
    target = backend.new()
    db = backend.raw(target)
    for stmt in MIGRATIONS[1]:
        backend.q(db, stmt)
    backend.q(db, "INSERT INTO rasti_meta (name, value) VALUES ('schema_version', '1')")
    s = FactStore(target)
    try:
        assert s.version() == SCHEMA_VERSION
        assert {"published_at", "published_source"} <= set(backend.columns(db, "articles"))
        i, p, t = STRIKE[0]
        assert s.index(engine.read(t, published=p, id=i), engine) == "added" and s.check() == []
    finally:
        s.close()
        db.close()


def test_migration_steps_run_in_order(backend, monkeypatch):
    target = backend.new()
    FactStore(target).close()
    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION + 1, ["ALTER TABLE articles ADD COLUMN lang VARCHAR(8)"])
    monkeypatch.setattr("rasti.store.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    s = FactStore(target)
    assert s.version() == SCHEMA_VERSION + 1
    assert "lang" in backend.columns(s.db, "articles")
    s.close()


def test_failed_migration_leaves_the_old_version(backend, monkeypatch):
    target = backend.new()
    FactStore(target).close()
    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION + 1, ["ALTER TABLE articles ADD COLUMN x INTEGER", "THIS IS NOT SQL"])
    monkeypatch.setattr("rasti.store.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(backend.error):
        FactStore(target)
    db = backend.raw(target)
    assert _schema_version(backend, db) == str(SCHEMA_VERSION)
    assert "x" not in backend.columns(db, "articles")
    db.close()


def test_newer_or_foreign_database_is_refused(backend):
    target = backend.new()
    FactStore(target).close()
    db = backend.raw(target)
    backend.q(db, "UPDATE rasti_meta SET value = '999' WHERE name = 'schema_version'")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        FactStore(target)
    other = backend.new("other")
    db = backend.raw(other)
    backend.q(db, "CREATE TABLE people (name TEXT)")
    db.close()
    with pytest.raises(StoreError, match="not a rasti"):
        FactStore(other)


def test_claims_round_trip_through_the_store(store, engine):
    rules = rules_of(engine)
    arts = [engine.read(t, published=p, id=i) for i, p, t in STRIKE]
    for a in arts:
        store.index(a, engine)
    direct = engine.compare(arts)
    stored = store.claims_for({(c.key, c.unit) for a in arts[2:] for c in claims_of(a, rules)}, exclude={"c"})
    via_store = engine.compare(arts[2:], stored=stored)
    assert {(f.claims[0].article, f.claims[1].article) for f in direct.contradictions} == \
           {(f.claims[0].article, f.claims[1].article) for f in via_store.contradictions}


# --- the commands ------------------------------------------------------------------------------------------

def test_cli_index_then_compare_against_the_store(tmp_path, backend, capsys):
    files = [write_txt(tmp_path, i, p, t) for i, p, t in STRIKE]
    db = backend.new("desk")
    assert main(["index", str(files[0]), str(files[1]), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "2 added" in out and "2 articles" in out
    assert main(["index", str(files[0]), str(files[1]), "--db", str(db)]) == 0
    assert "2 unchanged" in capsys.readouterr().out
    assert main(["compare", "--db", str(db), str(files[2]), "--format", "json"]) == 1
    d = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in d["articles"]] == ["c"]
    pairs = {tuple(sorted(c["article"] for c in f["claims"])) for f in d["contradictions"]}
    assert pairs == {("a", "c"), ("b", "c")}
    assert main(["compare", "--db", str(db), str(files[2]), "--fail-on", "never"]) == 0
    text = capsys.readouterr().out
    assert "CONTRADICTION error" in text and "[stored]" in text and f"{files[2]}:8:" in text


def test_cli_compare_story_exit_status(tmp_path, capsys):
    files = [write_txt(tmp_path, i, p, t) for i, p, t in STRIKE]
    assert main(["compare", str(files[0]), str(files[1])]) == 0            # they agree
    assert "0 contradictions" in capsys.readouterr().out
    assert main(["compare", str(files[0]), str(files[2])]) == 1
    assert main(["compare", str(files[0]), str(files[2]), "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert main(["compare", str(files[0]), str(tmp_path / "missing.txt")]) == 2
    assert main(["compare", "--db", str(tmp_path / "nope.db"), str(files[0])]) == 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as e:
        main(["compare"])
    assert e.value.code == 2


def test_cli_compare_text_lists_agreements_and_ledger(tmp_path, capsys):
    files = [write_txt(tmp_path, i, p, t) for i, p, t in STRIKE]
    main(["compare", *map(str, files), "--agreements", "--ledger", "--lang", "en"])
    out = capsys.readouterr().out
    assert "AGREEMENT: 2 outlets agree on 26" in out and "LEDGER" in out
    assert "says 18; 2 outlets say 26" in out                  # one dispute, not two pair lines


# --- interruption ------------------------------------------------------------------------------------------

def _index_cmd(files, db):
    return [sys.executable, "-m", "rasti", "index", *map(str, files), "--db", str(db)]


def test_sigkill_midway_leaves_the_store_consistent(tmp_path, backend):
    """`rasti index` killed with SIGKILL inside a write transaction: the database opens, passes
    SQLite's integrity check, every article has exactly its facts and claims, the article being
    replaced still has its OLD version complete, and indexing again finishes the job."""
    first = [write_txt(tmp_path, f"n{k:02d}", "2015-10-07", f"روز ۱۵ مهر {k + 2} موشک کروز شلیک شد و {k + 1} رزمناو در حمله شرکت داشتند.")
             for k in range(6)]
    db = backend.new("kill")
    env = dict(os.environ, RASTI_NO_CACHE="1")
    subprocess.run(_index_cmd(first, db), check=True, env=env, capture_output=True, timeout=300)
    before = FactStore(db)
    old = {i: before.facts_of(i) for i in before.article_ids()}
    before.close()
    # new versions of the same articles; the store pauses inside each write transaction
    changed = [write_txt(tmp_path, f"n{k:02d}", "2015-10-07", f"روز ۱۵ مهر {k + 30} موشک کروز شلیک شد و {k + 1} رزمناو در حمله شرکت داشتند.")
               for k in range(6)]
    env["RASTI_STORE_PAUSE"] = "30"
    proc = subprocess.Popen(_index_cmd(changed, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # wait until the writer is inside its first write transaction, then kill it
        ready, _, _ = select.select([proc.stderr], [], [], 120)
        assert ready, "the indexer never reached its write transaction"
        assert b"paused inside the transaction" in proc.stderr.readline()
        assert proc.poll() is None, "the indexer finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    if backend.name == "sqlite":
        raw = sqlite3.connect(db)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.close()
    s = FactStore(db)
    assert s.check() == []
    assert sorted(s.article_ids()) == sorted(old)
    assert s.facts_of("n00") == old["n00"]            # the interrupted replacement left the old version whole
    s.close()

    env.pop("RASTI_STORE_PAUSE")
    subprocess.run(_index_cmd(changed, db), check=True, env=env, capture_output=True, timeout=300)
    s = FactStore(db)
    assert s.check() == [] and len(s.article_ids()) == 6
    assert {c.value for c in s.claims_for({("موشک کروز", "count")})} == {k + 30 for k in range(6)}
    s.close()


def test_readers_see_whole_articles_while_a_writer_indexes(backend, engine):
    """WAL: a second connection reads while one writes, and never sees half an article."""
    db = backend.new("rw")
    w = FactStore(db)
    r = FactStore(db)
    for k in range(20):
        w.index(engine.read(f"روز ۱۵ مهر {k + 2} موشک کروز شلیک شد.", published="2015-10-07", id=f"x{k}"), engine)
        assert r.check() == []
    assert len(r.article_ids()) == 20
    w.close()
    r.close()
