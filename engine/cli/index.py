"""`rasti index FILE... --db PATH`: store articles, their facts and claims in a fact store, so
that `rasti compare --db` can set new articles against everything stored.

    rasti index archive.jsonl --db desk.db       store articles, their facts and claims
    rasti index archive.jsonl --db postgresql://desk@dbhost/facts    the same on a shared server

Exit status: 0 when every input was indexed (added, replaced or unchanged), 2 for usage or
input errors (a bad article is reported and skipped; the others are still indexed) and for a
store that cannot be used: not SQLite, of a newer schema, read-only, or locked by another writer
for longer than the busy timeout (60 s; RASTI_STORE_TIMEOUT seconds), a PostgreSQL server that
cannot be reached or a driver not installed — one line `rasti: DB: why` (a URL without its password). Two
articles with the same id are refused before anything is stored: one would replace the other.
"""
from __future__ import annotations

import argparse
import json
import sys

from .common import (add_command, common_options, dask_option, dask_session, encoding_of, progress_option,
                     quiet_option, refuse_duplicates, show_progress)

HELP = "store articles, their facts and claims in a fact store (--db)"
EXAMPLES = ("rasti index archive.jsonl --db desk.db          store every article (unchanged ones are skipped)",
            "rasti index corpus/ --db desk.db --progress     a progress line on stderr, even in a log",
            "rasti compare --db desk.db new.txt              then: new articles against everything stored")


def index_work(src):
    """Batch work: the article read and its claims, for the store to put (one process, or a Dask worker)."""
    from ..feed.batch import engine
    from ..verify.compare import claims_of, rules_of
    eng = engine()
    art = eng.read(src.text, published=src.published, id=src.id, published_source=src.published_source)
    return art, claims_of(art, rules_of(eng), figures=False)


index_work.uses_engine = True   # type: ignore[attr-defined]


def indexed(store, sources, args, session=None, progress: bool = False):
    """(source, status) in input order: "added" | "replaced" | "unchanged" | "error". Unchanged
    articles are told here and never read; the others are read by `batch.process` (here, or on
    the Dask cluster of ``session``) and put in the store here, one transaction each, in order."""
    from collections import deque
    from ..errors import InputError
    from ..feed.batch import process
    from ..store import content_hash
    pending: deque = deque()       # (source, chash or "unchanged"), in input order

    def to_read():
        for src in sources:
            if isinstance(src, InputError):
                pending.append((src, None))
                yield src
                continue
            chash = content_hash(src.id, src.published, src.text)
            if not args.force and store.unchanged(src.id, chash):
                pending.append((src, "unchanged"))
                continue
            pending.append((src, chash))
            yield src

    run = process(to_read(), index_work, rules=args.rules or (), dask=session, progress=progress)
    try:
        for out in run:
            while pending[0][1] == "unchanged":
                yield pending.popleft()
            src, chash = pending.popleft()
            if isinstance(out, InputError):
                yield out, "error"
                continue
            art, claims = out
            meta = src.meta or {}
            # keep_same unless forced: a concurrent writer may have stored this very content meanwhile
            try:
                yield src, store.put(art, claims, chash=chash, source=meta.get("source"), origin=src.origin,
                                     keep_same=not args.force, url=meta.get("url"))
            except InputError as e:         # this article cannot go into this store; the others can
                yield e, "error"
        while pending:
            yield pending.popleft()
    finally:
        run.close()


def cmd_index(args: argparse.Namespace) -> int:
    from ..feed.progress import Progress
    from ..feed.unique import checked_inputs
    from ..store import FactStore, StoreError, rules_hash, shown
    sources, repeated = checked_inputs(args.files, args.published, encoding_of(args), stream=True)
    if refuse_duplicates(repeated):
        return 2
    from ..feed.batch import configure, engine
    configure(args.rules or ())
    engine()                             # rule errors surface here, once, before the store is touched
    session = dask_session(args)
    dask_bar = session is not None and show_progress(args) and sys.stderr.isatty()   # Dask's bar, not ours
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "error": 0}
    bar = Progress(show_progress(args) and not dask_bar)
    try:
        store = FactStore(args.db, rules=rules_hash(args.rules or ()))
        with store:
            store.require_writable()         # a read-only store is refused before anything is read
            for src, status in indexed(store, sources, args, session, dask_bar):
                counts[status] += 1
                bar.tick(error=status == "error")
                if status == "error":
                    print(f"rasti: {src}", file=sys.stderr)
                elif args.verbose:
                    print(f"{status:<9} {src.id}  ({src.origin})")
            st = store.stats()
    except StoreError as e:
        bar.close()
        # what was committed stays (each article is one transaction); the rest is not stored
        print(f"rasti: {shown(args.db)}: {e}", file=sys.stderr)
        return 2
    finally:
        if session is not None:
            session.close()
    bar.close()
    summary = (f"rasti index: {counts['added']} added, {counts['replaced']} replaced, {counts['unchanged']} unchanged, "
               f"{counts['error']} input errors; {shown(args.db)}: {st['articles']} articles, {st['facts']} facts, "
               f"{st['claims']} claims (schema {st['schema_version']})")
    if args.format == "json":
        print(json.dumps(dict(counts, store=st), ensure_ascii=False))
    else:
        print(summary)
    return 2 if counts["error"] else 0


def setup(sub) -> None:
    """The `index` subcommand: the common options, --db (required), --force, --verbose, --progress."""
    sp = add_command(sub, "index", HELP, EXAMPLES)
    common_options(sp)
    sp.add_argument("--db", metavar="PATH|URL", required=True,
                    help="the fact store: an SQLite file (created if missing) or a postgresql://user@host/db URL"
                         " (needs rasti[postgres])")
    sp.add_argument("--force", action="store_true", help="re-index articles even when unchanged")
    sp.add_argument("-v", "--verbose", action="store_true", help="print one line per article")
    dask_option(sp)
    progress_option(sp)
    quiet_option(sp)
    sp.set_defaults(func=cmd_index)
