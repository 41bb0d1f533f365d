"""Values that cross module boundaries: mentions, facts, flags, articles. `to_dict()` is the JSON contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    """One thing read in the text: a number, percent, date… with its span in the ORIGINAL text."""

    kind: str
    text: str
    start: int
    end: int
    value: Any                                 # exact point (number, ISO day) or None
    interval: tuple[Any, Any] | None           # [lo, hi]; None in a bound = unbounded
    rule: str                                  # file:line of the rule that produced it
    precision: float | None = None             # stated precision (1 for «۲۶», 100000 for «۲٫۵ میلیون»)
    hedge: str | None = None                   # around, gt, ge, lt, le, range, vague
    extra: dict = field(default_factory=dict)  # kind-specific fields (calendar, weekday, unit …)
    id: str = ""

    def to_dict(self) -> dict:
        d = {
            "id": self.id, "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
            "value": self.value, "interval": list(self.interval) if self.interval is not None else None,
            "rule": self.rule,
        }
        if self.precision is not None:
            d["precision"] = self.precision
        if self.hedge:
            d["hedge"] = self.hedge
        d.update(self.extra)
        return d


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    published: str | None
    mentions: tuple[Mention, ...]
    source: str | None = None
    facts: tuple = ()
    flags: tuple = ()
    meta: dict = field(default_factory=dict)
    coverage: Any = None                       # set by Engine.check (with flags)
    published_at: str | None = None            # the publication date-time when it has a time ("2024-03-05T23:30", "…+03:30")
    published_source: str | None = None        # where `published` came from: "given" (front matter, JSONL, --published) or "dateline"
    claim_reader: Any = field(default=None, compare=False, repr=False)   # () -> claims; set by Engine.read
    claim_cache: Any = field(default=None, compare=False, repr=False)    # the claims, once read

    @property
    def claims(self) -> tuple:
        """The claims the frames of rules/claims/ read (engine/claims/), computed on first use:
        reading and checking an article never pays for them."""
        got = self.claim_cache
        if got is None:
            got = tuple(self.claim_reader()) if self.claim_reader is not None else ()
            object.__setattr__(self, "claim_cache", got)
        return got

    def __getstate__(self) -> list:
        """Pickled (to or from a worker) with its claims read: the reader holds the tokens."""
        claims = self.claims if self.claim_reader is not None else self.claim_cache
        return [None if f == "claim_reader" else claims if f == "claim_cache" else getattr(self, f)
                for f in self.__dataclass_fields__]

    def __setstate__(self, state: list) -> None:
        for f, v in zip(self.__dataclass_fields__, state):
            object.__setattr__(self, f, v)

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "published": self.published}
        if self.published_at:
            d["published_at"] = self.published_at
        if self.published_source:
            d["published_source"] = self.published_source
        if self.source:
            d["source"] = self.source
        d["mentions"] = [m.to_dict() for m in self.mentions]
        d["facts"] = [f.to_dict() for f in self.facts]
        if self.flags or self.coverage is not None:
            d["flags"] = [f.to_dict() for f in self.flags]
            d["coverage"] = self.coverage.to_dict() if self.coverage is not None else None
        return d
