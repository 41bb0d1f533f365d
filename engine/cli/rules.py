"""`rasti rules lint [DIR...]` and `rasti rules test`: check rule files and report every error,
and run every rule's example and reject lines."""
from __future__ import annotations

import argparse
import sys

from .common import _engine

HELP = "work with rule files"


def cmd_rules_lint(args: argparse.Namespace) -> int:
    from ..ruleset import lint
    errs = lint(args.dirs, builtin=not args.no_builtin)
    for e in errs:
        print(e.format())
    if errs:
        print(f"{len(errs)} error(s)", file=sys.stderr)
        return 2
    print("rules ok")
    return 0


def cmd_rules_test(args: argparse.Namespace) -> int:
    from ..corpus.examples import cases, run
    engine = _engine(args)
    failed = 0
    total = 0
    for case in cases(engine):
        total += 1
        msg = run(engine, case)
        if msg:
            failed += 1
            print(f"{case.id}: FAIL {msg}")
    print(f"{total - failed}/{total} rule examples pass")
    return 1 if failed else 0


def setup(sub) -> None:
    """The `rules` subcommand and its own subcommands, lint and test."""
    rules = sub.add_parser("rules", help=HELP)
    rsub = rules.add_subparsers(dest="rules_command", required=True)
    lp = rsub.add_parser("lint", help="check rule files; report every error")
    lp.add_argument("dirs", nargs="*", metavar="DIR")
    lp.add_argument("--no-builtin", action="store_true", help="lint DIR alone, without the built-in rules")
    lp.set_defaults(func=cmd_rules_lint)
    tp = rsub.add_parser("test", help="run every rule's example and reject lines")
    tp.add_argument("--rules", action="append", metavar="DIR")
    tp.set_defaults(func=cmd_rules_test)
