"""Score the engine against a gold corpus: what is missing (-), what is unexpected (+), and
precision / recall / F1 per mention kind, per flag code and per cross-article relation.

This module runs the engine over the stories (`run_story`, `run_corpus`); the rest lives beside
it: `results` (the report's dataclasses), `match` (value matching), `score` (mentions, flags,
relations; the matching rules), `thresholds` (what passes), `fmt` (the text report). Their
public names are re-exported here, where tests, the CLI and the HTML report import them.
"""
from __future__ import annotations

from typing import Any, Callable

from .fmt import format_text, item_report, score_table
from .gold import RELATIONS, WEEKDAYS, Corpus, GoldArticle, GoldMention, GoldRelation, Story
from .match import _get, answers, show_mention, value_matches
from .results import Diff, ItemResult, Report, Shortfall, Tally
from .score import ClaimMatcher, bipartite, relation_covers, score_flags, score_mentions, score_relations
from .sections import EXHAUSTIVE_RELATIONS, METRICS, RELATION_CATEGORY, SECTIONS
from .thresholds import THRESHOLDS_HEADER, current_thresholds, dump_thresholds, evaluate, validate_thresholds

__all__ = [
    "EXHAUSTIVE_RELATIONS", "METRICS", "RELATION_CATEGORY", "RELATIONS", "SECTIONS", "THRESHOLDS_HEADER",
    "WEEKDAYS", "ClaimMatcher", "Corpus", "Diff", "GoldArticle", "GoldMention", "GoldRelation",
    "ItemResult", "Progress", "Report", "Shortfall", "Story", "Tally", "answers", "bipartite",
    "current_thresholds", "dump_thresholds", "engine_sections", "evaluate", "format_text",
    "item_report", "relation_covers", "run_corpus", "run_story", "score_flags", "score_mentions",
    "score_relations", "score_table", "show_mention", "validate_thresholds", "value_matches",
]

Progress = Callable[[int, int, str], None]


def engine_sections(engine: Any) -> dict[str, bool]:
    has_check, has_compare = callable(getattr(engine, "check", None)), callable(getattr(engine, "compare", None))
    return {"mentions": True, "flags": has_check,
            **{s: has_compare for s in RELATIONS}}


def _err(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


def run_story(story: Story, engine: Any, *, available: dict[str, bool] | None = None,
              progress: Callable[[str], None] | None = None) -> list[ItemResult]:
    """Score one story: an item per article (mentions, flags), then one for its relations."""
    available = available or engine_sections(engine)
    items: list[ItemResult] = []
    read: dict[str, Any] = {}
    for g in story.articles:
        if progress:
            progress(g.id)
        res = ItemResult("article", g.id, g.path)
        items.append(res)
        try:
            art = engine.read(g.text, published=g.published, id=g.id)
            score_mentions(res, g, list(art.mentions))
        except Exception as e:      # noqa: BLE001 — one bad article must not stop the run
            res.error = f"read failed: {_err(e)}"
            continue
        if available["flags"]:
            try:
                checked = engine.check(art)
                art = checked if checked is not None else art
                score_flags(res, g, g.text, list(_get(art, "flags") or ()))
            except Exception as e:  # noqa: BLE001
                res.error = f"check failed: {_err(e)}"
        read[g.id] = art
    if progress:
        progress(story.slug)
    res = ItemResult("story", story.slug, story.path)
    items.append(res)
    if available["contradictions"]:
        missing = [g.id for g in story.articles if g.id not in read]
        if missing:
            res.error = f"compare skipped: {', '.join(missing)} could not be read"
        else:
            try:
                cmp = engine.compare([read[g.id] for g in story.articles])
                d = cmp.to_dict() if hasattr(cmp, "to_dict") else cmp
                score_relations(res, story, {s: d.get(s) for s in RELATIONS},
                                {k: list(_get(a, "mentions") or ()) for k, a in read.items()})
            except Exception as e:  # noqa: BLE001
                res.error = f"compare failed: {_err(e)}"
    return items


def run_corpus(corpus: Corpus, engine: Any = None, *, progress: Progress | None = None,
               partial: bool = False, strict: bool = False) -> Report:
    """Read, check and compare every article and story of ``corpus``; score against its gold."""
    if engine is None:
        from ..api import default_engine
        engine = default_engine()
    available = engine_sections(engine)
    items: list[ItemResult] = []
    total = len(corpus.articles) + len(corpus.stories)

    def step(label: str) -> None:
        if progress:
            progress(len(items) + step.n, total, label)   # type: ignore[attr-defined]
            step.n += 1                                   # type: ignore[attr-defined]

    for story in corpus.stories:
        step.n = 0                                        # type: ignore[attr-defined]
        items.extend(run_story(story, engine, available=available, progress=step))
    if progress:
        progress(total, total, "")
    report = Report(corpus, items, available, partial=partial)
    evaluate(report, None if strict else corpus.thresholds)
    return report
