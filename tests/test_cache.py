"""The compiled-rules cache (`rasti.ruleset.cache`): a hit equals a fresh load, any change to a rule
file's content invalidates it, and a broken cache falls back to compiling."""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from rasti.ruleset import cache
from rasti.claims import lemmas

from rasti import ruleset
from rasti.errors import RuleFileError
from rasti.read.text import normalize

SAMPLE = ("روز چهارشنبه ۱۵ مهر ۱۳۹۴ حدود ۴۰ درصد از بیست و شش هزار واحد، یعنی ۲٬۵۰۰ خانه، "
          "از ۱۰ مهر تا ۱۵ مهر آسیب دید؛ تورم 12.5% و قیمت ۳۰۰ هزار تومان بود. دست‌کم ۳۰ نفر.")
PUBLISHED = "2015-10-07"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("RASTI_CACHE_DIR", str(d))
    monkeypatch.delenv("RASTI_NO_CACHE", raising=False)
    return d


@pytest.fixture
def rules_dir(tmp_path) -> Path:
    """A private copy of the built-in number rules (self-contained), to edit freely."""
    d = tmp_path / "rules"
    d.mkdir()
    shutil.copy(ruleset.builtin_rules_dir() / "numbers.rules", d / "numbers.rules")
    return d


@pytest.fixture
def loads(monkeypatch) -> list:
    """Counts real compilations (`ruleset.load` calls made by the cache)."""
    calls: list = []
    real = cache.load

    def counting(*a, **k):
        calls.append(a)
        return real(*a, **k)

    monkeypatch.setattr(cache, "load", counting)
    return calls


def mentions(rs: ruleset.Ruleset, text: str = SAMPLE) -> list:
    return rs.matcher.mentions(normalize(text), PUBLISHED)


def test_ruleset_pickles_and_round_trips():
    rs = ruleset.load()
    back = pickle.loads(pickle.dumps(rs, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back, ruleset.Ruleset)
    assert [r.regex.pattern for r in back.rules] == [r.regex.pattern for r in rs.rules]
    assert mentions(back) == mentions(rs)
    # productions travel by reference: the very functions of this process
    assert all(back.matcher.productions[k] is v for k, v in rs.matcher.productions.items())


def test_hit_equals_fresh_load(cache_dir, loads):
    fresh = ruleset.load()
    first = cache.load_cached()          # miss: compiles and writes
    assert len(loads) == 1
    assert cache.cache_file().is_file()
    second = cache.load_cached()         # hit: no compilation
    assert len(loads) == 1
    assert second is not first
    for rs in (first, second):
        assert mentions(rs) == mentions(fresh)
        assert [m.to_dict() for m in mentions(rs)] == [m.to_dict() for m in mentions(fresh)]
        assert [r.origin for r in rs.rules] == [r.origin for r in fresh.rules]
    assert len(mentions(second)) >= 5


def test_hit_with_user_rules(cache_dir, rules_dir, loads):
    fresh = ruleset.load([rules_dir], builtin=False)
    cache.load_cached([rules_dir], builtin=False)
    hit = cache.load_cached([str(rules_dir)], builtin=False)   # str or Path: the same entry
    assert len(loads) == 1
    assert mentions(hit) == mentions(fresh)
    # a different configuration is a different entry, not a stale hit
    assert cache.cache_file([rules_dir], builtin=False) != cache.cache_file()


def _edit_same_size_same_mtime(path: Path, old: str, new: str) -> None:
    """Change content without changing size or mtime: only a content hash can notice."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_editing_a_rule_file_invalidates(cache_dir, rules_dir, loads):
    text = "بیست نفر"
    before = cache.load_cached([rules_dir], builtin=False)
    assert [m.value for m in mentions(before, text)] == [20]
    _edit_same_size_same_mtime(rules_dir / "numbers.rules", "بیست | twenty = 20", "بیست | twenty = 21")
    after = cache.load_cached([rules_dir], builtin=False)
    assert len(loads) == 2
    assert [m.value for m in mentions(after, text)] == [21]
    again = cache.load_cached([rules_dir], builtin=False)   # and the new content is cached
    assert len(loads) == 2
    assert [m.value for m in mentions(again, text)] == [21]


def test_adding_or_removing_a_rule_file_invalidates(cache_dir, rules_dir, loads):
    cache.load_cached([rules_dir], builtin=False)
    extra = rules_dir / "sub" / "extra.rules"
    extra.parent.mkdir()
    extra.write_text('lexicon extra_words\n    زرشک = 1\nend\n', encoding="utf-8")
    rs = cache.load_cached([rules_dir], builtin=False)
    assert "extra_words" in rs.lexicons
    extra.unlink()
    rs = cache.load_cached([rules_dir], builtin=False)
    assert "extra_words" not in rs.lexicons
    assert len(loads) == 3


@pytest.mark.parametrize("garbage", [b"", b"not a pickle at all", b"\x80\x05K\x01.",
                                     pickle.dumps(("rasti-rules-cache", 1, "0" * 64))])
def test_corrupt_cache_file_falls_back(cache_dir, loads, garbage):
    fresh = ruleset.load()
    path = cache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    rs = cache.load_cached()
    assert mentions(rs) == mentions(fresh)
    assert len(loads) == 1
    assert path.read_bytes() != garbage          # rewritten
    cache.load_cached()
    assert len(loads) == 1                       # and good again


def test_truncated_cache_file_falls_back(cache_dir, loads):
    cache.load_cached()
    path = cache.cache_file()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])     # a header that matches, then half a Ruleset
    rs = cache.load_cached()
    assert len(loads) == 2
    assert mentions(rs) == mentions(ruleset.load())


def test_unwritable_cache_dir_falls_back(tmp_path, monkeypatch, loads):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("RASTI_CACHE_DIR", str(blocker / "cache"))   # cannot be created
    rs = cache.load_cached()
    assert mentions(rs) == mentions(ruleset.load())
    cache.load_cached()
    assert len(loads) == 2                       # nothing cached, nothing raised
    assert not list(tmp_path.glob("**/*.tmp"))


def test_no_temporary_files_left(cache_dir):
    cache.load_cached()
    assert [p.name for p in cache_dir.iterdir()] == [cache.cache_file().name]


def test_rule_errors_are_raised_not_cached(cache_dir, rules_dir, loads):
    (rules_dir / "bad.rules").write_text("rule broken\n    match @nowhere\nend\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleFileError):
            cache.load_cached([rules_dir], builtin=False)
    assert len(loads) == 2
    assert not cache.cache_file([rules_dir], builtin=False).exists()
    with pytest.raises(RuleFileError):
        cache.load_cached([rules_dir / "missing"], builtin=False)


def test_disabled_by_environment(cache_dir, monkeypatch, loads):
    monkeypatch.setenv("RASTI_NO_CACHE", "1")
    cache.load_cached()
    cache.load_cached()
    assert len(loads) == 2
    assert not cache_dir.exists()


def test_cache_dir_default(monkeypatch, tmp_path):
    monkeypatch.delenv("RASTI_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "rasti"
    monkeypatch.setenv("RASTI_CACHE_DIR", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x"


# --- hazm's lemmas, remembered across processes ---------------------------------------------

LEMMA_TEXT = "در این حادثه ۳۰ دانش‌آموز و ۱۲ کتابخانه‌ها آسیب دیدند و ۵ درخت‌ها افتادند."
_PROBE = (
    "import sys, json, rasti\n"
    "a = rasti.read(sys.argv[1], published='2015-10-07')\n"
    "print(json.dumps([[f.subject['key'] for f in a.facts], 'hazm' in sys.modules]))\n"
)


def _probe(env: dict) -> tuple[list, bool]:
    import json
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", _PROBE, LEMMA_TEXT], env=env, capture_output=True,
                         text=True, check=True)
    keys, imported = json.loads(out.stdout)
    return keys, imported


def test_remembered_lemmas_spare_the_next_process_importing_hazm(cache_dir):
    env = dict(os.environ)
    first, imported_first = _probe(env)
    assert imported_first                       # new words: hazm answered
    assert "کتابخانه" in first and "درخت" in first
    assert lemmas.read_lemmas(lemmas.lemma_file())["درخت‌ها"] == "درخت"
    second, imported_second = _probe(env)
    assert second == first and not imported_second


def test_a_corrupt_lemma_file_is_ignored(cache_dir):
    path = lemmas.lemma_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"درخت‌ها": ["not", "a", "lemma"], "x": ', encoding="utf-8")
    assert lemmas.read_lemmas(path) == {}
    keys, imported = _probe(dict(os.environ))
    assert "درخت" in keys and imported
    assert lemmas.read_lemmas(path)["درخت‌ها"] == "درخت"   # rewritten whole


def test_lemma_writes_merge(cache_dir):
    path = lemmas.lemma_file()
    assert lemmas.add_lemmas({"الف‌ها": "الف"}, path) and lemmas.add_lemmas({"ب‌ها": "ب"}, path)
    assert lemmas.read_lemmas(path) == {"الف‌ها": "الف", "ب‌ها": "ب"}
    assert not list(path.parent.glob("*.tmp"))


def test_no_cache_writes_no_lemma_file(cache_dir, monkeypatch):
    monkeypatch.setenv("RASTI_NO_CACHE", "1")
    assert lemmas.lemma_file() is None
    keys, imported = _probe(dict(os.environ))
    assert imported and "درخت" in keys
    assert not list(cache_dir.glob("lemmas-*"))


# --- the cache stays bounded ------------------------------------------------------------------

def test_prune_keeps_the_most_recently_used_pickles(tmp_path):
    for k in range(12):
        f = tmp_path / f"rules-{k:02d}.pickle"
        f.write_bytes(b"x")
        os.utime(f, (1_000_000 + k, 1_000_000 + k))
    (tmp_path / "lemmas-0.10.0.json").write_text("{}")
    keep = tmp_path / "rules-00.pickle"              # the oldest, but the one just written
    assert cache.prune(tmp_path, keep=keep, limit=4) == 8
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["lemmas-0.10.0.json", "rules-00.pickle", "rules-09.pickle", "rules-10.pickle",
                    "rules-11.pickle"]


def test_many_rule_configurations_leave_a_bounded_cache(cache_dir, tmp_path, monkeypatch):
    """A test suite loading many temporary rule directories once left a pickle each (129 in one run)."""
    monkeypatch.setattr(cache, "MAX_FILES", 2)
    src = ruleset.builtin_rules_dir() / "numbers.rules"
    for k in range(4):
        d = tmp_path / f"r{k}"
        d.mkdir()
        shutil.copy(src, d / "numbers.rules")
        cache.load_cached([d], builtin=False)
    assert len(list(cache_dir.glob("rules-*.pickle"))) == 2
    assert cache.cache_file([tmp_path / "r3"], builtin=False).exists()   # the last one used survives


def test_a_hit_counts_as_a_use(cache_dir, rules_dir, loads):
    cache.load_cached([rules_dir], builtin=False)
    path = cache.cache_file([rules_dir], builtin=False)
    os.utime(path, (1_000_000, 1_000_000))
    cache.load_cached([rules_dir], builtin=False)
    assert len(loads) == 1 and path.stat().st_mtime > 1_000_000
