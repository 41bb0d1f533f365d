"""The `rasti` command line. Exit status: 0 ok, 1 findings reached --fail-on, 2 usage/input/rule errors."""
from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any, Callable, Iterator

from ..errors import InputError, RuleFileError

_SENTENCE_END = re.compile(r"[.!?؟\n]")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding a span: from the previous terminator to the next one."""
    a = start
    while a > 0 and not _SENTENCE_END.match(text[a - 1]):
        a -= 1
    m = _SENTENCE_END.search(text, end)
    b = m.end() if m else len(text)
    return a, b


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _engine(args: argparse.Namespace):
    from ..api import Engine
    return Engine(args.rules or ())


def _articles(args: argparse.Namespace, engine, errors: list[str]) -> Iterator[tuple[Any, Any]]:
    from ..feed.inputs import read_inputs
    for src in read_inputs(args.files, args.published):
        if isinstance(src, InputError):
            errors.append(str(src))
            print(f"rasti: {src}", file=sys.stderr)
            continue
        yield src, engine.read(src.text, published=src.published, id=src.id)


def _text_mention(art, m) -> str:
    a, b = sentence_around(art.text, m.start, m.end)
    sent = (art.text[a:m.start] + "«" + art.text[m.start:m.end] + "»" + art.text[m.end:b]).strip()
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
            a, b = sentence_around(text, m["start"], m["end"])
            out.append("           " + (text[a:m["start"]] + "«" + text[m["start"]:m["end"]] + "»" + text[m["end"]:b]).strip())
    for f in d.get("facts", []):
        pred = f["predicate"]["key"] if f["predicate"] else "—"
        val = f["value"] if f["value"] is not None else f["interval"]
        when = f["time"].get("value") or f["time"].get("interval")
        extra = " (cumulative, as of %s)" % f["as_of"] if f["cumulative"] else ""
        who = f"  — {f['attribution']['text']}" if f.get("attribution") else ""
        out.append(f"  fact     {f['subject']['key']} | {pred} | {val} {f['unit'] or ''} | {when} [{f['time']['source']}]{extra}{who}")
    return "\n".join(out)


def start_batch(args: argparse.Namespace, json_work: Callable, text_work: Callable):
    """Stream the command's articles through ``batch.process``; returns (run, progress shown)."""
    from ..feed.batch import configure, engine, process
    from ..feed.inputs import read_inputs
    configure(args.rules or ())
    engine()          # rule errors surface here, once, before any work; the batch reuses it
    sources = read_inputs(args.files, args.published)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    work = json_work if args.format == "json" else text_work
    return process(sources, work, workers=args.workers, progress=progress, rules=args.rules or ()), progress


class JsonArticles:
    """Writes `{"articles": [ … ]}` one article at a time (each already encoded by a worker)."""

    def __init__(self, out) -> None:
        self.out, self.first = out, True
        out.write('{"articles": [')

    def add(self, encoded: str) -> None:
        self.out.write(("" if self.first else ",") + "\n" + encoded)
        self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")


def good_results(run, errors: list) -> Iterator:
    """The batch's results; each bad input is reported on stderr and kept in ``errors``."""
    for item in run:
        if isinstance(item, InputError):
            errors.append(item)
            print(f"rasti: {item}", file=sys.stderr)
        else:
            yield item


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
    if args.summary or progress:
        print(run.summary, file=sys.stderr)
    return 2 if errors else 0


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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rasti", description="Fact and number verification for Persian news.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, files: bool = True) -> None:
        if files:
            sp.add_argument("files", nargs="+", metavar="FILE", help=".txt, .jsonl, a directory, or - for stdin")
            sp.add_argument("--published", type=_iso_date, help="publication date YYYY-MM-DD for articles without one")
        sp.add_argument("--format", choices=("text", "json"), default="text")
        sp.add_argument("--rules", action="append", metavar="DIR", help="a rule directory that extends/overrides the built-in rules")

    sp = sub.add_parser("extract", help="read numbers, dates and facts")
    common(sp)
    batch_options(sp)
    sp.set_defaults(func=cmd_extract)

    rules = sub.add_parser("rules", help="work with rule files")
    rsub = rules.add_subparsers(dest="rules_command", required=True)
    lp = rsub.add_parser("lint", help="check rule files; report every error")
    lp.add_argument("dirs", nargs="*", metavar="DIR")
    lp.add_argument("--no-builtin", action="store_true", help="lint DIR alone, without the built-in rules")
    lp.set_defaults(func=cmd_rules_lint)
    tp = rsub.add_parser("test", help="run every rule's example and reject lines")
    tp.add_argument("--rules", action="append", metavar="DIR")
    tp.set_defaults(func=cmd_rules_test)

    for name, (helptext, setup) in EXTRA_COMMANDS.items():
        setup(sub.add_parser(name, help=helptext), common)
    return p


# Later stages register their subcommands here: name -> (help, setup(parser, common)).
EXTRA_COMMANDS: dict[str, tuple[str, Callable]] = {}


def batch_options(sp: argparse.ArgumentParser) -> None:
    """--workers, --progress and --summary for commands that stream many articles."""
    sp.add_argument("--workers", type=int, default=1, metavar="N",
                    help="processes to use (0: one per CPU); results stay in input order")
    sp.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="a progress line with articles/s (default: only on a terminal)")
    sp.add_argument("--summary", action="store_true", help="print articles, errors and MB/s at the end")


def _iso_date(s: str) -> str:
    from datetime import date
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{s}' is not a date (YYYY-MM-DD)") from None


def main(argv: list[str] | None = None) -> int:
    from . import commands  # noqa: F401  (registers the later subcommands)
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
