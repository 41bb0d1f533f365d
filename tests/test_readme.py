"""Every Python snippet in README.md runs, and prints what its comments say (issue: everyday use:
a README call that raises is a first try blocked)."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _snippets() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _BLOCK.finditer(text)]


def _expected(code: str) -> list[str]:
    """The part before «…» of each `print(…)  # comment`: what the output must show."""
    out = []
    for line in code.splitlines():
        if "print(" in line and "#" in line:
            want = line.split("#", 1)[1].split("…")[0].strip()
            if want:
                out.append(want)
    return out


def test_readme_has_python_snippets():
    assert len(_snippets()) >= 2


@pytest.mark.parametrize("line, code", _snippets(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_readme_snippet_runs_and_prints_what_it_says(line, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README.md:{line}", "exec"), {})
    printed = " ".join(out.getvalue().split())
    for want in _expected(code):
        assert " ".join(want.split()) in printed, f"README.md:{line}: {want!r} not in {printed[:300]!r}"


def test_readme_test_command_is_what_ci_runs():
    """README's second command and .ci/run install the same extras and run the same pytest: a
    change to one (an extra for a new optional feature) is a change to both."""
    first = re.search(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1).splitlines()
    ci = [line for line in (README.parent / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if "pytest" in line and not line.startswith("#")]
    assert len(first) == 2 and len(ci) == 1
    extras = lambda line: re.findall(r'"\.\[[^\]]*\]"', line)  # noqa: E731
    assert extras(first[1]) == extras(ci[0]) == ['".[test,serve]"']
    assert first[1].endswith("&& python -m pytest") and ci[0].endswith("&& python -m pytest")
