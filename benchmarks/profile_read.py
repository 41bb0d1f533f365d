"""Profile the hot path: `python -m benchmarks.profile_read [shape] [repeats] [top]`.

Builds the Engine first (rule loading is not the hot path), then profiles `engine.read` on one
shape repeated, and prints the top functions by own time and by cumulative time.
"""
from __future__ import annotations

import cProfile
import pstats
import sys

import rasti

from .shapes import PUBLISHED, SHAPES


def main(argv: list[str]) -> None:
    shape = argv[0] if argv else "article_4k"
    repeats = int(argv[1]) if len(argv) > 1 else 300
    top = int(argv[2]) if len(argv) > 2 else 10
    engine = rasti.Engine()
    text = SHAPES[shape]
    engine.read(text, published=PUBLISHED)  # warm the tokenizer cache, as a long-running reader is
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(repeats):
        engine.read(text, published=PUBLISHED)
    prof.disable()
    print(f"engine.read({shape}) x {repeats}")
    for key in ("tottime", "cumtime"):
        pstats.Stats(prof).strip_dirs().sort_stats(key).print_stats(top)


if __name__ == "__main__":
    main(sys.argv[1:])
