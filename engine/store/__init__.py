"""The fact store: articles, their facts and their comparable claims in SQL — SQLite by default,
PostgreSQL for a shared desk (a ``postgresql://`` URL; the optional extra ``rasti[postgres]``).

    store = FactStore("desk.db")                  # created and migrated on open
    store = FactStore("postgresql://desk@db.example/facts")   # the same schema on a server
    store.index(article, engine)                  # "added" | "replaced" | "unchanged"
    stored = store.claims_for({("موشک کروز", "count")}, exclude={"new-1"})
    engine.compare(new_articles, stored=stored)   # new articles against everything stored

* Re-indexing an article with the same id replaces its facts and claims in ONE transaction: a
  reader (or a crash, or SIGKILL) sees the old version or the new one, never a mix or a gap.
  An article whose content (id, publication date, text) and rules are unchanged is skipped.
* Concurrent writers (threads or processes) never lose or duplicate an article: ids and seqs
  are unique keys, a new article is an INSERT … ON CONFLICT (id) DO NOTHING, and a transaction
  that lost a race is rolled back and run again. Multi-statement reads run in one snapshot.
* Lookups go through the index on ``claims(subject_key, unit)``: comparing a new article reads
  only the claims that share a subject key with it, never the whole table.
* The schema version is kept in the ``rasti_meta`` table and older databases are migrated step
  by step on open, each step in its own transaction, one migrating process at a time.
* The SQL is shared and portable (plain CREATE TABLE / INDEX, SELECT, INSERT … ON CONFLICT,
  UPDATE, DELETE, BEGIN/COMMIT; no INSERT OR REPLACE, no ROWID, no JSON functions), written with
  ``?`` placeholders. What differs — connecting, locking, listing tables, reading driver errors —
  is a small dialect object in `store/dialect.py`.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..verify.compare import Claim, claims_of, rules_of
from ..model import Article
from .dialect import StoreError, dialect_of, is_url, shown

__all__ = ["FactStore", "StoreError", "SCHEMA_VERSION", "MIGRATIONS", "content_hash", "rules_hash", "iter_index",
           "is_url", "shown"]

SCHEMA_VERSION = 4

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
    # 4: an article's seq (its order among stored articles) is a unique key, so two writers that
    # add articles at once on a server cannot both take the same next seq (the loser retries)
    4: [
        "CREATE UNIQUE INDEX articles_by_seq ON articles (seq)",
    ],
}

KEY_CHUNK = 400          # subject keys per IN (…) lookup (SQLite allows 999 parameters by default)
RETRIES = 50             # a write transaction that lost a race to a concurrent writer is run again


class _Again(StoreError):
    """A concurrent writer stored the same new article first: run the transaction again (told
    as a StoreError only if that kept happening RETRIES times)."""


def _reraise(e: BaseException, dialect) -> None:
    """After cleaning up: a trouble with the database as one clear StoreError, anything else
    (a bug, KeyboardInterrupt) as it was."""
    err = dialect.store_error(e)
    if err is not None:
        raise err from e
    raise e


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


def _pause_hook() -> tuple[float, int]:
    """Fault injection for the interruption tests: seconds to wait inside a write transaction
    (RASTI_STORE_PAUSE), and in which of this process's writes (RASTI_STORE_PAUSE_AT; the first)."""
    try:
        return float(os.environ.get("RASTI_STORE_PAUSE", "0") or 0), int(os.environ.get("RASTI_STORE_PAUSE_AT", "1") or 1)
    except ValueError:
        return 0.0, 1


class FactStore:
    """Articles, facts and claims in one SQL database (see the module docstring)."""

    def __init__(self, path: str | os.PathLike | None = None, *, connection=None, paramstyle: str = "qmark",
                 rules: str | None = None) -> None:
        if connection is None and path is None:
            raise ValueError("FactStore needs a path, a postgresql:// URL or a DB-API connection")
        self.dialect = dialect_of(path, connection, paramstyle)
        self.target = shown(path) if path is not None else "(connection)"
        if connection is None:
            connection = self.dialect.connect(path, _busy_timeout())
        self.db = connection
        self.paramstyle = self.dialect.paramstyle
        self.rules = rules
        self._pause, self._pause_at = _pause_hook()
        self._writes = 0
        try:
            self.migrate()
        except BaseException as e:
            self._close_quietly()
            _reraise(e, self.dialect)

    # -- plumbing
    def _sql(self, sql: str) -> str:
        return self.dialect.sql(sql)

    def _exec(self, sql: str, params: Sequence = ()):
        cur = self.db.cursor()
        if params:
            cur.execute(self._sql(sql), tuple(params))
        else:
            cur.execute(sql)
        return cur

    def _begin(self) -> None:
        self._exec(self.dialect.begin_write)

    def _commit(self) -> None:
        self._exec("COMMIT")

    def _rollback(self) -> None:
        try:
            self._exec("ROLLBACK")
        except Exception:  # noqa: BLE001 - nothing to roll back
            pass

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Several SELECTs as one snapshot: a writer committing meanwhile is seen wholly or not at all."""
        try:
            self._exec(self.dialect.begin_read)
        except self.dialect.errors as e:
            _reraise(e, self.dialect)
        try:
            yield
        except self.dialect.errors as e:
            self._rollback()
            _reraise(e, self.dialect)
        except BaseException:
            self._rollback()
            raise
        else:
            self._rollback()          # nothing was written: ending the snapshot is all

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
        except self.dialect.errors as e:
            _reraise(e, self.dialect)

    def __enter__(self) -> "FactStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema
    def _has_table(self, name: str) -> bool:
        return self._exec(self.dialect.has_table_sql, (name,)).fetchone() is not None

    def version(self, *, in_transaction: bool = False) -> int:
        """The schema version stored in ``rasti_meta`` (0: a new, or foreign, database)."""
        if not self._has_table("rasti_meta"):
            return 0
        row = self._exec("SELECT value FROM rasti_meta WHERE name = ?", ("schema_version",)).fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Bring the database to SCHEMA_VERSION, one version per transaction."""
        v = self.version()
        if v > SCHEMA_VERSION:
            raise StoreError(f"database schema version {v} is newer than this rasti ({SCHEMA_VERSION}); upgrade rasti")
        if v == 0 and self._exec(self.dialect.tables_sql).fetchall():
            raise StoreError("database has tables but no rasti schema version: not a rasti fact store")
        while v < SCHEMA_VERSION:
            self._begin()
            try:
                self.dialect.lock_schema(self)
                v = self.version(in_transaction=True)   # again, under the lock: another process may have migrated
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
        claims = claims_of(article, rules_of(engine), figures=False)
        return self.put(article, claims, chash=chash, source=source, origin=origin, keep_same=not force,
                        url=url)

    def put(self, article: Article, claims: Sequence[Claim], *, chash: str, source: str | None = None,
            origin: str | None = None, keep_same: bool = False, url: str | None = None) -> str:
        """Replace everything stored for ``article.id`` in one transaction ("added", "replaced";
        "unchanged" with ``keep_same`` when a concurrent writer stored this very content first).
        A transaction that lost a race to another writer (the same new id, the same next seq) is
        rolled back and run again."""
        why = self.dialect.unstorable(article.text)
        if why:
            from ..errors import InputError
            raise InputError(f"{origin or article.id}: article {article.id}: cannot be stored: its text has {why}")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        facts = [(f.id, json.dumps(f.to_dict(), ensure_ascii=False)) for f in article.facts]
        rows = [(c.key, c.unit, c.published, json.dumps(c.json_row(), ensure_ascii=False, default=_json_default))
                for c in claims]
        cols = (article.published, source or article.source, origin, chash, self.rules or "", len(facts), len(rows),
                now, article.text, article.published_at, article.published_source, url if isinstance(url, str) else None)
        for attempt in range(RETRIES):
            try:
                self._begin()
                status = self._put_once(article.id, cols, facts, rows, keep_same)
                self._commit() if status != "unchanged" else self._rollback()
                return status
            except BaseException as e:
                self._rollback()
                if attempt + 1 < RETRIES and (isinstance(e, _Again) or self.dialect.retryable(e)):
                    continue
                _reraise(e, self.dialect)
        raise AssertionError("unreachable")

    def _put_once(self, id: str, cols: tuple, facts: list, rows: list, keep_same: bool) -> str:
        old = self._exec(f"SELECT seq, content_hash, rules_hash FROM articles WHERE id = ?{self.dialect.for_update}",
                         (id,)).fetchone()        # the row lock: writers of one article take turns
        if old is not None and keep_same and (old[1], old[2]) == (cols[3], cols[4]):
            return "unchanged"
        if old is not None:
            self._exec("DELETE FROM claims WHERE article_id = ?", (id,))
            self._exec("DELETE FROM facts WHERE article_id = ?", (id,))
            self._exec("UPDATE articles SET published = ?, source = ?, origin = ?, content_hash = ?, rules_hash = ?,"
                       " fact_count = ?, claim_count = ?, indexed_at = ?, body = ?, published_at = ?,"
                       " published_source = ?, url = ? WHERE id = ?", (*cols, id))
        else:
            seq = self._exec("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            cur = self._exec(
                "INSERT INTO articles (id, seq, published, source, origin, content_hash, rules_hash, fact_count,"
                " claim_count, indexed_at, body, published_at, published_source, url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", (id, seq, *cols))
            if cur.rowcount == 0:
                raise _Again(f"article {id}: other writers kept storing it first ({RETRIES} times)")
        self._writes += 1
        half = len(facts) // 2
        for i, (fid, data) in enumerate(facts):
            if i == half and self._pause and self._writes >= self._pause_at:   # the interruption tests kill us here
                print(f"rasti: paused inside the transaction of {id}", file=sys.stderr, flush=True)
                time.sleep(self._pause)
                self._pause = 0.0
            self._exec("INSERT INTO facts (article_id, fact_id, data) VALUES (?, ?, ?)", (id, fid, data))
        for n, (key, unit, pub, data) in enumerate(rows):
            self._exec("INSERT INTO claims (article_id, n, subject_key, unit, published, data) VALUES (?, ?, ?, ?, ?, ?)",
                       (id, n, key, unit, pub, data))
        return "added" if old is None else "replaced"

    def delete(self, id: str) -> bool:
        try:
            self._begin()
            self._exec(f"SELECT seq FROM articles WHERE id = ?{self.dialect.for_update}", (id,))
            self._exec("DELETE FROM claims WHERE article_id = ?", (id,))
            self._exec("DELETE FROM facts WHERE article_id = ?", (id,))
            n = self._exec("DELETE FROM articles WHERE id = ?", (id,)).rowcount
            self._commit()
        except BaseException as e:
            self._rollback()
            _reraise(e, self.dialect)
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
        with self._reading():
            for i in range(0, len(names), KEY_CHUNK):
                chunk = names[i:i + KEY_CHUNK]
                marks = ", ".join("?" for _ in chunk)
                rows = self._exec(
                    "SELECT c.subject_key, c.unit, c.data, a.seq FROM claims c JOIN articles a ON a.id = c.article_id"
                    f" WHERE c.subject_key IN ({marks})", chunk).fetchall()
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
        keys = {(c.key, c.unit) for a in articles for c in claims_of(a, rules, figures=False)}
        return self.claims_for(keys, exclude={a.id for a in articles})

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._exec("SELECT id FROM articles ORDER BY seq, id").fetchall()]

    def facts_of(self, id: str) -> list[dict]:
        return [json.loads(r[0]) for r in self._exec(
            "SELECT data FROM facts WHERE article_id = ? ORDER BY fact_id", (id,)).fetchall()]

    def stats(self) -> dict:
        one = lambda sql: self._exec(sql).fetchone()[0]  # noqa: E731
        with self._reading():
            return {"articles": one("SELECT COUNT(*) FROM articles"), "facts": one("SELECT COUNT(*) FROM facts"),
                    "claims": one("SELECT COUNT(*) FROM claims"), "schema_version": self.version()}

    def check(self) -> list[str]:
        """Consistency problems (empty when sound): each article's stored counts match its rows,
        and no fact or claim belongs to a missing article."""
        problems = []
        with self._reading():
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
        # force as asked: a concurrent writer may have stored this very content meanwhile
        try:
            yield src, store.index(art, engine, source=meta.get("source"), origin=src.origin,
                                   chash=chash, force=force, url=meta.get("url"))
        except InputError as e:             # this article cannot go into this store; the others can
            yield e, "error"
