"""Run a rule's inline `example` / `reject` lines: the rule files test themselves."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..lang import syntax as S
from ..api import Engine
from ..model import Mention


@dataclass(frozen=True, slots=True)
class ExampleCase:
    id: str               # rules/<file>.rules:<line>
    rule: str
    origin: str           # the rule's file:line (what mentions carry)
    example: S.Example
    published: str | None
    check: object = None  # a check block's example (engine/checks.py), else a rule's


def cases(engine: Engine) -> Iterator[ExampleCase]:
    for r in engine.ruleset.rules:
        for ex in r.examples:
            yield ExampleCase(f"{ex.pos.path}:{ex.pos.line}", r.name, r.origin, ex, ex.published or r.published)
    for c in (engine.ruleset.checks.checks if engine.ruleset.checks is not None else ()):
        for ex in c.examples:
            yield ExampleCase(f"{ex.pos.path}:{ex.pos.line}", c.name, c.origin, ex, ex.published or c.published, c)


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
    return str(a) == str(b)


def matches(m: Mention, expected: S.Value) -> bool:
    """Does a mention carry the expected value (a point, an interval, an ISO day or span)?"""
    if expected is None:
        return True
    if isinstance(expected, S.Interval):
        return m.interval is not None and _close(m.interval[0], expected.lo) and _close(m.interval[1], expected.hi)
    if isinstance(expected, str) and ".." in expected:
        lo, hi = expected.split("..")
        return m.interval is not None and str(m.interval[0]) == lo and str(m.interval[1]) == hi
    if isinstance(expected, S.Ident):
        if expected.name == "invalid":
            return m.extra.get("valid") is False
        return str(m.value) == expected.name
    return _close(m.value, expected)


def run(engine: Engine, case: ExampleCase) -> str | None:
    """None when the example holds, else a message saying what was found instead."""
    if case.check is not None:
        from ..verify.checks import run_example
        return run_example(engine, case.check, case.example, case.published)
    ex = case.example
    found = engine.mentions(ex.text, published=case.published)
    mine = [m for m in found if m.rule == case.origin]
    if ex.reject:
        if mine:
            return f"reject {ex.text!r}: rule {case.rule} still produced " + _show(mine)
        return None
    if any(matches(m, ex.expected) for m in mine):
        return None
    want = ex.expected.name if isinstance(ex.expected, S.Ident) else ex.expected
    return (f"example {ex.text!r}: expected {case.rule} => {want}; found "
            + (_show(found) if found else "no mentions"))


def _show(ms: list[Mention]) -> str:
    return "; ".join(f"{m.kind} {m.text!r}={m.value if m.value is not None else m.interval} ({m.rule})" for m in ms)
