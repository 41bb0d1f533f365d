"""The ledger chart: one figure's values against their publication dates as an inline SVG,
one series per outlet, told apart by colour and by marker shape (never colour alone).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from ..lang.bidi import contain
from .fmt import bdi, esc, fmt_number, fmt_value


# Outlet colours and marker shapes for the ledger charts: two cues, not colour alone.
PALETTE = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7b83", "#57606a")
SHAPES = ("circle", "square", "triangle", "diamond")


def _numeric(v: Any, unit: Any) -> float | None:
    if v is None:
        return None
    if unit == "date" and isinstance(v, str):
        try:
            return float(date.fromisoformat(v).toordinal())
        except ValueError:
            return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v) if math.isfinite(v) else None


def _ordinal(iso: Any) -> int | None:
    try:
        return date.fromisoformat(str(iso)[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def _marker_svg(shape: str, x: float, y: float, color: str, hollow: bool, r: float = 4.5) -> str:
    fill = "#fff" if hollow else color
    common = f'fill="{fill}" stroke="{color}" stroke-width="1.8"'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {common}/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - r - 1:.1f} {x - r - 1:.1f},{y + r:.1f} {x + r + 1:.1f},{y + r:.1f}" {common}/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}" {common}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'


# The chart's frame: width, height and the margins left, right, top, bottom (px). The right
# margin holds half the last date label («2015-10-10», centred on its day, about 62 px at 11 px).
W, H, L, R, T, B = 440, 200, 64, 40, 14, 38
SPREAD, SPREAD_MAX = 7.0, 36.0      # px between marks of one place, and at most for a whole cluster

_Point = tuple[int, float | None, float | None, float | None, dict]   # day, value, low, high, the entry


def _points(entry: dict, unit: Any) -> list[_Point]:
    """The values of a ledger entry that can be placed: a publication date and a number."""
    pts = []
    for v in entry.get("values") or ():
        x = _ordinal(v.get("published"))
        if x is None:
            continue
        iv = v.get("interval") if isinstance(v.get("interval"), (list, tuple)) and len(v.get("interval")) == 2 else (None, None)
        point = _numeric(v.get("value"), unit)
        lo, hi = _numeric(iv[0], unit), _numeric(iv[1], unit)
        if point is None and lo is None and hi is None:
            continue
        pts.append((x, point, lo, hi, v))
    return pts


@dataclass
class _Scale:
    """Days and values to pixels inside the frame (values padded, from 0 when all are ≥ 0)."""
    x0: float
    x1: float
    y0: float
    y1: float

    @classmethod
    def of(cls, pts: list[_Point], unit: Any) -> _Scale:
        ys = [y for _, p, lo, hi, _ in pts for y in (p, lo, hi) if y is not None]
        y0, y1 = min(ys), max(ys)
        if y0 == y1:
            pad = max(1.0, abs(y0) * 0.1)
        else:
            pad = (y1 - y0) * 0.12
        y0, y1 = y0 - pad, y1 + pad
        if unit != "date" and min(ys) >= 0 and y0 < 0:
            y0 = 0.0
        xs = [p[0] for p in pts]
        return cls(min(xs), max(xs), y0, y1)

    def X(self, x: float) -> float:
        x0, x1 = self.x0, self.x1
        return L + (W - L - R) / 2 if x0 == x1 else L + (x - x0) / (x1 - x0) * (W - L - R)

    def Y(self, y: float) -> float:
        return T + (1 - (y - self.y0) / (self.y1 - self.y0)) * (H - T - B)


def _axes(sc: _Scale, days: list[int], unit: Any) -> list[str]:
    """The plot area, three value lines with labels and up to four date lines with labels."""
    def ylab(y: float) -> str:
        return date.fromordinal(int(round(y))).isoformat() if unit == "date" else fmt_number(round(y, 6) if abs(y) < 1e15 else y)

    parts = [f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" class="plot"/>']
    for frac in (0, 0.5, 1):
        yv = sc.y0 + frac * (sc.y1 - sc.y0)
        yy = sc.Y(yv)
        parts.append(f'<line x1="{L}" x2="{W - R}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
                     f'<text x="{L - 6}" y="{yy + 4:.1f}" text-anchor="end" class="ax">{esc(ylab(yv))}</text>')
    shown = days if len(days) <= 4 else [days[0], days[len(days) // 2], days[-1]]
    for d in shown:
        parts.append(f'<line x1="{sc.X(d):.1f}" x2="{sc.X(d):.1f}" y1="{T}" y2="{H - B}" class="grid"/>'
                     f'<text x="{sc.X(d):.1f}" y="{H - B + 16}" text-anchor="middle" class="ax">{date.fromordinal(d).isoformat()}</text>')
    return parts


def _by_outlet(pts: list[_Point], outlet_of: Callable[[str], str]) -> dict[str, list[_Point]]:
    """The points grouped by article, then the articles' groups joined per outlet."""
    series: dict[str, list] = {}
    for x, point, lo, hi, v in pts:
        series.setdefault(str(v.get("article")), []).append((x, point, lo, hi, v))
    by_outlet: dict[str, list] = {}
    for aid, s in series.items():
        by_outlet.setdefault(outlet_of(aid), []).extend(s)
    return by_outlet


def _plotted(p: _Point) -> float:
    """The value a mark stands at: the point, else the interval's low (or high) end."""
    _, point, lo, hi, _ = p
    return point if point is not None else (lo if lo is not None else hi)


def _offsets(sc: _Scale, by_outlet: dict[str, list[_Point]]) -> tuple[dict[int, float], list[tuple[float, float, int]]]:
    """Marks that fall on one place (same day, within a pixel) would hide each other: each gets a
    sideways offset (id of its value -> px), and each such place a count (x, y, how many)."""
    places: dict[tuple[int, int], list[_Point]] = {}
    for s in by_outlet.values():
        for p in s:
            places.setdefault((p[0], round(sc.Y(_plotted(p)))), []).append(p)
    dx: dict[int, float] = {}
    counts = []
    for (day, y), ps in places.items():
        if len(ps) < 2:
            continue
        step = min(SPREAD, SPREAD_MAX / (len(ps) - 1))
        for i, p in enumerate(ps):
            dx[id(p[4])] = (i - (len(ps) - 1) / 2) * step
        counts.append((sc.X(day), float(y), len(ps)))
    return dx, counts


def _counts(counts: list[tuple[float, float, int]]) -> list[str]:
    """«×5» above a place where several marks stand."""
    return [f'<text x="{x:.1f}" y="{max(y - 9, T + 9):.1f}" text-anchor="middle" class="n" '
            f'data-count="{n}">×{n}</text>' for x, y, n in counts]


def _outlet_series(sc: _Scale, outlet: str, s: list[_Point], style: tuple[str, str], unit: Any,
                   dx: dict[int, float] | None = None) -> list[str]:
    """One outlet's line and markers (hollow with a bar for an interval, ringed when it
    contradicts), each with a title saying what it is; ``dx`` moves marks sharing a place apart."""
    color, shape = style
    dx = dx or {}
    s.sort(key=lambda t: t[0])
    line = [(sc.X(p[0]) + dx.get(id(p[4]), 0.0), sc.Y(_plotted(p))) for p in s]
    parts = []
    if len(line) >= 2:
        parts.append(f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in line)}" fill="none" '
                     f'stroke="{color}" stroke-width="1.5" stroke-opacity="0.7"/>')
    for (x, point, lo, hi, v), (px, py) in zip(s, line):
        if point is None:       # an interval: a bar, open ends reach the frame with an arrow
            ya = sc.Y(lo) if lo is not None else H - B
            yb = sc.Y(hi) if hi is not None else T
            parts.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{ya:.1f}" y2="{yb:.1f}" stroke="{color}" stroke-width="2"/>')
            if hi is None:
                parts.append(f'<polygon points="{px:.1f},{T - 2} {px - 4:.1f},{T + 6} {px + 4:.1f},{T + 6}" fill="{color}"/>')
        status = str(v.get("status") or "")
        label = (f'{contain(outlet)} ({contain(str(v.get("article")))}), {v.get("published")}: '
                 f'{fmt_value(v.get("value"), v.get("interval"), unit)} — {contain(str(v.get("text") or ""))} [{status}]')
        mk = _marker_svg(shape, px, py, color, hollow=point is None)
        ring = (f'<circle cx="{px:.1f}" cy="{py:.1f}" r="8" fill="none" stroke="#d1242f" stroke-width="1.5" '
                f'stroke-dasharray="2 2"/>' if status == "contradicts" else "")
        parts.append(f'<g class="pt" data-status="{esc(status)}"><title>{esc(label)}</title>{ring}{mk}</g>')
    return parts


def ledger_chart(entry: dict, outlet_of: Callable[[str], str], style_of: Callable[[str], tuple[str, str]],
                 cid: str, min_points: int = 3) -> str:
    """Value against publication date, one series per outlet; '' when it cannot be drawn (or has
    fewer than ``min_points`` values: a report's table of two says it all; a desk charts them)."""
    unit = entry.get("unit")
    pts = _points(entry, unit)
    if len(pts) < max(2, min_points):
        return ""
    sc = _Scale.of(pts, unit)
    parts = _axes(sc, sorted(set(p[0] for p in pts)), unit)
    by_outlet = _by_outlet(pts, outlet_of)
    dx, counts = _offsets(sc, by_outlet)
    for outlet, s in by_outlet.items():
        parts.extend(_outlet_series(sc, outlet, s, style_of(outlet), unit, dx))
    parts.extend(_counts(counts))
    subj = entry.get("subject") or {}
    title = f'{subj.get("text") or subj.get("key") or ""}: value by publication date, per outlet'
    legend = "".join(
        f'<li><svg width="14" height="14" aria-hidden="true">{_marker_svg(style_of(o)[1], 7, 7, style_of(o)[0], False, 4)}</svg> '
        f'{bdi(o)}</li>' for o in by_outlet)
    return (f'<figure class="chart"><svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
            f'aria-labelledby="{cid}-t" dir="ltr"><title id="{cid}-t">{esc(title)}</title>{"".join(parts)}</svg>'
            f'<figcaption><ul class="legend">{legend}</ul></figcaption></figure>')
