"""A real PostgreSQL server for the store tests, and what the tests need to look inside either backend.

Where the server comes from, in order:
1. ``RASTI_TEST_POSTGRES``: a URL of a server where that user may CREATE DATABASE (each test gets
   a database of its own, dropped at the end of the session);
2. a throwaway server started here: ``initdb`` + ``pg_ctl`` in a temporary directory, listening on
   127.0.0.1 only, on a free port, trust authentication for the one user ``rasti``; as root the
   tools refuse to run, so they run as the ``postgres`` user (``runuser``);
3. otherwise None and the reason, which the PostgreSQL tests skip with (never pass silently).
"""
from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True):
        if os.access(f"{d}/{name}", os.X_OK):
            return f"{d}/{name}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_db(url: str, dbname: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, "/" + dbname, p.query, p.fragment))


class Server:
    """One PostgreSQL server: hands out fresh databases and cleans up after itself."""

    def __init__(self, url: str, stop=None) -> None:
        import psycopg
        self.url = url
        self._stop = stop
        self._made: list[str] = []
        self._n = itertools.count()
        self._tag = uuid.uuid4().hex[:8]
        self.admin = psycopg.connect(url, autocommit=True, connect_timeout=10)

    def new_database(self, label: str = "t") -> str:
        name = f"rasti_{self._tag}_{label}_{next(self._n)}".lower()
        self.admin.execute(f'CREATE DATABASE "{name}"')
        self._made.append(name)
        return _with_db(self.url, name)

    def close(self) -> None:
        for name in self._made:
            try:
                self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception:  # noqa: BLE001 - the server is going away anyway
                pass
        self.admin.close()
        if self._stop:
            self._stop()


def start() -> tuple[Server | None, str]:
    """(a server, "") or (None, why there is none)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, 'the PostgreSQL driver is not installed (pip install ".[test,postgres]")'
    url = os.environ.get("RASTI_TEST_POSTGRES")
    if url:
        try:
            return Server(url), ""
        except Exception as e:  # noqa: BLE001 - told, then skipped
            from rasti.store.dialect import shown
            return None, f"RASTI_TEST_POSTGRES={shown(url)} cannot be used: {' '.join(str(e).split())}"
    return _throwaway()


def _throwaway() -> tuple[Server | None, str]:
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if not initdb or not pg_ctl:
        return None, "no PostgreSQL server: set RASTI_TEST_POSTGRES or install Debian's postgresql (initdb, pg_ctl)"
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="rasti-pg-"))
    if os.geteuid() == 0:                       # initdb and postgres refuse to run as root
        if not shutil.which("runuser"):
            return None, "running as root without runuser: cannot start a PostgreSQL server"
        try:
            shutil.chown(base, "postgres", "postgres")
        except (LookupError, OSError) as e:
            return None, f"running as root and no usable postgres user to start a server as ({e})"
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = base / "data", base / "server.log"

    def run(*cmd, check=True):
        return subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=300, check=check)

    try:
        run(initdb, "-D", str(data), "-U", "rasti", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        for attempt in range(5):                # a free port may be taken before the server binds it
            port = _free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={data} "
                    "-c fsync=off -c max_connections=100")
            r = run(pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", opts, "start", check=False)
            if r.returncode == 0:
                break
        else:
            tail = log.read_text(errors="replace")[-500:] if log.exists() else r.stderr
            raise RuntimeError(f"pg_ctl start failed: {' '.join(tail.split())}")
    except (OSError, subprocess.SubprocessError, RuntimeError) as e:
        shutil.rmtree(base, ignore_errors=True)
        msg = e.stderr if isinstance(e, subprocess.CalledProcessError) else str(e)
        return None, f"could not start a throwaway PostgreSQL server: {' '.join(str(msg).split())[:300]}"

    def stop():
        if data.exists():
            run(pg_ctl, "-D", str(data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)
    atexit.register(stop)                       # also when the session ends without its fixtures' teardown
    try:
        return Server(f"postgresql://rasti@127.0.0.1:{port}/postgres", stop), ""
    except Exception as e:  # noqa: BLE001 - told, then skipped
        stop()
        return None, f"a throwaway PostgreSQL server started but cannot be reached: {e}"


# --- looking inside either backend ----------------------------------------------------------------------

class Backend:
    """A test's handle on one backend: fresh stores and raw SQL beside the store's own."""

    def __init__(self, name: str, tmp: Path, server: Server | None = None) -> None:
        self.name, self.tmp, self.server = name, tmp, server
        self._n = itertools.count()
        if name == "postgresql":
            import psycopg
            self.error = psycopg.Error
        else:
            self.error = sqlite3.Error

    def __repr__(self) -> str:
        return f"Backend({self.name})"

    def new(self, label: str = "t"):
        """A fresh, empty store target: a path (SQLite) or a URL to a new database (PostgreSQL)."""
        if self.server:
            return self.server.new_database(label)
        return self.tmp / f"{label}{next(self._n)}.db"

    def raw(self, target):
        """A plain autocommit connection to the store, outside rasti."""
        if self.server:
            import psycopg
            return psycopg.connect(str(target), autocommit=True)
        return sqlite3.connect(target, isolation_level=None)

    def q(self, conn, sql: str, params=()) -> list[tuple]:
        """Run one statement with ``?`` placeholders; its rows (or [])."""
        if self.server:
            sql = sql.replace("?", "%s")
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []

    def columns(self, conn, table: str) -> list[str]:
        if self.server:
            return [r[0] for r in self.q(conn, "SELECT column_name FROM information_schema.columns "
                                               "WHERE table_schema = current_schema() AND table_name = ?", (table,))]
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})").fetchall()]

    def has_table(self, conn, table: str) -> bool:
        if self.server:
            return bool(self.q(conn, "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                                     "AND table_name = ?", (table,)))
        return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone())
