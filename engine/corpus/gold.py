"""A gold corpus on disk: stories, their articles, and what rasti should find in them.

Layout (see corpus/README.md): ``<root>/<story>/story.yaml`` lists the story's articles and
the cross-article relations; ``<root>/<story>/<id>.txt`` is an article with front matter and
``<root>/<story>/<id>.yaml`` its gold annotations. An optional ``<root>/thresholds.yaml`` (or a
``thresholds:`` key in ``<root>/corpus.yaml``) says how far the engine may be from the gold.

`load_corpus(root)` checks everything it reads and reports every problem at once as a
`CorpusError`, one ``path:line: field: message`` per problem.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..feed.inputs import check_date, split_front_matter
from .sections import MENTION_KINDS, RELATIONS
from .thresholds import validate_thresholds   # the thresholds module owns their meaning

UNIT_KINDS = ("duration", "quantity", "money")
DURATION_UNITS = ("minute", "hour", "day", "week", "month", "year")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FRONT_MATTER = ("id", "published", "source", "url", "lang")
_CODE = re.compile(r"^[a-z][a-z0-9-]*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class CorpusError(InputError):
    """Every problem found while loading a corpus, reported together."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- YAML with line numbers ------------------------------------------------------------------

class _LineDict(dict):
    """A mapping that remembers the line it started on and the line of each key."""
    line: int = 0
    key_lines: dict


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    d = _LineDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        d[key] = loader.construct_object(vnode, deep=True)
        try:
            d.key_lines[key] = vnode.start_mark.line + 1
        except TypeError:   # an unhashable key: yaml itself rejects it below
            pass
    return d


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(obj: Any, key: str | None = None) -> int:
    if isinstance(obj, _LineDict):
        if key is not None and key in obj.key_lines:
            return obj.key_lines[key]
        return obj.line
    return 0


def read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        problems.append(f"{path}: cannot read ({e.strerror})")
        return None
    except UnicodeDecodeError as e:
        problems.append(f"{path}: not valid UTF-8 (byte {e.start})")
        return None
    try:
        return yaml.load(text, Loader=_Loader)   # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        what = getattr(e, "problem", None) or str(e)
        problems.append(f"{where}: malformed YAML ({what})")
        return None


# --- the gold model --------------------------------------------------------------------------

def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``needle`` in ``text``, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


@dataclass(frozen=True)
class GoldMention:
    kind: str
    text: str
    value: Any = None
    interval: tuple[float, float] | None = None
    unit: str | None = None
    occurrence: int | None = None
    spans: tuple[tuple[int, int], ...] = ()      # where the text is (one span when occurrence is set)
    line: int = 0

    @property
    def key(self) -> str:
        occ = f" #{self.occurrence}" if self.occurrence else ""
        return f"{self.kind} «{self.text}»{occ} {self.display()}"

    def display(self) -> str:
        if self.interval is not None:
            v = "[" + ", ".join(_num(x) for x in self.interval) + "]"
        else:
            v = _show(self.value)
        return f"{v} {self.unit}" if self.unit else v


@dataclass(frozen=True)
class GoldFlag:
    code: str
    text: str
    occurrence: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    line: int = 0

    @property
    def key(self) -> str:
        occ = f" #{self.occurrence}" if self.occurrence else ""
        return f"{self.code} «{self.text}»{occ}"


@dataclass(frozen=True)
class GoldClaim:
    article: str
    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class GoldRelation:
    kind: str                       # contradiction | update | agreement
    claims: tuple[GoldClaim, ...]
    note: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        sep = " → " if self.kind == "update" else " / "
        return f"{self.kind} " + sep.join(f"{c.article} «{c.text}»" for c in self.claims)


@dataclass
class GoldArticle:
    id: str
    story: str
    path: Path                      # the .txt
    gold_path: Path                 # the .yaml
    text: str                       # the body, as the engine reads it (offsets refer to it)
    published: str | None
    meta: dict
    exhaustive: bool = False
    mentions: list[GoldMention] = field(default_factory=list)
    flags: list[GoldFlag] = field(default_factory=list)
    notes: str = ""


@dataclass
class Story:
    slug: str
    path: Path                      # story.yaml
    title: str
    description: str
    articles: list[GoldArticle]
    relations: dict[str, list[GoldRelation]]     # contradictions / updates / agreements


@dataclass
class Corpus:
    root: Path
    stories: list[Story]
    thresholds: dict | None = None
    thresholds_path: Path | None = None

    @property
    def articles(self) -> list[GoldArticle]:
        return [a for s in self.stories for a in s.articles]


# --- values ----------------------------------------------------------------------------------

def _num(x: Any) -> str:
    if isinstance(x, float):
        if math.isinf(x):
            return "∞" if x > 0 else "-∞"
        if x.is_integer():
            return str(int(x))
    return str(x)


def _show(v: Any) -> str:
    if v is None:
        return "invalid"
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()[:10]
    if isinstance(v, (int, float)):
        return _num(v)
    return str(v)


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _check_value(kind: str, value: Any) -> str | None:
    """None if ``value`` is a valid gold value for ``kind``, else what is wrong with it."""
    if kind == "date":
        if value is None or isinstance(value, _dt.date):
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
            return None
        if isinstance(value, str):
            if _MONTH.match(value):
                return None
            try:
                _dt.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return "a date is YYYY-MM-DD, YYYY-MM, a year, or null for a date that does not exist"
    if kind == "weekday":
        return None if value in WEEKDAYS else f"a weekday is one of {', '.join(WEEKDAYS)}"
    if kind == "time":
        if isinstance(value, int) and not isinstance(value, bool):
            return "quote the time (\"19:10\"): YAML reads an unquoted 19:10 as a base-60 number"
        return None if isinstance(value, str) and _TIME.match(value) else 'a time is "HH:MM" (24-hour clock)'
    if not _is_number(value) or (isinstance(value, float) and math.isnan(value)):
        return f"a {kind} value is a number"
    return None


# --- loading ---------------------------------------------------------------------------------

def _spans(text: str, needle: str, occurrence: int | None, where: str, problems: list[str]) -> tuple:
    found = occurrences(text, needle)
    if not found:
        problems.append(f"{where}: text: «{needle}» is not in the article")
        return ()
    if occurrence is not None:
        if occurrence > len(found):
            problems.append(f"{where}: occurrence: {occurrence}, but «{needle}» occurs {len(found)} time(s)")
            return ()
        return (found[occurrence - 1],)
    return tuple(found)


def _occurrence(item: dict, where: str, problems: list[str]) -> int | None:
    occ = item.get("occurrence")
    if occ is None:
        return None
    if not isinstance(occ, int) or isinstance(occ, bool) or occ < 1:
        problems.append(f"{where}: occurrence: must be a positive whole number, not {occ!r}")
        return None
    return occ


def _load_mention(item: Any, body: str, where: str, problems: list[str]) -> GoldMention | None:
    if not isinstance(item, dict):
        problems.append(f"{where}: a mention is a mapping {{kind, text, value|interval, unit}}")
        return None
    n0 = len(problems)
    unknown = set(item) - {"kind", "text", "value", "interval", "unit", "occurrence", "note"}
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))} "
                        "(expected kind, text, value or interval, unit, occurrence)")
    kind = item.get("kind")
    if kind not in MENTION_KINDS:
        problems.append(f"{where}: kind: {kind!r} is not one of {' | '.join(MENTION_KINDS)}")
    text = item.get("text")
    if not isinstance(text, str) or not text:
        problems.append(f"{where}: text: missing or not a string")
        text = None
    has_value, has_iv = "value" in item, "interval" in item
    if has_value == has_iv:
        problems.append(f"{where}: give exactly one of value or interval")
    value, interval = item.get("value"), None
    if has_iv:
        iv = item["interval"]
        if (not isinstance(iv, list) or len(iv) != 2 or not all(_is_number(x) for x in iv)
                or any(isinstance(x, float) and math.isnan(x) for x in iv)):
            problems.append(f"{where}: interval: must be [lo, hi] with two numbers (.inf for no upper bound)")
        elif iv[0] > iv[1]:
            problems.append(f"{where}: interval: lower bound {iv[0]} is above upper bound {iv[1]}")
        else:
            interval = (iv[0], iv[1])
        if kind in ("date", "weekday", "time"):
            problems.append(f"{where}: interval: a {kind} takes a value, not an interval")
    elif has_value and kind in MENTION_KINDS:
        err = _check_value(kind, value)
        if err:
            problems.append(f"{where}: value: {value!r}: {err}")
    unit = item.get("unit")
    if kind in UNIT_KINDS:
        if not isinstance(unit, str) or not unit:
            problems.append(f"{where}: unit: a {kind} needs a unit")
        elif kind == "duration" and unit not in DURATION_UNITS:
            problems.append(f"{where}: unit: {unit!r} is not one of {' | '.join(DURATION_UNITS)}")
    elif unit is not None:
        problems.append(f"{where}: unit: only {', '.join(UNIT_KINDS)} take a unit")
    occ = _occurrence(item, where, problems)
    spans = _spans(body, text, occ, where, problems) if text else ()
    if len(problems) > n0:
        return None
    if isinstance(value, _dt.date):
        value = value.isoformat()
    return GoldMention(kind, text, value, interval, unit, occ, spans, _line(item))


def _load_flag(item: Any, body: str, where: str, problems: list[str]) -> GoldFlag | None:
    if not isinstance(item, dict):
        problems.append(f"{where}: a flag is a mapping {{code, text}}")
        return None
    n0 = len(problems)
    unknown = set(item) - {"code", "text", "occurrence", "note"}
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))} (expected code, text)")
    code = item.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        problems.append(f"{where}: code: {code!r} is not a check code (lowercase-with-dashes)")
    text = item.get("text")
    if not isinstance(text, str) or not text:
        problems.append(f"{where}: text: missing or not a string")
        text = None
    occ = _occurrence(item, where, problems)
    spans = _spans(body, text, occ, where, problems) if text else ()
    if len(problems) > n0:
        return None
    return GoldFlag(code, text, occ, spans, _line(item))


def _list(d: dict, key: str, where: str, problems: list[str]) -> list:
    v = d.get(key)
    if v is None:
        return []
    if not isinstance(v, list):
        problems.append(f"{where}:{_line(d, key)}: {key}: must be a list")
        return []
    return v


def load_article(txt: Path, story: str, problems: list[str]) -> GoldArticle | None:
    """One article and its gold sidecar; problems are appended, never raised."""
    n0 = len(problems)
    try:
        raw = txt.read_bytes().decode("utf-8-sig")
    except OSError as e:
        problems.append(f"{txt}: cannot read ({e.strerror})")
        return None
    except UnicodeDecodeError as e:
        problems.append(f"{txt}: not valid UTF-8 (byte {e.start})")
        return None
    try:
        meta, body = split_front_matter(raw, str(txt))
    except InputError as e:
        problems.append(str(e))
        return None
    if not meta:
        problems.append(f"{txt}:1: no front matter (--- id, published, source, url, lang ---)")
    ident = meta.get("id") or txt.stem
    if meta and meta.get("id") != txt.stem:
        problems.append(f"{txt}:2: id: {meta.get('id')!r} must equal the file name {txt.stem!r}")
    published = None
    try:
        published = check_date(meta.get("published"), str(txt))
    except InputError as e:
        problems.append(str(e))
    if meta and not published:
        problems.append(f"{txt}: published: missing (YYYY-MM-DD)")

    gold_path = txt.with_suffix(".yaml")
    art = GoldArticle(ident, story, txt, gold_path, body, published, meta)
    if not gold_path.is_file():
        problems.append(f"{gold_path}: missing gold file for {txt.name}")
        return None
    gold = read_yaml(gold_path, problems)
    if gold is None:
        if len(problems) == n0:
            problems.append(f"{gold_path}: empty gold file (expected exhaustive, mentions, flags)")
        return None
    if not isinstance(gold, dict):
        problems.append(f"{gold_path}:1: the gold file is a mapping (exhaustive, mentions, flags, notes)")
        return None
    unknown = set(gold) - {"exhaustive", "mentions", "flags", "notes"}
    for k in sorted(map(str, unknown)):
        problems.append(f"{gold_path}:{_line(gold, k)}: {k}: unknown field (expected exhaustive, mentions, flags, notes)")
    ex = gold.get("exhaustive", False)
    if not isinstance(ex, bool):
        problems.append(f"{gold_path}:{_line(gold, 'exhaustive')}: exhaustive: must be true or false, not {ex!r}")
    art.exhaustive = ex is True
    for i, item in enumerate(_list(gold, "mentions", str(gold_path), problems), 1):
        where = f"{gold_path}:{_line(item) or _line(gold, 'mentions')}: mentions[{i}]"
        m = _load_mention(item, body, where, problems)
        if m:
            art.mentions.append(m)
    if "flags" not in gold:
        problems.append(f"{gold_path}: flags: missing (write `flags: []` for a clean article)")
    for i, item in enumerate(_list(gold, "flags", str(gold_path), problems), 1):
        where = f"{gold_path}:{_line(item) or _line(gold, 'flags')}: flags[{i}]"
        f = _load_flag(item, body, where, problems)
        if f:
            art.flags.append(f)
    notes = gold.get("notes")
    art.notes = notes if isinstance(notes, str) else ""
    return None if len(problems) > n0 else art


def _load_relation(kind: str, item: Any, by_id: dict[str, GoldArticle], where: str,
                   problems: list[str]) -> GoldRelation | None:
    if not isinstance(item, dict) or not isinstance(item.get("claims"), list):
        problems.append(f"{where}: claims: each entry is {{claims: [{{article, text}}, {{article, text}}], note}}")
        return None
    claims = item["claims"]
    if len(claims) != 2:
        problems.append(f"{where}: claims: exactly two claims per entry, not {len(claims)}")
        return None
    out = []
    for j, c in enumerate(claims, 1):
        cw = f"{where}: claims[{j}]"
        if not isinstance(c, dict):
            problems.append(f"{cw}: a claim is {{article, text}}")
            return None
        aid, text = c.get("article"), c.get("text")
        if aid not in by_id:
            problems.append(f"{cw}: article: {aid!r} is not one of this story's articles")
            return None
        if not isinstance(text, str) or not text:
            problems.append(f"{cw}: text: missing or not a string")
            return None
        spans = _spans(by_id[aid].text, text, None, f"{cw} ({aid})", problems)
        if not spans:
            return None
        out.append(GoldClaim(aid, text, spans))
    note = item.get("note")
    singular = {"contradictions": "contradiction", "updates": "update", "agreements": "agreement"}[kind]
    return GoldRelation(singular, tuple(out), note if isinstance(note, str) else "", _line(item))


def load_story(story_yaml: Path, problems: list[str], seen: dict[str, Path]) -> Story | None:
    n0 = len(problems)
    folder = story_yaml.parent
    data = read_yaml(story_yaml, problems)
    if data is None:
        if len(problems) == n0:
            problems.append(f"{story_yaml}: empty story file (expected title, articles, contradictions…)")
        return None
    if not isinstance(data, dict):
        problems.append(f"{story_yaml}:1: the story file is a mapping (title, description, articles, …)")
        return None
    unknown = set(data) - {"title", "description", "articles", *RELATIONS}
    for k in sorted(map(str, unknown)):
        problems.append(f"{story_yaml}:{_line(data, k)}: {k}: unknown field "
                        "(expected title, description, articles, contradictions, updates, agreements)")
    ids = data.get("articles")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        problems.append(f"{story_yaml}:{_line(data, 'articles')}: articles: a non-empty list of article ids")
        return None
    articles = []
    for aid in ids:
        if aid in seen:
            problems.append(f"{story_yaml}:{_line(data, 'articles')}: articles: {aid!r} is already in {seen[aid]}")
            continue
        seen[aid] = story_yaml
        txt = folder / f"{aid}.txt"
        if not txt.is_file():
            problems.append(f"{story_yaml}:{_line(data, 'articles')}: articles: no file {txt}")
            continue
        art = load_article(txt, folder.name, problems)
        if art:
            articles.append(art)
    listed = set(ids)
    for txt in sorted(folder.glob("*.txt")):
        if txt.stem not in listed:
            problems.append(f"{txt}: not listed in {story_yaml.name} articles")
    by_id = {a.id: a for a in articles}
    relations: dict[str, list[GoldRelation]] = {k: [] for k in RELATIONS}
    for kind in RELATIONS:
        for i, item in enumerate(_list(data, kind, str(story_yaml), problems), 1):
            where = f"{story_yaml}:{_line(item) or _line(data, kind)}: {kind}[{i}]"
            if isinstance(item, dict) and isinstance(item.get("claims"), list):
                missing = [c.get("article") for c in item["claims"] if isinstance(c, dict)
                           and c.get("article") in listed and c.get("article") not in by_id]
                if missing:     # the article itself failed to load; that problem is already reported
                    continue
            r = _load_relation(kind, item, by_id, where, problems)
            if r:
                relations[kind].append(r)
    if len(problems) > n0:
        return None
    title = data.get("title")
    desc = data.get("description")
    return Story(folder.name, story_yaml, title if isinstance(title, str) else folder.name,
                 desc if isinstance(desc, str) else "", articles, relations)


def find_stories(root: Path) -> list[Path]:
    """story.yaml files under ``root`` (``root`` itself may be a story folder)."""
    if (root / "story.yaml").is_file():
        return [root / "story.yaml"]
    return sorted(root.glob("*/story.yaml"))


def load_thresholds(root: Path, problems: list[str]) -> tuple[dict | None, Path | None]:
    path = root / "thresholds.yaml"
    if path.is_file():
        data = read_yaml(path, problems)
        if data is None:
            return {}, path
    else:
        path = root / "corpus.yaml"
        if not path.is_file():
            return None, None
        top = read_yaml(path, problems)
        if not isinstance(top, dict) or "thresholds" not in top:
            return None, None
        data = top["thresholds"]
    if not isinstance(data, dict):
        problems.append(f"{path}:1: thresholds: a mapping with `minimum:` and/or `known:`")
        return None, path
    problems.extend(validate_thresholds(data, str(path)))
    return data, path


def load_or_explain(root: Path, stream) -> "Corpus | None":
    """Load a corpus for a command: on problems, print each and a count to `stream`, return None."""
    try:
        return load_corpus(root)
    except CorpusError as e:
        for p in e.problems:
            print(p, file=stream)
        print(f"rasti: {len(e.problems)} problem(s) in the corpus at {root}", file=stream)
        return None


def load_corpus(root: str | Path) -> Corpus:
    """Load and validate a corpus directory (or one story folder); raises CorpusError."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError([f"{root}: no such corpus directory"])
    problems: list[str] = []
    story_files = find_stories(root)
    if not story_files:
        raise CorpusError([f"{root}: no story.yaml found (expected {root}/<story>/story.yaml)"])
    seen: dict[str, Path] = {}
    stories = [s for s in (load_story(p, problems, seen) for p in story_files) if s]
    corpus_root = root if not (root / "story.yaml").is_file() else root.parent
    thresholds, tpath = load_thresholds(corpus_root, problems)
    if problems:
        raise CorpusError(problems)
    return Corpus(corpus_root, stories, thresholds, tpath)
