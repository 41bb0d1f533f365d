"""An article's text around a number, as claim reading needs it: its mentions by position
(`_Sentences`), the sentence a mention stands in, the clause's words before and after a number
(up to the next other count), and which mentions are days."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from ...model import Article, Mention
from ...read.text import normalize, sentence_span

CLAUSE_WORDS = 12    # how far around a number the words that say what it counts are looked for


class _Sentences:
    """Mentions of an article by position, for looking up what a sentence states."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions = sorted(article.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.by_id = {m.id: m for m in article.mentions}

    def within(self, a: int, b: int) -> list[Mention]:
        return self.mentions[bisect_left(self.starts, a):bisect_left(self.starts, b)]


def _is_day(m: Mention) -> bool:
    return (m.kind == "date" and m.value is not None and not m.extra.get("named_event")
            and not m.extra.get("range") and m.extra.get("valid", True))


_CLAUSE_BEFORE = re.compile(r"[،;:؛!?؟\n«»\"]|(?<!\d)[.,]|[.,](?!\d)")   # not «۵.۹», "1,500"
_CLAUSE_AFTER = _CLAUSE_BEFORE
NUMERIC = ("number", "percent", "quantity", "money", "fraction")
COUNTS = ("number", "percent")
_SENTENCE_MARK = re.compile(r"[;:؛!?؟\n«»\"]|(?<!\d)\.|\.(?!\d)")      # what ends the words around another number («۱۲ نفر کشته و ۸۰ نفر زخمی»)


def _windows(text: str, start: int, end: int, sa: int, sb: int, sents: "_Sentences",
             words: int = CLAUSE_WORDS, clause: bool = True) -> tuple[str, str]:
    """The clause's words before and after a number (normalized), up to the next other count
    (a measured amount in between, «زلزله ۵٫۹ ریشتری», does not end them)."""
    for m in sents.within(sa, start):
        if m.kind in COUNTS and m.end <= start:
            sa = max(sa, m.end)
    for m in sents.within(end, sb):
        if m.kind in COUNTS and m.start >= end:
            sb = min(sb, m.start)
            break
    before = text[sa:start]
    cut = [m.end() for m in (_CLAUSE_BEFORE if clause else _SENTENCE_MARK).finditer(before)]
    if cut:
        before = before[cut[-1]:]
    after = text[end:sb] if sb > end else ""
    m = _CLAUSE_AFTER.search(after)
    if m:
        after = after[:m.start()]
    bw = normalize(before).normalized.split()
    aw = normalize(after).normalized.split()
    return " ".join(bw[-words:]), " ".join(aw[:words])


def _last(it) -> Any:
    out = None
    for x in it:
        out = x
    return out


_sentence_span = sentence_span
