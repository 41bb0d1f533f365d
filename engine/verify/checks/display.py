"""How values are written in check messages and evidence: numbers with Persian or Latin digits,
days in the message's language and calendar, lists and yes/no as lexicon `check_display` says
(`_show`), and the JSON form of evidence (`_jsonable`).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ...read import calendars as C
from .values import Day, Env, Item, _value, day_of


_FA_DIGITS = str.maketrans("0123456789.,", "۰۱۲۳۴۵۶۷۸۹٫٬")


def _fmt_number(v: float | int, lang: str) -> str:
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            v = int(v)
        else:
            v = round(v, 2)
    if isinstance(v, int):
        s = f"{v:,}" if abs(v) >= 10000 else str(v)
    else:
        s = f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) >= 10000 else f"{v:.2f}".rstrip("0").rstrip(".")
    return s.translate(_FA_DIGITS) if lang == "fa" else s


def _show(env: Env, x: Any) -> str:
    lang = env.lang
    if x is None:
        return "?"
    if isinstance(x, bool):
        return env.run.checks.display.get("yes" if x else "no", lang, str(x).lower())
    if isinstance(x, Item):
        if x.kind == "date":
            d = day_of(x)
            if d is not None:
                return _show(env, d)
        return x.m.text if x.fact is None else x.fact.subject.get("text", "")
    if isinstance(x, Day):
        name = env.run.checks.name(f"{x.cal}_month", x.m, lang) or str(x.m)
        return f"{_fmt_number(x.d, lang)} {name} {_fmt_number(x.y, lang) if x.y >= 10000 else _plain(x.y, lang)}"
    if isinstance(x, date):
        cal = "jalali" if lang == "fa" else "gregorian"
        y, m, d = C.from_gregorian(cal, x)
        return _show(env, Day(cal, y, m, d, x, x, x))
    if isinstance(x, (int, float)):
        return _fmt_number(x, lang)
    if isinstance(x, (list, tuple)):
        return env.run.checks.display.get("list_separator", lang, ", ").join(_show(env, v) for v in x)
    return str(x)


def _plain(n: int, lang: str) -> str:
    return str(n).translate(_FA_DIGITS) if lang == "fa" else str(n)


def _jsonable(x: Any) -> Any:
    if isinstance(x, Item):
        if x.fact is not None:
            return {"fact": x.fact.id, "text": x.fact.subject.get("text"), "value": x.fact.value}
        return {"mention": x.m.id, "text": x.m.text, "value": _jsonable(_value(x))}
    if isinstance(x, Day):
        return {"calendar": x.cal, "year": x.y, "month": x.m, "day": x.d, "gregorian": x.g.isoformat()}
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, float):
        return int(x) if x.is_integer() and abs(x) < 1e15 else round(x, 4)
    if isinstance(x, (list, tuple, set)):
        return [_jsonable(v) for v in x]
    return x
