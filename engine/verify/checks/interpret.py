"""Running compiled checks over one article: each selector's bindings (shared by the checks
that use the same selector and parameters), `where` and `when` evaluated per binding, a `Flag`
with its message, spans and evidence when `when` holds, and the `Coverage` of what took part in
a check. Also `run_example`, which runs one check on one of its own examples.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from ...lang import syntax as S
from ...lang.bidi import contain
from .article import Run
from .display import _jsonable, _show
from .model import CompiledCheck, Coverage, Flag
from .values import Env, Item

NUMBER_KINDS = ("number", "percent", "quantity", "money", "fraction", "duration")
DATE_KINDS = ("date", "weekday")


def run(checks: "CheckSet", text, tokens, mentions, spans, facts, published: str | None,
        only: CompiledCheck | None = None) -> tuple[list[Flag], Coverage]:
    """Every check (or `only` one) over one article; `checks` is the CheckSet (checkset.py, which
    imports this module) whose lexicon lookups the selectors use."""
    r = Run(checks, text, tokens, mentions, spans, facts, published)
    flags: list[Flag] = []
    seen: set = set()
    checked: set[str] = set()
    found: dict[tuple, list] = {}      # checks with one selector and parameters share its bindings
    for c in ((only,) if only is not None else checks.checks):
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
            spans, flag_ids = _spans(binding, extra)
            # one finding is flagged once: by the mentions it involves, and by the spans it shows
            # (two checks of one code, or a fact and its mention, can reach the same text)
            if (c.code, frozenset(ids)) in seen or (c.code, spans) in seen:
                continue
            seen.add((c.code, frozenset(ids)))
            seen.add((c.code, spans))
            flags.append(_flag(c, env, spans, flag_ids))
    return _merge_repeats(flags), _coverage(mentions, checked)


def _spans(binding: dict, extra: tuple) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """The original-text spans a binding shows and the ids of its mentions."""
    spans = []
    ids: list[str] = []
    for v in list(binding.values()) + list(extra):
        for it in (v if isinstance(v, (list, tuple)) else (v,)):
            if isinstance(it, Item):
                spans.append(it.span())
                ids.extend(it.ids())
    return tuple(sorted(set(spans))), tuple(dict.fromkeys(ids))


def _flag(c: CompiledCheck, env: Env, spans: tuple, ids: tuple[str, ...]) -> Flag:
    evidence = {k: _jsonable(env[k]) for k in c.evidence_order}
    msgs = {}
    for lang, parts in c.messages.items():
        env.lang = lang
        # a value holding bidi controls (a quote, an id) is isolated: it cannot reorder the message
        msgs[lang] = "".join(p if isinstance(p, str) else contain(_show(env, p(env))) for p in parts)
    return Flag(c.code, c.severity, msgs, spans, evidence, c.origin, ids)


def _merge_repeats(flags: list[Flag]) -> list[Flag]:
    """One error restated is flagged once: flags of one code with the same messages and evidence
    (an article that repeats a paragraph, a wrong date pair written twice) become the first, with
    the spans of the others in `repeats`."""
    if len(flags) < 2:
        return flags
    first: dict[tuple, int] = {}
    out: list[Flag] = []
    for f in flags:
        key = (f.code, tuple(sorted(f.message.items())), repr(sorted(f.evidence.items())))
        k = first.get(key)
        if k is None:
            first[key] = len(out)
            out.append(f)
        else:
            g = out[k]
            out[k] = replace(g, repeats=g.repeats + (f.spans,), mentions=g.mentions + f.mentions)
    return out


def _prepared(binding: dict) -> tuple[dict, tuple, tuple[str, ...]]:
    """A selector's binding as the checks use it: the names, the extra items it shows (a weekday
    stated apart from its day), and the ids of every mention it involves (for coverage)."""
    extra = binding.pop("_extra", ())
    ids = _ids(binding.values()) + tuple(i for x in extra for i in x.ids())
    return binding, extra, ids


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
