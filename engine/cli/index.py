"""`rasti index FILE... --db PATH`: store articles, their facts and claims in a fact store, so
that `rasti compare --db` can set new articles against everything stored.

    rasti index archive.jsonl --db desk.db       store articles, their facts and claims

Exit status: 0 when every input was indexed (added, replaced or unchanged), 2 for usage or
input errors (a bad article is reported and skipped; the others are still indexed).
"""
from __future__ import annotations

import argparse
import json
import sys

from .common import _engine, common_options

HELP = "store articles, their facts and claims in a fact store (--db)"


def cmd_index(args: argparse.Namespace) -> int:
    from ..feed.inputs import read_inputs
    from ..store import FactStore, StoreError, iter_index, rules_hash
    engine = _engine(args)
    try:
        store = FactStore(args.db, rules=rules_hash(args.rules or ()))
    except StoreError as e:
        print(f"rasti: {args.db}: {e}", file=sys.stderr)
        return 2
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "error": 0}
    with store:
        for src, status in iter_index(store, read_inputs(args.files, args.published), engine, force=args.force):
            counts[status] += 1
            if status == "error":
                print(f"rasti: {src}", file=sys.stderr)
            elif args.verbose:
                print(f"{status:<9} {src.id}  ({src.origin})")
        st = store.stats()
    summary = (f"rasti index: {counts['added']} added, {counts['replaced']} replaced, {counts['unchanged']} unchanged, "
               f"{counts['error']} input errors; {args.db}: {st['articles']} articles, {st['facts']} facts, "
               f"{st['claims']} claims (schema {st['schema_version']})")
    if args.format == "json":
        print(json.dumps(dict(counts, store=st), ensure_ascii=False))
    else:
        print(summary)
    return 2 if counts["error"] else 0


def setup(sub) -> None:
    """The `index` subcommand: the common options, --db (required), --force, --verbose."""
    sp = sub.add_parser("index", help=HELP)
    common_options(sp)
    sp.add_argument("--db", metavar="PATH", required=True, help="the fact store (SQLite file; created if missing)")
    sp.add_argument("--force", action="store_true", help="re-index articles even when unchanged")
    sp.add_argument("-v", "--verbose", action="store_true", help="print one line per article")
    sp.set_defaults(func=cmd_index)

