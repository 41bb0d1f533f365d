"""A cache of compiled rules, so a cold CLI start does not parse and compile every rule file again.

`load_cached(user_dirs, builtin)` returns the same `Ruleset` as `ruleset.load(user_dirs, builtin)`.
It fingerprints everything the compiled rules depend on:

- the CONTENT of every rule file (and the name it is reported under: `rules/x.rules`, or a
  path relative to the working directory for user directories),
- the rasti version, the source of the engine's own modules (a checkout's edits count too),
- the Python version (pickles of compiled patterns and dataclasses are not portable across them),

and keeps one pickle per configuration (the rule directories asked for) in the cache directory:
``$RASTI_CACHE_DIR``, else ``$XDG_CACHE_HOME/rasti``, else ``~/.cache/rasti``. A file whose
fingerprint matches is loaded; otherwise the rules are compiled and the file is rewritten
atomically (a temporary file, then `os.replace`), so concurrent processes never read half a file.

Any trouble with the cache (unreadable, corrupt, from another version, not ours, an unwritable
directory) falls back silently to `ruleset.load`. Errors in the rules themselves are never
cached: `RuleFileError` comes from `ruleset.load`, exactly as without the cache.
``RASTI_NO_CACHE=1`` turns the cache off.

Note: unpickling recompiles each rule's regular expression (a `re.Pattern` pickles as its
source), so a hit still pays for `re.compile`, but not for parsing and compiling the rule files.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterable, Sequence

from ..cachefiles import atomic_write, cache_dir, enabled
from . import Ruleset, builtin_rules_dir, load, rule_files, _display

MAX_FILES = 8               # rule pickles kept in the cache directory, the most recently used
FORMAT = 1                  # bump when the file layout below changes
_MAGIC = b"rasti-rules-cache"
_ENGINE_DIR = Path(__file__).resolve().parent.parent   # the package root: every stage
_PACKAGE = (__package__ or "rasti").partition(".")[0]


def _version() -> str:
    from ..version import __version__
    return __version__


def _engine_digest() -> str:
    """The engine's own source: a compiled Ruleset is only as valid as the compiler that built it."""
    h = hashlib.sha256()
    for p in sorted(_ENGINE_DIR.rglob("*.py")):
        h.update(p.relative_to(_ENGINE_DIR).as_posix().encode() + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"?")
        h.update(b"\0")
    return h.hexdigest()


def _dirs(user_dirs: Iterable[str | Path], builtin: bool) -> list[tuple[Path, bool]]:
    return ([(builtin_rules_dir(), True)] if builtin else []) + [(Path(d), False) for d in user_dirs]


def cache_file(user_dirs: Sequence[str | Path] = (), builtin: bool = True) -> Path:
    """The cache file of one configuration: which rule directories, under which Python and package."""
    h = hashlib.sha256()
    h.update(f"{_PACKAGE}\0{sys.implementation.cache_tag}\0{int(builtin)}\0".encode())
    for root, _ in _dirs(user_dirs, builtin):
        h.update(os.fsencode(os.path.abspath(root)) + b"\0")
    return cache_dir() / f"rules-{h.hexdigest()[:20]}.pickle"


def fingerprint(user_dirs: Sequence[str | Path] = (), builtin: bool = True) -> str | None:
    """Hash of everything the compiled rules depend on; None when a directory is missing (then
    `load` reports it, and nothing is cached)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{_PACKAGE}\0{_version()}\0{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    h.update(_engine_digest().encode() + b"\0")
    for layer, (root, is_builtin) in enumerate(_dirs(user_dirs, builtin)):
        if not root.is_dir():
            return None
        h.update(f"layer {layer} {int(is_builtin)}\0".encode())
        for p in rule_files(root):
            h.update(_display(p, root, is_builtin).encode("utf-8", "surrogateescape") + b"\0")
            data = p.read_bytes()
            h.update(f"{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


def _read(path: Path, digest: str) -> Ruleset | None:
    """The cached Ruleset if the file is ours and current; None otherwise (never raises)."""
    try:
        with open(path, "rb") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                return None   # someone else's file: never unpickle it
            header = pickle.load(f)
            if not (isinstance(header, tuple) and len(header) == 3 and header[0] == _MAGIC
                    and header[1] == FORMAT and header[2] == digest):
                return None
            rs = pickle.load(f)
        return rs if isinstance(rs, Ruleset) else None
    except Exception:   # a corrupt, truncated or foreign file is a miss, whatever it raises
        return None


def _write(path: Path, digest: str, rs: Ruleset) -> bool:
    def dump(f: IO[bytes]) -> None:
        pickle.dump((_MAGIC, FORMAT, digest), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(rs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return atomic_write(path, dump)


def load_cached(user_dirs: Sequence[str | Path] = (), builtin: bool = True) -> Ruleset:
    """`ruleset.load(user_dirs, builtin)`, from the cache when nothing it depends on has changed."""
    user_dirs = list(user_dirs)
    if not enabled():
        return load(user_dirs, builtin=builtin)
    try:
        digest = fingerprint(user_dirs, builtin)
        path = cache_file(user_dirs, builtin)
    except Exception:   # e.g. a rule file vanished or is unreadable: let `load` say so
        digest = None
    if digest is None:
        return load(user_dirs, builtin=builtin)
    rs = _read(path, digest)
    if rs is not None:
        try:
            os.utime(path)   # most recently used: `prune` keeps it
        except OSError:
            pass
        return rs
    rs = load(user_dirs, builtin=builtin)   # RuleFileError propagates, and nothing is cached
    if _write(path, digest, rs):
        prune(path.parent, keep=path)
    return rs


def prune(directory: Path, *, keep: Path | None = None, limit: int | None = None) -> int:
    """Delete all but the ``limit`` most recently used rule pickles (one per configuration: a test
    suite's temporary rule directories would otherwise leave one each, 250 KB apiece). Returns how
    many were removed; never raises."""
    limit = MAX_FILES if limit is None else limit
    try:
        files = [(f.stat().st_mtime, f) for f in directory.glob("rules-*.pickle")]
    except OSError:
        return 0
    files.sort(reverse=True)
    others = [f for _, f in files if f != keep]
    removed = 0
    for f in others[max(limit - (keep is not None), 0):]:
        try:
            f.unlink()
            removed += 1
        except OSError:
            pass
    return removed
