"""`rasti check FILE...`: internal consistency flags per article, like a compiler's diagnostics.

    rasti check article.txt                     path:line:col: code severity message + the sentence
    rasti check news.jsonl --format json        the extract JSON plus `flags` and `coverage` per article
    rasti check dir/ --fail-on warning          exit 1 when any warning or error is raised

Exit status: 0 when no flag reaches --fail-on (default: error), 1 when one does, 2 for usage or
input errors (bad files, bad rules).

Line and column are the file's (after a .txt's front matter); for a .jsonl input the location is
`file.jsonl:N: (text line:col)` — the input line, then line and column within that article's
text, written so that no tool reads them as the file's column.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import (JsonArticles, add_command, common_options, dask_option, good_results, location, progress_option,
                     quiet_option, sentence_around, start_batch)
from ..feed.inputs import Source
from ..lang.bidi import contain
from ..lang.labels import Labels

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
MARK = ("⟦", "⟧")
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
CONTEXT = 140           # characters of a long sentence shown on each side of the marked spans
HELP = "check each article's numbers and dates against each other"
EXAMPLES = ("rasti check article.txt                     path:line:col: code severity message + the sentence",
            "rasti check news.jsonl --format json        the extract JSON plus flags and coverage",
            "rasti check dir/ --fail-on warning          exit 1 when any warning or error is raised")
NOTES = ("exit status: 0 when no flag reaches --fail-on, 1 when one does, 2 for a bad argument, input or rule file.\n"
         "A flag in a .jsonl article is located as file.jsonl:LINE: (text L:C): the input line, then the\n"
         "line and column inside that article's text.")


def check_dict(src: Source) -> dict:
    """Batch work: the article's JSON form with flags and coverage."""
    from ..feed.batch import engine
    eng = engine()
    return eng.check(eng.read(src.text, published=src.published, id=src.id, published_source=src.published_source)).to_dict()


def check_json(src: Source) -> tuple[str, tuple[str, ...], int, int]:
    """`check_dict` encoded where it was made (a string is cheap to send back from a worker),
    with what the summary needs: each flag's severity, and mentions found and checked."""
    d = check_dict(src)
    cov = d.get("coverage") or {}
    return (json.dumps(d, ensure_ascii=False), tuple(f["severity"] for f in d.get("flags", [])),
            cov.get("found", 0), cov.get("checked", 0))


def check_with_text(src: Source) -> tuple[dict, str, str, int]:
    """For the text format: the JSON form, the text, where it came from, and the line the body
    starts on in its file (after front matter)."""
    return check_dict(src), src.text, src.origin, _body_line(src)


for _work in (check_dict, check_json, check_with_text):   # read with the batch's Engine
    _work.uses_engine = True   # type: ignore[attr-defined]


def _body_line(src: Source) -> int:
    """Lines before the article body in its file (a front matter block), so line numbers are the file's."""
    if not src.meta or ":" in Path(src.origin).name and src.origin.rsplit(":", 1)[-1].isdigit():
        return 0
    p = Path(src.origin)
    try:
        whole = p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    if not whole.endswith(src.text):
        return 0
    return whole[: len(whole) - len(src.text)].count("\n")


def _marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Each sentence that holds a span, with the spans marked ⟦…⟧ (long sentences trimmed); a
    piece holding bidi controls is isolated, so it cannot carry the marks away."""
    by_sentence: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for s, e in sorted(spans):
        by_sentence.setdefault(sentence_around(text, s, e), []).append((s, e))
    out = []
    for (a, b), ss in by_sentence.items():
        lo = max(a, ss[0][0] - CONTEXT)
        hi = min(b, ss[-1][1] + CONTEXT)
        parts = ["…" if lo > a else ""]
        pos = lo
        for s, e in ss:
            if s < pos:
                continue
            parts += [contain(text[pos:s]), MARK[0], contain(text[s:e]), MARK[1]]
            pos = e
        parts += [contain(text[pos:hi]), "…" if hi < b else ""]
        out.append(" ".join("".join(parts).split()))
    return out


def format_flags(d: dict, text: str, origin: str, first_line: int, lang: str) -> list[str]:
    lines = []
    for f in d.get("flags", []):
        s = f["spans"][0][0] if f["spans"] else 0
        lines.append(f"{location(contain(origin), text, s, first_line)} {f['code']} {f['severity']} {f['message'][lang]}")
        for sent in _marked(text, [tuple(x) for x in f["spans"]]):
            lines.append(f"    {sent}")
    return lines


def _summary(key: str, lang: str, **values) -> str:
    """A summary line of lexicon `check_summary` (rules/report.rules); Persian digits in Persian."""
    from ..feed.batch import engine
    text = Labels(engine().ruleset.lexicons, "check_summary").fill(key, lang, **values)
    return text.translate(FA_DIGITS) if lang == "fa" else text


def _coverage_line(d: dict, lang: str) -> str:
    c = d.get("coverage") or {}
    nums, dates = c.get("numbers", {}), c.get("dates", {})
    return f"{contain(d['id'])}: " + _summary(
        "article", lang, errors=sum(1 for f in d.get("flags", []) if f["severity"] == "error"),
        warnings=sum(1 for f in d.get("flags", []) if f["severity"] == "warning"),
        checked=c.get("checked", 0), found=c.get("found", 0),
        numbers_checked=nums.get("checked", 0), numbers_found=nums.get("found", 0),
        dates_checked=dates.get("checked", 0), dates_found=dates.get("found", 0))


def cmd_check(args: argparse.Namespace) -> int:
    run, progress = start_batch(args, check_json, check_with_text)
    fail_rank = SEVERITY_RANK.get(args.fail_on, 99)
    errors: list = []
    failed = False
    totals = {"articles": 0, "error": 0, "warning": 0, "found": 0, "checked": 0}
    out = sys.stdout
    array = JsonArticles(out) if args.format == "json" else None
    for item in good_results(run, errors):
        if array is not None:
            encoded, severities, found, checked = item
        else:
            d = item[0]
            cov = d.get("coverage") or {}
            severities = tuple(f["severity"] for f in d.get("flags", []))
            found, checked = cov.get("found", 0), cov.get("checked", 0)
        totals["articles"] += 1
        for sev in severities:
            totals[sev] = totals.get(sev, 0) + 1
            if SEVERITY_RANK.get(sev, 0) >= fail_rank:
                failed = True
        totals["found"] += found
        totals["checked"] += checked
        if array is not None:
            array.add(encoded)
        else:
            _, text, origin, body_line = item
            for line in format_flags(d, text, origin, body_line, args.lang):
                out.write(line + "\n")
            if d.get("flags") or args.verbose:
                out.write(_coverage_line(d, args.lang) + "\n")
    if array is not None:
        array.close()
    else:
        t = totals
        out.write(_summary("total", args.lang, articles=t["articles"], errors=t["error"], warnings=t["warning"],
                           checked=t["checked"], found=t["found"]) + "\n")
    if args.summary or (progress and not args.quiet):
        print(run.summary, file=sys.stderr)
    if errors:
        return 2
    return 1 if failed else 0


def setup(sub) -> None:
    """The `check` subcommand: the common options, --fail-on, --lang, the batch and report options."""
    sp = add_command(sub, "check", HELP, EXAMPLES, notes=NOTES)
    common_options(sp)
    sp.add_argument("--fail-on", choices=("error", "warning", "never"), default="error",
                    help="exit 1 when a flag of this severity or worse is raised")
    sp.add_argument("--lang", choices=("fa", "en"), default="fa", help="language of the messages (text format)")
    sp.add_argument("--verbose", "-v", action="store_true", help="a coverage line for every article, flagged or not")
    sp.add_argument("--workers", type=int, default=1, metavar="N", help="check on N processes (0: one per CPU)")
    dask_option(sp)
    progress_option(sp)
    sp.add_argument("--summary", action="store_true", help="print articles, errors and MB/s at the end")
    quiet_option(sp)
    sp.set_defaults(func=cmd_check)
    from ..report import add_report_options     # desk report: --format html and --output FILE (engine/report.py)
    add_report_options(sp, "check")
