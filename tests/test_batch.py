"""Batch processing (`rasti.feed.batch`): input order, errors in place, 1 worker = N workers,
bounded read-ahead, the summary and the progress line."""
from __future__ import annotations

import io
import itertools
import os
import time

import pytest

from rasti.feed import batch
from rasti.errors import InputError, RuleFileError
from rasti.feed.inputs import Source

TEXTS = [
    "در سال ۱۴۰۲ حدود ۴۰ درصد از ۲٬۵۰۰ واحد مسکونی آسیب دید.",
    "بیست و شش هزار نفر از ۱۰ مهر تا ۱۵ مهر در این مراسم شرکت کردند.",
    "تورم 12.5% بود و قیمت به ۳۰۰ هزار تومان رسید.",
    "روز چهارشنبه ۱۵ مهر ۱۳۹۴ زلزله‌ای به بزرگی ۵٫۲ ریشتر رخ داد.",
    "No numbers here at all.",
    "",
    "یک میلیون و دویست هزار بشکه نفت در روز صادر شد؛ دست‌کم ۳۰ نفر کشته شدند.",
]


def sources(n: int, errors_every: int = 0) -> list[Source | InputError]:
    out: list[Source | InputError] = []
    for i in range(n):
        if errors_every and i % errors_every == errors_every - 1:
            out.append(InputError(f"bad-{i}.jsonl:{i}: malformed JSON"))
            continue
        # texts of very different lengths, so workers finish out of order
        text = " ".join([TEXTS[i % len(TEXTS)]] * (1 + (i * 7) % 13))
        out.append(Source(f"a{i}", text, "2015-10-07" if i % 3 else None, f"in.jsonl:{i + 1}", {}))
    return out


# --- work functions: module level, so the workers can find them by name ---------------------

def jittery(src: Source) -> dict:
    """Finish in scrambled order: later articles are often faster."""
    n = int(src.id[1:])
    time.sleep(0.001 * ((n * 37) % 11))
    return {"id": src.id, "pid": os.getpid()}


def fail_on_three(src: Source) -> dict:
    if src.id == "a3":
        raise ValueError("boom")
    return {"id": src.id}


def ident(src: Source) -> dict:
    return {"id": src.id}


# --- order and errors -------------------------------------------------------------------------

@pytest.mark.parametrize("chunksize", [1, 3])
def test_order_preserved_with_two_workers(chunksize):
    items = sources(40)
    out = list(batch.process(items, jittery, workers=2, chunksize=chunksize))
    assert [d["id"] for d in out] == [s.id for s in items]
    pids = {d["pid"] for d in out}
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_spawned_workers():
    """Where workers do not fork (macOS, Windows, Python 3.14's forkserver) the work function and
    the rule directories travel by pickle, and each worker builds its own state."""
    items = sources(12, errors_every=5)
    out = list(batch.process(items, jittery, workers=2, chunksize=2, start_method="spawn"))
    assert [x if isinstance(x, InputError) else x["id"] for x in out] == \
        [x if isinstance(x, InputError) else x.id for x in items]


@pytest.mark.parametrize("workers", [1, 2])
def test_input_errors_pass_through_in_place(workers):
    items = sources(30, errors_every=4)
    out = list(batch.process(iter(items), ident, workers=workers, chunksize=2))
    assert len(out) == len(items)
    for got, src in zip(out, items):
        if isinstance(src, InputError):
            assert got is src            # the very object, never sent to a worker
        else:
            assert got == {"id": src.id}


def test_all_errors_and_empty_input():
    errs = [InputError(f"e{i}") for i in range(5)]
    for workers in (1, 2):
        assert list(batch.process(iter(errs), ident, workers=workers)) == errs
        run = batch.process(iter([]), ident, workers=workers)
        assert list(run) == []
        assert run.summary.articles == 0 and run.summary.errors == 0


def test_one_and_two_workers_give_identical_output(engine):
    items = sources(60, errors_every=9)
    one = list(batch.process(iter(items), batch.extract_dict, workers=1))
    two = list(batch.process(iter(items), batch.extract_dict, workers=2, chunksize=4))
    assert one == two
    assert sum(isinstance(x, InputError) for x in one) == 6
    # and the default work is exactly what Engine.read(...).to_dict() says, with the article's claims
    for src, got in zip(items, one):
        if isinstance(src, Source):
            art = engine.read(src.text, published=src.published, id=src.id)
            assert got == {**art.to_dict(), "claims": [c.to_dict() for c in art.claims]}
    assert any(d["mentions"] for d in one if isinstance(d, dict))


@pytest.mark.parametrize("workers", [1, 2])
def test_user_rule_dirs_reach_the_workers(tmp_path, workers):
    (tmp_path / "extra.rules").write_text("lexicon number_word\n    زرشک = 7\nend\n", encoding="utf-8")
    items = [Source("a", "زرشک نفر آمدند", None, "a.txt"), Source("b", "۱۲ نفر", None, "b.txt")]
    plain = list(batch.process(items, batch.extract_dict, workers=workers))
    extended = list(batch.process(items, batch.extract_dict, workers=workers, rules=[tmp_path]))
    assert [m["value"] for m in plain[0]["mentions"]] == []
    assert [m["value"] for m in extended[0]["mentions"]] == [7]
    assert [m["value"] for m in extended[1]["mentions"]] == [12]


def test_rule_errors_raise_once_in_the_caller(tmp_path):
    """A user rule directory that does not exist is a rule error, raised once, in the caller
    (not a Pool respawning workers forever)."""
    with pytest.raises(RuleFileError):
        list(batch.process(sources(3), batch.extract_dict, workers=2, rules=[tmp_path / "missing"]))
    with pytest.raises(RuleFileError):
        list(batch.process(sources(3), batch.extract_dict, workers=1, rules=[tmp_path / "missing"]))


# --- failures in the work function ----------------------------------------------------------

@pytest.mark.parametrize("workers", [1, 2])
def test_work_exception_stops_the_batch(workers):
    run = batch.process(sources(10), fail_on_three, workers=workers, chunksize=2)
    got = []
    with pytest.raises(ValueError, match="boom"):
        for x in run:
            got.append(x)
    assert [d["id"] for d in got] == ["a0", "a1", "a2"]


@pytest.mark.parametrize("workers", [1, 2])
def test_work_exception_caught_in_place(workers):
    out = list(batch.process(sources(10), fail_on_three, workers=workers, chunksize=2, catch=True))
    assert len(out) == 10
    assert isinstance(out[3], InputError) and "in.jsonl:4" in str(out[3]) and "boom" in str(out[3])
    assert [d["id"] for i, d in enumerate(out) if i != 3] == [f"a{i}" for i in range(10) if i != 3]


# --- streaming ----------------------------------------------------------------------------------

def test_read_ahead_is_bounded():
    """Constant memory: the input is never read more than `window` articles ahead."""
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield Source(f"a{i}", "۱۲", None, f"x:{i}")

    run = batch.process(endless(), ident, workers=2, chunksize=2, window=8)
    for k, d in enumerate(itertools.islice(run, 50), 1):
        assert d["id"] == f"a{k - 1}"
        assert pulled <= k + 8 + 1, (k, pulled)
    run.close()   # stops the workers; must not hang on the endless input


def test_serial_is_lazy():
    pulled = 0

    def gen():
        nonlocal pulled
        for s in sources(10):
            pulled += 1
            yield s

    run = batch.process(gen(), ident, workers=1)
    next(run)
    assert pulled == 1


# --- summary and progress -------------------------------------------------------------------

def test_summary_counts():
    items = sources(20, errors_every=5)
    run = batch.process(iter(items), ident, workers=2, chunksize=3)
    list(run)
    s = run.summary
    good = [x for x in items if isinstance(x, Source)]
    assert s.articles == len(good) == 16
    assert s.errors == 4
    assert s.bytes == sum(len(x.text.encode("utf-8")) for x in good)
    assert s.seconds > 0
    assert s.articles_per_s == pytest.approx(s.articles / s.seconds)
    assert s.mb_per_s == pytest.approx(s.bytes / 1e6 / s.seconds)
    text = str(s)
    assert text.startswith("16 articles, 4 input errors, ") and "articles/s" in text and "MB/s" in text
    assert set(s.to_dict()) == {"articles", "errors", "bytes", "seconds", "articles_per_s", "mb_per_s"}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch):
    for workers in (1, 2):
        pipe = io.StringIO()
        monkeypatch.setattr("sys.stderr", pipe)
        list(batch.process(sources(5), ident, workers=workers, progress=True))
        assert pipe.getvalue() == ""

        tty = _Tty()
        monkeypatch.setattr("sys.stderr", tty)
        list(batch.process(sources(5), ident, workers=workers, progress=False))
        assert tty.getvalue() == ""

        tty = _Tty()
        monkeypatch.setattr("sys.stderr", tty)
        list(batch.process(sources(5), ident, workers=workers, progress=True))
        assert "articles/s" in tty.getvalue()
        assert tty.getvalue().endswith("\r\x1b[K")   # the line is cleared at the end


def test_warm_up_before_forking_does_not_import_hazm(tmp_path):
    """The parent warms the Engine and the remembered lemmas for its workers, not hazm (1.4 s):
    a worker imports hazm only when it meets a word never lemmatized before."""
    import subprocess
    import sys
    code = ("import sys\nfrom rasti.feed import batch\nbatch.configure()\nbatch.warm_up()\n"
            "print('hazm' in sys.modules)\n")
    env = dict(os.environ, RASTI_CACHE_DIR=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
