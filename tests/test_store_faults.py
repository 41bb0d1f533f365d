"""Faults in the fact store under load (issue 19, item 4; issue 20, item 2), on both backends
where the test takes `backend` (SQLite files; a real PostgreSQL server from tests/pg_server.py).

* `rasti index corpus/` SIGKILLed at 20 seeded moments spread over whole runs (into a fresh
  database and with --force over a full one): the database passes SQLite's integrity check,
  no article is half-stored (each stored article has exactly the facts and claims of a clean
  index of the same corpus), and a rerun completes with the clean result.
* Two writers at once: the second waits for the first (busy timeout) or fails with one clear
  line and exit 2; it never corrupts, and the final state is the clean one.
* Four indexers into one database at once, one SIGKILLed inside an article's transaction: the
  others finish, every article is stored once and whole, none twice (unique id and seq), and
  readers polling meanwhile never see half an article.
* A database that is not SQLite, one of a newer schema, a read-only one: `rasti index` and
  `rasti compare` print one line naming the file and exit 2, no traceback.

No assertion here measures time: kills are placed by counting the articles the indexer has
reported (`-v`), plus a seeded sub-delay; sleeps only give a process the chance to get going.
"""
from __future__ import annotations

import functools
import json
import os
import select
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pg_server import Backend
from rasti.cli import main
from rasti.store import SCHEMA_VERSION, FactStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = 19
KILLS = 20


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("RASTI_STORE_PAUSE", None)
    env.pop("RASTI_STORE_PAUSE_AT", None)
    env.update(extra)
    return env


def _index(db, *more, files=(CORPUS,)) -> list[str]:
    return [sys.executable, "-m", "rasti", "index", *map(str, files), "--db", str(db), *more]


SQLITE = Backend("sqlite", Path("."))


def snapshot(db, backend: Backend = SQLITE) -> dict[str, tuple]:
    """Per article id: (facts rows, claims rows, the stored counts, the facts' and claims' data)."""
    raw = backend.raw(db)
    q = functools.partial(backend.q, raw)
    try:
        out = {}
        if not backend.has_table(raw, "articles"):
            return out                              # killed before the schema was committed
        n, ids, seqs = q("SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT seq) FROM articles")[0]
        assert n == ids == seqs, f"duplicate articles: {n} rows, {ids} ids, {seqs} seqs"
        for id, fc, cc in q("SELECT id, fact_count, claim_count FROM articles"):
            facts = sorted(r[0] for r in q("SELECT data FROM facts WHERE article_id = ?", (id,)))
            claims = sorted(r[0] for r in q("SELECT data FROM claims WHERE article_id = ?", (id,)))
            out[id] = (len(facts), len(claims), fc, cc, facts, claims)
        return out
    finally:
        raw.close()


def integrity(db) -> str:
    raw = sqlite3.connect(db)
    try:
        return raw.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        raw.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean index of the bundled corpus: the reference every faulted database is held to."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    r = subprocess.run(_index(db), env=_env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    snap = snapshot(db)
    assert len(snap) > 40 and all(v[0] == v[2] and v[1] == v[3] for v in snap.values())
    return db, snap


def assert_sound(db, clean_snap: dict, *, complete: bool, backend: Backend = SQLITE) -> dict:
    """Whole articles only, each as a clean SQLite index of the same corpus has it, none twice."""
    if backend.name == "sqlite":
        assert integrity(db) == "ok"
    snap = snapshot(db, backend)
    assert set(snap) <= set(clean_snap), set(snap) - set(clean_snap)
    half = {i: (v[:4], clean_snap[i][:4]) for i, v in snap.items() if v != clean_snap[i]}
    assert not half, f"half-stored or different articles: {half}"
    if complete:
        assert set(snap) == set(clean_snap)
    s = FactStore(db)
    try:
        assert s.check() == []
    finally:
        s.close()
    return snap


# --- 1. SIGKILL while indexing ----------------------------------------------------------------------------

def _kill_after(cmd, lines: int, extra: float) -> tuple[int, int, str]:
    """Run ``cmd``, read ``lines`` article lines (`-v`), wait ``extra`` seconds, SIGKILL it.
    Returns (lines read, return code, stderr)."""
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = 0
    try:
        while seen < lines:
            line = proc.stdout.readline()
            if not line:
                break
            if line.split()[:1] in ([b"added"], [b"replaced"], [b"unchanged"]):
                seen += 1
        time.sleep(extra)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=120)
        err = proc.stderr.read().decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return seen, proc.returncode, err


def filled(backend: Backend, clean, label: str = "full"):
    """A store holding the clean index: a copy of the SQLite file, or the corpus indexed anew."""
    if backend.name == "sqlite":
        db = backend.new(label)
        shutil.copy(clean[0], db)
        return db
    db = backend.new(label)
    r = subprocess.run(_index(db), env=_env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return db


def test_sigkill_at_seeded_moments_while_indexing_the_corpus(backend, clean, capsys):
    """20 SIGKILLs spread over whole runs of `rasti index corpus/` (fresh database and --force
    over a full one, alternately): every time the database is sound, holds only whole articles,
    and a rerun completes with the clean index."""
    _, want = clean
    n = len(want)
    rng = random.Random(SEED)
    db = backend.new("victim")
    kills, attempts, fresh_progress, modes = 0, 0, set(), []
    while kills < KILLS:
        attempts += 1
        assert attempts <= KILLS + 10, "the indexer kept finishing before it could be killed"
        fresh = attempts % 2 == 1
        if fresh:
            db = backend.new("victim")
        lines = rng.randrange(0, n)
        if attempts <= 2:                           # once per mode: during start-up or the first article
            lines = 0
        extra = rng.uniform(0, 0.4) if lines == 0 else rng.uniform(0, 0.03)
        seen, rc, err = _kill_after(_index(db, "-v", *(() if fresh else ("--force",))), lines, extra)
        assert "Traceback" not in err, err
        if rc == 0:                                 # finished first: no fault injected, try again
            assert_sound(db, want, complete=True, backend=backend)
            continue
        assert rc == -signal.SIGKILL, (rc, err)
        kills += 1
        modes.append(("fresh" if fresh else "force", seen))
        if backend.name == "postgresql" or db.exists():
            snap = assert_sound(db, want, complete=not fresh, backend=backend)
            assert len(snap) >= seen if fresh else True    # every reported article was committed
            if fresh:
                fresh_progress.add(len(snap))
        # the rerun (in-process; the store is what is tested) completes with the clean result
        assert main(["index", str(CORPUS), "--db", str(db)]) == 0
        capsys.readouterr()
        assert_sound(db, want, complete=True, backend=backend)
    assert kills == KILLS
    print(f"{kills} kills in {attempts} runs (mode, articles reported before the kill): {modes}")
    # the kills were spread over the run, not all in one place
    assert len(fresh_progress) >= 4, modes
    assert sum(1 for m, _ in modes if m == "force") >= KILLS // 3, modes


# --- 2. two writers ---------------------------------------------------------------------------------------

def _one_clean_line(err: str, db) -> None:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"rasti: {db}") and "Traceback" not in err, err


@pytest.mark.parametrize("force", [False, True], ids=["fresh", "force"])
def test_two_writers_at_once_wait_or_fail_cleanly(backend, clean, force):
    _, want = clean
    db = filled(backend, clean, "two") if force else backend.new("two")
    more = ("--force",) if force else ()
    procs = [subprocess.Popen(_index(db, *more), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode in (0, 2), err
        if p.returncode == 2:
            _one_clean_line(err, db)
        else:
            assert "Traceback" not in err and err.strip() == "", err
    assert any(p.returncode == 0 for p in procs), outs
    assert_sound(db, want, complete=True, backend=backend)


def _hold_write_lock(backend: Backend, db):
    """Another session holding the store's write lock: SQLite's one lock, or every table locked
    against writers on the server (readers still read)."""
    raw = backend.raw(db)
    if backend.name == "sqlite":
        raw.execute("BEGIN IMMEDIATE")
    else:
        raw.execute("BEGIN")
        raw.execute("LOCK TABLE rasti_meta, articles, facts, claims IN EXCLUSIVE MODE")
    return raw


def test_a_writer_waits_for_the_lock(backend, clean):
    _, want = clean
    db = backend.new("wait")
    FactStore(db).close()
    holder = _hold_write_lock(backend, db)
    proc = subprocess.Popen(_index(db), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)                             # let it reach the lock (if not, the test is merely weaker)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert_sound(db, want, complete=True, backend=backend)


def test_a_writer_that_cannot_get_the_lock_says_so(backend, clean):
    db = filled(backend, clean, "busy")
    holder = _hold_write_lock(backend, db)
    try:
        r = subprocess.run(_index(db, "--force"), env=_env(RASTI_STORE_TIMEOUT="0.2"), capture_output=True,
                           text=True, timeout=600)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.returncode == 2
    _one_clean_line(r.stderr, db)
    assert "locked" in r.stderr
    assert_sound(db, clean[1], complete=True, backend=backend)


# --- 3. four indexers at once, one killed inside an article -----------------------------------------------

def _rotated(files: list[Path], k: int, parts: int = 4) -> list[Path]:
    cut = k * len(files) // parts
    return files[cut:] + files[:cut]


@pytest.mark.parametrize("kill_at", [0, 1, 6], ids=["no-kill", "killed-in-first-write", "killed-in-sixth-write"])
def test_four_indexers_at_once_one_killed_mid_article(backend, clean, kill_at):
    """Four `rasti index` processes into one new database, each starting at another quarter of
    the corpus so that they race for every article. ``no-kill``: all four start together and
    race for the schema too. Otherwise one (the victim) is SIGKILLed while half of an article's
    facts are written (its `kill_at`-th write; the others start once it is there, so they contend
    with its open transaction). Then: the others finish; the store holds every article once,
    whole, as a clean index has it; each article was reported "added" by exactly one process and
    "replaced" by none; and a reader polling all along never saw a half-stored article."""
    _, want = clean
    files = sorted(CORPUS.rglob("*.txt"))
    db = backend.new("four")
    pause = dict(RASTI_STORE_PAUSE="120", RASTI_STORE_PAUSE_AT=str(kill_at)) if kill_at else {}
    victim = subprocess.Popen(_index(db, "-v", files=_rotated(files, 0)), env=_env(**pause),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def start_others():
        return [subprocess.Popen(_index(db, "--format", "json", files=_rotated(files, k)), env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in (1, 2, 3)]
    others = [] if kill_at else start_others()
    polls, paused_in = [], None
    try:
        if kill_at:
            ready, _, _ = select.select([victim.stderr], [], [], 300)
            assert ready, "the victim never reached the write it is killed in"
            line = victim.stderr.readline().decode()
            assert "paused inside the transaction of" in line, (line, victim.poll())
            paused_in = line.split()[-1]
            others = start_others()
            time.sleep(1.0)                 # let them get going (if not, the test is merely weaker)
            assert victim.poll() is None
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait(timeout=60)
        while any(p.poll() is None for p in [victim, *others]):   # a reader all along: whole articles only
            polls.append(_poll(db))
            time.sleep(0.05)
        outs = [p.communicate(timeout=600) for p in others]
        victim_out, victim_err = victim.communicate(timeout=600)
    finally:
        for p in [victim, *others]:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert victim.returncode == (-signal.SIGKILL if kill_at else 0), victim_err
    victim_added = [x.split()[1] for x in victim_out.decode().splitlines() if x.startswith("added")]
    if kill_at:
        assert len(victim_added) == kill_at - 1 and paused_in not in victim_added, victim_out
    counts = []
    for p, (out, err) in zip(others, outs):
        assert p.returncode == 0 and "Traceback" not in err and err.strip() == "", err
        counts.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(c["added"] for c in counts) + len(victim_added) == len(want), counts
    assert sum(c["replaced"] for c in counts) == 0 and sum(c["error"] for c in counts) == 0, counts
    snap = assert_sound(db, want, complete=True, backend=backend)
    if paused_in:
        assert snap[paused_in] == want[paused_in]    # the killed article was stored whole by another
    assert all(problems == [] for problems in polls), [p for p in polls if p]
    print(f"{backend.name}: killed in {paused_in or '(no kill)'}; added: {len(victim_added)} by the first, "
          f"{[c['added'] for c in counts]} by the others; {len(polls)} polls")


def _poll(db) -> list[str]:
    """What a reader sees right now: consistency problems (none, if it sees whole articles only)."""
    s = FactStore(db)
    try:
        return s.check()
    finally:
        s.close()


# --- 3. databases that cannot be used ---------------------------------------------------------------------

ONE = CORPUS / "caspian" / "caspian-01.txt"


def _refused(capsys, argv, db) -> str:
    assert main(argv) == 2
    cap = capsys.readouterr()
    _one_clean_line(cap.err, db)
    return cap.err


def test_not_sqlite_is_refused_by_index_and_compare(tmp_path, capsys):
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    before = db.read_bytes()
    for argv in (["index", str(ONE), "--db", str(db)], ["compare", "--db", str(db), str(ONE)]):
        assert "not" in _refused(capsys, argv, db)
    assert db.read_bytes() == before                # untouched
    d = tmp_path / "dir.db"
    d.mkdir()
    for argv in (["index", str(ONE), "--db", str(d)], ["compare", "--db", str(d), str(ONE)]):
        _refused(capsys, argv, d)


def test_not_sqlite_from_the_command_line_has_no_traceback(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("plain text\n", encoding="utf-8")
    for cmd in (["index", str(ONE), "--db", str(db)], ["compare", "--db", str(db), str(ONE)]):
        r = subprocess.run([sys.executable, "-m", "rasti", *cmd], env=_env(), capture_output=True, text=True, timeout=600)
        assert r.returncode == 2
        _one_clean_line(r.stderr, db)


def test_newer_schema_is_refused_by_index_and_compare(backend, capsys):
    db = backend.new("newer")
    FactStore(db).close()
    raw = backend.raw(db)
    backend.q(raw, "UPDATE rasti_meta SET value = ? WHERE name = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    raw.close()
    for argv in (["index", str(ONE), "--db", str(db)], ["compare", "--db", str(db), str(ONE)]):
        assert "newer" in _refused(capsys, argv, db)


def _as_other_user() -> list[str] | None:
    """A prefix that runs a command without the power to ignore file modes: nothing for a normal
    user; for root, a user namespace whose uid 1000 is root outside (so the owner's mode bits
    apply), or None when that is not available."""
    if os.geteuid() != 0:
        return []
    pre = ["unshare", "--user", "--map-user=1000", "--map-group=1000"]
    try:
        ok = subprocess.run([*pre, "sh", "-c", "exit 0"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return pre if ok else None


@pytest.mark.parametrize("where", ["file", "dir"])
def test_read_only_database(tmp_path, clean, where):
    """A 0444 database (and one in a 0555 directory): `rasti index` cannot write it and says so
    in one line, exit 2; `rasti compare` either reads it or says in one line why it cannot."""
    pre = _as_other_user()
    if pre is None:
        pytest.skip("running as root without user namespaces: file modes cannot be enforced")
    d = tmp_path / "ro"
    d.mkdir()
    db = d / "desk.db"
    shutil.copy(clean[0], db)
    new = d / "new.db"
    os.chmod(db, 0o444)
    if where == "dir":
        os.chmod(d, 0o555)
    try:
        def run(*cmd):
            return subprocess.run([*pre, sys.executable, "-m", "rasti", *cmd], env=_env(), capture_output=True,
                                  text=True, timeout=600)
        for more in ((), ("--force",)):
            r = run("index", str(ONE), "--db", str(db), *more)
            assert r.returncode == 2, (r.stdout, r.stderr)
            _one_clean_line(r.stderr, db)
            assert "read-only" in r.stderr
        r = run("compare", "--db", str(db), str(ONE), "--format", "json")
        if r.returncode == 2:
            _one_clean_line(r.stderr, db)
        else:
            assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
            assert json.loads(r.stdout)["contradictions"]
        if where == "dir":
            r = run("index", str(ONE), "--db", str(new))
            assert r.returncode == 2
            _one_clean_line(r.stderr, new)
            assert not new.exists()
    finally:
        os.chmod(d, stat.S_IRWXU)
        os.chmod(db, 0o644)
    assert assert_sound(db, clean[1], complete=True)
