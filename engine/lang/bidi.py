"""Bidirectional text: isolating the runs of one direction embedded in a line of the other.

A Persian message holding «2015-10-07» or «caspian-04», or an English one quoting «۲۶ موشک کروز»,
scrambles once the Unicode bidi algorithm lays it out: after Arabic letters, digits become
Arabic numbers and the hyphens between them break the date into pieces shown in reverse
(«07-10-2015»); a Persian quote in an English line takes the line's direction for its digits
and marks. Wrapping each such run in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 …
U+2069) lays it out on its own, in its own direction, as a terminal or a browser shows it.

Only Unicode bidi classes and the typographic quote pairs are used here (a mechanism: no
vocabulary). `isolate_runs` is idempotent: text already inside an isolate is left alone.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

FSI, PDI = "\u2068", "\u2069"
_OPENERS = "\u2066\u2067\u2068"          # LRI, RLI, FSI
ISOLATES = dict.fromkeys(map(ord, _OPENERS + PDI))
QUOTES = {"«": "»", "“": "”", "‹": "›"}
_BRACKETS = {"(": ")", "[": "]"}
_TOKEN = re.compile(r"\S+")
_BRACKET = re.compile(r"[()\[\]]")


def strong(ch: str) -> str | None:
    """"L" or "R" for a strong character (AL counts as R), else None."""
    c = unicodedata.bidirectional(ch)
    return "L" if c == "L" else "R" if c in ("R", "AL") else None


def has(text: str, direction: str) -> bool:
    """Whether ``text`` holds a strong character of ``direction`` ("L" or "R"): one regex search
    over a class of the Basic Multilingual Plane's strong characters (built on first use), and
    character by character only for a text with characters beyond it."""
    rx = _STRONG_RX.get(direction)
    if rx is None:
        rx = _STRONG_RX[direction] = _strong_class(direction)
    if rx.search(text):
        return True
    return not text.isascii() and max(text) > "\uffff" and any(strong(ch) == direction for ch in text if ch > "\uffff")


_STRONG_RX: dict[str, re.Pattern] = {}


def _strong_class(direction: str) -> re.Pattern:
    """A character class of every BMP character whose strong direction is ``direction``, as ranges."""
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if strong(chr(cp)) != direction:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]")


def first_strong(text: str) -> str | None:
    return next((d for d in map(strong, text) if d), None)


def strip_isolates(text: str) -> str:
    """The text without isolate marks (what a reader sees, for comparing words)."""
    return text.translate(ISOLATES)


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans already isolated (an opener to its matching PDI, nested ones inside)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    if depth:
        out.append((start, len(text)))
    return out


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


_OPEN_QUOTE = re.compile("[" + re.escape("".join(QUOTES)) + "]")


def _quotes(text: str, base: str, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted runs of the other direction: in an LTR line a quote whose words are right-to-left
    (isolated with its marks: «…» is the quote's own punctuation); in an RTL line a quote that
    starts left-to-right (its content isolated, the marks stay the line's)."""
    out, at = [], 0
    for m in _OPEN_QUOTE.finditer(text):
        i = m.start()
        if i < at or _inside(i, skip):
            continue
        j = text.find(QUOTES[text[i]], i + 1)
        if j < 0:
            continue
        content = text[i + 1:j]
        if _inside_any(i, j + 1, skip):       # already isolated, or holding an isolate
            pass
        elif base == "ltr" and first_strong(content) == "R":
            out.append((i, j + 1))
        elif base == "rtl" and first_strong(content) == "L":
            out.append((i + 1, j))
        at = j + 1
    return out


def _core(text: str, a: int, b: int) -> tuple[int, int]:
    """A token without its edge punctuation («(2015-10-08)،» -> «2015-10-08»), keeping a bracket
    whose partner is inside."""
    s, e = a, b
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    if not _BRACKET.search(text, a, b):
        return s, e
    for o, c in _BRACKETS.items():
        while text.count(o, s, e) > text.count(c, s, e) and e < b and text[e] == c:
            e += 1
        while text.count(c, s, e) > text.count(o, s, e) and s > a and text[s - 1] == o:
            s -= 1
    return s, e


def _weak(token: str) -> bool:
    """Digits joined by a separator the bidi algorithm breaks after Arabic letters («2015-10-07», «10+2»)."""
    return any(ch.isdigit() for ch in token) and any(
        unicodedata.bidirectional(ch) in ("ES", "ET") for ch in token)


def _tokens(text: str, skip: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for m in _TOKEN.finditer(text):
        a, b = _core(text, m.start(), m.end())
        if a < b and not _inside(a, skip) and not _inside(b - 1, skip):
            yield a, b


def _runs(text: str, base: str, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Tokens of the other direction, consecutive ones joined (nothing of the line's own
    direction between them); in an RTL line also digits with breaking separators, alone."""
    other, own = ("L", "R") if base == "rtl" else ("R", "L")
    out: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for a, b in _tokens(text, skip):
        tok = text[a:b]
        if has(tok, other):
            between = text[run[1]:a] if run else ""
            if run and not has(between, own) and not _inside_any(run[1], a, skip):
                run = (run[0], b)
            else:
                if run:
                    out.append(run)
                run = (a, b)
            continue
        if has(tok, own) and run:
            out.append(run)
            run = None
        if base == "rtl" and _weak(tok) and not has(tok, own):
            if run:
                out.append(run)
                run = None
            out.append((a, b))
    if run:
        out.append(run)
    return out


def _inside_any(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def isolate_runs(text: str, base: str) -> str:
    """``text`` (a line whose direction is ``base``: "rtl" or "ltr") with every embedded run of
    the other direction, and in an RTL line every date-like number, wrapped in FSI…PDI."""
    if not text:
        return text
    skip = _protected(text)
    quotes = _quotes(text, base, skip)
    spans = sorted(quotes + _runs(text, base, skip + quotes))
    out, at = [], 0
    for a, b in spans:
        if a < at:
            continue
        out.append(text[at:a] + FSI + text[a:b] + PDI)
        at = b
    out.append(text[at:])
    return "".join(out)


def isolate_message(message: dict) -> dict:
    """A {"fa", "en"} message with its runs isolated (Persian is right-to-left, English not)."""
    return {lang: isolate_runs(t, "rtl" if lang == "fa" else "ltr") if isinstance(t, str) else t
            for lang, t in message.items()}


# --- hostile controls in article-derived strings -------------------------------------------------

_EMBEDS = "\u202a\u202b\u202d\u202e"     # LRE, RLE, LRO, RLO: closed by PDF
PDF = "\u202c"
CONTROLS = frozenset(_EMBEDS + PDF + _OPENERS + PDI + "\u200e\u200f\u061c")   # … and LRM, RLM, ALM


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a bidi embedding, override, isolate or mark."""
    return any(ch in CONTROLS for ch in text)


def balance(text: str) -> str:
    """``text`` with its explicit bidi controls matched: a PDF or PDI that closes nothing is
    dropped, an embedding, override or isolate left open is closed at the end. Shown inside an
    isolate (FSI…PDI, a <bdi>), a string so balanced cannot end the isolate early nor leave an
    override running over what follows it: an id «x\u202e» cannot reverse the label after it."""
    if not has_controls(text):
        return text
    out: list[str] = []
    stack: list[str] = []
    for ch in text:
        if ch in _EMBEDS or ch in _OPENERS:
            stack.append(ch)
        elif ch == PDF:
            if not stack or stack[-1] in _OPENERS:      # nothing to close inside this isolate
                continue
            stack.pop()
        elif ch == PDI:
            if not any(c in _OPENERS for c in stack):
                continue
            while stack.pop() not in _OPENERS:          # a PDI closes the embeddings inside it too
                pass
        out.append(ch)
    out.extend(PDI if c in _OPENERS else PDF for c in reversed(stack))
    return "".join(out)


def contain(text: str) -> str:
    """An article-derived string for a line of program text: unchanged when it holds no bidi
    control, else balanced and wrapped in FSI…PDI, so an override, embedding or mark in an id,
    a quote or a source cannot reorder the rest of the line (idempotent)."""
    if not has_controls(text):
        return text
    if text.startswith(FSI) and text.endswith(PDI) and balance(text[1:-1]) == text[1:-1]:
        return text
    return FSI + balance(text) + PDI
