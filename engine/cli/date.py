"""`rasti date EXPR`: one date expression converted for a desk user — every calendar, the
weekday, whether it is valid, and what was inferred (the year from the publication date) — and
checked: a stated weekday that is not the date's («دوشنبه ۱۵ مهر ۱۳۹۴», a Wednesday) or a day
that does not exist («۳۱ مهر») is said, and the exit status is 1 (as `rasti check` on it).

Weekdays are numbered as everywhere in rasti's JSON (Python's): Monday 0 … Saturday 5, Sunday 6.
Iranian weeks start on Saturday, so each date also carries `weekday_sat0`: Saturday 0 … Friday 6.
"""
from __future__ import annotations

import argparse
import json
import sys

from .common import add_command, common_options, published_options
from ..lang.bidi import FSI, PDI

HELP = "convert one date expression between calendars"
EXAMPLES = ('rasti date "۱۵ مهر ۱۳۹۴"                          the day in the Jalali, Gregorian and Hijri calendars',
            'rasti date "۱۵ مهر" --published 1394-07-15       a year-less date, in the year of the publication',
            'rasti date "دوشنبه ۱۵ مهر ۱۳۹۴" --format json     exit 1: 15 Mehr 1394 was a Wednesday')
NOTES = ("exit status: 0 for a valid date, 1 when none is found, the day does not exist or a stated weekday\n"
         "or calendar disagrees, 2 for a bad argument.")
KINDS = ("date", "weekday", "duration", "time")
DATE_CODES = ("invalid-date", "weekday-mismatch", "calendar-mismatch")


def sat0(monday0: int | None) -> int | None:
    """A weekday numbered from Monday (0) renumbered from Saturday (0), as an Iranian week runs."""
    return None if monday0 is None else (monday0 + 2) % 7


def _date_dict(m) -> dict:
    d = m.to_dict()
    weekday = d.get("value") if m.kind == "weekday" else d.get("weekday")
    if isinstance(weekday, int):
        d["weekday_sat0"] = sat0(weekday)
    return d


def _isolated(s: str) -> str:
    """One run in its own bidi isolate: a terminal lays «15 مهر 1394» out as a unit, not mixed
    into the English words and the other calendars around it."""
    return f"{FSI}{s}{PDI}"


def _display(d: str) -> str:
    """Each calendar's rendering of «15 مهر 1394 = 2015-10-07 = 23 ذی‌الحجه 1436, چهارشنبه» isolated."""
    parts = d.split(" = ")
    last, sep, weekday = parts[-1].partition(", ")
    parts[-1] = last
    out = " = ".join(_isolated(x) for x in parts)
    return out + (f", {_isolated(weekday)}" if sep else "")


def _text_line(m) -> str:
    value = m.value if m.value is not None else (f"{m.interval[0]}..{m.interval[1]}" if m.interval else "unresolved")
    line = f"{_isolated(m.text)}: {m.kind} {value}"
    if m.extra.get("display"):
        line += f"  ({_display(m.extra['display'])})"
    if m.extra.get("valid") is False:
        line += f"  INVALID: {m.extra.get('reason')}"
    if m.extra.get("year_inferred"):
        line += "  [year inferred from the publication date]"
    if m.extra.get("note"):
        line += f"  [{m.extra['note']}]"
    return line


def cmd_date(args: argparse.Namespace) -> int:
    """Convert one date expression: every calendar, the weekday, validity; exit 1 when it is wrong."""
    from ..api import Engine
    engine = Engine(args.rules or ())
    article = engine.check(engine.read(args.expression, published=args.published))
    found = [m for m in article.mentions if m.kind in KINDS]
    flags = [f for f in article.flags if f.code in DATE_CODES]
    if args.format == "json":
        print(json.dumps({"input": args.expression, "published": args.published,
                          "dates": [_date_dict(m) for m in found], "flags": [f.to_dict() for f in flags]},
                         ensure_ascii=False, indent=1))
    elif not found:
        print(f"no date found in {args.expression!r}", file=sys.stderr)
    for m in found if args.format == "text" else ():
        print(_text_line(m))
    for f in flags if args.format == "text" else ():
        print(f"{f.code} {f.severity}: {f.message[args.lang]}")
    invalid = any(m.extra.get("valid") is False for m in found)
    return 0 if found and not flags and not invalid else 1


def setup(sub) -> None:
    """The `date` subcommand: one expression, no files."""
    sp = add_command(sub, "date", HELP, EXAMPLES, notes=NOTES)
    sp.add_argument("expression", help="a date expression, e.g. «۱۵ مهر»")
    published_options(sp, "the reference day for year-less and relative dates")
    sp.add_argument("--lang", choices=("fa", "en"), default="en", help="language of the mismatch messages (text format)")
    common_options(sp, files=False)
    sp.set_defaults(func=cmd_date)
