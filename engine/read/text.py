"""The text layer: a normalized view for matching, tied to the original by an offset map.

Rules match the normalized view; every span is reported in the ORIGINAL text. Normalization
folds one character into one character (``str.translate``, fast) and deletes others (diacritics,
kashida, bidi marks, redundant ZWNJ). Only deletions move offsets, so the map is a short list of
deletion points searched with ``bisect``: an article without deletions costs nothing to map.

The character tables here are Unicode facts (digit scripts, Arabic presentation variants,
combining marks), not vocabulary.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

ZWNJ = "\u200c"

# One character to one character.
_FOLD: dict[int, str] = {}
for _i in range(10):
    _FOLD[0x06F0 + _i] = str(_i)  # Extended Arabic-Indic (Persian) digits
    _FOLD[0x0660 + _i] = str(_i)  # Arabic-Indic digits
_FOLD.update({
    ord("\u064a"): "\u06cc",  # Arabic yeh -> Persian yeh
    ord("\u0649"): "\u06cc",  # alef maksura -> Persian yeh
    ord("\u06d2"): "\u06cc",  # yeh barree
    ord("\u0643"): "\u06a9",  # Arabic kaf -> Persian keheh
    ord("\u0629"): "\u0647",  # teh marbuta -> heh
    ord("\u06c0"): "\u0647",  # heh with yeh above -> heh
    ord("\u06d5"): "\u0647",  # ae -> heh
    ord("\u0624"): "\u0648",  # waw with hamza -> waw
    ord("\u0623"): "\u0627",  # alef with hamza above -> alef
    ord("\u0625"): "\u0627",  # alef with hamza below -> alef
    ord("\u0671"): "\u0627",  # alef wasla -> alef
    ord("\u0626"): "\u06cc",  # yeh with hamza -> yeh («رئیس» = «رییس»)
    ord("\u066a"): "%",       # Arabic percent sign
    ord("\u200d"): ZWNJ,      # ZWJ behaves as a joiner-breaker here; treat as ZWNJ
    ord("\u00a0"): " ", ord("\u202f"): " ", ord("\u2009"): " ", ord("\u2007"): " ",
    ord("\u2002"): " ", ord("\u2003"): " ", ord("\u200a"): " ", ord("\u3000"): " ",
    ord("\t"): " ", ord("\r"): " ", ord("\u2028"): "\n", ord("\u2029"): "\n",
})

# Characters deleted outright: tashkil and other combining marks, kashida, bidi controls, BOM.
_DELETE_CLASS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0640"                       # kashida (tatweel)
    "\u200e\u200f\u061c"           # LRM, RLM, ALM
    "\u202a-\u202e\u2066-\u2069"   # bidi embeddings, overrides and isolates
    "\ufeff\u00ad"                 # BOM / zero-width no-break space, soft hyphen
)
# Marks that belong to the preceding letter: a span ending at that letter includes them.
_TRAILING = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640]*")

# A ZWNJ is kept only between two letters; one beside a space, another ZWNJ, an edge or a
# non-letter is noise ("doubled ZWNJ", "ZWNJ before a space") and is deleted.
_LETTER = r"[^\W\d_]"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640"
_DELETE_RUN = re.compile(f"[{_DELETE_CLASS}]+")
# Judged on the text after the marks are gone, so «ـ‌ب» and «ب‌ـ» are judged by their letters.
_ZWNJ_RUN = re.compile(f"{ZWNJ}+")
_IS_LETTER = re.compile(_LETTER).match

# str.translate looks every character up in a dict (slow on non-ASCII text); folding is a few
# characters, so chained str.replace of the ones present is ~15x faster on a news article.
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def _fold(s: str) -> str:
    for a, b in _FOLD_PAIRS:
        if a in s:
            s = s.replace(a, b)
    return s


def _zwnj_noise(s: str) -> list[int]:
    """Indices in ``s`` of noise ZWNJs: all of a run not between two letters, else all but its last."""
    out: list[int] = []
    n = len(s)
    for m in _ZWNJ_RUN.finditer(s):
        a, b = m.span()
        if a > 0 and b < n and _IS_LETTER(s, a - 1) and _IS_LETTER(s, b):
            b -= 1
        out.extend(range(a, b))
    return out


@dataclass(frozen=True, slots=True)
class Text:
    """An original string and its normalized view with the map between them."""

    original: str
    normalized: str
    # normalized index at which the shift grows, and the shift from there on
    _breaks: tuple[int, ...] = field(default=(), repr=False)
    _shifts: tuple[int, ...] = field(default=(), repr=False)

    def orig_index(self, i: int) -> int:
        """Original index of the normalized character at ``i``."""
        k = bisect_right(self._breaks, i)
        return i + (self._shifts[k - 1] if k else 0)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span ``[start, end)`` to the original text.

        A span ending on a letter keeps that letter's diacritics; leading deleted marks
        (an RLM before a number) stay outside the span.
        """
        if end <= start:
            s = self.orig_index(start) if start < len(self.normalized) else len(self.original)
            return s, s
        s = self.orig_index(start)
        e = self.orig_index(end - 1) + 1
        e = _TRAILING.match(self.original, e).end()
        return s, e


def _merge(cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(cuts):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _cut(original: str, folded: str, cuts: list[tuple[int, int]]) -> Text:
    if not cuts:
        return Text(original, folded)
    parts: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    prev = 0
    shift = 0
    for a, b in cuts:
        parts.append(folded[prev:a])
        shift += b - a
        breaks.append(b - shift)  # normalized index of the first kept char after the cut
        shifts.append(shift)
        prev = b
    parts.append(folded[prev:])
    return Text(original, "".join(parts), tuple(breaks), tuple(shifts))


def normalize(original: str) -> Text:
    """Build the normalized view of ``original`` (see module docstring): fold, delete marks,
    then delete the ZWNJs that the remaining text shows to be noise."""
    folded = _fold(original)
    cuts = [(m.start(), m.end()) for m in _DELETE_RUN.finditer(folded)]
    if ZWNJ not in folded:
        return _cut(original, folded, cuts)
    first = _cut(original, folded, cuts)
    noise = [(o, o + 1) for o in map(first.orig_index, _zwnj_noise(first.normalized))]
    if not noise:
        return first
    return _cut(original, folded, _merge(cuts + noise))


def fold(s: str) -> str:
    """The normalized form of a short string (rule literals, lexicon words)."""
    return normalize(s).normalized


# A sentence of the ORIGINAL text ends at a full stop that is no decimal point («۵.۹»), at ! ? ؟,
# or at a line break: compare (verify/compare/sentences.py) and the claims' scene reading
# (claims/scene.py) both take a claim's sentence this way.
SENT_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?\u061f\n]")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around the span [start, end), end mark included."""
    a = start
    while a > 0 and not SENT_END.match(text[a - 1]):
        a -= 1
    m = SENT_END.search(text, end)
    return a, (m.end() if m else len(text))
