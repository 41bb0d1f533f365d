"""The syntax tree of rule files: frozen dataclasses, built once by the grammar, read by the compiler."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True, slots=True)
class Pos:
    path: str
    line: int
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float | None
    hi: float | None


@dataclass(frozen=True, slots=True)
class Ident:
    name: str


Value = Union[int, float, str, Interval, Ident, None]


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line: spellings of one word (or phrase), its value, and attributes."""
    forms: tuple[str, ...]
    value: Value
    attrs: tuple[tuple[str, Value], ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Lexicon:
    name: str
    entries: tuple[Entry, ...]
    pos: Pos
    examples: tuple["Example", ...] = ()   # sentences that must (or must not) read one of its words


# --- patterns ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Lit:
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class LexRef:
    name: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class TypeRef:
    name: str
    lo: float | None
    hi: float | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Capture:
    name: str
    node: "Node"
    pos: Pos


@dataclass(frozen=True, slots=True)
class Repeat:
    node: "Node"
    quant: str  # "?", "*", "+"
    pos: Pos


@dataclass(frozen=True, slots=True)
class Look:
    negative: bool
    node: "Node"
    pos: Pos


@dataclass(frozen=True, slots=True)
class Longest:
    """`longest(…)`: only the longest match of the pattern inside, never a shorter one."""
    node: "Node"
    pos: Pos


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Alt:
    options: tuple["Node", ...]


Node = Union[Lit, LexRef, TypeRef, Capture, Repeat, Look, Longest, Seq, Alt]


# --- rules ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Arg:
    """A production argument: a capture name, or a constant."""
    ref: str | None
    const: Value
    pos: Pos


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Arg, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expected: Value          # None for a reject
    reject: bool
    published: str | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    priority: int
    patterns: tuple[Node, ...]   # one per `match` line; alternatives
    production: Call | None
    examples: tuple[Example, ...]
    pos: Pos
    layer: int = 1          # 2: runs over layer-1 mentions (a date, a number …) as single items
    keep: bool = False      # layer 2: keep the mentions it is built from beside it
    head: int | None = None  # matched only where it starts within the text's first `head` characters
    undated: bool = False    # tried only for a text without a publication date (a dateline)


@dataclass(frozen=True, slots=True)
class RuleFile:
    path: str
    lexicons: tuple[Lexicon, ...]
    rules: tuple[Rule, ...]
    published: str | None     # reference date for this file's examples
    blocks: tuple[object, ...] = ()   # other block kinds (checks, units) parsed by later stages
