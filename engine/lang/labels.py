"""Display words and message templates read from the rule files (no vocabulary here).

What the program writes for a reader — the desk report's labels, compare's messages, the
summary lines of `rasti check` — is in lexicons of `rules/`, one line per key, each language in
its own attribute:

    lexicon report_label
        coverage = label fa="پوشش" en="coverage"
    end

    lexicon compare_message
        event = message fa="{what}: {first} ≠ {second}" en="{what}: {first} ≠ {second}"
    end

The key is the line's spelling; `label` or `message` (the value) says which it is. A message's
`{name}` is filled by the caller with a value of that name (`{{` and `}}` write braces). A key
the rules lack reads as the key itself, so a rule set without these lexicons still runs.
"""
from __future__ import annotations

import re
from typing import Any

from .bidi import contain

LANGS = ("fa", "en")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders(template: str) -> list[str]:
    """The names a template fills («{what}: …» -> ["what"])."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(template) if m.group(1)]


def fill(template: str, values: dict[str, Any]) -> str:
    """The template with each `{name}` replaced by ``values[name]`` (a missing name stays as
    written); a value holding bidi controls (an article's id or quote) is contained in an isolate,
    so it cannot reorder the message's own words (engine/lang/bidi.py)."""
    def sub(m: re.Match) -> str:
        if m.group(1) is None:
            return m.group(0)[0]
        v = values.get(m.group(1))
        return m.group(0) if v is None else contain(str(v))
    return _PLACEHOLDER.sub(sub, template)


class Labels:
    """The `fa`/`en` attributes of one display lexicon, by key."""

    def __init__(self, lexicons: dict, name: str) -> None:
        self.name = name
        self.by: dict[str, dict[str, str]] = {}
        lex = lexicons.get(name)
        for e in (lex.entries if lex is not None else ()):
            texts = {lang: str(e.attrs[lang]) for lang in LANGS if isinstance(e.attrs.get(lang), str)}
            for form in e.forms:
                self.by.setdefault(form, texts)

    def __contains__(self, key: str) -> bool:
        return key in self.by

    def keys(self) -> list[str]:
        return list(self.by)

    def get(self, key: str, lang: str, default: str | None = None) -> str:
        """The text of ``key`` in ``lang`` (``default``, else the key itself, when the rules lack it)."""
        return self.by.get(key, {}).get(lang, key if default is None else default)

    def pair(self, key: str) -> tuple[str, str]:
        """(Persian, English) text of ``key``."""
        return self.get(key, "fa"), self.get(key, "en")

    def fill(self, key: str, lang: str, **values: Any) -> str:
        """The message ``key`` in ``lang`` with its `{name}` placeholders filled from ``values``."""
        return fill(self.get(key, lang), values)
