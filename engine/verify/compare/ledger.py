"""The figure ledger: for every component compared, one entry that lists each article's value
with its status (first, agrees, differs, update, contradicts), in publication order — what the
desk reads when there is no finding, and what the JSON `ledger` field holds."""
from __future__ import annotations

from .claim import Claim


def ledger_entry(comp: list[Claim], status: dict[int, str], series: bool) -> tuple[list, dict]:
    """([(claim, status)] in publication order, the JSON entry) of one component."""
    order = sorted(comp, key=lambda c: (c.published or "", c.seq, c.start))
    first = order[0]
    rows = [(c, status.get(id(c), "agrees")) for c in order]
    times = sorted({c.time_text for c in comp if c.time_text})
    return rows, {
        "subject": {"key": first.key, "text": first.subject},
        "predicate": next((c.predicate for c in comp if c.predicate), None),
        "unit": None if first.unit == "count" else first.unit,
        "time": times[0] if len(times) == 1 else (times or None),
        "series": series,
        "first": dict(first.claim_dict(), published=first.published),
        "values": [dict(c.claim_dict(), published=c.published, status=status.get(id(c), "agrees"))
                   for c in order],
    }
