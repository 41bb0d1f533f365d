"""Reading inputs for a command that keys articles by id (compare, desk, report, index): the
repeated ids are found before any work, so such a command can refuse the run (two `id: road-b`
would otherwise merge silently, or one would replace the other in the fact store)."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..errors import InputError
from .inputs import Source, duplicate_ids, read_inputs


def checked_inputs(paths: list[str], published: str | None = None, encoding: str | None = None, *,
                   stream: bool = False) -> tuple[Iterable[Source | InputError], list[InputError]]:
    """(the inputs, one error per repeated id). The inputs are a list; with ``stream`` (and no
    stdin among ``paths``, which can be read only once) the ids come from a first pass that keeps
    nothing but ids and places, and the inputs are read again lazily, so a long archive is never
    held in memory."""
    if stream and "-" not in paths:
        light = (replace(s, text="", meta={}) for s in read_inputs(paths, published, encoding)
                 if isinstance(s, Source))
        return read_inputs(paths, published, encoding), duplicate_ids(light)
    items = list(read_inputs(paths, published, encoding))
    return items, duplicate_ids(s for s in items if isinstance(s, Source))
