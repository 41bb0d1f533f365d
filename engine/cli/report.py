"""`rasti report FILE... [--output FILE] [--rules DIR]`: the desk report (engine/report.py).

Reads, checks and compares the given articles and writes one self-contained HTML page:

* FILEs that are articles (.txt, .jsonl, or a plain directory of them) are one story;
* a story directory (one with a ``story.yaml``) is one story, titled from that file;
* a corpus directory (``*/story.yaml`` below it) is one story per story directory.

Exit status: 0 when the page is written, 2 for usage, rule-file or input errors (a bad
article is reported on stderr; the page, without it, goes to stdout, but never over --output).
Two articles with the same id are refused before anything is read or written (exit 2).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import (add_command, encoding_of, encoding_option, files_option, note, published_options, quiet_option,
                     refuse_duplicates, rules_option)

HELP = "the desk report: articles, flags and contradictions as one HTML page"
EXAMPLES = ("rasti report corpus/ --output desk.html             every story, one section each",
            "rasti report corpus/caspian --output caspian.html   one story",
            "rasti report a.txt b.txt > page.html                the given articles as one story")


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


def read_groups(files: list[str], published: str | None = None, encoding: str | None = None) -> list[tuple]:
    """(story id, title, its inputs) per story, every input read (so repeated ids can be found)."""
    from ..feed.inputs import read_inputs
    return [(sid, title, list(read_inputs(paths, published, encoding))) for sid, title, paths in _groups(files)]


def repeated_ids(groups: list[tuple]) -> list:
    """One error per article whose id an earlier one (of any story) already has."""
    from ..feed.inputs import Source, duplicate_ids
    return duplicate_ids(s for _, _, items in groups for s in items if isinstance(s, Source))


def build_stories(files: list[str] | list[tuple], engine: Any, published: str | None = None,
                  errors: list[str] | None = None) -> list[dict]:
    """Read, check and compare each story; input errors are appended to ``errors``. ``files``
    may be paths or what `read_groups` returned."""
    from ..errors import InputError
    check = getattr(engine, "check", None)
    compare = getattr(engine, "compare", None)
    stories = []
    groups = files if files and isinstance(files[0], tuple) else read_groups(files, published)
    for sid, title, items in groups:
        arts, srcs = [], []
        for src in items:
            if isinstance(src, InputError):
                if errors is not None:
                    errors.append(str(src))
                print(f"rasti: {src}", file=sys.stderr)
                continue
            art = engine.read(src.text, published=src.published, id=src.id, published_source=src.published_source)
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
    groups = read_groups(args.files, args.published, encoding_of(args))
    if refuse_duplicates(repeated_ids(groups)):
        return 2
    engine = Engine(args.rules or ())
    errors: list[str] = []
    stories = build_stories(groups, engine, args.published, errors)
    if len(stories) == 1:
        st = stories[0]
        title = args.title or st["title"] or page_title("desk_report")
        page = render_compare(st["articles"], st["comparison"], st["sources"], title=title, checked=st["checked"])
    else:
        page = render_corpus(None, stories, title=args.title)
    written = write_output(page, args.output, failed=bool(errors))
    if args.output and written:
        n = sum(len(s["articles"]) for s in stories)
        note(args, f"wrote {args.output}: {n} article{'' if n == 1 else 's'} in {len(stories)} "
                   f"stor{'y' if len(stories) == 1 else 'ies'}")
    return 2 if errors else 0


def setup(sub) -> None:
    """The `report` subcommand: files, --published, --output, --title, --rules."""
    sp = add_command(sub, "report", HELP, EXAMPLES)
    files_option(sp, "articles (.txt, .jsonl, a directory, - for stdin), a story directory, or a corpus "
                     "(default: stdin when it is piped)")
    published_options(sp)
    encoding_option(sp)
    sp.add_argument("--output", "-o", metavar="FILE", help="write the HTML here (atomically); default stdout")
    sp.add_argument("--title", help="the page title (default: the story's title)")
    rules_option(sp)
    quiet_option(sp)
    sp.set_defaults(func=cmd_report)
