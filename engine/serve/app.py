"""The desk's routes (Starlette): pages are rendered by views.py, the work is done by desk.py,
every POST goes through security.checked_form (size limit, CSRF). Reading, checking and the
store run in Starlette's thread pool, off the event loop.

    GET  /                      paste or upload; the latest stored articles
    POST /check                 read, store (or preview) and show the articles
    GET  /article/ID            a stored article, checked and compared against the store
    POST /verdict               an editor's verdict on a finding (then back to its page)
    GET  /finding/FID/claimreview.json   a confirmed finding as ClaimReview JSON-LD
    GET  /search                by subject, outlet, day
    GET  /rules                 fired, confirmed, false alarms and precision per rule
"""
from __future__ import annotations

import json
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from .views import article_page, href, labels, render
from .config import DeskConfig, is_local
from .desk import Desk, paste_sources, upload_sources
from .security import CsrfError, Guard, TooLarge, checked_form, csrf_token, set_csrf, too_large


def _page(req: Request, name: str, title: str, status: int = 200, **ctx) -> HTMLResponse:
    token, new = csrf_token(req)
    html = render(name, title, token, desk=req.app.state.desk.config.desk_name, **ctx)
    resp = HTMLResponse(html, status)
    if new:
        set_csrf(resp, token)
    return resp


def _title(key: str) -> str:
    fa, en = labels("desk_label").pair(key)
    return f"{fa} — {en}"


async def home(req: Request) -> Response:
    desk: Desk = req.app.state.desk
    recent, _ = await run_in_threadpool(desk.search)
    return _page(req, "home.html", _title("desk"), recent=recent[:20], text="", published="", id="",
                 outlet="", url="")


async def _form(req: Request):
    """The checked form, or the response that refuses it."""
    try:
        return await checked_form(req, req.app.state.desk.config.max_upload)
    except TooLarge:
        return too_large(req.app.state.desk.config.max_upload)
    except CsrfError:
        return _page(req, "error.html", _title("desk"), 403,
                     errors=["rasti serve: the form's CSRF token is missing or stale; reload the page and send it again"])


def _sources(form) -> tuple[list, list[str]]:
    up = form.get("file")
    pub = str(form.get("published") or "")
    if isinstance(up, UploadFile) and up.filename:
        data = up.file.read()
        return upload_sources(up.filename, data, pub)
    try:
        return paste_sources(str(form.get("text") or ""), id=str(form.get("id") or ""),
                             outlet=str(form.get("outlet") or ""), url=str(form.get("url") or ""),
                             published=pub), []
    except InputError as e:
        return [], [str(e)]


async def check(req: Request) -> Response:
    form = await _form(req)
    if isinstance(form, Response):
        return form
    desk: Desk = req.app.state.desk
    sources, errors = _sources(form)
    if errors or not sources:           # a file with a bad article is refused whole: fix it, send it again
        return _page(req, "home.html", _title("desk"), 400, errors=errors or ["no article"], recent=[],
                     **{k: str(form.get(k) or "") for k in ("text", "published", "id", "outlet", "url")})
    if not form.get("store"):
        view = await run_in_threadpool(desk.preview, sources)
        token, _ = csrf_token(req)
        return HTMLResponse(article_page(view, "/", token, _title("results"), desk.config.desk_name))
    ids = await run_in_threadpool(desk.put, sources)
    target = href(ids[0]) if len(ids) == 1 else "/view?" + "&".join(f"id={quote(i, safe='')}" for i in ids)
    return RedirectResponse(target, 303)


async def _show(req: Request, ids: list[str], back: str) -> Response:
    view = await run_in_threadpool(req.app.state.desk.view, ids)
    if view is None:
        return _page(req, "error.html", _title("desk"), 404, errors=["rasti serve: no such stored article"])
    token, new = csrf_token(req)
    title = " · ".join(a.source or a.id for a in view.articles)
    resp = HTMLResponse(article_page(view, back, token, title, req.app.state.desk.config.desk_name))
    if new:
        set_csrf(resp, token)
    return resp


async def article(req: Request) -> Response:
    id = req.path_params["id"]
    return await _show(req, [id], href(id))


async def view_many(req: Request) -> Response:
    ids = req.query_params.getlist("id")[:50]
    return await _show(req, ids, str(req.url.path) + ("?" + req.url.query if req.url.query else ""))


async def verdict(req: Request) -> Response:
    form = await _form(req)
    if isinstance(form, Response):
        return form
    fid, v, note = str(form.get("id") or ""), str(form.get("verdict") or ""), str(form.get("note") or "")
    back = str(form.get("next") or "/")
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    try:
        await run_in_threadpool(req.app.state.desk.decide, fid, v, note.strip()[:2000])
    except KeyError:
        return _page(req, "error.html", _title("desk"), 404, errors=["rasti serve: no such finding"])
    except ValueError as e:
        return _page(req, "error.html", _title("desk"), 400, errors=[f"rasti serve: {e}"])
    return RedirectResponse(back + f"#v-{fid}", 303)


async def claimreview(req: Request) -> Response:
    from .claimreview import claim_review
    desk: Desk = req.app.state.desk
    try:
        v, art = await run_in_threadpool(desk.finding, req.path_params["fid"])
    except KeyError:
        return JSONResponse({"error": "no such finding"}, 404)
    if v.verdict != "confirmed":
        return JSONResponse({"error": "only a confirmed finding is exported as a ClaimReview"}, 409)
    doc = claim_review(v, art, desk=desk.config.desk_name, labels=labels("claimreview_rating"))
    body = json.dumps(doc, ensure_ascii=False, indent=1)
    return Response(body, 200, media_type="application/ld+json",
                    headers={"content-disposition": f'inline; filename="claimreview-{v.id}.json"'})


async def search(req: Request) -> Response:
    q = {k: req.query_params.get(k, "")[:200] for k in ("subject", "outlet", "day")}
    found, subjects = await run_in_threadpool(lambda: req.app.state.desk.search(**q))
    return _page(req, "search.html", _title("search"), recent=found, subjects=subjects, q=q)


async def rules(req: Request) -> Response:
    return _page(req, "rules.html", _title("rule_stats"), stats=await run_in_threadpool(req.app.state.desk.stats))


def create_app(config: DeskConfig, *, host: str = "127.0.0.1", engine=None):
    """The desk as an ASGI application (uvicorn serves it; Starlette's TestClient tests it)."""
    app = Starlette(routes=[
        Route("/", home), Route("/check", check, methods=["POST"]), Route("/article/{id:path}", article),
        Route("/view", view_many), Route("/verdict", verdict, methods=["POST"]),
        Route("/finding/{fid}/claimreview.json", claimreview), Route("/search", search), Route("/rules", rules),
    ])
    app.state.desk = Desk(config, engine)
    return Guard(app, token=config.token, local=is_local(host), limit=config.max_upload)
