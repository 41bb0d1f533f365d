"""A ruleset's checks as one object: `compile_checks` compiles every check block of the rule
files into a `CheckSet` (called by ruleset.load, so `rasti rules lint` reports their errors),
which holds the lexicon lookups selectors and messages use, runs over an article, and pickles
as its syntax to be compiled again on load (the rule cache).
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import RuleError
from ...lang.labels import Labels
from ...read.compiler import SPACE
from .compile import _compile_block
from .expr import _Compiling
from .interpret import run as _run
from .model import CompiledCheck, Coverage, Flag
from .syntax import CheckBlock


class CheckSet:
    """Every compiled check plus the lexicon lookups their selectors use. Immutable per ruleset."""

    def __init__(self, checks: list[CompiledCheck], lexicons: dict,
                 source: tuple = (), lines: dict | None = None) -> None:
        self.checks = checks
        self.lexicons = lexicons
        self._source = source          # ((CheckBlock, published), …): what a pickle carries
        self._lines = lines or {}
        self.rx_at: dict[str, re.Pattern] = {}
        self.rx_end: dict[str, re.Pattern] = {}
        used = {name for c in checks for name in c.lexicons}
        for name in used:
            lex = lexicons.get(name)
            if lex is not None:
                self.rx_at[name] = re.compile(lex.regex)
                self.rx_end[name] = re.compile("(?:" + lex.regex + ") ?$")
        self._names: dict[tuple[str, str], dict] = {}
        self._values: dict[str, frozenset] = {}
        self.display = Labels(lexicons, "check_display")   # how show() writes lists and yes/no

    def __reduce__(self):
        """Compiled checks hold closures; a pickle (the rule cache) carries their syntax and the
        lexicons, and is compiled again on load (no pyparsing: the syntax is already parsed)."""
        return (_rebuild, (self._source, self.lexicons, self._lines))

    # -- lexicon helpers
    def values(self, lex: str) -> frozenset:
        v = self._values.get(lex)
        if v is None:
            L = self.lexicons.get(lex)
            v = frozenset(str(e.value) for e in L.entries) if L is not None else frozenset()
            self._values[lex] = v
        return v

    def entry_value(self, lex: str, syms: str, a: int, b: int) -> Any:
        L = self.lexicons.get(lex)
        if L is None:
            return None
        while a < b and syms[a] == SPACE:
            a += 1
        e = L.by_key.get(syms[a:b].replace(SPACE, ""))
        return e.value if e is not None else None

    def marks(self, lex: str) -> dict[str, str]:
        """Lexicon `lex` as single characters and their values (quote marks for `quoted()`)."""
        table = self._names.get((lex, "marks"))
        if table is None:
            L = self.lexicons.get(lex)
            table = {f: str(e.value) for e in (L.entries if L is not None else ()) for f in e.forms if len(f) == 1}
            self._names[(lex, "marks")] = table
        return table

    def name(self, lex: str, value: Any, lang: str) -> str | None:
        """A value's display name: the first spelling in the language (Latin letters for en);
        lexicon `<lex>_en` supplies English names the lexicon itself lacks."""
        key = (lex, lang)
        table = self._names.get(key)
        if table is None:
            table = {}
            L = self.lexicons.get(lex)
            for e in (L.entries if L is not None else ()):
                forms = [f for f in e.forms if _is_latin(f) == (lang == "en")]
                if forms and e.value not in table:
                    table[e.value] = forms[0]
            if lang == "en":
                L2 = self.lexicons.get(lex + "_en")
                for e in (L2.entries if L2 is not None else ()):
                    table.setdefault(e.value, e.forms[0])
            self._names[key] = table
        return table.get(value)

    # -- running
    def run(self, text, tokens, mentions, spans, facts, published: str | None,
            only: CompiledCheck | None = None) -> tuple[list[Flag], Coverage]:
        """The flags and coverage of one article (interpret.py)."""
        return _run(self, text, tokens, mentions, spans, facts, published, only)


def _is_latin(s: str) -> bool:
    return all(ord(ch) < 0x250 for ch in s)


# --- compiling check blocks --------------------------------------------------------------

def compile_checks(files: list, lexicons: dict, errors: list[RuleError], lines: dict[str, list[str]]) -> CheckSet:
    """Compile every check block of the rule files (built-in first, then user directories: a user
    check with a built-in name replaces it)."""
    comp = _Compiling(errors, lines, lexicons)
    by_name: dict[str, tuple[CheckBlock, Any, int]] = {}
    order: list[str] = []
    for f, layer in files:
        for b in f.blocks:
            if not isinstance(b, CheckBlock):
                continue
            prev = by_name.get(b.name)
            if prev is not None and prev[2] == layer:
                comp.error("R105", f"check '{b.name}' is defined twice", b.pos, hint=f"first at {prev[0].pos}")
                continue
            if prev is None:
                order.append(b.name)
            by_name[b.name] = (b, f, layer)
    source = tuple((by_name[name][0], by_name[name][1].published) for name in order)
    return _compile_source(comp, source, lexicons, lines)


def _compile_source(comp: _Compiling, source: tuple, lexicons: dict, lines: dict) -> CheckSet:
    out = []
    for b, published in source:
        c = _compile_block(comp, b, published)
        if c is not None:
            out.append(c)
    return CheckSet(out, lexicons, source, {p: lines[p] for p in {b.pos.path for b, _ in source} if p in lines})


def _rebuild(source: tuple, lexicons: dict, lines: dict) -> CheckSet:
    return _compile_source(_Compiling([], lines, lexicons), source, lexicons, lines)
