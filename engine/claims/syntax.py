"""The `claim` block of rule files: a frame a story can state (a toll, a price, a magnitude …),
parsed into syntax here and compiled into a matcher over mentions by `claims.frames`.

    claim quake.magnitude rank 20
        movement fixed
        match @quake_word? n:quantity
        value n
        what "زلزله"
        example "زلزله ۵.۹ ریشتری خوی را لرزاند" => quake.magnitude "زلزله" 5.9
        reject "…"
    end
"""
from __future__ import annotations

from dataclasses import dataclass

import pyparsing as pp

from ..lang import syntax as S
from ..lang.grammar import IDENT, NUMBER, PUBLISHED, QSTRING, VALUE, block, body_lines, match_line

# Claim-block error codes (beside errors.CODES, like the check codes R120–R125).
CLAIM_CODES = {
    "R130": "a claim without `match`, `value` or `movement`",
    "R131": "a claim's unknown movement (fixed, monotone [window N days], mutable)",
    "R132": "a claim's `value` or slot names a capture its `match` lines do not make",
    "R133": "a claim's example expects another frame",
    "R134": "a claim's unknown line or slot",
    "R135": "a bad `window`: not a whole number of days from 1 (a claim's movement, or `window=` of lexicon `monotone`)",
}
SLOTS = ("what", "who", "where", "when", "source", "scope")
MOVEMENTS = ("fixed", "monotone", "mutable")

CLAIM_HEAD = IDENT("name") + pp.Optional(pp.Keyword("rank") + NUMBER("rank")) + pp.StringEnd()
MOVEMENT = (IDENT("kind") + pp.Optional(pp.Keyword("window") + pp.Regex(r"\S+")("window")
                                         + pp.Optional(pp.Regex(r"\S+")("unit"))) + pp.StringEnd())
WINDOW_UNITS = ("days", "day")
REF = (QSTRING("const") | NUMBER("num") | IDENT("ref")) + pp.StringEnd()
CLAIM_EXAMPLE = (QSTRING("text") + pp.Optional(pp.Suppress("=>") + IDENT("frame") + pp.Optional(QSTRING("what"))
                                                 + pp.Optional(VALUE("value")))
                 + pp.Optional(pp.Keyword("published") + PUBLISHED("published")) + pp.StringEnd())
CLAIM_REJECT = QSTRING("text") + pp.Optional(pp.Keyword("published") + PUBLISHED("published")) + pp.StringEnd()


@dataclass(frozen=True, slots=True)
class SlotRef:
    """A slot's source: a capture of the match (`ref`), or a constant (`const`)."""
    ref: str | None
    const: object
    pos: S.Pos


@dataclass(frozen=True, slots=True)
class ClaimExample:
    text: str
    frame: str | None        # None: a reject
    what: str | None
    value: S.Value
    reject: bool
    published: str | None
    pos: S.Pos


@dataclass(frozen=True, slots=True)
class ClaimBlock:
    name: str
    rank: int
    movement: str | None
    window: int | None
    patterns: tuple[S.Node, ...]
    value: SlotRef | None
    unit: str | None
    slots: tuple[tuple[str, SlotRef], ...]
    examples: tuple[ClaimExample, ...]
    pos: S.Pos
    movement_pos: S.Pos | None = None


def _slot(ctx, rest: str, ln: int, col0: int) -> SlotRef | None:
    r = ctx.parse(REF, rest, ln, col0)
    if r is None:
        return None
    pos = S.Pos(ctx.path, ln, col0)
    if "ref" in r:
        return SlotRef(r["ref"], None, pos)
    if "num" in r:
        return SlotRef(None, float(r["num"]), pos)
    return SlotRef(None, r["const"], pos)


def window_days(v: object) -> int | None:
    """A window's days when ``v`` is a whole number from 1 (what `window N days` and `window=N` take)."""
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return int(f) if f >= 1 and f == int(f) and not isinstance(v, bool) else None


def _window(ctx, m, rest: str, ln: int, col0: int) -> int | None:
    """The days of `window N days`, after reporting a count that is not a whole number from 1, or
    a unit other than days (R135, at the column of the bad word)."""
    raw, unit = m["window"], m["unit"] if "unit" in m else None
    days = window_days(raw)
    at = rest.find(" window ") + len(" window ") if " window " in rest else 0
    if days is None:
        ctx.error("R135", f"window '{raw}' is not a whole number of days from 1", ln, col0 + at,
                  hint="write `movement monotone window 30 days`")
    elif unit is not None and unit not in WINDOW_UNITS:
        ctx.error("R135", f"window unit '{unit}' is not days", ln, col0 + rest.find(unit, at),
                  hint="a window is counted in days: `window 14 days` for two weeks")
        days = None
    return days


def _claim_example(ctx, kw: str, rest: str, ln: int, indent: int) -> ClaimExample | None:
    e = ctx.parse(CLAIM_EXAMPLE if kw == "example" else CLAIM_REJECT, rest, ln, indent + len(kw) + 2)
    if e is None:
        return None
    return ClaimExample(e["text"], e["frame"] if "frame" in e else None, e["what"] if "what" in e else None,
                        e["value"] if "value" in e else None, kw == "reject",
                        e["published"] if "published" in e else None, S.Pos(ctx.path, ln, indent + 1))


@block("claim")
def _claim(ctx, head: str, hline: int, body: list[tuple[int, str]]) -> ClaimBlock | None:
    """One `claim NAME [rank N]` block; every bad line is reported and the rest still read."""
    r = ctx.parse(CLAIM_HEAD, head, hline, len("claim ") + 1)
    if r is None:
        return None
    movement = window = unit = value = mpos = None
    patterns: list[S.Node] = []
    slots: list[tuple[str, SlotRef]] = []
    examples: list[ClaimExample] = []
    for ln, indent, kw, rest, col0 in body_lines(body):
        if kw == "match":
            match_line(ctx, rest, ln, col0, patterns)
        elif kw == "movement":
            mpos = S.Pos(ctx.path, ln, col0)
            m = ctx.parse(MOVEMENT, rest, ln, col0)
            if m is not None:
                movement = m["kind"]
                window = _window(ctx, m, rest, ln, col0) if "window" in m else None
                if movement not in MOVEMENTS or ("window" in m and movement != "monotone"):
                    ctx.error("R131", f"unknown movement '{rest}'", ln, col0,
                              hint="write `movement fixed`, `movement monotone [window N days]` or `movement mutable`")
        elif kw == "value":
            value = _slot(ctx, rest, ln, col0)
        elif kw == "unit":
            u = _slot(ctx, rest, ln, col0)
            unit = str(u.const if u.ref is None else u.ref) if u is not None else None
        elif kw in SLOTS:
            s = _slot(ctx, rest, ln, col0)
            if s is not None:
                slots.append((kw, s))
        elif kw in ("example", "reject"):
            ex = _claim_example(ctx, kw, rest, ln, indent)
            if ex is not None:
                examples.append(ex)
        else:
            ctx.error("R134", f"unknown line '{kw}' in a claim", ln, indent + 1,
                      hint="a claim has `movement`, `match`, `value`, `unit`, " + ", ".join(f"`{s}`" for s in SLOTS)
                      + ", `example` and `reject` lines")
    return ClaimBlock(r["name"], int(float(r["rank"])) if "rank" in r else 0, movement, window, tuple(patterns),
                      value, unit, tuple(slots), tuple(examples), S.Pos(ctx.path, hline), mpos)
