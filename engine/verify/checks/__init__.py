"""Internal consistency checks: `check` blocks in rule files, compiled once, run per article.

A check block (see rules/README.md) names a stable code, a severity, what it applies to, a
condition in a small expression language, evidence, message templates in Persian and English,
and examples. This module:

* registers the `check` block kind with the grammar and parses its lines into `CheckBlock`s;
* parses conditions with a pyparsing infix grammar into a tree and compiles the tree into Python
  closures. Only the names, attributes and functions listed here exist in that language
  (`FUNCTIONS`, `ATTRS`); rule text is never given to eval/exec, and an unknown name is a load
  error with its file:line:col;
* holds the *selectors*: the pairing logic too involved for a condition (a date given in two
  calendars, a range and its stated length, parts and their total …). Selectors read the words
  they need from lexicons named in the rule file (`applies date_pair(link=@date_equivalence)`),
  so no Persian vocabulary lives here;
* evaluates every check over an article's mentions and facts into `Flag`s with original-text
  spans, and a `Coverage` summary of what was checked.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator

import pyparsing as pp

from ...read import calendars as C
from ...lang import syntax as S
from ...read.compiler import NEWLINE, SPACE
from ...read.text import ZWNJ
from ...errors import RuleError
from ...lang.grammar import EXAMPLE, REJECT, block
from ...lang.labels import Labels

SEVERITIES = ("info", "warning", "error")
LANGS = ("fa", "en")
NUMBER_KINDS = ("number", "percent", "quantity", "money", "fraction", "duration")
DATE_KINDS = ("date", "weekday")
TERMINATORS = ".!?؟\n;؛"
PAST_WINDOW_DAYS = 300          # a year-less date is read at most this far before publication …
FUTURE_WINDOW_DAYS = C.FUTURE_WINDOW_DAYS   # … or this far after it (as the date rules do)


# =============================================================================================
# Syntax
# =============================================================================================

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


# =============================================================================================
# Values the expression language works on
# =============================================================================================

@dataclass(frozen=True, slots=True)
class Day:
    """A day as stated: calendar, year, month, day; its Gregorian day and the days it may denote
    (a lunar Hijri day ±1); `inferred` when the text gave no year."""
    cal: str
    y: int
    m: int
    d: int
    g: date
    lo: date
    hi: date
    inferred: bool = False


class Item:
    """A mention or a fact as the expression language sees it (attributes via `ATTRS` only)."""
    __slots__ = ("m", "fact", "tok", "index", "pub", "_day", "_isday", "count", "memo", "sent")

    def __init__(self, m, tok: tuple[int, int] | None, index: int, fact=None, pub: date | None = None) -> None:
        self.m = m
        self.pub = pub
        self.fact = fact
        self.tok = tok
        self.index = index
        self._day: Any = False
        self._isday: bool | None = None
        self.memo: dict | None = None           # per-item results of costly functions (weekdays)
        self.sent: tuple[int, int] | None = None  # token range of its sentence, set by Run
        # a stated whole count: a plain number (or a quantity) that is not hedged
        self.count = (m is not None and m.kind in ("number", "quantity") and not m.hedge
                      and isinstance(m.value, int) and m.value >= 0)

    @property
    def kind(self) -> str:
        return "fact" if self.fact is not None else self.m.kind

    @property
    def ex(self) -> dict:
        return self.m.extra if self.m is not None else {}

    def ids(self) -> tuple[str, ...]:
        if self.fact is not None:
            return tuple(self.fact.mentions)
        return (self.m.id,)

    def span(self) -> tuple[int, int]:
        if self.fact is not None:
            return tuple(self.fact.span)
        return (self.m.start, self.m.end)

    def __repr__(self) -> str:
        return f"Item({self.kind} {self.m.text if self.m else ''!r})"


def _iso(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, str) and len(v) == 10:
        try:
            return date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _num(v: Any) -> float | int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return v
    return None


def _value(it: Item) -> Any:
    if it.fact is not None:
        return _num(it.fact.value)
    m = it.m
    if m.kind == "date":
        d = day_of(it)
        return d.g if d is not None else _iso(m.value)
    if m.kind == "weekday":
        return m.value
    return _num(m.value)


def _bound(it: Item, k: int) -> Any:
    iv = it.fact.interval if it.fact is not None else it.m.interval
    if iv is None:
        return None
    v = iv[k]
    return _iso(v) if it.kind == "date" else _num(v)


def _stated(it: Item, part: str) -> Any:
    return (it.ex.get("stated") or {}).get(part)


ATTRS: dict[str, Callable[[Item], Any]] = {
    "text": lambda it: it.m.text if it.fact is None else it.fact.subject.get("text"),
    "kind": lambda it: it.kind,
    "value": _value,
    "lo": lambda it: _bound(it, 0),
    "hi": lambda it: _bound(it, 1),
    "precision": lambda it: (it.fact.precision if it.fact is not None else it.m.precision),
    "hedged": lambda it: bool(it.fact.hedge if it.fact is not None else it.m.hedge),
    "hedge": lambda it: (it.fact.hedge if it.fact is not None else it.m.hedge),
    "unit": lambda it: (it.fact.unit if it.fact is not None else it.ex.get("unit")),
    "base": lambda it: _num(it.ex.get("base_value")) if "base_value" in it.ex else _value(it),
    "base_lo": lambda it: _num((it.ex.get("base_interval") or (None, None))[0]) if "base_interval" in it.ex else _bound(it, 0),
    "base_hi": lambda it: _num((it.ex.get("base_interval") or (None, None))[1]) if "base_interval" in it.ex else _bound(it, 1),
    "base_unit": lambda it: it.ex.get("base_unit"),
    "calendar": lambda it: it.ex.get("calendar"),
    "weekday": lambda it: it.m.value if it.m.kind == "weekday" else it.ex.get("weekday"),
    "year": lambda it: _stated(it, "year"),
    "month": lambda it: _stated(it, "month"),
    "day": lambda it: _stated(it, "day"),
    "year_stated": lambda it: _stated(it, "year") is not None,
    "year_inferred": lambda it: bool(it.ex.get("year_inferred")),
    "valid": lambda it: it.ex.get("valid", True) is not False,
    "reason": lambda it: it.ex.get("reason"),
    "range": lambda it: bool(it.ex.get("range")),
    "since": lambda it: bool(it.ex.get("since")),
    "named": lambda it: bool(it.ex.get("named_event")),
    "relative": lambda it: it.ex.get("relative") is not None,
    "first": lambda it: _bound(it, 0) if it.kind == "date" else None,
    "last": lambda it: _bound(it, 1) if it.kind == "date" else None,
    "days": lambda it: _num(it.m.value) if it.kind == "duration" else None,
    "amount": lambda it: _num(it.ex.get("amount")),
    "subject": lambda it: it.fact.subject.get("key") if it.fact is not None else None,
    "predicate": lambda it: (it.fact.predicate or {}).get("key") if it.fact is not None else None,
    "attribution": lambda it: (it.fact.attribution or {}).get("text") if it.fact is not None else None,
    "cumulative": lambda it: bool(it.fact.cumulative) if it.fact is not None else None,
    "start": lambda it: it.span()[0],
    "end": lambda it: it.span()[1],
}

_DAY_ATTRS: dict[str, Callable[[Day], Any]] = {
    "year": lambda d: d.y, "month": lambda d: d.m, "day": lambda d: d.d, "calendar": lambda d: d.cal,
    "value": lambda d: d.g, "first": lambda d: d.lo, "last": lambda d: d.hi, "weekday": lambda d: d.g.weekday(),
}


def _attr(v: Any, name: str) -> Any:
    if v is None:
        return None
    if isinstance(v, Item):
        return ATTRS[name](v)
    if isinstance(v, Day):
        f = _DAY_ATTRS.get(name)
        return f(v) if f else None
    if isinstance(v, date):
        return {"year": v.year, "month": v.month, "day": v.day, "weekday": v.weekday(), "value": v,
                "calendar": "gregorian", "first": v, "last": v}.get(name)
    if isinstance(v, (list, tuple)):
        return [_attr(x, name) for x in v]
    return None


# --- days --------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _plausible(cal: str, m: int, d: int, ref: date) -> tuple[tuple[int, date], ...]:
    """Readings of a year-less day near publication: at most PAST_WINDOW_DAYS before it, at most
    FUTURE_WINDOW_DAYS after it; nearest first."""
    ry = C.from_gregorian(cal, ref)[0]
    out = []
    for y in (ry - 1, ry, ry + 1):
        if C.validate(cal, y, m, d) is None:
            g = C.to_gregorian(cal, y, m, d)
            if -PAST_WINDOW_DAYS <= (g - ref).days <= FUTURE_WINDOW_DAYS:
                out.append((y, g))
    out.sort(key=lambda c: abs((c[1] - ref).days))
    return tuple(out)


@lru_cache(maxsize=8192)
def _make_day(cal: str, y: int, m: int, d: int, inferred: bool) -> Day | None:
    try:
        g = C.to_gregorian(cal, y, m, d)
    except (C.DateError, ValueError):
        return None
    if cal == "hijri":
        lo, hi = C.hijri_interval(y, m, d)
    else:
        lo = hi = g
    return Day(cal, y, m, d, g, lo, hi, inferred)


def day_of(it: Item) -> Day | None:
    """The day a date mention states. A year-less day takes the nearest plausible year (the
    weekday beside it does not choose the year here: checking that weekday is the point)."""
    if it._day is not False:
        return it._day
    out = None
    m = it.m
    ex = m.extra if m is not None else {}
    if m is not None and m.kind == "date" and not ex.get("range") and ex.get("valid", True) is not False:
        st = ex.get("stated") or {}
        cal = ex.get("calendar")
        if cal and "day" in st and "month" in st:
            if st.get("year") is not None:
                out = _make_day(cal, st["year"], st["month"], st["day"], False)
            else:
                ref = it.pub
                if ref is not None:
                    cands = _plausible(cal, st["month"], st["day"], ref)
                    if cands:
                        out = _make_day(cal, cands[0][0], st["month"], st["day"], True)
        elif m.value and not st:
            g = _iso(m.value)
            if g is not None:
                out = Day("gregorian", g.year, g.month, g.day, g, g, g, False)
    it._day = out
    return out


def _as_day(x: Any) -> Day | None:
    if isinstance(x, Day):
        return x
    if isinstance(x, Item):
        return day_of(x)
    if isinstance(x, date):
        return Day("gregorian", x.year, x.month, x.day, x, x, x, False)
    return None


def _shift_year(d: Day, k: int) -> Day | None:
    return _make_day(d.cal, d.y + k, d.m, d.d, d.inferred)


# =============================================================================================
# Functions of the expression language
# =============================================================================================

class Env(dict):
    """Names visible to one evaluation: the selector's bindings, `published`, and evidence,
    computed on first use."""
    __slots__ = ("evidence", "run", "lang")

    def __init__(self, data: dict, evidence: dict, run: "Run", lang: str = "en") -> None:
        super().__init__(data)
        self.evidence = evidence
        self.run = run
        self.lang = lang

    def __missing__(self, key: str) -> Any:
        fn = self.evidence.get(key)
        if fn is None:
            if key == "published":
                return self.run.published
            raise KeyError(key)
        v = self[key] = fn(self)
        return v


def _items_values(x: Any) -> list | None:
    if not isinstance(x, (list, tuple)):
        return None
    out = []
    for v in x:
        v = _value(v) if isinstance(v, Item) else v
        if _num(v) is None:
            return None
        out.append(v)
    return out


def f_sum(env: Env, xs: Any) -> Any:
    vs = _items_values(xs)
    return None if vs is None else sum(vs)


def f_len(env: Env, xs: Any) -> Any:
    return len(xs) if isinstance(xs, (list, tuple)) else None


def f_min(env: Env, *xs: Any) -> Any:
    vs = _items_values(xs[0] if len(xs) == 1 else list(xs))
    return min(vs) if vs else None


def f_max(env: Env, *xs: Any) -> Any:
    vs = _items_values(xs[0] if len(xs) == 1 else list(xs))
    return max(vs) if vs else None


def f_abs(env: Env, x: Any) -> Any:
    x = _val(x)
    return abs(x) if _num(x) is not None else None


def f_round(env: Env, x: Any, n: Any = 0) -> Any:
    x = _val(x)
    if _num(x) is None or _num(n) is None:
        return None
    r = round(x, int(n))
    return int(r) if int(n) <= 0 else r


def f_ratio(env: Env, a: Any, b: Any) -> Any:
    a, b = _val(a), _val(b)
    if _num(a) is None or _num(b) is None or b == 0:
        return None
    return a / b


def f_percent_of(env: Env, part: Any, whole: Any) -> Any:
    r = f_ratio(env, part, whole)
    return None if r is None else 100 * r


def _val(x: Any) -> Any:
    return _value(x) if isinstance(x, Item) else x


def f_lo(env: Env, x: Any) -> Any:
    if isinstance(x, (list, tuple)):
        return [f_lo(env, v) for v in x]
    if isinstance(x, Item):
        return _bound(x, 0)
    return x


def f_hi(env: Env, x: Any) -> Any:
    if isinstance(x, (list, tuple)):
        return [f_hi(env, v) for v in x]
    if isinstance(x, Item):
        return _bound(x, 1)
    return x


def f_rounding(env: Env, x: Any) -> Any:
    """Half the unit of the last stated digit: 0.5 for «۶۸ درصد», 0.05 for «۳۷.۴», 500 for «۱۷۱ هزار»;
    for a list, the sum over its items."""
    if isinstance(x, (list, tuple)):
        rs = [f_rounding(env, v) for v in x]
        return None if any(r is None for r in rs) else sum(rs)
    if isinstance(x, Item):
        p = x.fact.precision if x.fact is not None else x.m.precision
        if p is None:
            v = _value(x)
            if isinstance(v, int):
                return 0.5
            return None
        return p / 2
    return None


def f_share_error(env: Env, part: Any, whole: Any) -> Any:
    """How far 100·part/whole can move when part and whole are rounded as stated (in points)."""
    p, w = _val(part), _val(whole)
    rp, rw = f_rounding(env, part), f_rounding(env, whole)
    if _num(p) is None or _num(w) is None or rp is None or rw is None or w <= rw:
        return None
    hi = 100 * (p + rp) / (w - rw)
    lo = 100 * max(p - rp, 0) / (w + rw)
    mid = 100 * p / w
    return max(hi - mid, mid - lo)


def f_grim(env: Env, percent: Any, whole: Any) -> Any:
    """GRIM: can some whole number k of `whole` things give the stated percentage, within the
    rounding its digits allow? None when the whole is not a stated whole number."""
    n = _val(whole)
    if not isinstance(n, int) or n <= 0 or (isinstance(whole, Item) and (whole.m.hedge or (whole.m.precision or 1) != 1)):
        return None
    lo, hi = f_lo(env, percent), f_hi(env, percent)
    r = f_rounding(env, percent)
    if _num(lo) is None or _num(hi) is None or r is None:
        return None
    lo, hi = lo - r - 1e-9, hi + r + 1e-9
    k = math.ceil(lo * n / 100)
    return k <= n and 100 * k / n <= hi


def f_power_of_ten(env: Env, x: Any) -> Any:
    """Is x 10, 100, 1000 … or 1/10, 1/100 … (a scale slip), within 0.5 %?"""
    x = _val(x)
    if _num(x) is None or x <= 0:
        return None
    e = math.log10(x)
    k = round(e)
    return k != 0 and abs(x / (10 ** k) - 1) <= 0.005


def f_agrees(env: Env, a: Any, b: Any) -> Any:
    """Do two amounts (in their base unit) overlap, allowing each its stated rounding?"""
    if not isinstance(a, Item) or not isinstance(b, Item):
        return None
    alo, ahi, blo, bhi = ATTRS["base_lo"](a), ATTRS["base_hi"](a), ATTRS["base_lo"](b), ATTRS["base_hi"](b)
    ra, rb = _base_rounding(a), _base_rounding(b)
    if alo is None and ahi is None or blo is None and bhi is None:
        return None
    lo1 = -math.inf if alo is None else alo - ra
    hi1 = math.inf if ahi is None else ahi + ra
    lo2 = -math.inf if blo is None else blo - rb
    hi2 = math.inf if bhi is None else bhi + rb
    # values rounded to their stated digits agree when their rounding intervals overlap; two
    # different counts (4 and 5: 3.5–4.5 and 4.5–5.5) only touch, and do not
    eps = 1e-9 * max(1.0, abs(lo1) if lo1 != -math.inf else 1.0, abs(hi1) if hi1 != math.inf else 1.0)
    return lo1 < hi2 - eps and lo2 < hi1 - eps


def _base_rounding(it: Item) -> float:
    p = it.ex.get("base_precision")
    if p is None:
        p = it.m.precision if it.m is not None else None
    return (p or 0) / 2


def f_disjoint(env: Env, a: Any, b: Any) -> Any:
    r = f_agrees(env, a, b)
    return None if r is None else not r


def f_day(env: Env, x: Any) -> Any:
    return _as_day(x)


def f_weekday_of(env: Env, x: Any) -> Any:
    d = _as_day(x)
    return d.g.weekday() if d is not None else None


def f_weekdays(env: Env, x: Any) -> Any:
    if isinstance(x, Item):
        memo = x.memo if x.memo is not None else {}
        x.memo = memo
        if "weekdays" not in memo:
            memo["weekdays"] = _weekdays(env, x)
        return memo["weekdays"]
    return _weekdays(env, x)


def _weekdays(env: Env, x: Any) -> Any:
    """The weekdays a date can fall on: one for a solar date with its year; three for a lunar
    Hijri date (±1 day); for a year-less date, those of every plausible year near publication
    (None when nothing is known about the year)."""
    if isinstance(x, Item) and x.kind == "date":
        st = x.ex.get("stated") or {}
        cal = x.ex.get("calendar")
        if cal and "day" in st and "month" in st and st.get("year") is None:
            ref = env.run.published
            if ref is None:
                return None
            out = set()
            for y, _ in _plausible(cal, st["month"], st["day"], ref):
                d = _make_day(cal, y, st["month"], st["day"], True)
                out |= _weekdays_of_day(d)
            return sorted(out) if out else None
    d = _as_day(x)
    return sorted(_weekdays_of_day(d)) if d is not None else None


def _weekdays_of_day(d: Day) -> set[int]:
    out = set()
    g = d.lo
    while g <= d.hi:
        out.add(g.weekday())
        g += timedelta(days=1)
    return out


def f_days_between(env: Env, a: Any, b: Any) -> Any:
    """Days from a to b (b − a). Between two stated days, a year-less end read before its start
    is read one year later («از ۲۹ اسفند تا ۶ فروردین»), a year-less start after its end one
    year earlier; against a plain day (`published`) the year-less day stays as it was read."""
    da, db = _as_day(a), _as_day(b)
    if da is None or db is None:
        return None
    n = (db.g - da.g).days
    if isinstance(a, date) or isinstance(b, date):
        return n                 # against a plain day (publication): the year-less day stays as read
    if n < 0 and db.inferred:
        nb = _shift_year(db, 1)
        if nb is not None:
            n = (nb.g - da.g).days
    elif n < 0 and da.inferred:
        na = _shift_year(da, -1)
        if na is not None:
            n = (db.g - na.g).days
    return n


def f_same_day(env: Env, a: Any, b: Any) -> Any:
    """Can two stated days be the same day (a lunar day ±1; a year-less day in any year near the other)?"""
    da, db = _as_day(a), _as_day(b)
    if da is None or db is None:
        return None

    def overlap(x: Day, y: Day) -> bool:
        return x.lo <= y.hi and y.lo <= x.hi

    if overlap(da, db):
        return True
    for x, y in ((da, db), (db, da)):
        if x.inferred:
            for k in (-1, 1):
                s = _shift_year(x, k)
                if s is not None and overlap(s, y):
                    return True
    if da.inferred and db.inferred:
        for k in (-1, 1):
            for j in (-1, 1):
                s, t = _shift_year(da, k), _shift_year(db, j)
                if s is not None and t is not None and overlap(s, t):
                    return True
    return False


def f_convert(env: Env, x: Any, cal: Any) -> Any:
    """The same day in another calendar (for messages: «۱۵ مهر ۱۳۹۴» is «۷ اکتبر ۲۰۱۵»)."""
    d = _as_day(x)
    if d is None or cal not in ("jalali", "gregorian", "hijri"):
        return None
    y, m, dd = C.from_gregorian(cal, d.g)
    return _make_day(cal, y, m, dd, False)


def f_year_in(env: Env, x: Any, cal: Any) -> Any:
    """The year of a day in a calendar: year_in(published, "jalali") is 1394 for 2015-10-08."""
    d = _as_day(x)
    if d is None or cal not in ("jalali", "gregorian", "hijri"):
        return None
    return C.from_gregorian(cal, d.g)[0]


def f_month_days(env: Env, x: Any) -> Any:
    """The days in the stated month: of the stated year, or at most (a year-less date)."""
    if not isinstance(x, Item):
        return None
    st = x.ex.get("stated") or {}
    cal = x.ex.get("calendar")
    if not cal or "month" not in st:
        return None
    try:
        if st.get("year") is not None:
            return C.month_length(cal, st["year"], st["month"])
        return max(C.month_length(cal, y, st["month"]) for y in {"jalali": (1402, 1403), "gregorian": (2023, 2024), "hijri": (1445, 1446)}[cal])
    except (C.DateError, KeyError):
        return None


def f_duration_slack(env: Env, x: Any) -> Any:
    """Days a stated length may be off by its unit alone: months differ by up to 2 days
    (31 − 29) each, years by 1 (a leap day) each; days, weeks and hours are exact."""
    if not isinstance(x, Item) or x.kind != "duration":
        return None
    amount = _num(x.ex.get("amount")) or 0
    per = _num(x.m.value) / amount if amount and _num(x.m.value) is not None else None
    if per is None:
        return 0
    if 28 <= per <= 31:
        return 2 * amount
    if 360 <= per <= 366:
        return amount + 1
    return 0


def f_contains(env: Env, xs: Any, x: Any) -> Any:
    if xs is None or x is None:
        return None
    return x in xs


def f_any_kind(env: Env, xs: Any, kind: Any) -> Any:
    if not isinstance(xs, (list, tuple)):
        return None
    return any(isinstance(v, Item) and v.kind == kind for v in xs)


def f_show(env: Env, x: Any) -> Any:
    """Display a value for a message, in the message's language."""
    return _show(env, x)


def f_weekday_name(env: Env, w: Any) -> Any:
    if not isinstance(w, int):
        return None
    return env.run.checks.name("weekday", w, env.lang)


def f_month_name(env: Env, x: Any) -> Any:
    d = _as_day(x) if not isinstance(x, Item) else None
    cal = m = None
    if isinstance(x, Item):
        cal, m = x.ex.get("calendar"), (x.ex.get("stated") or {}).get("month")
    elif d is not None:
        cal, m = d.cal, d.m
    if cal is None or m is None:
        return None
    return env.run.checks.name(f"{cal}_month", m, env.lang)


def f_name(env: Env, lex: Any, value: Any) -> Any:
    """The display name of `value` in lexicon `lex` (its first spelling in the message's language)."""
    return env.run.checks.name(str(lex), value, env.lang)


def f_iff(env: Env, cond: Any, a: Any, b: Any) -> Any:
    """a when cond holds, else b (for messages: `iff(first.attribution != none, …, "")`)."""
    return a if cond is True else b


def f_month_label(env: Env, x: Any) -> Any:
    """The stated month as a reader names it: «اسفند ۱۴۰۲» with its year, «مهر» without."""
    name = f_month_name(env, x)
    if name is None:
        return None
    y = (x.ex.get("stated") or {}).get("year") if isinstance(x, Item) else None
    return f"{name} {_plain(y, env.lang)}" if y is not None else name


def f_grim_neighbors(env: Env, percent: Any, whole: Any) -> Any:
    """The percentages a whole number of `whole` things can give nearest the stated one."""
    n, v = _val(whole), f_lo(env, percent)
    if not isinstance(n, int) or n <= 0 or _num(v) is None:
        return None
    k = math.floor(v * n / 100)
    return [round(100 * j / n, 1) for j in (k, k + 1) if 0 <= j <= n]


# name -> (function, min args, max args). Every function takes the evaluation Env first.
FUNCTIONS: dict[str, tuple[Callable, int, int]] = {
    "sum": (f_sum, 1, 1), "len": (f_len, 1, 1), "min": (f_min, 1, 9), "max": (f_max, 1, 9),
    "abs": (f_abs, 1, 1), "round": (f_round, 1, 2), "ratio": (f_ratio, 2, 2),
    "percent_of": (f_percent_of, 2, 2), "lo": (f_lo, 1, 1), "hi": (f_hi, 1, 1),
    "rounding": (f_rounding, 1, 1), "share_error": (f_share_error, 2, 2), "grim": (f_grim, 2, 2),
    "power_of_ten": (f_power_of_ten, 1, 1), "agrees": (f_agrees, 2, 2), "disjoint": (f_disjoint, 2, 2),
    "day": (f_day, 1, 1), "weekday_of": (f_weekday_of, 1, 1), "weekdays": (f_weekdays, 1, 1),
    "days_between": (f_days_between, 2, 2), "same_day": (f_same_day, 2, 2), "convert": (f_convert, 2, 2),
    "year_in": (f_year_in, 2, 2), "month_days": (f_month_days, 1, 1), "duration_slack": (f_duration_slack, 1, 1),
    "contains": (f_contains, 2, 2), "any_kind": (f_any_kind, 2, 2),
    "show": (f_show, 1, 1), "weekday_name": (f_weekday_name, 1, 1), "month_name": (f_month_name, 1, 1),
    "name": (f_name, 2, 2), "iff": (f_iff, 3, 3), "month_label": (f_month_label, 1, 1),
    "grim_neighbors": (f_grim_neighbors, 2, 2),
}

GLOBALS = ("published",)


# --- display --------------------------------------------------------------------------------

_FA_DIGITS = str.maketrans("0123456789.,", "۰۱۲۳۴۵۶۷۸۹٫٬")


def _fmt_number(v: float | int, lang: str) -> str:
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            v = int(v)
        else:
            v = round(v, 2)
    if isinstance(v, int):
        s = f"{v:,}" if abs(v) >= 10000 else str(v)
    else:
        s = f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) >= 10000 else f"{v:.2f}".rstrip("0").rstrip(".")
    return s.translate(_FA_DIGITS) if lang == "fa" else s


def _show(env: Env, x: Any) -> str:
    lang = env.lang
    if x is None:
        return "?"
    if isinstance(x, bool):
        return env.run.checks.display.get("yes" if x else "no", lang, str(x).lower())
    if isinstance(x, Item):
        if x.kind == "date":
            d = day_of(x)
            if d is not None:
                return _show(env, d)
        return x.m.text if x.fact is None else x.fact.subject.get("text", "")
    if isinstance(x, Day):
        name = env.run.checks.name(f"{x.cal}_month", x.m, lang) or str(x.m)
        return f"{_fmt_number(x.d, lang)} {name} {_fmt_number(x.y, lang) if x.y >= 10000 else _plain(x.y, lang)}"
    if isinstance(x, date):
        cal = "jalali" if lang == "fa" else "gregorian"
        y, m, d = C.from_gregorian(cal, x)
        return _show(env, Day(cal, y, m, d, x, x, x))
    if isinstance(x, (int, float)):
        return _fmt_number(x, lang)
    if isinstance(x, (list, tuple)):
        return env.run.checks.display.get("list_separator", lang, ", ").join(_show(env, v) for v in x)
    return str(x)


def _plain(n: int, lang: str) -> str:
    return str(n).translate(_FA_DIGITS) if lang == "fa" else str(n)


def _jsonable(x: Any) -> Any:
    if isinstance(x, Item):
        if x.fact is not None:
            return {"fact": x.fact.id, "text": x.fact.subject.get("text"), "value": x.fact.value}
        return {"mention": x.m.id, "text": x.m.text, "value": _jsonable(_value(x))}
    if isinstance(x, Day):
        return {"calendar": x.cal, "year": x.y, "month": x.m, "day": x.d, "gregorian": x.g.isoformat()}
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, float):
        return int(x) if x.is_integer() and abs(x) < 1e15 else round(x, 4)
    if isinstance(x, (list, tuple, set)):
        return [_jsonable(v) for v in x]
    return x


# =============================================================================================
# Compiling expressions
# =============================================================================================

Fn = Callable[[Env], Any]


class _Compiling:
    def __init__(self, errors: list[RuleError], lines: dict[str, list[str]], lexicons: dict) -> None:
        self.errors = errors
        self.lines = lines
        self.lexicons = lexicons

    def error(self, code: str, msg: str, pos: S.Pos, col: int | None = None, hint: str = "") -> None:
        lines = self.lines.get(pos.path, [])
        src = lines[pos.line - 1] if 0 < pos.line <= len(lines) else ""
        self.errors.append(RuleError(code, msg, pos.path, pos.line, col if col is not None else pos.col, src, hint))

    def expr(self, e: E, names: set[str], pos: S.Pos) -> Fn:
        col = pos.col + e.loc
        op = e.op
        if op in ("num", "str", "const"):
            v = e.args[0]
            return lambda env: v
        if op == "lex":
            name = e.args[0]
            if name not in self.lexicons:
                self.error("R102", f"unknown lexicon '@{name}'", pos, col, hint=_near(name, self.lexicons, "@"))
            return lambda env: name
        if op == "list":
            fns = [self.expr(x, names, pos) for x in e.args[0]]
            return lambda env: [f(env) for f in fns]
        if op == "name":
            head, path = e.args
            if head not in names:
                self.error("R121", f"unknown name '{head}'", pos, col,
                           hint="names here are: " + ", ".join(sorted(names)))
                return lambda env: None
            for a in path:
                if a not in ATTRS:
                    self.error("R122", f"unknown attribute '.{a}'", pos, col,
                               hint="attributes are: " + ", ".join(sorted(ATTRS)))
                    return lambda env: None
            if not path:
                return lambda env: env[head]
            if len(path) == 1:
                a = path[0]
                return lambda env: _attr(env[head], a)
            return lambda env: _path(env[head], path)
        if op == "call":
            fname, args = e.args
            spec = FUNCTIONS.get(fname)
            if spec is None:
                self.error("R121", f"unknown function '{fname}'", pos, col,
                           hint=_near(fname, FUNCTIONS, "") or ("functions are: " + ", ".join(sorted(FUNCTIONS))))
                return lambda env: None
            fn, lo, hi = spec
            if not lo <= len(args) <= hi:
                self.error("R121", f"'{fname}' takes {lo if lo == hi else f'{lo} to {hi}'} argument(s), not {len(args)}", pos, col)
                return lambda env: None
            fns = [self.expr(x, names, pos) for x in args]
            if len(fns) == 1:
                f0 = fns[0]
                return lambda env: fn(env, f0(env))
            if len(fns) == 2:
                f0, f1 = fns
                return lambda env: fn(env, f0(env), f1(env))
            return lambda env: fn(env, *[f(env) for f in fns])
        if op == "un":
            o, x = e.args
            f = self.expr(x, names, pos)
            if o == "-":
                return lambda env: _neg(f(env))
            return lambda env: _not(f(env))
        if op == "bin":
            o, a, b = e.args
            fa, fb = self.expr(a, names, pos), self.expr(b, names, pos)
            if o == "and":
                return lambda env: _and(fa, fb, env)
            if o == "or":
                return lambda env: _or(fa, fb, env)
            f = _BINOPS[o]
            return lambda env: f(fa(env), fb(env))
        raise TypeError(op)


def _path(v: Any, path: tuple[str, ...]) -> Any:
    for a in path:
        v = _attr(v, a)
    return v


def _near(name: str, known, prefix: str) -> str:
    import difflib
    m = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean '{prefix}{m[0]}'?" if m else ""


def _neg(x: Any) -> Any:
    x = _val(x)
    return -x if _num(x) is not None else None


def _not(x: Any) -> Any:
    return None if x is None else not x


def _and(fa: Fn, fb: Fn, env: Env) -> Any:
    a = fa(env)
    if a is False or (a is not None and not a):
        return False
    b = fb(env)
    if b is False or (b is not None and not b):
        return False
    return None if a is None or b is None else True


def _or(fa: Fn, fb: Fn, env: Env) -> Any:
    a = fa(env)
    if a is not None and a is not False and a:
        return True
    b = fb(env)
    if b is not None and b is not False and b:
        return True
    return None if a is None or b is None else False


def _arith(f: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def op(a: Any, b: Any) -> Any:
        a, b = _val(a), _val(b)
        if _num(a) is None or _num(b) is None:
            return None
        try:
            return f(a, b)
        except ZeroDivisionError:
            return None
    return op


def _order(f: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def op(a: Any, b: Any) -> Any:
        a, b = _val(a), _val(b)
        if a is None or b is None:
            return None
        if isinstance(a, date) and isinstance(b, date):
            return f((a - b).days, 0)
        if _num(a) is None or _num(b) is None:
            return None
        return f(a, b)
    return op


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, Item) and not isinstance(b, Item):
        a = _value(a)
    if isinstance(b, Item) and not isinstance(a, Item):
        b = _value(b)
    if _num(a) is not None and _num(b) is not None:
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def _in(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    a = _val(a)
    try:
        return any(_eq(a, x) for x in b)
    except TypeError:
        return None


def _plus(a: Any, b: Any) -> Any:
    if isinstance(a, str) and isinstance(b, str):
        return a + b
    return _add(a, b)


_add = _arith(lambda a, b: a + b)

_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": _plus, "-": _arith(lambda a, b: a - b),
    "*": _arith(lambda a, b: a * b), "/": _arith(lambda a, b: a / b),
    "<": _order(lambda a, b: a < b), "<=": _order(lambda a, b: a <= b),
    ">": _order(lambda a, b: a > b), ">=": _order(lambda a, b: a >= b),
    "==": _eq, "!=": lambda a, b: not _eq(a, b),
    "in": _in, "not in": lambda a, b: _not(_in(a, b)),
}


# =============================================================================================
# The article as selectors see it
# =============================================================================================

class Run:
    """One article being checked: tokens, mentions as items, sentences, lexicon lookups."""

    def __init__(self, checks: "CheckSet", text, tokens, mentions, spans, facts, published: str | None) -> None:
        self.checks = checks
        self.text = text
        self.tokens = tokens
        self.syms: str = tokens.syms if tokens is not None else ""
        self.published = _iso(published) if published else None
        self.items = [Item(m, sp, i, None, self.published) for i, (m, sp) in enumerate(zip(mentions, spans))]
        self._sent_ends = [m.start() for m in _TERM_RX.finditer(self.syms)]
        ends = self._sent_ends
        n = len(self.syms)
        for it in self.items:
            k = bisect_left(ends, it.tok[0])
            it.sent = (ends[k - 1] + 1 if k > 0 else 0, ends[k] if k < len(ends) else n)
        self.dates = [it for it in self.items if it.m.kind == "date"]
        self.counts = [it for it in self.items if it.count]
        self.by_id = {it.m.id: it for it in self.items}
        self.facts = facts
        self._fact_items: list[Item] | None = None
        self._days: list[Item] | None = None
        self.cache: dict = {}
        self.tok_starts = [it.tok[0] if it.tok else -1 for it in self.items]

    # -- sentences
    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token i (terminators: . ! ? ؟ ; ؛ and line breaks)."""
        ends = self._sent_ends
        k = bisect_left(ends, i)
        a = ends[k - 1] + 1 if k > 0 else 0
        b = ends[k] if k < len(ends) else len(self.syms)
        return a, b

    # -- lexicons over the symbol string
    def at(self, lex: str, i: int, limit: int | None = None) -> int | None:
        """End of a phrase of lexicon `lex` starting at token i (after spaces), else None."""
        rx = self.checks.rx_at.get(lex)
        if rx is None:
            return None
        n = limit if limit is not None else len(self.syms)
        while i < n and self.syms[i] == SPACE:
            i += 1
        m = rx.match(self.syms, i, n)
        return m.end() if m else None

    def ending(self, lex: str, i: int, lo: int = 0) -> int | None:
        """Start of a phrase of lexicon `lex` that ends at token i (before spaces), else None."""
        rx = self.checks.rx_end.get(lex)
        if rx is None:
            return None
        a = max(lo, i - 16)
        m = rx.search(self.syms, a, i)
        return m.start() if m else None

    def find(self, lex: str, a: int, b: int) -> tuple[int, int] | None:
        rx = self.checks.rx_at.get(lex)
        if rx is None or a >= b:
            return None
        m = rx.search(self.syms, a, b)
        return (m.start(), m.end()) if m else None

    def finditer(self, lex: str, a: int = 0, b: int | None = None) -> Iterator[tuple[int, int]]:
        rx = self.checks.rx_at.get(lex)
        if rx is None:
            return iter(())
        return ((m.start(), m.end()) for m in rx.finditer(self.syms, a, len(self.syms) if b is None else b))

    def joined(self, b: int, a: int, lex: str) -> bool:
        """The list item starting at token b is joined to the one before (ending at a): «و»
        (a word of lexicon `lex`) or a comma right before it."""
        i = b
        while i > a and self.syms[i - 1] == SPACE:
            i -= 1
        if i > a and self.syms[i - 1] in "،,":
            return True
        return self.ending(lex, b, a) is not None

    def gap(self, a: int, b: int) -> str:
        return self.syms[a:b] if a <= b else ""

    def words(self, a: int, b: int) -> int:
        """Words and numbers among tokens [a, b) (spaces and punctuation do not count)."""
        return sum(1 for c in self.syms[a:b] if c not in _NOT_WORDS)

    def next_item(self, it: Item) -> Item | None:
        k = it.index + 1
        while k < len(self.items):
            nxt = self.items[k]
            if nxt.tok and nxt.tok[0] >= it.tok[1]:
                return nxt
            k += 1
        return None

    def items_in(self, a: int, b: int) -> list[Item]:
        lo = bisect_left(self.tok_starts, a)
        hi = bisect_left(self.tok_starts, b)
        return self.items[lo:hi]

    def days(self) -> list[Item]:
        if self._days is None:
            self._days = [it for it in self.dates if _is_day(it)]
        return self._days

    def fact_items(self) -> list[Item]:
        if self._fact_items is None:
            out = []
            for k, f in enumerate(self.facts or ()):
                src = self.by_id.get(f.mentions[0]) if f.mentions else None
                it = Item(src.m if src else None, src.tok if src else None, k, f, self.published)
                it.sent = src.sent if src else None
                out.append(it)
            self._fact_items = out
        return self._fact_items


_TERM_RX = re.compile("[" + re.escape(TERMINATORS) + "]")
_NOT_WORDS = frozenset(" \n،,.:;؛()«»\"'-!?؟/[]")


# =============================================================================================
# Selectors
# =============================================================================================

@dataclass(frozen=True)
class Selector:
    fn: Callable[..., Iterable[dict]]
    binds: tuple[str, ...]
    params: tuple[str, ...] = ()      # lexicon parameters, all required
    numbers: dict = field(default_factory=dict)   # numeric parameters and their defaults
    doc: str = ""


SELECTORS: dict[str, Selector] = {}


def selector(name: str, binds: tuple[str, ...], params: tuple[str, ...] = (), **numbers: float):
    def deco(fn):
        SELECTORS[name] = Selector(fn, binds, params, numbers, (fn.__doc__ or "").strip())
        return fn
    return deco


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


def _is_day(it: Item) -> bool:
    """A single stated day (not a range), valid, that can be placed on the calendar."""
    r = it._isday
    if r is None:
        m = it.m
        r = it._isday = (m.kind == "date" and not m.extra.get("range") and m.extra.get("valid", True) is not False
                         and day_of(it) is not None)
    return r


def _only(gap: str, allowed: str) -> bool:
    return all(c in allowed for c in gap)


def _year_follows(run: Run, it: Item, lex: str) -> bool:
    """A year-less day followed by its year in words the date rules did not take:
    «۲۷ اردیبهشت سال هشتاد»."""
    e = run.at(lex, it.tok[1])
    if e is None:
        return False
    nxt = run.next_item(it)
    if nxt is None:
        return False
    if nxt.m.kind == "date" and set(nxt.m.extra.get("stated") or ()) == {"year"}:
        return run.words(it.tok[1], nxt.tok[0]) == 0     # «۱۷ آذر ماه سال ۱۳۳۲»: the year is its own mention
    return nxt.m.kind == "number" and nxt.tok[0] >= e and run.words(e, nxt.tok[0]) == 0


@selector("dated_weekday", ("date", "weekday"), ("year",))
def _dated_weekday(run: Run, p: dict) -> Iterator[dict]:
    """a day and the weekday stated with it: «سه‌شنبه ۱۵ مهر», «سه‌شنبه، ۱۳۹۴/۷/۱۵»,
    «۱۵ مهر (سه‌شنبه)»; binds `date` and `weekday` (0 = Monday). A year-less day followed by a
    year the date rules did not read («… سال هشتاد», lexicon `year`) is left alone."""
    items = run.items
    for it in run.dates:
        w = it.m.extra.get("weekday")
        extra: tuple = ()
        if w is None or it.m.extra.get("range"):
            if not _is_day(it):
                continue
            k = it.index
            prev = items[k - 1] if k > 0 else None
            nxt = run.next_item(it)
            if prev is not None and prev.m.kind == "weekday" and _only(run.gap(prev.tok[1], it.tok[0]), " ،,-"):
                w, extra = prev.m.value, (prev,)
            elif nxt is not None and nxt.m.kind == "weekday" and _only(run.gap(it.tok[1], nxt.tok[0]), " ،,-(") \
                    and "(" in run.gap(it.tok[1], nxt.tok[0]):
                w, extra = nxt.m.value, (nxt,)
            else:
                continue
        if not (it.m.extra.get("stated") or {}).get("year") and _year_follows(run, it, p["year"]):
            continue
        yield {"date": it, "weekday": w, "_extra": extra} if extra else {"date": it, "weekday": w}


def _pair_gap(run: Run, a: int, b: int, link: str) -> bool:
    """Between two amounts or days: «(», or a link phrase («برابر با», «معادل»), with commas."""
    g = run.gap(a, b)
    if not g.strip(" "):
        return False
    i = 0
    saw = False
    while i < len(g):
        c = g[i]
        if c in " ،,":
            i += 1
        elif c == "(":
            saw = True
            i += 1
        else:
            end = run.at(link, a + i, b)
            if end is None:
                return False
            saw = True
            i = end - a
    return saw


@selector("date_pair", ("first", "second"), ("link",))
def _date_pair(run: Run, p: dict) -> Iterator[dict]:
    """one day stated twice side by side: «۱۵ مهر ۱۳۹۴ (۷ اکتبر ۲۰۱۵)», «… مصادف با …»;
    binds `first` and `second`"""
    days = run.days()
    for a, b in zip(days, days[1:]):
        if b.tok[0] >= a.tok[1] and b.index == _next_index(run, a) and _pair_gap(run, a.tok[1], b.tok[0], p["link"]):
            yield {"first": a, "second": b}


def _next_index(run: Run, it: Item) -> int:
    n = run.next_item(it)
    return n.index if n is not None else -1


def _date_spans(run: Run, p: dict) -> list[tuple[Item, Item, Item | None]]:
    """(start, end, range mention or None) for «از A تا B» ranges the date rules read, and for
    looser «از A [a few words] تا B» in one sentence (once per article and parameters)."""
    key = ("date_spans", p["from"], p["to"], p.get("max_gap", 6))
    got = run.cache.get(key)
    if got is None:
        got = run.cache[key] = list(_find_date_spans(run, p))
    return got


def _find_date_spans(run: Run, p: dict) -> Iterator[tuple[Item, Item, Item | None]]:
    items = run.items
    inside: set[int] = set()
    for it in items:
        if it.m.kind == "date" and it.m.extra.get("range") and not it.m.extra.get("since") and it.tok:
            parts = [x for x in run.items_in(it.tok[0], it.tok[1]) if x is not it and _is_day(x) and x.tok[1] <= it.tok[1]]
            if len(parts) >= 2:
                inside.update(x.index for x in parts)
                yield parts[0], parts[-1], it
    gap_max = int(p.get("max_gap", 6))
    for it in items:
        if it.index in inside or not _is_day(it):
            continue
        s = run.ending(p["from"], it.tok[0])
        if s is None:
            continue
        sa, sb = it.sent
        nxt = run.next_item(it)
        if nxt is None or not _is_day(nxt) or nxt.tok[0] >= sb or nxt.index in inside:
            continue
        t = run.ending(p["to"], nxt.tok[0], it.tok[1])
        if t is None or run.words(it.tok[1], t) > gap_max:
            continue
        g = run.gap(it.tok[1], t)
        if any(c in g for c in "،,:(") or NEWLINE in g:
            continue
        yield it, nxt, None


@selector("date_span", ("start", "end"), ("from", "to"), max_gap=6)
def _date_span(run: Run, p: dict) -> Iterator[dict]:
    """a span of days: «از ۳۰ سپتامبر تا ۱۵ مهر», «از ۱ اسفند ۱۴۰۳ آغاز و تا ۳۱ خرداد ۱۴۰۳ تکمیل»;
    binds `start` and `end`"""
    for a, b, r in _date_spans(run, p):
        yield {"start": a, "end": b}


@selector("span_duration", ("start", "end", "duration"), ("from", "to", "link"), max_gap=6)
def _span_duration(run: Run, p: dict) -> Iterator[dict]:
    """a span of days and its stated length: «از ۳۰ سپتامبر تا ۱۵ مهر، یعنی ۱۰ روز»;
    binds `start`, `end` and `duration`"""
    for a, b, r in _date_spans(run, p):
        last = r if r is not None else b
        nxt = run.next_item(b)
        if r is not None:
            nxt = run.next_item(r) if run.next_item(r) is not None else None
            while nxt is not None and nxt.tok[0] < r.tok[1]:
                nxt = run.next_item(nxt)
        if nxt is None or nxt.m.kind != "duration":
            continue
        end = last.tok[1]
        g = run.gap(end, nxt.tok[0])
        i = 0
        saw = False
        ok = True
        while i < len(g):
            if g[i] in " ،,(":
                i += 1
                continue
            e = run.at(p["link"], end + i, nxt.tok[0])
            if e is None:
                ok = False
                break
            saw = True
            i = e - end
        if ok and saw:
            yield {"start": a, "end": b, "duration": nxt}


def _sentence_end(run: Run, sent: tuple[int, int]) -> int:
    end = sent[1]
    while end > sent[0] and run.syms[end - 1] in _NOT_WORDS:
        end -= 1
    return end


@selector("completed_day", ("date",), ("completed", "future"))
def _completed_day(run: Run, p: dict) -> Iterator[dict]:
    """a stated day in a sentence that reports something done: the sentence ends with a verb
    of lexicon `completed` («… کشته شدند.», «… برگزار شد.») and has no word of lexicon
    `future` («قرار است», «خواهد», «می‌شود»); binds `date`"""
    verb: dict[tuple[int, int], int] = {}      # sentence -> where its closing "done" verb starts (-1: none)
    for it in run.days():
        m = it.m
        if m.extra.get("relative") is not None or m.extra.get("named_event"):
            continue
        sent = it.sent
        v = verb.get(sent)
        if v is None:
            s = run.ending(p["completed"], _sentence_end(run, sent), sent[0])
            v = verb[sent] = s if s is not None and run.find(p["future"], sent[0], sent[1]) is None else -1
        if v >= it.tok[1]:
            yield {"date": it}


@selector("birth_age", ("birth", "age", "born_year", "born_calendar", "age_years"),
          ("born", "age_after_number", "age_after_years"))
def _birth_age(run: Run, p: dict) -> Iterator[dict]:
    """a birth year and an age in one sentence: «متولد ۱۳۳۱ … ۷۰ ساله شد», «… ۴۰ سال دارد»;
    binds `birth`, `age`, `born_year`, `born_calendar` and `age_years`"""
    for s, e in run.finditer(p["born"]):
        sa, sb = run.sentence(s)
        after = [x for x in run.items_in(e, sb)]
        if not after:
            continue
        b = after[0]
        if not _only(run.gap(e, b.tok[0]), " ") and run.words(e, b.tok[0]) > 1:
            continue
        year = cal = None
        if b.m.kind == "number" and isinstance(b.m.value, int) and not b.m.hedge:
            if 1200 <= b.m.value <= 1500:
                year, cal = b.m.value, "jalali"
            elif 1800 <= b.m.value <= 2100:
                year, cal = b.m.value, "gregorian"
        elif b.m.kind == "date" and (b.m.extra.get("stated") or {}).get("year") and b.m.extra.get("calendar") in ("jalali", "gregorian"):
            year, cal = b.m.extra["stated"]["year"], b.m.extra["calendar"]
        if year is None:
            continue
        stop = run.find(p["born"], e, sb)
        limit = stop[0] if stop else sb
        for x in after[1:]:
            if x.tok[0] >= limit:
                break
            if x.m.kind == "date" and (x.m.extra.get("stated") or {}).get("year"):
                break          # an age at another dated event, not now
            age = None
            if x.m.kind == "number" and isinstance(x.m.value, int) and not x.m.hedge and 0 < x.m.value < 130:
                if run.at(p["age_after_number"], x.tok[1], sb) is not None:
                    age = x.m.value
            elif x.m.kind == "duration" and not x.m.hedge and isinstance(_num(x.m.extra.get("amount")), int):
                per = x.m.value / x.m.extra["amount"] if x.m.extra["amount"] else 0
                if 360 <= per <= 366 and run.at(p["age_after_years"], x.tok[1], sb) is not None:
                    age = x.m.extra["amount"]
            if age is not None:
                yield {"birth": b, "age": x, "born_year": year, "born_calendar": cal, "age_years": age}
                break


def _count(it: Item) -> bool:
    """A stated whole count: a plain number (or a quantity) that is not hedged."""
    return it.count


def _alike(a: Item, b: Item) -> bool:
    """Two counts of one kind: plain numbers, or quantities in one unit."""
    return a.m.kind == b.m.kind and (a.m.kind != "quantity" or a.m.extra.get("unit") == b.m.extra.get("unit"))


def _next_word(run: Run, it: Item) -> str | None:
    """The word right after a mention (its normalized spelling), or None before punctuation."""
    i = it.tok[1]
    syms = run.syms
    while i < len(syms) and syms[i] == SPACE:
        i += 1
    if i < len(syms) and syms[i] not in _NOT_WORDS and not ("a" <= syms[i] <= "z" and syms[i] != "w"):
        return run.tokens.pieces[i].replace(ZWNJ, "").lower()
    return None


def _counted(run: Run, it: Item) -> str | None:
    """What a count counts, to tell list items apart: its unit, or the word after it."""
    if it.m.kind == "quantity":
        return "unit:" + str(it.m.extra.get("unit"))
    return _next_word(run, it)


def _parts_run(run: Run, first: Item, limit: int, max_gap: int, kind_ok: Callable[[Item], bool], join: str,
               stop: str | None = None, rest: str | None = None) -> list[Item]:
    """Counts after `first` that count the same thing («۱۵ نفر … و ۱۴ نفر …»), each joined to the
    one before by «و» or a comma right before it: the parts of a list."""
    word = _counted(run, first)
    if word is None:
        return [first]
    out = [first]
    cur = first
    while True:
        nxt = run.next_item(cur)
        if nxt is None or nxt.tok[0] >= limit or not kind_ok(nxt) or not _alike(first, nxt):
            break
        g = run.gap(cur.tok[1], nxt.tok[0])
        if NEWLINE in g or run.words(cur.tok[1], nxt.tok[0]) > max_gap:
            break
        if _counted(run, nxt) != word:
            break
        b = nxt.tok[0]
        if rest is not None:            # «… و بقیه یعنی ۲ نفر»
            r = run.ending(rest, b, cur.tok[1])
            b = r if r is not None else b
        if not run.joined(b, cur.tok[1], join):
            break
        if stop is not None and run.find(stop, cur.tok[1], nxt.tok[0]) is not None:
            break
        out.append(nxt)
        cur = nxt
    return out


@selector("parts_total", ("total", "parts", "exact"), ("total_before", "parts_after", "total_after", "rest", "join"), max_gap=6)
def _parts_total(run: Run, p: dict) -> Iterator[dict]:
    """a stated total and its stated parts: «از ۲۷ جان‌باخته، ۱۵ نفر … و ۱۴ نفر …»,
    «۱۰ نفر کشته شدند که ۷ نفر … و ۵ نفر …», «۷ نفر … و ۵ نفر …، در مجموع ۱۰ نفر»;
    binds `total`, `parts` (two or more) and `exact` (the text says the parts are all of it:
    «… و بقیه ۳ نفر»)"""
    gap_max = int(p.get("max_gap", 6))
    items = run.items
    used: set[int] = set()
    for it in run.counts:
        if it.index in used:
            continue
        sa, sb = it.sent
        total = None
        first = None
        nxt = run.next_item(it)
        if nxt is not None and nxt.tok[0] < sb and _count(nxt) and _alike(it, nxt):
            g = run.gap(it.tok[1], nxt.tok[0])
            # total first: «از ۲۷ جان‌باخته، ۱۵ نفر …» (a comma after the whole) …
            if run.ending(p["total_before"], it.tok[0], sa) is not None and run.words(it.tok[1], nxt.tok[0]) <= 4 \
                    and ("،" in g or "," in g or ":" in g):
                total, first = it, nxt
            else:
                # … or «۱۰ نفر کشته شدند که ۷ نفر …» (the parts count what the total counts)
                hit = run.find(p["parts_after"], it.tok[1], nxt.tok[0])
                if hit is not None and run.words(hit[1], nxt.tok[0]) <= 1 and run.words(it.tok[1], hit[0]) <= 5 \
                        and _counted(run, it) is not None and _counted(run, it) == _counted(run, nxt):
                    total, first = it, nxt
        if total is not None:
            parts = _parts_run(run, first, sb, gap_max, _count, p["join"], p["total_after"], p["rest"])
            if len(parts) >= 2:
                used.update(x.index for x in parts)
                last = parts[-1]
                exact = (run.ending(p["rest"], last.tok[0], sa) is not None
                         or run.at(p["rest"], last.tok[1], sb) is not None
                         or _rest_after_word(run, last, p["rest"], sb))
                yield {"total": total, "parts": parts, "exact": exact}
                continue
        # parts first, then «در مجموع ۱۰ نفر»
        parts = _parts_run(run, it, sb, gap_max, _count, p["join"], p["total_after"], p["rest"])
        if len(parts) >= 2:
            last = parts[-1]
            nxt = run.next_item(last)
            if nxt is not None and nxt.tok[0] < sb and _count(nxt) and _alike(last, nxt):
                s = run.ending(p["total_after"], nxt.tok[0], last.tok[1])
                if s is not None and run.words(last.tok[1], s) <= 3:
                    used.update(x.index for x in parts)
                    yield {"total": nxt, "parts": parts, "exact": False}


def _rest_after_word(run: Run, it: Item, lex: str, limit: int) -> bool:
    """«۵ نفر بقیه»: the rest word right after the part's counted word."""
    i = it.tok[1]
    while i < limit and run.syms[i] == SPACE:
        i += 1
    return i + 1 < limit and run.at(lex, i + 1, limit) is not None


def _share(it: Item, run: Run, p: dict) -> bool:
    m = it.m
    if m.kind != "percent" or m.hedge in ("gt", "ge", "lt", "le", "range", "vague"):
        return False
    if m.extra.get("unit_text"):           # «۲۷ درصدی»: a rate of change, not a share
        return False
    return True


@selector("shares", ("shares", "rest"), ("whole", "link", "category", "change", "rest", "join"), max_gap=6)
def _shares(run: Run, p: dict) -> Iterator[dict]:
    """percentages of one whole listed together: «از مجموع آرا ۵۸ درصد به …، ۴۱ درصد به … و ۷ درصد به …»,
    «۶۲ درصد موافق و ۴۵ درصد مخالف». The whole must be named before the list (`whole`), or each
    share followed by the same link word (`link`: «به چین، … به سوریه»), or by words of one
    category (`category`: «موافق / مخالف»); no `change` word («افزایش», «کاهش») may be near.
    Binds `shares` (two or more) and `rest` (a rest word follows: «و بقیه …»)."""
    gap_max = int(p.get("max_gap", 6))
    items = run.items
    k = 0
    while k < len(items):
        it = items[k]
        k += 1
        if not _share(it, run, p):
            continue
        sa, sb = it.sent
        shares = [it]
        cur = it
        while True:
            nxt = run.next_item(cur)
            if nxt is None or nxt.tok[0] >= sb or not _share(nxt, run, p):
                break
            if run.words(cur.tok[1], nxt.tok[0]) > gap_max or not run.joined(nxt.tok[0], cur.tok[1], p["join"]):
                break
            shares.append(nxt)
            cur = nxt
        if len(shares) < 2:
            continue
        k = shares[-1].index + 1
        first, last = shares[0], shares[-1]
        # no change words around the list
        lo = max(sa, first.tok[0] - 6)
        hi = min(sb, last.tok[1] + 8)
        if run.find(p["change"], lo, hi) is not None:
            continue
        same = False
        w = run.find(p["whole"], max(sa, first.tok[0] - 14), first.tok[0])
        if w is not None:
            same = True
        if not same:
            links = [run.at(p["link"], x.tok[1], sb) for x in shares[1:]]
            if all(e is not None for e in links):
                same = run.find(p["link"], first.tok[1], min(sb, first.tok[1] + 10)) is not None
        if not same:
            cats = []
            for x in shares:
                e = run.at(p["category"], x.tok[1], sb)
                cats.append(run.checks.entry_value(p["category"], run.syms, x.tok[1], e) if e is not None else None)
            if all(c is not None for c in cats) and len(set(cats)) == 1:
                same = True
        if not same:
            continue
        rest = run.find(p["rest"], last.tok[1], min(sb, last.tok[1] + 8)) is not None
        yield {"shares": shares, "rest": rest}


@selector("part_whole_percent", ("part", "whole", "percent"), ("whole_before", "part_of", "link"), max_gap=5)
def _part_whole_percent(run: Run, p: dict) -> Iterator[dict]:
    """a count, the whole it is part of, and its stated percentage:
    «از ۲۰۰ نفر، ۵۰ نفر یعنی ۲۵ درصد», «۵۰ نفر از ۲۰۰ نفر (۲۵ درصد)»; binds `part`, `whole`, `percent`"""
    gap_max = int(p.get("max_gap", 5))
    for it in run.counts:
        sa, sb = it.sent
        a = run.next_item(it)
        if a is None or a.tok[0] >= sb or not _count(a) or run.words(it.tok[1], a.tok[0]) > gap_max:
            continue
        b = run.next_item(a)
        if b is None or b.tok[0] >= sb or b.m.kind != "percent" or b.m.hedge in ("gt", "ge", "lt", "le", "range", "vague"):
            continue
        if not _link_to(run, a, b, p["link"]):
            continue
        if run.ending(p["whole_before"], it.tok[0], sa) is not None:
            yield {"part": a, "whole": it, "percent": b}
        else:
            s = run.ending(p["part_of"], a.tok[0], it.tok[1])
            if s is not None and run.words(it.tok[1], s) <= 2:
                yield {"part": it, "whole": a, "percent": b}


def _link_to(run: Run, a: Item, b: Item, link: str) -> bool:
    """Between a count and its percentage: its counted word or two, then «یعنی» / «معادل» / «(»."""
    g_end = b.tok[0]
    i = a.tok[1]
    words = 0
    while i < g_end:
        c = run.syms[i]
        if c == SPACE or c in "،,":
            i += 1
            continue
        if c == "(":
            return _only(run.gap(i + 1, g_end), " ")
        e = run.at(link, i, g_end)
        if e is not None:
            return _only(run.gap(e, g_end), " (،,")
        words += 1
        if words > 2:
            return False
        i += 1
    return False


@selector("whole_percent", ("whole", "percent"), ("whole_before", "change"), max_gap=3)
def _whole_percent(run: Run, p: dict) -> Iterator[dict]:
    """a whole count and a percentage of it with no count given: «از ۱۲ عضو هیئت، ۳۰ درصد …»;
    binds `whole` and `percent` (for a GRIM test)"""
    gap_max = int(p.get("max_gap", 3))
    for it in run.counts:
        sa, sb = it.sent
        if run.ending(p["whole_before"], it.tok[0], sa) is None:
            continue
        b = run.next_item(it)
        if b is None or b.tok[0] >= sb or b.m.kind != "percent" or not _share(b, run, p):
            continue
        if run.words(it.tok[1], b.tok[0]) > gap_max or not (1 <= run.words(it.tok[1], b.tok[0])):
            continue
        g = run.gap(it.tok[1], b.tok[0])
        if "،" not in g and "," not in g:
            continue
        if run.find(p["change"], max(sa, b.tok[0] - 4), min(sb, b.tok[1] + 6)) is not None:
            continue
        nb = run.next_item(b)
        if nb is not None and nb.tok[0] < sb and _count(nb):
            continue
        yield {"whole": it, "percent": b}


@selector("amount_pair", ("first", "second"), ("link",))
def _amount_pair(run: Run, p: dict) -> Iterator[dict]:
    """one amount given twice side by side: «۳۶ هزار میلیارد ریال (معادل ۳۶۰۰ میلیارد تومان)»;
    binds `first` and `second` (money or quantities)"""
    items = [it for it in run.items if it.m.kind in ("money", "quantity")]
    for a, b in zip(items, items[1:]):
        if b.index == _next_index(run, a) and _pair_gap(run, a.tok[1], b.tok[0], p["link"]):
            yield {"first": a, "second": b}


@selector("same_fact", ("first", "second"),
          ("subject", "measure", "generic", "scope", "change", "hypothetical", "vague", "predicate"))
def _same_fact(run: Run, p: dict) -> Iterator[dict]:
    """one claim stated twice, in different sentences: two facts with the same subject,
    predicate, unit, time and running-total status. Only specific claims are compared: a
    measure of lexicon `measure` with what it measures («نرخ تورم/نقطه»), not narrowed by a
    `scope` word between the two («… در مناطق روستایی ۴۱.۳ درصد»); or a subject of lexicon
    `subject` with a predicate («چهار ناو جنگی … شلیک کردند»; a fact without one takes a
    phrase of lexicon `predicate` after its number: «… که موشک شلیک می‌کردند»), not a `generic`
    one. Changes
    («۲۵ درصد افزایش», lexicon `change`) and conditions («در صورتی که …», `hypothetical`) are
    not claims of a value; a measure of something `vague` («بودجه سال …», «قیمت هر …») is not
    specific; a subject with more than two values in the article is a list or a series (prices
    per city, thresholds of a law), not one claim; and two sentences dated differently («خرداد
    ۸۸ …», «آبان ۸۸ …») are about different times. Binds `first` and `second`."""
    known = run.checks.values(p["subject"])
    measures = run.checks.values(p["measure"])
    generic = run.checks.values(p["generic"])
    vague = run.checks.values(p["vague"])
    groups: dict[tuple, list[Item]] = {}
    for it in run.fact_items():
        f = it.fact
        key = f.subject.get("key")
        if not key or key in generic or it.m is None or it.tok is None:
            continue
        a, b = it.tok
        head, _, of = key.partition("/")
        pred = (f.predicate or {}).get("key")
        if head in measures and key not in known:
            if not of or of in vague:
                continue
            hit = None
            for h in run.finditer(p["measure"], max(0, a - 12), a):
                hit = h
            if hit is None or run.find(p["scope"], hit[1], a) is not None:
                continue
        else:
            if key not in known:
                continue
            if pred is None:
                sa, sb = run.sentence(a)
                hit = run.find(p["predicate"], b, sb)
                if hit is None:
                    continue
                pred = run.checks.entry_value(p["predicate"], run.syms, hit[0], hit[1])
                if pred is None:
                    continue
        sa, sb = run.sentence(a)
        if run.find(p["change"], max(sa, a - 3), min(sb, b + 4)) is not None:
            continue
        if run.find(p["hypothetical"], sa, a) is not None:
            continue
        t = f.time or {}
        unit = it.m.extra.get("base_unit") or f.unit
        g = (key, pred, unit, f.kind, t.get("value"), str(t.get("interval")),
             bool(f.cumulative), f.as_of)
        groups.setdefault(g, []).append(it)
    for lst in groups.values():
        values = {(ATTRS["base_lo"](x), ATTRS["base_hi"](x)) for x in lst}
        if len(values) != 2:
            continue
        for i in range(len(lst)):
            for j in range(i + 1, len(lst)):
                a, b = lst[i], lst[j]
                sa, sb = a.sent, b.sent
                if sa == sb or _dates_in(run, sa) != _dates_in(run, sb):
                    continue
                yield {"first": a, "second": b}


def _dates_in(run: Run, sent: tuple[int, int]) -> frozenset:
    """The stated dates a sentence is about (their spans of days): its own, else the last one
    named before it in its paragraph («خرداد سال ۸۸ … منفجر کرد. ۲۷ نفر کشته شدند»). Facts
    of differently dated sentences are about different times. Relative dates («سال آینده») do
    not date a sentence here."""
    def stated(x: Item) -> bool:
        return x.m.kind == "date" and bool(x.m.extra.get("stated"))

    def key(x: Item):
        return tuple(x.m.interval) if x.m.interval else x.m.text

    own = frozenset(key(x) for x in run.items_in(sent[0], sent[1]) if stated(x))
    if own:
        return own
    para = run.syms.rfind(NEWLINE, 0, sent[0]) + 1
    for x in reversed(run.items_in(para, sent[0])):
        if stated(x):
            return frozenset([key(x)])
    return own


# =============================================================================================
# Compiled checks and results
# =============================================================================================

@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: a stable code, its severity, the message in Persian and English, the spans
    (original-text offsets) it is about, the recomputed evidence, and the check that raised it."""
    code: str
    severity: str
    message: dict
    spans: tuple[tuple[int, int], ...]
    evidence: dict
    rule: str
    mentions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": dict(self.message),
                "spans": [list(s) for s in self.spans], "evidence": self.evidence, "rule": self.rule}


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
        r = Run(self, text, tokens, mentions, spans, facts, published)
        flags: list[Flag] = []
        seen: set = set()
        checked: set[str] = set()
        found: dict[tuple, list] = {}      # checks with one selector and parameters share its bindings
        for c in ((only,) if only is not None else self.checks):
            key = (id(c.selector), c.params_key)
            bindings = found.get(key)
            if bindings is None:
                bindings = found[key] = [_prepared(b) for b in c.selector.fn(r, c.params)]
            where, when, evidence = c.where, c.when, c.evidence
            for binding, extra, ids in bindings:
                env = Env(binding, evidence, r)
                if where is not None and where(env) is not True:
                    continue
                checked.update(ids)
                if when(env) is not True:
                    continue
                key = (c.code, frozenset(ids))
                if key in seen:
                    continue
                seen.add(key)
                flags.append(self._flag(c, env, binding, extra))
        return flags, _coverage(mentions, checked)

    def _flag(self, c: CompiledCheck, env: Env, binding: dict, extra: tuple) -> Flag:
        evidence = {k: _jsonable(env[k]) for k in c.evidence_order}
        msgs = {}
        for lang, parts in c.messages.items():
            env.lang = lang
            msgs[lang] = "".join(p if isinstance(p, str) else _show(env, p(env)) for p in parts)
        spans = []
        ids: list[str] = []
        for v in list(binding.values()) + list(extra):
            for it in (v if isinstance(v, (list, tuple)) else (v,)):
                if isinstance(it, Item):
                    spans.append(it.span())
                    ids.extend(it.ids())
        spans = sorted(set(spans))
        return Flag(c.code, c.severity, msgs, tuple(spans), evidence, c.origin, tuple(dict.fromkeys(ids)))


def _prepared(binding: dict) -> tuple[dict, tuple, tuple[str, ...]]:
    """A selector's binding as the checks use it: the names, the extra items it shows (a weekday
    stated apart from its day), and the ids of every mention it involves (for coverage)."""
    extra = binding.pop("_extra", ())
    ids = _ids(binding.values()) + tuple(i for x in extra for i in x.ids())
    return binding, extra, ids


def _is_latin(s: str) -> bool:
    return all(ord(ch) < 0x250 for ch in s)


def _ids(values: Iterable[Any]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        for it in (v if isinstance(v, (list, tuple)) else (v,)):
            if isinstance(it, Item):
                out.extend(it.ids())
    return tuple(out)


def _coverage(mentions, checked: set[str]) -> Coverage:
    n = d = cn = cd = 0
    unchecked = []
    for m in mentions:
        if m.kind in NUMBER_KINDS:
            n += 1
            if m.id in checked:
                cn += 1
                continue
        elif m.kind in DATE_KINDS:
            d += 1
            if m.id in checked:
                cd += 1
                continue
        else:
            continue
        unchecked.append({"id": m.id, "kind": m.kind, "text": m.text, "start": m.start, "end": m.end})
    return Coverage(n, d, cn, cd, tuple(unchecked))


# =============================================================================================
# Compiling check blocks (called by ruleset.load, so `rasti rules lint` reports their errors)
# =============================================================================================

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


def _compile_block(comp: _Compiling, b: CheckBlock, published: str | None) -> CompiledCheck | None:
    ok = True
    code = b.code or b.name
    if b.severity is None:
        comp.error("R124", f"check '{b.name}' has no `severity` line", b.pos, hint="add `severity error` or `severity warning`")
        ok = False
    elif b.severity not in SEVERITIES:
        comp.error("R123", f"unknown severity '{b.severity}'", b.severity_pos or b.pos, hint="severities are: " + ", ".join(SEVERITIES))
        ok = False
    if b.source is None:
        comp.error("R124", f"check '{b.name}' has no `applies` line", b.pos, hint="say what it applies to, e.g. `applies date`")
        return None
    sel = SELECTORS.get(b.source.name)
    if sel is None:
        comp.error("R120", f"unknown selector '{b.source.name}'", b.source.pos,
                   hint=_near(b.source.name, SELECTORS, "") or ("selectors are: " + ", ".join(sorted(SELECTORS))))
        return None
    params: dict[str, Any] = dict(sel.numbers)
    for k, v in b.source.params:
        if k in sel.params:
            if not (isinstance(v, tuple) and v[0] == "lex"):
                comp.error("R120", f"'{k}' of selector '{b.source.name}' takes a lexicon (@name)", b.source.pos)
                ok = False
                continue
            if v[1] not in comp.lexicons:
                comp.error("R102", f"unknown lexicon '@{v[1]}'", b.source.pos, hint=_near(v[1], comp.lexicons, "@"))
                ok = False
                continue
            params[k] = v
        elif k in sel.numbers:
            if not isinstance(v, float):
                comp.error("R120", f"'{k}' of selector '{b.source.name}' takes a number", b.source.pos)
                ok = False
                continue
            params[k] = v
        else:
            comp.error("R120", f"selector '{b.source.name}' has no parameter '{k}'", b.source.pos,
                       hint="its parameters are: " + (", ".join(list(sel.params) + list(sel.numbers)) or "none"))
            ok = False
    for k in sel.params:
        if k not in params:
            comp.error("R120", f"selector '{b.source.name}' needs `{k}=@lexicon`", b.source.pos,
                       hint=f"e.g. applies {b.source.name}(" + ", ".join(f"{p}=@…" for p in sel.params) + ")")
            ok = False
    # the selector reads lexicon names; pass plain names
    params = {k: (v[1] if isinstance(v, tuple) else v) for k, v in params.items()}
    names = set(sel.binds) | set(GLOBALS)
    if (b.where and b.where[0] is None) or (b.when and b.when[0] is None):
        return None                      # a condition that did not parse: its R100 says why
    where = comp.expr(b.where[0], names, b.where[1]) if b.where else None
    evidence: dict[str, Fn] = {}
    order = []
    for ename, e, pos in b.evidence:
        if ename in names:
            comp.error("R121", f"evidence '{ename}' hides a name of the same name", pos)
            ok = False
            continue
        evidence[ename] = comp.expr(e, names, pos)
        names.add(ename)
        order.append(ename)
    if b.when is None:
        comp.error("R124", f"check '{b.name}' has no `when` line", b.pos, hint="add `when CONDITION`: the flag is raised when it holds")
        return None
    when = comp.expr(b.when[0], names, b.when[1])
    messages: dict[str, tuple] = {}
    for t in b.messages:
        parts = tuple(p if isinstance(p, str) else comp.expr(p[0], names, S.Pos(t.pos.path, t.pos.line, p[1])) for p in t.parts)
        messages[t.lang] = parts
    for lang in LANGS:
        if lang not in messages:
            comp.error("R124", f"check '{b.name}' has no `message {lang}` line", b.pos,
                       hint=f'add `message {lang} "…"`')
            ok = False
    if not b.examples:
        comp.error("R110", f"check '{b.name}' has no examples", b.pos,
                   hint=f'add `example "…" => {code}` and `example "…" => ok` lines')
        ok = False
    for ex in b.examples:
        want = ex.expected
        if ex.reject:
            continue
        if not isinstance(want, S.Ident) or want.name not in (code, "ok"):
            comp.error("R125", f"a check example expects `=> {code}` or `=> ok`", ex.pos,
                       hint="the example must raise this check's code, or nothing (ok)")
            ok = False
    if not ok:
        return None
    return CompiledCheck(b.name, code, b.severity, f"{b.pos.path}:{b.pos.line}", sel, params,
                         tuple(params[k] for k in sel.params), where, when, evidence, tuple(order),
                         messages, b.examples, published)


def run_example(engine, check: CompiledCheck, ex: S.Example, published: str | None) -> str | None:
    """A check block's `example "…" => CODE` (must flag) / `=> ok` or `reject "…"` (must not):
    None when it holds, else what happened instead."""
    art = engine.read(ex.text, published=published)
    t, tokens, spans = engine._last.analysis[1:]
    flags, _ = engine.ruleset.checks.run(t, tokens, list(art.mentions), list(spans), art.facts, published,
                                         only=check)
    want_flag = not ex.reject and isinstance(ex.expected, S.Ident) and ex.expected.name != "ok"
    if want_flag and not flags:
        return f"example {ex.text!r}: expected {check.code} from check {check.name}; it raised nothing"
    if not want_flag and flags:
        return (f"example {ex.text!r}: expected no {check.code}; check {check.name} raised: "
                + "; ".join(f.message.get("en", "") for f in flags))
    return None
