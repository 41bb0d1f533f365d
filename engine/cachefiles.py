"""Where rasti keeps what it remembers between runs (compiled rules, hazm's lemmas), and how it
writes there: atomically, so concurrent processes never read half a file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Callable


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


def atomic_write(path: Path, dump: Callable[[IO[bytes]], None]) -> bool:
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
