"""`rasti compare`: contradictions, agreements and updates across articles.

    rasti compare a.txt b.txt c.jsonl            the given articles as one story
    rasti compare --db desk.db new.txt           new articles against everything stored

Exit status as `rasti check`: 0 when no contradiction reaches --fail-on (default error), 1 when
one does, 2 for usage or input errors (a bad article is reported and skipped; the others are
still compared). The store is filled by `rasti index` (cli/index.py).
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

from ..lang.bidi import CONTROLS, contain
from .common import (_engine, add_command, common_options, dask_option, dask_session, encoding_of, location, note,
                     quiet_option, refuse_duplicates, sentence_around)

SEVERITY_RANK = {"error": 2, "warning": 1, "info": 0}
HELP = "contradictions, agreements and updates across articles"
EXAMPLES = ("rasti compare a.txt b.txt c.jsonl                the given articles as one story",
            "rasti compare a.txt b.txt --agreements --ledger  also what they agree on, and each figure over time",
            "rasti compare --db desk.db new.txt --format json new articles against everything stored")
NOTES = ("exit status: 0 when no contradiction reaches --fail-on, 1 when one does, 2 for a bad argument or\n"
         "input (two articles with the same id included).")


def _read_all(args, engine, sources) -> tuple[list, dict, list[str]]:
    """(articles, origin by id, input errors) for the inputs read."""
    from ..errors import InputError
    arts, origins, errors = [], {}, []
    check = getattr(engine, "check", None)
    warned = False
    for src in sources:
        if isinstance(src, InputError):
            errors.append(str(src))
            print(f"rasti: {src}", file=sys.stderr)
            continue
        art = engine.read(src.text, published=src.published, id=src.id, published_source=src.published_source)
        if check is not None and not args.no_check:
            try:
                art = check(art)
            except Exception as e:  # noqa: BLE001 - the comparison does not depend on the checks
                if not warned:
                    note(args, f"rasti: internal checks skipped ({type(e).__name__}: {e})")
                    warned = True
        if src.meta.get("source") and not art.source:
            from dataclasses import replace
            art = replace(art, source=str(src.meta["source"]))
        arts.append(art)
        origins[art.id] = (src.origin, src.text, _body_line(src))
    return arts, origins, errors


def _body_line(src) -> int:
    """Lines of front matter before the body of a .txt file (so positions are the file's)."""
    if not src.origin.endswith(".txt") or not src.meta:
        return 0
    try:
        whole = Path(src.origin).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    return whole[:len(whole) - len(src.text)].count("\n") if src.text and whole.endswith(src.text) else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from ..store.dialect import is_url, shown
    if args.db and not is_url(args.db) and not Path(args.db).exists():
        print(f"rasti: {args.db}: no such fact store (create it with `rasti index FILE... --db {args.db}`)", file=sys.stderr)
        return 2
    from ..feed.unique import checked_inputs
    sources, repeated = checked_inputs(args.files, args.published, encoding_of(args))
    if refuse_duplicates(repeated):
        return 2
    session = dask_session(args)     # a missing extra or an unreachable scheduler: one line, exit 2, before reading
    try:
        return _compare(args, sources, session)
    finally:
        if session is not None:
            session.close()


def _compare(args: argparse.Namespace, sources, session) -> int:
    from ..verify.compare import compare_claims, claims_of, rules_of
    engine = _engine(args)
    arts, origins, errors = _read_all(args, engine, sources)
    rules = rules_of(engine)
    claims = []
    for i, a in enumerate(arts):
        claims.extend(claims_of(a, rules, i, figures=True))
    stored = []
    if args.db:
        from ..store import FactStore, StoreError, shown
        try:
            with FactStore(args.db) as store:
                stored = store.claims_for({(c.key, c.unit) for c in claims}, exclude={a.id for a in arts})
        except StoreError as e:
            print(f"rasti: {shown(args.db)}: {e}", file=sys.stderr)
            return 2
    if session is not None:         # the groups decided on the cluster: the same result
        from ..feed.shuffle import compare_dask
        result = compare_dask(claims, rules, session, stored=stored, story=not args.db, articles=arts)
    else:
        result = compare_claims(claims, rules, stored=stored, story=not args.db, articles=arts)
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1, default=str) + "\n")
    else:
        _write_text(result, origins, args, len(stored))
    if errors:
        return 2
    limit = {"error": 2, "warning": 1, "never": 99}[args.fail_on]
    return 1 if any(SEVERITY_RANK.get(f.severity, 0) >= limit for f in result.contradictions) else 0


def _where(claim, origins) -> str:
    o = origins.get(claim.article)
    if o is None:
        return "[stored]"
    origin, text, skip = o
    return location(origin, text, claim.start, skip).rstrip(":")  # a JSONL article: file.jsonl:N: (text L:C)


def _context(claim, origins) -> str:
    o = origins.get(claim.article)
    if o is None:
        return ""
    text = o[1]
    a, b = claim.sentence if claim.sentence else sentence_around(text, claim.start, claim.end)
    s = (contain(text[a:claim.start]) + "«" + contain(text[claim.start:claim.end]) + "»"
         + contain(text[claim.end:b])).strip()
    s = " ".join(s.split())
    return s if len(s) <= 240 else s[:237] + "…"


def _claim_line(result, c, origins, lang: str) -> str:
    pub = c.published or "?"
    who = f"  [{contain(c.attribution['text'])}]" if c.attribution else ""
    return (f"  {contain(_where(c, origins))}  {contain(c.article)} ({contain(pub)})  «{contain(c.text)}» = "
            f"{result.show(c, lang)}{who}")


def _write_text(result, origins, args, n_stored: int) -> None:
    out = sys.stdout
    lang = args.lang
    sev = {}
    for f in result.contradictions:
        sev[f.severity] = sev.get(f.severity, 0) + 1
    sev_s = ", ".join(f"{n} {s}" for s, n in sorted(sev.items(), key=lambda kv: -SEVERITY_RANK.get(kv[0], 0)))
    against = f" against {n_stored} stored claims" if args.db else " as one story"
    out.write(f"rasti compare: {len(result.articles)} articles{against}; {len(result.contradictions)} contradictions"
              f"{' (' + sev_s + ')' if sev_s else ''}, {len(result.agreements)} agreements, {len(result.updates)} updates\n")
    # one block per dispute: a dissenting claim against the claims of the other value, not one
    # block per pair («caspian-04 says 18; 5 outlets say 26»); the JSON keeps every pair
    order = sorted(result.disputes, key=lambda g: -SEVERITY_RANK.get(g.severity, 0))
    for g in order:
        out.write(f"\nCONTRADICTION {g.severity}: {g.message[lang]}\n")
        for c in (g.dissent, *g.majority):
            out.write(_claim_line(result, c, origins, lang) + "\n")
            ctx = _context(c, origins)
            if ctx:
                out.write(f"      {ctx}\n")
        out.write(f"  rule: {g.rule}\n")
    for f in result.updates:
        out.write(f"\nUPDATE: {f.message[lang]}\n")
        for c in f.claims:
            out.write(_claim_line(result, c, origins, lang) + "\n")
    if args.agreements:
        for f in result.agreements:
            out.write(f"\nAGREEMENT: {f.message[lang]}\n")
            for c in f.claims:
                out.write(_claim_line(result, c, origins, lang) + "\n")
    if args.ledger:
        out.write("\nLEDGER\n")
        for entry in result.ledger:
            what = contain(entry["subject"]["key"]) + (f" ({contain(entry['predicate'])})" if entry.get("predicate") else "")
            when = entry["time"] if isinstance(entry["time"], str) else ""
            out.write(f"  {what}{' ' + when if when else ''}{' [running total]' if entry['series'] else ''}\n")
            for v in entry["values"]:
                val = v["value"] if v["value"] is not None else v["interval"]
                out.write(f"    {_pad(v['published'] or '?', 10)}  {_pad(v['article'], 16)} {str(val):<14} "
                          f"{v['status']:<11} «{contain(v['text'])}»\n")


def _pad(s: str, width: int) -> str:
    """An article-derived field of a column, contained, padded by what shows of it."""
    return contain(s) + " " * max(0, width - sum(ch not in CONTROLS for ch in s))


def setup(sub) -> None:
    """The `compare` subcommand: the common options, --db, --fail-on, --lang and the text extras."""
    sp = add_command(sub, "compare", HELP, EXAMPLES, notes=NOTES)
    common_options(sp)
    sp.add_argument("--db", metavar="PATH|URL",
                    help="compare against every article stored in this fact store (SQLite file or postgresql:// URL)")
    sp.add_argument("--fail-on", choices=("error", "warning", "never"), default="error",
                    help="exit 1 when a contradiction of this severity (or worse) is found")
    sp.add_argument("--lang", choices=("fa", "en"), default="fa", help="language of the messages in text output")
    sp.add_argument("--agreements", action="store_true", help="text output: list agreements too")
    sp.add_argument("--ledger", action="store_true", help="text output: print the figure ledger")
    sp.add_argument("--no-check", action="store_true", help="do not run the internal checks on each article")
    dask_option(sp, "decide the groups of claims on a Dask cluster (a shuffle by subject key)")
    quiet_option(sp)
    sp.set_defaults(func=cmd_compare)
    from ..report import add_report_options     # desk report: --format html and --output FILE (engine/report.py)
    add_report_options(sp, "compare")
    sp.set_defaults(func=functools.partial(_ids_first, sp.get_default("func")))


def _ids_first(dispatch, args: argparse.Namespace) -> int:
    """Refuse repeated ids before the report options run: their --output writes whatever the
    command printed, even nothing. (A stdin input can be read once: cmd_compare refuses it.)"""
    if getattr(args, "output", None) and "-" not in args.files:
        from ..feed.unique import checked_inputs
        _, repeated = checked_inputs(args.files, args.published, encoding_of(args), stream=True)
        if refuse_duplicates(repeated):
            return 2
    return dispatch(args)
