"""What compare returns: a `Finding` (a contradiction, agreement or update, with the claims and
the rule line that decided it) and the `Comparison` that holds them with the ledger and the
disputes (the contradictions grouped, engine/verify/compare/disputes.py), and their JSON forms
(`to_dict`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .claim import Claim
from .messages import _show


@dataclass(frozen=True, slots=True)
class Finding:
    code: str                     # contradiction | agreement | update
    severity: str
    message: dict                 # {"fa", "en"}
    claims: tuple[Claim, ...]
    rule: str
    shape: str = ""               # a contradiction's: plain | weekday | event | fell (how disputes group it)

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "claims": [c.claim_dict() for c in self.claims], "rule": self.rule}


@dataclass
class Comparison:
    contradictions: list[Finding] = field(default_factory=list)
    agreements: list[Finding] = field(default_factory=list)
    updates: list[Finding] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)
    disputes: list = field(default_factory=list)    # the contradictions grouped (disputes.Dispute)
    articles: list = field(default_factory=list)
    claims: int = 0
    ledger_claims: list = field(default_factory=list, repr=False)   # per ledger entry: [(Claim, status)]
    rules: Any = field(default=None, repr=False)

    def show(self, claim: Claim, lang: str = "fa") -> str:
        """A claim's value as the messages write it («۱٫۴ میلیون بشکه در روز», "about 25")."""
        return _show(claim, lang == "fa", self.rules)

    def to_dict(self, articles: bool = True) -> dict:
        d: dict[str, Any] = {}
        if articles:
            d["articles"] = [a.to_dict() for a in self.articles]
        d["contradictions"] = [f.to_dict() for f in self.contradictions]
        d["agreements"] = [f.to_dict() for f in self.agreements]
        d["updates"] = [f.to_dict() for f in self.updates]
        d["ledger"] = self.ledger
        d["disputes"] = [g.to_dict() for g in self.disputes]
        return d

    def worst(self) -> str | None:
        sev = {f.severity for f in self.contradictions}
        return "error" if "error" in sev else ("warning" if "warning" in sev else None)
