"""The corpus report as text: the differences per item, the score table, the verdict and why
(`rasti corpus test`), and one item's differences (what the pytest plugin shows on failure).
"""
from __future__ import annotations

from pathlib import Path

from .results import ItemResult, Report, Tally
from .sections import SECTIONS


def _pct(v: float | None) -> str:
    return "  n/a" if v is None else f"{v:5.3f}"


def score_table(report: Report) -> list[str]:
    lines = [f"{'section':<15} {'category':<24} {'gold':>5} {'found':>5} {'miss':>5} {'wrong':>5} "
             f"{'unexp':>5} {'prec':>6} {'recall':>6} {'F1':>6}"]
    totals = report.totals
    for section in SECTIONS:
        if not report.available.get(section):
            what = "check()" if section == "flags" else "compare()"
            lines.append(f"{section:<15} not available (the engine has no {what})")
            continue
        cats = totals.get(section, {})
        rows = list(cats.items())
        if len(rows) > 1:
            all_ = Tally()
            for _, t in rows:
                all_.add(t)
            rows.append(("(all)", all_))
        for cat, t in rows:
            wrong = t.wrong if section == "mentions" else "-"
            lines.append(f"{section:<15} {cat:<24} {t.gold:>5} {t.found:>5} {t.missed:>5} {wrong:>5} "
                         f"{t.unexpected if t.scopes else '-':>5} {_pct(t.precision):>6} {_pct(t.recall):>6} {_pct(t.f1):>6}")
    return lines


def format_text(report: Report, *, show_known: bool = True) -> str:
    c = report.corpus
    out = []
    n_art = sum(1 for it in report.items if it.kind == "article")
    n_story = sum(1 for it in report.items if it.kind == "story")
    have = [s for s in ("mentions", "flags", "contradictions") if report.available.get(s)]
    out.append(f"rasti corpus test {c.root}: {n_story} stories, {n_art} articles "
               f"(scoring {', '.join('relations' if s == 'contradictions' else s for s in have)})")
    for it in report.items:
        shown = [d for d in it.diffs if show_known or not d.known]
        if not shown and not it.error and not it.stale:
            continue
        label = it.id if it.kind == "article" else f"{it.id} (story)"
        state = "FAIL" if it.failed else "ok"
        out.append(f"\n{label}  {_rel(it.path)}  [{state}]")
        if it.error:
            out.append(f"  ! {it.error}")
        for d in shown:
            tag = "   (accepted)" if d.known else ""
            out.append(f"  {d.line}{tag}")
            if d.detail:
                out.append(f"      {d.detail}")
        for line in it.stale:
            out.append(f"  ~ fixed: {line}")
    out.append("")
    out.extend(score_table(report))
    out.append("")
    new = sum(len(it.new) for it in report.items)
    errors = sum(1 for it in report.items if it.error)
    known = sum(1 for it in report.items for d in it.diffs if d.known)
    stale = sum(len(it.stale) for it in report.items)
    if report.mode == "strict":
        out.append("thresholds: none (strict: every difference from the gold fails)")
    else:
        out.append(f"thresholds: {c.thresholds_path} ({report.mode}): {known} accepted difference(s), "
                   f"{new} new, {stale} fixed")
    for s in report.shortfalls:
        out.append(f"  below minimum: {s}")
    for n in report.notes:
        out.append(f"  note: {n}")
    if stale and report.mode == "known":
        out.append("  fixed differences are still listed as known: rerun with --write-thresholds to tighten")
    if errors:
        out.append(f"{errors} item(s) failed to run")
    if report.passed:
        out.append("result: PASS")
    else:
        why = []
        if new:
            why.append(f"{new} difference(s) from the gold" + ("" if report.mode == "strict" else " not accepted by the thresholds"))
        if report.shortfalls:
            why.append(f"{len(report.shortfalls)} rate(s) below minimum")
        if errors:
            why.append(f"{errors} item error(s)")
        out.append("result: FAIL — " + "; ".join(why))
        if report.mode == "known" and new:
            out.append("  fix them, or accept them after review with `rasti corpus test --write-thresholds`")
    return "\n".join(out) + "\n"


def _rel(p: Path) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def item_report(it: ItemResult) -> str:
    """A readable diff for one item (the pytest plugin shows this on failure)."""
    out = [f"{it.kind} {it.id} ({_rel(it.path)}) differs from its gold:"]
    if it.error:
        out.append(f"  ! {it.error}")
    for d in it.diffs:
        if d.known:
            continue
        out.append(f"  {d.line}")
        if d.detail:
            out.append(f"      {d.detail}")
    known = sum(1 for d in it.diffs if d.known)
    if known:
        out.append(f"  ({known} other difference(s) accepted by the thresholds)")
    return "\n".join(out)
