"""Rule loading, measured apart from the hot path: what a process pays once, before any read."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import rasti
import rasti.ruleset

from .shapes import PUBLISHED, SHAPES

_COLD = r"""
import json, time
t0 = time.perf_counter()
import rasti.ruleset
t1 = time.perf_counter()
rs = rasti.ruleset.load()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "rules": len(rs.rules)}))
"""


@pytest.mark.benchmark(group="load")
def test_load_rules(benchmark):
    """`rasti.ruleset.load()` in a warm process (parsed modules and `re`'s pattern cache warm)."""
    rs = benchmark(rasti.ruleset.load)
    benchmark.extra_info["rules"] = len(rs.rules)
    assert rs.rules


@pytest.mark.benchmark(group="load")
def test_load_rules_cold_process(benchmark):
    """A fresh interpreter: import + first `load()`, i.e. what the CLI pays per invocation."""
    runs: list[dict] = []

    def cold():
        out = subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(cold, rounds=3, iterations=1)
    best = min(runs, key=lambda r: r["load_s"])
    benchmark.extra_info.update({"import_s": best["import_s"], "load_s": best["load_s"]})
    print(f"\ncold process: import rasti {best['import_s'] * 1e3:.1f} ms, "
          f"first load() {best['load_s'] * 1e3:.1f} ms ({best['rules']} rules)")


@pytest.mark.benchmark(group="load")
def test_first_read_after_load(benchmark):
    """The first `read` on a new Engine (its tokenizer cache empty), Engine construction excluded."""
    text = SHAPES["article_4k"]
    benchmark.pedantic(lambda e: e.read(text, published=PUBLISHED),
                       setup=lambda: ((rasti.Engine(),), {}), rounds=5, iterations=1)
