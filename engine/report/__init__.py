"""The desk report: one self-contained HTML page of articles, flags and contradictions.

It renders the JSON contracts of the other stages, never their internals:

* an article is ``Article.to_dict()`` (mentions, facts) plus, once checked, ``flags``
  (``{"code","severity","message":{"fa","en"},"spans":[[s,e]],"evidence","rule"}``) and
  ``coverage``; objects with ``to_dict()`` / ``.flags`` / ``.coverage`` are accepted too;
* a comparison is ``Comparison.to_dict()``: ``contradictions``, ``agreements``, ``updates``
  (each ``{"code","severity","message","claims":[{"article","start","end","text","value",
  "interval","unit","attribution"}],"rule"}``) and ``ledger``;
* a source gives what the article dict lacks: the text as written and its front matter
  (``lang``, ``source`` = the outlet, ``url``), e.g. ``engine.inputs.Source``.

Safe by construction: every string that reaches the page goes through :func:`esc`; the page
loads nothing (a Content-Security-Policy allows only its own inline style and script, by hash).
Accessible: flags are reachable by keyboard (a side list of links, an inline marker after each
flagged span, ``n``/``p`` to step through them), and severity is shown by a text marker and the
underline style as well as by colour.

Entry points: :func:`render_check`, :func:`render_compare`, :func:`render_corpus`,
:func:`write_output` (atomic), and :func:`add_report_options` for the stage CLIs.
"""
from __future__ import annotations

import base64
import contextlib
import copy
import functools
import hashlib
import html
import io
import json
import math
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..lang.labels import Labels

# --- vocabulary --------------------------------------------------------------------------------

# The words are in rules/report.rules (lexicons severity_name, mention_kind_name, calendar_name,
# ledger_status and report_label, read by engine/labels.py); here only keys, markers and order.
SEVERITY = {"error": "✖", "warning": "▲", "info": "●"}   # marker; the order is the rank (worst first)
KINDS = ("number", "percent", "money", "quantity", "fraction", "ordinal", "date", "weekday", "time", "duration")
NUMBER_KINDS = ("number", "percent", "money", "quantity", "fraction", "ordinal")
DATE_KINDS = ("date", "weekday", "time", "duration")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CALENDARS = ("jalali", "gregorian", "hijri")
# Outlet colours and marker shapes for the ledger charts: two cues, not colour alone.
PALETTE = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7b83", "#57606a")
SHAPES = ("circle", "square", "triangle", "diamond")

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def esc(s: Any) -> str:
    """Text (or anything) as HTML text or attribute content."""
    return html.escape("" if s is None else str(s), quote=True)


def detect_lang(text: str) -> str:
    """``fa`` when Arabic-script letters outnumber Latin ones, else ``en``."""
    return "fa" if len(_ARABIC_SCRIPT.findall(text)) >= len(_LATIN.findall(text)) else "en"


def _digits(n: Any, lang: str) -> str:
    s = str(n)
    return s.translate(_PERSIAN_DIGITS) if lang == "fa" else s


def _bi(fa: str, en: str) -> str:
    """A bilingual label: Persian, then English (each tagged with its language)."""
    return f'<span lang="fa">{esc(fa)}</span> <span class="en" lang="en" dir="ltr">{esc(en)}</span>'


@functools.lru_cache(maxsize=None)
def _names(lexicon: str) -> Labels:
    """A display lexicon of the built-in rules: the report renders JSON, with no Engine at hand."""
    from ..api import default_engine
    return Labels(default_engine().ruleset.lexicons, lexicon)


def _lb(key: str, lexicon: str = "report_label", suffix: str = "") -> str:
    """The bilingual label ``key`` of a lexicon of rules/report.rules (``suffix`` after each language)."""
    fa, en = _names(lexicon).pair(key)
    return _bi(fa + suffix, en + suffix)


def page_title(key: str) -> str:
    """A page title: «rasti — گزارش بررسی / check report»."""
    fa, en = _names("report_label").pair(key)
    return f"rasti — {fa} / {en}"


def _severity(sev: str) -> tuple[str, str, str]:
    """(marker, Persian, English) of a severity."""
    return (SEVERITY.get(sev, "?"), *_names("severity_name").pair(sev))


# --- inputs --------------------------------------------------------------------------------------

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


# --- values ---------------------------------------------------------------------------------

def fmt_number(x: Any) -> str:
    if x is None:
        return "?"
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, float):
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        if x.is_integer() and abs(x) < 1e18:
            x = int(x)
        else:
            return f"{x:,.6g}" if abs(x) < 1e15 else f"{x:.6g}"
    return f"{x:,}"


def fmt_value(value: Any, interval: Any, unit: Any = None) -> str:
    """A normalized value: the point, else the interval (∞ for an open bound), then the unit."""
    if value is not None:
        s = fmt_number(value)
    elif isinstance(interval, (list, tuple)) and len(interval) == 2:
        lo, hi = interval
        if lo is not None and lo == hi:
            s = fmt_number(lo)
        else:
            s = f"[{'−∞' if lo is None else fmt_number(lo)}, {'∞' if hi is None else fmt_number(hi)}]"
    else:
        s = "—"
    if unit and unit not in ("count",):
        s += f" {unit}"
    return s


def _three_calendars(iso: str) -> list[str]:
    """Fallback when a date has no ``display``: the day in each calendar, as numbers."""
    try:
        d = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return []
    try:
        from ..read.calendars import from_gregorian
    except ImportError:     # pragma: no cover
        return [iso]
    out = []
    for cal in CALENDARS:
        try:
            y, m, dd = from_gregorian(cal, d)
            out.append(f"{y:04d}-{m:02d}-{dd:02d}")
        except Exception:   # noqa: BLE001 — out of a calendar's range
            out.append("—")
    return out


def _tip_rows(m: dict) -> list[tuple[str, str]]:
    """What the tooltip of a mention says: (label html, value text)."""
    kind = m.get("kind") or "?"
    fa, en = _names("mention_kind_name").pair(kind)
    rows: list[tuple[str, str]] = [(_lb("kind"), f"{fa} / {en}")]
    if kind == "date":
        if m.get("valid") is False:
            rows.append((_lb("invalid"), str(m.get("reason") or "this day does not exist")))
        display = m.get("display")
        parts = str(display).split(" = ") if display else []
        weekday = ""
        if parts and ", " in parts[-1]:
            parts[-1], weekday = parts[-1].rsplit(", ", 1)
        if len(parts) != 3 and isinstance(m.get("value"), str):
            parts = _three_calendars(m["value"])
        if len(parts) == 3:
            for cal, p in zip(CALENDARS, parts):
                rows.append((_lb(cal, "calendar_name"), p))
        elif display:
            rows.append((_lb("span"), str(display)))
        elif m.get("interval"):
            rows.append((_lb("span"), fmt_value(None, m.get("interval"))))
        if weekday:
            rows.append((_lb("weekday"), weekday))
        if m.get("calendar"):
            rows.append((_lb("written_in"), str(m["calendar"])))
        if m.get("year_inferred"):
            rows.append((_lb("year"), "inferred from the publication date"))
    elif kind == "weekday":
        v = m.get("value")
        name = WEEKDAYS_EN[v] if isinstance(v, int) and 0 <= v < 7 else str(v)
        rows.append((_lb("value"), f"{m.get('name') or ''} {name}".strip()))
    elif kind == "duration":
        rows.append((_lb("days"), fmt_value(m.get("value"), m.get("interval"))))
        if m.get("amount") is not None or m.get("unit"):
            rows.append((_lb("as_written"), f"{fmt_number(m.get('amount')) if m.get('amount') is not None else ''} {m.get('unit') or ''}".strip()))
    else:
        rows.append((_lb("value"), fmt_value(m.get("value"), m.get("interval"), m.get("unit"))))
        if m.get("base_unit") and m.get("base_unit") != m.get("unit"):
            rows.append((_lb("base_unit"),
                         fmt_value(m.get("base_value"), m.get("base_interval"), m.get("base_unit"))))
    if m.get("hedge"):
        rows.append((_lb("hedge"), str(m["hedge"])))
    if m.get("precision") not in (None, 1) and kind not in ("date",):
        rows.append((_lb("precision"), fmt_number(m["precision"])))
    return rows


# --- article text --------------------------------------------------------------------------------

def _spans_of(f: dict, n: int) -> list[tuple[int, int]]:
    out = []
    for s in f.get("spans") or ():
        try:
            a, b = int(s[0]), int(s[1])
        except (TypeError, ValueError, IndexError):
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            out.append((a, b))
    return sorted(out)


def _sev(f: dict) -> str:
    s = str(f.get("severity") or "info")
    return s if s in SEVERITY else "info"


def _worst(sevs: Iterable[str]) -> str:
    order = list(SEVERITY)
    return min(sevs, key=order.index, default="info")


def _ordered_flags(doc: Doc) -> list[tuple[int, dict, list[tuple[int, int]]]]:
    """Flags with their clipped spans, in reading order, numbered from 1."""
    items = [(f, _spans_of(f, len(doc.text))) for f in doc.flags]
    items.sort(key=lambda t: (t[1][0] if t[1] else (1 << 60, 0), list(SEVERITY).index(_sev(t[0]))))
    return [(k, f, sp) for k, (f, sp) in enumerate(items, 1)]


def _mention_layout(doc: Doc) -> list[tuple[int, int, dict]]:
    """Non-overlapping mentions (longer first where they collide), in text order."""
    n = len(doc.text)
    cands = []
    for m in doc.mentions:
        try:
            a, b = int(m.get("start")), int(m.get("end"))
        except (TypeError, ValueError):
            continue
        if 0 <= a < b <= n:
            cands.append((a, b, m))
    cands.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out, last = [], -1
    for a, b, m in cands:
        if a >= last:
            out.append((a, b, m))
            last = b
    return out


def _unchecked_ids(cov: Any) -> tuple[set[str], list[tuple[int, int]]]:
    """Mentions a coverage summary lists as unchecked: by id or by span."""
    ids: set[str] = set()
    spans: list[tuple[int, int]] = []
    if not isinstance(cov, dict):
        return ids, spans
    lists = [cov.get("unchecked")]
    for k in ("numbers", "dates"):
        if isinstance(cov.get(k), dict):
            lists.append(cov[k].get("unchecked"))
    for lst in lists:
        for x in lst if isinstance(lst, list) else ():
            if isinstance(x, str):
                ids.add(x)
            elif isinstance(x, dict):
                if x.get("id"):
                    ids.add(str(x["id"]))
                elif isinstance(x.get("start"), int) and isinstance(x.get("end"), int):
                    spans.append((x["start"], x["end"]))
            elif isinstance(x, (list, tuple)) and len(x) == 2 and all(isinstance(v, int) for v in x):
                spans.append((x[0], x[1]))
    return ids, spans


def render_text(doc: Doc, claim_marks: dict[tuple[int, int], str] | None = None) -> tuple[str, dict[int, str]]:
    """The article as written: mentions marked by kind with their value on hover/focus, flagged
    spans underlined by severity (each flag's first span is a jump target, its last span is
    followed by a marker linking back to the flag list), claims of the comparison as anchors.
    Returns the markup and, per flag number, the id of the element its jump lands on."""
    text = doc.text
    n = len(text)
    mentions = _mention_layout(doc)
    flags = _ordered_flags(doc)
    claims = {(a, b): cls for (a, b), cls in (claim_marks or {}).items() if 0 <= a < b <= n}
    unchecked_ids, unchecked_spans = _unchecked_ids(doc.coverage)

    cuts = {0, n}
    for a, b, _ in mentions:
        cuts.update((a, b))
    for _, _, sp in flags:
        for a, b in sp:
            cuts.update((a, b))
    for a, b in claims:
        cuts.update((a, b))
    cuts_l = sorted(cuts)

    m_start = {a: (a, b, m) for a, b, m in mentions}
    first_seg: dict[int, int] = {}          # flag number -> offset of its first span's start
    last_end: dict[int, int] = {}           # flag number -> end of its last span
    for k, _, sp in flags:
        if sp:
            first_seg[k] = sp[0][0]
            last_end[k] = max(b for _, b in sp)
    markers_at: dict[int, list[int]] = {}
    for k, e in last_end.items():
        markers_at.setdefault(e, []).append(k)
    claim_starts: dict[int, list[tuple[int, int]]] = {}
    for x, y in sorted(claims):
        claim_starts.setdefault(x, []).append((x, y))
    targets: dict[int, str] = {}          # flag number -> id of the element that starts it

    out: list[str] = []
    open_m: tuple[int, int, dict] | None = None
    pending: list[int] = []               # markers waiting for the current mention to close
    p = f"a{doc.n}"

    def marker(k: int) -> str:
        f = flags[k - 1][1]
        sev = _sev(f)
        sym, _, sen = _severity(sev)
        label = f"{sen} {k}: {f.get('code') or ''}"
        return (f'<a class="fref sev-{sev}" href="#{p}-fl{k}" data-jump="{p}-fl{k}" '
                f'aria-label="{esc(label)}">{sym}{esc(_digits(k, doc.lang))}</a>')

    for i in range(len(cuts_l) - 1):
        a, b = cuts_l[i], cuts_l[i + 1]
        if open_m is None and a in m_start:
            open_m = m_start[a]
            ma, mb, m = open_m
            kind = str(m.get("kind") or "x")
            cls = ["m", f"k-{re.sub(r'[^a-z0-9_-]', '', kind.lower()) or 'x'}"]
            if m.get("valid") is False:
                cls.append("invalid")
            if str(m.get("id") or "") in unchecked_ids or (ma, mb) in unchecked_spans:
                cls.append("unchecked")
            out.append(f'<span class="{" ".join(cls)}" tabindex="0" data-kind="{esc(kind)}" '
                       f'aria-describedby="{p}-t{ma}">')
        covering = [(k, f) for k, f, sp in flags if any(x <= a and b <= y for x, y in sp)]
        seg = esc(text[a:b])
        cls: list[str] = []
        if covering:
            cls += ["f", f"sev-{_worst(_sev(f) for _, f in covering)}"]
        inside_claim = {claims[c] for c in claims if c[0] <= a and b <= c[1]}
        cls += sorted(inside_claim)
        ids = [f"{p}-f{k}" for k, _ in covering if first_seg.get(k) == a]
        flag_ids = len(ids)
        ids += [f"{p}-c{x}-{y}" for x, y in claim_starts.get(a, ())]
        if cls or ids:
            attrs = [f'class="{" ".join(cls)}"'] if cls else []
            if covering:
                attrs.append(f'data-flags="{" ".join(str(k) for k, _ in covering)}"')
            if ids:
                attrs.append(f'id="{ids[0]}"')
                if flag_ids:
                    attrs.append('tabindex="-1" data-flag-target')
                for k, _ in covering:
                    if first_seg.get(k) == a:
                        targets[k] = ids[0]
            seg = "".join(f'<span id="{x}" data-alias="{ids[0]}"></span>' for x in ids[1:]) + \
                f'<span {" ".join(attrs)}>{seg}</span>'
        out.append(seg)
        if open_m is not None and b == open_m[1]:
            ma, mb, m = open_m
            rows = "".join(f'<span class="row"><span class="lab">{lab}</span> '
                           f'<bdi class="val">{esc(val)}</bdi></span>' for lab, val in _tip_rows(m))
            out.append(f'<span class="tip" role="tooltip" id="{p}-t{ma}" dir="{doc.dir}">{rows}</span></span>')
            open_m = None
            out.extend(marker(k) for k in pending)
            pending = []
        for k in markers_at.get(b, ()):
            if open_m is not None:
                pending.append(k)
            else:
                out.append(marker(k))
    return "".join(out), targets


def _quote(doc: Doc | None, start: Any, end: Any, fallback: str, width: int = 80) -> str:
    """The sentence around a span with the span marked; the claim text alone without a source."""
    if doc is None or not doc.has_text:
        return f'<mark>{esc(fallback)}</mark>'
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        return f'<mark>{esc(fallback)}</mark>'
    t = doc.text
    if not (0 <= s < e <= len(t)):
        return f'<mark>{esc(fallback)}</mark>'
    a = s
    while a > 0 and not _SENTENCE_END.match(t[a - 1]) and s - a < width:
        a -= 1
    m = _SENTENCE_END.search(t, e)
    b = min(m.end() if m else len(t), e + width)
    pre = ("…" if a > 0 and not _SENTENCE_END.match(t[a - 1]) else "") + t[a:s].lstrip()
    post = t[e:b].rstrip() + ("…" if b < len(t) and not _SENTENCE_END.match(t[b - 1]) else "")
    return f'{esc(pre)}<mark>{esc(t[s:e])}</mark>{esc(post)}'


# --- coverage ------------------------------------------------------------------------------------

def _count(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, (list, tuple, set)):
        return len(v)
    if isinstance(v, dict):
        nums = [_count(x) for x in v.values()]
        nums = [x for x in nums if x is not None]
        return sum(nums) if nums else None
    return None


def coverage_counts(doc: Doc) -> dict[str, dict[str, int | None]]:
    """{"numbers": {"found", "checked", "unchecked"}, "dates": {…}, "all": {…}} from the coverage
    summary where it says so, else found from the mentions and checked unknown (None)."""
    found_n = sum(1 for m in doc.mentions if m.get("kind") in NUMBER_KINDS)
    found_d = sum(1 for m in doc.mentions if m.get("kind") in DATE_KINDS)
    out = {"numbers": {"found": found_n, "checked": None, "unchecked": None},
           "dates": {"found": found_d, "checked": None, "unchecked": None},
           "all": {"found": found_n + found_d, "checked": None, "unchecked": None}}
    cov = doc.coverage
    if not isinstance(cov, dict):
        return out
    for group in ("numbers", "dates"):
        sub = cov.get(group)
        if isinstance(sub, dict):
            for key in ("found", "checked", "unchecked"):
                c = _count(sub.get(key))
                if c is not None:
                    out[group][key] = c
        elif _count(sub) is not None:
            out[group]["found"] = _count(sub)
    for key in ("found", "checked", "unchecked"):
        c = _count(cov.get(key))
        if c is not None:
            out["all"][key] = c
        elif all(out[g][key] is not None for g in ("numbers", "dates")):
            out["all"][key] = out["numbers"][key] + out["dates"][key]
    for g in ("numbers", "dates"):
        x = out[g]
        if x["unchecked"] is None and x["found"] is not None and x["checked"] is not None:
            x["unchecked"] = max(0, x["found"] - x["checked"])
    a = out["all"]
    if a["unchecked"] is None and a["found"] is not None and a["checked"] is not None:
        a["unchecked"] = max(0, a["found"] - a["checked"])
    if a["checked"] is None and a["found"] is not None and a["unchecked"] is not None:
        a["checked"] = max(0, a["found"] - a["unchecked"])
    return out


def render_coverage(doc: Doc, checked: bool) -> str:
    c = coverage_counts(doc)
    L = doc.lang

    def num(v: int | None) -> str:
        return "?" if v is None else _digits(v, L)

    a, n, d = c["all"], c["numbers"], c["dates"]
    parts = [f'{_lb("coverage")}:',
             f'<span class="cov-found">{_lb("found")} <b>{num(a["found"])}</b> '
             f'({_lb("numbers")} {num(n["found"])} · {_lb("dates")} {num(d["found"])})</span>']
    if a["checked"] is not None or a["unchecked"] is not None:
        per = ""
        if n["checked"] is not None and d["checked"] is not None:
            per = (f' ({_lb("numbers")} {num(n["checked"])}/{num(n["found"])} · '
                   f'{_lb("dates")} {num(d["checked"])}/{num(d["found"])})')
        parts.append(f'<span class="cov-checked">{_lb("checked")} <b>{num(a["checked"])}</b>{per}</span>')
        parts.append(f'<span class="cov-unchecked">{_lb("unchecked")} <b>{num(a["unchecked"])}</b></span>')
    elif not checked:
        parts.append(f'<span class="cov-none">{_lb("checks_not_run")}</span>')
    else:
        parts.append(f'<span class="cov-none">{_lb("no_coverage")}</span>')
    return f'<p class="coverage" data-found="{a["found"]}" data-checked="{"" if a["checked"] is None else a["checked"]}" ' \
           f'data-unchecked="{"" if a["unchecked"] is None else a["unchecked"]}">{" ".join(parts)}</p>'


# --- one article -----------------------------------------------------------------------------------

def _flag_item(doc: Doc, k: int, f: dict, spans: list[tuple[int, int]], target: str | None) -> str:
    p = f"a{doc.n}"
    sev = _sev(f)
    sym, sfa, sen = _severity(sev)
    msg = f.get("message") if isinstance(f.get("message"), dict) else {"en": f.get("message")}
    quoted = " … ".join(doc.text[a:b] for a, b in spans) if doc.has_text else ""
    head = (f'<span class="sevtag sev-{sev}">{sym} <span lang="fa">{esc(sfa)}</span>'
            f' <span lang="en" dir="ltr">{esc(sen)}</span></span> '
            f'<span class="num">{esc(_digits(k, doc.lang))}</span> <code dir="ltr">{esc(f.get("code") or "?")}</code>')
    body = ""
    if quoted:
        body += f'<span class="quote" dir="{doc.dir}" lang="{doc.lang}">«{esc(quoted)}»</span>'
    if msg.get("fa"):
        body += f'<span class="msg" lang="fa" dir="rtl">{esc(msg["fa"])}</span>'
    if msg.get("en"):
        body += f'<span class="msg" lang="en" dir="ltr">{esc(msg["en"])}</span>'
    link = (f'<a class="flag-link" href="#{target}" data-jump="{target}">{head}{body}</a>' if target
            else f'<div class="flag-link nospan">{head}{body}</div>')
    extra = ""
    ev = f.get("evidence")
    if ev:
        extra += (f'<details><summary>{_lb("evidence")}</summary>'
                  f'<pre dir="ltr">{esc(json.dumps(ev, ensure_ascii=False, indent=1, default=str))}</pre></details>')
    if f.get("rule"):
        extra += f'<small class="rule" dir="ltr">{esc(f["rule"])}</small>'
    return (f'<li id="{p}-fl{k}" class="flag sev-{sev}" data-code="{esc(f.get("code") or "")}" '
            f'data-severity="{sev}">{link}{extra}</li>')


def render_article(doc: Doc, *, checked: bool, claim_marks: dict | None = None) -> str:
    p = f"a{doc.n}"
    flags = _ordered_flags(doc)
    sev_count = Counter(_sev(f) for _, f, _ in flags)
    meta = [f'<span class="aid" dir="ltr">{esc(doc.id)}</span>']
    if doc.outlet:
        meta.append(f'<span class="outlet">{esc(doc.outlet)}</span>')
    meta.append(f'<span class="pub">{_lb("published")} <bdi dir="ltr">{esc(doc.published or "?")}</bdi></span>')
    if doc.url and re.match(r"https?://", str(doc.url), re.I):
        meta.append(f'<a class="url" dir="ltr" href="{esc(doc.url)}" rel="noopener noreferrer nofollow">{esc(doc.url)}</a>')
    elif doc.url:                                   # javascript:, data: … are shown, never linked
        meta.append(f'<span class="url" dir="ltr">{esc(doc.url)}</span>')
    if doc.origin:
        meta.append(f'<span class="origin" dir="ltr">{esc(doc.origin)}</span>')
    counts = " ".join(f'<span class="sevtag sev-{s}">{SEVERITY[s]} {_digits(sev_count[s], doc.lang)} '
                      f'{_lb(s, "severity_name")}</span>' for s in SEVERITY if sev_count[s])
    body, targets = render_text(doc, claim_marks) if doc.has_text else \
        (f'<p class="notext">{_lb("no_text")}</p>', {})
    doc.targets = targets
    if flags:
        items = "".join(_flag_item(doc, k, f, sp, targets.get(k)) for k, f, sp in flags)
        side = f'<ol class="flags">{items}</ol>'
    elif checked:
        side = f'<p class="noflags">{_lb("no_flags")}</p>'
    else:
        side = f'<p class="noflags">{_lb("checks_not_available")}</p>'
    gold = ""
    if doc.gold:
        gold = ('<ul class="golddiff" dir="ltr">' + "".join(
            f'<li class="{"known" if d.get("known") else "new"} sign-{"minus" if d.get("sign") == "-" else "plus"}">'
            f'{esc(d.get("line"))}{(" — " + esc(d.get("detail"))) if d.get("detail") else ""}'
            f'{" (known)" if d.get("known") else ""}</li>' for d in doc.gold) + "</ul>")
    return (f'<article class="article" id="{p}" dir="{doc.dir}" lang="{doc.lang}" data-id="{esc(doc.id)}" '
            f'data-flags="{len(flags)}" aria-labelledby="{p}-h">'
            f'<header><h3 id="{p}-h">{esc(doc.outlet or doc.id)}</h3><p class="meta">{" ".join(meta)}</p>'
            f'{render_coverage(doc, checked)}{("<p class=counts>" + counts + "</p>") if counts else ""}{gold}</header>'
            f'<div class="cols"><aside class="side" aria-label="flags {esc(doc.id)}">'
            f'<h4>{_lb("flags")}</h4>{side}</aside>'
            f'<div class="text" dir="{doc.dir}" lang="{doc.lang}">{body}</div></div></article>')


# --- the comparison ------------------------------------------------------------------------------

def _claim_cell(c: dict, docs_by_id: dict[str, Doc], pubs: dict[str, str] | None = None) -> str:
    aid = str(c.get("article") or "")
    doc = docs_by_id.get(aid)
    outlet = doc.outlet if doc and doc.outlet else aid
    pub = (doc.published if doc else None) or c.get("published") or (pubs or {}).get(aid) or "?"
    d, lang = (doc.dir, doc.lang) if doc else ("auto", "")
    value = fmt_value(c.get("value"), c.get("interval"), c.get("unit"))
    link = f'#a{doc.n}-c{c.get("start")}-{c.get("end")}' if doc and doc.has_text else None
    who = c.get("attribution")
    who_t = who.get("text") if isinstance(who, dict) else who
    src = f'<a href="{link}" data-jump="{link[1:]}">{esc(aid)}</a>' if link else esc(aid)
    return (f'<div class="claim" data-article="{esc(aid)}">'
            f'<div class="who"><span class="outlet">{esc(outlet)}</span> · <bdi dir="ltr">{esc(pub)}</bdi> · '
            f'<span class="aid" dir="ltr">{src}</span></div>'
            f'<blockquote dir="{d}"{f" lang={chr(34)}{lang}{chr(34)}" if lang else ""}>{_quote(doc, c.get("start"), c.get("end"), str(c.get("text") or ""))}</blockquote>'
            f'<div class="value">{_lb("value")}: <bdi class="v" dir="ltr">{esc(value)}</bdi></div>'
            + (f'<div class="attr">{_lb("according_to")}: <bdi>{esc(who_t)}</bdi></div>' if who_t else "")
            + "</div>")


def _message(item: dict) -> str:
    msg = item.get("message")
    if not isinstance(msg, dict):
        msg = {"en": msg} if msg else {}
    out = ""
    if msg.get("fa"):
        out += f'<span class="msg" lang="fa" dir="rtl">{esc(msg["fa"])}</span>'
    if msg.get("en"):
        out += f'<span class="msg" lang="en" dir="ltr">{esc(msg["en"])}</span>'
    return out


def _relations_table(kind: str, items: list[dict], docs_by_id: dict[str, Doc], sid: str,
                     pubs: dict[str, str] | None = None) -> str:
    head = f'<h3 id="{sid}-{kind}">{_lb(kind + "_title")} <span class="count">({len(items)})</span></h3>'
    if not items:
        return f'<section class="rel {kind}" data-kind="{kind}">{head}<p class="none">{_lb("none")}</p></section>'
    ncl = max(2, max(len(it.get("claims") or ()) for it in items))
    cols = "".join(f'<th scope="col">{_lb("claim", suffix=" " + str(i + 1))}</th>'
                   if kind != "updates" else
                   f'<th scope="col">{_lb("earlier" if i == 0 else "later")}</th>'
                   for i in range(ncl))
    rows = []
    for i, it in enumerate(items, 1):
        sev = _sev(it) if kind == "contradictions" else str(it.get("severity") or "info")
        sev = sev if sev in SEVERITY else "info"
        sym, sfa, sen = _severity(sev)
        claims = [c for c in it.get("claims") or () if isinstance(c, dict)]
        cells = "".join(f"<td>{_claim_cell(c, docs_by_id, pubs)}</td>" for c in claims)
        cells += "<td></td>" * (ncl - len(claims))
        tag = (f'<span class="sevtag sev-{sev}">{sym} <span lang="fa">{esc(sfa)}</span> '
               f'<span lang="en" dir="ltr">{esc(sen)}</span></span>') if kind == "contradictions" else ""
        rows.append(f'<tr id="{sid}-{kind}-{i}" class="sev-{sev}" tabindex="-1" '
                    f'data-articles="{esc(" ".join(str(c.get("article")) for c in claims))}">'
                    f'<th scope="row">{tag} {_message(it)}'
                    f'{("<small class=rule dir=ltr>" + esc(it["rule"]) + "</small>") if it.get("rule") else ""}</th>{cells}</tr>')
    return (f'<section class="rel {kind}" data-kind="{kind}">{head}<div class="scroll"><table class="{kind}">'
            f'<thead><tr><th scope="col">{_lb("what")}</th>{cols}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _numeric(v: Any, unit: Any) -> float | None:
    if v is None:
        return None
    if unit == "date" and isinstance(v, str):
        try:
            return float(date.fromisoformat(v).toordinal())
        except ValueError:
            return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v) if math.isfinite(v) else None


def _ordinal(iso: Any) -> int | None:
    try:
        return date.fromisoformat(str(iso)[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def _marker_svg(shape: str, x: float, y: float, color: str, hollow: bool, r: float = 4.5) -> str:
    fill = "#fff" if hollow else color
    common = f'fill="{fill}" stroke="{color}" stroke-width="1.8"'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {common}/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - r - 1:.1f} {x - r - 1:.1f},{y + r:.1f} {x + r + 1:.1f},{y + r:.1f}" {common}/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}" {common}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'


def ledger_chart(entry: dict, outlet_of: Callable[[str], str], style_of: Callable[[str], tuple[str, str]],
                 cid: str) -> str:
    """Value against publication date, one series per outlet; '' when it cannot be drawn."""
    unit = entry.get("unit")
    pts = []
    for v in entry.get("values") or ():
        x = _ordinal(v.get("published"))
        if x is None:
            continue
        iv = v.get("interval") if isinstance(v.get("interval"), (list, tuple)) and len(v.get("interval")) == 2 else (None, None)
        point = _numeric(v.get("value"), unit)
        lo, hi = _numeric(iv[0], unit), _numeric(iv[1], unit)
        if point is None and lo is None and hi is None:
            continue
        pts.append((x, point, lo, hi, v))
    if len(pts) < 3:
        return ""
    ys = [y for _, p, lo, hi, _ in pts for y in (p, lo, hi) if y is not None]
    y0, y1 = min(ys), max(ys)
    if y0 == y1:
        pad = max(1.0, abs(y0) * 0.1)
    else:
        pad = (y1 - y0) * 0.12
    y0, y1 = y0 - pad, y1 + pad
    if unit != "date" and min(ys) >= 0 and y0 < 0:
        y0 = 0.0
    xs = [p[0] for p in pts]
    x0, x1 = min(xs), max(xs)
    W, H, L, R, T, B = 440, 200, 64, 16, 14, 38

    def X(x: float) -> float:
        return L + (W - L - R) / 2 if x0 == x1 else L + (x - x0) / (x1 - x0) * (W - L - R)

    def Y(y: float) -> float:
        return T + (1 - (y - y0) / (y1 - y0)) * (H - T - B)

    def ylab(y: float) -> str:
        return date.fromordinal(int(round(y))).isoformat() if unit == "date" else fmt_number(round(y, 6) if abs(y) < 1e15 else y)

    parts = [f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" class="plot"/>']
    for frac in (0, 0.5, 1):
        yv = y0 + frac * (y1 - y0)
        yy = Y(yv)
        parts.append(f'<line x1="{L}" x2="{W - R}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
                     f'<text x="{L - 6}" y="{yy + 4:.1f}" text-anchor="end" class="ax">{esc(ylab(yv))}</text>')
    days = sorted(set(xs))
    shown = days if len(days) <= 4 else [days[0], days[len(days) // 2], days[-1]]
    for d in shown:
        parts.append(f'<line x1="{X(d):.1f}" x2="{X(d):.1f}" y1="{T}" y2="{H - B}" class="grid"/>'
                     f'<text x="{X(d):.1f}" y="{H - B + 16}" text-anchor="middle" class="ax">{date.fromordinal(d).isoformat()}</text>')
    series: dict[str, list] = {}
    for x, point, lo, hi, v in pts:
        series.setdefault(str(v.get("article")), []).append((x, point, lo, hi, v))
    by_outlet: dict[str, list] = {}
    for aid, s in series.items():
        by_outlet.setdefault(outlet_of(aid), []).extend(s)
    for outlet, s in by_outlet.items():
        color, shape = style_of(outlet)
        s.sort(key=lambda t: t[0])
        line = [(X(x), Y(p if p is not None else (lo if lo is not None else hi))) for x, p, lo, hi, _ in s]
        if len(line) >= 2:
            parts.append(f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in line)}" fill="none" '
                         f'stroke="{color}" stroke-width="1.5" stroke-opacity="0.7"/>')
        for (x, point, lo, hi, v), (px, py) in zip(s, line):
            if point is None:       # an interval: a bar, open ends reach the frame with an arrow
                ya = Y(lo) if lo is not None else H - B
                yb = Y(hi) if hi is not None else T
                parts.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{ya:.1f}" y2="{yb:.1f}" stroke="{color}" stroke-width="2"/>')
                if hi is None:
                    parts.append(f'<polygon points="{px:.1f},{T - 2} {px - 4:.1f},{T + 6} {px + 4:.1f},{T + 6}" fill="{color}"/>')
            status = str(v.get("status") or "")
            label = (f'{outlet} ({v.get("article")}), {v.get("published")}: '
                     f'{fmt_value(v.get("value"), v.get("interval"), unit)} — {v.get("text") or ""} [{status}]')
            mk = _marker_svg(shape, px, py, color, hollow=point is None)
            ring = (f'<circle cx="{px:.1f}" cy="{py:.1f}" r="8" fill="none" stroke="#d1242f" stroke-width="1.5" '
                    f'stroke-dasharray="2 2"/>' if status == "contradicts" else "")
            parts.append(f'<g class="pt" data-status="{esc(status)}"><title>{esc(label)}</title>{ring}{mk}</g>')
    subj = entry.get("subject") or {}
    title = f'{subj.get("text") or subj.get("key") or ""}: value by publication date, per outlet'
    legend = "".join(
        f'<li><svg width="14" height="14" aria-hidden="true">{_marker_svg(style_of(o)[1], 7, 7, style_of(o)[0], False, 4)}</svg> '
        f'{esc(o)}</li>' for o in by_outlet)
    return (f'<figure class="chart"><svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
            f'aria-labelledby="{cid}-t" dir="ltr"><title id="{cid}-t">{esc(title)}</title>{"".join(parts)}</svg>'
            f'<figcaption><ul class="legend">{legend}</ul></figcaption></figure>')


def _ledger(entries: list[dict], docs_by_id: dict[str, Doc], sid: str) -> str:
    head = f'<h3 id="{sid}-ledger">{_lb("ledger_title")} <span class="count">({len(entries)})</span></h3>'
    if not entries:
        return f'<section class="rel ledger">{head}<p class="none">{_lb("none")}</p></section>'
    styles: dict[str, tuple[str, str]] = {}

    def outlet_of(aid: str) -> str:
        d = docs_by_id.get(aid)
        return d.outlet if d and d.outlet else aid

    def style_of(outlet: str) -> tuple[str, str]:
        if outlet not in styles:
            i = len(styles)
            styles[outlet] = (PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)])
        return styles[outlet]

    for d in sorted(docs_by_id.values(), key=lambda d: d.n):     # stable styles across charts
        style_of(d.outlet or d.id)
    out = [head]
    for i, e in enumerate(entries, 1):
        subj = e.get("subject") or {}
        pred = e.get("predicate")
        pred_t = pred.get("key") if isinstance(pred, dict) else pred
        time = e.get("time")
        time_t = " / ".join(time) if isinstance(time, list) else (time or "")
        values = [v for v in e.get("values") or () if isinstance(v, dict)]
        title = " · ".join(esc(x) for x in (subj.get("text") or subj.get("key"), pred_t, e.get("unit"), time_t) if x)
        rows = []
        for v in values:
            aid = str(v.get("article") or "")
            doc = docs_by_id.get(aid)
            status = str(v.get("status") or "")
            sfa, sen = _names("ledger_status").pair(status)
            link = f'#a{doc.n}-c{v.get("start")}-{v.get("end")}' if doc and doc.has_text else None
            src = f'<a href="{link}" data-jump="{link[1:]}">{esc(aid)}</a>' if link else esc(aid)
            rows.append(f'<tr class="st-{esc(status)}"><td><bdi dir="ltr">{esc(v.get("published") or "?")}</bdi></td>'
                        f'<td>{esc(outlet_of(aid))} <span class="aid" dir="ltr">{src}</span></td>'
                        f'<td dir="{doc.dir if doc else "auto"}">{esc(v.get("text") or "")}</td>'
                        f'<td><bdi dir="ltr">{esc(fmt_value(v.get("value"), v.get("interval"), e.get("unit")))}</bdi></td>'
                        f'<td class="status">{_bi(sfa, sen)}</td></tr>')
        chart = ledger_chart(e, outlet_of, style_of, f"{sid}-chart{i}") if len(values) >= 3 else ""
        out.append(f'<div class="figure" id="{sid}-fig{i}" data-values="{len(values)}"><h4>{title}'
                   f'{" <span class=series>" + _lb("running_total") + "</span>" if e.get("series") else ""}</h4>'
                   f'<div class="figrow"><div class="scroll"><table class="ledger"><thead><tr>'
                   f'<th scope="col">{_lb("published")}</th><th scope="col">{_lb("outlet")}</th>'
                   f'<th scope="col">{_lb("quote")}</th><th scope="col">{_lb("value")}</th>'
                   f'<th scope="col">{_lb("status")}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
                   f'{chart}</div></div>')
    return f'<section class="rel ledger">{"".join(out)}</section>'


def _claim_marks(comparison: dict | None, docs: list[Doc]) -> dict[int, dict[tuple[int, int], str]]:
    """Per doc number: the claim spans the comparison names, with a class by relation."""
    marks: dict[int, dict[tuple[int, int], str]] = {}
    if not comparison:
        return marks
    by_id = {d.id: d for d in docs}
    rank = {"claim-x": 0, "claim-u": 1, "claim-a": 2, "claim": 3}

    def add(c: dict, cls: str) -> None:
        d = by_id.get(str(c.get("article")))
        if d is None:
            return
        try:
            span = (int(c.get("start")), int(c.get("end")))
        except (TypeError, ValueError):
            return
        cur = marks.setdefault(d.n, {}).get(span)
        if cur is None or rank[cls] < rank[cur]:
            marks[d.n][span] = cls

    for kind, cls in (("contradictions", "claim-x"), ("updates", "claim-u"), ("agreements", "claim-a")):
        for it in comparison.get(kind) or ():
            for c in it.get("claims") or ():
                if isinstance(c, dict):
                    add(c, cls)
    for e in comparison.get("ledger") or ():
        for v in e.get("values") or ():
            if isinstance(v, dict):
                add(v, "claim")
    return marks


def render_comparison(comparison: dict, docs: list[Doc], sid: str) -> tuple[str, str]:
    """(contradictions + updates, agreements + ledger): the page shows the first before the
    articles and the second after them."""
    by_id = {d.id: d for d in docs}
    pubs = {str(v.get("article")): v.get("published") for e in comparison.get("ledger") or ()
            for v in e.get("values") or () if isinstance(v, dict) and v.get("published")}   # stored articles
    top = (_relations_table("contradictions", list(comparison.get("contradictions") or ()), by_id, sid, pubs)
           + _relations_table("updates", list(comparison.get("updates") or ()), by_id, sid, pubs))
    bottom = (_relations_table("agreements", list(comparison.get("agreements") or ()), by_id, sid, pubs)
              + _ledger(list(comparison.get("ledger") or ()), by_id, sid))
    return top, bottom


# --- the page ------------------------------------------------------------------------------------

FONT_STACK = ('"Vazirmatn", "Vazir", "Sahel", "Shabnam", "IRANSans", "Noto Naskh Arabic", "Noto Sans Arabic", '
              '"Segoe UI", Tahoma, "DejaVu Sans", "Arial Unicode MS", sans-serif')

CSS = """
:root{--rasti-css:1;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;--focus:#0550ae;
--err:#b3261e;--warn:#9a6700;--info:#0969da}
*{box-sizing:border-box}
body{margin:0;font-family:FONTS;color:var(--fg);background:var(--bg);line-height:1.7;font-size:16px}
header.page,main,footer{max-width:1240px;margin:0 auto;padding:0 16px}
header.page{padding-block:12px;border-bottom:1px solid var(--line)}
h1{font-size:1.45rem;margin:.2em 0}h2{font-size:1.25rem;margin:1.2em 0 .4em;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:1em 0 .4em}h4{font-size:1rem;margin:.4em 0}
.en{color:var(--muted);font-size:.85em}
.summary{display:flex;flex-wrap:wrap;gap:6px 14px;margin:.3em 0;padding:0;list-style:none}
.summary li{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:2px 8px}
.legend-bar{display:flex;flex-wrap:wrap;gap:6px 10px;font-size:.85rem;color:var(--muted);margin:.3em 0}
.legend-bar .m{cursor:default}
.keys{font-size:.85rem;color:var(--muted)}
kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 4px;font-size:.8em;background:var(--panel)}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:3px}
.skip{position:absolute;inset-inline-start:-9999px}.skip:focus{inset-inline-start:8px;top:8px;background:#fff;padding:4px 8px;z-index:20}
.article{border:1px solid var(--line);border-radius:8px;margin:14px 0;padding:10px 14px;background:#fff}
.article header h3{margin:0}
.meta{margin:.1em 0;color:var(--muted);font-size:.9rem;display:flex;flex-wrap:wrap;gap:4px 12px}
.meta .url{font-size:.8rem;overflow-wrap:anywhere}
.coverage{margin:.2em 0;font-size:.88rem;background:var(--panel);border-radius:6px;padding:2px 8px;display:inline-block}
.coverage>span{margin-inline-start:.6em}
.counts{margin:.2em 0}
.cols{display:grid;grid-template-columns:minmax(14rem,19rem) 1fr;gap:14px;align-items:start}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
.side{position:sticky;top:8px;max-height:90vh;overflow:auto;border-inline-end:1px solid var(--line);padding-inline-end:10px}
.flags{list-style:none;margin:0;padding:0}
.flag{margin:0 0 8px;border-inline-start:4px solid var(--info);padding-inline-start:6px}
.flag.sev-error{border-inline-start-color:var(--err)}.flag.sev-warning{border-inline-start-color:var(--warn)}
.flag-link{display:block;color:inherit;text-decoration:none;border-radius:4px;padding:2px}
.flag-link:hover{background:var(--panel)}
.flag .msg{display:block;font-size:.9rem}.flag .quote{display:block;font-size:.9rem;color:var(--muted)}
.flag code{white-space:nowrap}
.flag .rule,.rel .rule{display:block;color:var(--muted);font-size:.75rem}
.flag details{font-size:.8rem}.flag pre{white-space:pre-wrap;margin:0;font-size:.75rem}
.sevtag{font-weight:600;border-radius:4px;padding:0 5px;white-space:nowrap;border:1px solid}
.sevtag.sev-error{color:var(--err);background:#ffebe9}.sevtag.sev-warning{color:var(--warn);background:#fff8c5}
.sevtag.sev-info{color:var(--info);background:#ddf4ff}
.num{font-weight:600}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem;line-height:2.05}
.m{position:relative;border-radius:3px;padding:1px 1px;border-bottom:2px solid transparent;cursor:help}
.m.k-number,.m.k-ordinal,.m.k-fraction{background:#ddf4ff}.m.k-percent{background:#fbefff}
.m.k-money{background:#dafbe1}.m.k-quantity{background:#d8f3f1}.m.k-date{background:#fff1c2}
.m.k-weekday,.m.k-time,.m.k-duration{background:#ffe7d1}
.m.invalid{outline:1px dashed var(--err)}
.m.unchecked{border-bottom:2px dotted var(--muted)}
.m:hover,.m:focus{box-shadow:0 0 0 2px #8c959f}
.tip{display:none;position:absolute;inset-block-start:calc(100% + 4px);inset-inline-start:0;z-index:10;min-width:15rem;
max-width:26rem;white-space:normal;background:#24292f;color:#fff;border-radius:6px;padding:6px 8px;font-size:.82rem;
line-height:1.5;box-shadow:0 4px 12px rgba(0,0,0,.25)}
.tip .row{display:block}.tip .lab{color:#c9d1d9}.tip .en{color:#adb5bd}.tip .val{font-weight:600}
.m:hover>.tip,.m:focus>.tip,.m:focus-within>.tip{display:block}
.f.sev-error{text-decoration:underline wavy var(--err);text-decoration-thickness:2px;text-underline-offset:5px;background:#ffebe9}
.f.sev-warning{text-decoration:underline dashed var(--warn);text-decoration-thickness:2px;text-underline-offset:5px;background:#fff8c5}
.f.sev-info{text-decoration:underline dotted var(--info);text-decoration-thickness:2px;text-underline-offset:5px}
.f.current,.f:focus{outline:3px solid var(--focus)}
.fref{font-size:.72em;vertical-align:super;text-decoration:none;font-weight:700;padding:0 2px;margin:0 1px;border-radius:3px}
.fref.sev-error{color:var(--err)}.fref.sev-warning{color:var(--warn)}.fref.sev-info{color:var(--info)}
.claim-x{box-shadow:inset 0 -3px 0 var(--err)}.claim-u{box-shadow:inset 0 -3px 0 #8250df}
.scroll{overflow-x:auto}
.aid{unicode-bidi:isolate;white-space:nowrap;font-family:ui-monospace,monospace;font-size:.85em}
.toc{display:flex;flex-wrap:wrap;gap:2px 18px;margin:.4em 0;padding-inline-start:1.4em;font-size:.92rem}
.toc li{margin-inline-end:8px}
table.overview code{white-space:nowrap}
.rel table{line-height:1.55}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid var(--line);padding:5px 7px;vertical-align:top;text-align:start}
thead th{background:var(--panel)}
table.contradictions tbody th,table.updates tbody th,table.agreements tbody th{width:20%;font-weight:normal}
.rel .msg{display:block}
.claim .who{font-size:.85rem;color:var(--muted)}.claim .outlet{color:var(--fg);font-weight:600}
.claim blockquote{margin:.2em 0;padding:2px 8px;border-inline-start:3px solid var(--line);background:var(--panel)}
.claim .value .v{font-weight:700}
.claim .attr{font-size:.85rem;color:var(--muted)}
mark{background:#fff1c2;color:inherit;padding:0 1px}
tr.sev-error th{border-inline-start:4px solid var(--err)}tr.sev-warning th{border-inline-start:4px solid var(--warn)}
tr:target,tr:focus{outline:3px solid var(--focus)}
.figure{margin:10px 0;border-top:1px dashed var(--line);padding-top:6px}
.figrow{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}.figrow>.scroll{flex:1 1 420px}
table.ledger tr.st-contradicts td{background:#ffebe9}table.ledger tr.st-update td{background:#fbefff}
.chart{margin:0}.chart svg{max-width:100%;height:auto;background:#fff}
.chart .plot{fill:#fff;stroke:var(--line)}.chart .grid{stroke:#eaeef2}.chart .ax{font:11px sans-serif;fill:#59636e}
.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:2px 12px;font-size:.8rem}
.none,.noflags,.notext{color:var(--muted)}
.story{border-top:3px solid var(--line);margin-top:20px}
.result.pass{color:#1a7f37}.result.fail{color:var(--err)}
.golddiff{font-family:monospace;font-size:.8rem;margin:.3em 0;padding-inline-start:1.2em}
.golddiff .new{color:var(--err)}.golddiff .known{color:var(--muted)}
table.scores td.n{text-align:end;font-variant-numeric:tabular-nums}
footer{color:var(--muted);font-size:.8rem;padding-block:16px}
""".replace("FONTS", FONT_STACK)

SCRIPT = """(function(){
var R=document.documentElement;R.setAttribute('data-dir',getComputedStyle(document.body).direction);
R.setAttribute('data-css',getComputedStyle(R).getPropertyValue('--rasti-css').trim());
var T=[].slice.call(document.querySelectorAll('[data-flag-target]')),cur=-1;
function show(t){var p=document.querySelector('.f.current');if(p)p.classList.remove('current');
if(t.classList.contains('f'))t.classList.add('current');t.focus({preventScroll:true});t.scrollIntoView({block:'center'});}
function go(i){if(!T.length)return;cur=(i+T.length)%T.length;show(T[cur]);}
document.addEventListener('keydown',function(e){if(e.altKey||e.ctrlKey||e.metaKey)return;
var g=e.target,n=(g.tagName||'').toLowerCase();if(n==='input'||n==='textarea'||n==='select'||g.isContentEditable)return;
var c=e.code||'';if(c==='KeyN'||c==='KeyJ'){go(cur+1);e.preventDefault();}
else if(c==='KeyP'||c==='KeyK'){go(cur-1);e.preventDefault();}});
document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('[data-jump]');if(!a)return;
var t=document.getElementById(a.getAttribute('data-jump'));if(t&&t.hasAttribute('data-alias'))t=document.getElementById(t.getAttribute('data-alias'));
if(!t)return;e.preventDefault();
if(!t.hasAttribute('tabindex'))t.setAttribute('tabindex','-1');var i=T.indexOf(t);if(i>=0)cur=i;show(t);
if(history.replaceState)history.replaceState(null,'','#'+t.id);});
document.addEventListener('focusin',function(e){var i=T.indexOf(e.target);if(i>=0)cur=i;});
})();"""


def _sha256(s: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")


def page(title: str, body: str, lang: str) -> str:
    """The HTML document: inline CSS and script only, allowed by hash; nothing is fetched."""
    d = "rtl" if lang == "fa" else "ltr"
    csp = (f"default-src 'none'; style-src '{_sha256(CSS)}'; script-src '{_sha256(SCRIPT)}'; "
           f"img-src data:; base-uri 'none'; form-action 'none'")
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{d}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="rasti desk report">\n'
            f'<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n'
            f'<a class="skip" href="#main">{_lb("skip")}</a>\n'
            f'{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n')


def _page_lang(docs: list[Doc]) -> str:
    if not docs:
        return "fa"
    c = Counter(d.lang for d in docs)
    return "fa" if c["fa"] >= c["en"] else "en"


def _legend() -> str:
    kinds = "".join(f'<span class="m k-{k}">{_lb(k, "mention_kind_name")}</span>' for k in KINDS
                    if k not in ("ordinal", "fraction", "time", "duration"))
    kinds += f'<span class="m k-number unchecked">{_lb("unchecked")}</span>'
    sev = "".join(f'<span class="sevtag sev-{s}">{sym} {_lb(s, "severity_name")}</span>' for s, sym in SEVERITY.items())
    return (f'<div class="legend-bar" aria-label="legend">{kinds} {sev}</div>'
            f'<p class="keys">{_lb("flag_keys")} <kbd>n</kbd>/<kbd>j</kbd> '
            f'{_lb("next")} · <kbd>p</kbd>/<kbd>k</kbd> {_lb("previous")} · <kbd>Tab</kbd> '
            f'{_lb("flag_lists")}</p>')


def _summary(docs: list[Doc], comparison: dict | None) -> str:
    sev = Counter(_sev(f) for d in docs for f in d.flags)
    items = [f'<li>{_lb("articles")}: <b>{len(docs)}</b></li>']
    for s, sym in SEVERITY.items():
        items.append(f'<li class="sev-{s}"><span class="sevtag sev-{s}">{sym}</span> {_lb(s, "severity_name")}: <b data-count="{s}">{sev[s]}</b></li>')
    if comparison is not None:
        for k, label in (("contradictions", "contradictions"), ("updates", "updates"),
                         ("agreements", "agreements"), ("ledger", "figures")):
            items.append(f'<li>{_lb(label)}: <b data-count="{k}">{len(comparison.get(k) or ())}</b></li>')
    return f'<ul class="summary">{"".join(items)}</ul>'


def _flag_overview(docs: list[Doc], sid: str, checked: bool) -> str:
    """Every flag of the story in one table, worst first; each row jumps to its span."""
    rows = []
    order = list(SEVERITY)
    items = [(d, k, f, sp) for d in docs for k, f, sp in _ordered_flags(d)]
    items.sort(key=lambda t: (order.index(_sev(t[2])), t[0].n, t[1]))
    for d, k, f, sp in items:
        sev = _sev(f)
        sym, sfa, sen = _severity(sev)
        quoted = " … ".join(d.text[a:b] for a, b in sp) if d.has_text else ""
        target = d.targets.get(k)
        where = esc(d.outlet or d.id)
        link = (f'<a href="#{target}" data-jump="{target}">{where} <span class="aid" dir="ltr">{esc(d.id)}</span> '
                f'<b>{esc(_digits(k, d.lang))}</b></a>') if target else where
        rows.append(f'<tr class="sev-{sev}" data-article="{esc(d.id)}" data-code="{esc(f.get("code") or "")}">'
                    f'<td><span class="sevtag sev-{sev}">{sym} <span lang="fa">{esc(sfa)}</span> '
                    f'<span lang="en" dir="ltr">{esc(sen)}</span></span></td><td>{link}</td>'
                    f'<td><code dir="ltr">{esc(f.get("code") or "?")}</code></td>'
                    f'<td dir="{d.dir}" lang="{d.lang}">{("«" + esc(quoted) + "»") if quoted else ""}</td>'
                    f'<td>{_message(f)}</td></tr>')
    head = f'<h3 id="{sid}-flags">{_lb("internal_flags")} <span class="count">({len(items)})</span></h3>'
    if not rows:
        none = _lb("none") if checked else _lb("checks_not_available")
        return f'<section class="rel overview">{head}<p class="none">{none}</p></section>'
    return (f'<section class="rel overview">{head}<div class="scroll"><table class="overview"><thead><tr>'
            f'<th scope="col">{_lb("severity")}</th><th scope="col">{_lb("article")}</th>'
            f'<th scope="col">{_lb("code")}</th><th scope="col">{_lb("text")}</th>'
            f'<th scope="col">{_lb("message")}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>')


def _story_body(docs: list[Doc], comparison: dict | None, sid: str, checked: bool) -> str:
    marks = _claim_marks(comparison, docs)
    top = bottom = ""
    if comparison is not None:
        top, bottom = render_comparison(comparison, docs, sid)
    toc = "".join(f'<li><a href="#a{d.n}">{esc(d.outlet or d.id)}</a> <span class="aid" dir="ltr">{esc(d.id)}</span>'
                  f'{" · " + "".join(SEVERITY[_sev(f)] for f in d.flags) if d.flags else ""}</li>' for d in docs)
    arts = "".join(render_article(d, checked=checked, claim_marks=marks.get(d.n)) for d in docs)
    return (f'<nav aria-label="articles"><ol class="toc">{toc}</ol></nav>'
            + _flag_overview(docs, sid, checked)
            + (f'<section class="compare" aria-label="compare">{top}</section>' if top else "")
            + f'<section class="articles"><h3>{_lb("articles_title")}</h3>{arts}</section>'
            + (f'<section class="compare" aria-label="agreements and ledger">{bottom}</section>' if bottom else ""))


def _checked(articles_dicts: list[dict], checked: bool | None) -> bool:
    if checked is not None:
        return checked
    return any("flags" in a or "coverage" in a for a in articles_dicts)


def render_check(articles: Sequence[Any], sources: Sequence[Any] | None = None, *,
                 title: str | None = None, checked: bool | None = None) -> str:
    """Checked articles (dicts or Article objects) as one page; ``sources`` give text and meta."""
    dicts = [article_dict(a) for a in articles]
    docs = _docs(dicts, sources)
    title = title or page_title("check_report")
    body = (f'<header class="page"><h1>{esc(title)}</h1>{_summary(docs, None)}{_legend()}</header>'
            f'<main id="main">{_story_body(docs, None, "s1", _checked(dicts, checked))}</main>'
            f'<footer>rasti desk report</footer>')
    return page(title, body, _page_lang(docs))


def render_compare(articles: Sequence[Any] | None, comparison: Any, sources: Sequence[Any] | None = None, *,
                   title: str | None = None, checked: bool | None = None) -> str:
    """One story: its articles with flags, then contradictions, updates, agreements and the
    ledger. ``articles`` may be None when ``comparison`` carries them (``"articles"``)."""
    cmp = comparison_dict(comparison) or {}
    if articles is None:
        articles = cmp.get("articles") or ()
    dicts = [article_dict(a) for a in articles]
    docs = _docs(dicts, sources)
    title = title or page_title("compare_report")
    body = (f'<header class="page"><h1>{esc(title)}</h1>{_summary(docs, cmp)}{_legend()}</header>'
            f'<main id="main">{_story_body(docs, cmp, "s1", _checked(dicts, checked))}</main>'
            f'<footer>rasti desk report</footer>')
    return page(title, body, _page_lang(docs))


def _fmt_rate(x: Any) -> str:
    return "—" if x is None else f"{x:.3f}"


def _scores_table(report: dict) -> str:
    rows = []
    for section, cats in (report.get("scores") or {}).items():
        if not isinstance(cats, dict):
            rows.append(f'<tr><th scope="row">{esc(section)}</th><td colspan="7">{esc(cats)}</td></tr>')
            continue
        for cat, t in cats.items():
            rows.append(f'<tr><th scope="row">{esc(section)}</th><td>{esc(cat)}</td>'
                        + "".join(f'<td class="n">{esc(t.get(k))}</td>' for k in ("gold", "found", "missed", "unexpected"))
                        + "".join(f'<td class="n">{_fmt_rate(t.get(k))}</td>' for k in ("precision", "recall", "f1"))
                        + "</tr>")
    if not rows:
        return ""
    return ('<div class="scroll" dir="ltr"><table class="scores"><thead><tr><th>section</th><th>category</th><th>gold</th>'
            '<th>found</th><th>missed</th><th>unexpected</th><th>P</th><th>R</th><th>F1</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def render_corpus(report: Any, stories: Sequence[dict], *, title: str | None = None) -> str:
    """A corpus run: the scores, then each story (its runner result, comparison and articles).

    ``report`` is the corpus runner's ``Report.to_dict()`` (or None: no scoring, e.g. `rasti
    report` over a corpus directory); each story is ``{"id", "title", "articles", "sources",
    "comparison", "checked"}``."""
    rep = _plain(report) if report is not None else None
    items = {(it.get("kind"), it.get("id")): it for it in (rep or {}).get("items") or ()}
    n = 1
    sections, all_docs, nav = [], [], []
    total_cmp: dict[str, list] = {"contradictions": [], "updates": [], "agreements": [], "ledger": []}
    for si, st in enumerate(stories, 1):
        dicts = [article_dict(a) for a in st.get("articles") or ()]
        docs = _docs(dicts, st.get("sources"), start=n)
        n += len(docs)
        for d in docs:
            it = items.get(("article", d.id))
            if it:
                d.gold = [x for x in it.get("diffs") or ()]
        all_docs.extend(docs)
        cmp = comparison_dict(st.get("comparison"))
        for k in total_cmp:
            total_cmp[k].extend((cmp or {}).get(k) or ())
        sid = f"s{si}"
        sitem = items.get(("story", st.get("id")))
        result, failed = "", False
        if rep is not None:
            failed = any(items.get(("article", d.id), {}).get("passed") is False for d in docs) or \
                (sitem is not None and sitem.get("passed") is False)
            result = (f'<p class="result {"fail" if failed else "pass"}">'
                      f'{"✖ " + _lb("fail") if failed else "✔ " + _lb("pass")}</p>')
            if sitem:
                if sitem.get("error"):
                    result += f'<p class="result fail" dir="ltr">{esc(sitem["error"])}</p>'
                if sitem.get("diffs"):
                    result += ('<ul class="golddiff" dir="ltr">' + "".join(
                        f'<li class="{"known" if x.get("known") else "new"}">{esc(x.get("line"))}'
                        f'{(" — " + esc(x.get("detail"))) if x.get("detail") else ""}{" (known)" if x.get("known") else ""}</li>'
                        for x in sitem["diffs"]) + "</ul>")
        stitle = str(st.get("title") or st.get("id") or sid)
        mark = "" if rep is None else ('<span class="result fail">✖ FAIL</span> ' if failed
                                       else '<span class="result pass">✔ pass</span> ')
        nav.append(f'<li>{mark}<a href="#{sid}">{esc(stitle)}</a> ({len(docs)})</li>')
        checked = st.get("checked")
        sections.append(f'<section class="story" id="{sid}" data-story="{esc(st.get("id") or "")}">'
                        f'<h2>{esc(stitle)}</h2>{result}{_story_body(docs, cmp, sid, _checked(dicts, checked))}</section>')
    title = title or page_title("corpus_report")
    head = f'<header class="page"><h1>{esc(title)}</h1>{_summary(all_docs, total_cmp)}'
    if rep is not None:
        ok = rep.get("passed")
        head += (f'<p class="result {"pass" if ok else "fail"}">{"✔ " + _lb("run_pass") if ok else "✖ " + _lb("fail")}'
                 f' <span dir="ltr">({esc(rep.get("articles"))} articles, {esc(rep.get("stories"))} stories, '
                 f'mode {esc(rep.get("mode"))})</span></p>')
        for s in rep.get("shortfalls") or ():
            head += f'<p class="result fail" dir="ltr">{esc(s)}</p>'
        head += _scores_table(rep)
    head += f'{_legend()}<nav aria-label="stories"><ol>{"".join(nav)}</ol></nav></header>'
    return page(title, head + f'<main id="main">{"".join(sections)}</main><footer>rasti desk report</footer>',
                _page_lang(all_docs))


# --- writing -------------------------------------------------------------------------------------

def write_output(content: str, path: str | os.PathLike | None) -> None:
    """Write to ``path`` atomically (a temporary file beside it, then os.replace: a reader sees
    the old file or the whole new one, never half of it); ``None`` or ``-`` is stdout."""
    if path is None or str(path) == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- the stage CLIs: --format html and --output ------------------------------------------------

def add_report_options(sp: Any, kind: str) -> None:
    """Give a stage's subparser ``--format html`` and ``--output FILE``. Call it after the
    parser's ``set_defaults(func=…)``: the command's own function still does text and json
    (into FILE, atomically, with --output); html runs its json path and renders that."""
    for a in getattr(sp, "_actions", ()):
        if a.dest == "format" and a.choices is not None and "html" not in a.choices:
            a.choices = (*a.choices, "html")
    sp.add_argument("--output", "-o", metavar="FILE",
                    help="write the result to FILE (atomically) instead of stdout; with --format html, the desk report")
    inner = sp.get_default("func")
    sp.set_defaults(func=functools.partial(_dispatch, kind, inner))


def _dispatch(kind: str, inner: Callable, args: Any) -> int:
    if getattr(args, "format", None) == "html":
        return {"check": _html_check, "compare": _html_compare, "corpus": _html_corpus}[kind](args, inner)
    out = getattr(args, "output", None)
    if not out:
        return inner(args)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = inner(args)
    write_output(buf.getvalue(), out)
    return rc


class _Stdin:
    """Inputs read twice (the command's json pass, then the sources): stdin is buffered once."""

    def __init__(self, files: Sequence[str]) -> None:
        self.data = sys.stdin.buffer.read() if "-" in files else None

    @contextlib.contextmanager
    def replay(self):
        if self.data is None:
            yield
            return
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(self.data), encoding="utf-8")
        try:
            yield
        finally:
            sys.stdin = old


def _json_run(inner: Callable, args: Any, stdin: _Stdin) -> tuple[int, dict | None]:
    a = copy.copy(args)
    a.format = "json"
    a.output = None
    buf = io.StringIO()
    with stdin.replay(), contextlib.redirect_stdout(buf):
        rc = inner(a)
    try:
        data = json.loads(buf.getvalue())
    except ValueError:
        return rc, None
    return rc, data if isinstance(data, dict) else None


def _read_sources(args: Any, stdin: _Stdin) -> list:
    from ..feed.inputs import read_inputs
    with stdin.replay():
        return [s for s in read_inputs(list(args.files), getattr(args, "published", None))
                if not isinstance(s, Exception)]


def _html_check(args: Any, inner: Callable) -> int:
    stdin = _Stdin(args.files)
    rc, data = _json_run(inner, args, stdin)
    if data is None:
        print("rasti: no result to render", file=sys.stderr)
        return rc or 2
    write_output(render_check(data.get("articles") or [], _read_sources(args, stdin), checked=True), args.output)
    return rc


def _html_compare(args: Any, inner: Callable) -> int:
    stdin = _Stdin(args.files)
    rc, data = _json_run(inner, args, stdin)
    if data is None:
        print("rasti: no result to render", file=sys.stderr)
        return rc or 2
    write_output(render_compare(data.get("articles") or [], data, _read_sources(args, stdin)), args.output)
    return rc


class Recorder:
    """An engine that keeps what it read, checked and compared (for the corpus report): it
    offers ``check`` and ``compare`` only where the engine it wraps does."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.articles: dict[str, Any] = {}
        self.comparisons: dict[tuple, Any] = {}
        if callable(getattr(engine, "check", None)):
            self.check = self._check
        if callable(getattr(engine, "compare", None)):
            self.compare = self._compare

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def read(self, text: str, **kw: Any) -> Any:
        art = self._engine.read(text, **kw)
        self.articles[kw.get("id") or art.id] = art
        return art

    def _check(self, art: Any, *a: Any, **kw: Any) -> Any:
        out = self._engine.check(art, *a, **kw)
        self.articles[art.id] = out if out is not None else art
        return out

    def _compare(self, arts: Sequence[Any], *a: Any, **kw: Any) -> Any:
        out = self._engine.compare(arts, *a, **kw)
        self.comparisons[tuple(x.id for x in arts)] = out
        return out

    @property
    def checked(self) -> bool:
        return callable(getattr(self._engine, "check", None))


def corpus_stories(corpus: Any, rec: Recorder) -> list[dict]:
    """The stories of a loaded corpus with what ``rec`` saw of them."""
    out = []
    for st in corpus.stories:
        arts, srcs = [], []
        for g in st.articles:
            if g.id in rec.articles:
                arts.append(rec.articles[g.id])
                srcs.append({"id": g.id, "text": g.text, "published": g.published, "meta": g.meta,
                             "origin": str(g.path)})
        cmp = rec.comparisons.get(tuple(g.id for g in st.articles))
        out.append({"id": st.slug, "title": st.title, "articles": arts, "sources": srcs,
                    "comparison": cmp, "checked": rec.checked})
    return out


def _html_corpus(args: Any, inner: Callable) -> int:
    from ..api import Engine, default_engine
    from ..corpus.gold import CorpusError, load_corpus
    from ..corpus.runner import run_corpus
    if getattr(args, "write_thresholds", False):
        print("rasti: --write-thresholds writes YAML; run it without --format html", file=sys.stderr)
        return 2
    root = Path(args.dir)
    try:
        corpus = load_corpus(root)
    except CorpusError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        print(f"rasti: {len(e.problems)} problem(s) in the corpus at {root}", file=sys.stderr)
        return 2
    engine = Engine(args.rules) if getattr(args, "rules", None) else default_engine()
    rec = Recorder(engine)
    report = run_corpus(corpus, rec, partial=(root / "story.yaml").is_file(), strict=getattr(args, "strict", False))
    write_output(render_corpus(report.to_dict(), corpus_stories(corpus, rec)), args.output)
    return report.exit_code
