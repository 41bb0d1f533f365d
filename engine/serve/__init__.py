"""The desk in a browser (`rasti serve`; the optional extra ``rasti[serve]``).

Starlette, uvicorn, Jinja2 and python-multipart: a small, well-kept ASGI toolkit, a server, a
template engine that escapes by default, and the form parser Starlette uses — no ORM (the fact
store is plain SQL already) and nothing fetched by the page.

* ``config``: how the desk is served (store, desk name, token, upload limit; bind rules);
* ``desk``: reading a paste or an upload, storing, the view of stored articles with findings;
* ``claimreview``: a confirmed finding as schema.org ClaimReview JSON-LD;
* ``views``: the pages (templates/ inside the report's page, style and script);
* ``security``: token, Host, size limit, CSRF and headers;
* ``app``: the routes; ``app.create_app`` builds the ASGI application.

Only ``config`` is imported here, so the CLI can check its options without the extra.
"""
from __future__ import annotations

from .config import DeskConfig, bind_problem, desk_name

__all__ = ["DeskConfig", "bind_problem", "desk_name"]
