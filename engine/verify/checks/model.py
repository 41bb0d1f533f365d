"""What crosses the stages of checking: a `CompiledCheck` (compile.py makes it, interpret.py runs
it), and the results an article carries out of the verify stage, `Flag` and `Coverage`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...lang import syntax as S
from .expr import Fn
from .registry import Selector


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: a stable code, its severity, the message in Persian and English, the spans
    (original-text offsets) it is about, the recomputed evidence, and the check that raised it;
    `repeats` holds the spans of each place the article states the same error again."""
    code: str
    severity: str
    message: dict
    spans: tuple[tuple[int, int], ...]
    evidence: dict
    rule: str
    mentions: tuple[str, ...] = ()
    repeats: tuple[tuple[tuple[int, int], ...], ...] = ()   # the spans of the same error restated

    def to_dict(self) -> dict:
        d = {"code": self.code, "severity": self.severity, "message": dict(self.message),
             "spans": [list(s) for s in self.spans], "evidence": self.evidence, "rule": self.rule}
        if self.repeats:
            d["repeats"] = [[list(s) for s in spans] for spans in self.repeats]
        return d


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of an article was checked: numbers and dates found, and which took part in a check."""
    numbers: int
    dates: int
    checked_numbers: int
    checked_dates: int
    unchecked: tuple[dict, ...]

    @property
    def found(self) -> int:
        return self.numbers + self.dates

    @property
    def checked(self) -> int:
        return self.checked_numbers + self.checked_dates

    def to_dict(self) -> dict:
        return {"found": self.found, "checked": self.checked,
                "numbers": {"found": self.numbers, "checked": self.checked_numbers},
                "dates": {"found": self.dates, "checked": self.checked_dates},
                "unchecked": list(self.unchecked)}


@dataclass(frozen=True)
class CompiledCheck:
    name: str
    code: str
    severity: str
    origin: str                       # file:line of the check block
    selector: Selector
    params: dict                      # selector parameter -> lexicon name or number
    lexicons: tuple[str, ...]         # the lexicons its selector reads
    where: Fn | None
    when: Fn
    evidence: dict[str, Fn]
    evidence_order: tuple[str, ...]
    messages: dict[str, tuple]        # lang -> parts (str | Fn)
    examples: tuple[S.Example, ...]
    published: str | None

    @property
    def params_key(self) -> tuple:
        return tuple(sorted(self.params.items()))
