"""pytest plugin (entry point ``pytest11: rasti``): a gold corpus as test items.

    pytest corpus/                 # every <story>/story.yaml under corpus/ (and thresholds.yaml)
    pytest corpus/caspian/         # one story
    pytest --rasti-corpus DIR      # add a corpus to whatever else pytest collects

Each article becomes an item ``<story>/story.yaml::<article id>`` (its mentions and flags), each
story an item ``<story>/story.yaml::relations`` (contradictions, updates, agreements), and the
corpus's ``thresholds.yaml`` an item ``thresholds.yaml::minimum`` (the minimum rates, over the
whole corpus). An item fails when it differs from its gold in a way the corpus thresholds do not
accept (corpus/README.md, "Thresholds"): with ``known:``, a difference that is not listed for
that item; without thresholds, any difference. The failure shows the -/+ lines.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_STATE = "_rasti_corpus_state"


def pytest_addoption(parser: pytest.Parser) -> None:
    g = parser.getgroup("rasti", "rasti gold corpus")
    g.addoption("--rasti-corpus", action="append", default=[], metavar="DIR",
                help="collect the gold corpus in DIR (its story.yaml files) as test items")
    g.addoption("--rasti-rules", action="append", default=[], metavar="DIR",
                help="rule directories that extend the built-in rules for corpus items")
    g.addoption("--rasti-strict", action="store_true",
                help="ignore corpus thresholds: every difference from the gold fails")


class _State:
    """Per session: one engine, each story run once, stories already collected."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self._engine: Any = None
        self.results: dict[Path, Any] = {}      # story.yaml -> (Corpus, [ItemResult])
        self.collected: set[Path] = set()

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from ..api import Engine, default_engine
            rules = self.config.getoption("rasti_rules")
            self._engine = Engine(rules) if rules else default_engine()
        return self._engine

    @property
    def strict(self) -> bool:
        return bool(self.config.getoption("rasti_strict"))

    def story(self, story_yaml: Path):
        """(Corpus of that one story, its evaluated Report) — loaded and run once."""
        story_yaml = story_yaml.resolve()
        if story_yaml not in self.results:
            from .gold import load_corpus
            from .results import Report
            from .runner import engine_sections, run_story
            from .thresholds import evaluate
            corpus = load_corpus(story_yaml.parent)
            items = run_story(corpus.stories[0], self.engine)
            report = Report(corpus, items, engine_sections(self.engine), partial=True)
            evaluate(report, None if self.strict else corpus.thresholds)
            self.results[story_yaml] = (corpus, report)
        return self.results[story_yaml]


def _state(config: pytest.Config) -> _State:
    st = getattr(config, _STATE, None)
    if st is None:
        st = _State(config)
        setattr(config, _STATE, st)
    return st


def _is_story_file(path: Path) -> bool:
    if path.name != "story.yaml":
        return False
    try:
        import yaml
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except Exception:       # noqa: BLE001 — a malformed one is reported by its collector
        return True
    return isinstance(data, dict) and "articles" in data


def _is_thresholds_file(path: Path) -> bool:
    return path.name == "thresholds.yaml" and any(path.parent.glob("*/story.yaml"))


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    st = _state(parent.config)
    if _is_story_file(file_path):
        if file_path.resolve() in st.collected:
            return None
        st.collected.add(file_path.resolve())
        return StoryFile.from_parent(parent, path=file_path)
    if _is_thresholds_file(file_path):
        if file_path.resolve() in st.collected:
            return None
        st.collected.add(file_path.resolve())
        return ThresholdsFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """--rasti-corpus DIR: add that corpus's items (before -k / -m deselect)."""
    st = _state(config)
    for d in config.getoption("rasti_corpus"):
        root = Path(d)
        if not root.is_dir():
            raise pytest.UsageError(f"--rasti-corpus {d}: no such directory")
        from .gold import find_stories
        stories = find_stories(root)
        if not stories:
            raise pytest.UsageError(f"--rasti-corpus {d}: no story.yaml found")
        files = list(stories)
        if (root / "thresholds.yaml").is_file() and not (root / "story.yaml").is_file():
            files.append(root / "thresholds.yaml")
        for f in files:
            if f.resolve() in st.collected:
                continue
            st.collected.add(f.resolve())
            cls = StoryFile if f.name == "story.yaml" else ThresholdsFile
            node = cls.from_parent(session, path=f.resolve(), nodeid=_nodeid(config, f))
            items.extend(session.genitems(node))


def _nodeid(config: pytest.Config, path: Path) -> str:
    p = path.resolve()
    try:
        return p.relative_to(config.rootpath).as_posix()
    except ValueError:
        return p.as_posix()


class CorpusItemFailure(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class StoryFile(pytest.File):
    def collect(self):
        st = _state(self.config)
        try:
            corpus, report = st.story(self.path)
        except Exception as e:
            from .gold import CorpusError
            if isinstance(e, CorpusError):
                raise self.CollectError("malformed corpus:\n" + "\n".join(e.problems)) from None
            raise
        for it in report.items:
            name = it.id if it.kind == "article" else "relations"
            yield CorpusItem.from_parent(self, name=name, result=it, available=report.available)

    def repr_failure(self, excinfo, style=None):   # noqa: ARG002
        if isinstance(excinfo.value, self.CollectError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class CorpusItem(pytest.Item):
    def __init__(self, *, result: Any, available: dict, **kw: Any) -> None:
        super().__init__(**kw)
        self.result = result
        self.available = available

    def runtest(self) -> None:
        it = self.result
        if it.kind == "story" and not self.available.get("contradictions"):
            pytest.skip("the engine has no compare(): relations not scored")
        if it.failed:
            from .fmt import item_report
            raise CorpusItemFailure(item_report(it))

    def repr_failure(self, excinfo, style=None):   # noqa: ARG002
        if isinstance(excinfo.value, CorpusItemFailure):
            return excinfo.value.text
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"rasti corpus {self.result.kind} {self.result.id}"


class ThresholdsFile(pytest.File):
    def collect(self):
        yield MinimumItem.from_parent(self, name="minimum")


class MinimumItem(pytest.Item):
    """The corpus's minimum rates over all its stories (each story run once per session)."""

    def runtest(self) -> None:
        from .gold import CorpusError, load_corpus
        from .results import Report
        from .runner import engine_sections
        from .thresholds import evaluate
        st = _state(self.config)
        try:
            corpus = load_corpus(self.path.parent)
        except CorpusError as e:
            raise CorpusItemFailure("malformed corpus:\n" + "\n".join(e.problems)) from None
        if st.strict:
            pytest.skip("--rasti-strict: thresholds ignored")
        if not (corpus.thresholds or {}).get("minimum"):
            pytest.skip(f"{self.path} declares no minimum rates")
        items = []
        for story in corpus.stories:
            items.extend(st.story(story.path)[1].items)
        report = Report(corpus, items, engine_sections(st.engine))
        evaluate(report, corpus.thresholds)
        if report.shortfalls:
            from .fmt import score_table
            lines = [f"{self.path}: rates below the declared minimum:"]
            lines += [f"  {s}" for s in report.shortfalls]
            lines += ["", *score_table(report)]
            raise CorpusItemFailure("\n".join(lines))

    def repr_failure(self, excinfo, style=None):   # noqa: ARG002
        if isinstance(excinfo.value, CorpusItemFailure):
            return excinfo.value.text
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, "rasti corpus minimum rates"
