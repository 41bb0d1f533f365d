"""Wall-clock growth on the pathological shapes (issue: reliability): the figure that
tests/test_robustness.py no longer asserts. tests/ proves linear growth by counting calls; here
the same shapes are timed at N and 4N and the ratio is reported (`extra_info["growth"]`, and a
summary line with `-s`). A ratio near 4 is linear; nothing here fails on a slow machine."""
from __future__ import annotations

import pytest

DIGITS = "۱۲۳۴۵۶۷۸۹۰"
SHAPES = {
    "digits": (lambda n: "".join(DIGITS[i % 10] for i in range(n)), 50_000),
    "number-word-chain": (lambda n: " و ".join(["بیست و شش هزار"] * n), 10_000),
    "number-words": (lambda n: " و ".join(["هفت"] * n), 25_000),
    "ranges": (lambda n: " ".join(["از ۱۰ مهر تا ۱۵ مهر"] * n), 2_500),
    "zwnj": (lambda n: "\u200c" * n, 50_000),
    "brackets": (lambda n: "(" * n + "۲۶ موشک" + ")" * n, 20_000),
}
_TIMES: dict[str, dict[int, float]] = {}


@pytest.mark.parametrize("scale", [1, 4])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_growth(benchmark, engine, shape, scale):
    make, n = SHAPES[shape]
    text = make(n * scale)
    benchmark.group = f"growth {shape}"
    benchmark.pedantic(engine.read, args=(text,), rounds=3, iterations=1, warmup_rounds=1)
    _TIMES.setdefault(shape, {})[scale] = benchmark.stats.stats.min
    t = _TIMES[shape]
    if 1 in t and 4 in t:
        benchmark.extra_info["growth"] = round(t[4] / t[1], 2)
        print(f"\n{shape}: {t[1] * 1e3:.1f} ms -> {t[4] * 1e3:.1f} ms for 4x the input: {t[4] / t[1]:.2f}x")
