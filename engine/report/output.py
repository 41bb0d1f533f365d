"""Getting the report out: :func:`write_output` (atomic, or stdout) and the glue that gives the
stage CLIs ``--format html`` and ``--output FILE`` (:func:`add_report_options`): the command's
json path runs, and its result is rendered. :class:`Recorder` and :func:`corpus_stories` keep
what a corpus run read, checked and compared, for the corpus page.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

from .page import render_check, render_compare, render_corpus


# --- writing -------------------------------------------------------------------------------------

def write_output(content: str, path: str | os.PathLike | None, *, failed: bool = False) -> bool:
    """Write to ``path`` atomically (a temporary file beside it, then os.replace: a reader sees
    the old file or the whole new one, never half of it); ``None`` or ``-`` is stdout.

    ``failed`` (the command exits 2: a bad path, a bad article) leaves a file untouched and says
    so on stderr, so a mistyped input never replaces a good report with an empty one; stdout
    still gets the content. Returns whether ``content`` went out.

    The temporary file is named for its target and the writing process («.report.html.PID.….tmp»):
    a writer killed before its os.replace leaves one behind, and the next write of that target
    removes those of processes no longer running (never a live writer's)."""
    if path is None or str(path) == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return True
    if failed:
        print(f"rasti: {path} not written: the input had errors (exit 2)", file=sys.stderr)
        return False
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _remove_stale(folder, target.name)
    return True


_TEMP = re.compile(r"(\d+)\.[A-Za-z0-9_]{8}\.tmp")     # PID, mkstemp's random part


def _remove_stale(folder: Path, name: str) -> None:
    """Delete the temporary files of ``name`` left by writers that were killed (their PID is gone)."""
    prefix = f".{name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            m = _TEMP.fullmatch(entry.name[len(prefix):]) if entry.name.startswith(prefix) else None
            if m is None or int(m[1]) == os.getpid() or _alive(int(m[1])):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:          # another user's process: alive, not ours to judge
        return True
    return True


# --- the stage CLIs: --format html and --output ------------------------------------------------

def add_report_options(sp: Any, kind: str) -> None:
    """Give a stage's subparser ``--format html`` and ``--output FILE``. Call it after the
    parser's ``set_defaults(func=…)``: the command's own function still does text and json
    (into FILE, atomically, with --output); html runs its json path and renders that."""
    for a in getattr(sp, "_actions", ()):
        if a.dest == "format" and a.choices is not None and "html" not in a.choices:
            a.choices = (*a.choices, "html")
    sp.add_argument("--output", "-o", metavar="FILE",
                    help="write the result to FILE (atomically) instead of stdout; with --format html, the desk report")
    inner = sp.get_default("func")
    sp.set_defaults(func=functools.partial(_dispatch, kind, inner))


def _dispatch(kind: str, inner: Callable, args: Any) -> int:
    if getattr(args, "format", None) == "html":
        return {"check": _html_check, "compare": _html_compare, "corpus": _html_corpus}[kind](args, inner)
    out = getattr(args, "output", None)
    if not out:
        return inner(args)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = inner(args)
    write_output(buf.getvalue(), out, failed=rc == 2)
    return rc


class _Stdin:
    """Inputs read twice (the command's json pass, then the sources): stdin is buffered once."""

    def __init__(self, files: Sequence[str]) -> None:
        self.data = sys.stdin.buffer.read() if "-" in files else None

    @contextlib.contextmanager
    def replay(self):
        if self.data is None:
            yield
            return
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(self.data), encoding="utf-8")
        try:
            yield
        finally:
            sys.stdin = old


def _json_run(inner: Callable, args: Any, stdin: _Stdin) -> tuple[int, dict | None]:
    a = copy.copy(args)
    a.format = "json"
    a.output = None
    buf = io.StringIO()
    with stdin.replay(), contextlib.redirect_stdout(buf):
        rc = inner(a)
    try:
        data = json.loads(buf.getvalue())
    except ValueError:
        return rc, None
    return rc, data if isinstance(data, dict) else None


def _read_sources(args: Any, stdin: _Stdin) -> list:
    from ..feed.inputs import read_inputs
    with stdin.replay():
        return [s for s in read_inputs(list(args.files), getattr(args, "published", None))
                if not isinstance(s, Exception)]


def _html_check(args: Any, inner: Callable) -> int:
    stdin = _Stdin(args.files)
    rc, data = _json_run(inner, args, stdin)
    if data is None:
        print("rasti: no result to render", file=sys.stderr)
        return rc or 2
    write_output(render_check(data.get("articles") or [], _read_sources(args, stdin), checked=True), args.output,
                 failed=rc == 2)
    return rc


def _html_compare(args: Any, inner: Callable) -> int:
    stdin = _Stdin(args.files)
    rc, data = _json_run(inner, args, stdin)
    if data is None:
        print("rasti: no result to render", file=sys.stderr)
        return rc or 2
    write_output(render_compare(data.get("articles") or [], data, _read_sources(args, stdin)), args.output,
                 failed=rc == 2)
    return rc


class Recorder:
    """An engine that keeps what it read, checked and compared (for the corpus report): it
    offers ``check`` and ``compare`` only where the engine it wraps does."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.articles: dict[str, Any] = {}
        self.comparisons: dict[tuple, Any] = {}
        if callable(getattr(engine, "check", None)):
            self.check = self._check
        if callable(getattr(engine, "compare", None)):
            self.compare = self._compare

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def read(self, text: str, **kw: Any) -> Any:
        art = self._engine.read(text, **kw)
        self.articles[kw.get("id") or art.id] = art
        return art

    def _check(self, art: Any, *a: Any, **kw: Any) -> Any:
        out = self._engine.check(art, *a, **kw)
        self.articles[art.id] = out if out is not None else art
        return out

    def _compare(self, arts: Sequence[Any], *a: Any, **kw: Any) -> Any:
        out = self._engine.compare(arts, *a, **kw)
        self.comparisons[tuple(x.id for x in arts)] = out
        return out

    @property
    def checked(self) -> bool:
        return callable(getattr(self._engine, "check", None))


def corpus_stories(corpus: Any, rec: Recorder) -> list[dict]:
    """The stories of a loaded corpus with what ``rec`` saw of them."""
    out = []
    for st in corpus.stories:
        arts, srcs = [], []
        for g in st.articles:
            if g.id in rec.articles:
                arts.append(rec.articles[g.id])
                srcs.append({"id": g.id, "text": g.text, "published": g.published, "meta": g.meta,
                             "origin": str(g.path)})
        cmp = rec.comparisons.get(tuple(g.id for g in st.articles))
        out.append({"id": st.slug, "title": st.title, "articles": arts, "sources": srcs,
                    "comparison": cmp, "checked": rec.checked})
    return out


def _html_corpus(args: Any, inner: Callable) -> int:
    from ..api import Engine, default_engine
    from ..corpus.gold import load_or_explain
    from ..corpus.runner import run_corpus
    if getattr(args, "write_thresholds", False):
        print("rasti: --write-thresholds writes YAML; run it without --format html", file=sys.stderr)
        return 2
    root = Path(args.dir)
    corpus = load_or_explain(root, sys.stderr)
    if corpus is None:
        return 2
    engine = Engine(args.rules) if getattr(args, "rules", None) else default_engine()
    rec = Recorder(engine)
    report = run_corpus(corpus, rec, partial=(root / "story.yaml").is_file(), strict=getattr(args, "strict", False))
    write_output(render_corpus(report.to_dict(), corpus_stories(corpus, rec)), args.output,
                 failed=report.exit_code == 2)
    return report.exit_code
