"""What the served desk does, without the web: read a paste or an upload into sources (as the
command line reads files: front matter, JSONL fields, strict publication dates), store them,
and build the view of stored articles — each read and checked again, compared against the
rest of the store, its findings recorded (store/verdicts.py) with their verdicts."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from dataclasses import replace

from ..feed.inputs import Source, check_date, duplicate_ids, read_jsonl, read_txt
from ..store import FactStore, content_hash, rules_hash
from ..store import browse, verdicts
from .config import DeskConfig


@dataclass
class View:
    """Articles as the desk shows them: each checked, the comparison against the store, and the
    recorded findings (flag or finding key -> finding id) with their verdicts."""
    articles: list[Any]                         # checked rasti Articles
    stored: list[browse.StoredArticle]          # the same, as stored (None where not stored)
    others: dict[str, browse.StoredArticle]     # stored articles the comparison names
    comparison: dict
    ids: dict[tuple, str] = field(default_factory=dict)
    verdicts: dict[str, verdicts.Verdict] = field(default_factory=dict)
    saved: bool = True
    sources: list[Source] = field(default_factory=list)     # a preview's sources (their meta: url)


def _meta_source(text: str, *, id: str, outlet: str, url: str, published: str) -> Source:
    where = "the pasted text"
    if not text.strip():
        raise InputError(f"{where}: the article is empty")
    pub = check_date(published.strip() or None, where) if published.strip() else None
    meta = {k: v for k, v in (("source", outlet.strip()), ("url", url.strip())) if v}
    return Source(id.strip() or f"pasted-{content_hash('', pub, text)[:10]}", text, pub, where, meta, "",
                  "option" if pub else None)


def paste_sources(text: str, *, id: str = "", outlet: str = "", url: str = "", published: str = "") -> list[Source]:
    """A pasted article: with front matter (`---` / `id:` … `---`) it is read as a .txt file
    would be, else the form's fields give its id, outlet, url and publication date-time."""
    text = text.replace("\r\n", "\n")
    if text.lstrip().startswith("---"):
        src = read_txt(text.encode("utf-8"), "the pasted text", published.strip() or None)
        if not src.meta.get("id"):          # not «the pasted text»: one paste would replace another
            src = replace(src, id=f"pasted-{content_hash('', src.published, src.text)[:10]}")
        return [src]
    return [_meta_source(text, id=id, outlet=outlet, url=url, published=published)]


def upload_sources(filename: str, data: bytes, published: str = "") -> tuple[list[Source], list[str]]:
    """An uploaded .txt or .jsonl, decoded as text (never run or parsed as anything else): the
    good articles, and one line per bad one (file:line: why)."""
    name = Path(filename or "upload.txt").name
    pub = published.strip() or None
    if name.endswith(".jsonl"):
        good, bad = [], []
        for s in read_jsonl(iter(data.splitlines()), name, pub):
            (bad.append(str(s)) if isinstance(s, InputError) else good.append(s))
        repeated = duplicate_ids(good)      # one would replace the other in the store
        return ([], bad + [str(e) for e in repeated]) if repeated else (good, bad)
    if not name.endswith(".txt"):
        return [], [f"{name}: not a .txt or .jsonl file"]
    try:
        return [read_txt(data, name, pub)], []
    except InputError as e:
        return [], [str(e)]


class Desk:
    """One engine and one store path for every request (a new connection per request: SQLite
    allows one writer at a time, and the store waits for it)."""

    def __init__(self, config: DeskConfig, engine=None) -> None:
        from ..api import Engine
        self.config = config
        self.engine = engine or Engine(list(config.rules))
        self.rules = rules_hash(config.rules)
        self._lock = threading.Lock()       # one writer of this process at a time
        with self.store() as s:
            s.require_writable()

    def store(self) -> FactStore:
        return FactStore(self.config.db, rules=self.rules)

    def put(self, sources: list[Source]) -> list[str]:
        """Store each source (replacing one of the same id); their ids."""
        with self._lock, self.store() as s:
            for src in sources:
                art = self.engine.read(src.text, published=src.published, id=src.id,
                                       published_source=src.published_source)
                s.index(art, self.engine, source=src.meta.get("source"), origin=src.origin,
                        url=src.meta.get("url"), force=True)
        return [src.id for src in sources]

    def view(self, ids: list[str]) -> View | None:
        """Stored articles ``ids`` read, checked and compared against the rest of the store, their
        findings recorded; None when one is not stored."""
        with self._lock, self.store() as s:
            stored = [browse.article(s, i) for i in ids]
            if any(x is None for x in stored):
                return None
            arts = [self._check(x.text, x.published_at or x.published, x.id, x.published_source, x.source)
                    for x in stored]
            v = self._compare(s, arts, stored)
            self._record(s, v)
            return v

    def preview(self, sources: list[Source]) -> View:
        """Articles compared against the store without storing them (and so without verdicts)."""
        arts = [self._check(x.text, x.published, x.id, x.published_source, x.meta.get("source")) for x in sources]
        with self.store() as s:
            v = self._compare(s, arts, [])
        v.saved, v.sources = False, list(sources)
        return v

    def _check(self, text: str, published, id: str, psource, outlet):
        art = self.engine.read(text, published=published, id=id, published_source=psource)
        art = self.engine.check(art)
        return art if not outlet else _with_source(art, outlet)

    def _compare(self, s: FactStore, arts: list, stored: list) -> View:
        claims = s.claims_against(arts, self.engine)
        cmp = self.engine.compare(arts, stored=claims).to_dict(articles=False)
        mine = {a.id for a in arts}
        named = {str(c.get("article")) for k in ("contradictions", "updates", "agreements")
                 for it in cmp.get(k) or () for c in it.get("claims") or () if isinstance(c, dict)}
        named |= {str(x.get("article")) for e in cmp.get("ledger") or () for x in e.get("values") or ()}
        others = {i: a for i in sorted(named - mine) if (a := browse.article(s, i)) is not None}
        return View(arts, stored, others, cmp)

    def _record(self, s: FactStore, v: View) -> None:
        for art in v.articles:
            flags = [f.to_dict() for f in art.flags]
            for f, fid in zip(flags, verdicts.record(s, "flag", art.id, flags)):
                v.ids[flag_key(art.id, f)] = fid
        for kind, key in (("contradiction", "contradictions"), ("update", "updates")):
            items = list(v.comparison.get(key) or ())
            for it in items:
                # the claim a confirmed finding reviews: of an update, the earlier (outdated) one; of
                # a contradiction, the one of the article being looked at (the new copy)
                claims = [c for c in it.get("claims") or () if isinstance(c, dict)]
                mine = [c for c in claims if c.get("article") in {a.id for a in v.articles}]
                first = (claims if kind == "update" else mine or claims or [{}])[0]
                fid = verdicts.record(s, kind, str(first.get("article") or ""), [it])[0]
                v.ids[finding_key(kind, it)] = fid
        for a in v.articles:
            v.verdicts.update(verdicts.of_article(s, a.id))

    def decide(self, fid: str, verdict: str, note: str) -> verdicts.Verdict:
        with self._lock, self.store() as s:
            return verdicts.decide(s, fid, verdict, note)

    def finding(self, fid: str) -> tuple[verdicts.Verdict, browse.StoredArticle | None]:
        with self.store() as s:
            v = verdicts.get(s, fid)
            return v, browse.article(s, v.article_id)

    def search(self, **kw) -> tuple[list[browse.StoredArticle], list[tuple[str, int]]]:
        with self.store() as s:
            return browse.search(s, **kw), browse.subjects(s)

    def stats(self) -> list[verdicts.RuleStats]:
        with self.store() as s:
            return verdicts.rule_stats(s)


def _with_source(art, outlet: str):
    return replace(art, source=outlet)


def flag_key(article_id: str, f: dict) -> tuple:
    return ("flag", article_id, verdicts.finding_key("flag", article_id, f))


def finding_key(kind: str, it: dict) -> tuple:
    return (kind, verdicts.finding_key(kind, "", it))
