"""The package's shape: one subpackage per pipeline stage, imports that only go down the
pipeline, and modules and functions small enough to hold in mind (README: Layout).

Every import counts, the ones inside functions too: a lazy import is still a dependency, and a
cycle through one is a cycle a reader has to untangle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"
PKG = "rasti"

# The stages from the bottom up: a stage may import the ones before it, never one after it.
# The foundation (errors, model, cachefiles) sits below every stage; the front ends (api, feed's
# batch runner, corpus, report, serve, cli) sit above the library stages, and the package's face
# (`rasti/__init__`: Engine, read, load) re-exports from the top.
STAGES = ["foundation", "lang", "read", "claims", "verify", "ruleset", "store", "api",
          "feed", "corpus", "report", "serve", "cli", "face"]
FOUNDATION = {"errors", "model", "cachefiles", "version"}
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
TABLE_DRIVEN = "# table-driven"   # a function whose body is a table says so on its `def` line


def _module_name(path: Path) -> str:
    rel = path.relative_to(ENGINE).with_suffix("")
    parts = [PKG, *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports (anywhere in its body)."""
    is_pkg = path.name == "__init__.py"
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                root = base[: len(base) - node.level + 1]
                mod = ".".join(root + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {n: _imports(n, p, known) for n, p in mods.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "face"
    top = parts[1]
    if top in FOUNDATION:
        return "foundation"
    if top in ("api", "__main__"):
        return "api" if top == "api" else "cli"
    return top


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, or None (depth-first search with colours)."""
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        colour[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if colour.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if not colour.get(m):
                found = visit(m)
                if found:
                    return found
        stack.pop()
        colour[n] = 2
        return None

    for n in sorted(graph):
        if not colour.get(n):
            found = visit(n)
            if found:
                return found
    return None


def test_the_import_walk_sees_lazy_and_relative_imports():
    g = _graph()
    assert "rasti.read.matcher" in g["rasti.read.dates"]          # from .matcher import …
    assert "rasti.api" in g["rasti.cli.common"]                    # an import inside a function
    assert "rasti.verify.checks" in g["rasti.ruleset"]             # from ..verify import checks


def test_cycle_finder_finds_a_planted_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_between_modules():
    assert _cycle(_graph()) is None


def test_every_stage_imports_only_the_stages_below_it():
    bad = []
    for mod, deps in _graph().items():
        s = _stage(mod)
        assert s in STAGES, f"{mod}: stage {s!r} is not in the layout (README: Layout)"
        for d in deps:
            if _stage(d) != s and STAGES.index(_stage(d)) > STAGES.index(s):
                bad.append(f"{mod} ({s}) imports {d} ({_stage(d)})")
    assert not bad, "\n".join(bad)


def test_library_stages_get_what_they_need_passed_in():
    """No stage below the api reaches back up for a process-wide engine."""
    for mod, path in _modules().items():
        if STAGES.index(_stage(mod)) < STAGES.index("api"):
            assert "default_engine" not in path.read_text(encoding="utf-8"), mod


def test_no_module_is_longer_than_a_reader_can_hold():
    long = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in _modules().items()}
    assert not {n: k for n, k in long.items() if k > MAX_MODULE_LINES}


def test_no_function_is_longer_than_a_screenful_unless_it_is_a_table():
    long = []
    for name, path in _modules().items():
        src = path.read_text(encoding="utf-8")
        lines = src.splitlines()
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES and TABLE_DRIVEN not in lines[node.lineno - 1]:
                    long.append(f"{name}.{node.name}: {n} lines")
    assert not long, "\n".join(long)


@pytest.mark.parametrize("stage", [s for s in STAGES if s not in ("foundation", "api", "face")])
def test_each_stage_is_a_subpackage(stage):
    assert (ENGINE / stage / "__init__.py").is_file()


def test_every_subpackage_is_installed():
    """pyproject lists packages by hand: a subpackage missing there is missing from the wheel."""
    text = (ENGINE.parent / "pyproject.toml").read_text(encoding="utf-8")
    for init in ENGINE.rglob("__init__.py"):
        assert f'"{_module_name(init)}"' in text, _module_name(init)
