"""Internal consistency checks: `check` blocks in rule files, compiled once, run per article.

A check block (see rules/README.md) names a stable code, a severity, what it applies to, a
condition in a small expression language, evidence, message templates in Persian and English,
and examples. The package, in the order a check goes through it:

* syntax.py registers the `check` block kind with the grammar, parses its lines into
  `CheckBlock`s and conditions with a pyparsing infix grammar into a tree;
* values.py, functions.py and expr.py are the expression language: the values it works on
  (`Item`, `Day`, attributes `ATTRS`), its functions (`FUNCTIONS`), and the compiler of a tree
  into Python closures. Only the names, attributes and functions listed there exist in that
  language; rule text is never given to eval/exec, and an unknown name is a load error with its
  file:line:col;
* registry.py and select_*.py hold the *selectors*: the pairing logic too involved for a
  condition (a date given in two calendars, a range and its stated length, parts and their
  total …), grouped by family (kinds, dates, spans, parts and wholes, percentages, amounts) over
  the article as article.py's `Run` shows it. Selectors read the words they need from lexicons
  named in the rule file (`applies date_pair(link=@date_equivalence)`), so no Persian vocabulary
  lives here;
* compile.py and checkset.py compile the blocks into a `CheckSet`; interpret.py evaluates every
  check over an article's mentions and facts into `Flag`s with original-text spans (display.py
  writes their messages and evidence), and a `Coverage` summary of what was checked.

Importing the package imports every selector module, so `SELECTORS` is complete.
"""
from __future__ import annotations

from . import select_kinds, select_dates, select_ages, select_spans, select_parts, select_percent, select_amounts  # noqa: F401  (they register their selectors)
from .article import TERMINATORS, Run
from .checkset import CheckSet, compile_checks
from .expr import Fn
from .functions import FUNCTIONS, GLOBALS
from .interpret import DATE_KINDS, NUMBER_KINDS, run_example
from .model import CompiledCheck, Coverage, Flag
from .registry import SELECTORS, Selector, selector
from .syntax import APPLIES, CHECK_HEAD, EVIDENCE, EXPR, LANGS, MESSAGE, SEVERITIES, CheckBlock, E, Source, Template
from .values import ATTRS, FUTURE_WINDOW_DAYS, PAST_WINDOW_DAYS, Day, Env, Item, day_of

__all__ = [
    "APPLIES", "ATTRS", "CHECK_HEAD", "CheckBlock", "CheckSet", "CompiledCheck", "Coverage", "DATE_KINDS",
    "Day", "E", "EVIDENCE", "EXPR", "Env", "FUNCTIONS", "FUTURE_WINDOW_DAYS", "Flag", "Fn", "GLOBALS",
    "Item", "LANGS", "MESSAGE", "NUMBER_KINDS", "PAST_WINDOW_DAYS", "Run", "SELECTORS", "SEVERITIES",
    "Selector", "Source", "TERMINATORS", "Template", "compile_checks", "day_of", "run_example", "selector",
]
