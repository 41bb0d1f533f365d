"""The desk's pages: Jinja2 templates (templates/, autoescaped) for the desk's own parts — its
navigation, forms, search and rule table — inside the desk report's page, style and script
(report/templates/ through `report.page`), with articles, flags, comparisons and ledger charts
rendered by the report's own functions. One set of templates for both: the report's HTML is
already escaped (report/fmt.esc) and enters the Jinja templates as Markup."""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..lang.labels import Labels
from ..report import Doc, page, render_article, render_comparison
from ..report.docs import _docs
from ..report.fmt import _lb, _names
from ..report.page import _legend, _summary
from .desk import View, finding_key, flag_key


def href(id: str) -> str:
    """The page of a stored article (its id quoted whole: ids may hold / ? # or spaces)."""
    return "/article/" + quote(id, safe="")


@functools.lru_cache(maxsize=1)
def env() -> Environment:
    where = resources.files(__package__).joinpath("templates")
    e = Environment(loader=FileSystemLoader(str(where)), autoescape=select_autoescape(default=True),
                    trim_blocks=True, lstrip_blocks=True)
    e.globals.update(lb=lambda k: Markup(_lb(k, "desk_label")), rl=lambda k: Markup(_lb(k)), href=href)
    return e


def labels(lexicon: str) -> Labels:
    return _names(lexicon)


def render(name: str, title: str, csrf: str, **ctx: Any) -> str:
    """A whole page: template ``name`` as the body of the report's page, posting to itself."""
    body = env().get_template(name).render(csrf=csrf, title=title, **ctx)
    return page(title, body, "fa", form_action="'self'")


def _verdict_form(csrf: str, fid: str | None, verdicts: dict, back: str) -> str:
    if fid is None:
        return ""
    return env().get_template("verdict.html").render(csrf=csrf, fid=fid, v=verdicts.get(fid), back=back)


def _docs_of(view: View, back: str, csrf: str) -> tuple[list[Doc], list[Doc]]:
    """The viewed articles as report Docs (with their verdict forms) and the stored ones the
    comparison names (their claims link to their own pages)."""
    dicts = [a.to_dict() | {"flags": [f.to_dict() for f in a.flags], "coverage": a.coverage.to_dict()
                            if hasattr(a.coverage, "to_dict") else a.coverage} for a in view.articles]
    metas = [{"id": a.id, "text": a.text, "meta": {"source": s.source, "url": s.url} if s else dict(src.meta)}
             for a, s, src in zip(view.articles, view.stored or [None] * len(view.articles),
                                  view.sources or [None] * len(view.articles))]
    docs = _docs(dicts, metas)
    for d in docs:
        if view.saved:
            d.flag_note = (lambda f, aid=d.id: _verdict_form(csrf, view.ids.get(flag_key(aid, f)), view.verdicts, back))
    others = _docs([{"id": o.id, "published": o.published, "text": o.text} for o in view.others.values()],
                   [{"id": o.id, "text": o.text, "meta": {"source": o.source}} for o in view.others.values()],
                   start=len(docs) + 1)
    for d in others:
        d.page = href(d.id)
    return docs, others


def article_page(view: View, back: str, csrf: str, title: str, desk: str) -> str:
    docs, others = _docs_of(view, back, csrf)
    note = None
    if view.saved:
        def note(kind: str, it: dict) -> str:
            k = {"contradictions": "contradiction", "updates": "update"}[kind]
            return _verdict_form(csrf, view.ids.get(finding_key(k, it)), view.verdicts, back)
    # each pair is a finding with its own verdict: the pairs themselves, not the grouped disputes
    cmp = {k: v for k, v in view.comparison.items() if k != "disputes"}
    top, bottom = render_comparison(cmp, docs + others, "s1", note=note, min_chart=2)
    arts = "".join(render_article(d, checked=True, claim_marks=_marks(view.comparison, d)) for d in docs)
    return render("article.html", title, csrf, summary=Markup(_summary(docs, view.comparison)),
                  legend=Markup(_legend()), top=Markup(top), bottom=Markup(bottom), articles=Markup(arts),
                  view=view, desk=desk)


def _marks(comparison: dict, doc: Doc) -> dict:
    from ..report.compare import _claim_marks
    return _claim_marks(comparison, [doc]).get(doc.n, {})
