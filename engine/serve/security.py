"""The desk's guards, as ASGI middleware and one form reader:

* a token, when the desk is served beyond localhost: every request carries it as
  ``Authorization: Bearer TOKEN`` or the cookie that opening ``/?token=TOKEN`` once sets;
* the Host header must name localhost when the desk is bound there (a page elsewhere cannot
  reach it by DNS rebinding);
* a request body over the limit is refused with 413 and a sentence saying so, before it is read;
* every form carries a CSRF token equal to the desk's cookie (double submit; the cookie is
  SameSite=Strict and HttpOnly, so another site can neither send nor read it);
* headers: the page's Content-Security-Policy (inline style and script by hash, nothing
  fetched, forms to itself, no framing), nosniff, no referrer.
"""
from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse

from ..report.assets import _sha256, css, script

CSRF_COOKIE = "rasti_csrf"
TOKEN_COOKIE = "rasti_token"
LOCAL_NAMES = {"localhost", "127.0.0.1", "[::1]", "::1"}
FORM_OVERHEAD = 64 * 1024       # a form's other fields and multipart framing, beyond the upload itself


class TooLarge(Exception):
    pass


class CsrfError(Exception):
    pass


def csp() -> str:
    return (f"default-src 'none'; style-src '{_sha256(css())}'; script-src '{_sha256(script())}'; img-src data:; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """Token, Host, body size and response headers for every request (pure ASGI)."""

    def __init__(self, app, *, token: str | None, local: bool, limit: int) -> None:
        self.app, self.token, self.local, self.limit = app, token, local, limit
        self.max_body = limit + FORM_OVERHEAD

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        req = Request(scope)
        if self.local and _host_name(req.headers.get("host", "")) not in LOCAL_NAMES:
            return await PlainTextResponse("rasti serve: this desk answers on localhost only (Host header)",
                                           400)(scope, receive, send)
        if self.token:
            resp = self._token_check(req)
            if resp is not None:
                return await resp(scope, receive, send)
        length = req.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return await too_large(self.limit)(scope, receive, send)

        async def send_with_headers(msg):
            if msg["type"] == "http.response.start":
                hdrs = list(msg.get("headers") or [])
                for k, v in (("content-security-policy", csp()), ("x-content-type-options", "nosniff"),
                             ("referrer-policy", "no-referrer"), ("x-frame-options", "DENY"),
                             ("cache-control", "no-store")):
                    hdrs.append((k.encode(), v.encode()))
                msg = dict(msg, headers=hdrs)
            await send(msg)
        await self.app(scope, receive, send_with_headers)

    def _token_check(self, req: Request):
        given = req.headers.get("authorization", "")
        bearer = given[7:] if given.lower().startswith("bearer ") else ""
        if bearer and hmac.compare_digest(bearer, self.token):
            return None
        if hmac.compare_digest(req.cookies.get(TOKEN_COOKIE, ""), self.token):
            return None
        q = req.query_params.get("token", "")
        if req.method == "GET" and q and hmac.compare_digest(q, self.token):
            resp = RedirectResponse(req.url.path, 303)
            resp.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            return resp
        return PlainTextResponse("rasti serve: this desk needs its token (Authorization: Bearer TOKEN, "
                                 "or open /?token=TOKEN once)", 401, headers={"WWW-Authenticate": "Bearer"})


def too_large(limit: int) -> PlainTextResponse:
    """413, in a sentence in both languages that names the limit (plain text: it is refused
    before any page could be built around it)."""
    from ..report.fmt import _names
    size = f"{limit / (1024 * 1024):g} MB ({limit} bytes)"
    lb = _names("desk_label")
    return PlainTextResponse(f"rasti serve: {lb.fill('too_large', 'en', limit=size)}\n"
                             f"{lb.fill('too_large', 'fa', limit=size)}\n", 413)


def csrf_token(req: Request) -> tuple[str, bool]:
    """The request's CSRF token, and whether it is new (the response must set the cookie)."""
    have = req.cookies.get(CSRF_COOKIE, "")
    return (have, False) if len(have) >= 32 else (secrets.token_urlsafe(32), True)


def set_csrf(resp, token: str) -> None:
    resp.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


async def checked_form(req: Request, limit: int) -> FormData:
    """The request's form, its body read up to ``limit`` bytes and the form's framing (TooLarge
    beyond, whatever the Content-Length said; a file or field over ``limit`` too), its CSRF
    field equal to the cookie (CsrfError otherwise)."""
    chunks, n = [], 0
    async for chunk in req.stream():
        n += len(chunk)
        if n > limit + FORM_OVERHEAD:
            raise TooLarge()
        chunks.append(chunk)
    req._body = b"".join(chunks)            # starlette's form parser reads the cached body
    form = await req.form(max_files=1, max_fields=50, max_part_size=limit + 1)
    for _, value in form.multi_items():
        size = value.size if isinstance(value, UploadFile) else len(value.encode("utf-8", "surrogatepass"))
        if (size or 0) > limit:
            raise TooLarge()
    cookie = req.cookies.get(CSRF_COOKIE, "")
    sent = form.get("csrf")
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(sent, cookie):
        raise CsrfError()
    return form
