"""`rasti date EXPR`: one date expression converted for a desk user — every calendar, the
weekday, whether it is valid, and what was inferred (the year from the publication date)."""
from __future__ import annotations

import argparse
import json
import sys

from .common import common_options

HELP = "convert one date expression between calendars"


def cmd_date(args: argparse.Namespace) -> int:
    """Convert one date expression for a desk user: every calendar, the weekday, validity."""
    from ..api import Engine
    engine = Engine(args.rules or ())
    found = [m for m in engine.mentions(args.expression, published=args.published)
             if m.kind in ("date", "weekday", "duration", "time")]
    if args.format == "json":
        print(json.dumps([m.to_dict() for m in found], ensure_ascii=False, indent=1))
    elif not found:
        print(f"no date found in {args.expression!r}", file=sys.stderr)
    for m in found if args.format == "text" else ():
        value = m.value if m.value is not None else (f"{m.interval[0]}..{m.interval[1]}" if m.interval else "unresolved")
        line = f"{m.text}: {m.kind} {value}"
        if m.extra.get("display"):
            line += f"  ({m.extra['display']})"
        if m.extra.get("valid") is False:
            line += f"  INVALID: {m.extra.get('reason')}"
        if m.extra.get("year_inferred"):
            line += "  [year inferred from the publication date]"
        if m.extra.get("note"):
            line += f"  [{m.extra['note']}]"
        print(line)
    return 0 if found else 1


def setup(sub) -> None:
    """The `date` subcommand: one expression, no files."""
    sp = sub.add_parser("date", help=HELP)
    sp.add_argument("expression", help="a date expression, e.g. «۱۵ مهر»")
    sp.add_argument("--published", help="reference date YYYY-MM-DD for year-less and relative dates")
    common_options(sp, files=False)
    sp.set_defaults(func=cmd_date)

