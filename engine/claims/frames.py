"""Claim frames: the `claim` blocks of rules/claims/ compiled into one matcher that runs over an
article's final mentions (each a single item of its kind, as a layer-2 rule sees them).

Frames are tried by rank, highest first: a specific frame («۱۲ نفر کشته») claims its value mention
before a generic one («تعداد X ۱۲») may; within one rank the matcher's leftmost-longest rule
holds, so «۱۲ نفر کشته و ۳۰ نفر زخمی» gives two claims, each number bound to the word next to it.
Vocabulary lives in the rule files; nothing here knows a word of any language."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Sequence

from ..lang import syntax as S
from ..model import Mention
from ..read.compiler import KIND_SYMBOLS, CompiledRule, Compiler
from ..read.matcher import Context, Draft, Matcher, Reject, Tokens
from ..read.text import Text
from .claim import Claim
from .scene import Scene
from .syntax import SLOTS, ClaimBlock, SlotRef

_ARGS = ("value",) + SLOTS
SECOND = "second"   # `value n.second`: the second side of a pair mention («6-2»: 2)


def _produce(ctx: Context, *args: Any) -> Draft:
    """The `claim` production: hands every slot's capture (or constant) to `FrameSet.match`."""
    value = args[0]
    if value is None:
        raise Reject
    return Draft("claim", tuple(args))


_produce.pure = True


@dataclass(frozen=True, slots=True)
class Frame:
    name: str
    rank: int
    movement: str
    window: int | None
    unit: str | None
    origin: str                   # file:line of the claim block
    examples: tuple
    published: str | None
    second: bool = False          # `value n.second`: the second side of a pair mention ("6-2": 2)


def _captures(node: S.Node, out: dict[str, S.Node]) -> dict[str, S.Node]:
    """Every capture name of a pattern, with what it captures."""
    if isinstance(node, S.Capture):
        out.setdefault(node.name, node.node)
        _captures(node.node, out)
    elif isinstance(node, (S.Seq,)):
        for n in node.items:
            _captures(n, out)
    elif isinstance(node, S.Alt):
        for n in node.options:
            _captures(n, out)
    elif isinstance(node, (S.Repeat, S.Look, S.Longest)):
        _captures(node.node, out)
    return out


def _is_mention(node: S.Node) -> bool:
    """A capture of one mention: `n:number`, `n:(money | quantity)`."""
    if isinstance(node, S.Alt):
        return all(_is_mention(o) for o in node.options)
    return isinstance(node, S.TypeRef) and node.name in KIND_SYMBOLS


def _check_block(b: ClaimBlock, comp: Compiler) -> dict[str, S.Node] | None:
    """The block's captures, after reporting what a claim block lacks or names wrongly."""
    ok = True
    for what, have in (("match", b.patterns), ("value", b.value), ("movement", b.movement)):
        if not have:
            comp.error("R130", f"claim '{b.name}' has no `{what}` line", b.pos,
                       hint="a claim needs `movement`, at least one `match`, and `value`")
            ok = False
    if not b.examples:
        comp.error("R110", f"claim '{b.name}' has no examples", b.pos,
                   hint='add `example "…" => FRAME "what" value` and `reject "…"` lines')
    caps: dict[str, S.Node] = {}
    for p in b.patterns:
        _captures(p, caps)
    refs = ([("value", b.value)] if b.value is not None else []) + list(b.slots)
    for slot, ref in refs:
        if ref.ref is None:
            continue
        name, _, attr = ref.ref.partition(".")
        if slot == "value" and attr and attr != SECOND:
            comp.error("R132", f"`value` uses '{ref.ref}': a mention has no part '{attr}'", ref.pos,
                       hint=f"write `value NAME` or `value NAME.{SECOND}` (the second side of a pair: a score)")
            ok = False
            continue
        if slot != "value" and attr:
            name = ref.ref
        if name not in caps:
            comp.error("R132", f"`{slot}` uses '{ref.ref}', which the match does not capture", ref.pos,
                       hint=("captures are: " + ", ".join(sorted(caps))) if caps else "capture with name:number, name:@lexicon")
            ok = False
        elif slot == "value" and not _is_mention(caps[name]):
            comp.error("R132", f"`value` uses '{ref.ref}', which is not a mention (number, percent, money, quantity …)",
                       ref.pos, hint="capture the figure as name:number, name:percent, name:money or name:quantity")
            ok = False
    for ex in b.examples:
        if not ex.reject and ex.frame is not None and ex.frame != b.name:
            comp.error("R133", f"example expects frame '{ex.frame}', not this claim's '{b.name}'", ex.pos,
                       hint="an example names its own claim block's frame")
    return caps if ok else None


class FrameSet:
    """The compiled frames and their matcher (built once per ruleset; picklable for the cache)."""

    def __init__(self, frames: dict[str, Frame], matcher: Matcher, scene: Scene | None = None) -> None:
        self.frames = frames          # compiled rule name -> Frame
        self.matcher = matcher
        self.scene = scene            # rules/claims/scene.rules: each claim's event and place

    def __len__(self) -> int:
        return len(self.frames)

    def match(self, text: Text, tokens: Tokens, mentions: Sequence[Mention], spans: Sequence[tuple[int, int]],
              published: str | None = None, canonical: Callable[[str], str] | None = None) -> list[Claim]:
        """The claims of one article, in text order: every frame over the final mentions.
        ``canonical`` maps a `what` captured as a bare word («اتوبوس‌ها», "teams") to its subject key
        (the facts stage's lexicons and lemmas), so the long tail of counted nouns compares across
        plurals and languages as the facts do."""
        final = [(a, b, None, Draft(m.kind, m.value, m.interval, m.precision, m.hedge, {"_i": i}))
                 for i, (m, (a, b)) in enumerate(zip(mentions, spans))]
        # a weekday alone is also a day («حمله روز چهارشنبه انجام شد»: weekday_only): frames see the day
        final.sort(key=lambda f: (f[0], -f[1], f[3].kind == "weekday"))
        if not final:
            return []
        tk, index = Matcher._collapse(tokens, final)
        ctx = Context(published, self.matcher.names)
        taken: set[int] = set()
        out: list[Claim] = []
        for k in range(1, len(self.matcher.layers)):
            for p, e, rule, d in self.matcher.scan(k, tk, text.normalized, ctx):
                c = self._claim(self.frames[rule.name], d.value, text, tokens, index[p], index[e], mentions, canonical)
                if c is None:
                    continue
                at = c[1]
                if at is not None and at in taken:
                    continue
                if at is not None:
                    taken.add(at)
                out.append(c[0])
        out.sort(key=lambda c: (c.start, c.end))
        return self._placed(out, text)

    def _placed(self, claims: list[Claim], text: Text) -> list[Claim]:
        """Each claim with its event and place (claims.scene), its frame's `where` slot first."""
        scene = getattr(self, "scene", None)
        if not claims or not scene:
            return claims
        reader = scene.reader(text.original, text)
        out = []
        for c in claims:
            s = reader.at(c.start, c.end, c.where)
            out.append(replace(c, where=s.where, event=s.event, event_source=s.event_source,
                               where_source=s.where_source, where_in=s.where_in))
        return out

    @staticmethod
    def _slot(cap: Any) -> str | None:
        if cap is None:
            return None
        if not hasattr(cap, "entry"):
            return str(cap)
        if cap.entry is not None:
            v = cap.entry.value
            return v.name if isinstance(v, S.Ident) else str(v)
        if isinstance(cap.value, Draft):
            return str(cap.value.value)
        return " ".join(cap.text.split()) or None   # a word or phrase: as written (normalized)

    def _claim(self, f: Frame, args: tuple, text: Text, tokens: Tokens, a: int, b: int,
               mentions: Sequence[Mention], canonical: Callable[[str], str] | None = None) -> tuple[Claim, int | None] | None:
        value = args[0]
        slots = {name: self._slot(v) for name, v in zip(SLOTS, args[1:])}
        w = args[1]
        if (canonical is not None and slots["what"] and getattr(w, "entry", 0) is None
                and not isinstance(getattr(w, "value", None), Draft) and " " not in slots["what"]):
            slots["what"] = canonical(slots["what"]) or slots["what"]
        os_, oe = text.to_original(tokens.starts[a], tokens.starts[b])
        span_text = text.original[os_:oe]
        if hasattr(value, "value") and isinstance(value.value, Draft):
            i = value.value.extra["_i"]
            m = mentions[i]
            ex = m.extra
            base = ((ex.get("base_value"), tuple(ex.get("base_interval") or ()) or None, ex.get("base_unit"),
                     ex.get("base_precision")) if ex.get("base_unit") else None)
            unit = f.unit or ex.get("unit") or ("percent" if m.kind == "percent" else None)
            v, iv = m.value, m.interval
            if f.second:   # the second side of a pair («6-2»: 2), or no claim
                pair = ex.get("pair")
                if not pair or len(pair) != 2:
                    return None
                v, iv = pair[1], (pair[1], pair[1])
            return Claim(f.name, slots["what"], slots["who"], slots["where"], slots["when"], slots["source"],
                         slots["scope"], f.movement, f.window, v, iv, unit, m.precision, m.hedge,
                         os_, oe, span_text, m.id, f.origin, f.rank, m.kind, base), (-1 - i if f.second else i)
        if not isinstance(value, (int, float)):
            return None
        return Claim(f.name, slots["what"], slots["who"], slots["where"], slots["when"], slots["source"],
                     slots["scope"], f.movement, f.window, value, (value, value), f.unit, 1, None,
                     os_, oe, span_text, "", f.origin, f.rank, "number"), None


def compile_frames(blocks: Iterable[tuple[ClaimBlock, str | None]], comp: Compiler) -> FrameSet:
    """Compile every claim block (a user's block of a built-in name replaces it) with the ruleset's
    compiler, so their words share the tokenizer's vocabulary; report every error through it."""
    by_name: dict[str, tuple[ClaimBlock, str | None]] = {}
    for b, published in blocks:
        prev = by_name.get(b.name)
        if prev is not None and prev[0].pos.path == b.pos.path:
            comp.error("R105", f"claim '{b.name}' is defined twice", b.pos, hint=f"first at {prev[0].pos}")
            continue
        by_name[b.name] = (b, published)
    ranks = sorted({b.rank for b, _ in by_name.values()}, reverse=True)
    saved = comp.productions
    comp.productions = {**saved, "claim": _produce}
    rules: list[CompiledRule] = []
    frames: dict[str, Frame] = {}
    try:
        for order, (b, published) in enumerate(by_name.values()):
            caps = _check_block(b, comp)
            if caps is None:
                continue
            # a capture named after a slot (`who:word`) fills it unless a slot line says otherwise
            given = dict(b.slots)
            slots = [given.get(s) or (SlotRef(s, None, b.pos) if s in caps else None) for s in SLOTS]
            value = b.value
            second = value is not None and value.ref is not None and value.ref.endswith("." + SECOND)
            if second:
                value = SlotRef(value.ref.partition(".")[0], None, value.pos)
            args = tuple(S.Arg(r.ref, None, r.pos) if r is not None and r.ref is not None
                         else S.Arg(None, r.const if r is not None else None, b.pos)
                         for r in [value] + slots)
            rule = S.Rule(f"claim {b.name}", b.rank, b.patterns, S.Call("claim", args, b.pos), (None,), b.pos, 2)
            c = comp.compile_rule(rule, order, published)
            if c is None:
                continue
            rules.append(replace(c, layer=2 + ranks.index(b.rank), examples=()))
            frames[c.name] = Frame(b.name, b.rank, b.movement or "fixed", b.window, b.unit,
                                   f"{b.pos.path}:{b.pos.line}", b.examples, published, second)
    finally:
        comp.productions = saved
    matcher = Matcher(rules, comp.lexicons, comp.number_values, comp.vocab.symbols, {"claim": _produce})
    return FrameSet(frames, matcher, Scene(comp.lexicons))
