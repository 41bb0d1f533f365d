"""Run a rule's inline `example` / `reject` lines: the rule files test themselves."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..lang import syntax as S
from ..api import Engine
from ..claims.scene import EVENT_LEXICON, SCENE_LEXICONS
from ..model import Mention
from ..read.text import ZWNJ, fold


@dataclass(frozen=True, slots=True)
class ExampleCase:
    id: str               # rules/<file>.rules:<line>
    rule: str
    origin: str           # the rule's file:line (what mentions carry)
    example: S.Example
    published: str | None
    check: object = None  # a check block's example (engine/verify/checks/), else a rule's
    words: tuple[str, ...] = ()   # a lexicon's example: its spellings, folded (one must be read)
    frame: object = None  # a claim block's example (engine/claims/frames.py)
    scene: bool = False   # a lexicon of rules/claims/scene.rules: its words are read as claims' event or place


def cases(engine: Engine) -> Iterator[ExampleCase]:
    for r in engine.ruleset.rules:
        for ex in r.examples:
            # an `undated` rule (a dateline) runs only without a publication date: the file's
            # `published` line is not its examples' (one the example states itself still is)
            yield ExampleCase(f"{ex.pos.path}:{ex.pos.line}", r.name, r.origin, ex,
                              ex.published or (None if r.undated else r.published))
    for c in (engine.ruleset.checks.checks if engine.ruleset.checks is not None else ()):
        for ex in c.examples:
            yield ExampleCase(f"{ex.pos.path}:{ex.pos.line}", c.name, c.origin, ex, ex.published or c.published, c)
    frames = engine.ruleset.frames
    for fr in (frames.frames.values() if frames is not None else ()):
        for ex in fr.examples:
            yield ExampleCase(f"{ex.pos.path}:{ex.pos.line}", f"claim {fr.name}", fr.origin, ex,
                              ex.published or fr.published, frame=fr)
    for f in engine.ruleset.files:
        for lex in f.lexicons:
            words = tuple(sorted({_bare(form) for e in lex.entries for form in e.forms} - {""}))
            for ex in lex.examples:
                yield ExampleCase(f"{ex.pos.path}:{ex.pos.line}", f"lexicon {lex.name}",
                                  f"{lex.pos.path}:{lex.pos.line}", ex, ex.published or f.published, words=words,
                                  scene=lex.name in SCENE_LEXICONS)


def _bare(s: str) -> str:
    """Folded, without spaces or ZWNJ: «مهر‌ماه», «مهرماه» and «مهر ماه» compare equal."""
    return "".join(fold(s).split()).replace(ZWNJ, "")


def _reads_word(text: str, words: tuple[str, ...]) -> bool:
    bare = _bare(text)
    return any(w in bare for w in words)


def _run_lexicon(engine: Engine, case: ExampleCase) -> str | None:
    """A lexicon's example holds when a mention, or a fact (its span, subject or predicate), reads one of
    its words (and carries the expected value: a mention's value, or the fact's value or key);
    its reject holds when none does."""
    ex = case.example
    art = engine.read(ex.text, published=case.published)
    mentions = [m for m in art.mentions if _reads_word(m.text, case.words)]
    facts = [f for f in art.facts if _reads_word(ex.text[f.span[0]:f.span[1]], case.words)
             or any(_reads_word(part["text"], case.words) for part in (f.subject, f.predicate) if part)]
    shown = _show(mentions) + ("; " if mentions and facts else "") + "; ".join(
        f"fact {f.subject['key']!r} {f.predicate['key'] if f.predicate else ''}={f.value}" for f in facts)
    if ex.reject:
        return f"reject {ex.text!r}: {_who(case)} still read: {shown}" if mentions or facts else None
    if any(matches(m, ex.expected) for m in mentions) or any(_fact_matches(f, ex.expected) for f in facts):
        return None
    want = ex.expected.name if isinstance(ex.expected, S.Ident) else ex.expected
    return (f"example {ex.text!r}: expected {_who(case)} => {want}; found "
            + (shown or _show(list(art.mentions)) or "no mentions"))


def _fact_matches(f: Any, expected: S.Value) -> bool:
    if expected is None:
        return True
    keys = {f.subject.get("key"), (f.predicate or {}).get("key")}
    return (isinstance(expected, str) and expected in keys) or _close(f.value, expected)


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
    return str(a) == str(b)


def matches(m: Mention, expected: S.Value) -> bool:
    """Does a mention carry the expected value (a point, an interval, an ISO day or span)?"""
    if expected is None:
        return True
    if isinstance(expected, S.Interval):
        return m.interval is not None and _close(m.interval[0], expected.lo) and _close(m.interval[1], expected.hi)
    if isinstance(expected, str) and ".." in expected:
        lo, hi = expected.split("..")
        return m.interval is not None and str(m.interval[0]) == lo and str(m.interval[1]) == hi
    if isinstance(expected, S.Ident):
        if expected.name == "invalid":
            return m.extra.get("valid") is False
        return str(m.value) == expected.name
    return _close(m.value, expected)


def run(engine: Engine, case: ExampleCase) -> str | None:
    """None when the example holds, else a message saying what was found instead."""
    if case.check is not None:
        from ..verify.checks import run_example
        return run_example(engine, case.check, case.example, case.published)
    if case.scene:
        return _run_scene(engine, case)
    if case.words:
        return _run_lexicon(engine, case)
    if case.frame is not None:
        return _run_claim(engine, case)
    ex = case.example
    found = engine.mentions(ex.text, published=case.published, datelines=True)
    mine = [m for m in found if m.rule == case.origin]
    if ex.reject:
        if mine:
            return f"reject {ex.text!r}: {_who(case)} still produced " + _show(mine)
        return None
    if any(matches(m, ex.expected) for m in mine):
        return None
    want = ex.expected.name if isinstance(ex.expected, S.Ident) else ex.expected
    return (f"example {ex.text!r}: expected {_who(case)} => {want}; found "
            + (_show(found) if found else "no mentions"))


def _run_scene(engine: Engine, case: ExampleCase) -> str | None:
    """A scene lexicon's example holds when a claim of the text has the expected event (the event
    lexicon) or place (the place and marker lexicons), read from the text, not a frame's slot; its
    reject when no claim of the text has an event (or a place) at all."""
    ex = case.example
    claims = engine.read(ex.text, published=case.published).claims
    events = case.rule == f"lexicon {EVENT_LEXICON}"
    read = [(c.event, c.event_source) if events else (c.where, c.where_source) for c in claims]
    read = [v for v, src in read if v is not None and src != "frame"]
    shown = "; ".join(f"{c.frame} event={c.event!r} where={c.where!r}" for c in claims) or "no claims"
    if ex.reject:
        return f"reject {ex.text!r}: {_who(case)} still read: {shown}" if read else None
    want = ex.expected.name if isinstance(ex.expected, S.Ident) else ex.expected
    if read and (want is None or any(str(v) == str(want) for v in read)):
        return None
    return f"example {ex.text!r}: expected {_who(case)} => {want}; found {shown}"


def _run_claim(engine: Engine, case: ExampleCase) -> str | None:
    """A claim block's example holds when the article has a claim of its frame with the expected
    what and value; its reject when the block yields no claim in the text."""
    ex = case.example
    claims = engine.read(ex.text, published=case.published).claims
    shown = "; ".join(f"{c.frame} {c.what!r} {c.value} «{c.text}»" for c in claims) or "no claims"
    if ex.reject:
        mine = [c for c in claims if c.rule == case.origin]
        return f"reject {ex.text!r}: {_who(case)} still claimed: {shown}" if mine else None
    for c in claims:
        if c.frame != ex.frame or (ex.what is not None and c.what != ex.what):
            continue
        if ex.value is None or (isinstance(ex.value, S.Interval) and c.interval is not None
                                and _close(c.interval[0], ex.value.lo) and _close(c.interval[1], ex.value.hi)) \
                or _close(c.value, ex.value):
            return None
    want = " ".join(str(x) for x in (ex.frame, repr(ex.what) if ex.what is not None else None, ex.value) if x is not None)
    return f"example {ex.text!r}: expected {want}; found {shown}"


def _who(case: ExampleCase) -> str:
    return f"a word of {case.rule}" if case.words else f"rule {case.rule}"


def _show(ms: list[Mention]) -> str:
    return "; ".join(f"{m.kind} {m.text!r}={m.value if m.value is not None else m.interval} ({m.rule})" for m in ms)
