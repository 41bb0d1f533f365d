"""What a corpus's thresholds mean: their validation (the gold loader calls it), marking the
differences they accept and checking the minimum rates, and writing what the engine achieves
today as a new thresholds file.

Pass / fail (the "thresholds" of a corpus, `thresholds.yaml` or `thresholds:` in corpus.yaml):

* no thresholds: every difference fails (strict);
* ``known:`` present: it lists, per article or story id, the exact difference lines that are
  accepted today; any other difference fails (so a regression fails at the exact item);
* ``minimum:`` without ``known:``: differences in a category that has a minimum are accepted
  while its rates stay at or above it; differences elsewhere fail;
* ``minimum:`` rates are checked on full-corpus runs (not on one story).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any

from .results import Report, Shortfall, Tally
from .sections import MENTION_KINDS, METRICS, RELATION_CATEGORY, RELATIONS, SECTIONS


def _categories(section: str, spec: Any) -> dict:
    """``minimum.<section>``: relations take metrics directly, the others per category."""
    if section in RELATIONS and isinstance(spec, dict) and set(spec) <= set(METRICS):
        return {RELATION_CATEGORY[section]: spec}
    return spec if isinstance(spec, dict) else {}


def validate_thresholds(data: dict, where: str) -> list[str]:
    problems = []
    for k in data:
        if k not in ("minimum", "known"):
            problems.append(f"{where}: {k}: unknown key (expected minimum, known)")
    minimum = data.get("minimum") or {}
    if not isinstance(minimum, dict):
        problems.append(f"{where}: minimum: a mapping section -> category -> {{recall, precision, f1}}")
        minimum = {}
    for section, spec in minimum.items():
        if section not in SECTIONS:
            problems.append(f"{where}: minimum.{section}: unknown section (expected {', '.join(SECTIONS)})")
            continue
        cats = _categories(section, spec)
        if not cats and spec:
            problems.append(f"{where}: minimum.{section}: a mapping of categories to metrics")
        for cat, metrics in cats.items():
            if not isinstance(metrics, dict):
                problems.append(f"{where}: minimum.{section}.{cat}: a mapping of {', '.join(METRICS)} to 0..1")
                continue
            for m, v in metrics.items():
                if m not in METRICS:
                    problems.append(f"{where}: minimum.{section}.{cat}.{m}: unknown metric (expected {', '.join(METRICS)})")
                elif isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
                    problems.append(f"{where}: minimum.{section}.{cat}.{m}: {v!r} is not a number from 0 to 1")
    known = data.get("known") or {}
    if not isinstance(known, dict):
        problems.append(f"{where}: known: a mapping of article or story id -> list of difference lines")
    else:
        for ident, lines in known.items():
            if not isinstance(lines, list) or not all(isinstance(x, str) and x[:2] in ("- ", "+ ") for x in lines):
                problems.append(f"{where}: known.{ident}: a list of lines starting with '- ' or '+ '")
    return problems


def _minimum_for(minimum: dict, section: str, category: str) -> dict | None:
    cats = _categories(section, minimum.get(section))
    if category in cats:
        return cats[category]
    return cats.get("*")


def evaluate(report: Report, thresholds: dict | None) -> None:
    """Mark accepted differences as known and check the minimum rates (see the module doc)."""
    report.shortfalls = []
    report.notes = []
    for it in report.items:
        it.stale = []
        for d in it.diffs:
            d.known = False
    if thresholds is None:
        report.mode = "strict"
        return
    minimum = thresholds.get("minimum") or {}
    known = thresholds.get("known")
    if known is not None:
        report.mode = "known"
        for it in report.items:
            accepted = Counter(known.get(it.id) or ())
            for d in it.diffs:
                if accepted[d.line] > 0:
                    accepted[d.line] -= 1
                    d.known = True
            sections_here = {s for s in SECTIONS if report.available.get(s)}
            it.stale = [line for line, n in accepted.items() for _ in range(n)
                        if _line_section(line) in sections_here]
    else:
        report.mode = "minimum"
        for it in report.items:
            for d in it.diffs:
                d.known = _minimum_for(minimum, d.section, d.category) is not None
    if report.partial:
        if minimum:
            report.notes.append("minimum rates are checked on the whole corpus only (this run is one story)")
        return
    totals = report.totals
    for section in SECTIONS:
        if section not in minimum:
            continue
        if not report.available.get(section):
            report.notes.append(f"minimum.{section} not checked: the engine has no "
                                f"{'check()' if section == 'flags' else 'compare()'}")
            continue
        cats = _categories(section, minimum[section])
        seen = dict(totals.get(section, {}))
        for cat, metrics in cats.items():
            if cat == "*":
                continue
            seen.setdefault(cat, Tally())
        for cat, tally in seen.items():
            spec = cats.get(cat) if cat in cats else cats.get("*")
            if not spec:
                continue
            for metric, floor in spec.items():
                v = tally.metric(metric)
                if v is None:
                    if cat in cats:      # an explicit minimum that cannot be measured fails
                        report.shortfalls.append(Shortfall(section, cat, metric, None, floor))
                    continue
                if v + 1e-12 < floor:
                    report.shortfalls.append(Shortfall(section, cat, metric, v, floor))


_KIND_WORDS = {"contradiction": "contradictions", "update": "updates", "agreement": "agreements"}


def _line_section(line: str) -> str:
    """The section of a `known:` line (used to ignore lines of sections the engine lacks)."""
    word = line[2:].split(" ", 1)[0]
    if word in _KIND_WORDS:
        return _KIND_WORDS[word]
    return "mentions" if word in MENTION_KINDS else "flags"


def current_thresholds(report: Report) -> dict:
    """What the engine achieves now, as a thresholds mapping (minimums floored to 3 decimals)."""
    minimum: dict[str, Any] = {}
    for section, cats in report.totals.items():
        if not report.available.get(section):
            continue
        out = {}
        for cat, t in cats.items():
            m = {}
            for metric in ("recall", "precision"):
                v = t.metric(metric)
                if v:       # a 0 minimum would gate nothing
                    m[metric] = math.floor(v * 1000 + 1e-9) / 1000
            if m:
                out[cat] = m
        if out:
            minimum[section] = out[RELATION_CATEGORY[section]] if section in RELATIONS and len(out) == 1 else out
    known = {it.id: [d.line for d in it.diffs] for it in report.items if it.diffs}
    return {"minimum": minimum, "known": known}


THRESHOLDS_HEADER = """\
# What rasti achieves on this corpus today (written by `rasti corpus test --write-thresholds`).
# `rasti corpus test` and the pytest plugin fail when a difference from the gold appears that
# is not listed under `known:` (a regression, at the item where it happens), or when a rate
# falls below `minimum:`. Differences that disappear are reported as fixed; rerun with
# --write-thresholds to tighten this file. See corpus/README.md, "Thresholds".
"""


def dump_thresholds(data: dict) -> str:
    import yaml
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return THRESHOLDS_HEADER + body
