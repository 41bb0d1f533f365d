"""The plain selectors: every mention of one kind (`number`, `date`, …) and every fact."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from .article import Run
from .registry import SELECTORS, Selector, selector


def _kind_selector(kind: str) -> Callable[..., Iterable[dict]]:
    def sel(run: Run, p: dict) -> Iterator[dict]:
        for it in run.items:
            if it.m.kind == kind:
                yield {kind: it}
    return sel


for _k in ("number", "percent", "ordinal", "fraction", "date", "weekday", "duration", "time", "quantity", "money"):
    SELECTORS[_k] = Selector(_kind_selector(_k), (_k,), (), {}, f"every {_k} mention, bound as `{_k}`")


@selector("fact", ("fact",))
def _facts(run: Run, p: dict) -> Iterator[dict]:
    """every fact, bound as `fact`"""
    for it in run.fact_items():
        yield {"fact": it}
