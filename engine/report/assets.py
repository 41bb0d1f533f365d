"""The page's fixed parts, kept as package data in ``templates/``: ``page.html`` (the document,
with ``string.Template`` slots), ``style.css`` and ``script.js``. Each is read once, through
importlib.resources, so an installed wheel serves them as an editable checkout does. The style
and script are inlined byte for byte: the Content-Security-Policy allows them by their hash.
"""
from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from string import Template


FONT_STACK = ('"Vazirmatn", "Vazir", "Sahel", "Shabnam", "IRANSans", "Noto Naskh Arabic", "Noto Sans Arabic", '
              '"Segoe UI", Tahoma, "DejaVu Sans", "Arial Unicode MS", sans-serif')


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A file of templates/ as text (exactly as stored: the hashes cover every byte)."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def css() -> str:
    """The page's style sheet, with the font stack in place of ``FONTS``."""
    return _asset("style.css").replace("FONTS", FONT_STACK)


def script() -> str:
    """The page's script: flag stepping with n/p (j/k) and in-page jumps."""
    return _asset("script.js")


@functools.lru_cache(maxsize=None)
def page_template() -> Template:
    """The HTML document around the body: ``$lang``, ``$dir``, ``$title``, ``$css``, ``$script``,
    their ``$style_hash`` and ``$script_hash``, ``$skip`` (the skip link's label), ``$body`` and
    ``$form_action`` (``'none'`` for a report; ``'self'`` for the served desk, engine/serve/,
    whose pages are this same document, style and script)."""
    return Template(_asset("page.html"))


def _sha256(s: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")
