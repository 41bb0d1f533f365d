"""The desk report: one self-contained HTML page of articles, flags and contradictions.

It renders the JSON contracts of the other stages, never their internals:

* an article is ``Article.to_dict()`` (mentions, facts) plus, once checked, ``flags``
  (``{"code","severity","message":{"fa","en"},"spans":[[s,e]],"evidence","rule"}``) and
  ``coverage``; objects with ``to_dict()`` / ``.flags`` / ``.coverage`` are accepted too;
* a comparison is ``Comparison.to_dict()``: ``contradictions``, ``agreements``, ``updates``
  (each ``{"code","severity","message","claims":[{"article","start","end","text","value",
  "interval","unit","attribution"}],"rule"}``) and ``ledger``;
* a source gives what the article dict lacks: the text as written and its front matter
  (``lang``, ``source`` = the outlet, ``url``), e.g. ``engine.inputs.Source``.

Safe by construction: every string that reaches the page goes through :func:`esc`; the page
loads nothing (a Content-Security-Policy allows only its own inline style and script, by hash).
Accessible: flags are reachable by keyboard (a side list of links, an inline marker after each
flagged span, ``n``/``p`` to step through them), and severity is shown by a text marker and the
underline style as well as by colour.

Entry points: :func:`render_check`, :func:`render_compare`, :func:`render_corpus`,
:func:`write_output` (atomic), and :func:`add_report_options` for the stage CLIs.

The modules, bottom up: ``fmt`` (vocabulary, escaping, labels, values), ``docs`` (the inputs as
:class:`Doc`), ``article`` (one article: text, flags, coverage), ``chart`` (the ledger's SVG),
``compare`` (the comparison's tables and ledger), ``assets`` (``templates/``: the page, its CSS
and script), ``page`` (whole pages) and ``output`` (writing, and ``--format html`` for the CLIs).
"""
from __future__ import annotations

import os                   # noqa: F401 — tests patch R.os.replace to fail an atomic write
from pathlib import Path    # noqa: F401 — tests use R.Path

from .article import coverage_counts, render_article, render_coverage, render_text
from .assets import FONT_STACK
from .chart import PALETTE, SHAPES, ledger_chart
from .compare import render_comparison
from .docs import Doc, article_dict, comparison_dict
from .fmt import (CALENDARS, DATE_KINDS, KINDS, NUMBER_KINDS, SEVERITY, WEEKDAYS_EN, _bi, detect_lang, esc,
                  fmt_number, fmt_value, page_title)
from .output import Recorder, add_report_options, corpus_stories, write_output
from .page import page, render_check, render_compare, render_corpus

__all__ = [
    "CALENDARS", "DATE_KINDS", "FONT_STACK", "KINDS", "NUMBER_KINDS", "PALETTE", "SEVERITY", "SHAPES",
    "WEEKDAYS_EN", "Doc", "Recorder", "add_report_options", "article_dict", "comparison_dict",
    "corpus_stories", "coverage_counts", "detect_lang", "esc", "fmt_number", "fmt_value", "ledger_chart",
    "page", "page_title", "render_article", "render_check", "render_compare", "render_comparison",
    "render_corpus", "render_coverage", "render_text", "write_output",
]
