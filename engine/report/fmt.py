"""The report's vocabulary and text helpers: severity markers and mention kinds, HTML
escaping, Persian digits, bilingual labels read from rules/report.rules, and the formatting of
normalized values. Every other report module builds on these; none of them renders a page part.
"""
from __future__ import annotations

import functools
import html
import math
import re
from typing import Any, Iterable

from ..lang.bidi import CONTROLS, balance, has_controls, isolate_runs
from ..lang.labels import Labels


# --- vocabulary --------------------------------------------------------------------------------

# The words are in rules/report.rules (lexicons severity_name, mention_kind_name, calendar_name,
# ledger_status and report_label, read by engine/lang/labels.py); here only keys, markers and order.
SEVERITY = {"error": "✖", "warning": "▲", "info": "●"}   # marker; the order is the rank (worst first)
KINDS = ("number", "percent", "money", "quantity", "fraction", "ordinal", "date", "weekday", "time", "duration")
NUMBER_KINDS = ("number", "percent", "money", "quantity", "fraction", "ordinal")
DATE_KINDS = ("date", "weekday", "time", "duration")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CALENDARS = ("jalali", "gregorian", "hijri")

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z]")


def esc(s: Any) -> str:
    """Text (or anything) as HTML text or attribute content."""
    return html.escape("" if s is None else str(s), quote=True)


def safe(s: Any) -> str:
    """An article-derived string (an id, a source, a quote) as HTML text with its bidi controls
    balanced (engine/lang/bidi.py): inside an isolating element it can neither close that element's
    isolate early (a stray PDI) nor leave an override running past it."""
    return esc(balance("" if s is None else str(s)))


def bdi(s: Any, d: str = "") -> str:
    """An article-derived string for an inline place, in its own <bdi>: whatever controls it
    holds, the labels and fields beside it keep their order."""
    return f'<bdi{f" dir={chr(34)}{d}{chr(34)}" if d else ""}>{safe(s)}</bdi>'


def piece(s: Any) -> str:
    """A piece of article text beside the report's marks («…», a quote's ellipsis): in a <bdi>
    only when it holds bidi controls, so plain text is laid out (and shaped) as before."""
    t = "" if s is None else str(s)
    return f"<bdi>{safe(t)}</bdi>" if has_controls(t) else esc(t)


def visible_controls(text: str) -> str:
    """JSON text with each bidi control written as its escape (\\u202e): evidence shows them."""
    return "".join(f"\\u{ord(ch):04x}" if ch in CONTROLS else ch for ch in text)


def detect_lang(text: str) -> str:
    """``fa`` when Arabic-script letters outnumber Latin ones, else ``en``."""
    return "fa" if len(_ARABIC_SCRIPT.findall(text)) >= len(_LATIN.findall(text)) else "en"


def _digits(n: Any, lang: str) -> str:
    s = str(n)
    return s.translate(_PERSIAN_DIGITS) if lang == "fa" else s


def _bi(fa: str, en: str) -> str:
    """A bilingual label: Persian, then English (each tagged with its language)."""
    return f'<span lang="fa">{esc(fa)}</span> <span class="en" lang="en" dir="ltr">{esc(en)}</span>'


@functools.lru_cache(maxsize=None)
def _names(lexicon: str) -> Labels:
    """A display lexicon of the built-in rules: the report renders JSON, with no Engine at hand."""
    from ..api import default_engine
    return Labels(default_engine().ruleset.lexicons, lexicon)


def _lb(key: str, lexicon: str = "report_label", suffix: str = "") -> str:
    """The bilingual label ``key`` of a lexicon of rules/report.rules (``suffix`` after each language)."""
    fa, en = _names(lexicon).pair(key)
    return _bi(fa + suffix, en + suffix)


def _label_attr(key: str, suffix: str = "") -> str:
    """A ` data-label` attribute with label ``key`` in both languages: a stacked table cell on a
    narrow screen shows it above its content (style.css), in place of the hidden column head."""
    fa, en = _names("report_label").pair(key)
    return f' data-label="{esc(f"{fa}{suffix} · {en}{suffix}")}"'


def page_title(key: str) -> str:
    """A page title: «rasti — گزارش بررسی / check report»."""
    fa, en = _names("report_label").pair(key)
    return f"rasti — {fa} / {en}"


def _severity(sev: str) -> tuple[str, str, str]:
    """(marker, Persian, English) of a severity."""
    return (SEVERITY.get(sev, "?"), *_names("severity_name").pair(sev))


def _sev(f: dict) -> str:
    s = str(f.get("severity") or "info")
    return s if s in SEVERITY else "info"


def _worst(sevs: Iterable[str]) -> str:
    order = list(SEVERITY)
    return min(sevs, key=order.index, default="info")


# --- values ---------------------------------------------------------------------------------

def fmt_number(x: Any) -> str:
    if x is None:
        return "?"
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, float):
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        if x.is_integer() and abs(x) < 1e18:
            x = int(x)
        else:
            return f"{x:,.6g}" if abs(x) < 1e15 else f"{x:.6g}"
    return f"{x:,}"


def fmt_value(value: Any, interval: Any, unit: Any = None) -> str:
    """A normalized value: the point, else the interval (∞ for an open bound), then the unit."""
    if value is not None:
        s = fmt_number(value)
    elif isinstance(interval, (list, tuple)) and len(interval) == 2:
        lo, hi = interval
        if lo is not None and lo == hi:
            s = fmt_number(lo)
        else:
            s = f"[{'−∞' if lo is None else fmt_number(lo)}, {'∞' if hi is None else fmt_number(hi)}]"
    else:
        s = "—"
    if unit and unit not in ("count",):
        s += f" {unit}"
    return s


_ISOLATE = re.compile("([\u2066-\u2069])")
_BDI = {"\u2066": '<bdi dir="ltr">', "\u2067": '<bdi dir="rtl">', "\u2068": "<bdi>"}


def bidi_html(text: Any, base: str) -> str:
    """A line of text (direction ``base``: "rtl" or "ltr") as HTML, every embedded run of the
    other direction (and, in RTL, every date-like number) in a <bdi>: the isolates of
    engine/lang/bidi.py become elements, so the page shows «2015-10-07» and «۲۶ موشک کروز» as
    written whether or not the message came isolated (JSON from an older rasti). Escaped."""
    out, depth = [], 0
    for part in _ISOLATE.split(isolate_runs("" if text is None else str(text), base)):
        if part in _BDI:
            out.append(_BDI[part])
            depth += 1
        elif part == "\u2069":
            if depth:
                out.append("</bdi>")
                depth -= 1
        else:
            out.append(esc(part))
    return "".join(out) + "</bdi>" * depth


def _msg_span(text: Any, lang: str) -> str:
    """One language of a message: a block in its direction, its embedded runs isolated."""
    d = "rtl" if lang == "fa" else "ltr"
    return f'<span class="msg" lang="{lang}" dir="{d}">{bidi_html(text, d)}</span>'


def _message(item: dict) -> str:
    msg = item.get("message")
    if not isinstance(msg, dict):
        msg = {"en": msg} if msg else {}
    return "".join(_msg_span(msg[lang], lang) for lang in ("fa", "en") if msg.get(lang))
