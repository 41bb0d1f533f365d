"""Claim frames (rules/claims/, engine/claims/frames.py): they load, their examples hold, the pairs
of issue 15 give one contradiction each through compare, paraphrases that agree give none, and
coordinated figures bind to their own words. Bad claim blocks are load errors with file:line:col."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasti import Engine
from rasti.cli import main
from rasti.claims.syntax import CLAIM_CODES
from rasti.corpus.examples import cases, run
from rule_dirs import lint

DAY = "2026-01-05"

PAIRS = [   # issue 15: two outlets, one day, one event
    ("quake.magnitude", "زلزله ۵.۹ ریشتری خوی را لرزاند", "زلزله‌ای به بزرگی ۶.۴ ریشتر خوی را لرزاند"),
    ("price", "قیمت هر گرم طلای ۱۸ عیار امروز ۳ میلیون تومان است", "قیمت هر گرم طلای ۱۸ عیار امروز ۴ میلیون تومان است"),
    ("vote.share", "۴۱ درصد آرا به نامزد الف رسید", "نامزد الف ۳۸ درصد آرا را به دست آورد"),
]

AGREE = [   # the same figure said another way: no contradiction
    ("زلزله ۵.۹ ریشتری خوی را لرزاند", "a 5.9-magnitude earthquake struck Khoy"),
    ("قیمت هر گرم طلای ۱۸ عیار امروز ۳ میلیون تومان است", "قیمت هر گرم طلا امروز به ۳ میلیون تومان رسید"),
    ("۴۱ درصد آرا به نامزد الف رسید", "نامزد الف ۴۱ درصد آرا را به دست آورد"),
]


def _compare(engine: Engine, a: str, b: str, day_b: str = DAY):
    return engine.compare([engine.read(a, published=DAY, id="a"), engine.read(b, published=day_b, id="b")])


def test_frames_load(engine):
    frames = engine.ruleset.frames
    assert frames is not None and len(frames) >= 40
    origins = {f.origin.split(":")[0] for f in frames.frames.values()}
    assert len(origins) >= 6, origins          # grouped by beat, one file each
    assert all(f.examples for f in frames.frames.values())


def test_frame_examples_hold(engine):
    mine = [c for c in cases(engine) if c.frame is not None]
    assert len(mine) >= 120
    failed = [f"{c.id}: {msg}" for c in mine if (msg := run(engine, c))]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("frame,a,b", PAIRS, ids=[p[0] for p in PAIRS])
def test_issue_pairs_give_one_contradiction(engine, frame, a, b):
    cmp = _compare(engine, a, b)
    assert len(cmp.contradictions) == 1, [c.message["en"] for c in cmp.contradictions]
    found = cmp.contradictions[0]
    assert found.rule.startswith(f"claim {frame}; "), found.rule
    assert found.severity == "error"


def test_same_day_toll_without_times_is_a_warning(engine):
    cmp = _compare(engine, "در آتش‌سوزی روز دوشنبه در انبار ۱۲ نفر کشته شدند",
                   "در آتش‌سوزی روز دوشنبه در انبار ۱۹ نفر جان باختند")
    assert [c.severity for c in cmp.contradictions] == ["warning"]
    assert not cmp.updates


def test_toll_rise_a_day_later_is_an_update(engine):
    cmp = _compare(engine, "در این حادثه ۱۲ نفر کشته شدند", "شمار کشته‌شدگان این حادثه به ۱۹ نفر رسید",
                   day_b="2026-01-06")
    assert not cmp.contradictions
    assert len(cmp.updates) == 1


@pytest.mark.parametrize("a,b", AGREE)
def test_paraphrases_that_agree_give_none(engine, a, b):
    assert not _compare(engine, a, b).contradictions


def test_other_candidates_are_not_compared(engine):
    cmp = _compare(engine, "۴۱ درصد آرا به نامزد الف رسید", "نامزد ب ۳۸ درصد آرا را به دست آورد")
    assert not cmp.contradictions


def test_cli_compare_reports_the_pair(tmp_path, capsys):
    for name, text in (("a", PAIRS[0][1]), ("b", PAIRS[0][2])):
        (tmp_path / f"{name}.txt").write_text(f"---\nid: {name}\npublished: {DAY}\n---\n{text}\n", encoding="utf-8")
    main(["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json", "--fail-on", "never"])
    out = json.loads(capsys.readouterr().out)
    rules = [c["rule"] for c in out["contradictions"]]
    assert rules == ["claim quake.magnitude; disjoint"], rules


# --- coordinated figures ------------------------------------------------------------------------

def _claims(engine, text):
    return [(c.frame, c.value if c.value is not None else c.interval) for c in engine.read(text, published=DAY).claims]


@pytest.mark.parametrize("text,want", [
    ("در این حادثه ۱۲ نفر کشته و ۳۰ نفر زخمی شدند", [("casualties.killed", 12), ("casualties.injured", 30)]),
    ("the crash left 201 people dead and 747 wounded", [("casualties.killed", 201), ("casualties.injured", 747)]),
    ("در این درگیری یک شهید و ۳۵ مجروح گزارش شد", [("casualties.killed.one", 1), ("casualties.injured", 35)]),
])
def test_coordinated_figures_bind_to_their_own_words(engine, text, want):
    assert _claims(engine, text) == want


def test_killed_or_wounded_is_casualties_not_killed(engine):
    got = _claims(engine, "40 people were killed or wounded in the blast")
    assert [f for f, _ in got] == ["casualties.total"]


def test_claim_spans_are_in_the_original_text(engine):
    text = "خبر: در این حادثه ۱۲ نفر کشته شدند"
    c = engine.read(text, published=DAY).claims[0]
    assert text[c.start:c.end] == c.text and "۱۲" in c.text


def test_extract_json_has_claims(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(PAIRS[0][1], encoding="utf-8")
    assert main(["extract", str(f), "--published", DAY, "--format", "json"]) == 0
    art = json.loads(capsys.readouterr().out)["articles"][0]
    assert {"mentions", "facts", "claims"} <= set(art)
    assert art["claims"][0]["frame"] == "quake.magnitude" and art["claims"][0]["value"] == 5.9


def test_claims_survive_pickling(engine):
    import pickle
    art = engine.read(PAIRS[0][1], published=DAY)
    back = pickle.loads(pickle.dumps(art))
    assert back.claims == art.claims and back.claims


# --- lint ---------------------------------------------------------------------------------------

CLAIM_OK = '''
claim my.frame rank 20
    movement fixed
    match n:number "کشتی"
    value n
    what "کشتی"
    example "۳ کشتی دیده شد" => my.frame "کشتی" 3
end
'''


_lint = lint


def test_good_claim_block_loads_and_runs(tmp_path):
    assert _lint(tmp_path, CLAIM_OK) == []
    eng = Engine([tmp_path / "mine"])
    assert [(c.frame, c.value) for c in eng.read("۳ کشتی دیده شد").claims if c.frame == "my.frame"] == [("my.frame", 3)]


@pytest.mark.parametrize("old,new,code,line", [
    ("    movement fixed\n", "", "R130", 2),
    ('    value n\n', "", "R130", 2),
    ("movement fixed", "movement sometimes", "R131", 3),
    ("movement fixed", "movement fixed window 3 days", "R131", 3),
    ("value n", "value m", "R132", 5),
    ('what "کشتی"', "what w", "R132", 6),
    ('=> my.frame "کشتی" 3', '=> other.frame "کشتی" 3', "R133", 7),
    ('what "کشتی"', 'frobnicate "کشتی"', "R134", 6),
    ('    example "۳ کشتی دیده شد" => my.frame "کشتی" 3\n', "", "R110", 2),
    ('match n:number "کشتی"', 'match n:number @no_such_words', "R102", 4),
])
def test_claim_block_errors(tmp_path, old, new, code, line):
    errs = _lint(tmp_path, CLAIM_OK.replace(old, new))
    mine = [e for e in errs if e.code == code]
    assert mine, [e.format() for e in errs]
    e = mine[0]
    assert e.path.endswith("x.rules") and e.line == line and e.col >= 1
    assert e.format().startswith(f"{e.path}:{line}:{e.col}: {code} ")


def test_value_must_be_a_mention(tmp_path):
    errs = _lint(tmp_path, CLAIM_OK.replace('match n:number "کشتی"', 'match n:word "کشتی"'))
    assert [e.code for e in errs] == ["R132"]


def test_claim_codes_are_documented():
    readme = (Path(__file__).parent.parent / "rules" / "README.md").read_text(encoding="utf-8")
    for code in CLAIM_CODES:
        assert f"| {code} |" in readme, code


def test_coordinated_figures_compare_each_with_its_own(engine):
    same = _compare(engine, "در این حادثه ۱۲ نفر کشته و ۳۰ نفر زخمی شدند", "در این حادثه ۱۲ نفر کشته و ۳۰ نفر مجروح شدند")
    assert not same.contradictions and len(same.agreements) == 2
    other = _compare(engine, "در این حادثه ۱۲ نفر کشته و ۳۰ نفر زخمی شدند", "در این حادثه ۱۲ نفر کشته و ۴۰ نفر زخمی شدند")
    assert [c.rule.split(";")[0] for c in other.contradictions] == ["claim casualties.injured"]


def test_killed_or_wounded_is_not_compared_with_the_killed(engine):
    cmp = _compare(engine, "40 people were killed or wounded in the blast", "12 people were killed in the blast")
    assert not cmp.contradictions
