"""Test helper: load a user rule directory written for one test, and return its lint errors."""
from __future__ import annotations

from pathlib import Path

from rasti import RuleFileError
from rasti.ruleset import load


def lint(tmp_path: Path, body: str) -> list:
    """The RuleErrors of a rule directory `tmp_path/mine` holding `body` as x.rules ([] when it loads)."""
    d = tmp_path / "mine"
    d.mkdir(exist_ok=True)
    (d / "x.rules").write_text(body, encoding="utf-8")
    try:
        load([d])
    except RuleFileError as e:
        return e.errors
    return []
