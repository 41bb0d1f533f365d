"""Compile rule syntax into fast matchers.

Articles are matched as a *symbol string*: every token of the normalized text becomes one
character (a vocabulary word its own private-use symbol, a digit string a shape letter, a space
" ", a line break "\\n", punctuation itself). A rule becomes one regular expression over that
string, so word boundaries are exact by construction (no `\\b`, which treats ZWNJ as a
boundary), every rule scans a string several times shorter than the text, and no pattern can
match half a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from . import numbers as N
from ..lang import syntax as S
from ..errors import RuleError
from .text import ZWNJ, fold
from .starts import rule_needs, rule_pairs

# One token of normalized text: a digit string, a word (ZWNJ inside a word keeps it whole),
# a run of spaces, a line break, or any other single character.
# The first branches are shortcuts for the common cases (one space; a word starting with a
# Persian or ASCII letter, tested by ranges, not by Unicode category, possessive since nothing
# after it could make it give letters back); they match exactly what the general branches
# after them would.
_FAST_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cca-zA-Z"
PIECE = re.compile(
    r" (?!\s)|[" + _FAST_LETTER + r"]++[^\W\d_]*+(?:\u200c[^\W\d_]++)*+|"
    + N.NUMERIC_PIECE + r"|[^\W\d_]+(?:\u200c[^\W\d_]+)*|[^\S\n]*\n\s*|[^\S\n]+|.", re.S
)
SPACE, NEWLINE, OTHER_WORD = " ", "\n", "w"
JOIN = " ?"   # between two items of a pattern: an optional space token
GUARD_SPAN = 64   # symbols a number guard looks ahead (see `Compiler._number_guard`)

_SYMBOL_BASES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


def piece_key(piece: str) -> str:
    """Vocabulary key of a word token: ZWNJ-less, lower-cased («دست‌کم» = «دستکم»)."""
    return piece.replace(ZWNJ, "").lower()


@dataclass(frozen=True, slots=True)
class LexEntry:
    value: Any
    attrs: dict
    forms: tuple[str, ...]
    lexicon: str
    origin: str


@dataclass
class CompiledLexicon:
    name: str
    regex: str                                   # alternation over symbols, longest first
    by_key: dict[str, LexEntry]                  # symbol sequence (no spaces) -> entry
    entries: list[LexEntry] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CaptureSpec:
    group: str          # regex group name
    name: str           # capture name in the rule
    kind: str           # "type" or "lexicon"
    ref: str            # type name or lexicon name
    lo: float | None = None
    hi: float | None = None


@dataclass(frozen=True, slots=True)
class CompiledRule:
    name: str
    priority: int
    order: int
    origin: str
    regex: re.Pattern
    captures: tuple[CaptureSpec, ...]
    production: str
    args: tuple[tuple[str | None, Any], ...]
    examples: tuple[S.Example, ...]
    published: str | None
    layer: int = 1
    keep: bool = False
    first: frozenset | None = None   # symbols a match can start with; None: try everywhere
    inside: bool = True              # every capture lies inside the match (none in a lookaround)
    head: int | None = None          # starts within the first `head` characters only (a dateline)
    undated: bool = False            # tried only when the text has no publication date
    # symbols that start this rule only as the first word of a two-word phrase, with the words
    # that can follow them («در» only in «در حدود»): the matcher's finder tests the pair
    pairs: tuple[tuple[str, frozenset], ...] = ()
    needs: tuple[tuple[frozenset, ...], ...] = ()   # per match line, symbol sets it holds one of


# Higher layers see each mention as one symbol of its kind. A plain whole number also says its
# size (1: 0–31, 2: 32–99, 3: 100–999, then four digits split where years fall: 4: 1000–1199,
# 5: 1200–1699 (Jalali and Hijri years), 6: 1700–1799, 8: 1800–2200 (Gregorian years), 7: 2201–9999), so
# `number(1..31)` and `number(1300..1499)` are told apart by the pattern itself, not after it
# matched. That matters for optional parts: a range checked only after the match rejects the
# whole match, so «۲۲ آبان ۲۰۰۰ نفر» would lose its date to a year «۲۰۰۰» out of 1200..1600.
KIND_SYMBOLS = {"number": "N", "percent": "P", "ordinal": "O", "fraction": "F", "date": "D",
                "weekday": "W", "duration": "U", "time": "T", "quantity": "Q", "money": "M"}
NUMBER_SIZES = (("1", 0, 31), ("2", 32, 99), ("3", 100, 999), ("4", 1000, 1199), ("5", 1200, 1699),
                ("6", 1700, 1799), ("8", 1800, 2200), ("7", 2201, 9999))   # ascending: the first that holds


def mention_symbol(kind: str | None, value, hedge: str | None) -> str:
    if kind == "number" and not hedge and isinstance(value, int) and 0 <= value <= 9999:
        for sym, lo, hi in NUMBER_SIZES:
            if value <= hi:
                return sym
    return KIND_SYMBOLS.get(kind, "#") if kind else "#"


def _number_classes(lo: float | None, hi: float | None) -> str:
    out = "".join(sym for sym, a, b in NUMBER_SIZES if (hi is None or a <= hi) and (lo is None or b >= lo))
    if lo is None or hi is None or hi > 9999 or lo != int(lo) or hi != int(hi):
        out += "N"
    return out


class Vocabulary:
    """Word forms -> symbols, allocated in order of first use."""

    def __init__(self) -> None:
        self.symbols: dict[str, str] = {}
        self._next = 0
        self._base = 0

    def symbol(self, key: str) -> str:
        sym = self.symbols.get(key)
        if sym is None:
            lo, hi = _SYMBOL_BASES[self._base]
            if lo + self._next > hi:
                self._base += 1
                self._next = 0
                lo, hi = _SYMBOL_BASES[self._base]
            sym = chr(lo + self._next)
            self._next += 1
            self.symbols[key] = sym
        return sym


# --- typed captures: symbol patterns; their values are computed by the matcher ---------

def _int_shapes(lo: float | None, hi: float | None) -> str:
    """Digit shapes that can hold an int in [lo, hi]: «int(1300..1499)» never tries a 2-digit piece.
    A zero-led piece («۰۴», "09") is an int too (its value decides): days and hours in datelines."""
    out = ""
    for sym, (a, b) in (("a", (0, 99)), ("b", (100, 999)), ("c", (1000, 9999)), ("e", (10000, 10**30)), ("g", (1000, 10**30)),
                        ("z", (0, 10**30))):
        if (hi is None or a <= hi) and (lo is None or b >= lo):
            out += sym
    return out


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)"


class Compiler:
    """Turns parsed rule files into a Ruleset; collects every error."""

    TYPES = ("int", "num", "number", "words", "ymd", "time", "dashrange", "digits", "word", "end")

    def __init__(self, productions: dict[str, Callable], errors: list[RuleError]) -> None:
        self.vocab = Vocabulary()
        self.lexicons: dict[str, CompiledLexicon] = {}
        self.productions = productions
        self.errors = errors
        self.number_roles: dict[str, str] = {}   # symbol -> role
        self.number_seq_roles: dict[str, str] = {}   # symbols of a number word written apart -> role
        self.number_values: dict[str, LexEntry] = {}
        self._lines: dict[str, list[str]] = {}
        self.layer = 1
        self.look_caps = False   # the rule being compiled captures inside a lookaround
        self._numberish: frozenset | None = None

    # -- errors
    def error(self, code: str, msg: str, pos: S.Pos, hint: str = "") -> None:
        lines = self._lines.get(pos.path, [])
        src = lines[pos.line - 1] if 0 < pos.line <= len(lines) else ""
        self.errors.append(RuleError(code, msg, pos.path, pos.line, pos.col, src, hint))

    # -- literals and lexicons
    def phrase_regex(self, phrase: str) -> tuple[str, list[str]]:
        """Regex for a written phrase and the space-free symbol keys it can match."""
        pieces = [p for p in PIECE.findall(fold(phrase)) if not p.isspace()]
        parts: list[list[str]] = []   # per piece: alternatives, each a symbol sequence
        for p in pieces:
            if "0" <= p[0] <= "9":
                parts.append([_cls(N.shape(p))])
            elif p[0].isalpha():
                joined = self.vocab.symbol(piece_key(p))
                alts = [re.escape(joined)]
                if ZWNJ in p:
                    alts.append(JOIN.join(re.escape(self.vocab.symbol(piece_key(q))) for q in p.split(ZWNJ)))
                parts.append(alts)
            else:
                parts.append([re.escape(p)])
        regex = JOIN.join(a[0] if len(a) == 1 else "(?:" + "|".join(a) + ")" for a in parts)
        keys = [""]
        for alts in parts:
            keys = [k + a.replace(JOIN, "").replace("\\", "") for k in keys for a in alts]
        return regex, keys

    def phrase_atoms(self, phrase: str) -> list[list[str]]:
        """The symbol sequences a written phrase can match, each a list of one-token regexes
        (a ZWNJ-joined word as one token or as its parts)."""
        seqs: list[list[str]] = [[]]
        for p in PIECE.findall(fold(phrase)):
            if p.isspace():
                continue
            if "0" <= p[0] <= "9":
                alts = [[_cls(N.shape(p))]]
            elif p[0].isalpha():
                alts = [[re.escape(self.vocab.symbol(piece_key(p)))]]
                if ZWNJ in p:
                    alts.append([re.escape(self.vocab.symbol(piece_key(q))) for q in p.split(ZWNJ)])
            else:
                alts = [[re.escape(p)]]
            seqs = [s + a for s in seqs for a in alts]
        return seqs

    def phrase_first(self, phrase: str) -> set[str]:
        """The symbols a written phrase can start with (for the matcher's start index)."""
        pieces = [p for p in PIECE.findall(fold(phrase)) if not p.isspace()]
        if not pieces:
            return set()
        p = pieces[0]
        if "0" <= p[0] <= "9":
            return {N.shape(p)}
        if p[0].isalpha():
            out = {self.vocab.symbol(piece_key(p))}
            if ZWNJ in p:
                out.add(self.vocab.symbol(piece_key(p.split(ZWNJ)[0])))
            return out
        return {p}

    def first(self, node: S.Node) -> tuple[set[str] | None, bool]:
        """(first symbols or None for "any", nullable) of a pattern node."""
        if isinstance(node, S.Seq):
            out: set[str] = set()
            for item in node.items:
                if isinstance(item, S.Look):
                    continue
                f, nullable = self.first(item)
                if f is None:
                    return None, False
                out |= f
                if not nullable:
                    return out, False
            return out, True
        if isinstance(node, S.Alt):
            out, nul = set(), False
            for o in node.options:
                f, n = self.first(o)
                if f is None:
                    return None, False
                out |= f
                nul = nul or n
            return out, nul
        if isinstance(node, S.Repeat):
            f, n = self.first(node.node)
            return f, n or node.quant in "?*"
        if isinstance(node, (S.Capture, S.Longest)):
            return self.first(node.node)
        if isinstance(node, S.Look):
            return set(), True
        if isinstance(node, S.Lit):
            return self.phrase_first(node.text), False
        if isinstance(node, S.LexRef):
            lex = self.lexicons.get(node.name)
            out = set()
            for e in (lex.entries if lex else ()):
                for form in e.forms:
                    out |= self.phrase_first(form)
            return out, False
        if isinstance(node, S.TypeRef):
            rx = self.type_regex(node) if node.name in self.TYPES or node.name in KIND_SYMBOLS else "(?!)"
            if node.name in ("number", "words") and self.layer == 1:
                chars = set(self.number_roles) | {k[0] for k in self.number_seq_roles}
                if node.name == "number":
                    chars |= set(N.NUM_SHAPES)
                return chars, False
            if node.name == "word":
                return None, False
            m = re.fullmatch(r"\[(.*)\]", rx)
            if m:
                return set(re.sub(r"\\(.)", r"\1", m.group(1))), False
            return ({rx} if len(rx) == 1 else None), False
        return None, False

    def add_lexicon(self, lex: S.Lexicon, extend: bool = False) -> None:
        if lex.name in self.lexicons and not extend:
            self.error("R106", f"lexicon '{lex.name}' is defined twice", lex.pos)
            return
        comp = self.lexicons.get(lex.name) or CompiledLexicon(lex.name, "", {})
        origin_of: dict[str, str] = {}
        for e in lex.entries:
            attrs = dict(e.attrs)
            value = e.value.name if isinstance(e.value, S.Ident) else e.value
            entry = LexEntry(value, attrs, e.forms, lex.name, f"{e.pos.path}:{e.pos.line}")
            for form in e.forms:
                regex, keys = self.phrase_regex(form)
                for k in keys:
                    old = comp.by_key.get(k)
                    if old is not None and old.value != value and origin_of.get(k) is not None:
                        self.error("R111", f"'{form}' is in lexicon '{lex.name}' twice, as {old.value} and {value}",
                                   e.pos, hint=f"first at {old.origin}")
                    comp.by_key[k] = entry
                    origin_of[k] = entry.origin
            comp.entries.append(entry)
        self.lexicons[lex.name] = comp

    def finish_lexicons(self) -> None:
        """Build each lexicon's alternation (longest phrase first) once all entries are known."""
        for comp in self.lexicons.values():
            seqs: dict[tuple[str, ...], int] = {}
            for e in comp.entries:
                for form in e.forms:
                    for seq in self.phrase_atoms(form):
                        seqs[tuple(seq)] = max(seqs.get(tuple(seq), 0), len(form))
            ordered = sorted(seqs, key=lambda q: (-seqs[q], q))
            comp.regex = _trie_regex(ordered) if ordered else "(?!)"
        nw = self.lexicons.get("number_word")
        if nw:
            for key, e in nw.by_key.items():
                r = N.role(Decimal(str(e.value)), e.attrs) if isinstance(e.value, (int, float)) else None
                if not r:
                    continue
                if len(key) == 1:
                    self.number_roles[key] = r
                # a spelling in several words («هفت‌صد» written «هفت صد») is one number word
                # too: its symbols in a row play its role
                else:
                    self.number_seq_roles[key] = r
                self.number_values[key] = e

    # -- typed captures
    def type_regex(self, t: S.TypeRef) -> str:
        if self.layer > 1 and t.name == "number":
            return _cls(_number_classes(t.lo, t.hi))
        if self.layer > 1 and t.name in KIND_SYMBOLS:
            return KIND_SYMBOLS[t.name]
        if t.name == "int":
            return _cls(_int_shapes(t.lo, t.hi))
        if t.name == "num":
            return _cls(N.NUM_SHAPES)
        if t.name == "ymd":
            return "y"
        if t.name == "time":
            return "t"
        if t.name == "dashrange":
            return "r"
        if t.name == "word":   # any word: unknown ("w") or in some lexicon (a private-use symbol)
            return "[w\ue000-\uf8ff\U000f0000-\U0010fffd]"
        if t.name == "digits":
            return _cls("".join(N.SHAPES))
        if t.name == "end":    # the end of the text: matches no symbol (`followed-by(end | ".")`)
            return r"\Z"
        if t.name in ("number", "words"):
            return self.number_regex(digits=t.name == "number")
        raise KeyError(t.name)

    def number_regex(self, digits: bool) -> str:
        by_role: dict[str, str] = {}
        for sym, r in self.number_roles.items():
            by_role[r] = by_role.get(r, "") + sym
        seqs: dict[str, list[str]] = {}
        for key, r in sorted(self.number_seq_roles.items(), key=lambda kv: (-len(kv[0]), kv[0])):
            seqs.setdefault(r, []).append(JOIN.join(re.escape(ch) for ch in key))
        c = {r: _cls(by_role.get(r, "")) if r not in seqs else "(?:" + "|".join(seqs[r] + [_cls(by_role.get(r, ""))]) + ")"
             for r in "OETHSF"}
        j = self.lexicons["number_joiner"].regex if "number_joiner" in self.lexicons else "(?!)"
        # a hundred may be followed by its tens and ones without «و» («دویست سی و پنج»)
        # and, in `number`, by them in digits after «و» («دو صد و ۴۱ هزار»)
        low = f"|{j} ?[a]" if digits else ""
        group = (f"(?:{c['H']}(?: ?(?:(?:{j} ?)?(?:{c['T']}(?: ?(?:{j} ?)?{c['O']})?|{c['E']}|{c['O']}){low}))?"
                 f"|{c['T']}(?: ?(?:{j} ?)?{c['O']})?|{c['E']}|{c['O']})")
        base = f"(?:{_cls(N.NUM_SHAPES)}|{group})" if digits else group
        unit = f"(?:{base}(?: ?{j} ?{c['F']})?|{c['F']})"
        part = f"(?:{unit}(?: ?{c['S']})+|{c['S']}(?: ?{c['S']})*)"
        # parts may follow each other without «و» («دو میلیون سیصد هزار», "nine hundred ninety-nine")
        rest = f"(?: ?(?:{j} ?)?{part})*(?: ?(?:{j} ?)?{unit})?"
        # = (?:{part}{rest}|{unit}), factored so the first unit is matched once, not twice
        return f"(?:{unit}(?:(?: ?{c['S']})+{rest})?|{c['S']}(?: ?{c['S']})*{rest})"

    def numberish(self) -> frozenset:
        """Every symbol a number can be made of (digit shapes, number words, joiners)."""
        if self._numberish is None:
            joiners = self.lexicons.get("number_joiner")
            keys = joiners.by_key if joiners else {}
            self._numberish = (frozenset(self.number_roles) | frozenset("".join(keys)) | frozenset(N.NUM_SHAPES)
                               | frozenset("".join(self.number_seq_roles)))
        return self._numberish

    def _numberish_only(self, node: S.Node) -> bool:
        """Whether a pattern item can only consume number symbols and spaces."""
        if isinstance(node, (S.Capture, S.Longest)):
            return self._numberish_only(node.node)
        if isinstance(node, S.TypeRef):
            return self.layer == 1 and node.name in ("number", "words", "num", "int")
        if isinstance(node, S.LexRef):
            lex = self.lexicons.get(node.name)
            return bool(lex and lex.by_key) and set("".join(lex.by_key)) <= self.numberish()
        if isinstance(node, S.Repeat):
            return self._numberish_only(node.node)
        if isinstance(node, S.Seq):
            return all(self._numberish_only(x) for x in node.items)
        if isinstance(node, S.Alt):
            return all(self._numberish_only(x) for x in node.options)
        return False

    def _after_number(self, rest: tuple) -> set[str] | None:
        """The symbols that must come after a run of number items when ``rest`` follows it, if
        none of them can continue a number; else None (no shortcut is safe)."""
        if not rest or any(isinstance(x, S.Look) for x in rest):
            return None
        f, nullable = self.first(S.Seq(tuple(rest)))
        if f is None or nullable or not f or f & self.numberish():
            return None
        return f

    def _number_guard(self, items: tuple, i: int) -> str:
        """A cheap lookahead before a run of number items (``a:number`` in «a:number @percent_sign»):
        a number consumes only number symbols and spaces, so the first other symbol after it must
        be one the rest of the pattern starts with. Skipping those symbols in C rejects most
        places before the number pattern is tried at all (most numbers are not followed by
        «درصد» or «تا»)."""
        if self.layer != 1 or not self._numberish_only(items[i]) or (i and self._numberish_only(items[i - 1])):
            return ""
        k = i
        while k < len(items) and self._numberish_only(items[k]):
            k += 1
        f = self._after_number(items[k:])
        run = _cls("".join(sorted(self.numberish() | {SPACE})))
        if f is None:
            # what follows can itself begin with a number word («سی ام» among the ordinals):
            # the guard then only asks that one of its first symbols comes within the run or
            # right after it (the run is read back, not possessively)
            rest = tuple(items[k:])
            g, nullable = self.first(S.Seq(rest)) if rest and not any(isinstance(x, S.Look) for x in rest) else (None, True)
            if g is None or nullable or not g:
                return ""
            return f"(?={run}{{0,{GUARD_SPAN}}}{_cls(''.join(sorted(g)))}|{run}{{{GUARD_SPAN}}})"
        # bounded, so a text that is one long run of number words stays linear: past
        # GUARD_SPAN symbols the guard lets the number pattern decide
        return f"(?={run}{{0,{GUARD_SPAN}}}+{_cls(''.join(sorted(f)))}|{run}{{{GUARD_SPAN}}})"

    def _atomic_number(self, item: S.Node, rest: tuple) -> bool:
        """Whether a number item may match atomically (no backtracking into it): when what must
        come right after it can never continue a number, a shorter number could not let the rest
        match either, so backtracking would only cost time."""
        node = item.node if isinstance(item, S.Capture) else item
        if self.layer != 1 or not isinstance(node, S.TypeRef) or node.name not in ("number", "words"):
            return False
        return self._after_number(rest) is not None

    # -- patterns
    def node_regex(self, node: S.Node, caps: list[CaptureSpec], rule: S.Rule) -> str:
        if isinstance(node, S.Seq):
            out = ""
            for i, item in enumerate(node.items):
                r = self.node_regex(item, caps, rule)
                if self._atomic_number(item, node.items[i + 1:]):
                    r = f"(?>{r})"
                out += self._number_guard(node.items, i)
                if isinstance(item, S.Look):
                    out += r
                elif isinstance(item, S.Repeat) and item.quant in "?*":
                    out += r if i == 0 else r.replace("(?:", "(?: ?", 1) if r.startswith("(?:") else r
                else:
                    out += r if i == 0 else JOIN + r
            return out
        if isinstance(node, S.Alt):
            return "(?:" + "|".join(self.node_regex(o, caps, rule) for o in node.options) + ")"
        if isinstance(node, S.Repeat):
            inner = self.node_regex(node.node, caps, rule)
            if node.quant == "?":
                return f"(?:{inner})?"
            if node.quant == "*":
                return f"(?:{inner}(?: ?{inner})*)?" if "(?P<" not in inner else f"(?:{inner})?"
            return f"(?:{inner})(?: ?(?:{inner}))*" if "(?P<" not in inner else f"(?:{inner})"
        if isinstance(node, S.Longest):   # an atomic group: the regex never retries it shorter
            return "(?>" + self.node_regex(node.node, caps, rule) + ")"
        if isinstance(node, S.Look):
            n = len(caps)
            inner = self.node_regex(node.node, caps, rule)
            if len(caps) > n:
                self.look_caps = True
            return f"(?! ?{inner})" if node.negative else f"(?= ?{inner})"
        if isinstance(node, S.Lit):
            return "(?:" + self.phrase_regex(node.text)[0] + ")"
        if isinstance(node, S.LexRef):
            lex = self.lexicons.get(node.name)
            if lex is None:
                self.error("R102", f"unknown lexicon '@{node.name}'", node.pos, hint=_near(node.name, self.lexicons))
                return "(?!)"
            return lex.regex
        if isinstance(node, S.TypeRef):
            if node.name not in self.TYPES and not (self.layer > 1 and node.name in KIND_SYMBOLS):
                self.error("R103", f"unknown capture type '{node.name}'", node.pos,
                           hint="types are: " + ", ".join(self.TYPES) + "; a lexicon needs '@'")
                return "(?!)"
            if node.lo is not None and node.hi is not None and node.lo > node.hi:
                self.error("R107", f"range {node.lo:g}..{node.hi:g} is empty", node.pos, hint="write the smaller bound first")
            if node.name in ("number", "words") and self.layer == 1 and "number_word" not in self.lexicons:
                self.error("R112", f"type '{node.name}' needs a lexicon named 'number_word'", node.pos)
                return "(?!)"
            return self.type_regex(node)
        if isinstance(node, S.Capture):
            g = f"g{len(caps)}"
            inner_node = node.node
            if isinstance(inner_node, S.LexRef):
                spec = CaptureSpec(g, node.name, "lexicon", inner_node.name)
            elif isinstance(inner_node, S.TypeRef):
                kind = "mention" if self.layer > 1 and inner_node.name in KIND_SYMBOLS else "type"
                spec = CaptureSpec(g, node.name, kind, inner_node.name, inner_node.lo, inner_node.hi)
            elif (self.layer > 1 and isinstance(inner_node, S.Alt)   # `n:(money | quantity)`: one mention of either kind
                  and all(isinstance(o, S.TypeRef) and o.name in KIND_SYMBOLS for o in inner_node.options)):
                spec = CaptureSpec(g, node.name, "mention", "|".join(o.name for o in inner_node.options))
            else:
                spec = CaptureSpec(g, node.name, "text", "")
            caps.append(spec)
            return f"(?P<{g}>{self.node_regex(inner_node, caps, rule)})"
        raise TypeError(node)

    def compile_rule(self, rule: S.Rule, order: int, published: str | None) -> CompiledRule | None:
        if not rule.patterns or rule.production is None:
            self.error("R109", f"rule '{rule.name}' needs a `match` line and a `yield` line", rule.pos)
            return None
        caps: list[CaptureSpec] = []
        self.layer = rule.layer
        self.look_caps = False
        alts = [self.node_regex(p, caps, rule) for p in rule.patterns]
        names = {c.name for c in caps}
        prod = rule.production
        if prod.name not in self.productions:
            self.error("R104", f"unknown production '{prod.name}'", prod.pos,
                       hint="productions are: " + ", ".join(sorted(self.productions)))
        for a in prod.args:
            if a.ref is not None and a.ref not in names:
                self.error("R108", f"yield uses '{a.ref}', which the match does not capture", a.pos,
                           hint=("captures are: " + ", ".join(sorted(names))) if names else "capture with name:@lexicon or name:type")
        if not rule.examples:
            self.error("R110", f"rule '{rule.name}' has no examples", rule.pos,
                       hint='add `example "…" => value` and `reject "…"` lines')
        src = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        try:
            regex = re.compile(src)
        except re.error as e:  # a compiler bug, not a user mistake; say where
            self.error("R100", f"rule '{rule.name}' could not be compiled ({e})", rule.pos)
            return None
        first: set[str] | None = set()
        for p in rule.patterns:
            f, nullable = self.first(p)
            if f is None or nullable or first is None:
                first = None
            else:
                first |= f
        return CompiledRule(rule.name, rule.priority, order, f"{rule.pos.path}:{rule.pos.line}", regex, tuple(caps),
                            prod.name, tuple((a.ref, a.const) for a in prod.args), rule.examples, published,
                            rule.layer, rule.keep, frozenset(first) if first is not None else None,
                            not self.look_caps, rule.head, rule.undated,
                            rule_pairs(self, rule.patterns) if first is not None else (),
                            rule_needs(self, rule.patterns) if first is None else ())


def _trie_regex(seqs: list[tuple[str, ...]]) -> str:
    """One alternation for many token sequences, factored by their first tokens.

    A flat ``a b|a c|d|…`` makes the regex engine try every branch in turn at every place; the
    trie ``a(?: ?(?:b|c))|d`` decides on one token. Longer sequences come first, as in the
    longest-first flat list, so the match a rule gets is the same."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for q in seqs:
        groups.setdefault(q[0], []).append(q[1:])
    alts, singles = [], []
    for atom, rests in groups.items():
        longer = [r for r in rests if r]
        if not longer:
            singles.append(atom)
            continue
        tail = "(?:" + JOIN + _trie_regex(longer) + ")"
        alts.append(atom + tail + ("?" if len(longer) < len(rests) else ""))
    plain = [a for a in singles if len(a) == 1 or (len(a) == 2 and a[0] == "\\")]
    if len(plain) > 1:
        singles = [a for a in singles if a not in plain] + ["[" + "".join(plain) + "]"]
    out = alts + singles
    return out[0] if len(out) == 1 else "(?:" + "|".join(out) + ")"


def _near(name: str, known) -> str:
    import difflib
    m = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean '@{m[0]}'?" if m else ""
