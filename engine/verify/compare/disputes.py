"""Contradictions grouped for a reader: one article against several that agree is one dispute,
«caspian-04 says 18; 5 outlets say 26», not five pair lines. The pair list
(`Comparison.contradictions`, one per pair) stays the contract; a `Dispute` is a view over it
that names its contradictions by index, and every contradiction is in exactly one dispute.

Plain figures, weekdays and running totals that fell are grouped, each with its own message
(lexicon `compare_message`: `dispute`, `dispute_weekday`, `dispute_fell`); an event date keeps
the message of its pair."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from .claim import Claim
from .messages import _fill, _fmt, _fmt_day, _show, _weekday_name, _what, _when_pub
from .result import Finding
from .rules import CompareRules

GROUPED = ("plain", "weekday", "fell")
_RANK = {"error": 2, "warning": 1, "info": 0}


@dataclass(frozen=True, slots=True)
class Dispute:
    """One claim (the dissent) against the claims of one other value (the majority)."""

    severity: str
    message: dict                  # {"fa", "en"}
    dissent: Claim
    majority: tuple[Claim, ...]
    contradictions: tuple[int, ...]   # indexes into Comparison.contradictions
    rule: str
    value: dict                    # the dissent's value, {"fa", "en"}, as the messages write it
    majority_value: dict

    def to_dict(self) -> dict:
        return {"code": "dispute", "severity": self.severity, "message": self.message,
                "dissent": {"value": self.value, "claim": self.dissent.claim_dict()},
                "majority": {"value": self.majority_value, "outlets": len({c.article for c in self.majority}),
                             "claims": [c.claim_dict() for c in self.majority]},
                "contradictions": list(self.contradictions), "rule": self.rule}


def _where(c: Claim) -> tuple:
    return (c.article, c.start, c.end)


def _buckets(findings: Sequence[Finding], rules: CompareRules) -> dict[tuple, list[int]]:
    """Per (shape, claim, value opposed to it): the contradictions where that claim meets that value."""
    out: dict[tuple, list[int]] = {}
    for i, f in enumerate(findings):
        if f.shape not in GROUPED or len(f.claims) != 2:
            continue
        a, b = f.claims
        for me, other in ((a, b), (b, a)):
            out.setdefault((f.shape, _where(me), _show(other, True, rules)), []).append(i)
    return out


def group_disputes(findings: Sequence[Finding], rules: CompareRules) -> list["Dispute"]:
    """The disputes of a comparison's contradictions, in the order of their first contradiction.
    Largest groups first (one pass over buckets sorted by size: linear in the pairs, plus a sort);
    what no group of two or more takes is a dispute of its own."""
    used: set[int] = set()
    groups: list[tuple[int, ...]] = []
    buckets = _buckets(findings, rules)
    for key, members in sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
        free = tuple(i for i in members if i not in used)
        opposed = {_other(findings[i], key[1]).article for i in free}
        if len(free) >= 2 and len(opposed) >= 2:
            groups.append(free)
            used.update(free)
    groups += [(i,) for i in range(len(findings)) if i not in used]
    groups.sort(key=lambda g: g[0])
    return [_dispute(findings, g, rules) for g in groups]


def _other(f: Finding, me: tuple) -> Claim:
    a, b = f.claims[0], f.claims[-1]
    return b if _where(a) == me else a


def _dissent(findings: Sequence[Finding], group: tuple[int, ...]) -> Claim:
    """The claim every contradiction of the group shares (the later one of a lone pair)."""
    first = findings[group[0]].claims
    if len(group) == 1:
        return first[-1]
    others = [{_where(c) for c in findings[i].claims} for i in group[1:]]
    return next((c for c in first if all(_where(c) in s for s in others)), first[-1])


def _dispute(findings: Sequence[Finding], group: tuple[int, ...], rules: CompareRules) -> Dispute:
    worst = max((findings[i] for i in group), key=lambda f: _RANK.get(f.severity, 0))
    dissent = _dissent(findings, group)
    majority: dict[tuple, Claim] = {}
    for i in group:
        o = _other(findings[i], _where(dissent))
        majority.setdefault(_where(o), o)
    ms = tuple(majority.values())
    value = {lang: _show(dissent, lang == "fa", rules) for lang in ("fa", "en")}
    major = {lang: _show(ms[0], lang == "fa", rules) for lang in ("fa", "en")}
    if len(group) == 1:
        message = dict(findings[group[0]].message)
    else:
        message = _message(findings[group[0]].shape, dissent, ms, value, major, rules)
    return Dispute(worst.severity, message, dissent, ms, group, worst.rule, value, major)


def _message(shape: str, dissent: Claim, ms: tuple[Claim, ...], value: dict, major: dict,
             rules: CompareRules) -> dict:
    """«موشک کروز شلیک‌شده: caspian-04 می‌گوید ۱۸؛ ۵ رسانه می‌گویند ۲۶» (lexicon compare_message)."""
    n = len({c.article for c in ms})
    out = {}
    for lang in ("fa", "en"):
        fa = lang == "fa"
        names = dict(article=dissent.article, value=value[lang], outlets=_fmt(n, fa), majority=major[lang])
        if shape == "fell":
            out[lang] = _fill(rules, "dispute_fell", lang, what=_what(dissent, rules, fa),
                                            published=_when_pub(dissent, fa), **names)
        elif shape == "weekday":
            day = int(dissent.tlo)
            out[lang] = _fill(rules, "dispute_weekday", lang, day=_fmt_day(day, fa),
                                            actual=_weekday_name(date.fromordinal(day).weekday(), fa, rules), **names)
        else:
            out[lang] = _fill(rules, "dispute", lang, what=_what(dissent, rules, fa), **names)
    return out
