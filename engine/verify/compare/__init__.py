"""Across articles: which facts are about the same thing, and do their numbers agree?

    cmp = engine.compare([engine.read(a, published=…, id="a"), engine.read(b, …)])
    cmp.contradictions, cmp.agreements, cmp.updates, cmp.ledger; cmp.to_dict()

A fact becomes a `Claim`: its subject key (refined with `rules/compare.rules` when the fact only
says «نفر» or took a verb for its subject), its predicate, its value as an interval in the base
unit (widened by half the stated precision; hedges are already in the interval), and when it
happened: a day or interval the sentence states (strong), or only the publication date (weak).
Two more kinds of claim are read here: event dates («حملات از ۳۰ سپتامبر آغاز شد») and stated
weekdays («روز سه‌شنبه ۱۵ مهر»).

Matching is by grouping, never all pairs: claims are bucketed by (subject key, base unit), split by
predicate, and within a bucket sorted by time into groups whose time windows overlap. Only claims
inside one such group are compared, so the work grows with the number of claims, not its square.

Deciding, within a group:
* a plain figure: value intervals that are disjoint are a contradiction, overlapping ones agree;
* a running total (a key in the `monotone` lexicon, or a cumulative fact): in publication order a
  later, larger figure is an `update`, a later, smaller one a contradiction; a hedged lower bound
  («دست‌کم ۱۲») is compatible with every later, larger figure.
Each finding carries the `verdict` (or `monotone`) line of rules/compare.rules that decided it.

Claims of the frames of rules/claims/ (`Article.claims`) join them (`frames`): keyed by the
frame's what/who, deciding by its movement (`fixed`, `monotone` within its window, `mutable`),
with findings whose `rule` names the frame and the verdict («claim price; disjoint»). Every claim
carries its event kind and place (claims.scene); a bucket is split so that claims of different
events or places never meet (`group.by_scene`). Against a store a running total is decided once
per new claim, with the claims whose event lies within its window (`decide.windowed`).

The modules, in the order of the work: `rules` (CompareRules, rules_of; with `lexicons` and
`timewords`), `claim` (Claim and how two value intervals relate; `values` below it), `reader`
(claims_of; with `sentences` and `when`), `group` (dedupe, buckets, time components), `decide`
(the decider, compare, compare_claims; with `findings`), `disputes` (the contradictions grouped:
one claim against several that agree), `ledger`, `messages` (MESSAGES, _participle) and `result`
(Finding, Comparison, to_dict).
"""
from __future__ import annotations

from .claim import Claim
from .decide import compare, compare_claims
from .group import MAX_GROUP_DAYS, SERIES_WINDOW, STORE_SERIES_WINDOW, STORE_WINDOW, STORY_WINDOW
from .messages import MESSAGES, _participle  # noqa: F401 - tests fill messages through it
from .reader import claims_of
from .result import Comparison, Finding
from .rules import CompareRules, rules_of
from .sentences import CLAUSE_WORDS, COUNTS, NUMERIC
from .timewords import TimeWords
from .values import WEEKDAYS_EN

__all__ = [
    "CLAUSE_WORDS", "COUNTS", "MAX_GROUP_DAYS", "MESSAGES", "NUMERIC", "SERIES_WINDOW", "STORE_SERIES_WINDOW",
    "STORE_WINDOW", "STORY_WINDOW", "WEEKDAYS_EN", "Claim", "CompareRules", "Comparison", "Finding", "TimeWords",
    "claims_of", "compare", "compare_claims", "rules_of",
]
