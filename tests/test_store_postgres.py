"""What only a server store has: a driver that may be missing, a server that may be unreachable,
a password in the URL, a user who may only read. The behaviour both backends share is tested on
both in test_store.py and test_store_faults.py."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from rasti.cli import main
from rasti.store import FactStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
ONE = ROOT / "corpus" / "caspian" / "caspian-01.txt"
FOUR = ROOT / "corpus" / "caspian" / "caspian-04.txt"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_url_without_the_driver_is_one_clear_line(monkeypatch, capsys, tmp_path):
    """No `rasti[postgres]`: index and compare say what to install, exit 2 (no server needed)."""
    monkeypatch.setitem(sys.modules, "psycopg", None)          # `import psycopg` now fails
    url = f"postgresql://desk@127.0.0.1:{_closed_port()}/facts"
    for argv in (["index", str(ONE), "--db", url], ["compare", "--db", url, str(ONE)]):
        assert main(argv) == 2
        line = _one_line(capsys.readouterr().err)
        assert line.startswith(f"rasti: {url}: ") and 'pip install "rasti[postgres]"' in line, line
    with pytest.raises(StoreError, match="rasti\\[postgres\\]"):
        FactStore(url)
    assert main(["index", str(ONE), "--db", str(tmp_path / "desk.db")]) == 0   # SQLite still needs nothing
    assert "1 added" in capsys.readouterr().out


def test_an_unreachable_server_is_one_clear_line_without_the_password():
    pytest.importorskip("psycopg", reason="the PostgreSQL driver is not installed (rasti[postgres])")
    url = f"postgresql://desk:s3cret@127.0.0.1:{_closed_port()}/facts"
    for cmd in (["index", str(ONE), "--db", url], ["compare", "--db", url, str(ONE)]):
        r = subprocess.run([sys.executable, "-m", "rasti", *cmd], capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, PYTHONUNBUFFERED="1"))
        assert r.returncode == 2, r.stderr
        line = _one_line(r.stderr)
        assert line.startswith("rasti: postgresql://desk:***@127.0.0.1:") and "cannot connect" in line, line
        assert "s3cret" not in r.stderr + r.stdout


def test_a_user_who_may_only_read(pg, capsys):
    """A server user with SELECT only: `rasti index` says read-only in one line, exit 2, and
    stores nothing; `rasti compare` reads the store as usual."""
    import psycopg
    url = pg.new_database("ro")
    assert main(["index", str(ONE), "--db", url]) == 0
    capsys.readouterr()
    role = f"reader_{os.getpid()}"
    admin = psycopg.connect(url, autocommit=True)
    try:
        try:
            admin.execute(f'CREATE ROLE "{role}" LOGIN')
        except psycopg.Error as e:
            pytest.skip(f"the test server's user may not create roles: {e}")
        admin.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        p = urlsplit(url)
        ro = urlunsplit((p.scheme, f"{role}@{p.hostname}" + (f":{p.port}" if p.port else ""), p.path, p.query, ""))
        try:
            psycopg.connect(ro, connect_timeout=10).close()
        except psycopg.Error as e:
            pytest.skip(f"the test server does not let a new role log in without a password: {e}")
        assert main(["index", str(FOUR), "--db", ro]) == 2
        line = _one_line(capsys.readouterr().err)
        assert line.startswith(f"rasti: {ro}: ") and "read-only" in line, line
        assert main(["compare", "--db", ro, str(FOUR), "--format", "json"]) == 1
        d = json.loads(capsys.readouterr().out)
        assert {c["article"] for f in d["contradictions"] for c in f["claims"]} == {"caspian-01", "caspian-04"}
        with FactStore(url) as s:
            assert s.article_ids() == ["caspian-01"] and s.check() == []
    finally:
        admin.execute(f'DROP OWNED BY "{role}"')
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


def test_a_nul_character_is_one_article_refused_not_a_traceback(pg, tmp_path, capsys):
    """PostgreSQL text cannot hold U+0000 (SQLite can): that article is reported in one line
    naming it and skipped, exit 2; the other articles are stored."""
    bad = tmp_path / "nul.txt"
    bad.write_text("---\nid: nul-1\npublished: 2015-10-07\n---\nروز ۱۵ مهر ۲۶ موشک\x00 کروز شلیک شد.\n", encoding="utf-8")
    url = pg.new_database("nul")
    assert main(["index", str(bad), str(ONE), "--db", url]) == 2
    cap = capsys.readouterr()
    line = _one_line(cap.err)
    assert line.startswith(f"rasti: {bad}: article nul-1: ") and "U+0000" in line, line
    with FactStore(url) as s:
        assert s.article_ids() == ["caspian-01"] and s.check() == []
    assert main(["index", str(bad), "--db", str(tmp_path / "desk.db")]) == 0     # SQLite keeps it as it is
    capsys.readouterr()


def test_the_server_ending_the_session_mid_article_is_one_clear_line(pg):
    """The server ends the indexer's session (pg_terminate_backend) while it is inside an
    article's transaction: the indexer says so in one line and exits 2; that article is not
    stored, the ones before it are, whole."""
    import select
    import psycopg
    url = pg.new_database("term")
    files = sorted((ROOT / "corpus" / "caspian").glob("*.txt"))[:4]
    env = dict(os.environ, PYTHONUNBUFFERED="1", RASTI_STORE_PAUSE="5", RASTI_STORE_PAUSE_AT="3")
    proc = subprocess.Popen([sys.executable, "-m", "rasti", "index", *map(str, files), "--db", url],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([proc.stderr], [], [], 300)
        assert ready and "paused inside the transaction of" in proc.stderr.readline()
        with psycopg.connect(url, autocommit=True) as admin:
            n = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
        assert n == 1
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 2, (out, err)
    line = _one_line(err)
    assert line.startswith(f"rasti: {url}: ") and "connection" in line, line
    with FactStore(url) as s:
        assert len(s.article_ids()) == 2 and s.check() == []
