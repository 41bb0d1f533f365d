"""Whole pages: the HTML document around a body (:func:`page`), the header's summary and
legend, the story body (contents, flag overview, comparison, articles), and the three entry
points :func:`render_check`, :func:`render_compare` and :func:`render_corpus` (with the corpus
runner's scores and results).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from .article import _ordered_flags, render_article
from .assets import _sha256, css, page_template, script
from .compare import _claim_marks, render_comparison
from .docs import Doc, _docs, _plain, article_dict, comparison_dict
from .fmt import KINDS, SEVERITY, _digits, _lb, _message, _sev, _severity, bdi, esc, page_title, piece, safe


def page(title: str, body: str, lang: str, *, form_action: str = "'none'") -> str:
    """The HTML document: inline CSS and script only, allowed by hash; nothing is fetched. A
    report has no forms (``form-action 'none'``); a served desk posts to itself (``'self'``)."""
    style, code = css(), script()
    return page_template().substitute(
        lang=lang, dir="rtl" if lang == "fa" else "ltr", style_hash=_sha256(style), script_hash=_sha256(code),
        title=safe(title), css=style, skip=_lb("skip"), body=body, script=code, form_action=form_action)


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
        where = bdi(d.outlet or d.id)
        link = (f'<a href="#{target}" data-jump="{target}">{where} <span class="aid" dir="ltr">{safe(d.id)}</span> '
                f'<b>{esc(_digits(k, d.lang))}</b></a>') if target else where
        rows.append(f'<tr class="sev-{sev}" data-article="{esc(d.id)}" data-code="{esc(f.get("code") or "")}">'
                    f'<td><span class="sevtag sev-{sev}">{sym} <span lang="fa">{esc(sfa)}</span> '
                    f'<span lang="en" dir="ltr">{esc(sen)}</span></span></td><td>{link}</td>'
                    f'<td><code dir="ltr">{esc(f.get("code") or "?")}</code></td>'
                    f'<td dir="{d.dir}" lang="{d.lang}">{("«" + piece(quoted) + "»") if quoted else ""}</td>'
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
    toc = "".join(f'<li><a href="#a{d.n}">{bdi(d.outlet or d.id)}</a> <span class="aid" dir="ltr">{safe(d.id)}</span>'
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
    body = (f'<header class="page"><h1>{safe(title)}</h1>{_summary(docs, None)}{_legend()}</header>'
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
    body = (f'<header class="page"><h1>{safe(title)}</h1>{_summary(docs, cmp)}{_legend()}</header>'
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
        nav.append(f'<li>{mark}<a href="#{sid}">{bdi(stitle)}</a> ({len(docs)})</li>')
        checked = st.get("checked")
        sections.append(f'<section class="story" id="{sid}" data-story="{esc(st.get("id") or "")}">'
                        f'<h2>{safe(stitle)}</h2>{result}{_story_body(docs, cmp, sid, _checked(dicts, checked))}</section>')
    title = title or page_title("corpus_report")
    head = f'<header class="page"><h1>{safe(title)}</h1>{_summary(all_docs, total_cmp)}'
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
