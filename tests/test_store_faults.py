"""Faults in the fact store under load (issue 19, item 4).

* `rasti index corpus/` SIGKILLed at 20 seeded moments spread over whole runs (into a fresh
  database and with --force over a full one): the database passes SQLite's integrity check,
  no article is half-stored (each stored article has exactly the facts and claims of a clean
  index of the same corpus), and a rerun completes with the clean result.
* Two writers at once: the second waits for the first (busy timeout) or fails with one clear
  line and exit 2; it never corrupts, and the final state is the clean one.
* A database that is not SQLite, one of a newer schema, a read-only one: `rasti index` and
  `rasti compare` print one line naming the file and exit 2, no traceback.

No assertion here measures time: kills are placed by counting the articles the indexer has
reported (`-v`), plus a seeded sub-delay; sleeps only give a process the chance to get going.
"""
from __future__ import annotations

import json
import os
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

from rasti.cli import main
from rasti.store import SCHEMA_VERSION, FactStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = 19
KILLS = 20


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONUNBUFFERED="1", **extra)
    env.pop("RASTI_STORE_PAUSE", None)
    return env


def _index(db, *more, files=(CORPUS,)) -> list[str]:
    return [sys.executable, "-m", "rasti", "index", *map(str, files), "--db", str(db), *more]


def _rm_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def snapshot(db) -> dict[str, tuple]:
    """Per article id: (facts rows, claims rows, the stored counts, the facts' and claims' data)."""
    raw = sqlite3.connect(db)
    try:
        out = {}
        if not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return out                              # killed before the schema was committed
        for id, fc, cc in raw.execute("SELECT id, fact_count, claim_count FROM articles"):
            facts = sorted(r[0] for r in raw.execute("SELECT data FROM facts WHERE article_id = ?", (id,)))
            claims = sorted(r[0] for r in raw.execute("SELECT data FROM claims WHERE article_id = ?", (id,)))
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


def assert_sound(db: Path, clean_snap: dict, *, complete: bool) -> dict:
    assert integrity(db) == "ok"
    snap = snapshot(db)
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


def test_sigkill_at_seeded_moments_while_indexing_the_corpus(tmp_path, clean, capsys):
    """20 SIGKILLs spread over whole runs of `rasti index corpus/` (fresh database and --force
    over a full one, alternately): every time the database is sound, holds only whole articles,
    and a rerun completes with the clean index."""
    _, want = clean
    n = len(want)
    rng = random.Random(SEED)
    db = tmp_path / "victim.db"
    kills, attempts, fresh_progress, modes = 0, 0, set(), []
    while kills < KILLS:
        attempts += 1
        assert attempts <= KILLS + 10, "the indexer kept finishing before it could be killed"
        fresh = attempts % 2 == 1
        if fresh:
            _rm_db(db)
        lines = rng.randrange(0, n)
        if attempts <= 2:                           # once per mode: during start-up or the first article
            lines = 0
        extra = rng.uniform(0, 0.4) if lines == 0 else rng.uniform(0, 0.03)
        seen, rc, err = _kill_after(_index(db, "-v", *(() if fresh else ("--force",))), lines, extra)
        assert "Traceback" not in err, err
        if rc == 0:                                 # finished first: no fault injected, try again
            assert_sound(db, want, complete=True)
            continue
        assert rc == -signal.SIGKILL, (rc, err)
        kills += 1
        modes.append(("fresh" if fresh else "force", seen))
        if db.exists():
            snap = assert_sound(db, want, complete=not fresh)
            assert len(snap) >= seen if fresh else True    # every reported article was committed
            if fresh:
                fresh_progress.add(len(snap))
        # the rerun (in-process; the store is what is tested) completes with the clean result
        assert main(["index", str(CORPUS), "--db", str(db)]) == 0
        capsys.readouterr()
        assert_sound(db, want, complete=True)
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
def test_two_writers_at_once_wait_or_fail_cleanly(tmp_path, clean, force):
    _, want = clean
    db = tmp_path / "two.db"
    if force:
        shutil.copy(clean[0], db)
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
    assert_sound(db, want, complete=True)


def _hold_write_lock(db):
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("BEGIN IMMEDIATE")
    return raw


def test_a_writer_waits_for_the_lock(tmp_path, clean):
    _, want = clean
    db = tmp_path / "wait.db"
    FactStore(db).close()
    holder = _hold_write_lock(db)
    proc = subprocess.Popen(_index(db), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)                             # let it reach the lock (if not, the test is merely weaker)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert_sound(db, want, complete=True)


def test_a_writer_that_cannot_get_the_lock_says_so(tmp_path, clean):
    db = tmp_path / "busy.db"
    shutil.copy(clean[0], db)
    holder = _hold_write_lock(db)
    try:
        r = subprocess.run(_index(db, "--force"), env=_env(RASTI_STORE_TIMEOUT="0.2"), capture_output=True,
                           text=True, timeout=600)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.returncode == 2
    _one_clean_line(r.stderr, db)
    assert "locked" in r.stderr
    assert_sound(db, clean[1], complete=True)


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


def test_newer_schema_is_refused_by_index_and_compare(tmp_path, capsys):
    db = tmp_path / "newer.db"
    FactStore(db).close()
    raw = sqlite3.connect(db)
    raw.execute("UPDATE rasti_meta SET value = ? WHERE name = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    raw.commit()
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
