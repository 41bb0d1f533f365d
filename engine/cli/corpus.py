"""`rasti corpus test [DIR]`: score the engine against a gold corpus (see corpus/README.md).

Exit status: 0 when the corpus passes (no difference from the gold, or only differences its
thresholds accept), 1 when it does not, 2 for a malformed corpus, thresholds or rule files.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from .common import FORMAT_HELP, add_command, note, quiet_option, rules_option

HELP = "run the gold corpus regression (rasti corpus test [DIR])"


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not a TTY."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled or total <= 0:
            return
        filled = self.width * done // total
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {label[:30]:<30}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.width + 45) + "\r")
            self.stream.flush()
            self.shown = False


def cmd_corpus_test(args: argparse.Namespace) -> int:
    from ..api import Engine, default_engine
    from ..corpus.gold import load_or_explain
    from ..corpus.runner import current_thresholds, dump_thresholds, format_text, run_corpus

    root = Path(args.dir)
    corpus = load_or_explain(root, sys.stderr)
    if corpus is None:
        return 2
    engine = Engine(args.rules) if args.rules else default_engine()
    partial = (root / "story.yaml").is_file()
    bar = ProgressBar(sys.stderr)
    bar.enabled = bar.enabled and not args.quiet
    try:
        report = run_corpus(corpus, engine, progress=bar, partial=partial, strict=args.strict)
    finally:
        bar.close()
    if args.write_thresholds:
        if partial:
            print("rasti: --write-thresholds needs the whole corpus, not one story", file=sys.stderr)
            return 2
        path = corpus.thresholds_path if corpus.thresholds_path and corpus.thresholds_path.name == "thresholds.yaml" \
            else corpus.root / "thresholds.yaml"
        from ..corpus.runner import evaluate
        data = current_thresholds(report)
        path.write_text(dump_thresholds(data), encoding="utf-8")
        corpus.thresholds, corpus.thresholds_path = data, path
        evaluate(report, data)
        note(args, f"wrote {path}")
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(report, show_known=not args.new_only))
    return report.exit_code


def setup(sub) -> None:
    """The `corpus` subcommand and its one subcommand, test."""
    sp = add_command(sub, "corpus", HELP, ("rasti corpus test", "rasti corpus test corpus/caspian --new-only"))
    csub = sp.add_subparsers(dest="corpus_command", required=True, metavar="SUBCOMMAND")
    tp = add_command(csub, "test", "score extract, check and compare against the gold annotations",
                     ("rasti corpus test                          the bundled corpus",
                      "rasti corpus test corpus/caspian --new-only one story, only what the thresholds do not accept",
                      "rasti corpus test --format html -o gold.html the differences as a desk report"),
                     description="Run the engine over a gold corpus and print, per article and story, "
                                 "what is missing (-) and unexpected (+), then precision, recall and F1.",
                     notes="exit status: 0 when the corpus passes, 1 when it does not, 2 for a malformed corpus, "
                           "thresholds or rule files.")
    tp.add_argument("dir", nargs="?", default="corpus", metavar="DIR",
                    help="the corpus directory, or one story folder")
    tp.add_argument("--format", choices=("text", "json"), default="text", help=FORMAT_HELP)
    rules_option(tp)
    quiet_option(tp)
    tp.add_argument("--strict", action="store_true",
                    help="ignore the corpus thresholds: every difference from the gold fails")
    tp.add_argument("--new-only", action="store_true",
                    help="text format: list only differences the thresholds do not accept")
    tp.add_argument("--write-thresholds", action="store_true",
                    help="record what the engine achieves now in DIR/thresholds.yaml (review the diff)")
    tp.set_defaults(func=cmd_corpus_test)
    from ..report import add_report_options     # desk report: --format html and --output FILE (engine/report.py)
    add_report_options(tp, "corpus")
