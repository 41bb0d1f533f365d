"""Reading the store back for a desk: one stored article, and articles found by subject (a
claim's subject key), outlet or day. Indexed lookups where there is an index (claims by subject,
articles by day); LIKE on the subject and outlet, so part of a name finds it."""
from __future__ import annotations

from dataclasses import dataclass

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: enough to read it again and show it as written."""
    id: str
    published: str | None
    published_at: str | None
    published_source: str | None
    source: str | None
    url: str | None
    origin: str | None
    indexed_at: str
    fact_count: int
    claim_count: int
    text: str


_COLS = ("id, published, published_at, published_source, source, url, origin, indexed_at, fact_count,"
         " claim_count, body")


def article(store, id: str) -> StoredArticle | None:
    r = store._exec(f"SELECT {_COLS} FROM articles WHERE id = ?", (id,)).fetchone()
    return StoredArticle(*r) if r else None


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(store, *, subject: str = "", outlet: str = "", day: str = "",
           limit: int = SEARCH_LIMIT) -> list[StoredArticle]:
    """Articles matching every given criterion (none given: the latest stored), newest first."""
    where, params = [], []
    if subject.strip():
        where.append("id IN (SELECT article_id FROM claims WHERE subject_key LIKE ? ESCAPE '\\')")
        params.append(_like(subject.strip()))
    if outlet.strip():
        where.append("source LIKE ? ESCAPE '\\'")
        params.append(_like(outlet.strip()))
    if day.strip():
        where.append("published = ?")
        params.append(day.strip())
    sql = f"SELECT {_COLS} FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
    rows = store._exec(sql + " ORDER BY published DESC, seq DESC", params).fetchmany(limit)
    return [StoredArticle(*r) for r in rows]


def subjects(store, limit: int = 50) -> list[tuple[str, int]]:
    """The most claimed subjects and how many claims name each (the search page's hints)."""
    rows = store._exec("SELECT subject_key, COUNT(*) FROM claims GROUP BY subject_key"
                       " ORDER BY COUNT(*) DESC, subject_key").fetchmany(limit)
    return [(k, int(n)) for k, n in rows]
