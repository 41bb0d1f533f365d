"""`rasti rules lint [DIR...]` and `rasti rules test`: check rule files and report every error,
and run every rule's example and reject lines."""
from __future__ import annotations

import argparse
import sys

from .common import _engine, add_command, rules_option

HELP = "work with rule files"
EXAMPLES = ("rasti rules lint my_rules/          every rule-file error as path:line:col: CODE message",
            "rasti rules test --rules my_rules/  run every example/reject line, the built-in and yours")


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
    rules = add_command(sub, "rules", HELP, EXAMPLES)
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="SUBCOMMAND")
    lp = add_command(rsub, "lint", "check rule files; report every error",
                     ("rasti rules lint                    the built-in rules",
                      "rasti rules lint my_rules/          yours on top of the built-in ones",
                      "rasti rules lint my_rules/ --no-builtin"),
                     notes="exit status: 0 when the rules are clean, 2 when one has an error.")
    lp.add_argument("dirs", nargs="*", metavar="DIR", help="rule directories to lint (default: the built-in rules only)")
    lp.add_argument("--no-builtin", action="store_true", help="lint DIR alone, without the built-in rules")
    lp.set_defaults(func=cmd_rules_lint)
    tp = add_command(rsub, "test", "run every rule's example and reject lines",
                     ("rasti rules test", "rasti rules test --rules my_rules/"),
                     notes="exit status: 0 when every example holds, 1 when one fails, 2 for a rule-file error.")
    rules_option(tp)
    tp.set_defaults(func=cmd_rules_test)
