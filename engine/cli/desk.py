"""`rasti desk [DIR]`: the main job on a corpus — check every article, compare every story, and
print what a desk reads first: flags, contradictions, updates, agreements and coverage."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError

HELP = "check every article and compare every story of a corpus"


def stories(root: Path) -> list[Path]:
    """Each directory holding articles is one story; a directory of articles alone is one story."""
    dirs = sorted({p.parent for p in root.rglob("*.txt")} | {p.parent for p in root.rglob("*.jsonl")})
    return dirs or [root]


def cmd_desk(args: argparse.Namespace) -> int:
    from ..api import Engine
    from ..feed.inputs import read_inputs
    engine = Engine(args.rules or ())
    lang = args.lang
    root = Path(args.dir)
    if not root.is_dir():
        print(f"rasti: {root}: not a directory", file=sys.stderr)
        return 2
    totals = dict(articles=0, flags=0, contradictions=0, updates=0, agreements=0,
                  numbers=0, dates=0, checked=0, errors=0)
    out = sys.stdout
    for story in stories(root):
        arts = []
        for src in read_inputs([str(story)], args.published):
            if isinstance(src, InputError):
                totals["errors"] += 1
                print(f"rasti: {src}", file=sys.stderr)
                continue
            arts.append(engine.check(engine.read(src.text, published=src.published, id=src.id)))
        if not arts:
            continue
        result = engine.compare(arts).to_dict()
        out.write(f"\n== {story.relative_to(root.parent) if story != root else story}: {len(arts)} articles\n")
        for a in arts:
            for f in a.flags:
                d = f.to_dict()
                s, e = d["spans"][0] if d["spans"] else (0, 0)
                out.write(f"  flag  {d['severity']:<7} {d['code']:<24} {a.id}: «{a.text[s:e]}» — {d['message'][lang]}\n")
            cov = a.coverage
            totals["numbers"] += cov.numbers
            totals["dates"] += cov.dates
            totals["checked"] += cov.checked_numbers + cov.checked_dates
            totals["flags"] += len(a.flags)
        for key, label in (("contradictions", "CONTRADICTION"), ("updates", "update")):
            for c in result[key]:
                claims = " vs ".join(f"{x['article']} «{x['text']}»" for x in c["claims"])
                out.write(f"  {label:<13} {c.get('severity', ''):<7} {c['message'][lang]}: {claims}\n")
            totals[key] += len(result[key])
        for c in result["agreements"][: args.agreements]:
            out.write(f"  agree  {c['message'][lang]}\n")
        totals["agreements"] += len(result["agreements"])
        totals["articles"] += len(arts)
    t = totals
    out.write(f"\n{t['articles']} articles: {t['flags']} flags, {t['contradictions']} contradictions, "
              f"{t['updates']} updates, {t['agreements']} agreements; coverage: {t['checked']} of "
              f"{t['numbers'] + t['dates']} numbers and dates took part in a check\n")
    return 2 if t["errors"] else 0


def setup(sub) -> None:
    """The `desk` subcommand: a corpus directory, --published, --rules, --lang, --agreements."""
    sp = sub.add_parser("desk", help=HELP)
    sp.add_argument("dir", nargs="?", default="corpus", metavar="DIR", help="a corpus: one story per directory")
    sp.add_argument("--published", help="publication date YYYY-MM-DD for articles without one")
    sp.add_argument("--rules", action="append", metavar="DIR")
    sp.add_argument("--lang", choices=("fa", "en"), default="en", help="language of the messages")
    sp.add_argument("--agreements", type=int, default=3, metavar="N", help="agreements to list per story")
    sp.set_defaults(func=cmd_desk)
