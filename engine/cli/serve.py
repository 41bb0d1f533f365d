"""`rasti serve [--db desk.db] [--host 127.0.0.1] [--port 8000]`: the desk in a browser (the
optional extra ``rasti[serve]``: Starlette, uvicorn, Jinja2, python-multipart).

Bound to localhost; another --host is refused unless --allow-remote and a --token (at least 16
characters) are given, and then every request must carry the token. The desk's name (the
author of its ClaimReviews) is --desk-name, else RASTI_DESK_NAME.

Exit status: 0 when the server stops, 2 for a refused --host, a missing extra or an unusable store.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys

from .common import add_command, rules_option

HELP = "serve the desk in a browser: paste, compare with the store, mark verdicts, export ClaimReview"
EXAMPLES = ("rasti serve --db desk.db                       http://127.0.0.1:8000/ on this machine only",
            "rasti serve --db desk.db --desk-name 'میز راستی'   the author of exported ClaimReviews",
            "rasti serve --host 0.0.0.0 --allow-remote --token $(openssl rand -hex 16)")


def cmd_serve(args: argparse.Namespace) -> int:
    from ..serve.config import MAX_UPLOAD, DeskConfig, bind_problem, desk_name
    problem = bind_problem(args.host, args.allow_remote, args.token)
    if problem:
        print(f"rasti: {problem}", file=sys.stderr)
        return 2
    try:
        import uvicorn
        from ..serve.app import create_app      # Starlette, Jinja2
        if importlib.util.find_spec("python_multipart") is None and importlib.util.find_spec("multipart") is None:
            raise ImportError(name="python-multipart")
    except ImportError as e:
        print(f"rasti: serve needs the optional extra: pip install 'rasti[serve]' ({e.name} is missing)", file=sys.stderr)
        return 2
    from ..store import StoreError
    cfg = DeskConfig(db=args.db, desk_name=desk_name(args.desk_name), token=args.token,
                     max_upload=int(args.max_upload_mb * 1024 * 1024) if args.max_upload_mb else MAX_UPLOAD,
                     rules=tuple(args.rules or ()))
    try:
        app = create_app(cfg, host=args.host)
    except StoreError as e:
        print(f"rasti: {args.db}: {e}", file=sys.stderr)
        return 2
    where = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/"
    print(f"rasti serve: the desk «{cfg.desk_name}» on {where}{'?token=…' if args.token else ''} (store {args.db}); "
          "Ctrl-C stops it", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def setup(sub) -> None:
    """The `serve` subcommand: --db, --host, --port, --desk-name, --allow-remote, --token, --max-upload-mb."""
    sp = add_command(sub, "serve", HELP, EXAMPLES)
    sp.add_argument("--db", metavar="PATH", default="desk.db", help="the fact store (SQLite file; created if missing)")
    sp.add_argument("--host", default="127.0.0.1", help="the address to listen on (localhost unless --allow-remote)")
    sp.add_argument("--port", type=int, default=8000, help="the port to listen on")
    sp.add_argument("--desk-name", metavar="NAME", help="the desk's name, author of its ClaimReviews "
                                                        "(default: RASTI_DESK_NAME, else 'rasti desk')")
    sp.add_argument("--allow-remote", action="store_true", help="allow a --host beyond localhost (needs --token)")
    sp.add_argument("--token", metavar="TOKEN", help="required on every request: Authorization: Bearer TOKEN, "
                                                     "or open /?token=TOKEN once (sets a cookie)")
    sp.add_argument("--max-upload-mb", type=float, default=None, metavar="MB",
                    help="the largest paste or upload accepted (default 2 MB; larger is refused with 413)")
    rules_option(sp)
    sp.set_defaults(func=cmd_serve)
