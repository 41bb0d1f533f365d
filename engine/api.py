"""The library API: an `Engine` built once from rules, reading articles into mentions."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .claims.facts import FactBuilder
from .lang.bidi import isolate_message
from .model import Article, Mention
from .ruleset import Ruleset, load
from .read.dateline import dateline_date
from .read.published import day_of, publication
from .read.text import normalize

Published = str | date | None   # datetime is a date


class Engine:
    """Compiled rules, immutable after construction: share one across threads."""

    def __init__(self, rules: Sequence[str | Path] = (), *, builtin: bool = True) -> None:
        from .ruleset.cache import load_cached   # compiled rules are cached by rule-file content
        self.ruleset: Ruleset = load_cached(list(rules), builtin=builtin)
        self.facts = FactBuilder(self.ruleset.lexicons, self.ruleset.matcher.tokenize.vocab)
        self._last = threading.local()   # the last read() of this thread, for check() to reuse

    def mentions(self, text: str, *, published: Published = None, datelines: bool = False) -> list[Mention]:
        """What the rules read in ``text``; ``datelines``: with the `dateline` reading aids too
        (the rule examples test them; an article never lists them)."""
        found = self.ruleset.matcher.mentions(normalize(text), publication(published))
        return found if datelines else [m for m in found if m.kind != "dateline"]

    def read(self, text: str, *, published: Published = None, id: str | None = None,
             published_source: str | None = None) -> Article:
        """Read one article: its mentions and facts, each with its span in ``text``. ``published``
        is a `datetime.date`/`datetime`, an ISO day or date-time (with a zone or not), or a Jalali
        day ("1394-07-15"): see `read.published`; what it cannot read raises `PublishedError` (a
        ValueError). A time places relative times («۶ ساعت پیش») exactly and orders one day's
        reports in compare; the article and its facts keep the day. Without ``published`` the
        article is dated by its own dateline when it has one (`published_source` "dateline")."""
        at = publication(published)
        t = normalize(text)
        mentions, tokens, spans = self.ruleset.matcher.analyze(t, at)
        source = (published_source or "given") if at is not None else None
        found = dateline_date(mentions, text) if at is None else None
        if found is not None:
            at, source = found[0], "dateline"
            mentions, tokens, spans = self.ruleset.matcher.analyze(t, at)
        keep = [i for i, m in enumerate(mentions) if m.kind != "dateline"]
        if len(keep) < len(mentions):
            mentions, spans = [mentions[i] for i in keep], [spans[i] for i in keep]
        day = day_of(at)
        facts = self.facts.build(t, mentions, tokens, spans, day, dateline=found[1] if found else None)
        frames = self.ruleset.frames
        reader = (_ClaimReader(frames, t, tokens, spans, mentions, at, self.facts.subject_key)
                  if frames is not None and len(frames) else None)
        art = Article(id or "", text, day, tuple(mentions), facts=tuple(facts),
                      published_at=at if at is not None and at != day else None, published_source=source,
                      claim_reader=reader)
        self._last.analysis = (art, t, tokens, spans)
        return art

    def check(self, article: Article) -> Article:
        """The article with `.flags` (internal consistency: rules/checks.rules) and `.coverage`.
        Cheapest right after `read()` of the same article in the same thread (its tokens are reused)."""
        checks = self.ruleset.checks
        if checks is None:
            return article
        last = getattr(self._last, "analysis", None)
        if last is not None and last[0] is article:
            _, t, tokens, spans = last
            mentions = article.mentions
        else:
            t = normalize(article.text)
            found, tokens, found_spans = self.ruleset.matcher.analyze(t, article.published_at or article.published)
            by_span = {(m.start, m.end, m.kind): sp for m, sp in zip(found, found_spans)}
            pairs = [(m, by_span.get((m.start, m.end, m.kind))) for m in article.mentions]
            mentions = [m for m, sp in pairs if sp is not None]
            spans = [sp for m, sp in pairs if sp is not None]
        flags, coverage = checks.run(t, tokens, list(mentions), list(spans), article.facts,
                                     article.published_at or article.published)
        # the messages' embedded runs isolated (FSI…PDI, engine/lang/bidi.py), as compare's are
        flags = [replace(f, message=isolate_message(f.message)) for f in flags]
        return replace(article, flags=tuple(flags), coverage=coverage)

    def compare(self, articles: Sequence[Article], *, stored=()):
        """Contradictions, agreements, updates and a figure ledger across articles (one story), or
        of these articles against claims from a FactStore (see engine/compare.py)."""
        from .verify.compare import compare
        return compare(articles, engine=self, stored=stored)

    def explain(self, text: str, *, published: Published = None) -> list[tuple[str, str, str, str]]:
        """Every candidate match: (won|lost|rejected, rule, text, kind) — why a span became what it
        did. `rejected`: the rule's pattern matched but a capture or its production refused the
        match (a `yield` given the wrong capture shows up here, not silently nowhere)."""
        published = publication(published)
        t = normalize(text)
        log: list = []
        self.ruleset.matcher.mentions(t, published, explain=log)
        out = []
        for status, (s, e, rule, d) in log:
            a, b = t.to_original(s, e)
            out.append((status, f"{rule.name} ({rule.origin})", text[a:b], d.kind or "ignored"))
        return out


class _ClaimReader:
    """An article's claims, read when first asked for (`Article.claims`) from the analysis its
    read() made: the frames of rules/claims/ over its final mentions."""

    __slots__ = ("frames", "text", "tokens", "spans", "mentions", "at", "canonical")

    def __init__(self, frames, text, tokens, spans, mentions, at, canonical=None) -> None:
        self.frames, self.text, self.tokens, self.spans, self.mentions, self.at = frames, text, tokens, spans, mentions, at
        self.canonical = canonical

    def __call__(self) -> list:
        return self.frames.match(self.text, self.tokens, self.mentions, self.spans, self.at, self.canonical)


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    return Engine()


def read(text: str, *, published: Published = None, id: str | None = None) -> Article:
    """Read with the built-in rules (compiled once per process)."""
    return default_engine().read(text, published=published, id=id)
