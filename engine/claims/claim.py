"""`Claim`: what one frame of rules/claims/ read in one article (the value a story states, and
what, who, where and when it is about). It crosses into compare, the API and the extract JSON."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Claim:
    frame: str                     # the claim block's name: "casualties.killed", "price", "quake.magnitude"
    what: str | None               # the thing counted or priced, normalized by lexicons
    who: str | None                # a named candidate, team, country, company
    where: str | None
    when: str | None               # the event's day when the frame captures it, else None (the article's)
    source: str | None             # attribution
    scope: str | None              # part, change, projection, hypothetical: not a level of the whole
    movement: str                  # fixed | monotone | mutable
    window: int | None             # monotone: days a running total may keep rising
    value: Any
    interval: tuple | None
    unit: str | None
    precision: float | None
    hedge: str | None
    start: int                     # the claim's span in the ORIGINAL text
    end: int
    text: str
    mention: str                   # the id of the mention holding the value ("" for a constant: «یک شهید»)
    rule: str                      # file:line of the claim block
    rank: int = 0
    kind: str = "number"           # the value mention's kind
    base: tuple | None = None      # (base value, base interval, base unit, base precision) of a quantity or money
    event: str | None = None       # the kind of event (rules/claims/scene.rules): «آتش‌سوزی», «زلزله», «تصادف» …
    event_source: str | None = None   # where it was read: "sentence" or "lead"
    where_source: str | None = None   # "frame" (the block's slot), "sentence", "lead" or "dateline"
    where_in: str | None = None    # the region the place lies in («آذربایجان غربی» for «خوی»)

    def to_dict(self) -> dict:
        return {
            "frame": self.frame, "what": self.what, "who": self.who, "where": self.where, "when": self.when,
            "source": self.source, "scope": self.scope, "movement": self.movement, "window": self.window,
            "value": self.value, "interval": list(self.interval) if self.interval is not None else None,
            "unit": self.unit, "precision": self.precision, "hedge": self.hedge, "kind": self.kind,
            "start": self.start, "end": self.end, "text": self.text, "mention": self.mention, "rule": self.rule,
            "event": self.event, "event_source": self.event_source, "where_source": self.where_source,
            "where_in": self.where_in,
        }
