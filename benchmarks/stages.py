"""Where the time of one read goes, stage by stage: `python -m benchmarks.stages [shape] [calls]`.

The ratio table says how far a target is; this says which stage holds the time. Each stage is
timed alone on the output of the one before it (best of 7 samples of `calls` calls), for the
numbers-only engine and for all built-in rules, with the first layer's reused Drafts kept (warm)
and forgotten before each call (fresh). Stages: normalize, tokenize, each layer's scan (with the
collapse that builds its view), building the Mention objects, facts, checks; then hazm's
Normalizer on the same text for scale.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import rasti
from rasti.read.matcher import Context, _absorb
from rasti.ruleset import builtin_rules_dir
from rasti.read.text import normalize

from .shapes import PUBLISHED, SHAPES


def best(fn: Callable[[], object], calls: int, samples: int = 7) -> float:
    """Best per-call seconds over `samples` runs of `calls` calls (after one warm-up call)."""
    fn()
    out = []
    for _ in range(samples):
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        out.append((time.perf_counter() - t) / calls)
    return min(out)


def stages(engine: rasti.Engine, text: str, calls: int, fresh: bool) -> list[tuple[str, float]]:
    m = engine.ruleset.matcher
    forget = m.drafts.clear if fresh else (lambda: None)
    t = normalize(text)
    tokens = m.tokenize(t.normalized)
    ctx = Context(PUBLISHED, m.names)
    rows = [("normalize", best(lambda: normalize(text), calls)),
            ("tokenize", best(lambda: m.tokenize(t.normalized), calls))]

    def scan0() -> list:
        forget()
        return m.scan(0, tokens, t.normalized, ctx)
    final = scan0()
    rows.append((f"scan layer 1 ({len(final)} found)", best(scan0, calls)))
    for k in range(1, len(m.layers)):
        view, index = m._collapse(tokens, final)
        rows.append((f"collapse for layer {k + 1}", best(lambda: m._collapse(tokens, final), calls)))
        chosen = m.scan(k, view, t.normalized, ctx)
        rows.append((f"scan layer {k + 1} ({len(chosen)} found)",
                     best(lambda: m.scan(k, view, t.normalized, ctx), calls)))
        if chosen:
            final = _absorb(final, [(index[s], index[e], r, d) for s, e, r, d in chosen])

    def analyze() -> object:
        forget()
        return m.analyze(t, PUBLISHED)
    whole = best(analyze, calls)
    rows.append(("mention objects (the rest of analyze)", whole - sum(s for _, s in rows)))
    mentions, tokens2, spans = m.analyze(t, PUBLISHED)
    rows.append(("facts", best(lambda: engine.facts.build(t, mentions, tokens2, spans, PUBLISHED), calls)))
    if engine.ruleset.checks is not None:
        art = engine.read(text, published=PUBLISHED)
        rows.append(("checks", best(lambda: engine.check(art), calls)))
    return rows


def main(argv: list[str]) -> None:
    shape = argv[0] if argv else "article_4k"
    calls = int(argv[1]) if len(argv) > 1 else 100
    text = SHAPES[shape]
    from hazm import Normalizer
    norm = Normalizer()
    hazm = best(lambda: norm.normalize(text), calls)
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(builtin_rules_dir() / "numbers.rules", Path(d) / "numbers.rules")
        engines = {"numbers.rules alone": rasti.Engine([d], builtin=False), "all built-in rules": rasti.Engine()}
        print(f"{shape}: {len(text)} chars; hazm.Normalizer().normalize {hazm * 1e6:.0f} us")
        for name, engine in engines.items():
            for fresh in (False, True):
                rows = stages(engine, text, calls, fresh)
                total = sum(s for _, s in rows)
                print(f"\n{name}, Drafts {'fresh' if fresh else 'warm'}: {total * 1e6:.0f} us = {total / hazm:.3f}x hazm")
                for label, s in rows:
                    print(f"  {label:40} {s * 1e6:8.0f} us  {s / hazm:6.3f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
