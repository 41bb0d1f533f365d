"""Dask as an executor (`--dask`, engine/feed/cluster.py, shuffle.py): the same output bytes as
`--workers 1` for check, extract and index on the bundled corpus, bad articles reported as on one
machine, input order kept, compare through a Dask shuffle equal to the in-process compare, and
one clear line (exit 2) without the extra. Needs the rasti[dask] extra; without it the cluster
tests skip, saying so. The cluster is small: 2 worker processes of one thread, no dashboard."""
from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rasti.cli import main
from rasti.errors import InputError
from rasti.feed import batch
from rasti.feed.inputs import Source, read_inputs
from rasti.verify.compare import claims_of, compare_claims, rules_of
from rasti.verify.compare.shards import compare_in_parts

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
try:
    import distributed  # noqa: F401
    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason='Dask is the optional extra rasti[dask] '
                                '(pip install "rasti[dask]"): not installed, so the cluster tests cannot run')


@pytest.fixture(scope="module")
def session():
    """One LocalCluster for the module (2 processes, 1 thread each), closed at the end."""
    if not HAVE_DASK:
        pytest.skip("rasti[dask] not installed")
    import cloudpickle
    from distributed import Client, LocalCluster
    from rasti.feed.cluster import Session
    cloudpickle.register_pickle_by_value(sys.modules[__name__])   # the work functions below reach the workers
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    s = Session(Client(cluster), "test", cluster, owned=False)
    yield s
    s.owned = True
    s.close()


@pytest.fixture(scope="module")
def address(session) -> str:
    return session.cluster.scheduler_address


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


# --- the CLI: --dask gives the bytes of --workers 1 -----------------------------------------------

@needs_dask
@pytest.mark.parametrize("argv", [["extract", "--format", "json"], ["extract"], ["check", "--format", "json"],
                                  ["check", "-v"], ["check", "--lang", "en", "--fail-on", "warning"]],
                         ids=["extract-json", "extract-text", "check-json", "check-text", "check-en"])
def test_dask_output_is_byte_identical(capsys, address, argv):
    one = run(capsys, [*argv, str(CORPUS), "--workers", "1"])
    on_dask = run(capsys, [*argv, str(CORPUS), "--dask", address])
    assert one[1] and one[1].count("\n") > 10
    assert on_dask == one


@needs_dask
def test_dask_local_starts_and_closes_a_cluster(capsys):
    import psutil
    one = run(capsys, ["extract", "--format", "json", str(CORPUS / "oil"), str(CORPUS / "quake")])
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    local = run(capsys, ["extract", "--format", "json", str(CORPUS / "oil"), str(CORPUS / "quake"), "--dask", "local:2"])
    assert local == one and json.loads(one[1])["articles"]
    left = {p.pid: " ".join(p.cmdline())[-120:] for p in psutil.Process().children(recursive=True)
            if p.pid not in before and p.is_running() and "resource_tracker" not in " ".join(p.cmdline())}
    assert not left, f"worker processes of the LocalCluster still running: {left}"


def _rows(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        return {"articles": con.execute(
                    "SELECT id, seq, published, source, origin, content_hash, rules_hash, fact_count, claim_count, body,"
                    " published_at, published_source FROM articles ORDER BY seq").fetchall(),
                "facts": con.execute("SELECT * FROM facts ORDER BY article_id, fact_id").fetchall(),
                "claims": con.execute("SELECT * FROM claims ORDER BY article_id, n").fetchall()}
    finally:
        con.close()


@needs_dask
def test_index_on_dask_stores_what_one_process_stores(capsys, tmp_path, address):
    a, b = tmp_path / "one.db", tmp_path / "dask.db"
    one = run(capsys, ["index", str(CORPUS), "--db", str(a), "-v"])
    on_dask = run(capsys, ["index", str(CORPUS), "--db", str(b), "-v", "--dask", address])
    assert one[0] == on_dask[0] == 0
    assert on_dask[1].replace(str(b), "DB") == one[1].replace(str(a), "DB")
    rows = _rows(a)
    assert rows["articles"] and rows["claims"] and _rows(b) == rows
    again = run(capsys, ["index", str(CORPUS), "--db", str(b), "--dask", address])   # all unchanged, told in order
    assert f"0 added, 0 replaced, {len(rows['articles'])} unchanged" in again[1]


# --- bad articles, as on one machine --------------------------------------------------------------

def _bad_inputs(tmp_path: Path) -> list[str]:
    """Good articles around bad ones: a malformed JSONL line, an article without text, a missing file."""
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted((CORPUS / "oil").glob("*.txt"))[:3]:
        shutil.copy(p, d / p.name)
    lines = [json.dumps({"id": "j1", "text": "۲۶ موشک کروز شلیک شد.", "published": "2015-10-07"}, ensure_ascii=False),
             '{"id": "j2", "text": ', json.dumps({"id": "j3"}),
             json.dumps({"id": "j4", "text": "دست‌کم ۳۰ نفر کشته شدند.", "published": "2015-10-08"}, ensure_ascii=False)]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(d), str(tmp_path / "missing.txt")]


@needs_dask
@pytest.mark.parametrize("command", ["extract", "check", "index"])
def test_bad_articles_are_reported_as_on_one_machine(capsys, tmp_path, address, command):
    files = _bad_inputs(tmp_path)
    extra = (lambda name: ["--db", str(tmp_path / f"{name}.db")]) if command == "index" else (lambda name: [])
    one = run(capsys, [command, *files, *(["--workers", "1"] if command != "index" else []), *extra("one")])
    on_dask = run(capsys, [command, *files, "--dask", address, *extra("dask")])
    assert one[0] == 2 and one[2].count("rasti: ") >= 3
    assert on_dask[0] == one[0] and on_dask[2] == one[2]
    assert on_dask[1].replace("dask.db", "DB") == one[1].replace("one.db", "DB")


# --- the executor: order, errors in place, failures -----------------------------------------------

def _sources(n: int) -> list:
    out: list = []
    for i in range(n):
        if i % 7 == 6:
            out.append(InputError(f"bad-{i}.jsonl:{i}: malformed JSON"))
        else:
            out.append(Source(f"a{i}", "۲۶ موشک " * (1 + (i * 7) % 13), "2015-10-07", f"in.jsonl:{i + 1}", {}))
    return out


def slow_then_fast(src: Source) -> dict:
    """Early articles take longest, so the cluster finishes them out of order."""
    import time
    n = int(src.id[1:])
    time.sleep(0.002 * max(0, 20 - n))
    return {"id": src.id}


def fail_on_three(src: Source) -> dict:
    if src.id == "a3":
        raise ValueError("boom")
    return {"id": src.id}


def _shown(items: list) -> list:
    return [str(x) if isinstance(x, InputError) else x["id"] for x in items]


@needs_dask
@pytest.mark.parametrize("chunksize", [1, 3])
def test_order_and_input_errors_kept(session, chunksize):
    items = _sources(40)
    run_ = batch.process(items, slow_then_fast, dask=session, chunksize=chunksize, window=8)
    got = list(run_)
    assert _shown(got) == _shown(list(batch.process(items, slow_then_fast, workers=1)))
    assert sum(isinstance(x, InputError) for x in got) == 5
    assert (run_.summary.articles, run_.summary.errors) == (35, 5)


@needs_dask
def test_failures_caught_or_raised_as_on_one_machine(session):
    one = list(batch.process(_sources(10), fail_on_three, workers=1, catch=True))
    on_dask = list(batch.process(_sources(10), fail_on_three, dask=session, chunksize=2, catch=True))
    assert _shown(on_dask) == _shown(one) and "boom" in str(one[3])
    with pytest.raises(ValueError, match="boom"):
        list(batch.process(_sources(10), fail_on_three, dask=session, chunksize=2))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@needs_dask
def test_dask_progress_bar_on_a_terminal_only(session, monkeypatch):
    items = _sources(30)
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    list(batch.process(items, slow_then_fast, dask=session, progress=True, chunksize=2))
    assert quiet.getvalue() == ""                    # not a terminal: no bar, as without Dask
    tty = _Terminal()
    monkeypatch.setattr(sys, "stderr", tty)
    got = list(batch.process(items, slow_then_fast, dask=session, progress=True, chunksize=2))
    assert "% Completed" in tty.getvalue() and "articles/s" not in tty.getvalue()   # Dask's bar, not ours
    assert _shown(got) == _shown(list(batch.process(items, slow_then_fast)))


# --- compare through a Dask shuffle -----------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_articles(engine):
    return [engine.read(s.text, published=s.published, id=s.id, published_source=s.published_source)
            for s in read_inputs([str(CORPUS)], None, None)]


def _claims(articles, rules) -> list:
    return [c for i, a in enumerate(articles) for c in claims_of(a, rules, i, figures=True)]  # as compare reads them


def _json(result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, default=str)


@pytest.mark.parametrize("story", [True, False], ids=["story", "store"])
def test_compare_in_parts_equals_compare(engine, corpus_articles, story):
    rules = rules_of(engine)
    whole = compare_claims(_claims(corpus_articles, rules), rules, story=story, articles=corpus_articles)
    parts = compare_in_parts(_claims(corpus_articles, rules), rules, story=story, articles=corpus_articles)
    assert whole.contradictions and whole.agreements and whole.ledger
    assert _json(parts) == _json(whole)


@needs_dask
@pytest.mark.parametrize("story", [True, False], ids=["story", "store"])
def test_compare_on_dask_equals_in_process(engine, corpus_articles, session, story):
    from rasti.feed.shuffle import compare_dask
    rules = rules_of(engine)
    whole = compare_claims(_claims(corpus_articles, rules), rules, story=story, articles=corpus_articles)
    on_dask = compare_dask(_claims(corpus_articles, rules), rules, session, story=story, articles=corpus_articles,
                           partitions=3)
    assert whole.contradictions and whole.updates
    assert _json(on_dask) == _json(whole) and on_dask.claims == whole.claims


@needs_dask
def test_compare_cli_against_a_store_on_dask(capsys, tmp_path, address):
    db = tmp_path / "desk.db"
    assert run(capsys, ["index", str(CORPUS), "--db", str(db)])[0] == 0
    for fmt in ("json", "text"):
        one = run(capsys, ["compare", "--db", str(db), str(CORPUS / "quake"), "--format", fmt])
        on_dask = run(capsys, ["compare", "--db", str(db), str(CORPUS / "quake"), "--format", fmt, "--dask", address])
        assert one[0] == 1 and on_dask == one
    story = [str(CORPUS / "oil"), str(CORPUS / "caspian")]
    assert run(capsys, ["compare", *story, "--format", "json", "--dask", address]) == \
        run(capsys, ["compare", *story, "--format", "json"])


# --- without the extra, or without a cluster: one line, exit 2 --------------------------------------

NO_DASK = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
           "from rasti.cli import main; sys.exit(main(sys.argv[1:]))")


@pytest.mark.parametrize("argv", [["extract"], ["check"], ["index", "--db", "DB"], ["compare"]])
def test_without_the_extra_one_line_and_exit_2(tmp_path, argv):
    argv = [str(tmp_path / "x.db") if a == "DB" else a for a in argv]
    p = subprocess.run([sys.executable, "-c", NO_DASK, *argv, str(CORPUS / "oil"), "--dask", "local"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rasti: --dask") and 'rasti[dask]' in lines[0]
    assert not (tmp_path / "x.db").exists()


@needs_dask
@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "local:none"])
def test_unreachable_or_bad_address_one_line_and_exit_2(capsys, monkeypatch, address):
    monkeypatch.setenv("RASTI_DASK_TIMEOUT", "2")
    rc, out, err = run(capsys, ["check", str(CORPUS / "oil"), "--dask", address])
    assert rc == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith(f"rasti: --dask {address}")
