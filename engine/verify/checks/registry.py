"""The selector registry: `SELECTORS` (name -> `Selector`) and the `selector` decorator with
which each selector module (select_*.py) registers its selectors when the package imports it.
A selector is the pairing logic too involved for a condition; it reads the words it needs
from lexicons named in the rule file, so no Persian vocabulary lives in the engine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable


@dataclass(frozen=True)
class Selector:
    fn: Callable[..., Iterable[dict]]
    binds: tuple[str, ...]
    params: tuple[str, ...] = ()      # lexicon parameters, all required
    numbers: dict = field(default_factory=dict)   # numeric parameters and their defaults
    doc: str = ""
    optional: tuple[str, ...] = ()    # lexicon parameters a check may leave out (added later)


SELECTORS: dict[str, Selector] = {}


def selector(name: str, binds: tuple[str, ...], params: tuple[str, ...] = (), optional: tuple[str, ...] = (),
             **numbers: float):
    def deco(fn):
        SELECTORS[name] = Selector(fn, binds, params, numbers, (fn.__doc__ or "").strip(), optional)
        return fn
    return deco
