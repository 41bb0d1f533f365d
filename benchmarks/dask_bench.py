"""Measure Dask against `--workers N` (issue 20 item 4). A script, not a test: nothing asserts a speed.

    python benchmarks/dask_bench.py throughput /work/shared/real-news/articles.jsonl --repeat 4
    python benchmarks/dask_bench.py compare --sizes 100000 250000 1000000
    python benchmarks/dask_bench.py overhead --n 20000

throughput: `rasti check FILE --format json` over the given JSONL repeated ``--repeat`` times
(ids suffixed; the copy goes to a temporary directory, never into the repository) with
`--workers 1/2/4` and `--dask local:1/2/4`, wall time of the whole command, articles/s, and
whether the output bytes equal `--workers 1`'s; the fixed cost of starting (one article) and the
per-article overhead of Dask against the Pool with as many processes.

compare: the synthetic articles of benchmarks/test_bench_compare.py (5 facts each), made on the
Dask workers themselves (the client never holds them), their claims grouped by key with a Dask
bag shuffle and decided per group; wall time (making the claims on the workers included) and peak
RSS per worker (sampled on each worker every half second while it runs); ``--in-process`` also times
`compare_claims` in the client on the same claims (deciding only).

overhead: a work that does nothing through `--workers N` (a Pool) and a warm `local:N` cluster:
microseconds per article that are the executor's own (sending the text, ordering, counting). ``--check N`` first checks that N articles give the in-process result exactly.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RASTI = [str(Path(sys.executable).parent / "rasti")]


# --- throughput ---------------------------------------------------------------------------------

def _repeated(src: Path, times: int, out: Path) -> int:
    n = 0
    with src.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        lines = [ln for ln in f if ln.strip()]
        for k in range(times):
            for ln in lines:
                d = json.loads(ln)
                d["id"] = f"{d.get('id', n)}~{k}"
                w.write(json.dumps(d, ensure_ascii=False) + "\n")
                n += 1
    return n


def _run(args: list[str], env: dict) -> tuple[float, str, int]:
    t = time.perf_counter()
    p = subprocess.run(RASTI + args, capture_output=True, env=env)
    secs = time.perf_counter() - t
    if p.returncode not in (0, 1):
        raise SystemExit(f"rasti {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()[-500:]}")
    return secs, hashlib.sha256(p.stdout).hexdigest(), len(p.stdout)


def throughput(ns: argparse.Namespace) -> None:
    env = dict(os.environ)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        n = _repeated(Path(ns.path), ns.repeat, feed)
        one = Path(tmp) / "one.jsonl"
        _repeated(Path(ns.path), 1, Path(tmp) / "all.jsonl")
        one.write_text((Path(tmp) / "all.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        _run(["check", str(one), "--format", "json"], env)            # warm the lemma cache
        ref = None
        for label, extra in [(f"--workers {w}", ["--workers", str(w)]) for w in ns.workers] + \
                            [(f"--dask local:{w}", ["--dask", f"local:{w}"]) for w in ns.workers]:
            start, _, _ = _run(["check", str(one), "--format", "json", *extra], env)
            secs, digest, size = _run(["check", str(feed), "--format", "json", *extra], env)
            ref = ref or digest
            rows.append({"run": label, "articles": n, "seconds": round(secs, 1), "articles_per_s": round(n / secs, 1),
                         "start_s": round(start, 2), "same_bytes": digest == ref, "mb_out": round(size / 1e6, 1),
                         "load": round(os.getloadavg()[0], 1)})
            print(json.dumps(rows[-1]), flush=True)
    by = {r["run"]: r for r in rows}
    for w in ns.workers:
        pool, dask = by[f"--workers {w}"], by[f"--dask local:{w}"]
        over = ((dask["seconds"] - dask["start_s"]) - (pool["seconds"] - pool["start_s"])) / n * 1000
        print(json.dumps({"workers": w, "dask_overhead_ms_per_article": round(over, 2),
                          "dask_start_s": dask["start_s"], "pool_start_s": pool["start_s"]}), flush=True)


# --- compare through Dask -------------------------------------------------------------------------

def make_claims(part: list[int], per: int, rules, seed: int) -> list:
    """The (number, Claim) pairs of articles part[0]*per … (part[0]+1)*per - 1, made on a worker."""
    sys.path.insert(0, str(HERE.parent))
    from benchmarks.test_bench_compare import PER_STORY, _article
    from rasti.verify.compare import claims_of
    out = []
    for p in part:
        rng = random.Random(seed * 1_000_003 + p)
        for i in range(p * per, (p + 1) * per):
            a = _article(rng, i // PER_STORY, i % PER_STORY)
            out.extend(((i * 64 + j, c) for j, c in enumerate(claims_of(a, rules, i))))
    return out


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    import psutil
    return psutil.Process().memory_info().rss / 2**20


class _Sampler:
    """Each worker's RSS every half second while the run lasts: the peak seen per worker."""

    def __init__(self, client) -> None:
        import threading
        self.client, self.peak, self.stop = client, {}, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            try:
                for w, v in self.client.run(_rss_mb).items():
                    self.peak[w] = max(self.peak.get(w, 0), v)
            except Exception:  # noqa: BLE001
                pass

    def done(self) -> list[int]:
        self.stop.set()
        self.thread.join()
        return sorted(round(v) for v in self.peak.values())


def compare(ns: argparse.Namespace) -> None:
    import dask
    import dask.bag as db
    from rasti.api import Engine
    from rasti.feed.cluster import open_session
    from rasti.feed.shuffle import compare_bag
    from rasti.verify.compare import compare_claims, rules_of
    rules = rules_of(Engine())
    per = ns.per_partition
    if ns.check:
        session = open_session(f"local:{ns.dask_workers}")
        try:
            parts = ns.check // per
            claims = [c for _, c in make_claims(list(range(parts)), per, rules, ns.seed)]
            whole = compare_claims(claims, rules, story=False)
            bag = db.from_sequence(range(parts), npartitions=parts).map_partitions(
                make_claims, per, dask.delayed(rules, traverse=False), ns.seed)
            on_dask = compare_bag(bag, rules, session, story=False)
            same = json.dumps(whole.to_dict(), default=str) == json.dumps(on_dask.to_dict(), default=str)
            print(json.dumps({"check_articles": ns.check, "same_as_in_process": same}), flush=True)
        finally:
            session.close()
    for n in ns.sizes:
        session = open_session(f"local:{ns.dask_workers}")
        try:
            base = session.client.run(_rss_mb)
            parts = n // per
            sampler = _Sampler(session.client)
            t = time.perf_counter()
            bag = db.from_sequence(range(parts), npartitions=parts).map_partitions(
                make_claims, per, dask.delayed(rules, traverse=False), ns.seed)
            out = compare_bag(bag, rules, session, story=False, partitions=max(2, parts // 4))
            secs = time.perf_counter() - t
            peak = sampler.done()
            local = None
            if ns.in_process:       # the same claims decided in this process, for reference
                claims = [c for _, c in make_claims(list(range(parts)), per, rules, ns.seed)]
                t = time.perf_counter()
                compare_claims(claims, rules, story=False)
                local = round(time.perf_counter() - t, 1)
                del claims
            print(json.dumps({"articles": n, "facts": 5 * n, "workers": ns.dask_workers, "seconds": round(secs, 1),
                              "in_process_decide_s": local,
                              "claims": out.claims, "contradictions": len(out.contradictions),
                              "agreements": len(out.agreements), "updates": len(out.updates),
                              "worker_rss_start_mb": sorted(round(v) for v in base.values()),
                              "worker_peak_rss_mb": peak,
                              "client_peak_rss_mb": round(_peak_rss_mb()), "load": round(os.getloadavg()[0], 1)}),
                  flush=True)
        finally:
            session.close()


# --- the executor's own cost per article ------------------------------------------------------------

def nothing(src) -> str:
    """A work that does nothing: what is left is the executor's cost (sending, ordering, counting)."""
    return src.id


def overhead(ns: argparse.Namespace) -> None:
    """Seconds per article of each executor with a work that does nothing (no Engine built)."""
    from rasti.feed.batch import process
    from rasti.feed.cluster import open_session
    from rasti.feed.inputs import Source
    items = [Source(f"a{i}", "۲۶ موشک کروز شلیک شد. " * 40, "2015-10-07", f"x.jsonl:{i + 1}", {}) for i in range(ns.n)]
    for w in ns.workers:
        t = time.perf_counter()
        assert len(list(process(items, nothing, workers=w))) == ns.n
        pool = time.perf_counter() - t
        session = open_session(f"local:{w}")
        session.owned = False
        try:
            list(process(items[:50], nothing, dask=session))                 # workers up and warm
            t = time.perf_counter()
            assert list(process(items, nothing, dask=session, chunksize=ns.chunk)) == [x.id for x in items]
            dask_s = time.perf_counter() - t
        finally:
            session.close()
        print(json.dumps({"workers": w, "articles": ns.n, "pool_us_per_article": round(pool / ns.n * 1e6, 1),
                          "dask_us_per_article": round(dask_s / ns.n * 1e6, 1), "load": round(os.getloadavg()[0], 1)}),
              flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("path", help="a JSONL of articles (read only)")
    t.add_argument("--repeat", type=int, default=4)
    t.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    c = sub.add_parser("compare")
    c.add_argument("--sizes", type=int, nargs="+", default=[100_000, 250_000, 1_000_000])
    c.add_argument("--dask-workers", type=int, default=2)
    c.add_argument("--per-partition", type=int, default=5_000)
    c.add_argument("--check", type=int, default=10_000, help="articles checked equal to in-process first (0: none)")
    c.add_argument("--seed", type=int, default=7)
    c.add_argument("--in-process", action="store_true", help="also time compare_claims in the client on the same claims")
    o = sub.add_parser("overhead")
    o.add_argument("--n", type=int, default=20_000)
    o.add_argument("--chunk", type=int, default=32, help="articles per Dask task")
    o.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ns = p.parse_args()
    {"throughput": throughput, "compare": compare, "overhead": overhead}[ns.what](ns)


if __name__ == "__main__":
    main()
