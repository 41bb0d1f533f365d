"""The hot path, per input shape: our normalization, a full read, and hazm's Normalizer for scale.

Each shape is one benchmark group holding five rows:
  normalize   `rasti.text.normalize(text)` alone
  numbers     `engine.mentions(text)` with rules/numbers.rules only (normalize + numbers)
  mentions    `engine.mentions(text)` with all built-in rules (normalize + numbers + dates …)
  read        `engine.read(text)`: mentions plus everything read builds on them (facts)
  hazm        `hazm.Normalizer().normalize(text)`

`test_ratio_summary` then times the same calls in this one process, interleaved, and prints the
ratios ours / hazm (run with `-s`); it writes them to `.benchmarks/ratios.json`. The targets from
the issues are reported as met or missed, never asserted.
"""
from __future__ import annotations

import gc
import json
import platform
import statistics
import time
from datetime import datetime, timezone
from typing import Callable

import pytest

from rasti.text import normalize

from .shapes import PUBLISHED, SHAPES, describe

NAMES = list(SHAPES)
ROWS = ("normalize", "numbers", "mentions", "read")  # ours, each compared with hazm

# (shape, row, limit): the issues' targets, as a fraction of hazm's time.
TARGETS = [
    ("article_4k", "numbers", 0.3, "normalize + numbers <= 0.3x hazm"),
    ("article_4k", "mentions", 0.4, "normalize + numbers + dates <= 0.4x hazm"),
]


def _size(text: str) -> dict:
    return {"chars": len(text), "bytes": len(text.encode())}


@pytest.mark.parametrize("shape", NAMES)
def test_normalize(benchmark, shape):
    text = SHAPES[shape]
    benchmark.group = shape
    benchmark.extra_info.update(_size(text))
    out = benchmark(normalize, text)
    assert out.original == text


@pytest.mark.parametrize("shape", NAMES)
def test_read(benchmark, engine, shape):
    text = SHAPES[shape]
    benchmark.group = shape
    benchmark.extra_info.update(_size(text))
    art = benchmark(engine.read, text, published=PUBLISHED)
    benchmark.extra_info["mentions"] = len(art.mentions)
    assert art.mentions


@pytest.mark.parametrize("shape", NAMES)
def test_numbers(benchmark, numbers_engine, shape):
    text = SHAPES[shape]
    benchmark.group = shape
    benchmark.extra_info.update(_size(text))
    found = benchmark(numbers_engine.mentions, text, published=PUBLISHED)
    benchmark.extra_info["mentions"] = len(found)


@pytest.mark.parametrize("shape", NAMES)
def test_mentions(benchmark, engine, shape):
    text = SHAPES[shape]
    benchmark.group = shape
    benchmark.extra_info.update(_size(text))
    found = benchmark(engine.mentions, text, published=PUBLISHED)
    benchmark.extra_info["mentions"] = len(found)


@pytest.mark.parametrize("shape", NAMES)
def test_hazm(benchmark, hazm_normalizer, shape):
    text = SHAPES[shape]
    benchmark.group = shape
    benchmark.extra_info.update(_size(text))
    out = benchmark(hazm_normalizer.normalize, text)
    assert out


# -- the same-process ratio summary ----------------------------------------------------------

def _per_call(fn: Callable[[], object], min_sample: float = 0.002) -> tuple[int, float]:
    """How many calls make one sample of at least `min_sample` seconds, and a first per-call time."""
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t
        if dt >= min_sample:
            return n, dt / n
        n *= 2


def median_times(fns: dict[str, Callable[[], object]], budget: float = 1.5,
                 min_rounds: int = 7, max_rounds: int = 301) -> dict[str, float]:
    """Median seconds per call of each function, sampled in interleaved rounds.

    Interleaving (a, b, c, a, b, c, …) exposes every function to the same machine state, so the
    ratios hold even when the machine's speed drifts during the run.
    """
    for f in fns.values():  # warm caches (tokenizer memo, regex caches) before timing
        f()
    plan = {k: _per_call(f) for k, f in fns.items()}
    round_cost = sum(n * t for n, t in plan.values())
    rounds = max(min_rounds, min(max_rounds, int(budget / max(round_cost, 1e-9))))
    samples: dict[str, list[float]] = {k: [] for k in fns}
    gc.collect()
    for _ in range(rounds):
        for k, f in fns.items():
            n = plan[k][0]
            t = time.perf_counter()
            for _ in range(n):
                f()
            samples[k].append((time.perf_counter() - t) / n)
    return {k: statistics.median(v) for k, v in samples.items()}


def _fmt(seconds: float) -> str:
    return f"{seconds * 1e3:9.3f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:9.1f} us"


def test_ratio_summary(benchmark, request, engine, numbers_engine, hazm_normalizer):
    """Median time of our calls vs hazm on every shape, same process; prints and saves the ratios."""
    results: dict[str, dict] = {}

    def sweep():
        for shape in NAMES:
            text = SHAPES[shape]
            med = median_times({
                "normalize": lambda: normalize(text),
                "numbers": lambda: numbers_engine.mentions(text, published=PUBLISHED),
                "mentions": lambda: engine.mentions(text, published=PUBLISHED),
                "read": lambda: engine.read(text, published=PUBLISHED),
                "hazm": lambda: hazm_normalizer.normalize(text),
            })
            results[shape] = {
                **_size(text),
                "median_s": med,
                "ratio_vs_hazm": {k: med[k] / med["hazm"] for k in ROWS},
                "mentions": len(engine.read(text, published=PUBLISHED).mentions),
            }

    # One round: the sweep itself is the measurement; the benchmark fixture keeps this test
    # running under --benchmark-only.
    benchmark.group = "summary"
    benchmark.pedantic(sweep, rounds=1, iterations=1)

    targets = []
    for shape, row, limit, label in TARGETS:
        ratio = results[shape]["ratio_vs_hazm"][row]
        targets.append({"shape": shape, "row": row, "limit": limit, "ratio": ratio,
                        "met": ratio <= limit, "label": label})

    lines = [
        "",
        "median time per call, same process, interleaved; ratio = ours / hazm.Normalizer().normalize",
        "",
        f"{'time':14} {'bytes':>8} {'hazm':>12}" + "".join(f" {k:>12}" for k in ROWS),
    ]
    for shape, r in results.items():
        m = r["median_s"]
        lines.append(f"{shape:14} {r['bytes']:8} {_fmt(m['hazm'])}" + "".join(f" {_fmt(m[k])}" for k in ROWS))
    lines += ["", f"{'ours / hazm':14} {'mentions':>8} {'':>12}" + "".join(f" {k:>12}" for k in ROWS)]
    for shape, r in results.items():
        q = r["ratio_vs_hazm"]
        lines.append(f"{shape:14} {r['mentions']:8} {'':>12}" + "".join(f" {q[k]:11.3f}x" for k in ROWS))
    lines.append("")
    for t in targets:
        verdict = "target met" if t["met"] else "target missed"
        lines.append(f"{t['label']:42} on {t['shape']}: {t['ratio']:.3f}x  -> {verdict}")
    print("\n".join(lines))

    out_dir = request.config.rootpath / ".benchmarks"
    out_dir.mkdir(exist_ok=True)
    payload = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "shapes": {name: {"chars": c, "bytes": b} for name, c, b in describe()},
        "results": results,
        "targets": targets,
    }
    (out_dir / "ratios.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    benchmark.extra_info["ratios_read_vs_hazm"] = {k: v["ratio_vs_hazm"]["read"] for k, v in results.items()}
