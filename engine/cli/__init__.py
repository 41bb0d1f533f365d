"""The `rasti` command line: `main` and the parser. Each subcommand lives in its own module
(setup(subparsers) adds its parser, cmd_* runs it) on top of cli/common.py; this module imports
them in the order `rasti --help` lists them. Exit status: 0 ok, 1 findings reached --fail-on,
2 usage/input/rule errors."""
from __future__ import annotations

import argparse
import sys

from ..errors import InputError, RuleFileError
from . import check, compare, corpus, date, desk, extract, index, report, rules

COMMANDS = (extract, rules, date, check, compare, index, corpus, report, desk)   # the order of --help


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rasti", description="Fact and number verification for Persian news.")
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.setup(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except RuleFileError as e:
        print(str(e), file=sys.stderr)
        return 2
    except InputError as e:
        print(f"rasti: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
