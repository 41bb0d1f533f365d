"""`--output` survives SIGKILL (issue 19 item 5): `rasti report -o`, `rasti desk -o` and
`rasti check -o` killed at seeded random moments leave the target holding what it held before or
the whole new output, never part of it; a temporary file a killed writer leaves behind is named
for its target and its PID, and the next write of that target removes it (never a live writer's).
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasti.feed.inputs import read_inputs

ROOT = Path(__file__).resolve().parent.parent
KILLS = 10


def _env(tmp: Path) -> dict:
    return dict(os.environ, RASTI_CACHE_DIR=os.environ.get("RASTI_CACHE_DIR") or str(tmp / "cache"))


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A story directory with one JSONL of the bundled corpus's articles, repeated under new ids."""
    d = tmp_path_factory.mktemp("big") / "story"
    d.mkdir()
    texts = [s.text for s in read_inputs([str(ROOT / "corpus")]) if not isinstance(s, Exception)]
    with open(d / "big.jsonl", "w", encoding="utf-8") as f:
        for i in range(120):
            f.write(json.dumps({"id": f"k{i}", "published": "2015-10-07", "text": texts[i % len(texts)]},
                               ensure_ascii=False) + "\n")
    return d


def _argv(cmd: str, big: Path, out: Path) -> list[str]:
    return {"report": ["report", str(big), "-o", str(out)],
            "desk": ["desk", str(big), "-o", str(out)],
            "check": ["check", str(big / "big.jsonl"), "--fail-on", "never", "-q", "-o", str(out)]}[cmd]


def _run(argv: list[str], tmp: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rasti", *argv], env=_env(tmp), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _stale(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.name.endswith(".tmp"))


def test_a_killed_writer_never_leaves_half_a_file(big, tmp_path):
    rng = random.Random(19)
    refs, took, outs = {}, {}, {}
    for cmd in ("report", "desk", "check"):            # the whole output of each, and how long it takes
        outs[cmd] = tmp_path / f"{cmd}.out"
        ref = tmp_path / f"{cmd}.ref"
        t0 = time.monotonic()
        assert _run(_argv(cmd, big, ref), tmp_path).wait(timeout=600) == 0
        took[cmd] = time.monotonic() - t0
        refs[cmd] = ref.read_bytes()
    assert refs["report"].endswith(b"</html>\n") and b" articles: " in refs["desk"]
    outcomes = {"before": 0, "whole": 0}
    for k in range(KILLS):
        cmd = ("report", "desk", "check")[k % 3]
        out = outs[cmd]
        before = out.read_bytes() if out.exists() else None
        p = _run(_argv(cmd, big, out), tmp_path)
        time.sleep(rng.uniform(0.05, 1.1) * took[cmd])      # a moment anywhere in the run (or just after)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        now = out.read_bytes() if out.exists() else None
        assert now in (before, refs[cmd]), f"kill {k} ({cmd}): {len(now or b'')} bytes, neither old nor whole"
        outcomes["before" if now == before else "whole"] += 1
    print(f"{KILLS} kills: {outcomes}")
    for cmd, out in outs.items():                         # a clean run: whole output, no temporary left
        assert _run(_argv(cmd, big, out), tmp_path).wait(timeout=600) == 0
        assert out.read_bytes() == refs[cmd]
        assert _stale(out) == []


CHILD = r"""
import os, sys, time
from rasti.report import write_output
real = os.fsync
def stall(fd):
    real(fd)
    sys.stdout.write("written\n"); sys.stdout.flush()
    time.sleep(600)                          # killed here: after the temporary file, before os.replace
os.fsync = stall
write_output("<html>new</html>\n", sys.argv[1])
"""


def test_the_next_write_removes_a_killed_writers_temporary_file(tmp_path):
    from rasti.report import write_output
    out = tmp_path / "report.html"
    out.write_text("<html>old</html>\n", encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-c", CHILD, str(out)], stdout=subprocess.PIPE, text=True, env=_env(tmp_path))
    assert p.stdout.readline() == "written\n"
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=60)
    left = _stale(out)
    assert len(left) == 1 and f".report.html.{p.pid}." in left[0]       # named for its target and writer
    assert out.read_text(encoding="utf-8") == "<html>old</html>\n"
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        busy = tmp_path / f".report.html.{live.pid}.abcd_123.tmp"      # a live writer's: kept
        busy.write_text("partial", encoding="utf-8")
        other = tmp_path / f".other.html.{p.pid}.abcd_123.tmp"         # another target's: kept
        other.write_text("partial", encoding="utf-8")
        assert write_output("<html>new</html>\n", out)
        assert out.read_text(encoding="utf-8") == "<html>new</html>\n"
        assert _stale(out) == [busy.name] and other.exists()
    finally:
        live.kill()
        live.wait()
