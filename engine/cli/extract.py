"""`rasti extract FILE...`: the numbers, dates and facts read from each article, as JSON (the
extract form of every article, streamed) or as text for people (each mention in its sentence)."""
from __future__ import annotations

import argparse
import sys

from .common import (JsonArticles, add_command, batch_options, common_options, good_results, sentence_around,
                     start_batch, trimmed)

HELP = "read numbers, dates and facts"
CONTEXT = 200   # characters of a mention's sentence shown on each side, at most
EXAMPLES = ("rasti extract article.txt                    each mention in its sentence, then the facts",
            "rasti extract news.jsonl --format json       the extract JSON of every article",
            "cat article.txt | rasti extract --published 1394-07-15")


def _text_mention(art, m) -> str:
    a, b = sentence_around(art.text, m.start, m.end, CONTEXT)
    pre, post = trimmed(art.text, a, b)
    sent = pre + (art.text[a:m.start] + "«" + art.text[m.start:m.end] + "»" + art.text[m.end:b]).strip() + post
    val = m.value if m.value is not None else m.interval
    extra = ""
    if m.extra.get("display"):
        extra = f"  {m.extra['display']}"
    return f"  {m.kind:<8} {m.text}  =>  {val}{extra}\n           {sent}"


def _text_article(d: dict, text: str | None, origin: str) -> str:
    """The people's format: each mention in its sentence, then the facts."""
    out = [f"== {d['id']} ({origin}) published {d.get('published') or 'unknown'}: "
           f"{len(d['mentions'])} mentions, {len(d.get('facts', []))} facts"]
    for m in d["mentions"]:
        val = m["value"] if m["value"] is not None else m["interval"]
        line = f"  {m['kind']:<8} {m['text']}  =>  {val}"
        if m.get("display"):
            line += f"  ({m['display']})"
        if m.get("valid") is False:
            line += f"  INVALID: {m.get('reason')}"
        out.append(line)
        if text is not None:
            a, b = sentence_around(text, m["start"], m["end"], CONTEXT)
            pre, post = trimmed(text, a, b)
            out.append("           " + pre + (text[a:m["start"]] + "«" + text[m["start"]:m["end"]] + "»"
                                              + text[m["end"]:b]).strip() + post)
    for f in d.get("facts", []):
        pred = f["predicate"]["key"] if f["predicate"] else "—"
        val = f["value"] if f["value"] is not None else f["interval"]
        when = f["time"].get("value") or f["time"].get("interval")
        extra = " (cumulative, as of %s)" % f["as_of"] if f["cumulative"] else ""
        who = f"  — {f['attribution']['text']}" if f.get("attribution") else ""
        out.append(f"  fact     {f['subject']['key']} | {pred} | {val} {f['unit'] or ''} | {when} [{f['time']['source']}]{extra}{who}")
    return "\n".join(out)


def cmd_extract(args: argparse.Namespace) -> int:
    from ..feed.batch import extract_json, extract_with_text
    run, progress = start_batch(args, extract_json, extract_with_text)
    errors: list = []
    out = JsonArticles(sys.stdout) if args.format == "json" else None
    for item in good_results(run, errors):
        if out is not None:
            out.add(item)
        else:
            sys.stdout.write(_text_article(*item) + "\n")
    if out is not None:
        out.close()
    if args.summary or (progress and not args.quiet):
        print(run.summary, file=sys.stderr)
    return 2 if errors else 0


def setup(sub) -> None:
    """The `extract` subcommand: the common options and the batch options."""
    sp = add_command(sub, "extract", HELP, EXAMPLES)
    common_options(sp)
    batch_options(sp)
    sp.set_defaults(func=cmd_extract)
