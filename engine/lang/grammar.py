"""The rule language's grammar (pyparsing) and the block reader that turns a file into syntax.

Rule files are line oriented: a block opens with a header (`lexicon NAME`, `rule NAME`) and
closes with `end`; each line inside is parsed on its own, so one bad line yields one error
and the reader goes on to find the others. pyparsing never runs on article text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

import pyparsing as pp

from . import syntax as S
from ..errors import RuleError

pp.ParserElement.enable_packrat()

# --- tokens -----------------------------------------------------------------
IDENT = pp.Regex(r"[A-Za-z_][A-Za-z0-9_]*(?:[.\-][A-Za-z0-9_]+)*").set_name("name")
QSTRING = pp.QuotedString('"', esc_char="\\", unquote_results=True).set_name("quoted text")
NUMBER = pp.Regex(r"[+-]?\d+(?:\.\d+)?(?:[eE]\d+)?").set_name("number")
DATE = pp.Regex(r"\d{4}-\d{2}-\d{2}").set_name("date")
PUBLISHED = pp.Regex(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?").set_name("date or date-time")   # an example's publication
INTERVAL = pp.Regex(r"(?:[+-]?\d+(?:\.\d+)?(?:[eE]\d+)?)?\.\.(?:[+-]?\d+(?:\.\d+)?(?:[eE]\d+)?)?").set_name("interval")
DATE_INTERVAL = pp.Regex(r"\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}").set_name("date interval")
# an example's publication: a day, or a day and a time ("2015-10-08T10:30") for relative times
PUBLISHED = pp.Regex(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?").set_name("date")


def _num(s: str) -> int | float:
    f = float(s)
    return int(f) if f.is_integer() and "." not in s and "e" not in s.lower() else f


def _interval(s: str) -> S.Interval:
    lo, hi = s.split("..")
    return S.Interval(_num(lo) if lo else None, _num(hi) if hi else None)


VALUE = (
    DATE_INTERVAL.copy().set_parse_action(lambda t: t[0])
    | DATE.copy().set_parse_action(lambda t: t[0])
    | INTERVAL.copy().set_parse_action(lambda t: _interval(t[0]))
    | NUMBER.copy().set_parse_action(lambda t: _num(t[0]))
    | QSTRING.copy().set_parse_action(lambda t: t[0])
    | IDENT.copy().set_parse_action(lambda t: S.Ident(t[0]))
).set_name("value")

ATTR = pp.Group(IDENT + pp.Optional(pp.Suppress("=") + VALUE, default=True)).set_name("attribute")

# Lexicon entry: `word | other spelling | two words = value attr key=value`
FORM = (QSTRING | pp.Regex(r'[^\s|="#]+(?:[ \t]+[^\s|="#]+)*')).set_name("word")
ENTRY = (
    pp.Group(pp.DelimitedList(FORM, delim="|"))("forms")
    + pp.Suppress("=")
    + VALUE("value")
    + pp.Group(pp.ZeroOrMore(ATTR))("attrs")
    + pp.StringEnd()
)

# Pattern: sequence of items, `|` alternatives, `( … )` groups, `name:atom` captures.
# Parse actions build syntax nodes directly; `_WHERE` holds the file and line being parsed.
_WHERE: list = ["", 0, 0]


def _p(loc: int) -> S.Pos:
    return S.Pos(_WHERE[0], _WHERE[1], _WHERE[2] + loc)


def _seq_or_one(items: list) -> S.Node:
    return items[0] if len(items) == 1 else S.Seq(tuple(items))


_pattern = pp.Forward().set_name("pattern")
RANGE = pp.Suppress("(") + pp.Regex(r"[+-]?\d+(?:\.\d+)?")("lo") + pp.Suppress("..") + pp.Regex(r"[+-]?\d+(?:\.\d+)?")("hi") + pp.Suppress(")")
LOOK_KW = pp.Regex(r"not-followed-by|followed-by")
LOOK = (LOOK_KW + pp.Suppress("(") + _pattern + pp.Suppress(")")).set_parse_action(
    lambda s, loc, t: S.Look(t[0] == "not-followed-by", t[1], _p(loc)))
LONGEST = (pp.Keyword("longest") + pp.Suppress("(") + _pattern + pp.Suppress(")")).set_parse_action(
    lambda s, loc, t: S.Longest(t[1], _p(loc)))
GROUP = (pp.Suppress("(") + _pattern + pp.Suppress(")")).set_parse_action(lambda t: t[0])
LEXREF = (pp.Suppress("@") + IDENT).set_parse_action(lambda s, loc, t: S.LexRef(t[0], _p(loc)))
LIT = QSTRING.copy().set_parse_action(lambda s, loc, t: S.Lit(t[0], _p(loc)))
TYPEREF = (IDENT + pp.Optional(RANGE)).set_parse_action(
    lambda s, loc, t: S.TypeRef(t[0], float(t["lo"]) if "lo" in t else None, float(t["hi"]) if "hi" in t else None, _p(loc)))
ATOM = LOOK | LONGEST | LEXREF | LIT | GROUP | TYPEREF
CAPTURE = (IDENT + pp.Suppress(":") + ATOM).set_parse_action(lambda s, loc, t: S.Capture(t[0], t[1], _p(loc)))
ITEM = ((CAPTURE | ATOM) + pp.Optional(pp.one_of("? * +"))).set_parse_action(
    lambda s, loc, t: S.Repeat(t[0], t[1], _p(loc)) if len(t) > 1 else t[0])
SEQ = pp.OneOrMore(ITEM).set_parse_action(lambda t: _seq_or_one(list(t)))
_pattern <<= (SEQ + pp.ZeroOrMore(pp.Suppress("|") + SEQ)).set_parse_action(
    lambda t: t[0] if len(t) == 1 else S.Alt(tuple(t)))
PATTERN = _pattern + pp.StringEnd()

ARG = pp.Group(IDENT("ref") | VALUE("const"))
CALL = IDENT("name") + pp.Suppress("(") + pp.Group(pp.Optional(pp.DelimitedList(ARG)))("args") + pp.Suppress(")") + pp.StringEnd()
EXAMPLE = QSTRING("text") + pp.Optional(pp.Suppress("=>") + VALUE("expected")) + pp.Optional(pp.Keyword("published") + PUBLISHED("published")) + pp.StringEnd()
REJECT = QSTRING("text") + pp.Optional(pp.Keyword("published") + PUBLISHED("published")) + pp.StringEnd()
RULE_HEAD = (IDENT("name") + pp.ZeroOrMore(
    (pp.Keyword("priority") + NUMBER("priority")) | (pp.Keyword("layer") + pp.Regex(r"[123]")("layer"))
    | pp.Keyword("keep")("keep") | (pp.Keyword("head") + pp.Regex(r"[0-9]+")("head"))
    | pp.Keyword("undated")("undated")) + pp.StringEnd())
NAME_ONLY = IDENT("name") + pp.StringEnd()


# --- the block reader -------------------------------------------------------

_COMMENT = re.compile(r'\s*(?:#.*)?$')


def _strip_comment(line: str) -> str:
    """Drop a `#` comment that is not inside a quoted string."""
    in_q = False
    esc = False
    for i, ch in enumerate(line):
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == '"':
            in_q = not in_q
        elif ch == "#" and not in_q:
            return line[:i].rstrip()
    return line.rstrip()


@dataclass
class _Ctx:
    path: str
    lines: list[str]
    errors: list[RuleError]

    def error(self, code: str, msg: str, line: int, col: int = 1, hint: str = "") -> None:
        src = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.errors.append(RuleError(code, msg, self.path, line, col, src, hint))

    def parse(self, element: pp.ParserElement, text: str, line: int, col0: int) -> pp.ParseResults | None:
        try:
            return element.parse_string(text, parse_all=True)
        except pp.ParseBaseException as e:
            self.error("R100", f"expected {_expected(e)}, found {_found(text, e.loc)}", line, col0 + e.loc)
            return None


def _expected(e: pp.ParseBaseException) -> str:
    msg = str(e.msg)
    return msg[len("Expected "):] if msg.startswith("Expected ") else msg


def _found(text: str, loc: int) -> str:
    rest = text[loc:].strip()
    return f"'{rest[:20]}'" if rest else "end of line"


def _pos(ctx: _Ctx, line: int, col: int = 1) -> S.Pos:
    return S.Pos(ctx.path, line, col)


def _attrs(r: pp.ParseResults) -> tuple[tuple[str, S.Value], ...]:
    return tuple((a[0], a[1]) for a in r)


BlockHandler = Callable[[_Ctx, str, int, list[tuple[int, str]]], object]
_BLOCKS: dict[str, BlockHandler] = {}


def block(keyword: str) -> Callable[[BlockHandler], BlockHandler]:
    """Register a block kind; later stages (checks, units) add theirs."""
    def deco(fn: BlockHandler) -> BlockHandler:
        _BLOCKS[keyword] = fn
        return fn
    return deco


@block("lexicon")
def _lexicon(ctx: _Ctx, head: str, hline: int, body: list[tuple[int, str]]) -> S.Lexicon | None:
    r = ctx.parse(NAME_ONLY, head, hline, len("lexicon ") + 1)
    if r is None:
        return None
    entries = []
    examples: list[S.Example] = []
    for ln, text in body:
        col0 = len(text) - len(text.lstrip()) + 1
        kw, _, rest = text.strip().partition(" ")
        if kw in ("example", "reject") and rest.lstrip().startswith('"'):
            ex = _example(ctx, kw, rest.strip(), ln, col0 - 1)
            if ex is not None:
                examples.append(ex)
            continue
        e = ctx.parse(ENTRY, text.strip(), ln, col0)
        if e is not None:
            forms = tuple(" ".join(f.split()) for f in e["forms"])
            entries.append(S.Entry(forms, e["value"], _attrs(e["attrs"]), _pos(ctx, ln, col0)))
    return S.Lexicon(r["name"], tuple(entries), _pos(ctx, hline), tuple(examples))


def body_lines(body: list[tuple[int, str]]) -> Iterator[tuple[int, int, str, str, int]]:
    """A block's lines as (line, indent, keyword, the rest, the rest's column): what `rule` and
    `claim` blocks (claims/syntax.py) both read."""
    for ln, text in body:
        indent = len(text) - len(text.lstrip())
        kw, _, rest = text.strip().partition(" ")
        yield ln, indent, kw, rest.strip(), indent + len(kw) + 2


def match_line(ctx: _Ctx, rest: str, ln: int, col0: int, into: list) -> None:
    """A `match` line's pattern appended to ``into`` (an error reported instead when it has one)."""
    _WHERE[:] = [ctx.path, ln, col0]
    p = ctx.parse(PATTERN, rest, ln, col0)
    if p is not None:
        into.append(p[0])


def _example(ctx: _Ctx, kw: str, rest: str, ln: int, indent: int) -> S.Example | None:
    """An `example "…" => value` or `reject "…"` line (of a rule or a lexicon)."""
    e = ctx.parse(EXAMPLE if kw == "example" else REJECT, rest, ln, indent + len(kw) + 2)
    if e is None:
        return None
    expected = e["expected"] if "expected" in e else None
    return S.Example(e["text"], expected, kw == "reject", e["published"] if "published" in e else None,
                     _pos(ctx, ln, indent + 1))


@block("rule")
def _rule(ctx: _Ctx, head: str, hline: int, body: list[tuple[int, str]]) -> S.Rule | None:
    r = ctx.parse(RULE_HEAD, head, hline, len("rule ") + 1)
    if r is None:
        return None
    patterns: list[S.Node] = []
    production: S.Call | None = None
    examples: list[S.Example] = []
    for ln, indent, kw, rest, col0 in body_lines(body):
        if kw == "match":
            match_line(ctx, rest, ln, col0, patterns)
        elif kw == "yield":
            c = ctx.parse(CALL, rest, ln, col0)
            if c is not None:
                args = tuple(
                    S.Arg(a["ref"], None, _pos(ctx, ln, col0)) if "ref" in a
                    else S.Arg(None, a["const"], _pos(ctx, ln, col0))
                    for a in c["args"]
                )
                production = S.Call(c["name"], args, _pos(ctx, ln, col0))
        elif kw in ("example", "reject"):
            ex = _example(ctx, kw, rest, ln, indent)
            if ex is not None:
                examples.append(ex)
        else:
            ctx.error("R100", f"unknown line '{kw}' in a rule", ln, indent + 1,
                      hint="a rule has `match`, `yield`, `example` and `reject` lines")
    prio = int(float(r["priority"])) if "priority" in r else 0
    layer = int(r["layer"]) if "layer" in r else 1
    return S.Rule(r["name"], prio, tuple(patterns), production, tuple(examples), _pos(ctx, hline),
                  layer, "keep" in r, int(r["head"]) if "head" in r else None, "undated" in r)


_HEADER = re.compile(r"(\s*)([A-Za-z_]+)\b(.*)$")
_FILE_DIRECTIVE = re.compile(r"published\s+(\d{4}-\d{2}-\d{2})$")


def parse_rule_file(path: str, text: str, errors: list[RuleError]) -> S.RuleFile:
    """Read one rule file; append every error found to ``errors``."""
    lines = text.splitlines()
    ctx = _Ctx(path, lines, errors)
    lexicons: list[S.Lexicon] = []
    rules: list[S.Rule] = []
    others: list[object] = []
    published: str | None = None
    open_kw: str | None = None
    head = ""
    hline = 0
    body: list[tuple[int, str]] = []
    for i, raw in enumerate(lines, 1):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        m = _HEADER.match(line)
        kw = m.group(2) if m else ""
        if open_kw is None:
            if kw in _BLOCKS:
                open_kw, head, hline, body = kw, m.group(3).strip(), i, []
            elif kw == "end":
                ctx.error("R101", "`end` without an open block", i, len(m.group(1)) + 1)
            elif kw == "published" and _FILE_DIRECTIVE.match(line.strip()):
                published = _FILE_DIRECTIVE.match(line.strip()).group(1)
            else:
                ctx.error("R101", f"'{line.strip()[:30]}' outside a block", i, 1,
                          hint="start a block with `lexicon NAME` or `rule NAME`, end it with `end`")
        elif kw == "end" and not m.group(3).strip():
            node = _BLOCKS[open_kw](ctx, head, hline, body)
            if isinstance(node, S.Lexicon):
                lexicons.append(node)
            elif isinstance(node, S.Rule):
                rules.append(node)
            elif node is not None:
                others.append(node)
            open_kw = None
        elif kw in _BLOCKS and not line[:1].isspace():
            ctx.error("R101", f"`{open_kw}` block opened on line {hline} has no `end`", i, 1,
                      hint=f"add `end` before line {i}")
            open_kw, head, hline, body = kw, m.group(3).strip(), i, []
        else:
            body.append((i, line))
    if open_kw is not None:
        ctx.error("R101", f"`{open_kw}` block has no `end`", hline, 1, hint="add `end` at the end of the block")
    return S.RuleFile(path, tuple(lexicons), tuple(rules), published, tuple(others))
