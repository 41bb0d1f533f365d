"""Compiling expression trees (syntax.py's `E`) into Python closures over an `Env`: names,
attributes (`ATTRS`) and functions (`FUNCTIONS`) are resolved at load time, so an unknown one is
a load error with its file:line:col and rule text is never given to eval/exec. Also the
operators, three-valued (`none` when an operand is unknown), and `_Compiling`, which collects
the load errors.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from ...errors import RuleError
from ...lang import syntax as S
from .functions import FUNCTIONS
from .syntax import E
from .values import ATTRS, Env, Item, _attr, _num, _val, _value


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
