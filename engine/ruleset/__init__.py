"""Load rule files (built-in, then user directories), compile them, and report every error at once."""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..lang import syntax as S
from ..read.compiler import CompiledLexicon, CompiledRule, Compiler
from ..errors import RuleError, RuleFileError
from ..lang.grammar import parse_rule_file
from ..read.matcher import Matcher
from ..read import dates  # noqa: F401  (registers the date productions)
from ..read import dateline  # noqa: F401  (registers the dateline production)
from ..read import quantities  # noqa: F401
from ..verify import checks as _checks  # registers the `check` block kind; compiles check blocks
from ..claims.frames import FrameSet, compile_frames
from ..claims.syntax import ClaimBlock, window_days   # registers the `claim` block kind
from ..read.productions import PRODUCTIONS

WINDOW_LEXICON = "monotone"   # rules/compare.rules: running totals, with an optional `window=N` days


def builtin_rules_dir() -> Path:
    """The `rules/` directory: inside the installed package (a wheel), or beside `engine/` (a checkout)."""
    here = Path(__file__).resolve().parent.parent   # the package root
    for cand in (here / "rules", here.parent / "rules"):
        if cand.is_dir():
            return cand
    return Path(str(resources.files("rasti") / "rules"))


def _display(path: Path, root: Path, builtin: bool) -> str:
    if builtin:
        return f"rules/{path.relative_to(root).as_posix()}"
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def rule_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.rules") if p.is_file())


@dataclass(frozen=True)
class Ruleset:
    files: tuple[S.RuleFile, ...]
    rules: tuple[CompiledRule, ...]
    lexicons: dict[str, CompiledLexicon]
    matcher: Matcher
    checks: "_checks.CheckSet | None" = None
    frames: FrameSet | None = None       # the claim frames of rules/claims/ (engine/claims/frames.py)


def read_sources(dirs: list[tuple[Path, bool]], errors: list[RuleError]) -> list[tuple[S.RuleFile, str, int]]:
    """Parse every rule file: (syntax, source text, layer); layer 0 is built-in, 1.. user dirs."""
    out = []
    for layer, (root, builtin) in enumerate(dirs):
        if not root.is_dir():
            errors.append(RuleError("R101", "rule directory does not exist", str(root), 0, 0))
            continue
        for p in rule_files(root):
            name = _display(p, root, builtin)
            try:
                text = p.read_text(encoding="utf-8")
            except UnicodeDecodeError as e:
                errors.append(RuleError("R100", f"not UTF-8 ({e.reason} at byte {e.start})", name, 1, 1))
                continue
            out.append((parse_rule_file(name, text, errors), text, layer))
    return out


def load(user_dirs: list[str | Path] = (), builtin: bool = True) -> Ruleset:
    """Built-in rules plus user directories: a user lexicon of the same name extends the built-in
    one, a user rule of the same name replaces it."""
    errors: list[RuleError] = []
    dirs = ([(builtin_rules_dir(), True)] if builtin else []) + [(Path(d), False) for d in user_dirs]
    sources = read_sources(dirs, errors)
    comp = Compiler(PRODUCTIONS, errors)
    for f, text, _ in sources:
        comp._lines[f.path] = text.splitlines()
    seen_lex: dict[str, int] = {}
    in_layer: set[tuple[str, int]] = set()
    for f, _, layer in sources:
        for lex in f.lexicons:
            if (lex.name, layer) in in_layer:   # twice in one directory: an error, not an extension
                comp.add_lexicon(lex, extend=False)
                continue
            in_layer.add((lex.name, layer))
            extend = lex.name in seen_lex and seen_lex[lex.name] < layer
            comp.add_lexicon(lex, extend=extend)
            seen_lex.setdefault(lex.name, layer)
    comp.finish_lexicons()
    _check_windows(sources, comp)
    by_name: dict[str, tuple[S.Rule, S.RuleFile, int]] = {}
    order: list[str] = []
    for f, _, layer in sources:
        for r in f.rules:
            prev = by_name.get(r.name)
            if prev is not None and prev[2] == layer:
                comp.error("R105", f"rule '{r.name}' is defined twice", r.pos, hint=f"first at {prev[0].pos}")
                continue
            if prev is None:
                order.append(r.name)
            by_name[r.name] = (r, f, layer)
    compiled = []
    for i, name in enumerate(order):
        r, f, _ = by_name[name]
        c = comp.compile_rule(r, i, f.published)
        if c is not None:
            compiled.append(c)
    checkset = _checks.compile_checks([(f, layer) for f, _, layer in sources], comp.lexicons, errors, comp._lines)
    frames = compile_frames([(b, f.published) for f, _, _ in sources for b in f.blocks if isinstance(b, ClaimBlock)], comp)
    if errors:
        raise RuleFileError(errors)
    matcher = Matcher(compiled, comp.lexicons, comp.number_values, comp.vocab.symbols, PRODUCTIONS)
    return Ruleset(tuple(s[0] for s in sources), tuple(compiled), comp.lexicons, matcher, checkset, frames)


def _check_windows(sources, comp: Compiler) -> None:
    """`window=N` of lexicon `monotone` (rules/compare.rules): a whole number of days from 1
    (R135 at its column), as a claim's `movement monotone window N days`."""
    for f, _, _ in sources:
        for lex in f.lexicons:
            if lex.name != WINDOW_LEXICON:
                continue
            for e in lex.entries:
                for k, v in e.attrs:
                    if k == "window" and window_days(v) is None:
                        line = (comp._lines.get(e.pos.path) or [""] * e.pos.line)[e.pos.line - 1]
                        col = line.find("window=") + 1 or e.pos.col
                        comp.error("R135", f"window={v} is not a whole number of days from 1",
                                   S.Pos(e.pos.path, e.pos.line, col), hint="write `window=30` (days)")


def lint(dirs: list[str | Path], builtin: bool = True) -> list[RuleError]:
    """Every error in the given rule directories (with the built-in rules they build on), and
    the rules of those directories (the built-in ones when none is given) whose `yield` refuses
    every match of their own examples (R113)."""
    try:
        rs = load(dirs, builtin=builtin)
    except RuleFileError as e:
        return e.errors
    linted = [r for r in rs.rules if (not r.origin.startswith("rules/")) == bool(dirs)]
    return refusing_yields(rs, linted)


def _source_line(pos: S.Pos) -> str:
    """The text of a rule-file line, for an error found after loading (no compiler at hand)."""
    path = Path(pos.path)
    if not path.is_file() and pos.path.startswith("rules/"):
        path = builtin_rules_dir() / pos.path[len("rules/"):]
    try:
        return path.read_text(encoding="utf-8").splitlines()[pos.line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def refusing_yields(rs: Ruleset, rules: list[CompiledRule]) -> list[RuleError]:
    """Rules whose pattern matches their own `example` texts but whose production refuses every
    such match: a `yield` given the wrong capture («date(m, d, y)» for «date(d, m, y)») would
    otherwise produce nothing, silently. Found by reading the examples in explain mode."""
    from ..read.text import normalize
    out = []
    for r in rules:
        if r.production == "ignore":
            continue
        matched = produced = False
        for ex in (e for e in r.examples if not e.reject):
            log: list = []
            rs.matcher.mentions(normalize(ex.text), ex.published or r.published, explain=log)
            for _, (_, _, rule, draft) in log:
                if rule is r:
                    matched = True
                    produced = produced or draft.kind is not None
        if matched and not produced:
            ex = next(e for e in r.examples if not e.reject)
            out.append(RuleError("R113", f"rule '{r.name}': its pattern matches its examples but its yield "
                                 f"refuses every match", ex.pos.path, ex.pos.line, ex.pos.col, _source_line(ex.pos),
                                 hint="check the order and kinds of the captures `yield` passes "
                                      "(rules/README.md lists each production's arguments)"))
    return out
