"""Rule-file errors: every code in errors.CODES is proven by a broken file in tests/bad_rules/.

Each bad file starts with one or more `# expect: CODE line:col` header lines (and optionally
`# builtin: false` when it must be loaded without the built-in rules). It is copied alone into
its own directory and loaded; every expected error must be reported at that position.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import rasti
from rasti import Engine, RuleFileError
from rasti.errors import CODES, RuleError
from rasti.ruleset import lint

BAD = Path(__file__).parent / "bad_rules"
BAD_FILES = sorted(BAD.glob("*.rules"))
_EXPECT = re.compile(r"#\s*expect:\s*(R\d{3})\s+(\d+):(\d+)\s*$")


def _header(path: Path) -> tuple[list[tuple[str, int, int]], bool]:
    expects, builtin = [], True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        m = _EXPECT.match(line)
        if m:
            expects.append((m.group(1), int(m.group(2)), int(m.group(3))))
        if re.match(r"#\s*builtin:\s*false\s*$", line):
            builtin = False
    return expects, builtin


def _alone(path: Path, tmp_path: Path) -> Path:
    d = tmp_path / path.stem
    d.mkdir()
    shutil.copy(path, d / path.name)
    return d / path.name


def _mine(errors: list[RuleError], copied: Path) -> list[RuleError]:
    """Errors located in our file (other files, e.g. built-ins being edited, are not ours to judge)."""
    return [e for e in errors if e.path and Path(e.path).resolve() == copied.resolve()]


def _write(d: Path, name: str, text: str) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    p.write_text(text, encoding="utf-8")
    return p


# --- the bad_rules collection itself ---------------------------------------------------------

def test_every_code_has_a_bad_file():
    covered = {}
    for p in BAD_FILES:
        expects, _ = _header(p)
        assert expects, f"{p.name} has no `# expect:` header"
        if len(expects) == 1:
            covered.setdefault(expects[0][0], p.name)
    missing = sorted(set(CODES) - set(covered))
    assert not missing, f"no single-error bad file for {missing}"


def test_bad_files_are_named_after_their_code():
    for p in BAD_FILES:
        expects, _ = _header(p)
        if len(expects) == 1:
            assert p.name.startswith(expects[0][0]), p.name


def test_codes_are_the_documented_contract():
    assert sorted(CODES) == [f"R{n}" for n in range(100, 114)]


LINT_ONLY = {"R113"}   # found by `rasti rules lint` reading the examples, not by every load


# --- each bad file, loaded alone ------------------------------------------------------------

@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_bad_file_reports_expected_errors(path, tmp_path):
    expects, builtin = _header(path)
    copied = _alone(path, tmp_path)
    errors = _mine(lint([copied.parent], builtin=builtin), copied)
    found = {(e.code, e.line, e.col) for e in errors}
    for exp in expects:
        assert exp in found, f"expected {exp}, got {[e.format() for e in errors]}"
    # the message of each expected error is about the code's subject, not an internal failure
    for e in errors:
        assert e.code in CODES
        assert e.message and "Traceback" not in e.message


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_engine_raises_rule_file_error(path, tmp_path):
    expects, builtin = _header(path)
    if {c for c, _, _ in expects} <= LINT_ONLY:
        assert lint([_alone(path, tmp_path).parent], builtin=builtin)   # lint reports it instead
        return
    copied = _alone(path, tmp_path)
    with pytest.raises(RuleFileError) as info:
        Engine(rules=[copied.parent], builtin=builtin)
    errors = _mine(info.value.errors, copied)
    assert {c for c, _, _ in expects} <= {e.code for e in errors}
    # the exception text is every formatted error
    for e in errors:
        assert e.format() in str(info.value)


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_format_names_file_position_code_and_source(path, tmp_path):
    expects, builtin = _header(path)
    copied = _alone(path, tmp_path)
    lines = copied.read_text(encoding="utf-8").splitlines()
    errors = _mine(lint([copied.parent], builtin=builtin), copied)
    by_pos = {(e.code, e.line, e.col): e for e in errors}
    for exp in expects:
        e = by_pos[exp]
        out = e.format().split("\n")
        assert out[0] == f"{e.path}:{e.line}:{e.col}: {e.code} {e.message}"
        assert re.match(r"^.+:\d+:\d+: R1\d\d \S", out[0])
        # the offending source line, indented, right after the header line
        assert out[1].startswith("    ")
        assert out[1].strip() == lines[e.line - 1].strip()
        assert e.source.rstrip() == lines[e.line - 1].rstrip()
        # the column points inside that line
        assert 1 <= e.col <= len(lines[e.line - 1])


def test_column_points_at_the_offending_token(tmp_path):
    copied = _alone(BAD / "R102_lexicon.rules", tmp_path)
    (e,) = [x for x in _mine(lint([copied.parent]), copied) if x.code == "R102"]
    assert e.source[e.col - 1:].startswith("@curency")
    assert "did you mean '@currency'" in e.hint

    copied = _alone(BAD / "R107_range.rules", tmp_path)
    (e,) = [x for x in _mine(lint([copied.parent]), copied) if x.code == "R107"]
    assert e.source[e.col - 1:].startswith("int(1499..1300)")


def test_three_errors_in_one_file_are_all_reported(tmp_path):
    copied = _alone(BAD / "multi_three_errors.rules", tmp_path)
    errors = _mine(lint([copied.parent]), copied)
    codes = sorted(e.code for e in errors)
    assert codes == ["R102", "R103", "R108"]
    # sorted by position
    assert [(e.line, e.col) for e in errors] == sorted((e.line, e.col) for e in errors)
    with pytest.raises(RuleFileError) as info:
        Engine(rules=[copied.parent])
    assert len(_mine(info.value.errors, copied)) == 3
    text = str(info.value)
    for e in errors:
        assert f":{e.line}:{e.col}: {e.code} " in text


def test_errors_across_files_of_one_directory_are_all_reported(tmp_path):
    d = tmp_path / "two"
    a = _write(d, "a.rules", 'rule a.x\n    match n:nmber\n    yield number(n)\n    example "۲" => 2\nend\n')
    b = _write(d, "b.rules", 'lexicon q\n    الف = 1\nend\nend\n')
    errors = lint([d])
    assert {(e.code, e.line, e.col) for e in _mine(errors, a)} == {("R103", 2, 13)}
    assert {(e.code, e.line, e.col) for e in _mine(errors, b)} == {("R101", 4, 1)}


def test_unclosed_block_is_r101_at_its_header(tmp_path):
    p = _write(tmp_path / "open", "x.rules", 'rule a.b\n    match n:num\n    yield number(n)\n    example "۲" => 2\n')
    errors = _mine(lint([p.parent]), p)
    assert [(e.code, e.line) for e in errors] == [("R101", 1)]
    assert "hint: add `end`" in errors[0].format()


def test_missing_directory_is_reported(tmp_path):
    missing = tmp_path / "no-such-dir"
    errors = lint([missing])
    assert any(e.code == "R101" and Path(e.path) == missing for e in errors)
    with pytest.raises(RuleFileError):
        Engine(rules=[missing])


def test_not_utf8_file_is_r100(tmp_path):
    d = tmp_path / "latin"
    d.mkdir()
    p = d / "x.rules"
    p.write_bytes("lexicon a\n    caf\xe9 = 1\nend\n".encode("latin-1"))
    errors = _mine(lint([d]), p)
    assert [e.code for e in errors] == ["R100"]
    assert "UTF-8" in errors[0].message


def test_rule_file_error_is_exported():
    assert rasti.RuleFileError is RuleFileError


# --- layering: user directories over the built-in rules -------------------------------------

BIS = """
lexicon number_word
    بیس = 20
end
"""


def test_user_lexicon_extends_builtin_number_words(tmp_path):
    p = _write(tmp_path / "user", "colloquial.rules", BIS)
    assert _mine(lint([p.parent]), p) == []
    engine = Engine(rules=[p.parent])
    got = [(m.kind, m.text, m.value) for m in engine.mentions("بیس و شش نفر آمدند")]
    assert got == [("number", "بیس و شش", 26)]
    assert [m.value for m in engine.mentions("بیس و پنج هزار تومان")] == [25000]
    # the built-in words are still there
    assert [m.value for m in engine.mentions("بیست و شش نفر")] == [26]


def test_without_the_extension_the_new_spelling_is_not_a_number():
    engine = Engine()
    assert [m.value for m in engine.mentions("بیس و شش نفر آمدند")] == [6]


def test_user_lexicon_extends_another_builtin_lexicon(tmp_path):
    p = _write(tmp_path / "user", "hedge.rules", "lexicon hedge\n    کمابیش = around tolerance=0.2\nend\n")
    engine = Engine(rules=[p.parent])
    (m,) = engine.mentions("کمابیش ۱۰۰ نفر")
    assert (m.text, m.hedge, m.interval) == ("کمابیش ۱۰۰", "around", (80, 120))


OVERRIDE = """
rule percent.before
    match "%" n:num
    yield number(n)
    example "٪۳۰" => 30
end
"""


def test_user_rule_replaces_builtin_rule_of_the_same_name(tmp_path):
    before = Engine()
    (m,) = before.mentions("سهم ٪۳۰ بود")
    assert (m.kind, m.text) == ("percent", "٪۳۰")

    p = _write(tmp_path / "user", "override.rules", OVERRIDE)
    assert _mine(lint([p.parent]), p) == []
    engine = Engine(rules=[p.parent])
    named = [r for r in engine.ruleset.rules if r.name == "percent.before"]
    assert len(named) == 1
    assert Path(named[0].origin.rsplit(":", 1)[0]).resolve() == p.resolve()
    (m,) = engine.mentions("سهم ٪۳۰ بود")
    assert (m.kind, m.text, m.value) == ("number", "٪۳۰", 30)
    assert Path(m.rule.rsplit(":", 1)[0]).resolve() == p.resolve()
    assert len(engine.ruleset.rules) == len(before.ruleset.rules)


def test_later_user_directory_replaces_an_earlier_one(tmp_path):
    r = 'rule x.count\n    match n:num {w}\n    yield number(n)\n    example "۲ {lit}" => 2\nend\n'
    a = _write(tmp_path / "a", "x.rules", r.format(w='"نفر"', lit="نفر"))
    b = _write(tmp_path / "b", "x.rules", r.format(w='"تن"', lit="تن"))
    assert _mine(lint([a.parent, b.parent]), a) == [] and _mine(lint([a.parent, b.parent]), b) == []
    engine = Engine(rules=[a.parent, b.parent])
    named = [r for r in engine.ruleset.rules if r.name == "x.count"]
    assert len(named) == 1 and Path(named[0].origin.rsplit(":", 1)[0]).resolve() == b.resolve()
    assert [m.text for m in engine.mentions("۲ تن") if m.rule == named[0].origin] == ["۲ تن"]
    assert [m.text for m in engine.mentions("۲ نفر") if m.rule == named[0].origin] == []


def test_duplicate_rule_name_in_two_files_of_one_directory_is_r105(tmp_path):
    r = 'rule same.name\n    match n:num {w}\n    yield number(n)\n    example "۲ {lit}" => 2\nend\n'
    d = tmp_path / "user"
    _write(d, "a.rules", r.format(w='"نفر"', lit="نفر"))
    b = _write(d, "b.rules", "\n\n" + r.format(w='"تن"', lit="تن"))
    errors = lint([d])
    dup = [e for e in errors if e.code == "R105"]
    assert len(dup) == 1
    assert Path(dup[0].path).resolve() == b.resolve() and (dup[0].line, dup[0].col) == (3, 1)
    assert "same.name" in dup[0].message and "a.rules:1" in dup[0].hint


def test_duplicate_of_a_builtin_rule_name_within_one_user_directory_is_r105(tmp_path):
    d = tmp_path / "user"
    _write(d, "a.rules", OVERRIDE)
    b = _write(d, "b.rules", OVERRIDE)
    errors = [e for e in lint([d]) if e.code == "R105"]
    assert len(errors) == 1 and Path(errors[0].path).resolve() == b.resolve()


def test_user_lexicon_may_change_a_builtin_value(tmp_path):
    # an extension is not a duplicate: the user's value wins, without R111
    p = _write(tmp_path / "user", "x.rules", "lexicon number_word\n    سی = 31\nend\n")
    assert _mine(lint([p.parent]), p) == []
    assert [m.value for m in Engine(rules=[p.parent]).mentions("سی نفر")] == [31]


def test_duplicate_new_lexicon_within_one_user_directory_is_r106(tmp_path):
    d = tmp_path / "user"
    _write(d, "a.rules", "lexicon colour\n    سرخ = red\nend\n")
    b = _write(d, "b.rules", "lexicon colour\n    آبی = blue\nend\n")
    errors = [e for e in lint([d]) if e.code == "R106"]
    assert len(errors) == 1 and Path(errors[0].path).resolve() == b.resolve() and errors[0].line == 1


def test_duplicate_extension_of_a_builtin_lexicon_within_one_directory_is_r106(tmp_path):
    p = _write(tmp_path / "user", "x.rules", BIS + "\nlexicon number_word\n    سیس = 30\nend\n")
    errors = _mine(lint([p.parent]), p)
    assert [(e.code, e.line) for e in errors] == [("R106", 6)]


def test_two_values_for_one_spelling_inside_an_extension_is_r111(tmp_path):
    p = _write(tmp_path / "user", "x.rules", "lexicon number_word\n    بیس = 20\n    بیس = 21\nend\n")
    errors = _mine(lint([p.parent]), p)
    assert [(e.code, e.line, e.col) for e in errors] == [("R111", 3, 5)]


def test_r111_same_value_twice_is_not_an_error(tmp_path):
    p = _write(tmp_path / "user", "x.rules", "lexicon dozen\n    دوجین = 12\n    دوجین | دو جین = 12\nend\n")
    assert _mine(lint([p.parent]), p) == []


def test_r112_not_raised_when_number_word_is_defined(tmp_path):
    text = (BAD / "R112_missing_lexicon.rules").read_text(encoding="utf-8")
    p = _write(tmp_path / "user", "x.rules", text + "\nlexicon number_word\n    ده = 10\nend\n")
    assert _mine(lint([p.parent], builtin=False), p) == []
    engine = Engine(rules=[p.parent], builtin=False)
    assert [(m.text, m.value) for m in engine.mentions("۱۰ تانک")] == [("۱۰ تانک", 10)]


def test_a_clean_user_directory_lints_clean(tmp_path):
    p = _write(tmp_path / "user", "ok.rules", 'rule ok.rule\n    match n:num "نفر"\n    yield number(n)\n'
                                               '    example "۲ نفر" => 2\n    reject "۲ تن"\nend\n')
    assert _mine(lint([p.parent]), p) == []


# --- a yield given the wrong captures (R113) -------------------------------------------------

SWAPPED = '''rule test.swapped layer 2 priority 50
    match d:number(1..31) m:@jalali_month y:number(1200..1600)
    yield date(m, d, y, "jalali")
    example "۱۵ مهر ۱۳۹۴" => 2015-10-07
end
'''


def test_lint_names_a_yield_that_refuses_every_match(tmp_path, monkeypatch):
    from rasti.ruleset import lint
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "x.rules").write_text(SWAPPED, encoding="utf-8")
    (err,) = lint(["r"])
    assert err.format().startswith("r/x.rules:4:5: R113 rule 'test.swapped'")
    (tmp_path / "r" / "x.rules").write_text(SWAPPED.replace("date(m, d, y", "date(d, m, y"), encoding="utf-8")
    assert lint(["r"]) == []


def test_a_refusing_yield_reads_nothing_and_explain_says_rejected(tmp_path):
    from rasti import Engine
    (tmp_path / "x.rules").write_text(SWAPPED, encoding="utf-8")
    e = Engine([tmp_path])
    art = e.read("روز ۱۵ مهر ۱۳۹۴ حمله شد.", published="2015-10-07")   # no traceback: the rule wins, refuses
    assert all(m.rule != f"{tmp_path.name}/x.rules:1" for m in art.mentions)
    assert any(status == "rejected" and rule.startswith("test.swapped") for status, rule, _, _ in e.explain("۱۵ مهر ۱۳۹۴"))


def test_builtin_rules_have_no_refusing_yield():
    from rasti.ruleset import lint
    assert lint([]) == []
