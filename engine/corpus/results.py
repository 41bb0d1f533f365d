"""What a corpus run produces: a difference from the gold (`Diff`), the counts behind precision
and recall (`Tally`), one article's or story's result (`ItemResult`), a rate below its minimum
(`Shortfall`), and the whole run (`Report`, what `--format json` writes).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sections import SECTIONS


@dataclass
class Diff:
    sign: str          # "-" missing, "+" unexpected
    section: str       # mentions | flags | contradictions | updates | agreements
    category: str      # mention kind, flag code, or relation kind
    key: str           # stable: what `known:` lists (with the sign)
    detail: str = ""   # what the engine did instead; not part of the key
    known: bool = False

    @property
    def line(self) -> str:
        return f"{self.sign} {self.key}"

    def to_dict(self) -> dict:
        return {"sign": self.sign, "section": self.section, "category": self.category,
                "line": self.line, "detail": self.detail, "known": self.known}


@dataclass
class Tally:
    gold: int = 0          # gold entries
    found: int = 0         # gold entries the engine reached
    wrong: int = 0         # gold mentions whose span the engine read as the same kind, other value
    unexpected: int = 0    # engine entries with no gold, where the gold is exhaustive
    scoped: int = 0        # engine entries judged (matched or unexpected) where the gold is exhaustive
    scopes: int = 0        # exhaustive scopes seen (0: precision is not measurable)

    def add(self, o: "Tally") -> None:
        for f in ("gold", "found", "wrong", "unexpected", "scoped", "scopes"):
            setattr(self, f, getattr(self, f) + getattr(o, f))

    @property
    def missed(self) -> int:
        return self.gold - self.found

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        if not self.scopes or not self.scoped:
            return None
        return (self.scoped - self.unexpected) / self.scoped

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def metric(self, name: str) -> float | None:
        return getattr(self, name)

    def to_dict(self) -> dict:
        return {"gold": self.gold, "found": self.found, "missed": self.missed, "wrong": self.wrong,
                "unexpected": self.unexpected, "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


@dataclass
class ItemResult:
    kind: str                      # article | story
    id: str
    path: Path
    diffs: list[Diff] = field(default_factory=list)
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    error: str | None = None       # the engine failed on this item
    stale: list[str] = field(default_factory=list)   # known lines that no longer occur

    def tally(self, section: str, category: str) -> Tally:
        return self.tallies.setdefault(section, {}).setdefault(category, Tally())

    @property
    def new(self) -> list[Diff]:
        return [d for d in self.diffs if not d.known]

    @property
    def failed(self) -> bool:
        return bool(self.error or self.new)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "path": str(self.path), "error": self.error,
                "passed": not self.failed, "diffs": [d.to_dict() for d in self.diffs],
                "stale_known": self.stale,
                "scores": {s: {c: t.to_dict() for c, t in cats.items()} for s, cats in self.tallies.items()}}


@dataclass
class Shortfall:
    section: str
    category: str
    metric: str
    value: float | None
    minimum: float

    def __str__(self) -> str:
        v = "not measurable" if self.value is None else f"{self.value:.3f}"
        return f"{self.section} {self.category}: {self.metric} {v} < minimum {self.minimum:g}"


@dataclass
class Report:
    corpus: Any    # the gold.Corpus scored (not imported: the gold loader imports the thresholds,
                   # which read these results)
    items: list[ItemResult]
    available: dict[str, bool]                       # section -> did the engine offer it
    partial: bool = False                            # one story, not the whole corpus
    mode: str = "strict"                             # strict | known | minimum
    shortfalls: list[Shortfall] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, dict[str, Tally]]:
        out: dict[str, dict[str, Tally]] = {}
        for it in self.items:
            for s, cats in it.tallies.items():
                for c, t in cats.items():
                    out.setdefault(s, {}).setdefault(c, Tally()).add(t)
        return {s: dict(sorted(out[s].items())) for s in SECTIONS if s in out}

    def section_total(self, section: str) -> Tally:
        t = Tally()
        for c in self.totals.get(section, {}).values():
            t.add(c)
        return t

    @property
    def passed(self) -> bool:
        return not any(it.failed for it in self.items) and not self.shortfalls

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    def to_dict(self) -> dict:
        return {
            "corpus": str(self.corpus.root),
            "stories": len({it.path.parent for it in self.items if it.kind == "story"}),
            "articles": sum(1 for it in self.items if it.kind == "article"),
            "available": self.available,
            "thresholds": str(self.corpus.thresholds_path) if self.corpus.thresholds_path else None,
            "mode": self.mode,
            "partial": self.partial,
            "items": [it.to_dict() for it in self.items],
            "scores": {s: ({c: t.to_dict() for c, t in cats.items()} if self.available.get(s) else "not available")
                       for s, cats in [(s, self.totals.get(s, {})) for s in SECTIONS]},
            "shortfalls": [s.__dict__ for s in self.shortfalls],
            "notes": self.notes,
            "passed": self.passed,
        }
