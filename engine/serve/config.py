"""How a desk is served: its store, its name (a ClaimReview's author), the upload limit, and who
may reach it. Importable without the `serve` extra, so the CLI can refuse a bad --host before
it loads Starlette."""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

MAX_UPLOAD = 2 * 1024 * 1024        # bytes of one request's body (a paste or a file)
DEFAULT_DESK_NAME = "rasti desk"


@dataclass(frozen=True)
class DeskConfig:
    """One served desk. ``token``, when set, is required on every request (a bearer header or
    the cookie the token's own link sets); it must be set to serve beyond localhost."""
    db: str
    desk_name: str = DEFAULT_DESK_NAME
    token: str | None = None
    max_upload: int = MAX_UPLOAD
    rules: tuple[str, ...] = ()


def desk_name(given: str | None) -> str:
    """--desk-name, else RASTI_DESK_NAME, else the default."""
    return (given or os.environ.get("RASTI_DESK_NAME") or DEFAULT_DESK_NAME).strip() or DEFAULT_DESK_NAME


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_problem(host: str, allow_remote: bool, token: str | None) -> str | None:
    """Why the desk must not listen on ``host`` (None when it may): beyond localhost only with
    --allow-remote and a --token of some length, since anyone who reaches the port can read
    the store and write verdicts."""
    if is_local(host):
        return None
    if not allow_remote:
        return (f"--host {host} is not localhost: the desk would be open to the network; "
                "add --allow-remote and --token TOKEN to serve it there")
    if not token or len(token) < 16:
        return "--allow-remote needs --token TOKEN (at least 16 characters), required on every request"
    return None
