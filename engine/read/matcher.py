"""Run compiled rules over one text: tokenize to symbols, match, build mentions, resolve overlaps."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from bisect import bisect_right
from itertools import accumulate
from typing import Any, Callable

from . import numbers as N
from .compiler import NEWLINE, mention_symbol, OTHER_WORD, PIECE, SPACE, CaptureSpec, CompiledRule, LexEntry, piece_key
from ..model import Mention
from .text import ZWNJ, Text
from .finder import _NAMED_GROUP, _combined, _finder, _head_next

_PRIVATE = ("\ue000", "\uf8ff")
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class Tokens:
    pieces: list[str]
    starts: list[int]   # normalized offset of each piece, plus the end
    syms: str
    items: dict | None = None   # layers 2+: token index -> the Draft of a collapsed mention


class Tokenizer:
    """Normalized text -> one symbol per token. Memoizes piece -> symbol (tokens repeat a lot)."""

    MAX_CACHE = 200_000

    def __init__(self, vocab: dict[str, str], splittable: frozenset = frozenset()) -> None:
        self.vocab = vocab
        self.splittable = splittable   # symbols of number words: «یک‌میلیون» reads as «یک میلیون»
        self.cache: dict[str, str] = {}

    def symbol(self, p: str) -> str:
        c = p[0]
        if "0" <= c <= "9" or (c in N.LEADING_POINT and len(p) > 1):   # not str.isdigit: «²» is no number
            return N.shape(p)
        if c.isalpha():
            sym = self.vocab.get(piece_key(p))
            if sym is None and ZWNJ in p:
                # «یک‌میلیون»: an unknown joined word whose parts are all known reads as its parts
                parts = [self.vocab.get(piece_key(q)) for q in p.split(ZWNJ)]
                if all(x in self.splittable for x in parts):
                    return SPACE.join(parts)
            return sym or OTHER_WORD
        if c.isspace():
            return NEWLINE if "\n" in p else SPACE
        if _PRIVATE[0] <= c <= _PRIVATE[1] or ord(c) > 0xFFFF or c in N.SHAPES or c == OTHER_WORD:
            return "?"
        return c

    def __call__(self, norm: str) -> Tokens:
        pieces = PIECE.findall(norm)
        cache = self.cache
        if len(cache) > self.MAX_CACHE:
            cache.clear()
        syms = list(map(cache.get, pieces))   # in C; only new pieces go through `symbol`
        i = -1
        try:
            while True:   # list.index finds each new piece in C; a Python loop over all is slower
                i = syms.index(None, i + 1)
                p = pieces[i]
                s = cache.get(p)
                syms[i] = s if s is not None else cache.setdefault(p, self.symbol(p))
        except ValueError:
            pass
        joined = "".join(syms)
        if len(joined) != len(syms):
            pieces, syms = _split_joined(pieces, syms)
            joined = "".join(syms)
        starts = [0, *accumulate(map(len, pieces))]
        return Tokens(pieces, starts, joined)


def _absorb(final: list, spans: list) -> list:
    """Merge a layer's results into the mentions so far: a result replaces the mentions inside
    it unless its rule says `keep`. Both lists are sorted by start; one sweep."""
    out = []
    covers = [(a, b) for a, b, r, _ in spans if not r.keep]
    k = 0
    for f in final:
        while k < len(covers) and covers[k][1] <= f[0]:
            k += 1
        if k < len(covers) and covers[k][0] <= f[0] and f[1] <= covers[k][1]:
            continue
        out.append(f)
    out += spans
    out.sort(key=lambda f: (f[0], -f[1]))
    return out


def _first_names(lex) -> dict:
    out: dict = {}
    for e in lex.entries:
        out.setdefault(e.value, e.forms[0])
    return out


def _split_joined(pieces: list[str], syms: list[str]) -> tuple[list[str], list[str]]:
    """Expand pieces whose symbol stands for several ZWNJ-joined words (rare: a slow path)."""
    out_p, out_s = [], []
    for p, s in zip(pieces, syms):
        if len(s) == 1:
            out_p.append(p)
            out_s.append(s)
        else:
            for i, part in enumerate(p.split(ZWNJ)):
                if i:
                    out_p.append(ZWNJ)
                out_p.append(part)
            out_s.extend(s)
    return out_p, out_s


class _Index:
    """Collapsed token index -> original token index, for a list of collapsed mention spans."""

    __slots__ = ("pos", "spans", "shift")

    def __init__(self, spans: list[tuple[int, int, Any]]) -> None:
        self.spans = spans
        self.pos: list[int] = []      # collapsed index of each mention
        self.shift: list[int] = []    # tokens removed up to and including each mention
        removed = 0
        for s, e, _ in spans:
            self.pos.append(s - removed)
            removed += e - s - 1
            self.shift.append(removed)

    def __getitem__(self, k: int) -> int:
        i = bisect_right(self.pos, k) - 1
        if i < 0:
            return k
        if self.pos[i] == k:
            return self.spans[i][0]
        return k + self.shift[i]


@dataclass(slots=True)
class Cap:
    """A captured value handed to a production."""
    value: Any
    precision: Decimal | None
    text: str
    entry: LexEntry | None
    start: int          # normalized offsets
    end: int
    weak: bool = False


@dataclass(slots=True)
class Draft:
    """What a production returns: the mention minus its span. kind None hides the span."""
    kind: str | None
    value: Any = None
    interval: tuple | None = None
    precision: float | None = None
    hedge: str | None = None
    extra: dict | None = None


@dataclass(frozen=True, slots=True)
class Context:
    published: str | None
    names: dict | None = None   # lexicon -> value -> display name (the entry's first spelling)

    def name(self, lexicon: str, value: Any) -> str | None:
        return (self.names or {}).get(lexicon, {}).get(value)


@lru_cache(maxsize=1024)
def _dec(x: float) -> Decimal:
    return Decimal(str(x))


class Reject(Exception):
    """A production's or capture's refusal: the match is not a mention."""


HEAD_SPAN = 64    # items a `head` rule's match may run past the head's last character


class Matcher:
    MAX_DRAFTS = 50_000    # about 25 MB at most; 2,251 real articles made 5,600

    def __init__(self, rules: list[CompiledRule], lexicons: dict, number_values: dict[str, LexEntry],
                 vocab: dict[str, str], productions: dict[str, Callable]) -> None:
        self.rules = rules
        self.layers = [[r for r in rules if r.layer == k] for k in sorted({1, *(r.layer for r in rules)})]
        self.index = [self._start_index(layer) for layer in self.layers]
        self.after_head = [self._after_head(layer) for layer in self.layers]
        # a text with a publication date skips the `undated` rules (its datelines): they are
        # left out of its layers' regexes, not tried and thrown away
        dated = [[r for r in layer if not r.undated] for layer in self.layers]
        self.dated_index = [self._start_index(layer) if layer else None for layer in dated]
        self.dated_after_head = [self._after_head(layer) if layer else None for layer in dated]
        # where a head's rules that can begin anywhere lack what they need in the head (an
        # agency for «تهران - ایرنا -»), the layer is searched without them
        self.unheaded = [self._unheaded(layer) for layer in self.layers]
        self.dated_unheaded = [self._unheaded(layer) if layer else None for layer in dated]
        self.lexicons = lexicons
        self.number_values = number_values
        self.productions = productions
        self.tokenize = Tokenizer(vocab, frozenset(number_values))
        # symbol -> (value, is scale, precision, weak): a number word's part in `numbers.compose`
        self.word_parts = {sym: (Decimal(str(e.value)), bool(e.attrs.get("scale")), Decimal(1), bool(e.attrs.get("weak")))
                           for sym, e in number_values.items()}
        # a number word written in several words («هفت صد»): its first symbol -> its keys, longest first
        self.word_seqs: dict[str, tuple[str, ...]] = {}
        for key in sorted((k for k in number_values if len(k) > 1), key=len, reverse=True):
            self.word_seqs[key[0]] = self.word_seqs.get(key[0], ()) + (key,)
        self.names = {name: _first_names(lex) for name, lex in lexicons.items()}
        # rule name -> how its Draft is reused (see `scan`): None never (it captures inside a
        # lookaround), False keyed with the publication date, True without (a pure production)
        self.reuse = {r.name: getattr(productions.get(r.production), "pure", False) if r.inside else None
                      for r in rules}
        self.drafts: dict[tuple, Draft | None] = {}

    # -- capture values
    def capture(self, spec: CaptureSpec, tokens: Tokens, gs: int, ge: int, norm: str) -> Cap:
        a, b = tokens.starts[gs], tokens.starts[ge]
        text = norm[a:b]
        if spec.kind == "lexicon":
            key = tokens.syms[gs:ge].replace(SPACE, "")
            entry = self.lexicons[spec.ref].by_key.get(key)
            if entry is None:
                raise Reject
            return Cap(entry.value, None, text, entry, a, b)
        if spec.kind == "mention":
            d = tokens.items.get(gs)
            if spec.lo is not None or spec.hi is not None:
                if d.hedge or not isinstance(d.value, (int, float)):
                    raise Reject
                self._in_range(Decimal(str(d.value)), spec)
            return Cap(d, Decimal(str(d.precision)) if d.precision else None, text, None, a, b)
        if spec.kind == "text":
            return Cap(text, None, text, None, a, b)
        t = spec.ref
        if t in ("int", "num"):
            v, prec = N.parse_digits(tokens.pieces[gs])
            if t == "int" and prec != 1:
                raise Reject
            self._in_range(v, spec)
            return Cap(int(v) if t == "int" else v, prec, text, None, a, b)
        if t == "digits":
            return Cap(tokens.pieces[gs], None, text, None, a, b)
        if t in ("ymd", "time", "dashrange"):
            return Cap(N.digit_groups(tokens.pieces[gs]), None, text, None, a, b)
        return self._number(spec, tokens, gs, ge, text, a, b)

    def _number(self, spec: CaptureSpec, tokens: Tokens, gs: int, ge: int, text: str, a: int, b: int) -> Cap:
        parts = []
        words = 0
        weak = True
        word_parts = self.word_parts
        seqs = self.word_seqs
        syms = tokens.syms
        i = gs
        while i < ge:
            sym = syms[i]
            i += 1
            if sym in seqs:
                for key in seqs[sym]:   # the same choice the number pattern made: a written-apart word first
                    k, n = 1, i
                    while k < len(key) and n < ge:
                        if syms[n] == SPACE:
                            n += 1
                        elif syms[n] == key[k]:
                            k, n = k + 1, n + 1
                        else:
                            break
                    if k == len(key):
                        sym, i = key, n
                        break
            part = word_parts.get(sym)
            if part is not None:
                words += 1
                weak = weak and part[3]
                parts.append(part[:3])
            elif sym in N.NUM_SHAPES:
                v, prec = N.parse_digits(tokens.pieces[i - 1])
                weak = False
                parts.append((v, False, prec))
        value, prec = N.compose(parts)
        lone_weak = weak and words == 1 and len(parts) == 1
        self._in_range(value, spec)
        return Cap(value, prec, text, None, a, b, lone_weak)

    @staticmethod
    def _in_range(v: Decimal, spec: CaptureSpec) -> None:
        if spec.lo is None and spec.hi is None:
            return
        if (spec.lo is not None and v < _dec(spec.lo)) or (spec.hi is not None and v > _dec(spec.hi)):
            raise Reject

    # -- one rule at one place
    def _candidate(self, rule: CompiledRule, m, tokens: Tokens, norm: str, ctx: Context):
        caps: dict[str, Cap] = {}
        for spec in rule.captures:
            gs, ge = m.span(spec.group)
            if gs < 0 or spec.name in caps:
                continue
            caps[spec.name] = self.capture(spec, tokens, gs, ge, norm)
        args = [caps.get(ref) if ref is not None else const for ref, const in rule.args]
        return self.productions[rule.production](ctx, *args)

    @staticmethod
    def _start_index(rules: list[CompiledRule]) -> tuple[dict[str, tuple], tuple, re.Pattern | None, re.Pattern | None]:
        """Which rules can start at a symbol (with their group in the layer's combined regex),
        the rules that can start anywhere, and the combined regex: matched at each place when
        some rule can start anywhere, else searched (`_finder`).

        The combined regex holds each rule in an always-succeeding lookahead, ``(?=(rule)|)``,
        guarded by the rule's first symbols: one call says where every rule starting there ends
        (its group's span), instead of one call per rule. One regex per layer, not one per
        symbol: it compiles in 50 ms, where per-symbol ones took 0.5 s at every cold start. The
        winner alone is matched again, for its captures."""
        by_first: dict[str, list] = {}
        anywhere = [(r, i) for i, r in enumerate(rules, 1) if r.first is None]
        for i, r in enumerate(rules, 1):
            for c in r.first or ():
                by_first.setdefault(c, []).append((r, i))
        table = {c: tuple(lst + anywhere) for c, lst in by_first.items()}
        if anywhere or not by_first:
            return table, tuple(anywhere), _combined(rules) if rules else None, None
        return table, (), None, _finder(rules, by_first)

    @staticmethod
    def _after_head(rules: list[CompiledRule]) -> tuple[int, dict, re.Pattern, re.Pattern] | None:
        """Where the rules that can start anywhere are all `head`-limited (a dateline's «تهران -
        ایرنا -»): the character past which no `head` rule can start, the layer's table and finder
        without the `head` rules (the rest of the text is searched, not tried place by place, and
        not stopped at for a `head` rule that starts at any date), and a regex of the `head` rules
        alone (inside the head, the scan jumps to the next place one of them or another rule
        matches)."""
        anywhere = [r for r in rules if r.first is None]
        if not anywhere or any(r.head is None for r in anywhere):
            return None
        heads = [r for r in rules if r.head is not None]
        dead = re.compile("(?!)")
        rest = [replace(r, regex=dead, first=frozenset()) if r.head is not None else r for r in rules]
        by_first: dict[str, list] = {}
        for i, r in enumerate(rules, 1):
            for c in (r.first or ()) if r.head is None else ():
                by_first.setdefault(c, []).append((r, i))
        if not by_first:
            return None
        some = re.compile("|".join("(?:" + _NAMED_GROUP.sub("(?:", r.regex.pattern) + ")" for r in heads))
        return max(r.head for r in heads), {c: tuple(v) for c, v in by_first.items()}, _finder(rest, by_first), some

    def scan(self, layer: int, tokens: Tokens, norm: str, ctx: Context, explain: list | None = None) -> list:
        """Leftmost-longest: at each place a rule can start, the longest match wins (then priority,
        then file order); the scan resumes after it. A span that covers another starts at or before
        it, so the covering span always wins. Only the winner's production runs."""
        index, head = self._layer(layer, ctx, tokens)
        if index is None:
            return []
        table, anywhere, combo, finder = index
        syms = tokens.syms
        starts = tokens.starts
        # First layer: the same words matched by the same rule give the same Draft (its
        # captures are read from those words alone; the publication date is in the key unless
        # the production is pure), so a Draft is computed once per distinct match and reused.
        # On real news about 8 in 10 first-layer matches were seen before.
        memo = self.drafts if layer == 0 and explain is None else None
        if memo is not None and len(memo) > self.MAX_DRAFTS:
            memo.clear()
        reuse = self.reuse
        n = len(syms)
        out = []
        pos = 0
        next_any = -1                        # inside the head: where a head rule matches next
        next_rest = -1                       # … and where another rule does (searched once, not per place)
        # a head rule starts inside the head and spans a few items: its search looks no further
        head_end = min(n, bisect_right(starts, head[0]) + HEAD_SPAN) if head is not None else n
        while pos < n:
            if finder is None and head is not None:
                nxt, next_any, next_rest = _head_next(head, syms, starts, pos, head_end, next_any, next_rest)
                if nxt is None:
                    # past the head, or no `head` rule matches in the rest of it: the rest of
                    # the text is searched for the other rules alone
                    _, table, finder, _ = head
                else:
                    pos = nxt
            if finder is not None:
                m = finder.search(syms, pos)
                if m is None:
                    break
                p = m.start()
                rules = table[syms[p]]
            else:
                p = pos
                rules = table.get(syms[p]) or anywhere
                m = combo.match(syms, p)
            regs = m.regs
            found = []
            for r, i in rules:
                e = regs[i][1]
                if e > p and (r.head is None or starts[p] <= r.head):
                    found.append((starts[e] - starts[p], r, e))
            pos = p + 1
            if not found:
                continue
            if len(found) > 1:
                found.sort(key=lambda f: (-f[0], -f[1].priority, f[1].order))
            for k, (_, r, e) in enumerate(found):
                how = reuse[r.name] if memo is not None else None
                if how is not None:
                    key = (r.name, syms[p:e], norm[starts[p]:starts[e]], None if how else ctx.published)
                    draft = memo.get(key, _UNSEEN)
                    if draft is _UNSEEN:
                        draft = memo[key] = self._attempt(r, r.regex.match(syms, p), tokens, norm, ctx)
                else:
                    draft = self._attempt(r, r.regex.match(syms, p), tokens, norm, ctx)
                if draft is not None:
                    out.append((p, e, r, draft))
                    pos = e
                    if explain is not None:
                        explain.append(("won", (starts[p], starts[e], r, draft)))
                        for _, r2, _e in found[k + 1:]:
                            m2 = r2.regex.match(syms, p)
                            explain.append(("lost", (starts[p], starts[m2.end()], r2, self._try(r2, m2, tokens, norm, ctx))))
                        self._explain_inside(table, tokens, p + 1, pos, norm, ctx, explain)
                    break
                if explain is not None:   # matched, but a capture or the production refused it
                    explain.append(("rejected", (starts[p], starts[e], r, Draft(None))))
        return out

    def _layer(self, layer: int, ctx: Context, tokens: Tokens) -> tuple:
        """The layer's index and head scan: without its `undated` rules for a dated text, and
        without its head rules that can begin anywhere when the head lacks what they need."""
        if ctx.published is None:
            index, head, unheaded = self.index[layer], self.after_head[layer], self.unheaded[layer]
        else:
            index, head, unheaded = self.dated_index[layer], self.dated_after_head[layer], self.dated_unheaded[layer]
        if head is not None and unheaded is not None:
            end = min(len(tokens.syms), bisect_right(tokens.starts, head[0]) + HEAD_SPAN)
            syms = tokens.syms
            if not any(all(rx.search(syms, 0, end) for rx in line) for lines in unheaded[1] for line in lines):
                return unheaded[0], None
        return index, head

    @staticmethod
    def _unheaded(rules: list[CompiledRule]) -> tuple | None:
        """The layer's index without its rules that can begin anywhere, and for each of those
        rules, per match line, one regex per symbol set it needs; None when some such rule is
        not `head`-limited or needs nothing."""
        anywhere = [r for r in rules if r.first is None]
        if not anywhere or any(r.head is None or not r.needs for r in anywhere):
            return None
        rest = [r for r in rules if r.first is not None]
        needs = tuple(tuple(tuple(re.compile("[" + "".join(re.escape(c) for c in sorted(s)) + "]") for s in line)
                            for line in r.needs) for r in anywhere)
        return (Matcher._start_index(rest) if rest else None), needs

    def _attempt(self, r: CompiledRule, mm, tokens: Tokens, norm: str, ctx: Context) -> Draft | None:
        """The Draft of ``r``'s match ``mm`` (the winner is matched alone again, for its
        captures), or None when a capture or the production refuses it."""
        try:
            return self._candidate(r, mm, tokens, norm, ctx)
        except Reject:
            return None
        except (TypeError, ValueError, AttributeError):
            # a production handed the wrong kind of capture by a user's rule («date(m, d, y)»):
            # no mention rather than a traceback; `rasti rules lint` names the rule (R113)
            return None

    def _try(self, r: CompiledRule, mm, tokens: Tokens, norm: str, ctx: Context) -> Draft:
        return self._attempt(r, mm, tokens, norm, ctx) or Draft(None)

    def _explain_inside(self, table: dict, tokens: Tokens, a: int, b: int, norm: str, ctx: Context, explain: list) -> None:
        """Explain mode only: matches starting inside a winner's span, which the scan skips."""
        for q in range(a, b):
            for r, _ in table.get(tokens.syms[q], ()):
                mm = r.regex.match(tokens.syms, q)
                if mm is not None and mm.end() > q:
                    d = self._try(r, mm, tokens, norm, ctx)
                    explain.append(("lost", (tokens.starts[q], tokens.starts[mm.end()], r, d)))

    @staticmethod
    def _collapse(tokens: Tokens, final: list) -> tuple[Tokens, "_Index"]:
        """The next layer's view: each mention so far becomes one symbol of its kind.
        Returns the tokens and the map from a new token to its first original token.

        Lists are joined from slices (copied in C); the mentions' Drafts are a dict by new index
        and the index map is computed from the mentions' positions, so a layer's Python work is
        per mention, not per token."""
        syms: list[str] = []
        pieces: list[str] = []
        starts: list[int] = []
        items: dict[int, Draft] = {}
        spans: list[tuple[int, int, Draft]] = []
        prev = 0
        for s, e, _, d in final:          # sorted by start; kept parts inside a span are skipped
            if s < prev:
                continue
            syms.append(tokens.syms[prev:s])
            syms.append(mention_symbol(d.kind, d.value, d.hedge))
            pieces += tokens.pieces[prev:s]
            pieces.append("")
            starts += tokens.starts[prev:s + 1]
            items[len(starts) - 1] = d
            spans.append((s, e, d))
            prev = e
        syms.append(tokens.syms[prev:])
        pieces += tokens.pieces[prev:]
        starts += tokens.starts[prev:]
        return Tokens(pieces, starts, "".join(syms), items), _Index(spans)

    def mentions(self, text: Text, published: str | None = None, explain: list | None = None) -> list[Mention]:
        return self.analyze(text, published, explain)[0]

    def analyze(self, text: Text, published: str | None = None, explain: list | None = None
                ) -> tuple[list[Mention], Tokens, list[tuple[int, int]]]:
        """Mentions, the tokens, and each mention's span in TOKEN indices (for the facts stage).

        All mentions in ``text``. Rules of a higher layer see the mentions of the layers below as
        single items (a weekday and a date, two dates of a range) and absorb the mentions they are
        built from unless the rule says `keep`."""
        norm = text.normalized
        tokens = self.tokenize(norm)
        ctx = Context(published, self.names)
        final = self.scan(0, tokens, norm, ctx, explain)
        for k in range(1, len(self.layers)):
            tk, index = self._collapse(tokens, final)
            chosen = self.scan(k, tk, norm, ctx, explain)
            if not chosen:
                continue
            spans = [(index[s], index[e], r, d) for s, e, r, d in chosen]
            final = _absorb(final, spans)
        out = []
        spans = []
        st = tokens.starts
        for a, b, rule, d in final:
            if d.kind is None:
                continue
            os_, oe = text.to_original(st[a], st[b])
            out.append(Mention(d.kind, text.original[os_:oe], os_, oe, d.value, d.interval, rule.origin,
                               d.precision, d.hedge, dict(d.extra) if d.extra else {}, f"m{len(out) + 1}"))
            spans.append((a, b))
        return out, tokens, spans
