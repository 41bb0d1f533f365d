"""`rasti desk [DIR]`: the main job on a corpus — check every article, compare every story, and
print what a desk reads first: flags, contradictions, updates, agreements and coverage.

Exit status: 0, or with --fail-on 1 when a flag or contradiction reaches it (so a CI job can be
gated on a corpus); 2 for a bad argument or input (two articles with the same id included), and
then --output is not written.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from ..errors import InputError
from ..lang.bidi import contain
from .common import (FORMAT_HELP, add_command, encoding_of, encoding_option, published_options, refuse_duplicates,
                     rules_option)

HELP = "check every article and compare every story of a corpus"
EXAMPLES = ("rasti desk corpus/                                  the bundled corpus, in English",
            "rasti desk corpus/ --fail-on error                  exit 1 on any error flag or contradiction (CI)",
            "rasti desk corpus/ --format json -o desk.json       every story's check and compare JSON, in one object")
NOTES = ("exit status: 0, or 1 when a flag or contradiction reaches --fail-on; 2 for a bad argument or input\n"
         "(two articles with the same id included), and then --output is not written.")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
TOTALS = ("articles", "flags", "contradictions", "updates", "agreements", "numbers", "dates", "checked")


def stories(root: Path) -> list[Path]:
    """Each directory holding articles is one story; a directory of articles alone is one story."""
    dirs = sorted({p.parent for p in root.rglob("*.txt")} | {p.parent for p in root.rglob("*.jsonl")})
    return dirs or [root]


def _read(root: Path, args: argparse.Namespace) -> tuple[list[tuple[Path, list]], list[InputError]]:
    """Every story's inputs, read before any work, and the ids repeated across the whole corpus."""
    from ..feed.inputs import Source, duplicate_ids, read_inputs
    read = [(story, list(read_inputs([str(story)], args.published, encoding_of(args)))) for story in stories(root)]
    return read, duplicate_ids(s for _, items in read for s in items if isinstance(s, Source))


def _story(engine, items: list, totals: dict) -> tuple[list, dict] | None:
    """(checked articles, comparison JSON) of one story; input errors are reported and counted."""
    arts = []
    for src in items:
        if isinstance(src, InputError):
            totals["errors"] += 1
            print(f"rasti: {src}", file=sys.stderr)
            continue
        arts.append(engine.check(engine.read(src.text, published=src.published, id=src.id, published_source=src.published_source)))
    if not arts:
        return None
    result = engine.compare(arts).to_dict()
    for a in arts:
        cov = a.coverage
        totals["numbers"] += cov.numbers
        totals["dates"] += cov.dates
        totals["checked"] += cov.checked_numbers + cov.checked_dates
        totals["flags"] += len(a.flags)
    for key in ("contradictions", "updates", "agreements"):
        totals[key] += len(result[key])
    totals["articles"] += len(arts)
    return arts, result


def _text_story(out, name: str, arts: list, result: dict, args: argparse.Namespace) -> None:
    lang = args.lang
    out.write(f"\n== {contain(name)}: {len(arts)} articles\n")
    for a in arts:
        for f in a.flags:
            d = f.to_dict()
            s, e = d["spans"][0] if d["spans"] else (0, 0)
            out.write(f"  flag  {d['severity']:<7} {d['code']:<24} {contain(a.id)}: «{contain(a.text[s:e])}» — {d['message'][lang]}\n")
    for d in result["disputes"]:   # grouped: one line per dissenting claim, not per pair
        others = ", ".join(_claim(x) for x in d["majority"]["claims"])
        dis = d["dissent"]["claim"]
        out.write(f"  {'CONTRADICTION':<13} {d['severity']:<7} {d['message'][lang]}: "
                  f"{_claim(dis)} vs {others}\n")
    for c in result["updates"]:
        claims = " vs ".join(_claim(x) for x in c["claims"])
        out.write(f"  {'update':<13} {c.get('severity', ''):<7} {c['message'][lang]}: {claims}\n")
    for c in result["agreements"][: args.agreements]:
        out.write(f"  agree  {c['message'][lang]}\n")


def _claim(c: dict) -> str:
    """`caspian-04 «۱۸ موشک»`: a claim's article and text, each isolated when it holds bidi controls."""
    return f"{contain(str(c['article']))} «{contain(str(c['text']))}»"


def _text_totals(t: dict) -> str:
    return (f"\n{t['articles']} articles: {t['flags']} flags, {t['contradictions']} contradictions, "
            f"{t['updates']} updates, {t['agreements']} agreements; coverage: {t['checked']} of "
            f"{t['numbers'] + t['dates']} numbers and dates took part in a check\n")


def _reached(arts: list, result: dict, fail_on: str) -> bool:
    """A flag or a contradiction of the --fail-on severity or worse."""
    limit = SEVERITY_RANK.get(fail_on, 99)
    severities = [f.severity for a in arts for f in a.flags] + [c.get("severity") for c in result["contradictions"]]
    return any(SEVERITY_RANK.get(s or "", 0) >= limit for s in severities)


def cmd_desk(args: argparse.Namespace) -> int:
    from ..api import Engine
    from ..report import write_output
    root = Path(args.dir)
    if not root.is_dir():
        print(f"rasti: {root}: not a directory", file=sys.stderr)
        return 2
    read, repeated = _read(root, args)
    if refuse_duplicates(repeated):
        return 2
    engine = Engine(args.rules or ())
    totals = dict.fromkeys(TOTALS, 0) | {"errors": 0}
    out = io.StringIO() if args.output or args.format == "json" else sys.stdout
    failed, shown = False, []
    for story, items in read:
        done = _story(engine, items, totals)
        if done is None:
            continue
        arts, result = done
        name = str(story.relative_to(root.parent) if story != root else story)
        failed = failed or _reached(arts, result, args.fail_on)
        if args.format == "json":
            shown.append({"story": name, **result})
        else:
            _text_story(out, name, arts, result, args)
    if args.format == "json":
        out.write(json.dumps({"stories": shown, "totals": {k: totals[k] for k in TOTALS}},
                             ensure_ascii=False, indent=1, default=str) + "\n")
    else:
        out.write(_text_totals(totals))
    if totals["errors"]:
        return 2                      # nothing is written: a half-read corpus is not the desk's answer
    if out is not sys.stdout:
        write_output(out.getvalue(), args.output)
    return 1 if failed else 0


def setup(sub) -> None:
    """The `desk` subcommand: a corpus directory, --published, --rules, --lang, --agreements,
    --fail-on, --format and --output."""
    sp = add_command(sub, "desk", HELP, EXAMPLES, notes=NOTES)
    sp.add_argument("dir", nargs="?", default="corpus", metavar="DIR", help="a corpus: one story per directory")
    published_options(sp)
    encoding_option(sp)
    rules_option(sp)
    sp.add_argument("--lang", choices=("fa", "en"), default="en", help="language of the messages")
    sp.add_argument("--agreements", type=int, default=3, metavar="N", help="agreements to list per story (text format)")
    sp.add_argument("--fail-on", choices=("error", "warning", "never"), default="never",
                    help="exit 1 when a flag or contradiction of this severity or worse is found")
    sp.add_argument("--format", choices=("text", "json"), default="text", help=FORMAT_HELP)
    sp.add_argument("-o", "--output", metavar="FILE",
                    help="write the result to FILE (atomically: a reader sees the old file or the new one); "
                         "not written when the run fails with exit 2")
    sp.set_defaults(func=cmd_desk)
