"""What differs between the fact store's two SQL engines, kept small: how to connect, how a write
transaction takes its lock, how to list tables, and which driver errors mean what.

Everything else (the schema, the migrations, the upserts, the reads) is shared SQL in
``store/__init__.py``. SQLite is the default and needs nothing installed; PostgreSQL is chosen by
a ``postgresql://`` (or ``postgres://``) URL and needs the optional driver (``rasti[postgres]``,
psycopg 3).
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

URL_PREFIXES = ("postgresql://", "postgres://")


class StoreError(Exception):
    """The database cannot be used: not SQLite, not ours, from a newer rasti, read-only, locked,
    a PostgreSQL server that cannot be reached or a driver that is not installed."""


def is_url(target: Any) -> bool:
    return isinstance(target, str) and target.startswith(URL_PREFIXES)


def shown(target: Any) -> str:
    """The store as messages name it: a path as given, a URL without its password."""
    s = str(target)
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@/]*@", r"\1:***@", s) if is_url(s) else s


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def _error(text: str, cause: BaseException) -> StoreError:
    err = StoreError(text)
    err.__cause__ = cause
    return err


class SQLite:
    """The embedded default: one file, WAL (readers do not block the one writer), and a write
    transaction that takes the write lock at BEGIN so a second writer waits (busy timeout)."""
    name = "sqlite"
    paramstyle = "qmark"
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    begin_write = "BEGIN IMMEDIATE"
    begin_read = "BEGIN"             # deferred: a WAL snapshot from the first read on
    for_update = ""                  # the write lock is the whole database
    has_table_sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table'"

    def connect(self, target, timeout: float):
        if Path(target).is_dir():
            raise StoreError("is a directory, not a database file")
        try:
            db = sqlite3.connect(str(target), timeout=timeout, isolation_level=None, check_same_thread=False)
            db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as e:
            raise (self.store_error(e) or e) from e
        return db

    def sql(self, sql: str) -> str:
        return sql

    def lock_schema(self, store) -> None:
        """Nothing: BEGIN IMMEDIATE already holds the database's one write lock."""

    def retryable(self, e: BaseException) -> bool:
        return False                 # writers are serialized: no transaction loses a race

    def unstorable(self, value: str) -> str | None:
        """Why ``value`` cannot be stored as text (None: it can)."""
        return None

    def store_error(self, e: BaseException) -> StoreError | None:
        """One clear sentence for an error of the database file and its place (the CLI prints it
        after the file name); None for any other error (a bug: let it show)."""
        if not isinstance(e, sqlite3.Error):
            return None
        msg = str(e)
        low = msg.lower()
        if "not a database" in low or "malformed" in low:
            text = f"not an SQLite database ({msg})"
        elif "readonly" in low or "read-only" in low:
            text = f"the database is read-only: cannot write it ({msg})"
        elif "locked" in low or "busy" in low:
            text = f"the database is locked by another writer and stayed locked ({msg}); try again when it is done"
        elif "unable to open" in low:
            text = f"cannot open the database: a directory, or a file or directory without permission ({msg})"
        elif "disk" in low or "full" in low:
            text = f"cannot write the database ({msg})"
        else:
            return None
        return _error(text, e)


# PostgreSQL error classes (SQLSTATE) and what they mean to a desk
_PG_STATES = (
    (("42501", "25006"), "the database is read-only for this user: cannot write it"),
    (("55P03", "57014"), "a table is locked by another session and stayed locked; try again when it is done"),
    (("53",), "the PostgreSQL server cannot write the database"),
    (("3D000",), "no such database on the PostgreSQL server"),
    (("28",), "the PostgreSQL server refused the login"),
    (("08", "57P"), "lost the connection to the PostgreSQL server"),
)
_PG_RETRY = ("23505", "40001", "40P01")   # unique key taken by a concurrent writer, serialization, deadlock
_SCHEMA_LOCK = 0x72617374                 # pg_advisory_xact_lock key ("rast"): one migrator at a time


class PostgreSQL:
    """A shared server for a desk: row locks (SELECT … FOR UPDATE) let writers of different
    articles run at once; unique keys and INSERT … ON CONFLICT make a lost race a retry, never a
    duplicate; a reader's REPEATABLE READ transaction sees committed articles only."""
    name = "postgresql"
    paramstyle = "format"
    begin_write = "BEGIN"
    begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    for_update = " FOR UPDATE"
    has_table_sql = ("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
                     " AND table_name = ?")
    tables_sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"

    def __init__(self) -> None:
        import psycopg
        self.psycopg = psycopg
        self.errors = (psycopg.Error,)

    @staticmethod
    def load() -> "PostgreSQL":
        try:
            return PostgreSQL()
        except ImportError as e:
            raise _error('a postgresql:// fact store needs the PostgreSQL driver: pip install "rasti[postgres]"', e) from None

    def connect(self, url: str, timeout: float):
        kw: dict[str, Any] = {"autocommit": True}     # transactions are the store's own BEGIN/COMMIT
        if "connect_timeout" not in url:
            kw["connect_timeout"] = int(os.environ.get("RASTI_PG_CONNECT_TIMEOUT", "") or 10)
        try:
            db = self.psycopg.connect(url, **kw)
        except self.psycopg.Error as e:
            raise _error(f"cannot connect to the PostgreSQL server ({_one_line(e)})", e) from None
        except Exception as e:  # noqa: BLE001 - a URL libpq cannot parse
            raise _error(f"not a usable PostgreSQL URL ({_one_line(e)})", e) from None
        try:
            db.execute(f"SET lock_timeout = {max(1, int(timeout * 1000))}")
        except self.psycopg.Error as e:
            db.close()
            raise (self.store_error(e) or e) from e
        return db

    def sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def lock_schema(self, store) -> None:
        """Migrations of one database wait for each other (a transaction-scoped advisory lock)."""
        store._exec("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))

    def retryable(self, e: BaseException) -> bool:
        return getattr(e, "sqlstate", None) in _PG_RETRY

    def unstorable(self, value: str) -> str | None:
        at = value.find("\x00")
        return None if at < 0 else f"a NUL character (U+0000) at offset {at}, which PostgreSQL text cannot hold"

    def store_error(self, e: BaseException) -> StoreError | None:
        if not isinstance(e, self.psycopg.Error):
            return None
        state = getattr(e, "sqlstate", None) or ""
        for prefixes, text in _PG_STATES:
            if state.startswith(prefixes):
                return _error(f"{text} ({_one_line(e)})", e)
        if isinstance(e, self.psycopg.OperationalError) and not state:
            return _error(f"lost the connection to the PostgreSQL server ({_one_line(e)})", e)
        return None


def dialect_of(target=None, connection=None, paramstyle: str = "qmark"):
    """The dialect for a path or URL, or for a DB-API connection handed in."""
    if connection is not None:
        if isinstance(connection, sqlite3.Connection):
            return SQLite()
        mod = type(connection).__module__ or ""
        return PostgreSQL.load() if mod.startswith("psycopg") or paramstyle in ("format", "pyformat") else SQLite()
    return PostgreSQL.load() if is_url(target) else SQLite()
