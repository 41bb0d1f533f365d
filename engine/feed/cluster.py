"""Dask (dask.distributed) as a third executor of the batch, for archives past one machine:

    rasti check archive.jsonl --dask local                  a LocalCluster on this machine
    rasti check archive.jsonl --dask tcp://scheduler:8786   a running cluster

This module knows Dask and nothing of rasti's work: `open_session` connects (or starts a
LocalCluster), `ordered_results` submits chunks of articles in waves and yields their results in
input order, drawing Dask's own progress bar on stderr. What a chunk is and how its results are
counted is batch.py's (the same accounting as one process and a Pool). Dask is an optional extra
(`pip install "rasti[dask]"`): without it `open_session` raises one clear `InputError`.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Callable

from ..errors import InputError

INSTALL = 'needs Dask, an optional extra: pip install "rasti[dask]"'


def require_dask() -> None:
    """Raise the one-line InputError when dask.distributed cannot be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        raise InputError(f"--dask {INSTALL} ({e})") from None


@dataclass
class Session:
    """A Dask client, and the LocalCluster it started (``--dask local``), closed together."""
    client: Any
    address: str
    cluster: Any = None
    owned: bool = True                         # closed when the run that uses it ends
    _closed: bool = field(default=False, repr=False)

    @property
    def workers(self) -> int:
        """Threads the cluster has now (a wave keeps each of them busy several times over)."""
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:  # noqa: BLE001
            return 1

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def local_workers(address: str) -> int | None:
    """The worker processes ``local`` (one per CPU) or ``local:N`` asks for; None for a scheduler address."""
    if address == "local":
        return os.cpu_count() or 1
    head, _, n = address.partition(":")
    if head != "local":
        return None
    if not n.isdigit() or int(n) < 1:
        raise InputError(f"--dask {address}: say local, local:N (N worker processes) or a scheduler address")
    return int(n)


def open_session(address: str) -> Session:
    """Connect to ``address`` (a scheduler, tcp://host:8786), or start a LocalCluster for
    ``local`` (one worker process per CPU) or ``local:N``: one thread each, no dashboard.
    A failure is one InputError naming the address, never a traceback."""
    require_dask()
    n = local_workers(address)
    from distributed import Client, LocalCluster
    try:
        if n is not None:
            with warnings.catch_warnings():     # «Port 8787 is already in use»: its HTTP server moves, as it says
                warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            return Session(Client(cluster), address, cluster)
        return Session(Client(address, timeout=_timeout()), address)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001  (OSError, TimeoutError, a bad address: one line)
        raise InputError(f"--dask {address}: cannot connect to the Dask scheduler ({type(e).__name__}: {e})") from None


def _timeout() -> float:
    try:
        return float(os.environ.get("RASTI_DASK_TIMEOUT", "10"))
    except ValueError:
        return 10.0


def ordered_results(session: Session, task: Callable, chunks: Iterable[tuple[Any, Any]], args: tuple = (),
                    wave: int | None = None, progress: bool = False) -> Iterator[tuple[Any, Any]]:
    """(chunk, task(payload, *args)) for each (chunk, payload) of ``chunks``, in input order.

    Chunks go to the cluster in waves of ``wave`` tasks (default: 8 per worker thread), so a huge
    input is never all in the scheduler's memory; the next wave is submitted as soon as the
    current one starts being delivered, so the workers do not wait at a wave's end. With
    ``progress`` Dask's progress bar follows each wave on stderr (it tracks a fixed set of tasks).
    """
    client = session.client
    wave = max(1, wave or 8 * session.workers)
    it = iter(chunks)

    def submit() -> list[tuple[Any, Any]]:
        batch = list(islice(it, wave))
        return [(chunk, client.submit(task, payload, *args, pure=False)) for chunk, payload in batch]

    current = submit()
    while current:
        upcoming = submit()             # in flight while this wave is delivered
        bar = _bar_thread([f for _, f in current], client) if progress else None
        try:
            try:
                results = client.gather([f for _, f in current])     # one round trip a wave, not one a task
            except Exception as e:  # noqa: BLE001  (a task never raises: this is the cluster failing)
                raise InputError(f"--dask {session.address}: the cluster failed ({type(e).__name__}: {e})") from None
            for (chunk, _), result in zip(current, results):
                yield chunk, result
        finally:
            if bar is not None:
                bar.join()
        current = upcoming


def _bar_thread(futures: list, client: Any) -> threading.Thread:
    """Dask's text progress bar for these futures, drawn on stderr from a thread of its own."""
    from distributed.diagnostics import progressbar

    class StderrBar(progressbar.TextProgressBar):
        """TextProgressBar writes to stdout, where the command's output goes: same bar, stderr."""

        def _draw_bar(self, remaining, all, **kwargs):
            frac = (1 - remaining / all) if all else 1.0
            sys.stderr.write("\r[{0:<{1}}] | {2}% Completed | {3}".format(
                "#" * int(self.width * frac), self.width, int(100 * frac), progressbar.format_time(self.elapsed)))
            sys.stderr.flush()

        def _draw_stop(self, **kwargs):
            sys.stderr.write("\33[2K\r")
            sys.stderr.flush()

    def run() -> None:
        try:
            StderrBar(futures, scheduler=client.scheduler.address, complete=True)
        except Exception:  # noqa: BLE001  (a bar that cannot be drawn never stops the run)
            pass

    t = threading.Thread(target=run, name="rasti-dask-progress", daemon=True)
    t.start()
    return t
