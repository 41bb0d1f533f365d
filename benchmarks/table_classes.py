"""Per-class figures of the number and date tables (tests/test_number_table.py,
tests/test_date_table.py) for whichever rasti the running Python imports: run it once with the
original code's venv and once with this branch's, and compare.

    RASTI_CACHE_DIR=… python benchmarks/table_classes.py > classes.json
    python benchmarks/table_classes.py --merge before.json after.json     the Markdown table

Not a test: a row the engine gets wrong is counted, not failed.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"


def _right(fn, *args) -> bool:
    try:
        fn(*args)
    except Exception:  # noqa: BLE001 — an AssertionError or the old engine failing: the row is wrong
        return False
    return True


def measure() -> dict:
    sys.path.insert(0, str(TESTS))
    import test_date_table as D
    import test_number_table as N
    from rasti import Engine
    eng = Engine()
    rows, right = Counter(), Counter()
    for r in N.ROWS:
        key = "numbers: " + r[0].split(":")[0]
        rows[key] += 1
        right[key] += _right(N.test_number_table.__wrapped__ if hasattr(N.test_number_table, "__wrapped__")
                             else N.test_number_table, eng, *r)
    for r in D.ROWS:
        key = "dates: " + r.cls
        rows[key] += 1
        right[key] += _right(D._check, eng, r)
    return {k: [rows[k], right[k]] for k in sorted(rows)}


def merge(before: dict, after: dict) -> str:
    lines = ["| class | rows | right before | right after |", "|---|---:|---:|---:|"]
    tot = [0, 0, 0]
    for k in sorted(set(before) | set(after)):
        n = (after.get(k) or before.get(k))[0]
        b = before.get(k, [n, 0])[1]
        a = after.get(k, [n, 0])[1]
        tot = [tot[0] + n, tot[1] + b, tot[2] + a]
        lines.append(f"| {k} | {n} | {b} | {a} |")
    lines.append(f"| **all** | {tot[0]} | {tot[1]} ({100 * tot[1] / tot[0]:.1f} %) | {tot[2]} ({100 * tot[2] / tot[0]:.1f} %) |")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--merge"]:
        print(merge(*(json.loads(Path(p).read_text()) for p in sys.argv[2:4])))
    else:
        print(json.dumps(measure(), ensure_ascii=False, indent=1))
