"""`rasti desk`: the README's main job over the bundled corpus."""
from pathlib import Path

from rasti.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_desk_over_bundled_corpus(capsys):
    assert main(["desk", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    # the planted Caspian contradiction, as one dispute: the dissent against the other outlets
    assert "CONTRADICTION" in out and "caspian-04 says 18; 5 outlets say 26" in out
    assert "weekday-mismatch" in out and "update" in out
    assert "86 articles:" in out.splitlines()[-1]     # 52 + the 34 of corpus/beats (desk walks into sets)


def test_desk_one_story_in_persian(tmp_path, capsys):
    story = tmp_path / "s"
    story.mkdir()
    (story / "a.txt").write_text("---\nid: a\npublished: 2015-10-07\n---\nناوها ۲۶ موشک کروز شلیک کردند.\n", encoding="utf-8")
    (story / "b.txt").write_text("---\nid: b\npublished: 2015-10-07\n---\nناوها ۱۸ موشک کروز شلیک کردند.\n", encoding="utf-8")
    assert main(["desk", str(tmp_path), "--lang", "fa"]) == 0
    out = capsys.readouterr().out
    assert "۲۶ ≠ ۱۸" in out and "1 contradictions" in out.splitlines()[-1]


def test_desk_missing_dir_is_exit_2(tmp_path, capsys):
    assert main(["desk", str(tmp_path / "nope")]) == 2
