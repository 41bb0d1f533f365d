"""Figures: an amount, a share, a day or a clock time stated by two outlets of one story is the same
figure even where the engine cannot say what it is of («۳٫۶ همت برای اتوبوس‌های برقی» in a headline,
"around $83" with no measure before it, «ساعت ۱۴:۲۷» and "2:27 p.m."). Each such mention is also a
figure claim keyed by its base unit and its value (so only equal figures meet: grouping stays
linear), loose: figures that meet may agree, never contradict (a figure of an unnamed thing is
no claim about anything a desk could check). A figure agreement that restates an agreement on a
named claim is left out (findings.py). Bare counts need a size (`MIN_COUNT`), and a number that
could be a year is a figure only when a fact or frame counts something with it: «۴ نفر», «سال
۱۴۰۳» coincide across any two articles; «۱۴۵۰ نفر» does not."""
from __future__ import annotations

import math

from ...model import Article, Mention
from .claim import Claim
from .sentences import _is_day, _sentence_span, _Sentences
from .values import _figure, _num, _ord, _widen

FIGURE_KINDS = ("money", "quantity", "percent", "date", "time", "number", "ordinal")
MIN_COUNT = 10          # a bare count or ordinal below this is too common to be one figure


def _minutes(v) -> float | None:
    """«۱۴:۲۷» as minutes of the day."""
    if not isinstance(v, str) or ":" not in v:
        return None
    h, _, m = v.partition(":")
    try:
        return float(int(h) * 60 + int(m[:2]))
    except ValueError:
        return None


def _year_like(m: Mention, v: float) -> bool:
    return m.kind == "number" and float(v).is_integer() and (1300 <= v <= 1500 or 1900 <= v <= 2100)


def _amount(m: Mention) -> tuple[str, float | None, float | None, float | None, float | None] | None:
    """(unit, value, lo, hi, precision) of a mention in its base unit, or None if it is no figure."""
    ex = m.extra
    if m.kind == "date":
        d = _ord(m.value) if _is_day(m) and not ex.get("weekday_only") and ex.get("relative") is None else None
        return ("date", float(d), float(d), float(d), None) if d is not None else None
    if m.kind == "time":
        t = _minutes(m.value)
        return ("time", t, t, t, None) if t is not None else None
    if ex.get("base_unit"):
        iv = ex.get("base_interval") or (ex.get("base_value"), ex.get("base_value"))
        return (str(ex["base_unit"]), _num(ex.get("base_value")), _num(iv[0]), _num(iv[1]), _num(ex.get("base_precision")))
    unit = {"percent": "percent", "number": "count", "ordinal": "ordinal"}.get(m.kind)
    if unit is None:
        return None
    iv = m.interval or (m.value, m.value)
    return unit, _num(m.value), _num(iv[0]), _num(iv[1]), _num(m.precision)


def figure_claims(article: Article, sents: _Sentences, key: str, seq: int, day_key: str = "day") -> list[Claim]:
    """The figure claims of one article (see the module docstring); a day's subject is ``day_key``."""
    out: list[Claim] = []
    text = article.text
    counted = {i for f in article.facts for i in f.mentions} | {c.mention for c in article.claims}
    for m in article.mentions:
        if m.kind not in FIGURE_KINDS:
            continue
        got = _amount(m)
        if got is None:
            continue
        unit, value, lo, hi = got[:4]
        if lo is None and hi is None:
            continue
        fig = _figure(lo, hi, value, m.hedge)
        if fig is None or math.isinf(fig) or math.isnan(fig):
            continue
        if unit in ("count", "ordinal") and (abs(fig) < MIN_COUNT or (_year_like(m, fig) and m.id not in counted)):
            continue
        flo, fhi, lop, hip = _widen(lo, hi, got[4]) if unit not in ("date", "time") else (lo - 0.5, hi + 0.5, True, True)
        stated = ()
        if m.extra.get("base_unit"):
            stated = (_num(m.value), _num(m.interval[0]) if m.interval else None, _num(m.interval[1]) if m.interval else None,
                      str(m.extra.get("unit") or ""), str(m.extra.get("unit_text") or m.extra.get("unit") or ""))
        sa, sb = _sentence_span(text, m.start, m.end)
        out.append(Claim(
            article.id, article.published, f"f{len(out) + 1}", "figure", f"{key}/{unit}/{fig:.4g}",
            day_key if unit == "date" else key, None, unit,
            flo, fhi, lop, hip, value, [lo, hi], m.hedge, fig, False, None, None, (),
            None, None, False, False, m.start, m.end, text[m.start:m.end], None, m.rule, seq,
            loose=True, stated=stated, sentence=(sa, sb), named=False))
    return out
