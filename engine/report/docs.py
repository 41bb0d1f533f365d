"""The report's inputs: the JSON contracts of the other stages (article and comparison dicts,
or objects with ``to_dict()``) paired with their sources into :class:`Doc`, one article as the
page shows it. Nothing here renders markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .fmt import detect_lang


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _plain(x: Any) -> Any:
    return x.to_dict() if hasattr(x, "to_dict") else x


def article_dict(a: Any) -> dict:
    """An article as its JSON contract, with flags and coverage when it has them."""
    if isinstance(a, dict):
        d = dict(a)
    else:
        d = dict(a.to_dict())
        if "flags" not in d and getattr(a, "flags", None):
            d["flags"] = [_plain(f) for f in a.flags]
        cov = getattr(a, "coverage", None)
        if "coverage" not in d and cov is not None:
            d["coverage"] = _plain(cov)
        if "text" not in d and isinstance(getattr(a, "text", None), str):
            d["text"] = a.text
        meta = getattr(a, "meta", None)
        if meta and "meta" not in d:
            d["meta"] = dict(meta)
    d["flags"] = [_plain(f) for f in d.get("flags") or ()]
    return d


def comparison_dict(c: Any) -> dict | None:
    if c is None:
        return None
    if isinstance(c, dict):
        return c
    try:
        return c.to_dict(articles=False)
    except TypeError:
        return c.to_dict()


@dataclass
class Doc:
    """One article as the page shows it."""
    n: int                      # its number on the page (DOM ids use it, never the article id)
    id: str
    text: str
    published: str | None
    outlet: str
    url: str | None
    origin: str | None
    lang: str
    mentions: list[dict]
    flags: list[dict]
    coverage: Any
    has_text: bool = True
    gold: list[dict] = field(default_factory=list)     # corpus runner differences for this article
    targets: dict[int, str] = field(default_factory=dict)   # flag number -> DOM id (after rendering)
    # a served desk (`rasti serve`): markup after a flag's rule (its verdict form), and the page
    # the article is on when it is not on this one (its claims link there)
    flag_note: Callable[[dict], str] | None = None
    page: str | None = None

    @property
    def dir(self) -> str:
        return "rtl" if self.lang == "fa" else "ltr"


def _source_fields(src: Any) -> dict:
    if src is None:
        return {}
    if isinstance(src, str):
        return {"text": src}
    meta = dict(_get(src, "meta") or {})
    out = {"meta": meta}
    for k in ("id", "text", "published", "origin", "source", "url", "lang"):
        v = _get(src, k)
        if v is not None:
            out[k] = v
    path = _get(src, "path")
    if path is not None and "origin" not in out:
        out["origin"] = str(path)
    return out


def _docs(articles: Sequence[Any], sources: Sequence[Any] | None, start: int = 1) -> list[Doc]:
    """Pair article dicts with their sources: by id, else by position."""
    dicts = [article_dict(a) for a in articles]
    srcs = [_source_fields(s) for s in (sources or ())]
    by_id: dict[str, list[int]] = {}
    for i, s in enumerate(srcs):
        if s.get("id") is not None:
            by_id.setdefault(str(s["id"]), []).append(i)
    used: set[int] = set()
    docs = []
    for i, d in enumerate(dicts):
        j = None
        for k in by_id.get(str(d.get("id")), []):
            if k not in used:
                j = k
                break
        if j is None and i < len(srcs) and i not in used and srcs[i].get("id") in (None, d.get("id")):
            j = i
        s = srcs[j] if j is not None else {}
        if j is not None:
            used.add(j)
        meta = {**(d.get("meta") or {}), **(s.get("meta") or {})}
        text = d.get("text") if isinstance(d.get("text"), str) else s.get("text")
        has_text = isinstance(text, str)
        text = text if has_text else ""
        lang = str(meta.get("lang") or s.get("lang") or d.get("lang") or "").lower()[:2]
        if lang not in ("fa", "en"):
            lang = detect_lang(text) if text else "fa"
        docs.append(Doc(
            n=start + i, id=str(d.get("id") or s.get("id") or f"#{start + i}"), text=text,
            published=d.get("published") or s.get("published"),
            outlet=str(meta.get("source") or d.get("source") or s.get("source") or ""),
            url=meta.get("url") or s.get("url"), origin=s.get("origin"), lang=lang,
            mentions=[m for m in d.get("mentions") or () if isinstance(m, dict)],
            flags=[f for f in d.get("flags") or () if isinstance(f, dict)],
            coverage=d.get("coverage"), has_text=has_text))
    return docs
