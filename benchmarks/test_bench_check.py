"""What `check` adds to `read` (issue 5: at most 20 % on the 4 KB article).

Rows per shape (one benchmark group `check:<shape>`):
  read         `engine.read(text)`
  read+check   `engine.check(engine.read(text))` — check reuses the tokens of this thread's last read
  check        `engine.check(article)` alone, on an article read beforehand

`test_check_ratio_summary` times read and read+check interleaved in one process, prints the
ratio per shape (run with `-s`) and writes `.benchmarks/check_ratio.json`. The target is
reported as met or missed, never asserted (timings depend on the machine).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from .shapes import PUBLISHED, SHAPES
from .test_bench_read import _fresh, median_times

TARGET_SHAPE, TARGET = "article_4k", 1.20
NAMES = ["article_4k", "article_100k", "many_dates"]


@pytest.mark.parametrize("shape", NAMES)
def test_read_only(benchmark, engine, shape):
    benchmark.group = f"check:{shape}"
    art = benchmark(engine.read, SHAPES[shape], published=PUBLISHED)
    assert art.mentions


@pytest.mark.parametrize("shape", NAMES)
def test_read_and_check(benchmark, engine, shape):
    text = SHAPES[shape]
    benchmark.group = f"check:{shape}"
    art = benchmark(lambda: engine.check(engine.read(text, published=PUBLISHED)))
    benchmark.extra_info["flags"] = len(art.flags)
    benchmark.extra_info["checked"] = art.coverage.checked
    assert art.coverage is not None


@pytest.mark.parametrize("shape", NAMES)
def test_check_only(benchmark, engine, shape):
    benchmark.group = f"check:{shape}"
    art = engine.read(SHAPES[shape], published=PUBLISHED)
    out = benchmark(engine.check, art)
    assert out.coverage is not None


def test_check_ratio_summary(benchmark, request, engine):
    results = {}

    def sweep():
        for shape in NAMES:
            text = SHAPES[shape]
            med = median_times({
                "read": lambda: engine.read(text, published=PUBLISHED),
                "read+check": lambda: engine.check(engine.read(text, published=PUBLISHED)),
                "read_fresh": _fresh(engine, lambda: engine.read(text, published=PUBLISHED)),
                "read+check_fresh": _fresh(engine, lambda: engine.check(engine.read(text, published=PUBLISHED))),
            })
            results[shape] = {"median_s": med, "ratio": med["read+check_fresh"] / med["read_fresh"],
                              "ratio_warm": med["read+check"] / med["read"]}

    benchmark.group = "check:summary"
    benchmark.pedantic(sweep, rounds=1, iterations=1)
    lines = ["", "read+check / read, median per call, same process, interleaved; fresh: the reused",
             "first-layer Drafts forgotten before each call (the target is judged on fresh)", ""]
    for shape, r in results.items():
        m = r["median_s"]
        lines.append(f"{shape:14} fresh: read {m['read_fresh'] * 1e3:8.3f} ms  read+check {m['read+check_fresh'] * 1e3:8.3f} ms"
                     f"  ratio {r['ratio']:.3f}   warm: ratio {r['ratio_warm']:.3f}")
    ratio = results[TARGET_SHAPE]["ratio"]
    verdict = "target met" if ratio <= TARGET else "target missed"
    lines += ["", f"check adds at most 20 % to read on {TARGET_SHAPE}: {ratio:.3f}x  -> {verdict}"]
    print("\n".join(lines))
    out_dir = request.config.rootpath / ".benchmarks"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "check_ratio.json").write_text(json.dumps({
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "results": results, "target": {"shape": TARGET_SHAPE, "limit": TARGET, "ratio": ratio, "met": ratio <= TARGET},
    }, indent=2) + "\n", encoding="utf-8")
    benchmark.extra_info["ratio_article_4k"] = ratio
