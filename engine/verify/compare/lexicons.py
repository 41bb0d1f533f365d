"""How compare looks lexicons up: by whole keys (`_Keys`), as phrases in running text
(`_Phrases`), or as one regex alternation (`_alts`); every lookup is insensitive to ZWNJ/space
variants and case, because outlets spell the same word both ways."""
from __future__ import annotations

import re
from typing import Any

from ...read.text import fold


def _kfold(s: str) -> str:
    """Key form of a word or key: folded, without spaces or ZWNJ, lower case."""
    return re.sub(r"[\s\u200c]+", "", fold(s)).lower()


class _Keys:
    """A lexicon looked up by whole keys («کشته», «کشته شدن»)."""

    def __init__(self, lex) -> None:
        self.by: dict[str, Any] = {}
        for e in (lex.entries if lex is not None else ()):
            for form in e.forms:
                self.by.setdefault(_kfold(form), e)

    def get(self, key: str | None):
        return self.by.get(_kfold(key)) if key else None


class _Phrases:
    """A lexicon searched for in running text, insensitive to ZWNJ/space variants and case."""

    def __init__(self, lex) -> None:
        self.entries: dict[str, Any] = {}
        alts: list[str] = []
        for e in (lex.entries if lex is not None else ()):
            for form in e.forms:
                words = [w for w in re.split(r"[\s\u200c]+", fold(form).lower()) if w]
                if not words:
                    continue
                self.entries.setdefault("".join(words), e)
                alts.append(r"[\s\u200c]*".join(re.escape(w) for w in words))
        alts.sort(key=len, reverse=True)
        self.rx = re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.I) if alts else None

    def finditer(self, text: str):
        """(start, end, entry) of each phrase in ``text`` (already normalized)."""
        if self.rx is None:
            return
        for m in self.rx.finditer(text):
            e = self.entries.get(re.sub(r"[\s\u200c]+", "", m.group().lower()))
            if e is not None:
                yield m.start(), m.end(), e


def _alts(lex) -> str:
    """A lexicon's spellings as one regex alternation (folded, spaces/ZWNJ loose), longest first."""
    alts = []
    for e in (lex.entries if lex is not None else ()):
        for form in e.forms:
            words = [w for w in re.split(r"[\s\u200c]+", fold(form).lower()) if w]
            if words:
                alts.append(r"[\s\u200c]*".join(re.escape(w) for w in words))
    alts.sort(key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")" if alts else "(?!)"


def _word(alt: str) -> str:
    """A word-bounded alternation (an edge is a non-word character, or the text's edge)."""
    return rf"(?<!\w){alt}(?!\w)"


def _entries(lex) -> list:
    return list(lex.entries) if lex is not None else []
