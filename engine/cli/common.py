"""What every `rasti` command shares: where a span sits (its sentence, its line and column, its
printed location), the engine and articles a command reads, how a command's --help is built
(add_command: description, examples, defaults), the options most commands take (files,
--published, --encoding, --format, --rules; --workers, --dask, --progress, --summary, --quiet) and what
is checked of them after parsing (finish_args), and the batch plumbing that streams articles
through workers and writes them out as one JSON array. Command modules import this one and
nothing else of the CLI, so there are no cycles."""
from __future__ import annotations

import argparse
import re
import sys
from typing import Any, Callable, Iterator

from ..errors import InputError

_SENTENCE_END = re.compile(r"[.!?؟\n]")


def sentence_around(text: str, start: int, end: int, width: int | None = None) -> tuple[int, int]:
    """The sentence holding a span: from the previous terminator to the next one; with ``width``,
    at most that many characters on each side (a feed line of 60,000 characters without a full
    stop is one "sentence": shown in full for each of its 20,000 numbers, it was quadratic)."""
    lo = 0 if width is None else max(0, start - width)
    a = start
    while a > lo and not _SENTENCE_END.match(text[a - 1]):
        a -= 1
    hi = len(text) if width is None else min(len(text), end + width)
    m = _SENTENCE_END.search(text, end, hi)
    b = m.end() if m else hi
    return a, b


def trimmed(text: str, a: int, b: int) -> tuple[str, str]:
    """The «…» to put before and after ``text[a:b]`` when it stops short of its sentence."""
    return ("…" if a > 0 and not _SENTENCE_END.match(text[a - 1]) else "",
            "…" if b < len(text) and not _SENTENCE_END.match(text[b - 1]) else "")


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


_JSONL_LINE = re.compile(r"(?:\.jsonl|^<stdin>):\d+$")   # the origin of a JSONL article


def location(origin: str, text: str, offset: int, first_line: int = 0) -> str:
    """Where ``offset`` of an article is, followed by a colon: ``path:line:col:`` in a .txt file
    (``first_line`` lines of front matter before the text); ``file.jsonl:N: (text line:col)`` in a
    JSONL article, whose line and column are inside its text and so must not look like the file's."""
    line, col = line_col(text, offset)
    if _JSONL_LINE.search(origin):
        return f"{origin}: (text {line}:{col})"
    return f"{origin}:{first_line + line}:{col}:"


def _engine(args: argparse.Namespace):
    from ..api import Engine
    return Engine(args.rules or ())


def _articles(args: argparse.Namespace, engine, errors: list[str]) -> Iterator[tuple[Any, Any]]:
    from ..feed.inputs import read_inputs
    for src in read_inputs(args.files, args.published, encoding_of(args)):
        if isinstance(src, InputError):
            errors.append(str(src))
            print(f"rasti: {src}", file=sys.stderr)
            continue
        yield src, engine.read(src.text, published=src.published, id=src.id, published_source=src.published_source)


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Defaults shown (when there is one worth showing) and the examples epilog kept as written."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default is None or action.default is False or action.default == [] \
                or action.default == argparse.SUPPRESS or "default" in text:
            return text
        return super()._get_help_string(action)


def add_command(sub, name: str, help: str, examples: tuple[str, ...] = (), description: str | None = None,
                notes: str = "") -> argparse.ArgumentParser:
    """A subcommand with a one-line description, an examples epilog and defaults in --help;
    it remembers its parser so that checks made after parsing can fail as argparse errors."""
    epilog = ""
    if examples:
        epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples)
    if notes:
        epilog += ("\n\n" if epilog else "") + notes
    sp = sub.add_parser(name, help=help, description=description or help[0].upper() + help[1:] + ".",
                        epilog=epilog or None, formatter_class=HelpFormatter)
    sp.set_defaults(_parser=sp)
    return sp


FORMAT_HELP = "text for people; json: one object for scripts (fields in README)"


def common_options(sp: argparse.ArgumentParser, files: bool = True) -> None:
    """FILE..., --published, --encoding, --format and --rules: the options of the commands that read articles."""
    if files:
        files_option(sp)
        published_options(sp)
        encoding_option(sp)
    sp.add_argument("--format", choices=("text", "json"), default="text", help=FORMAT_HELP)
    rules_option(sp)


def files_option(sp: argparse.ArgumentParser, help: str = ".txt, .jsonl, a directory, or - for stdin "
                 "(default: stdin when it is piped)") -> None:
    sp.add_argument("files", nargs="*", metavar="FILE", help=help)


def rules_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--rules", action="append", metavar="DIR",
                    help="a rule directory that extends/overrides the built-in rules (repeatable)")


def published_options(sp: argparse.ArgumentParser,
                      what: str = "the publication date of articles without one") -> None:
    """--published (checked after parsing, with --published-calendar) for ``what``."""
    sp.add_argument("--published", metavar="DATE",
                    help=f"{what}: an ISO day 2015-10-07 or date-time 2015-10-07T19:10, or a Jalali day "
                         f"1394-07-15, 1394/07/15, ۱۳۹۴-۰۷-۱۵, 1394-07-15j (a year below 1700 is Jalali)")
    sp.add_argument("--published-calendar", choices=("jalali", "gregorian", "hijri"), metavar="CALENDAR",
                    help="the calendar --published is written in: jalali, gregorian or hijri "
                         "(default: a year below 1700 is Jalali, else Gregorian)")


def encoding_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--encoding", metavar="NAME",
                    help="the encoding of the input files (default: UTF-8, UTF-16 with a BOM, "
                         "or Windows-1256 when the bytes read as Persian in it)")


def quiet_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("-q", "--quiet", action="store_true",
                    help="no progress line or notes on stderr (errors are still printed)")


def batch_options(sp: argparse.ArgumentParser) -> None:
    """--workers, --progress, --summary and --quiet for commands that stream many articles."""
    sp.add_argument("--workers", type=int, default=1, metavar="N",
                    help="processes to use (0: one per CPU); results stay in input order")
    dask_option(sp)
    progress_option(sp)
    sp.add_argument("--summary", action="store_true", help="print articles, errors and MB/s at the end")
    quiet_option(sp)


def dask_option(sp: argparse.ArgumentParser, what: str = "run the articles on a Dask cluster") -> None:
    """--dask: the work runs on a Dask cluster (the rasti[dask] extra); same output, same order."""
    sp.add_argument("--dask", metavar="ADDRESS",
                    help=f"{what}: a scheduler (tcp://host:8786), or local / local:N to start a LocalCluster "
                         "of one process per CPU / N processes; the output is the same as without it "
                         '(needs pip install "rasti[dask]")')


def dask_session(args: argparse.Namespace):
    """The Dask session --dask asks for (opened now, so a missing extra or an unreachable scheduler
    is one line and exit 2 before any output), or None."""
    address = getattr(args, "dask", None)
    if not address:
        return None
    from ..feed.cluster import open_session
    return open_session(address)


def progress_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="a progress line with articles/s on stderr (default: only on a terminal, not with -q)")


def encoding_of(args: argparse.Namespace) -> str | None:
    return getattr(args, "encoding", None)


def show_progress(args: argparse.Namespace) -> bool:
    """--progress as given; else on a terminal, unless --quiet."""
    if getattr(args, "progress", None) is not None:
        return bool(args.progress)
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def note(args: argparse.Namespace, message: str) -> None:
    """A note on stderr (not an error): --quiet silences it."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)


def finish_args(args: argparse.Namespace) -> None:
    """What argparse cannot check alone, as argparse errors of the command (exit 2): the
    --published date in its calendar, and FILE... (stdin when none is given and it is piped)."""
    parser = getattr(args, "_parser", None)
    if parser is None:
        return
    if getattr(args, "published", None) is not None:
        from ..read.published import PublishedError, publication
        try:
            args.published = publication(args.published, getattr(args, "published_calendar", None))
        except PublishedError as e:
            parser.error(f"argument --published: {e}".replace("published_calendar: ", "--published-calendar "))
    if hasattr(args, "files") and not args.files:
        if not stdin_is_piped():
            parser.error("the following arguments are required: FILE (or pipe an article into stdin)")
        args.files = ["-"]


def stdin_is_piped() -> bool:
    """stdin is a pipe, a socket or a redirected file: not a terminal, nor /dev/null (a CI job's
    stdin), nor missing or replaced by something without a file descriptor."""
    import os
    import stat
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def start_batch(args: argparse.Namespace, json_work: Callable, text_work: Callable):
    """Stream the command's articles through ``batch.process``; returns (run, progress shown)."""
    from ..feed.batch import configure, engine, process
    from ..feed.inputs import read_inputs
    configure(args.rules or ())
    engine()          # rule errors surface here, once, before any work; the batch reuses it
    sources = read_inputs(args.files, args.published, encoding_of(args))
    progress = show_progress(args)
    work = json_work if args.format == "json" else text_work
    session = dask_session(args)
    return process(sources, work, workers=args.workers, progress=progress, rules=args.rules or (),
                   dask=session), progress


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


def refuse_duplicates(errors: list) -> bool:
    """Print each repeated-id error as `rasti: …`; True when there was one (the command exits 2
    before writing anything)."""
    for e in errors:
        print(f"rasti: {e}", file=sys.stderr)
    return bool(errors)


def good_results(run, errors: list) -> Iterator:
    """The batch's results; each bad input is reported on stderr and kept in ``errors``."""
    for item in run:
        if isinstance(item, InputError):
            errors.append(item)
            print(f"rasti: {item}", file=sys.stderr)
        else:
            yield item

