"""Compiling one `check` block (syntax.py's `CheckBlock`) into a `CompiledCheck`, step by step:
its severity, its selector and the selector's parameters, its conditions and evidence, its
messages and its examples. Every problem is a load error (with file:line:col) collected by
`_Compiling`; a block with any error is left out of the ruleset.
"""
from __future__ import annotations

from typing import Any

from ...lang import syntax as S
from .expr import Fn, _Compiling, _near
from .functions import GLOBALS
from .model import CompiledCheck
from .registry import SELECTORS, Selector
from .syntax import LANGS, SEVERITIES, CheckBlock


def _compile_block(comp: _Compiling, b: CheckBlock, published: str | None) -> CompiledCheck | None:
    """The compiled check, or None when the block has an error (reported through `comp`, in
    the order of the steps below)."""
    code = b.code or b.name
    ok = _severity_ok(comp, b)
    sel = _selector_of(comp, b)
    if sel is None:
        return None
    params, params_ok = _params(comp, b, sel)
    ok = params_ok and ok
    names = set(sel.binds) | set(GLOBALS)
    if (b.where and b.where[0] is None) or (b.when and b.when[0] is None):
        return None                      # a condition that did not parse: its R100 says why
    where = comp.expr(b.where[0], names, b.where[1]) if b.where else None
    evidence, order, evidence_ok = _evidence(comp, b, names)
    ok = evidence_ok and ok
    if b.when is None:
        comp.error("R124", f"check '{b.name}' has no `when` line", b.pos, hint="add `when CONDITION`: the flag is raised when it holds")
        return None
    when = comp.expr(b.when[0], names, b.when[1])
    messages, messages_ok = _messages(comp, b, names)
    ok = messages_ok and ok
    ok = _examples_ok(comp, b, code) and ok
    if not ok:
        return None
    return CompiledCheck(b.name, code, b.severity, f"{b.pos.path}:{b.pos.line}", sel, params,
                         tuple(params[k] for k in sel.params + sel.optional if k in params), where, when, evidence, tuple(order),
                         messages, b.examples, published)


def _severity_ok(comp: _Compiling, b: CheckBlock) -> bool:
    if b.severity is None:
        comp.error("R124", f"check '{b.name}' has no `severity` line", b.pos, hint="add `severity error` or `severity warning`")
        return False
    if b.severity not in SEVERITIES:
        comp.error("R123", f"unknown severity '{b.severity}'", b.severity_pos or b.pos, hint="severities are: " + ", ".join(SEVERITIES))
        return False
    return True


def _selector_of(comp: _Compiling, b: CheckBlock) -> Selector | None:
    """The selector the `applies` line names (None: no such line, or no such selector)."""
    if b.source is None:
        comp.error("R124", f"check '{b.name}' has no `applies` line", b.pos, hint="say what it applies to, e.g. `applies date`")
        return None
    sel = SELECTORS.get(b.source.name)
    if sel is None:
        comp.error("R120", f"unknown selector '{b.source.name}'", b.source.pos,
                   hint=_near(b.source.name, SELECTORS, "") or ("selectors are: " + ", ".join(sorted(SELECTORS))))
        return None
    return sel


def _params(comp: _Compiling, b: CheckBlock, sel: Selector) -> tuple[dict[str, Any], bool]:
    """The selector's parameters (its numeric defaults, then the `applies` line's values), with
    lexicons as plain names, and whether they were all well given."""
    ok = True
    params: dict[str, Any] = dict(sel.numbers)
    for k, v in b.source.params:
        if k in sel.params or k in sel.optional:
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
                       hint="its parameters are: " + (", ".join(list(sel.params) + list(sel.optional) + list(sel.numbers)) or "none"))
            ok = False
    for k in sel.params:
        if k not in params:
            comp.error("R120", f"selector '{b.source.name}' needs `{k}=@lexicon`", b.source.pos,
                       hint=f"e.g. applies {b.source.name}(" + ", ".join(f"{p}=@…" for p in sel.params) + ")")
            ok = False
    # the selector reads lexicon names; pass plain names
    return {k: (v[1] if isinstance(v, tuple) else v) for k, v in params.items()}, ok


def _evidence(comp: _Compiling, b: CheckBlock, names: set[str]) -> tuple[dict[str, Fn], list[str], bool]:
    """The evidence expressions in their order; each name becomes visible to the lines after it
    (`names` grows)."""
    ok = True
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
    return evidence, order, ok


def _messages(comp: _Compiling, b: CheckBlock, names: set[str]) -> tuple[dict[str, tuple], bool]:
    """Each language's message as str pieces and compiled placeholders; every language needs one."""
    ok = True
    messages: dict[str, tuple] = {}
    for t in b.messages:
        parts = tuple(p if isinstance(p, str) else comp.expr(p[0], names, S.Pos(t.pos.path, t.pos.line, p[1])) for p in t.parts)
        messages[t.lang] = parts
    for lang in LANGS:
        if lang not in messages:
            comp.error("R124", f"check '{b.name}' has no `message {lang}` line", b.pos,
                       hint=f'add `message {lang} "…"`')
            ok = False
    return messages, ok


def _examples_ok(comp: _Compiling, b: CheckBlock, code: str) -> bool:
    """A check has examples, and each expects its code or `ok`."""
    ok = True
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
    return ok
