"""The `rasti` command line: `main` and the parser. Each subcommand lives in its own module
(setup(subparsers) adds its parser, cmd_* runs it) on top of cli/common.py; this module imports
them in the order `rasti --help` lists them. Exit status: 0 ok, 1 findings reached --fail-on,
2 usage/input/rule errors."""
from __future__ import annotations

import argparse
import difflib
import sys

from ..errors import InputError, RuleFileError
from ..version import __version__
from . import check, compare, corpus, date, desk, extract, index, report, rules, serve
from .common import HelpFormatter, finish_args

COMMANDS = (extract, rules, date, check, compare, index, corpus, report, desk, serve)   # the order of --help
EXAMPLES = """examples:
  rasti desk corpus/                         check every article, compare every story
  rasti check article.txt --fail-on warning  a compiler-style list of flags; exit 1 on any
  rasti date "۱۵ مهر" --published 1394-07-15  one date in the three calendars

`rasti COMMAND --help` describes each command."""


class Parser(argparse.ArgumentParser):
    """argparse, except that an unknown (sub)command says which one was meant."""

    def _check_value(self, action: argparse.Action, value) -> None:
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            names = list(action.choices)
            where = self.prog.split(" ", 1)[1] + " " if " " in self.prog else ""
            close = difflib.get_close_matches(value, names, n=1)
            hint = f"did you mean '{where}{close[0]}'?" if close else f"one of: {', '.join(names)}"
            print(f"rasti: unknown command '{where}{value}' ({hint})", file=sys.stderr)
            self.exit(2)
        super()._check_value(action, value)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="rasti", description="Fact and number verification for Persian news.",
               epilog=EXAMPLES, formatter_class=HelpFormatter)
    p.add_argument("--version", action="version", version=f"rasti {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.setup(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    finish_args(args)
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
