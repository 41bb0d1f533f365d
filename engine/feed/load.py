"""Articles from files, exactly as the command line reads them, for library callers.

`engine.read(open("a.txt").read())` would take a .txt file's front matter for article text;
`rasti.load("a.txt")` splits it off and applies its `published` and `id`, as `rasti extract` does.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import InputError
from ..model import Article
from .inputs import read_inputs


def load(paths: str | Path | Sequence[str | Path], engine=None, *, published=None) -> list[Article]:
    """Every article in ``paths`` (.txt with optional front matter, .jsonl, or directories of
    them), read by ``engine`` (the built-in rules when None). ``published`` is the date for
    articles without one. Bad input raises `InputError` naming the file and line."""
    from ..api import default_engine
    from ..read.published import PublishedError, publication
    engine = engine or default_engine()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    try:
        default = publication(published)
    except PublishedError as e:
        raise InputError(f"published: {e}") from None
    out = []
    for src in read_inputs([str(p) for p in paths], default):
        if isinstance(src, InputError):
            raise src
        out.append(engine.read(src.text, published=src.published, id=src.id, published_source=src.published_source))
    return out
