"""One article on the page: its text with mentions marked (kind and value in a tooltip),
flagged spans underlined by severity with jump targets and markers, comparison claims as
anchors; the side list of its flags; and its coverage line (numbers and dates found, checked,
unchecked). :func:`_quote` gives the sentence around a claim for the comparison tables.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from .docs import Doc
from .fmt import (CALENDARS, DATE_KINDS, NUMBER_KINDS, SEVERITY, WEEKDAYS_EN, _digits, _lb, _names, _sev,
                  _msg_span, _severity, _worst, bdi, esc, fmt_number, fmt_value, piece, safe,
                  visible_controls)

_SENTENCE_END = re.compile(r"[.!?؟\n]")


# --- mention tooltips ----------------------------------------------------------------------------

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


@dataclass
class _Overlay:
    """What :func:`render_text` lays over an article's text, worked out once before the walk."""
    p: str                                          # the DOM id prefix of the article
    flags: list[tuple[int, dict, list[tuple[int, int]]]]
    claims: dict[tuple[int, int], str]              # claim span -> its class
    first_seg: dict[int, int]                       # flag number -> offset of its first span's start
    markers_at: dict[int, list[int]]                # offset -> flags whose last span ends there
    claim_starts: dict[int, list[tuple[int, int]]]  # offset -> claims that start there
    unchecked_ids: set[str]
    unchecked_spans: list[tuple[int, int]]


def _overlay(doc: Doc, claim_marks: dict[tuple[int, int], str] | None) -> _Overlay:
    """Flags, claims and unchecked mentions of ``doc``, indexed by where they start and end."""
    n = len(doc.text)
    flags = _ordered_flags(doc)
    claims = {(a, b): cls for (a, b), cls in (claim_marks or {}).items() if 0 <= a < b <= n}
    unchecked_ids, unchecked_spans = _unchecked_ids(doc.coverage)
    first_seg: dict[int, int] = {}
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
    return _Overlay(f"a{doc.n}", flags, claims, first_seg, markers_at, claim_starts,
                    unchecked_ids, unchecked_spans)


def _cuts(n: int, mentions: list[tuple[int, int, dict]], ov: _Overlay) -> list[int]:
    """Every offset where a mention, a flagged span or a claim starts or ends: the segments."""
    cuts = {0, n}
    for a, b, _ in mentions:
        cuts.update((a, b))
    for _, _, sp in ov.flags:
        for a, b in sp:
            cuts.update((a, b))
    for a, b in ov.claims:
        cuts.update((a, b))
    return sorted(cuts)


def _flag_marker(doc: Doc, ov: _Overlay, k: int) -> str:
    """The marker after flag ``k``'s last span: a link back to the flag in the side list."""
    f = ov.flags[k - 1][1]
    sev = _sev(f)
    sym, _, sen = _severity(sev)
    label = f"{sen} {k}: {f.get('code') or ''}"
    return (f'<a class="fref sev-{sev}" dir="{doc.dir}" href="#{ov.p}-fl{k}" data-jump="{ov.p}-fl{k}" '
            f'aria-label="{esc(label)}">{sym}{esc(_digits(k, doc.lang))}</a>')


def _mention_open(ov: _Overlay, ma: int, mb: int, m: dict) -> str:
    """The opening tag of a mention: its kind, invalid or unchecked, and its tooltip's id."""
    kind = str(m.get("kind") or "x")
    cls = ["m", f"k-{re.sub(r'[^a-z0-9_-]', '', kind.lower()) or 'x'}"]
    if m.get("valid") is False:
        cls.append("invalid")
    if str(m.get("id") or "") in ov.unchecked_ids or (ma, mb) in ov.unchecked_spans:
        cls.append("unchecked")
    return (f'<span class="{" ".join(cls)}" tabindex="0" data-kind="{esc(kind)}" '
            f'aria-describedby="{ov.p}-t{ma}">')


def _mention_close(doc: Doc, ov: _Overlay, ma: int, m: dict) -> str:
    """The tooltip of a mention (what it reads as), then the end of the mention."""
    rows = "".join(f'<span class="row"><span class="lab">{lab}</span> '
                   f'<bdi class="val">{safe(val)}</bdi></span>' for lab, val in _tip_rows(m))
    return f'<span class="tip" role="tooltip" id="{ov.p}-t{ma}" dir="{doc.dir}">{rows}</span></span>'


def _segment(text: str, a: int, b: int, ov: _Overlay, targets: dict[int, str]) -> str:
    """One segment of the text, in a span when flags or claims cover it; a flag's or a claim's
    first segment carries its id (records in ``targets`` where each flag's jump lands)."""
    covering = [(k, f) for k, f, sp in ov.flags if any(x <= a and b <= y for x, y in sp)]
    seg = esc(text[a:b])
    cls: list[str] = []
    if covering:
        cls += ["f", f"sev-{_worst(_sev(f) for _, f in covering)}"]
    inside_claim = {ov.claims[c] for c in ov.claims if c[0] <= a and b <= c[1]}
    cls += sorted(inside_claim)
    ids = [f"{ov.p}-f{k}" for k, _ in covering if ov.first_seg.get(k) == a]
    flag_ids = len(ids)
    ids += [f"{ov.p}-c{x}-{y}" for x, y in ov.claim_starts.get(a, ())]
    if not (cls or ids):
        return seg
    attrs = [f'class="{" ".join(cls)}"'] if cls else []
    if covering:
        attrs.append(f'data-flags="{" ".join(str(k) for k, _ in covering)}"')
    if ids:
        attrs.append(f'id="{ids[0]}"')
        if flag_ids:
            attrs.append('tabindex="-1" data-flag-target')
        for k, _ in covering:
            if ov.first_seg.get(k) == a:
                targets[k] = ids[0]
    return "".join(f'<span id="{x}" data-alias="{ids[0]}"></span>' for x in ids[1:]) + \
        f'<span {" ".join(attrs)}>{seg}</span>'


def render_text(doc: Doc, claim_marks: dict[tuple[int, int], str] | None = None) -> tuple[str, dict[int, str]]:
    """The article as written: mentions marked by kind with their value on hover/focus, flagged
    spans underlined by severity (each flag's first span is a jump target, its last span is
    followed by a marker linking back to the flag list), claims of the comparison as anchors.
    Returns the markup and, per flag number, the id of the element its jump lands on."""
    mentions = _mention_layout(doc)
    ov = _overlay(doc, claim_marks)
    cuts = _cuts(len(doc.text), mentions, ov)
    m_start = {a: (a, b, m) for a, b, m in mentions}
    targets: dict[int, str] = {}          # flag number -> id of the element that starts it
    out: list[str] = []
    open_m: tuple[int, int, dict] | None = None
    pending: list[int] = []               # markers waiting for the current mention to close
    for a, b in zip(cuts, cuts[1:]):
        if open_m is None and a in m_start:
            open_m = m_start[a]
            out.append(_mention_open(ov, *open_m))
        out.append(_segment(doc.text, a, b, ov, targets))
        if open_m is not None and b == open_m[1]:
            out.append(_mention_close(doc, ov, open_m[0], open_m[2]))
            open_m = None
            out.extend(_flag_marker(doc, ov, k) for k in pending)
            pending = []
        for k in ov.markers_at.get(b, ()):
            if open_m is not None:
                pending.append(k)
            else:
                out.append(_flag_marker(doc, ov, k))
    return "".join(out), targets


def _quote(doc: Doc | None, start: Any, end: Any, fallback: str, width: int = 80) -> str:
    """The sentence around a span with the span marked; the claim text alone without a source."""
    if doc is None or not doc.has_text:
        return f'<mark>{piece(fallback)}</mark>'
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        return f'<mark>{piece(fallback)}</mark>'
    t = doc.text
    if not (0 <= s < e <= len(t)):
        return f'<mark>{piece(fallback)}</mark>'
    a = s
    while a > 0 and not _SENTENCE_END.match(t[a - 1]) and s - a < width:
        a -= 1
    m = _SENTENCE_END.search(t, e)
    b = min(m.end() if m else len(t), e + width)
    pre = ("…" if a > 0 and not _SENTENCE_END.match(t[a - 1]) else "") + t[a:s].lstrip()
    post = t[e:b].rstrip() + ("…" if b < len(t) and not _SENTENCE_END.match(t[b - 1]) else "")
    return f'{piece(pre)}<mark>{piece(t[s:e])}</mark>{piece(post)}'


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
        body += f'<span class="quote" dir="{doc.dir}" lang="{doc.lang}">«{piece(quoted)}»</span>'
    body += "".join(_msg_span(msg[lang], lang) for lang in ("fa", "en") if msg.get(lang))
    link = (f'<a class="flag-link" href="#{target}" data-jump="{target}">{head}{body}</a>' if target
            else f'<div class="flag-link nospan">{head}{body}</div>')
    extra = ""
    ev = f.get("evidence")
    if ev:
        extra += (f'<details><summary>{_lb("evidence")}</summary>'
                  f'<pre dir="ltr">{esc(visible_controls(json.dumps(ev, ensure_ascii=False, indent=1, default=str)))}</pre></details>')
    if f.get("rule"):
        extra += f'<small class="rule" dir="ltr">{esc(f["rule"])}</small>'
    if doc.flag_note is not None:
        extra += doc.flag_note(f)
    return (f'<li id="{p}-fl{k}" class="flag sev-{sev}" data-code="{esc(f.get("code") or "")}" '
            f'data-severity="{sev}">{link}{extra}</li>')


def render_article(doc: Doc, *, checked: bool, claim_marks: dict | None = None) -> str:
    p = f"a{doc.n}"
    flags = _ordered_flags(doc)
    sev_count = Counter(_sev(f) for _, f, _ in flags)
    meta = [f'<span class="aid" dir="ltr">{safe(doc.id)}</span>']
    if doc.outlet:
        meta.append(f'<span class="outlet">{bdi(doc.outlet)}</span>')
    meta.append(f'<span class="pub">{_lb("published")} {bdi(doc.published or "?", "ltr")}</span>')
    if doc.url and re.match(r"https?://", str(doc.url), re.I):
        meta.append(f'<a class="url" dir="ltr" href="{esc(doc.url)}" rel="noopener noreferrer nofollow">{safe(doc.url)}</a>')
    elif doc.url:                                   # javascript:, data: … are shown, never linked
        meta.append(f'<span class="url" dir="ltr">{safe(doc.url)}</span>')
    if doc.origin:
        meta.append(f'<span class="origin" dir="ltr">{safe(doc.origin)}</span>')
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
            f'{piece(d.get("line"))}{(" — " + piece(d.get("detail"))) if d.get("detail") else ""}'
            f'{" (known)" if d.get("known") else ""}</li>' for d in doc.gold) + "</ul>")
    return (f'<article class="article" id="{p}" dir="{doc.dir}" lang="{doc.lang}" data-id="{esc(doc.id)}" '
            f'data-flags="{len(flags)}" aria-labelledby="{p}-h">'
            f'<header><h3 id="{p}-h">{safe(doc.outlet or doc.id)}</h3><p class="meta">{" ".join(meta)}</p>'
            f'{render_coverage(doc, checked)}{("<p class=counts>" + counts + "</p>") if counts else ""}{gold}</header>'
            f'<div class="cols"><aside class="side" aria-label="flags {esc(doc.id)}">'
            f'<h4>{_lb("flags")}</h4>{side}</aside>'
            f'<div class="text" dir="{doc.dir}" lang="{doc.lang}">{body}</div></div></article>')
