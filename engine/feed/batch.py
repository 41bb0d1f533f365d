"""Batch processing: many articles, in constant memory, results in input order, optionally on
several processes.

    run = process(read_inputs(paths), extract_dict, workers=4, rules=args.rules or ())
    for item in run:                 # a dict per article, or the InputError, in input order
        ...
    print(run.summary, file=sys.stderr)   # "120 articles, 1 input error, 0.9 MB in 2.1 s (…)"

With ``workers > 1`` the articles go to a `multiprocessing.Pool` (`imap`, in chunks). Each
worker builds its own Engine once, from the rule directories (never a pickled Engine); on
Linux (fork) the workers inherit the Engine the parent built, so they start at once. Reading
ahead is bounded, so a huge input never sits in memory: at most ``window`` articles are in
flight. `InputError`s never go to a worker: they come out in their place, as they came in.

The work function must be a module-level function (it is sent to the workers by name). It may
use `engine()` for the Engine of its process; `extract_dict` is the default.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any, Callable, Iterable, Sequence

from ..errors import InputError
from .inputs import Source

Work = Callable[[Source], dict]
DASK_CHUNK = 32    # articles per Dask task: a task costs the scheduler about a millisecond, an article ~20 ms

# --- the Engine of this process ---------------------------------------------------------------

_RULES: tuple[tuple[str, ...], bool] = ((), True)   # (user rule dirs, builtin) of this process
_ENGINE: Any = None
_ENGINE_KEY: tuple | None = None


def configure(rules: Sequence[str | os.PathLike] = (), builtin: bool = True) -> None:
    """Which rules `engine()` builds from in this process."""
    global _RULES
    _RULES = (tuple(os.fspath(r) for r in rules), bool(builtin))


def engine():
    """This process's Engine, built once for the configured rules."""
    global _ENGINE, _ENGINE_KEY
    if _ENGINE is None or _ENGINE_KEY != _RULES:
        from ..api import Engine
        _ENGINE = Engine(list(_RULES[0]), builtin=_RULES[1])
        _ENGINE_KEY = _RULES
    return _ENGINE


def warm_up() -> None:
    """Pay now for what a first read loads lazily: the Engine, and the remembered lemmas of the
    facts stage. Called in the parent before the workers fork, so they inherit both. hazm itself
    stays unloaded: a worker imports it only if it meets a word never seen before (about 1.4 s,
    in parallel with the others), and a run whose words are all remembered never pays for it."""
    engine()
    try:
        from ..claims import lemmas
        lemmas.load_lemmas()
    except Exception:  # noqa: BLE001  (a missing optional piece shows up on first use instead)
        pass


def extract_dict(src: Source) -> dict:
    """The default work: the article's JSON form, as `rasti extract --format json` writes it."""
    art = engine().read(src.text, published=src.published, id=src.id, published_source=src.published_source)
    d = art.to_dict()
    d["claims"] = [c.to_dict() for c in art.claims]   # an added field: the frames of rules/claims/
    return d


def extract_json(src: Source) -> str:
    """`extract_dict`, encoded where it was made: a worker sends back one string, which costs the
    parent far less to receive than a dict of many small objects, and nothing to encode."""
    return json.dumps(extract_dict(src), ensure_ascii=False)


def extract_with_text(src: Source) -> tuple[dict, str, str]:
    """For the text format: the JSON form plus the text and where it came from."""
    return extract_dict(src), src.text, src.origin


# --- summary ----------------------------------------------------------------------------------

@dataclass
class Summary:
    articles: int = 0       # articles processed
    errors: int = 0         # input errors passed through (and failed articles, with catch=True)
    bytes: int = 0          # UTF-8 size of the processed articles' text
    seconds: float = 0.0    # wall time from the first article asked for to the last delivered

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {"articles": self.articles, "errors": self.errors, "bytes": self.bytes,
                "seconds": round(self.seconds, 3), "articles_per_s": round(self.articles_per_s, 1),
                "mb_per_s": round(self.mb_per_s, 3)}

    def __str__(self) -> str:
        errs = f"{self.errors} input error{'' if self.errors == 1 else 's'}"
        return (f"{self.articles} article{'' if self.articles == 1 else 's'}, {errs}, "
                f"{self.bytes / 1e6:.2f} MB in {self.seconds:.2f} s "
                f"({self.articles_per_s:.1f} articles/s, {self.mb_per_s:.2f} MB/s)")


# --- progress ---------------------------------------------------------------------------------

class _Progress:
    """One self-overwriting line on stderr, at most 5 times a second; only on a terminal."""

    def __init__(self, on: bool, summary: Summary, started: float) -> None:
        stream = sys.stderr
        self.on = bool(on) and stream is not None and hasattr(stream, "isatty") and stream.isatty()
        self.summary, self.started, self.last, self.shown = summary, started, 0.0, False

    def tick(self, force: bool = False) -> None:
        if not self.on:
            return
        now = time.perf_counter()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        s = self.summary
        secs = max(now - self.started, 1e-9)
        sys.stderr.write(f"\r\x1b[K{s.articles} articles, {s.errors} errors, "
                         f"{s.articles / secs:.1f} articles/s, {s.bytes / 1e6 / secs:.2f} MB/s")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.on and self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


# --- workers ----------------------------------------------------------------------------------

_WORK: Work | None = None
_INIT_ERROR: BaseException | None = None


def _init_worker(rules: tuple[str, ...], builtin: bool, work: Work) -> None:
    """Pool initializer: remember the work, build the Engine once. Never raises: an initializer
    that raises makes the Pool respawn workers forever; the error is reported per task instead."""
    global _WORK, _INIT_ERROR
    _WORK = work
    try:
        configure(rules, builtin)
        if _uses_engine(work):
            engine()   # inherited from the parent under fork (same rules): nothing to build
    except BaseException as e:  # noqa: BLE001
        _INIT_ERROR = e


def _uses_engine(work: Work) -> bool:
    """The works of rasti's own commands read with this process's Engine (see `engine()`)."""
    return work in (extract_dict, extract_json, extract_with_text) or getattr(work, "uses_engine", False)


def _apply(work: Work, src: Source) -> tuple[bool, Any]:
    try:
        return True, work(src)
    except Exception as e:  # noqa: BLE001
        return False, e


def _run_one(src: Source | None) -> tuple[bool, Any]:
    """A worker's task: (True, result) or (False, exception). None stands for an InputError that
    stayed in the parent."""
    if src is None:
        return True, None
    if _INIT_ERROR is not None:
        return False, _INIT_ERROR
    return _portable(*_apply(_WORK, src))


def _portable(ok: bool, out: Any) -> tuple[bool, Any]:
    """A result that can travel back pickled: an exception that cannot keeps its type's name."""
    if not ok:
        try:
            import pickle
            pickle.dumps(out)
        except Exception:  # noqa: BLE001
            out = RuntimeError(f"{type(out).__name__}: {out}")
    return ok, out


def _run_chunk(srcs: list[Source | None], work: Work, rules: tuple[str, ...], builtin: bool) -> list[tuple[bool, Any]]:
    """A Dask task: a chunk of articles on a worker, with that worker's Engine (built on its first
    chunk, kept for the next). None stands for an InputError that stayed in the client."""
    try:
        configure(rules, builtin)
        if _uses_engine(work):
            engine()
    except BaseException as e:  # noqa: BLE001  (bad rules on a worker: every article says so)
        return [(True, None) if s is None else _portable(False, e) for s in srcs]
    return [(True, None) if s is None else _portable(*_apply(work, s)) for s in srcs]


def _failure(src: Source, exc: BaseException, catch: bool) -> InputError:
    if not catch:
        raise exc
    return InputError(f"{src.origin}: could not be processed ({type(exc).__name__}: {exc})")


# --- the batch --------------------------------------------------------------------------------

class Run(Iterator):
    """The results of `process`, in input order; `summary` counts what has been delivered so far
    and is final once the iteration ends."""

    def __init__(self, gen_factory: Callable[["Run"], Iterator]) -> None:
        self.summary = Summary()
        self._gen = gen_factory(self)

    def __iter__(self) -> "Run":
        return self

    def __next__(self):
        return next(self._gen)

    def close(self) -> None:
        """Stop early (and shut the workers down)."""
        self._gen.close()


def process(sources: Iterable[Source | InputError], work: Work = extract_dict, workers: int = 1,
            progress: bool = False, *, rules: Sequence[str | os.PathLike] = (), builtin: bool = True,
            chunksize: int | None = None, window: int | None = None, catch: bool = False,
            start_method: str | None = None, dask: Any = None) -> Run:
    """Apply ``work`` to every Source; yield its dict, or the InputError, in input order.

    ``workers`` > 1 runs on that many processes (0 or less: one per CPU). ``rules``/``builtin``
    say which rules `engine()` uses in every process. ``catch`` turns an exception raised by
    ``work`` into an InputError in that article's place instead of stopping the batch.
    ``chunksize`` articles go to a worker at a time (default 8; 32 on Dask, whose tasks cost more).
    ``window`` bounds the articles read ahead (default: 4 chunks per worker). ``start_method``
    ("fork", "spawn", "forkserver") overrides the platform's default for the worker processes.
    ``dask`` runs on a Dask cluster instead: a scheduler address, "local" or "local:N" (a
    LocalCluster), or a `cluster.Session`; with ``progress`` Dask's bar is drawn instead of ours.
    """
    if dask is None and (workers is None or workers <= 0):
        workers = os.cpu_count() or 1
    chunksize = max(1, int(chunksize or (DASK_CHUNK if dask is not None else 8)))
    rule_dirs = tuple(os.fspath(r) for r in rules)

    def gen(run: Run) -> Iterator[dict | InputError]:
        summary = run.summary
        started = time.perf_counter()
        bar = _Progress(progress and dask is None, summary, started)
        try:
            if dask is not None:
                yield from _on_dask(sources, work, dask, rule_dirs, builtin, chunksize, window, catch,
                                    summary, bar, started, progress)
            elif workers == 1:
                yield from _serial(sources, work, rule_dirs, builtin, catch, summary, bar, started)
            else:
                yield from _parallel(sources, work, workers, rule_dirs, builtin, chunksize,
                                     window or chunksize * workers * 4, catch, summary, bar, started,
                                     start_method)
        finally:
            summary.seconds = time.perf_counter() - started
            bar.close()

    return Run(gen)


def _serial(sources, work, rule_dirs, builtin, catch, summary: Summary, bar: _Progress, started: float):
    configure(rule_dirs, builtin)
    for item in sources:
        ok, out = (True, None) if isinstance(item, InputError) else _apply(work, item)
        yield account(item, ok, out, catch, summary, bar, started)


def account(item: Source | InputError, ok: bool, out: Any, catch: bool, summary: Summary, bar,
            started: float) -> Any:
    """One result, as every executor (one process, a Pool, a Dask cluster) delivers it: an
    InputError passes through, a failed article becomes one (``catch``) or raises, and the
    summary counts it. One function, so the three executors cannot count differently."""
    if isinstance(item, InputError):
        summary.errors += 1
        out = item
    elif ok:
        summary.articles += 1
        summary.bytes += _size(item)
    else:
        out = _failure(item, out, catch)
        summary.errors += 1
    summary.seconds = time.perf_counter() - started
    bar.tick()
    return out


def _size(src: Source) -> int:
    try:
        return len(src.text.encode("utf-8", "surrogatepass"))
    except Exception:  # noqa: BLE001
        return len(src.text)


def _parallel(sources, work, workers, rule_dirs, builtin, chunksize, window, catch,
              summary: Summary, bar: _Progress, started: float, start_method: str | None):
    import multiprocessing as mp

    ctx = mp.get_context(start_method)
    window = max(window, chunksize * 2)
    configure(rule_dirs, builtin)
    if _uses_engine(work):
        # rule errors surface here, once; under fork the workers inherit the Engine (and the
        # remembered lemmas) instead of building their own
        engine()
        if ctx.get_start_method() == "fork":
            warm_up()
    slots = threading.BoundedSemaphore(window)
    held: dict[int, Source | InputError] = {}   # sequence number -> item, until its result is out
    stop = threading.Event()
    feed_error: list[BaseException] = []

    def feed() -> Iterator[Source | None]:
        # Runs on the Pool's task-handler thread: it blocks on `slots`, so reading stays at most
        # `window` articles ahead of what the caller has consumed.
        try:
            for n, item in enumerate(sources):
                while not slots.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                held[n] = item
                yield None if isinstance(item, InputError) else item
        except BaseException as e:  # noqa: BLE001  (re-raised in the caller, in order)
            feed_error.append(e)

    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(rule_dirs, builtin, work))
    try:
        n = 0
        for ok, out in pool.imap(_run_one, feed(), chunksize):
            item = held.pop(n)
            n += 1
            slots.release()
            yield account(item, ok, out, catch, summary, bar, started)
        if feed_error:
            raise feed_error[0]
        pool.close()
    finally:
        stop.set()
        pool.terminate()
        pool.join()


def _on_dask(sources, work, dask, rule_dirs, builtin, chunksize, window, catch,
             summary: Summary, bar: _Progress, started: float, progress: bool):
    """The Dask executor: chunks of articles as tasks, results in input order, counted by
    `account` as on one machine; InputErrors stay here, in their place."""
    from . import cluster
    configure(rule_dirs, builtin)
    session = dask if isinstance(dask, cluster.Session) else cluster.open_session(str(dask))
    wave = max(1, (window or chunksize * session.workers * 8) // chunksize)
    try:
        chunks = ((items, [None if isinstance(x, InputError) else x for x in items])
                  for items in _chunked(sources, chunksize))
        on_tty = progress and sys.stderr is not None and sys.stderr.isatty()
        for items, results in cluster.ordered_results(session, _run_chunk, chunks, (work, rule_dirs, builtin),
                                                      wave=wave, progress=on_tty):
            for item, (ok, out) in zip(items, results):
                yield account(item, ok, out, catch, summary, bar, started)
    finally:
        if session.owned:
            session.close()


def _chunked(items: Iterable, n: int) -> Iterator[list]:
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
