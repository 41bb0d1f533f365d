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

from .ruleset import Ruleset, builtin_rules_dir, load, rule_files, _display

FORMAT = 1                  # bump when the file layout below changes
_MAGIC = b"rasti-rules-cache"
_ENGINE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    env = os.environ.get("RASTI_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "rasti"
    return Path.home() / ".cache" / "rasti"


def enabled() -> bool:
    return os.environ.get("RASTI_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


def _version() -> str:
    pkg = sys.modules.get(__package__ or "")
    return str(getattr(pkg, "__version__", "?"))


def _engine_digest() -> str:
    """The engine's own source: a compiled Ruleset is only as valid as the compiler that built it."""
    h = hashlib.sha256()
    for p in sorted(_ENGINE_DIR.glob("*.py")):
        h.update(p.name.encode() + b"\0")
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
    h.update(f"{__package__}\0{sys.implementation.cache_tag}\0{int(builtin)}\0".encode())
    for root, _ in _dirs(user_dirs, builtin):
        h.update(os.fsencode(os.path.abspath(root)) + b"\0")
    return cache_dir() / f"rules-{h.hexdigest()[:20]}.pickle"


def fingerprint(user_dirs: Sequence[str | Path] = (), builtin: bool = True) -> str | None:
    """Hash of everything the compiled rules depend on; None when a directory is missing (then
    `load` reports it, and nothing is cached)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{__package__}\0{_version()}\0{sys.version}\0{sys.implementation.cache_tag}\0".encode())
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


def _atomic_write(path: Path, dump: Callable[[IO[bytes]], None]) -> bool:
    """Write atomically: a temporary file in the same directory, then `os.replace`, so a
    concurrent reader sees the old file or the new one, never half of one. False on any trouble."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            dump(f)
        os.replace(tmp, path)
        return True
    except Exception:   # noqa: BLE001
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _write(path: Path, digest: str, rs: Ruleset) -> bool:
    def dump(f: IO[bytes]) -> None:
        pickle.dump((_MAGIC, FORMAT, digest), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(rs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return _atomic_write(path, dump)


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
        return rs
    rs = load(user_dirs, builtin=builtin)   # RuleFileError propagates, and nothing is cached
    _write(path, digest, rs)
    return rs



# --- hazm's lemmas, remembered across processes ---------------------------------------------
#
# Importing hazm and building its Lemmatizer costs about 1.4 s, more than reading a few hundred
# articles. The facts stage asks it only for words its lexicons do not list, and the same words
# come back day after day, so their lemmas are kept in one JSON file per hazm version
# (``lemmas-<version>.json`` beside the rules cache). A process whose words are all there never
# imports hazm. The file only ever holds what hazm itself answered; a corrupt or foreign file is
# ignored, and writes merge with what is there, then replace it atomically.

def _hazm_version() -> str:
    try:
        from importlib.metadata import version
        return version("hazm")
    except Exception:   # noqa: BLE001  (not installed: nothing can be cached for it)
        return ""


def lemma_file() -> Path | None:
    v = _hazm_version()
    return cache_dir() / f"lemmas-{v}.json" if v and enabled() else None


def read_lemmas(path: Path | None = None) -> dict[str, str]:
    """The remembered lemmas (word -> lemma); empty on any trouble (never raises)."""
    import json
    path = path or lemma_file()
    if path is None:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                return {}
            data = json.load(f)
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
    except Exception:   # noqa: BLE001  (missing, corrupt, unreadable: a miss)
        return {}


def add_lemmas(new: dict[str, str], path: Path | None = None) -> bool:
    """Merge ``new`` into the file, atomically; False when it could not be written."""
    import json
    path = path or lemma_file()
    if path is None or not new:
        return False
    merged = read_lemmas(path)
    merged.update(new)
    data = json.dumps(merged, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return _atomic_write(path, lambda f: f.write(data))
