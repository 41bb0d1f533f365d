"""Facts: a number becomes a claim — what was counted or measured, what happened, when, who said it.

Works on the tokens the matcher already made (no second tokenization), with the lexicons of
`rules/facts.rules` looked up by their symbols. hazm's lemmatizer is used for words the lexicons
do not list; it is imported on first use (importing hazm costs about a second) and cached per word.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..read.compiler import CompiledLexicon, SPACE, piece_key
from ..read.matcher import Tokens
from ..model import Mention
from .lemmas import lemma

FACT_KINDS = ("number", "quantity", "money", "percent")
TERMINATORS = set(".!?؟\n;")
MAX_SUBJECT_WORDS = 3
MEASURE_WINDOW = 6
SENTENCE_WINDOW = 80   # tokens on each side of a number


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    subject: dict            # {"key", "text"}
    predicate: dict | None   # {"key", "text"}
    value: Any
    interval: tuple | None
    unit: str | None
    precision: float | None
    hedge: str | None
    time: dict               # {"value"|"interval", "source": sentence|article|published|unknown}
    cumulative: bool
    as_of: str | None
    attribution: dict | None  # {"text", "start", "end"}
    span: tuple[int, int]
    sentence: tuple[int, int]
    mentions: tuple[str, ...]
    rule: str
    kind: str = "number"

    def to_dict(self) -> dict:
        return {
            "id": self.id, "subject": self.subject, "predicate": self.predicate, "value": self.value,
            "interval": list(self.interval) if self.interval is not None else None, "unit": self.unit,
            "precision": self.precision, "hedge": self.hedge, "kind": self.kind, "time": self.time,
            "cumulative": self.cumulative, "as_of": self.as_of, "attribution": self.attribution,
            "span": list(self.span), "sentence": list(self.sentence), "mentions": list(self.mentions), "rule": self.rule,
        }


QUOTE_OPEN = frozenset("\u00ab\"\u201c")     # guillemet, straight and curly double quotes
QUOTE_CLOSE = frozenset("\u00bb\"\u201d")


class FactBuilder:
    """Built once per ruleset; `build` is pure per article."""

    def __init__(self, lexicons: dict[str, CompiledLexicon], vocab: dict[str, str]) -> None:
        self.lex = {name: lexicons.get(name) for name in
                    ("classifier", "subject", "broken_plural", "measure", "predicate", "cumulative",
                     "attribution_before", "attribution_verb", "subject_stop", "proper_name")}
        self.vocab = vocab
        # each lexicon's compiled alternation over symbols: lookups run in C, not token by token
        self.rx = {name: re.compile(lex.regex) for name, lex in self.lex.items() if lex is not None}

    # -- token helpers
    def _entry(self, name: str, m: re.Match | None) -> tuple[Any, int] | None:
        if m is None:
            return None
        return self.lex[name].by_key.get(m.group().replace(SPACE, "")), m.end()

    def _lookup(self, name: str, t: Tokens, i: int, limit: int) -> tuple[Any, int]:
        """The entry of lexicon ``name`` starting at token i: (entry, end index) or (None, i)."""
        rx = self.rx.get(name)
        if rx is None or i >= limit:
            return None, i
        hit = self._entry(name, rx.match(t.syms, i, limit))
        return hit if hit is not None and hit[0] is not None else (None, i)

    def _search(self, name: str, t: Tokens, a: int, b: int) -> tuple[Any, int, int] | None:
        """The first entry of lexicon ``name`` in tokens [a, b): (entry, start, end)."""
        rx = self.rx.get(name)
        if rx is None or a >= b:
            return None
        m = rx.search(t.syms, a, b)
        while m is not None:
            e = self.lex[name].by_key.get(m.group().replace(SPACE, ""))
            if e is not None:
                return e, m.start(), m.end()
            m = rx.search(t.syms, m.start() + 1, b)
        return None

    def _canonical(self, word: str) -> tuple[str, bool]:
        """A single word's subject key: broken plural, lexicon synonym, or hazm lemma."""
        sym = self.vocab.get(piece_key(word))
        for name in ("subject", "broken_plural"):
            lex = self.lex.get(name)
            if sym and lex and sym in lex.by_key:
                return str(lex.by_key[sym].value), True
        lem = lemma(word)
        sym = self.vocab.get(piece_key(lem))
        lex = self.lex.get("subject")
        if sym and lex and sym in lex.by_key:
            return str(lex.by_key[sym].value), True
        return lem, False

    def subject_key(self, word: str) -> str:
        """A word as a subject key (a claim frame's captured `what`): as the facts stage keys it."""
        return self._canonical(word)[0]

    @staticmethod
    def _is_word(t: Tokens, i: int) -> bool:
        p = t.pieces[i]
        return bool(p) and p[0].isalpha()

    def _next_word(self, t: Tokens, i: int, limit: int) -> int:
        while i < limit and t.syms[i] == SPACE:
            i += 1
        return i

    # -- parts of a fact
    def subject_after(self, t: Tokens, i: int, limit: int) -> tuple[str, int, int] | None:
        """What a number counts: the words after it, past a classifier, up to a stop word."""
        i = self._next_word(t, i, limit)
        cls, j = self._lookup("classifier", t, i, limit)
        fallback = None
        if cls is not None:
            # «۱۲ نفر کشته شدند»: when a verb follows the classifier, the classifier is what is counted
            fallback = (self._canonical(t.pieces[i])[0], i, j)
            i = self._next_word(t, j, limit)
        pred, _ = self._lookup("predicate", t, i, limit)
        if pred is not None:
            return fallback
        e, j = self._lookup("subject", t, i, limit)
        if e is not None:
            return str(e.value), i, j
        if i >= limit or not self._is_word(t, i):
            return fallback
        stop, _ = self._lookup("subject_stop", t, i, limit)
        if stop is not None:
            return fallback
        key, _ = self._canonical(t.pieces[i])
        return key, i, i + 1

    def measure_before(self, t: Tokens, start: int, lo: int) -> tuple[str, int, int] | None:
        """«برد این موشک‌ها ۱۵۰۰ کیلومتر»: a measure word shortly before the number, and what it is of."""
        a = max(lo, start - 2 * MEASURE_WINDOW)
        best = None
        hit = self._search("measure", t, a, start)
        while hit is not None:
            best = hit
            hit = self._search("measure", t, hit[2], start)
        if best is None:
            return None
        e, i, j = best
        of = self._of_noun(t, j, start)
        return str(e.value) + (f"/{of}" if of else ""), i, j

    def _of_noun(self, t: Tokens, i: int, limit: int) -> str | None:
        i = self._next_word(t, i, limit)
        while i < limit:
            stop, j = self._lookup("subject_stop", t, i, limit)
            if stop is None:
                break
            i = self._next_word(t, j, limit)
        if i < limit and self._is_word(t, i):
            e, j = self._lookup("subject", t, i, limit)
            return str(e.value) if e is not None else self._canonical(t.pieces[i])[0]
        return None

    def predicate_in(self, t: Tokens, i: int, limit: int) -> tuple[Any, int, int] | None:
        """The first predicate after token i that is not a word of a name («بانک صادرات»)."""
        hit = self._search("predicate", t, i, limit)
        while hit is not None and self._in_name(t, hit[1], hit[2]):
            hit = self._search("predicate", t, hit[2], limit)
        return hit

    def _in_name(self, t: Tokens, a: int, b: int) -> bool:
        """Do tokens [a, b) lie inside a proper name of rules/facts.rules (a few words back), or
        stand alone between quotes (a quoted name or title, not an action)?"""
        i, j = a - 1, self._next_word(t, b, len(t.pieces))
        while i >= 0 and t.syms[i] == SPACE:
            i -= 1
        if i >= 0 and j < len(t.pieces) and t.pieces[i] in QUOTE_OPEN and t.pieces[j] in QUOTE_CLOSE:
            return True
        rx = self.rx.get("proper_name")
        if rx is None:
            return False
        m = rx.search(t.syms, max(0, a - 8), b)
        while m is not None and m.start() <= a:
            if m.end() >= b and self.lex["proper_name"].by_key.get(m.group().replace(SPACE, "")) is not None:
                return True
            m = rx.search(t.syms, m.start() + 1, b)
        return False

    def has(self, name: str, t: Tokens, a: int, b: int) -> bool:
        return self._search(name, t, a, b) is not None

    def attribution(self, t: Tokens, a: int, b: int) -> tuple[int, int] | None:
        """Token span of the source: after «به گفته …» up to a comma, or the words before «… اعلام کرد»."""
        hit = self._search("attribution_before", t, a, b)
        if hit is not None:
            k = self._next_word(t, hit[2], b)
            end = k
            words = 0
            while end < b and t.syms[end] not in "،,:" and words < 6:
                words += t.syms[end] != SPACE
                end += 1
            return (k, _trim(t, k, end)) if end > k else None
        hit = self._search("attribution_verb", t, a, b)
        if hit is not None:
            i = k = hit[1]
            words = 0
            while k > a and t.syms[k - 1] not in "،,:" and words < 5:
                k -= 1
                words += t.syms[k] != SPACE
            k = self._next_word(t, k, i)
            return (k, _trim(t, k, i)) if i > k else None
        return None

    # -- the article
    def build(self, text, mentions: list[Mention], tokens: Tokens, spans: list[tuple[int, int]],
              published: str | None, dateline: tuple[int, int] | None = None) -> list[Fact]:
        """The facts of one article. ``dateline``: the span of the dateline the article was dated
        by (no publication date given): its day is when the article was written, not a time a
        sentence states, so facts dated only by it say `time.source` "dateline"."""
        sentences = _sentences(tokens)
        if dateline is not None:
            mentions_out = [not (dateline[0] <= m.start and m.end <= dateline[1]) for m in mentions]
        lead = _lead_date(mentions)
        if lead is not None and dateline is not None and dateline[0] <= lead.start and lead.end <= dateline[1]:
            lead = None   # the article's first day is its dateline: facts are dated by it, as "dateline"
        facts: list[Fact] = []
        span_starts = [sp[0] for sp in spans]
        memo: dict = {}
        for m, (a, b) in zip(mentions, spans):
            if m.kind not in FACT_KINDS:
                continue
            sa, sb = _sentence_of(sentences, a)
            # a "sentence" of thousands of tokens (a table, a broken feed) is read in a window,
            # so the cost per fact stays constant
            sa, sb = max(sa, a - SENTENCE_WINDOW), min(sb, b + SENTENCE_WINDOW)
            subj = self.subject_after(tokens, b, sb) if m.kind in ("number", "quantity") else None
            meas = self.measure_before(tokens, a, sa)
            if meas is not None and (subj is None or m.kind != "number"):
                subj = meas
            if subj is None and m.kind == "percent":
                subj = self.subject_after(tokens, b, sb)
            if subj is None:
                continue
            key, ka, kb = subj
            pred = self.predicate_in(tokens, b, sb)
            lo_i, hi_i = bisect_left(span_starts, sa), bisect_left(span_starts, sb)
            sent_mentions = list(zip(mentions[lo_i:hi_i], spans[lo_i:hi_i]))
            if dateline is not None:
                sent_mentions = [p for i, p in enumerate(sent_mentions, lo_i) if mentions_out[i]]
            time = _time_of(sent_mentions, a, lead, published, "dateline" if dateline is not None else "published")
            since = [mm for mm, _ in sent_mentions if mm.kind == "date" and mm.extra.get("since")]
            if since and since[0].interval:
                time = {"interval": list(since[0].interval), "source": "sentence", "mention": since[0].id}
            if (sa, sb) not in memo:
                memo[(sa, sb)] = (self.has("cumulative", tokens, sa, sb), self.attribution(tokens, sa, sb))
            has_cumulative, attr = memo[(sa, sb)]
            cumulative = bool(since) or has_cumulative
            nst = tokens.starts
            os_, oe = text.to_original(nst[min(a, ka)], nst[max(b, kb)])
            ss, se = text.to_original(nst[sa], nst[sb])
            ks, ke = text.to_original(nst[ka], nst[kb])
            attribution = None
            if attr:
                xs, xe = text.to_original(nst[attr[0]], nst[attr[1]])
                attribution = {"text": text.original[xs:xe], "start": xs, "end": xe}
            predicate = None
            rule = m.rule
            if pred is not None:
                pe, pa, pb = pred
                ps, pe_ = text.to_original(nst[pa], nst[pb])
                predicate = {"key": str(pe.value), "text": text.original[ps:pe_]}
                rule = pe.origin
            facts.append(Fact(
                f"f{len(facts) + 1}", {"key": key, "text": text.original[ks:ke]}, predicate,
                m.value, m.interval, m.extra.get("unit") or (m.kind if m.kind == "percent" else None),
                m.precision, m.hedge, time, cumulative,
                (since[0].interval[1] if since and since[0].interval else published) if cumulative else None,
                attribution, (os_, oe), (ss, se), (m.id,), rule, m.kind))
        return facts


def _trim(t: Tokens, a: int, b: int) -> int:
    while b > a and t.syms[b - 1] == SPACE:
        b -= 1
    return b


_TERMINATOR = re.compile("[" + re.escape("".join(sorted(TERMINATORS))) + "]")


def _sentences(t: Tokens) -> list[tuple[int, int]]:
    out = []
    a = 0
    for m in _TERMINATOR.finditer(t.syms):   # symbols of punctuation are the characters themselves
        i = m.end()
        out.append((a, i))
        a = i
    if a < len(t.syms):
        out.append((a, len(t.syms)))
    return out


def _sentence_of(sentences: list[tuple[int, int]], i: int) -> tuple[int, int]:
    k = bisect_right(sentences, (i, float("inf"))) - 1
    if 0 <= k < len(sentences) and sentences[k][0] <= i < sentences[k][1]:
        return sentences[k]
    return sentences[-1] if sentences else (0, 0)


def _is_day(m: Mention) -> bool:
    return (m.kind == "date" and m.value is not None and not m.extra.get("named_event")
            and not m.extra.get("range") and m.extra.get("valid", True))


def _lead_date(mentions: list[Mention]) -> Mention | None:
    return next((m for m in mentions if _is_day(m)), None)


def _time_of(sent: list, a: int, lead: Mention | None, published: str | None, dated_by: str = "published") -> dict:
    days = [(mm, sp) for mm, sp in sent if _is_day(mm)]
    if days:
        before = [d for d in days if d[1][0] < a]
        mm = (before[-1] if before else days[0])[0]
        out = {"value": mm.value, "source": "sentence", "mention": mm.id}
        if mm.extra.get("weekday_only"):
            out["weekday_only"] = True   # «روز سه‌شنبه»: the nearest such day to the publication
        return out
    if lead is not None:
        return {"value": lead.value, "source": "article", "mention": lead.id}
    if published:
        return {"value": published, "source": dated_by}
    return {"value": None, "source": "unknown"}
