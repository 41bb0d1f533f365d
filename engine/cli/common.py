"""What every `rasti` command shares: where a span sits (its sentence, its line and column),
the engine and articles a command reads, the options most commands take (files, --published,
--format, --rules; --workers, --progress, --summary), and the batch plumbing that streams
articles through workers and writes them out as one JSON array. Command modules import this
one and nothing else of the CLI, so there are no cycles."""
from __future__ import annotations

import argparse
import re
import sys
from typing import Any, Callable, Iterator

from ..errors import InputError

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


def common_options(sp: argparse.ArgumentParser, files: bool = True) -> None:
    """FILE..., --published, --format and --rules: the options of the commands that read articles."""
    if files:
        sp.add_argument("files", nargs="+", metavar="FILE", help=".txt, .jsonl, a directory, or - for stdin")
        sp.add_argument("--published", type=_iso_date, help="publication date YYYY-MM-DD for articles without one")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    sp.add_argument("--rules", action="append", metavar="DIR", help="a rule directory that extends/overrides the built-in rules")


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

