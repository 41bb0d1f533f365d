"""The syntax of `check` blocks: the block's lines (`code`, `severity`, `applies`, `where`,
`when`, `evidence`, `message`, `example`, `reject`) parsed into a `CheckBlock`, and the small
expression language of conditions and message placeholders parsed by a pyparsing infix grammar
into a tree of `E` nodes. Importing this module registers the `check` block kind with the rule
grammar; nothing here evaluates anything (expr.py compiles the tree).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyparsing as pp

from ...lang import syntax as S
from ...lang.grammar import EXAMPLE, REJECT, block

SEVERITIES = ("info", "warning", "error")
LANGS = ("fa", "en")


@dataclass(frozen=True, slots=True)
class E:
    """An expression node: op is num|str|const|lex|name|call|list|un|bin."""
    op: str
    args: tuple
    loc: int = 0


@dataclass(frozen=True, slots=True)
class Template:
    lang: str
    parts: tuple          # str pieces and (E, col) placeholders
    pos: S.Pos


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    params: tuple[tuple[str, Any], ...]   # (param, ("lex", name) | number | str)
    pos: S.Pos


@dataclass(frozen=True, slots=True)
class CheckBlock:
    name: str
    code: str | None
    severity: str | None
    source: Source | None
    where: tuple[E, S.Pos] | None
    when: tuple[E, S.Pos] | None
    evidence: tuple[tuple[str, E, S.Pos], ...]
    messages: tuple[Template, ...]
    examples: tuple[S.Example, ...]
    pos: S.Pos
    severity_pos: S.Pos | None = None
    code_pos: S.Pos | None = None


# --- the expression grammar ---------------------------------------------------------------

_KEYWORDS = ("and", "or", "not", "in", "none", "true", "false")
_WORD = pp.Regex(r"[A-Za-z_][A-Za-z0-9_]*")
_NAME = ~pp.MatchFirst([pp.Keyword(k) for k in _KEYWORDS]) + _WORD
_expr = pp.Forward().set_name("expression")


def _num_node(s: str, loc: int, t: pp.ParseResults) -> E:
    v = t[0]
    return E("num", (float(v) if "." in v else int(v),), loc)


def _unary(s: str, loc: int, t: pp.ParseResults) -> E:
    op, x = t[0][0], t[0][1]
    return E("un", (op, x), loc)


def _binary(s: str, loc: int, t: pp.ParseResults) -> E:
    items = list(t[0])
    node = items[0]
    for i in range(1, len(items), 2):
        node = E("bin", (items[i], node, items[i + 1]), loc)
    return node


_NUMLIT = pp.Regex(r"\d+(?:\.\d+)?").set_parse_action(_num_node).set_name("number")
_STRLIT = (pp.QuotedString('"', esc_char="\\") | pp.QuotedString("'", esc_char="\\")).set_parse_action(
    lambda s, l, t: E("str", (t[0],), l))
_CONST = (pp.Keyword("none") | pp.Keyword("true") | pp.Keyword("false")).set_parse_action(
    lambda s, l, t: E("const", ({"none": None, "true": True, "false": False}[t[0]],), l))
_LEXREF = (pp.Suppress("@") + _WORD).set_parse_action(lambda s, l, t: E("lex", (t[0],), l))
_CALLX = (_NAME + pp.Suppress("(") + pp.Group(pp.Optional(pp.DelimitedList(_expr))) + pp.Suppress(")")
          ).set_parse_action(lambda s, l, t: E("call", (t[0], tuple(t[1])), l))
_PATHX = (_NAME + pp.ZeroOrMore(pp.Suppress(".") + _WORD)).set_parse_action(
    lambda s, l, t: E("name", (t[0], tuple(t[1:])), l))
_LISTX = (pp.Suppress("[") + pp.Group(pp.Optional(pp.DelimitedList(_expr))) + pp.Suppress("]")
          ).set_parse_action(lambda s, l, t: E("list", (tuple(t[0]),), l))
_OPERAND = _NUMLIT | _STRLIT | _CONST | _LEXREF | _CALLX | _PATHX | _LISTX
_CMP = (pp.Regex(r"==|!=|<=|>=|<|>")
        | (pp.Keyword("not") + pp.Keyword("in")).set_parse_action(lambda: "not in")
        | pp.Keyword("in"))
_expr <<= pp.infix_notation(_OPERAND, [
    (pp.Literal("-"), 1, pp.OpAssoc.RIGHT, _unary),
    (pp.one_of("* /"), 2, pp.OpAssoc.LEFT, _binary),
    (pp.one_of("+ -"), 2, pp.OpAssoc.LEFT, _binary),
    (_CMP, 2, pp.OpAssoc.LEFT, _binary),
    (pp.Keyword("not"), 1, pp.OpAssoc.RIGHT, _unary),
    (pp.Keyword("and"), 2, pp.OpAssoc.LEFT, _binary),
    (pp.Keyword("or"), 2, pp.OpAssoc.LEFT, _binary),
])
EXPR = _expr + pp.StringEnd()

_PARAM_VALUE = ((pp.Suppress("@") + _WORD).set_parse_action(lambda t: ("lex", t[0]))
                | pp.Regex(r"\d+(?:\.\d+)?").set_parse_action(lambda t: float(t[0]))
                | pp.QuotedString('"', esc_char="\\"))
APPLIES = (_WORD("name") + pp.Optional(
    pp.Suppress("(") + pp.Group(pp.Optional(pp.DelimitedList(pp.Group(_WORD + pp.Suppress("=") + _PARAM_VALUE))))("params")
    + pp.Suppress(")")) + pp.StringEnd())
EVIDENCE = _WORD("name") + pp.Suppress("=") + pp.Regex(r".+")("expr")
MESSAGE = pp.one_of(" ".join(LANGS))("lang") + pp.QuotedString('"', esc_char="\\")("text") + pp.StringEnd()
CHECK_HEAD = pp.Regex(r"[A-Za-z_][A-Za-z0-9_]*(?:[.\-][A-Za-z0-9_]+)*")("name") + pp.StringEnd()
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def _parse_template(ctx, lang: str, text: str, ln: int, col0: int) -> Template | None:
    parts: list = []
    last = 0
    ok = True
    for m in _PLACEHOLDER.finditer(text):
        parts.append(text[last:m.start()])
        if m.group(0) in ("{{", "}}"):
            parts.append(m.group(0)[0])
        else:
            r = ctx.parse(EXPR, m.group(1), ln, col0 + m.start(1))
            if r is None:
                ok = False
            else:
                parts.append((r[0], col0 + m.start(1)))
        last = m.end()
    parts.append(text[last:])
    return Template(lang, tuple(p for p in parts if p != ""), S.Pos(ctx.path, ln, col0)) if ok else None


@block("check")
def _check(ctx, head: str, hline: int, body: list[tuple[int, str]]) -> CheckBlock | None:
    r = ctx.parse(CHECK_HEAD, head, hline, len("check ") + 1)
    if r is None:
        return None
    code = severity = None
    code_pos = sev_pos = None
    source = where = when = None
    evidence: list = []
    messages: list = []
    examples: list = []
    for ln, text in body:
        indent = len(text) - len(text.lstrip())
        kw, _, rest = text.strip().partition(" ")
        rest = rest.strip()
        col0 = indent + len(kw) + 2
        pos = S.Pos(ctx.path, ln, col0)
        if kw == "code":
            c = ctx.parse(CHECK_HEAD, rest, ln, col0)
            if c is not None:
                code, code_pos = c["name"], pos
        elif kw == "severity":
            severity, sev_pos = rest, pos
        elif kw == "applies":
            a = ctx.parse(APPLIES, rest, ln, col0)
            if a is not None:
                params = tuple((g[0], g[1]) for g in a["params"]) if "params" in a else ()
                source = Source(a["name"], params, pos)
        elif kw in ("where", "when"):
            e = ctx.parse(EXPR, rest, ln, col0)
            node = (e[0] if e is not None else None, pos)    # (None, pos): reported already
            if kw == "where":
                where = node
            else:
                when = node
        elif kw == "evidence":
            v = ctx.parse(EVIDENCE, rest, ln, col0)
            if v is not None:
                ecol = col0 + rest.index("=") + 1
                etext = v["expr"]
                ecol += len(etext) - len(etext.lstrip())
                e = ctx.parse(EXPR, etext.strip(), ln, ecol)
                if e is not None:
                    evidence.append((v["name"], e[0], S.Pos(ctx.path, ln, ecol)))
        elif kw == "message":
            m = ctx.parse(MESSAGE, rest, ln, col0)
            if m is not None:
                tcol = col0 + rest.index('"') + 1
                t = _parse_template(ctx, m["lang"], m["text"], ln, tcol)
                if t is not None:
                    messages.append(t)
        elif kw in ("example", "reject"):
            e = ctx.parse(EXAMPLE if kw == "example" else REJECT, rest, ln, col0)
            if e is not None:
                expected = e["expected"] if "expected" in e else None
                examples.append(S.Example(e["text"], expected, kw == "reject",
                                          e["published"] if "published" in e else None,
                                          S.Pos(ctx.path, ln, indent + 1)))
        else:
            ctx.error("R100", f"unknown line '{kw}' in a check", ln, indent + 1,
                      hint="a check has `code`, `severity`, `applies`, `where`, `when`, `evidence`, "
                           "`message`, `example` and `reject` lines")
    return CheckBlock(r["name"], code, severity, source, where, when, tuple(evidence), tuple(messages),
                      tuple(examples), S.Pos(ctx.path, hline), sev_pos, code_pos)
