"""Everyday use of the command line (issue 18): --published as a desk types it, repeated ids
refused, desk as a CI gate, --help and its suggestions, stdin and --encoding, JSONL locations,
`rasti date` saying what is wrong, and index's progress line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rasti.cli import main
from rasti.version import __version__

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MISSILES = "ناوگان روز چهارشنبه ۱۵ مهر {n} موشک کروز شلیک کرد.\n"


def _article(path: Path, ident: str, n: int = 26, published: str = "2015-10-07") -> Path:
    path.write_text(f"---\nid: {ident}\npublished: {published}\n---\n" + MISSILES.format(n=n), encoding="utf-8")
    return path


def _rasti(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The installed command line in its own process (a real stdin, a real exit status)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "rasti", *args], input=stdin, capture_output=True, env=env,
                          timeout=300)


# --- 1. --published as a Persian desk types it ------------------------------------------------

@pytest.mark.parametrize("given", ["2015-10-07", "2015-10-07T19:10", "1394-07-15", "1394/07/15",
                                   "۱۳۹۴-۰۷-۱۵", "1394-07-15j"])
def test_published_flag_reads_jalali_and_iso(capsys, given):
    assert main(["date", "۱۵ مهر", "--published", given, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dates"][0]["value"] == "2015-10-07"      # a Jalali 1394 no longer shifts the year


def test_published_flag_on_reading_commands(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("روز چهارشنبه ۱۵ مهر ۲۶ موشک شلیک شد.\n", encoding="utf-8")
    assert main(["extract", str(f), "--published", "1394/07/15", "--format", "json"]) == 0
    art, = json.loads(capsys.readouterr().out)["articles"]
    assert art["published"] == "2015-10-07"
    assert main(["check", str(f), "--published", "1394-07-15"]) == 0     # 15 Mehr 1394 was a Wednesday


def test_published_calendar_hijri(capsys):
    assert main(["date", "۱۵ مهر", "--published", "1436-12-23", "--published-calendar", "hijri",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["published"] == "2015-10-07"


@pytest.mark.parametrize("bad", ["1394-13-01", "yesterday", "1447-03-05"])
@pytest.mark.parametrize("command", [["date", "۱۵ مهر"], ["check", "x.txt"], ["desk", "corpus"]])
def test_bad_published_is_an_argparse_error(capsys, bad, command):
    with pytest.raises(SystemExit) as e:
        main([*command, "--published", bad])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "argument --published:" in err and bad in err and "Traceback" not in err


# --- 2. repeated article ids ------------------------------------------------------------------

def _twins(tmp_path: Path) -> tuple[Path, Path]:
    story = tmp_path / "story"
    story.mkdir()
    return _article(story / "a.txt", "road-b", 26), _article(story / "b.txt", "road-b", 18)


@pytest.mark.parametrize("command", ["compare", "compare-o", "compare-html", "desk", "report", "index"])
def test_repeated_ids_are_refused(tmp_path, capsys, command):
    a, b = _twins(tmp_path)
    out = tmp_path / "out.html"
    argv = {"compare": ["compare", str(a), str(b)],
            "compare-o": ["compare", str(a), str(b), "--format", "json", "-o", str(out)],
            "compare-html": ["compare", str(a), str(b), "--format", "html", "-o", str(out)],
            "desk": ["desk", str(tmp_path), "--output", str(out)],
            "report": ["report", str(a), str(b), "--output", str(out)],
            "index": ["index", str(a), str(b), "--db", str(tmp_path / "desk.db")]}[command]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert f"rasti: {b}:2: id 'road-b' is already used by {a}:2" in captured.err
    assert captured.out == "" and not out.exists()
    if command == "index":
        from rasti.store import FactStore
        with FactStore(tmp_path / "desk.db") as store:       # nothing stored (or not even created)
            assert store.stats()["articles"] == 0


# --- 3. desk as a CI gate: --fail-on, --format json, --output ---------------------------------

@pytest.fixture()
def story(tmp_path: Path) -> Path:
    s = tmp_path / "corpus" / "caspian"
    s.mkdir(parents=True)
    _article(s / "a.txt", "a", 26)
    _article(s / "b.txt", "b", 18)
    return tmp_path / "corpus"


def test_desk_fail_on(story, capsys):
    assert main(["desk", str(story)]) == 0                            # never, by default
    assert main(["desk", str(story), "--fail-on", "error"]) == 1     # 26 ≠ 18 is an error
    assert main(["desk", str(story), "--fail-on", "never"]) == 0
    quiet = story / "caspian" / "b.txt"
    _article(quiet, "b", 26)
    assert main(["desk", str(story), "--fail-on", "warning"]) == 0   # they agree now


def test_desk_json(story, capsys):
    assert main(["desk", str(story), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    st, = d["stories"]
    assert st["story"].endswith("caspian")
    assert {"articles", "contradictions", "agreements", "updates", "ledger"} <= set(st)     # as compare's
    assert {"id", "published", "mentions", "facts", "flags", "coverage"} <= set(st["articles"][0])  # as check's
    assert st["contradictions"][0]["code"] == "contradiction"
    assert d["totals"]["articles"] == 2 and d["totals"]["contradictions"] == 1


def test_desk_output_is_atomic_and_not_written_on_exit_2(story, tmp_path, capsys):
    out = tmp_path / "desk.json"
    assert main(["desk", str(story), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]["articles"] == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".desk")] == []   # no temporary left
    good = out.read_bytes()
    (story / "caspian" / "c.txt").write_text("---\nid: c\npublished: 2015-13-40\n---\nمتن\n", encoding="utf-8")
    assert main(["desk", str(story), "--format", "json", "-o", str(out)]) == 2
    assert out.read_bytes() == good                                    # the good result is kept
    assert "published" in capsys.readouterr().err


def test_desk_text_output_file(story, tmp_path, capsys):
    out = tmp_path / "desk.txt"
    assert main(["desk", str(story), "-o", str(out), "--fail-on", "error"]) == 1
    text = out.read_text(encoding="utf-8")
    assert "CONTRADICTION" in text and "2 articles:" in text.splitlines()[-1]


# --- 4. --help, --version, -q, suggestions ----------------------------------------------------

SUBCOMMANDS = [["extract"], ["rules"], ["rules", "lint"], ["rules", "test"], ["date"], ["check"], ["compare"],
               ["index"], ["corpus"], ["corpus", "test"], ["report"], ["desk"]]


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_every_command_has_a_description_examples_and_defaults(capsys, command):
    with pytest.raises(SystemExit) as e:
        main([*command, "--help"])
    assert e.value.code == 0
    text = capsys.readouterr().out
    usage, description = text.split("\n\n")[:2]
    assert description.strip() and "\n" not in description.strip()      # one line
    assert "examples:\n  rasti " + command[0] in text
    if "--format" in text:
        assert "json: one object" in text
    if command in (["check"], ["compare"], ["desk"]):
        assert "(default: " in text and "--fail-on" in text


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.strip() == f"rasti {__version__}" == "rasti 0.1.0"


@pytest.mark.parametrize("argv,said", [
    (["chek"], "rasti: unknown command 'chek' (did you mean 'check'?)"),
    (["rules", "tset"], "rasti: unknown command 'rules tset' (did you mean 'rules test'?)"),
    (["dsek", "corpus"], "rasti: unknown command 'dsek' (did you mean 'desk'?)"),
])
def test_unknown_command_suggests_the_close_one(capsys, argv, said):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert capsys.readouterr().err.strip() == said


def test_quiet_silences_notes_not_errors(tmp_path, capsys):
    a = _article(tmp_path / "a.txt", "a")
    page = tmp_path / "page.html"
    assert main(["report", str(a), "-o", str(page)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert main(["report", str(a), "-o", str(page), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["check", str(a), str(tmp_path / "missing.txt"), "-q", "--summary"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err                     # errors still said
    assert main(["extract", str(a), "-q", "--progress"]) == 0


# --- 5. stdin, --encoding, JSONL locations ----------------------------------------------------

def test_piped_stdin_without_dash():
    text = "روز سه‌شنبه ۱۵ مهر ۱۳۹۴ ناوها ۲۶ موشک شلیک کردند.\n".encode("utf-8")
    r = _rasti("check", "--lang", "en", stdin=text)
    assert r.returncode == 1, r.stderr
    assert b"<stdin>:1:1: weekday-mismatch" in r.stdout


def test_piped_from_a_file_and_not_from_dev_null(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("روز سه‌شنبه ۱۵ مهر ۱۳۹۴\n", encoding="utf-8")
    with f.open("rb") as redirected:                         # rasti check < a.txt
        r = subprocess.run([sys.executable, "-m", "rasti", "check"], stdin=redirected, capture_output=True)
    assert r.returncode == 1 and b"weekday-mismatch" in r.stdout
    r = subprocess.run([sys.executable, "-m", "rasti", "check"], stdin=subprocess.DEVNULL, capture_output=True)
    assert r.returncode == 2 and b"required: FILE" in r.stderr and b"Traceback" not in r.stderr


def test_no_file_on_a_terminal_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", type("Tty", (), {"isatty": lambda self: True})())
    with pytest.raises(SystemExit) as e:
        main(["extract"])
    assert e.value.code == 2 and "FILE" in capsys.readouterr().err


def test_encoding_flag(tmp_path, capsys):
    f = tmp_path / "legacy.txt"
    f.write_bytes("روز سه شنبه 15 مهر 1394".encode("iso-8859-6"))     # Arabic ISO: not detected
    assert main(["check", str(f), "--lang", "en"]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err
    assert main(["check", str(f), "--encoding", "iso-8859-6", "--lang", "en"]) == 1
    assert "weekday-mismatch" in capsys.readouterr().out
    assert main(["extract", str(f), "--encoding", "iso-8859-6", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"][0]["mentions"][0]["kind"] == "date"
    assert main(["compare", str(f), "--encoding", "iso-8859-6"]) == 0
    capsys.readouterr()
    assert main(["check", str(f), "--encoding", "no-such-codec"]) == 2
    assert "unknown encoding 'no-such-codec'" in capsys.readouterr().err


def test_jsonl_locations_cannot_be_read_as_a_file_column(tmp_path, capsys):
    f = tmp_path / "news.jsonl"
    rows = [{"id": "x", "published": "2015-10-08", "text": "سطر اول\nناوها روز سه‌شنبه ۱۵ مهر ۱۳۹۴ شلیک کردند."}]
    f.write_text("\n" + "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["check", str(f), "--lang", "en"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{f}:2: (text 2:7) weekday-mismatch error")


def test_compare_jsonl_location(tmp_path, capsys):
    f = tmp_path / "news.jsonl"
    rows = [{"id": f"n{n}", "published": "2015-10-07", "text": MISSILES.format(n=n)} for n in (26, 18)]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["compare", str(f)]) == 1
    out = capsys.readouterr().out
    assert f"{f}:1: (text 1:" in out and f"{f}:2: (text 1:" in out and " @" not in out


# --- 6. rasti date says what is wrong ---------------------------------------------------------

def test_date_weekday_mismatch(capsys):
    assert main(["date", "دوشنبه ۱۵ مهر ۱۳۹۴"]) == 1
    out = capsys.readouterr().out
    assert "weekday-mismatch" in out and "Wednesday, not a Monday" in out


def test_date_invalid_day(capsys):
    assert main(["date", "۳۱ مهر ۱۴۰۲"]) == 1
    out = capsys.readouterr().out
    assert "INVALID" in out and "invalid-date" in out


def test_date_json_is_an_object_with_saturday_weekdays(capsys):
    assert main(["date", "دوشنبه ۱۵ مهر ۱۳۹۴", "--format", "json"]) == 1
    d = json.loads(capsys.readouterr().out)
    assert d["input"] == "دوشنبه ۱۵ مهر ۱۳۹۴"
    m, = d["dates"]
    assert m["weekday"] == 0 and m["weekday_sat0"] == 2          # Monday: 0 from Monday, 2 from Saturday
    assert [f["code"] for f in d["flags"]] == ["weekday-mismatch"]
    assert main(["date", "روز شنبه", "--format", "json"]) == 0
    dates = json.loads(capsys.readouterr().out)["dates"]
    w, = [m for m in dates if m["kind"] == "weekday"]            # beside it, the day it resolves to
    assert (w["value"], w["weekday_sat0"]) == (5, 0)             # Saturday starts the Iranian week
    assert [m.get("weekday_only") for m in dates if m["kind"] == "date"] == [True]


def test_date_valid_is_exit_0(capsys):
    assert main(["date", "چهارشنبه ۱۵ مهر ۱۳۹۴"]) == 0
    assert "mismatch" not in capsys.readouterr().out


# --- 7. index progress ------------------------------------------------------------------------

def test_index_progress(tmp_path, capsys):
    files = [str(_article(tmp_path / f"a{n}.txt", f"a{n}", n)) for n in (10, 11, 12)]
    db = str(tmp_path / "desk.db")
    assert main(["index", *files, "--db", db, "--progress"]) == 0
    err = capsys.readouterr().err
    assert "3 articles, 0 errors" in err and "articles/s" in err
    assert main(["index", *files, "--db", db, "--force"]) == 0           # not a terminal: quiet
    assert capsys.readouterr().err == ""


def test_extract_of_a_line_without_full_stops_is_linear(tmp_path, capsys):
    """Fuzz finding (issue 19): `rasti extract` showed each mention in its whole sentence, and a
    feed line of numbers without a full stop is one sentence: 20,000 numbers took 143 s and would
    have printed 1.2 GB. Each mention now shows at most 200 characters on each side, «…» where
    the sentence goes on; the output grows with the number of mentions, not its square."""
    p = tmp_path / "feed.txt"
    p.write_text("۱۲ " * 3000, encoding="utf-8")
    assert main(["extract", str(p)]) == 0
    out = capsys.readouterr().out
    assert out.count("«۱۲»") == 3000
    assert len(out) < 3000 * 600          # whole sentences would be 3000 × 9000 characters
    middle = out.splitlines()[2 * 1500 + 2]
    assert middle.strip().startswith("…") and middle.endswith("…"), middle
    (tmp_path / "short.txt").write_text("اول. روز ۱۵ مهر ۱۲ نفر آمدند. آخر", encoding="utf-8")
    assert main(["extract", str(tmp_path / "short.txt")]) == 0
    assert "           روز «۱۵ مهر» ۱۲ نفر آمدند." in capsys.readouterr().out   # a short sentence whole
