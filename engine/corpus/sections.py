"""The words a corpus is scored in: the mention kinds, the relation sections, the sections of a
report and the metrics a threshold may set. Both the gold loader and the thresholds read them,
so they live below both (the thresholds must not import the loader that validates with them).
"""
from __future__ import annotations

MENTION_KINDS = ("number", "ordinal", "fraction", "percent", "date", "weekday", "duration",
                 "time", "quantity", "money")
RELATIONS = ("contradictions", "updates", "agreements")

SECTIONS = ("mentions", "flags", *RELATIONS)
METRICS = ("recall", "precision", "f1")
# Relations: section name -> the single category it is scored under.
RELATION_CATEGORY = {"contradictions": "contradiction", "updates": "update", "agreements": "agreement"}
# Sections whose gold lists are complete: anything extra the engine reports is an error.
EXHAUSTIVE_RELATIONS = ("contradictions",)
