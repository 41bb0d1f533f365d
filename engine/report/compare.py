"""The comparison on the page: contradictions, updates and agreements as tables of claims
(each quoted in its sentence and linked to its span), the ledger of figures with a chart each,
and the claim marks the articles' texts carry.
"""
from __future__ import annotations

from typing import Callable

from .article import _quote
from .chart import PALETTE, SHAPES, ledger_chart
from .docs import Doc
from .fmt import SEVERITY, _bi, _label_attr, _lb, _message, _names, _sev, _severity, bdi, esc, fmt_value, piece, safe

RowNote = Callable[[str, dict], str]


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
    src = f'<a href="{link}" data-jump="{link[1:]}">{safe(aid)}</a>' if link else safe(aid)
    if doc is not None and doc.page:      # an article of another page (a stored one, on a served desk)
        src = f'<a href="{esc(doc.page)}#a1-c{esc(c.get("start"))}-{esc(c.get("end"))}">{safe(aid)}</a>'
    return (f'<div class="claim" data-article="{esc(aid)}">'
            f'<div class="who"><span class="outlet">{bdi(outlet)}</span> · {bdi(pub, "ltr")} · '
            f'<span class="aid" dir="ltr">{src}</span></div>'
            f'<blockquote dir="{d}"{f" lang={chr(34)}{lang}{chr(34)}" if lang else ""}>{_quote(doc, c.get("start"), c.get("end"), str(c.get("text") or ""))}</blockquote>'
            f'<div class="value">{_lb("value")}: <bdi class="v" dir="ltr">{esc(value)}</bdi></div>'
            + (f'<div class="attr">{_lb("according_to")}: {bdi(who_t)}</div>' if who_t else "")
            + "</div>")


def _relations_table(kind: str, items: list[dict], docs_by_id: dict[str, Doc], sid: str,
                     pubs: dict[str, str] | None = None, disputes: list[dict] | None = None,
                     note: RowNote | None = None) -> str:
    """A section of findings, one row a finding; contradictions with ``disputes`` (the JSON's
    grouped view) show those first and fold the pair rows into a <details>. ``note(kind, item)``
    adds markup after a finding's rule (a served desk's verdict form)."""
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
        claims = [c for c in it.get("claims") or () if isinstance(c, dict)]
        labels = [(_label_attr("claim", f" {k + 1}") if kind != "updates" else _label_attr("earlier" if k == 0 else "later"))
                  for k in range(len(claims))]
        cells = "".join(f"<td{lab}>{_claim_cell(c, docs_by_id, pubs)}</td>" for lab, c in zip(labels, claims))
        cells += "<td></td>" * (ncl - len(claims))
        tag = _sevtag(sev) if kind == "contradictions" else ""
        rows.append(f'<tr id="{sid}-{kind}-{i}" class="sev-{sev}" tabindex="-1" '
                    f'data-articles="{esc(" ".join(str(c.get("article")) for c in claims))}">'
                    f'<th scope="row">{tag} {_message(it)}'
                    f'{("<small class=rule dir=ltr>" + esc(it["rule"]) + "</small>") if it.get("rule") else ""}'
                    f'{note(kind, it) if note else ""}</th>{cells}</tr>')
    table = (f'<div class="scroll"><table class="{kind}">'
             f'<thead><tr><th scope="col">{_lb("what")}</th>{cols}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table></div>')
    if disputes:       # the grouped lines first; every pair, as the JSON lists them, folded below
        table = (_disputes_table(disputes, docs_by_id, sid, pubs)
                 + f'<details class="pairs"><summary>{_lb("every_pair")} ({len(items)})</summary>{table}</details>')
    return f'<section class="rel {kind}" data-kind="{kind}">{head}{table}</section>'


def _sevtag(sev: str) -> str:
    sym, sfa, sen = _severity(sev)
    return (f'<span class="sevtag sev-{sev}">{sym} <span lang="fa">{esc(sfa)}</span> '
            f'<span lang="en" dir="ltr">{esc(sen)}</span></span>')


def _disputes_table(disputes: list[dict], docs_by_id: dict[str, Doc], sid: str,
                    pubs: dict[str, str] | None = None) -> str:
    """One row a dispute: «caspian-04 says 18; 5 outlets say 26», the dissenting claim, and the
    claims of the others (one cell, stacked), so one article against five is one line."""
    rows = []
    for i, g in enumerate(disputes, 1):
        sev = _sev(g)
        dissent = (g.get("dissent") or {}).get("claim")
        major = [c for c in (g.get("majority") or {}).get("claims") or () if isinstance(c, dict)]
        if not isinstance(dissent, dict):
            continue
        pairs = " ".join(str(k) for k in g.get("contradictions") or ())
        rows.append(f'<tr id="{sid}-disputes-{i}" class="sev-{sev}" tabindex="-1" data-pairs="{esc(pairs)}" '
                    f'data-articles="{esc(" ".join(str(c.get("article")) for c in [dissent, *major]))}">'
                    f'<th scope="row">{_sevtag(sev)} {_message(g)}'
                    f'{("<small class=rule dir=ltr>" + esc(g["rule"]) + "</small>") if g.get("rule") else ""}</th>'
                    f'<td class="dissent"{_label_attr("says")}>{_claim_cell(dissent, docs_by_id, pubs)}</td>'
                    f'<td class="majority"{_label_attr("others_say")}>{"".join(_claim_cell(c, docs_by_id, pubs) for c in major)}</td></tr>')
    return (f'<div class="scroll"><table class="disputes"><thead><tr><th scope="col">{_lb("what")}</th>'
            f'<th scope="col">{_lb("says")}</th><th scope="col">{_lb("others_say")}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _ledger(entries: list[dict], docs_by_id: dict[str, Doc], sid: str, min_chart: int = 3) -> str:
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
        title = " · ".join(bdi(x) for x in (subj.get("text") or subj.get("key"), pred_t, e.get("unit"), time_t) if x)
        rows = []
        for v in values:
            aid = str(v.get("article") or "")
            doc = docs_by_id.get(aid)
            status = str(v.get("status") or "")
            sfa, sen = _names("ledger_status").pair(status)
            link = f'#a{doc.n}-c{v.get("start")}-{v.get("end")}' if doc and doc.has_text else None
            src = f'<a href="{link}" data-jump="{link[1:]}">{safe(aid)}</a>' if link else safe(aid)
            rows.append(f'<tr class="st-{esc(status)}"><td>{bdi(v.get("published") or "?", "ltr")}</td>'
                        f'<td>{bdi(outlet_of(aid))} <span class="aid" dir="ltr">{src}</span></td>'
                        f'<td dir="{doc.dir if doc else "auto"}">{piece(v.get("text") or "")}</td>'
                        f'<td><bdi dir="ltr">{esc(fmt_value(v.get("value"), v.get("interval"), e.get("unit")))}</bdi></td>'
                        f'<td class="status">{_bi(sfa, sen)}</td></tr>')
        chart = ledger_chart(e, outlet_of, style_of, f"{sid}-chart{i}", min_chart) if len(values) >= min_chart else ""
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


def render_comparison(comparison: dict, docs: list[Doc], sid: str, *, note: RowNote | None = None,
                      min_chart: int = 3) -> tuple[str, str]:
    """(contradictions + updates, agreements + ledger): the page shows the first before the
    articles and the second after them. ``note`` and ``min_chart`` (values a figure needs for a
    chart) are for a served desk."""
    by_id = {d.id: d for d in docs}
    pubs = {str(v.get("article")): v.get("published") for e in comparison.get("ledger") or ()
            for v in e.get("values") or () if isinstance(v, dict) and v.get("published")}   # stored articles
    disputes = [g for g in comparison.get("disputes") or () if isinstance(g, dict)]
    top = (_relations_table("contradictions", list(comparison.get("contradictions") or ()), by_id, sid, pubs,
                            disputes=disputes, note=note)
           + _relations_table("updates", list(comparison.get("updates") or ()), by_id, sid, pubs, note=note))
    bottom = (_relations_table("agreements", list(comparison.get("agreements") or ()), by_id, sid, pubs)
              + _ledger(list(comparison.get("ledger") or ()), by_id, sid, min_chart))
    return top, bottom
