"""`rasti report FILE... [--output FILE] [--rules DIR]`: the desk report (engine/report.py).

Reads, checks and compares the given articles and writes one self-contained HTML page:

* FILEs that are articles (.txt, .jsonl, or a plain directory of them) are one story;
* a story directory (one with a ``story.yaml``) is one story, titled from that file;
* a corpus directory (``*/story.yaml`` below it) is one story per story directory.

Exit status: 0 when the page is written, 2 for usage, rule-file or input errors (a bad
article is reported on stderr; the page, without it, goes to stdout, but never over --output).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HELP = "the desk report: articles, flags and contradictions as one HTML page"


def _story_title(story_yaml: Path) -> str | None:
    try:
        import yaml
        data = yaml.safe_load(story_yaml.read_text(encoding="utf-8"))
    except Exception:   # noqa: BLE001 — a title is a nicety; the articles still come through
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else None


def _groups(files: list[str]) -> list[tuple[str, str | None, list[str]]]:
    """(story id, title, paths) per story: story and corpus directories apart, the rest together."""
    groups: list[tuple[str, str | None, list[str]]] = []
    loose: list[str] = []
    for f in files:
        p = Path(f)
        if f != "-" and p.is_dir() and (p / "story.yaml").is_file():
            groups.append((p.name, _story_title(p / "story.yaml"), [str(p)]))
        elif f != "-" and p.is_dir() and any(p.glob("*/story.yaml")):
            for sy in sorted(p.glob("*/story.yaml")):
                groups.append((sy.parent.name, _story_title(sy), [str(sy.parent)]))
        else:
            loose.append(f)
    if loose:
        groups.insert(0, ("articles", None, loose))
    return groups


def build_stories(files: list[str], engine: Any, published: str | None = None,
                  errors: list[str] | None = None) -> list[dict]:
    """Read, check and compare each story; input errors are appended to ``errors``."""
    from ..errors import InputError
    from ..feed.inputs import read_inputs
    check = getattr(engine, "check", None)
    compare = getattr(engine, "compare", None)
    stories = []
    for sid, title, paths in _groups(files):
        arts, srcs = [], []
        for src in read_inputs(paths, published):
            if isinstance(src, InputError):
                if errors is not None:
                    errors.append(str(src))
                print(f"rasti: {src}", file=sys.stderr)
                continue
            art = engine.read(src.text, published=src.published, id=src.id)
            if callable(check):
                art = check(art) or art
            arts.append(art)
            srcs.append(src)
        cmp = compare(arts) if callable(compare) and arts else None
        stories.append({"id": sid, "title": title, "articles": arts, "sources": srcs,
                        "comparison": cmp, "checked": callable(check)})
    return stories


def cmd_report(args: argparse.Namespace) -> int:
    from ..api import Engine
    from ..report import page_title, render_compare, render_corpus, write_output
    engine = Engine(args.rules or ())
    errors: list[str] = []
    stories = build_stories(args.files, engine, args.published, errors)
    if len(stories) == 1:
        st = stories[0]
        title = args.title or st["title"] or page_title("desk_report")
        page = render_compare(st["articles"], st["comparison"], st["sources"], title=title, checked=st["checked"])
    else:
        page = render_corpus(None, stories, title=args.title)
    written = write_output(page, args.output, failed=bool(errors))
    if args.output and written:
        n = sum(len(s["articles"]) for s in stories)
        print(f"wrote {args.output}: {n} article{'' if n == 1 else 's'} in {len(stories)} stor{'y' if len(stories) == 1 else 'ies'}",
              file=sys.stderr)
    return 2 if errors else 0


def setup(sub) -> None:
    """The `report` subcommand: files, --published, --output, --title, --rules."""
    sp = sub.add_parser("report", help=HELP)
    sp.add_argument("files", nargs="+", metavar="FILE",
                    help="articles (.txt, .jsonl, a directory, - for stdin), a story directory, or a corpus")
    sp.add_argument("--published", help="publication date YYYY-MM-DD for articles without one")
    sp.add_argument("--output", "-o", metavar="FILE", help="write the HTML here (atomically); default stdout")
    sp.add_argument("--title", help="the page title (default: the story's title)")
    sp.add_argument("--rules", action="append", metavar="DIR",
                    help="a rule directory that extends/overrides the built-in rules")
    sp.set_defaults(func=cmd_report)
