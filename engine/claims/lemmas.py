"""hazm's lemmas for the facts stage, remembered across processes."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..cachefiles import atomic_write, cache_dir, enabled


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
    return atomic_write(path, lambda f: f.write(data))


@lru_cache(maxsize=1)
def _lemmatizer():
    from hazm import Lemmatizer  # slow import, kept off start-up
    return Lemmatizer()


_LEMMAS: dict[str, str] | None = None   # word -> lemma: remembered ones, then this process's
_NEW: dict[str, str] = {}               # asked of hazm in this process, not yet saved
_SAVE_AT_EXIT: list[bool] = []


def lemma(word: str) -> str:
    """hazm's lemma of a word, from the remembered lemmas when hazm was asked before (in this
    process or an earlier one: see `read_lemmas`), so most runs never import hazm."""
    if not word or word.isascii():
        return word.lower()
    out = (_LEMMAS if _LEMMAS is not None else load_lemmas()).get(word)
    if out is None:
        out = _lemmatizer().lemmatize(word).split("#")[0] or word
        known = load_lemmas()
        if len(known) > 500_000:
            known.clear()
        known[word] = _NEW[word] = out
        if not _SAVE_AT_EXIT:
            import atexit
            atexit.register(save_lemmas)
            _SAVE_AT_EXIT.append(True)
    return out


def load_lemmas() -> dict[str, str]:
    """The remembered lemmas, read once per process (a parent loads them before forking)."""
    global _LEMMAS
    if _LEMMAS is None:
        _LEMMAS = read_lemmas()
    return _LEMMAS


def save_lemmas() -> None:
    """Remember the lemmas hazm gave in this process (registered to run at exit)."""
    if _NEW:
        add_lemmas(dict(_NEW))
        _NEW.clear()
