"""The lemmas rasti's results depend on, pinned (issue: everyday use, item 4).

On Python 3.12 pip once resolved hazm 0.12.1, whose lemmatizer answers some words differently, and
`rasti desk corpus/` found 47 agreements instead of 49. pyproject bounds hazm to the tested
releases; this table makes a change of hazm's answers fail here, not on a desk. The words are the
ones the facts stage asked hazm about on the bundled corpus (subject words no lexicon lists).
To refresh after a deliberate hazm upgrade: read each changed row, run `rasti corpus test corpus/`,
and rewrite tests/data/hazm_lemmas.tsv in the same form.
"""
from __future__ import annotations

from pathlib import Path

import pytest

TABLE = Path(__file__).parent / "data" / "hazm_lemmas.tsv"


def _rows() -> list[tuple[str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, lemma = line.split("\t")
            rows.append((word, lemma))
    return rows


def test_the_table_covers_the_words_that_change():
    rows = _rows()
    assert len(rows) >= 100
    assert sum(w != lem for w, lem in rows) >= 5     # plurals, verb forms: the rows that matter


def test_hazm_answers_as_the_tested_release_did():
    from hazm import Lemmatizer
    lem = Lemmatizer()
    wrong = [(w, want, got) for w, want in _rows() if (got := lem.lemmatize(w).split("#")[0] or w) != want]
    assert not wrong, f"hazm's lemmas changed: {wrong[:10]}"


def test_the_facts_stage_uses_those_lemmas(monkeypatch, tmp_path):
    """Through rasti itself, with the remembered-lemma file out of the way."""
    monkeypatch.setenv("RASTI_CACHE_DIR", str(tmp_path))
    from rasti.claims import lemmas
    monkeypatch.setattr(lemmas, "_LEMMAS", {})
    monkeypatch.setattr(lemmas, "_NEW", {})
    changed = [(w, lem) for w, lem in _rows() if w != lem]
    assert changed
    for w, want in changed:
        assert lemmas.lemma(w) == want


def test_pyproject_bounds_hazm_to_the_tested_releases():
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"hazm>=0.10,<0.11"' in text
