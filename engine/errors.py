"""Errors a user can cause: bad rule files and bad inputs. Never shown as tracebacks."""
from __future__ import annotations

from dataclasses import dataclass

# Rule-file error codes: a stable contract, each proven by a broken file in tests/bad_rules/.
CODES = {
    "R100": "syntax error",
    "R101": "block structure (missing or stray `end`, line outside a block)",
    "R102": "unknown lexicon",
    "R103": "unknown capture type",
    "R104": "unknown production",
    "R105": "duplicate rule name",
    "R106": "duplicate lexicon name",
    "R107": "empty or reversed range",
    "R108": "yield refers to an unknown capture",
    "R109": "rule without `match` or `yield`",
    "R110": "rule without examples",
    "R111": "one spelling with two values in a lexicon",
    "R112": "a required lexicon is missing",
    "R113": "a rule's yield refuses every match of its own examples (captures in the wrong order?)",
}


@dataclass(frozen=True, slots=True)
class RuleError:
    code: str
    message: str
    path: str
    line: int
    col: int
    source: str = ""
    hint: str = ""

    def format(self) -> str:
        out = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        if self.source:
            out += f"\n    {self.source.rstrip()}"
        if self.hint:
            out += f"\n    hint: {self.hint}"
        return out


class RuleFileError(Exception):
    """All the errors found while loading rule files, reported together."""

    def __init__(self, errors: list[RuleError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.col, e.code))
        super().__init__("\n".join(e.format() for e in self.errors))


class InputError(Exception):
    """A bad article or argument: message names the file (and line or field)."""
