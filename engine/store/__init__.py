"""The fact store: articles, their facts and their comparable claims in SQL (SQLite by default).

    store = FactStore("desk.db")                  # created and migrated on open
    store.index(article, engine)                  # "added" | "replaced" | "unchanged"
    stored = store.claims_for({("موشک کروز", "count")}, exclude={"new-1"})
    engine.compare(new_articles, stored=stored)   # new articles against everything stored

* Re-indexing an article with the same id replaces its facts and claims in ONE transaction: a
  reader (or a crash, or SIGKILL) sees the old version or the new one, never a mix or a gap.
  An article whose content (id, publication date, text) and rules are unchanged is skipped.
* Lookups go through the index on ``claims(subject_key, unit)``: comparing a new article reads
  only the claims that share a subject key with it, never the whole table.
* SQLite runs in WAL mode (readers do not block the one writer); the schema version is kept in
  the ``rasti_meta`` table and older databases are migrated step by step on open, each step in
  its own transaction.
* The SQL on the main path is portable (plain CREATE TABLE / INDEX, SELECT, INSERT, DELETE,
  BEGIN/COMMIT; no INSERT OR REPLACE, no ROWID, no JSON functions), written with ``?``
  placeholders that `_sql` rewrites for a driver with another paramstyle, so a shared desk can
  point the same schema at PostgreSQL. SQLite-only settings (PRAGMAs) live in `_sqlite_setup`.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..verify.compare import Claim, claims_of, rules_of
from ..model import Article

SCHEMA_VERSION = 3

# version -> the statements that bring a database from version-1 to version. Append, never edit.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE TABLE rasti_meta (name VARCHAR(64) NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE articles (
            id VARCHAR(255) NOT NULL PRIMARY KEY,
            seq INTEGER NOT NULL,
            published VARCHAR(10),
            source TEXT,
            origin TEXT,
            content_hash VARCHAR(64) NOT NULL,
            rules_hash VARCHAR(64) NOT NULL,
            fact_count INTEGER NOT NULL,
            claim_count INTEGER NOT NULL,
            indexed_at VARCHAR(32) NOT NULL,
            body TEXT NOT NULL)""",
        """CREATE TABLE facts (
            article_id VARCHAR(255) NOT NULL REFERENCES articles (id),
            fact_id VARCHAR(32) NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, fact_id))""",
        """CREATE TABLE claims (
            article_id VARCHAR(255) NOT NULL REFERENCES articles (id),
            n INTEGER NOT NULL,
            subject_key VARCHAR(255) NOT NULL,
            unit VARCHAR(64) NOT NULL,
            published VARCHAR(10),
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, n))""",
        "CREATE INDEX claims_by_subject ON claims (subject_key, unit)",
        "CREATE INDEX articles_by_published ON articles (published)",
    ],
    # 2: the publication time with its zone ("2026-02-28T10:15+03:30"; the day stays in `published`)
    # and where the date came from ("given", "dateline"); a claim's own time is in its JSON data
    2: [
        "ALTER TABLE articles ADD COLUMN published_at VARCHAR(32)",
        "ALTER TABLE articles ADD COLUMN published_source VARCHAR(16)",
    ],
    # 3: the desk's findings and the editors' verdicts on them (store/verdicts.py), and each
    # article's url (a ClaimReview names the page it reviews)
    3: [
        "ALTER TABLE articles ADD COLUMN url TEXT",
        """CREATE TABLE verdicts (
            id VARCHAR(64) NOT NULL PRIMARY KEY,
            kind VARCHAR(16) NOT NULL,
            article_id VARCHAR(255) NOT NULL,
            code VARCHAR(64) NOT NULL,
            rule VARCHAR(255) NOT NULL,
            finding TEXT NOT NULL,
            seen_at VARCHAR(32) NOT NULL,
            verdict VARCHAR(16),
            note TEXT,
            decided_at VARCHAR(32))""",
        "CREATE INDEX verdicts_by_rule ON verdicts (rule)",
        "CREATE INDEX verdicts_by_article ON verdicts (article_id)",
    ],
}

KEY_CHUNK = 400          # subject keys per IN (…) lookup (SQLite allows 999 parameters by default)


class StoreError(Exception):
    """The database cannot be used: not SQLite, not ours, from a newer rasti, read-only, locked."""


def _reraise(e: BaseException) -> None:
    """After cleaning up: a trouble with the database file as one clear StoreError, anything else
    (a bug, KeyboardInterrupt) as it was."""
    if isinstance(e, sqlite3.Error):
        raise (_store_error(e) or e) from e
    raise e


def _store_error(e: BaseException) -> StoreError | None:
    """One clear sentence for a driver error that comes from the database file and its place (the
    CLI prints it after the file name); None for any other error (a bug: let it show)."""
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
    err = StoreError(text)
    err.__cause__ = e
    return err


def content_hash(id: str, published: str | None, text: str) -> str:
    h = hashlib.sha256()
    for part in (id, published or "", text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def rules_hash(user_dirs: Sequence[str | os.PathLike] = (), builtin: bool = True) -> str:
    """The content of every rule file the facts depend on (their names and bytes)."""
    from ..ruleset import builtin_rules_dir, rule_files
    from ..version import __version__
    h = hashlib.sha256(f"rasti {__version__}\x00".encode())
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in user_dirs]
    for d in dirs:
        for p in rule_files(d) if d.is_dir() else ():
            h.update(p.relative_to(d).as_posix().encode())
            h.update(b"\x00")
            h.update(p.read_bytes())
            h.update(b"\x00")
    return h.hexdigest()


def _busy_timeout() -> float:
    """Seconds a writer waits for another one's lock (RASTI_STORE_TIMEOUT; 60 by default)."""
    try:
        return max(0.0, float(os.environ.get("RASTI_STORE_TIMEOUT", "") or 60))
    except ValueError:
        return 60.0


def _pause_hook() -> float:
    """Fault injection for the interruption test: seconds to wait inside a write transaction."""
    try:
        return float(os.environ.get("RASTI_STORE_PAUSE", "0") or 0)
    except ValueError:
        return 0.0


class FactStore:
    """Articles, facts and claims in one SQL database (see the module docstring)."""

    def __init__(self, path: str | os.PathLike | None = None, *, connection=None, paramstyle: str = "qmark",
                 rules: str | None = None) -> None:
        if connection is None:
            if path is None:
                raise ValueError("FactStore needs a path or a DB-API connection")
            if Path(path).is_dir():
                raise StoreError("is a directory, not a database file")
            timeout = _busy_timeout()
            try:
                connection = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
                _sqlite_setup(connection, timeout)
            except sqlite3.Error as e:
                raise (_store_error(e) or e) from e
        self.db = connection
        self.paramstyle = paramstyle
        self.rules = rules
        self._pause = _pause_hook()
        # SQLite: take the write lock when a write transaction begins (BEGIN IMMEDIATE), so a
        # second writer waits for it (busy timeout) instead of failing at once with "database is
        # locked" when its read snapshot cannot be upgraded (a deferred BEGIN in WAL mode)
        self._begin_sql = "BEGIN IMMEDIATE" if isinstance(connection, sqlite3.Connection) else "BEGIN"
        try:
            self.migrate()
        except BaseException as e:
            self._close_quietly()
            _reraise(e)

    # -- plumbing
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.paramstyle in ("format", "pyformat") else sql

    def _exec(self, sql: str, params: Sequence = ()):
        cur = self.db.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _begin(self) -> None:
        self._exec(self._begin_sql)

    def _commit(self) -> None:
        self._exec("COMMIT")

    def _rollback(self) -> None:
        try:
            self._exec("ROLLBACK")
        except Exception:  # noqa: BLE001 - nothing to roll back
            pass

    def close(self) -> None:
        self.db.close()

    def _close_quietly(self) -> None:
        try:
            self.db.close()
        except Exception:  # noqa: BLE001 - already unusable
            pass

    def require_writable(self) -> None:
        """Raise StoreError unless this database can be written (a writer asks before it starts:
        SQLite opens a 0444 file read-only without a word, and only the first write fails)."""
        try:
            self._begin()
            try:
                self._exec("UPDATE rasti_meta SET value = value WHERE name = ?", ("schema_version",))
            finally:
                self._rollback()
        except sqlite3.Error as e:
            raise (_store_error(e) or e) from e

    def __enter__(self) -> "FactStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema
    def version(self, *, in_transaction: bool = False) -> int:
        try:
            row = self._exec("SELECT value FROM rasti_meta WHERE name = ?", ("schema_version",)).fetchone()
        except sqlite3.Error as e:
            if "no such table" not in str(e):
                raise                   # not SQLite, locked, read-only: not "a new database"
            return 0                    # a new (or foreign) database; SQLite keeps the transaction
        except Exception:  # noqa: BLE001 - another driver: no meta table, and its transaction is aborted
            self._rollback()
            if in_transaction:
                self._begin()
            return 0
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Bring the database to SCHEMA_VERSION, one version per transaction."""
        v = self.version()
        if v > SCHEMA_VERSION:
            raise StoreError(f"database schema version {v} is newer than this rasti ({SCHEMA_VERSION}); upgrade rasti")
        if v == 0 and self._has_foreign_tables():
            raise StoreError("database has tables but no rasti schema version: not a rasti fact store")
        while v < SCHEMA_VERSION:
            self._begin()
            try:
                v = self.version(in_transaction=True)   # again, under the write lock: another process may have migrated
                if v >= SCHEMA_VERSION:
                    self._rollback()
                    break
                nxt = v + 1
                for stmt in MIGRATIONS[nxt]:
                    self._exec(stmt)
                self._exec("DELETE FROM rasti_meta WHERE name = ?", ("schema_version",))
                self._exec("INSERT INTO rasti_meta (name, value) VALUES (?, ?)", ("schema_version", str(nxt)))
                self._commit()
            except BaseException:
                self._rollback()
                raise
            v = nxt
        return v

    def _has_foreign_tables(self) -> bool:
        try:
            rows = self._exec("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        except Exception:  # noqa: BLE001 - not SQLite: trust the meta table alone
            self._rollback()
            return False
        return bool(rows)

    # -- writing
    def unchanged(self, id: str, chash: str, rules: str | None = None) -> bool:
        """True when the article is stored with this content and these rules (indexing it is a no-op)."""
        row = self._exec("SELECT content_hash, rules_hash FROM articles WHERE id = ?", (id,)).fetchone()
        return row is not None and row[0] == chash and row[1] == (rules or self.rules or "")

    def index(self, article: Article, engine, *, source: str | None = None, origin: str | None = None,
              chash: str | None = None, force: bool = False, url: str | None = None) -> str:
        """Store one article, its facts and claims: "added", "replaced" or "unchanged"."""
        chash = chash or content_hash(article.id, article.published, article.text)
        rules = self.rules or ""
        if not force and self.unchanged(article.id, chash, rules):
            return "unchanged"
        claims = claims_of(article, rules_of(engine))
        return self.put(article, claims, chash=chash, source=source, origin=origin, url=url)

    def put(self, article: Article, claims: Sequence[Claim], *, chash: str, source: str | None = None,
            origin: str | None = None, url: str | None = None) -> str:
        """Replace everything stored for ``article.id`` in one transaction."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        facts = [(f.id, json.dumps(f.to_dict(), ensure_ascii=False)) for f in article.facts]
        rows = [(c.key, c.unit, c.published, json.dumps(c.json_row(), ensure_ascii=False, default=_json_default))
                for c in claims]
        self._begin()
        try:
            old = self._exec("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
            if old is not None:
                seq = old[0]
                self._exec("DELETE FROM claims WHERE article_id = ?", (article.id,))
                self._exec("DELETE FROM facts WHERE article_id = ?", (article.id,))
                self._exec("DELETE FROM articles WHERE id = ?", (article.id,))
            else:
                seq = self._exec("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            self._exec(
                "INSERT INTO articles (id, seq, published, source, origin, content_hash, rules_hash, fact_count,"
                " claim_count, indexed_at, body, published_at, published_source, url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, seq, article.published, source or article.source, origin, chash, self.rules or "",
                 len(facts), len(rows), now, article.text, article.published_at, article.published_source,
                 url if isinstance(url, str) else None))
            half = len(facts) // 2
            for i, (fid, data) in enumerate(facts):
                if i == half and self._pause:        # the interruption test kills us here
                    print(f"rasti: paused inside the transaction of {article.id}", file=sys.stderr, flush=True)
                    time.sleep(self._pause)
                self._exec("INSERT INTO facts (article_id, fact_id, data) VALUES (?, ?, ?)", (article.id, fid, data))
            for n, (key, unit, pub, data) in enumerate(rows):
                self._exec("INSERT INTO claims (article_id, n, subject_key, unit, published, data) VALUES (?, ?, ?, ?, ?, ?)",
                           (article.id, n, key, unit, pub, data))
            self._commit()
        except BaseException as e:
            self._rollback()
            _reraise(e)
        return "replaced" if old is not None else "added"

    def delete(self, id: str) -> bool:
        self._begin()
        try:
            self._exec("DELETE FROM claims WHERE article_id = ?", (id,))
            self._exec("DELETE FROM facts WHERE article_id = ?", (id,))
            n = self._exec("DELETE FROM articles WHERE id = ?", (id,)).rowcount
            self._commit()
        except BaseException as e:
            self._rollback()
            _reraise(e)
        return bool(n)

    # -- reading
    def claims_for(self, keys: Iterable[tuple[str, str] | str], exclude: Iterable[str] = ()) -> list[Claim]:
        """Stored claims sharing a (subject key, unit) with ``keys``, by indexed lookups only. A key
        given alone («موشک کروز») matches it in any unit."""
        wanted: dict[str, set[str] | None] = {}
        for k in keys:
            if isinstance(k, str):
                wanted[k] = None
                continue
            key, unit = k
            if wanted.get(key, set()) is not None:
                wanted.setdefault(key, set()).add(unit)
        skip = set(exclude)
        out: list[Claim] = []
        names = sorted(wanted)
        for i in range(0, len(names), KEY_CHUNK):
            chunk = names[i:i + KEY_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            try:
                rows = self._exec(
                    "SELECT c.subject_key, c.unit, c.data, a.seq FROM claims c JOIN articles a ON a.id = c.article_id"
                    f" WHERE c.subject_key IN ({marks})", chunk).fetchall()
            except sqlite3.Error as e:
                raise (_store_error(e) or e) from e
            for key, unit, data, seq in rows:
                if wanted[key] is not None and unit not in wanted[key]:
                    continue
                c = Claim.from_row(json.loads(data), seq=seq, new=False)
                if c.article not in skip:
                    out.append(c)
        return out

    def claims_against(self, articles: Sequence[Article], engine) -> list[Claim]:
        """The stored claims that ``articles`` (new, read by ``engine``) could match or contradict:
        what `engine.compare(articles, stored=…)` needs."""
        rules = rules_of(engine)
        keys = {(c.key, c.unit) for a in articles for c in claims_of(a, rules)}
        return self.claims_for(keys, exclude={a.id for a in articles})

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT id FROM articles ORDER BY seq").fetchall()]

    def facts_of(self, id: str) -> list[dict]:
        return [json.loads(r[0]) for r in self._exec(
            "SELECT data FROM facts WHERE article_id = ? ORDER BY fact_id", (id,)).fetchall()]

    def stats(self) -> dict:
        one = lambda sql: self._exec(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"), "facts": one("SELECT COUNT(*) FROM facts"),
                "claims": one("SELECT COUNT(*) FROM claims"), "schema_version": self.version()}

    def check(self) -> list[str]:
        """Consistency problems (empty when sound): each article's stored counts match its rows,
        and no fact or claim belongs to a missing article."""
        problems = []
        for id, fc, cc in self._exec("SELECT id, fact_count, claim_count FROM articles").fetchall():
            nf = self._exec("SELECT COUNT(*) FROM facts WHERE article_id = ?", (id,)).fetchone()[0]
            nc = self._exec("SELECT COUNT(*) FROM claims WHERE article_id = ?", (id,)).fetchone()[0]
            if nf != fc or nc != cc:
                problems.append(f"{id}: {nf}/{fc} facts, {nc}/{cc} claims")
        for table in ("facts", "claims"):
            n = self._exec(f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS "
                           "(SELECT 1 FROM articles a WHERE a.id = t.article_id)").fetchone()[0]
            if n:
                problems.append(f"{n} {table} rows without their article")
        return problems


def _json_default(x: Any) -> Any:
    if isinstance(x, (set, frozenset, tuple)):
        return list(x)
    return str(x)


def _sqlite_setup(db: sqlite3.Connection, timeout: float = 60) -> None:
    """SQLite-only settings, off the portable path: WAL, a busy timeout, durable-enough syncing."""
    db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")


def iter_index(store: FactStore, sources: Iterable, engine, *, force: bool = False) -> Iterator[tuple[Any, str]]:
    """Index ``sources`` (inputs.Source or InputError) one by one: (source, status) with status
    "added" | "replaced" | "unchanged" | "error"."""
    from ..errors import InputError
    for src in sources:
        if isinstance(src, InputError):
            yield src, "error"
            continue
        chash = content_hash(src.id, src.published, src.text)
        if not force and store.unchanged(src.id, chash):
            yield src, "unchanged"
            continue
        art = engine.read(src.text, published=src.published, id=src.id, published_source=src.published_source)
        meta = src.meta or {}
        yield src, store.index(art, engine, source=meta.get("source"), origin=src.origin, chash=chash, force=True,
                               url=meta.get("url"))
