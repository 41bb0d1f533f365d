"""A lexicon's own `example` / `reject` lines (issue: everyday use, rules): a word added to a
lexicon alone can carry its test, and `rasti rules test` fails when the word is not read."""
from __future__ import annotations

import pytest

from rasti import Engine
from rasti.cli import main
from rasti.corpus.examples import cases, run

RULES = '''
lexicon jalali_month
    آذرماهان = 9
    example "روز ۳ آذرماهان ۱۴۰۲" => 2023-11-24
    example "روز ۳ مهر ۱۴۰۲" => 2023-11-24
    reject "خبر آذرماهان"
    reject "روز ۳ آذرماهان ۱۴۰۲"
end

lexicon subject
    بالگرد | بالگردها | هلیکوپتر | helicopter = "بالگرد"
    example "۳ فروند هلیکوپتر به منطقه اعزام شد" => "بالگرد"
    example "Three helicopters were sent" => 3
    example "۳ هلیکوپتر اعزام شد" => "هواپیما"
    reject "۳ هلیکوپتر اعزام شد"
end
'''


@pytest.fixture(scope="module")
def outcome(tmp_path_factory) -> dict[int, str | None]:
    d = tmp_path_factory.mktemp("lexrules")
    (d / "x.rules").write_text(RULES, encoding="utf-8")
    engine = Engine([d])
    mine = [c for c in cases(engine) if c.id.endswith(".rules:" + c.id.rsplit(":", 1)[1]) and "x.rules" in c.id]
    return {int(c.id.rsplit(":", 1)[1]): run(engine, c) for c in mine}


def test_lexicon_examples_are_cases(outcome):
    assert sorted(outcome) == [4, 5, 6, 7, 12, 13, 14, 15]


@pytest.mark.parametrize("line", [4, 6, 12, 13])
def test_what_the_lexicon_reads_passes(outcome, line):
    assert outcome[line] is None


@pytest.mark.parametrize("line, says", [
    (5, "expected a word of lexicon jalali_month => 2023-11-24"),   # «مهر» is not this block's word
    (7, "still read: date"),                                         # the word is read
    (14, "expected a word of lexicon subject => هواپیما"),
    (15, "still read: fact 'بالگرد'"),
])
def test_what_it_does_not_read_fails_with_a_reason(outcome, line, says):
    assert outcome[line] is not None and says in outcome[line]


def test_rules_test_reports_a_failing_lexicon_example(tmp_path, capsys):
    (tmp_path / "x.rules").write_text(RULES, encoding="utf-8")
    assert main(["rules", "test", "--rules", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "x.rules:5: FAIL example" in out and "x.rules:4" not in out


def test_a_broken_lexicon_example_names_its_line_and_column(tmp_path, monkeypatch):
    from rasti.errors import RuleFileError
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "bad.rules").write_text('lexicon subject\n    example "بی پایان\nend\n', encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        Engine(["r"])
    assert str(e.value).startswith("r/bad.rules:2:13: R100 expected quoted text")
