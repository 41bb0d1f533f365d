"""`rasti rules lint [DIR...]`, `rasti rules test` and `rasti rules stats --db`: check rule files
and report every error, run every rule's example and reject lines, and sum the desk's verdicts
per rule (its measured precision)."""
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


def cmd_rules_stats(args: argparse.Namespace) -> int:
    """The desk's own precision per rule: what each fired, and what editors decided about it."""
    import json
    from pathlib import Path
    from ..store import FactStore, StoreError
    from ..store.verdicts import rule_stats
    if not Path(args.db).exists():
        print(f"rasti: {args.db}: no such fact store", file=sys.stderr)
        return 2
    try:
        with FactStore(args.db) as store:
            stats = rule_stats(store)
    except StoreError as e:
        print(f"rasti: {args.db}: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps([{"rule": r.rule, "code": r.code, "fired": r.fired, "confirmed": r.confirmed,
                           "false_alarms": r.false_alarms, "pending": r.pending, "precision": r.precision}
                          for r in stats], ensure_ascii=False, indent=1))
        return 0
    rows = [("rule", "code", "fired", "confirmed", "false alarms", "pending", "precision")]
    rows += [(r.rule, r.code, str(r.fired), str(r.confirmed), str(r.false_alarms), str(r.pending),
              "-" if r.precision is None else f"{r.precision:.2f}") for r in stats]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    if not stats:
        print("(no findings recorded yet: `rasti serve` records what the desk is shown)")
    return 0


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
    sp = add_command(rsub, "stats", "per rule: findings fired, confirmed, false alarms and precision (the desk's verdicts)",
                     ("rasti rules stats --db desk.db", "rasti rules stats --db desk.db --format json"),
                     notes="precision = confirmed / (confirmed + false alarms); a finding not yet decided is pending. "
                           "Findings are recorded when `rasti serve` shows them.")
    sp.add_argument("--db", metavar="PATH", required=True, help="the fact store `rasti serve` writes verdicts to")
    sp.add_argument("--format", choices=("text", "json"), default="text", help="text for people; json for scripts")
    sp.set_defaults(func=cmd_rules_stats)
