"""The desk's findings and the editors' verdicts on them, in the store's ``verdicts`` table.

A finding is a flag of one article (``kind="flag"``) or a contradiction or update between two
articles' claims. Each is recorded when the desk is shown it (`rasti serve`), under an id that
depends only on what it is (kind, code, the articles and spans), so showing it again finds the
same row and keeps its verdict. An editor's verdict is ``confirmed`` or ``false_alarm`` with a
note; a finding without one is pending. Per rule, fired / confirmed / false alarms give the
desk's own measured precision (`rasti rules stats`).

Plain portable SQL as in the store: select, then insert or update, in one transaction.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

VERDICTS = ("confirmed", "false_alarm")
KINDS = ("flag", "contradiction", "update")


@dataclass(frozen=True)
class Verdict:
    """One finding as stored, with its verdict (None while pending)."""
    id: str
    kind: str
    article_id: str
    code: str
    rule: str
    finding: dict
    seen_at: str
    verdict: str | None
    note: str | None
    decided_at: str | None


@dataclass(frozen=True)
class RuleStats:
    """What one rule fired and what the desk decided about it."""
    rule: str
    code: str
    fired: int
    confirmed: int
    false_alarms: int

    @property
    def pending(self) -> int:
        return self.fired - self.confirmed - self.false_alarms

    @property
    def precision(self) -> float | None:
        decided = self.confirmed + self.false_alarms
        return self.confirmed / decided if decided else None


def finding_key(kind: str, article_id: str, finding: dict) -> str:
    """The identity of a finding: what it says and where, never when it was seen."""
    code = str(finding.get("code") or "")
    if kind == "flag":
        spans = ",".join(f"{s[0]}-{s[1]}" for s in finding.get("spans") or () if len(s) == 2)
        return f"flag|{article_id}|{code}|{spans}"
    claims = sorted(f"{c.get('article')}:{c.get('start')}-{c.get('end')}"
                    for c in finding.get("claims") or () if isinstance(c, dict))
    return f"{kind}|{code}|" + "|".join(claims)


def finding_id(kind: str, article_id: str, finding: dict) -> str:
    return hashlib.sha256(finding_key(kind, article_id, finding).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_COLUMNS = "id, kind, article_id, code, rule, finding, seen_at, verdict, note, decided_at"


def _row(r: Iterable[Any]) -> Verdict:
    id, kind, aid, code, rule, finding, seen, verdict, note, decided = r
    return Verdict(id, kind, aid, code, rule, json.loads(finding), seen, verdict, note, decided)


def record(store, kind: str, article_id: str, findings: Iterable[dict]) -> list[str]:
    """Record findings the desk was shown (new ones pending, known ones keep their verdict);
    their ids, in order."""
    if kind not in KINDS:
        raise ValueError(f"unknown finding kind {kind!r}")
    ids = []
    store._begin()
    try:
        for f in findings:
            fid = finding_id(kind, article_id, f)
            data = json.dumps(f, ensure_ascii=False, default=str)
            known = store._exec("SELECT id FROM verdicts WHERE id = ?", (fid,)).fetchone()
            if known is None:
                store._exec(f"INSERT INTO verdicts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
                            (fid, kind, article_id, str(f.get("code") or ""), str(f.get("rule") or "?"), data, _now()))
            else:
                store._exec("UPDATE verdicts SET finding = ? WHERE id = ?", (data, fid))
            ids.append(fid)
        store._commit()
    except BaseException:
        store._rollback()
        raise
    return ids


def decide(store, fid: str, verdict: str, note: str = "") -> Verdict:
    """Set the editor's verdict on a recorded finding; KeyError when there is no such finding."""
    if verdict not in VERDICTS:
        raise ValueError(f"a verdict is one of {', '.join(VERDICTS)}, not {verdict!r}")
    store._begin()
    try:
        n = store._exec("UPDATE verdicts SET verdict = ?, note = ?, decided_at = ? WHERE id = ?",
                        (verdict, note, _now(), fid)).rowcount
        store._commit()
    except BaseException:
        store._rollback()
        raise
    if not n:
        raise KeyError(fid)
    return get(store, fid)


def get(store, fid: str) -> Verdict:
    r = store._exec(f"SELECT {_COLUMNS} FROM verdicts WHERE id = ?", (fid,)).fetchone()
    if r is None:
        raise KeyError(fid)
    return _row(r)


def of_article(store, article_id: str) -> dict[str, Verdict]:
    """Every finding recorded for an article (its flags, and the findings between it and another)."""
    rows = store._exec(f"SELECT {_COLUMNS} FROM verdicts WHERE article_id = ? OR finding LIKE ?",
                       (article_id, f'%"article": {json.dumps(article_id, ensure_ascii=False)}%')).fetchall()
    out = {}
    for r in rows:                      # LIKE narrows; the claims decide (an id may hold % or _)
        v = _row(r)
        if v.article_id == article_id or any(isinstance(c, dict) and c.get("article") == article_id
                                             for c in v.finding.get("claims") or ()):
            out[v.id] = v
    return out


def decided(store, verdict: str | None = None) -> list[Verdict]:
    """Findings with a verdict (of one kind of verdict), the latest decision first."""
    sql = f"SELECT {_COLUMNS} FROM verdicts WHERE verdict IS NOT NULL"
    params: tuple = ()
    if verdict:
        sql, params = sql + " AND verdict = ?", (verdict,)
    return [_row(r) for r in store._exec(sql + " ORDER BY decided_at DESC, id", params).fetchall()]


def rule_stats(store) -> list[RuleStats]:
    """Per rule (and check code): findings fired, confirmed and false alarms, by rule."""
    rows = store._exec(
        "SELECT rule, code, COUNT(*),"
        " SUM(CASE WHEN verdict = 'confirmed' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN verdict = 'false_alarm' THEN 1 ELSE 0 END)"
        " FROM verdicts GROUP BY rule, code ORDER BY rule, code").fetchall()
    return [RuleStats(r, c, int(n), int(y or 0), int(f or 0)) for r, c, n, y, f in rows]
