"""Fixtures for the benchmarks: everything expensive is built once per session, outside timing.

The default `pytest` run (testpaths = ["tests"]) never collects this directory; run it with
`pytest benchmarks --benchmark-only` (see README.md).
"""
from __future__ import annotations

import shutil

import pytest

import rasti
from rasti.ruleset import builtin_rules_dir


@pytest.fixture(scope="session")
def engine() -> rasti.Engine:
    """The built-in rules (numbers, dates, …), compiled once."""
    return rasti.Engine()


@pytest.fixture(scope="session")
def numbers_engine(tmp_path_factory) -> rasti.Engine:
    """Only rules/numbers.rules: the "normalize + numbers" configuration the issues set a target for."""
    src = builtin_rules_dir() / "numbers.rules"
    if not src.is_file():
        pytest.skip("rules/numbers.rules not found")
    d = tmp_path_factory.mktemp("numbers_only")
    shutil.copy(src, d / "numbers.rules")
    try:
        return rasti.Engine([d], builtin=False)
    except rasti.RuleFileError as e:  # numbers.rules came to depend on another file
        pytest.skip(f"numbers.rules does not compile alone: {e}")


@pytest.fixture(scope="session")
def hazm_normalizer():
    """hazm's default Normalizer, the reference we compare against (imported here only)."""
    from hazm import Normalizer

    return Normalizer()
