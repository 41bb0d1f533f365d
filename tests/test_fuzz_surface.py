"""Fuzzing the whole surface (issue 19, item 3), not only `read`:

1. `check` and `compare` over 1–5 Persian-like articles at a time: they never raise, every span
   quotes its text (``text[start:end] == quoted``) and every result serializes to JSON;
2. the input readers (`read_inputs`, `rasti extract` / `rasti check`) over random bytes, broken
   front matter, BOM, CRLF, NUL, lone surrogates through JSON escapes and huge lines: never a
   traceback, only articles or `InputError`s that name the file (and line); exit 0, 1 or 2;
3. `rasti rules lint` over mutated copies of the built-in rules: never a traceback, exit 0 or
   2, every error as ``path:line:col: CODE message``.

Everything is deterministic (``derandomize=True``) and sized to run in well under a minute on a
busy two-core machine; nothing here measures time.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rasti.errors import InputError

FUZZ = dict(derandomize=True, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                   HealthCheck.function_scoped_fixture])

# --- 1. check and compare ---------------------------------------------------------------------

ZWNJ = "\u200c"
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"]
DIGITS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"]
NUMBER_WORDS = ["یک", "دو", "سه", "چهار", "پنج", "شش", "ده", "دوازده", "بیست", "سی", "صد",
                "دویست", "هزار", "میلیون", "میلیارد", "نیم", "دهم", "ششمین", "نخست", "ده‌ها",
                "صدها", "هزاران", "چند", "چندین", "يك", "دو\u200cهزار"]
MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
          "بهمن", "اسفند", "مهرماه", "ژانویه", "سپتامبر", "اکتبر", "محرم", "ذی‌الحجه", "رمضان"]
WEEKDAYS = ["شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]
WORDS = ["نفر", "کشته", "زخمی", "موشک", "کروز", "شلیک", "شد", "شدند", "است", "بود", "تن",
         "کیلومتر", "دلار", "تومان", "ریال", "بشکه", "در روز", "نفت", "تولید", "صادرات", "تورم",
         "جمعیت", "حدود", "دست‌کم", "بیش از", "کمتر از", "تقریبا", "به گفته", "اعلام کرد",
         "گزارش داد", "خبرگزاری", "وزیر", "كشته", "يكشنبه", "سال", "ماه", "روز", "امروز", "دیروز",
         "هفته گذشته", "پیش", "در مجموع", "تاکنون", "افزایش", "کاهش", "یافت", "رسید", "و", "یا",
         "از", "تا", "درصد", "٪", "%", "،", ".", "؛", "؟", ":", "(", ")", "«", "»", "-", "/"]


@st.composite
def digits(draw) -> str:
    """A number in one of three scripts (sometimes mixed), with thousands or decimal marks."""
    groups = draw(st.lists(st.text(alphabet=draw(st.sampled_from(DIGITS + ["".join(DIGITS)])),
                                   min_size=1, max_size=4), min_size=1, max_size=3))
    sep = draw(st.sampled_from(["٬", ",", "٫", ".", "/", ""]))
    return sep.join(groups)


@st.composite
def a_date(draw) -> str:
    day = draw(st.one_of(digits(), st.integers(1, 31).map(str), st.sampled_from(NUMBER_WORDS)))
    year = draw(st.sampled_from(["", " ۱۳۹۴", " 1394", " ۱۴۰۲", " ۲۰۱۵", " 2015", " ١٤٣٦", " " + draw(digits())]))
    return f"{day} {draw(st.sampled_from(MONTHS))}{year}"


@st.composite
def a_range(draw) -> str:
    return f"از {draw(st.one_of(a_date(), digits()))} تا {draw(st.one_of(a_date(), digits()))}"


@st.composite
def a_figure(draw) -> str:
    n = draw(st.one_of(digits(), st.sampled_from(NUMBER_WORDS),
                       st.lists(st.sampled_from(NUMBER_WORDS), min_size=2, max_size=4).map(" و ".join)))
    return f"{draw(st.sampled_from(['', 'حدود ', 'دست‌کم ', 'بیش از ', '']))}{n} " \
           f"{draw(st.sampled_from(['درصد', '٪', 'نفر', 'موشک', 'تن', 'میلیون بشکه', 'کشته', '']))}"


ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    """Real sentences to start from: the bundled corpus's articles and the rules' examples."""
    out = []
    for p in sorted(ROOT.glob("corpus/*/*.txt")):
        body = p.read_text(encoding="utf-8")
        if body.startswith("---") and "\n---" in body[3:]:
            body = body[3:].split("\n---", 1)[1]
        out += [s.strip() for s in re.split(r"(?<=[.!؟?\n])", body) if len(s.strip()) > 10]
    for p in sorted(ROOT.glob("rules/*.rules")):
        out += re.findall(r'example "([^"]+)"', p.read_text(encoding="utf-8"))
    return out


SENTENCES = _sentences()
_NUMBER = re.compile(r"[0-9۰-۹٠-٩]+")


def renumbered(s: str):
    """``s`` with some of its numbers changed (another figure, another day, another script)."""
    return st.lists(st.one_of(st.none(), digits()), min_size=len(_NUMBER.findall(s)),
                    max_size=len(_NUMBER.findall(s))).map(
        lambda new: _NUMBER.sub(lambda m, it=iter(new): next(it) or m.group(), s))


def a_sentence():
    """A corpus sentence or rule example, renumbered: the shapes checks and compare look for,
    with values they must judge."""
    return st.sampled_from(SENTENCES).flatmap(renumbered)


fragment = st.one_of(
    a_sentence(),
    a_figure(), a_date(), a_range(), digits(),
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WEEKDAYS).map(lambda w: "روز " + w),
    st.sampled_from(NUMBER_WORDS), st.sampled_from(MONTHS),
)


@st.composite
def decorated(draw, s: str) -> str:
    """ZWNJ, bidi marks and Arabic ي/ك sprinkled into a fragment."""
    if draw(st.booleans()):
        s = s.replace("ی", "ي").replace("ک", "ك")
    for pos, mark in draw(st.lists(st.tuples(st.integers(0, len(s)), st.sampled_from([ZWNJ, *BIDI])), max_size=2)):
        s = s[:pos] + mark + s[pos:]
    return s


GLUE = [" ", " ", " ", "\n", "\r\n", ZWNJ, "، ", ". ", "\n\n", "\u00a0"]


def article_text(shared=st.nothing()):
    """An article: fragments (some decorated), glued by spaces, newlines, ZWNJ, punctuation;
    ``shared`` adds sentences the other articles of the same case also tell."""
    part = st.one_of(fragment, shared, shared).flatmap(lambda f: st.one_of(st.just(f), decorated(f)))
    return st.lists(st.tuples(part, st.sampled_from(GLUE)), max_size=14).map(
        lambda parts: "".join(f + s for f, s in parts))

published = st.one_of(
    st.none(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)).map(str),
    st.sampled_from(["1394-07-15", "2015-10-07T01:30:00", "1402-12-29"]),
)


def assert_article_spans(art) -> None:
    text, n = art.text, len(art.text)
    ids = {m.id for m in art.mentions}
    for m in art.mentions:
        assert 0 <= m.start < m.end <= n and text[m.start:m.end] == m.text, m
    for f in art.facts:
        s, e = f.span
        ss, se = f.sentence
        assert 0 <= ss <= s <= e <= se <= n, f
        sentence = text[ss:se]
        assert f.subject["text"] in sentence, f
        if f.predicate is not None:
            assert f.predicate["text"] in sentence, f
        if f.attribution is not None:
            a = f.attribution
            assert 0 <= a["start"] <= a["end"] <= n and text[a["start"]:a["end"]] == a["text"], f
        assert set(f.mentions) <= ids, f
    for flag in art.flags:
        for s, e in flag.spans:
            assert 0 <= s <= e <= n, flag
        assert set(flag.mentions) <= ids, flag
        json.dumps(flag.to_dict(), ensure_ascii=False, allow_nan=False)
    json.dumps(art.to_dict(), ensure_ascii=False)


def assert_claim_spans(claim, texts: dict[str, str]) -> None:
    text = texts[claim.article]
    assert 0 <= claim.start <= claim.end <= len(text) and text[claim.start:claim.end] == claim.text, claim
    for s, e in claim.also:
        assert 0 <= s <= e <= len(text), claim
    if claim.sentence:
        s, e = claim.sentence
        assert 0 <= s <= claim.start <= claim.end <= e <= len(text), claim
    if claim.attribution:
        a = claim.attribution
        assert text[a["start"]:a["end"]] == a["text"], claim


@st.composite
def stories(draw) -> list[tuple[str, str | None]]:
    """1–5 articles that share a few sentences (each renumbered its own way), so compare has
    the same subjects to agree or disagree on."""
    pool = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    shared = st.sampled_from(pool).flatmap(renumbered)
    return draw(st.lists(st.tuples(article_text(shared), published), min_size=1, max_size=5))


@settings(max_examples=60, **FUZZ)
@given(texts=stories())
@example(texts=[("روز سه‌شنبه ۱۵ مهر ۱۳۹۴ بیست و شش موشک کروز شلیک شد.", "2015-10-07"),
                ("روز چهارشنبه ۱۵ مهر ۱۳۹۴ ۱۸ موشک کروز شلیک شد.", "2015-10-07")])
@example(texts=[("", None), ("\u200f\n", None)])
def test_check_and_compare_never_raise_and_keep_spans(engine, texts):
    arts = [engine.read(t, published=p, id=f"a{i}") for i, (t, p) in enumerate(texts)]
    checked = [engine.check(a) for a in arts]   # the last one reuses read's tokens, the others not
    for a in checked:
        assert_article_spans(a)
    cmp = engine.compare(checked)
    by_id = {a.id: a.text for a in checked}
    claims = [c for f in (*cmp.contradictions, *cmp.agreements, *cmp.updates) for c in f.claims]
    claims += [c for entry in cmp.ledger_claims for c, _ in entry]
    for c in claims:
        assert_claim_spans(c, by_id)
    json.dumps(cmp.to_dict(), ensure_ascii=False)
    for f in (*cmp.contradictions, *cmp.agreements, *cmp.updates):
        json.dumps(f.to_dict(), ensure_ascii=False)


# --- 2. the input readers ---------------------------------------------------------------------

BODY = "روز چهارشنبه ۱۵ مهر ۱۳۹۴ بیست و شش موشک کروز شلیک شد؛ كشته‌ها: يك نفر."
NASTY = ["\x00", "\ufeff", "\r", "\r\n", "\u202e", "\u2028", "\ud7ff", "\uffff", "\U0010ffff", "\x1b[31m", "---"]
DATES = ["2015-10-07", "1394-07-15", "2015-10-07T01:30", "1394-13-40", "2015-02-30", "yesterday",
         "۱۳۹۴-۰۷-۱۵", "", "0000-00-00", "99999-01-01", "2015-10-07T25:61", "1394/07/15"]


@st.composite
def front_matter_txt(draw) -> bytes:
    """A .txt article whose front matter may be broken: no closing `---`, a line without a
    colon, odd dates and calendars, a BOM, CRLF line ends, NUL bytes, an empty body."""
    lines = ["---"] if draw(st.booleans()) else [draw(st.sampled_from(["--- ", "----", " ---", "---x"]))]
    for _ in range(draw(st.integers(0, 5))):
        lines.append(draw(st.one_of(
            st.sampled_from(DATES).map(lambda d: f"published: {d}"),
            st.sampled_from(["jalali", "gregorian", "hijri", "martian", ""]).map(lambda c: f"published_calendar: {c}"),
            st.sampled_from(["id: a", "id:", "id: ب\u200cج", "source: x", "url: javascript:alert(1)"]),
            st.sampled_from(["no colon here", "# comment", "", ":", "key: 'quoted", '"id": "x"']),
            st.text(max_size=20),
        )))
    if draw(st.booleans()):
        lines.append("---")
    lines.append(draw(st.one_of(st.just(BODY), st.just(""), st.just("  "), article_text())))
    text = "\n".join(lines)
    for pos, junk in draw(st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(NASTY)), max_size=3)):
        text = text[:pos] + junk + text[pos:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data


def _json_value():
    return st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
                     st.text(max_size=10), st.sampled_from(DATES), st.just([]), st.just({}))


@st.composite
def jsonl_line(draw, huge: int) -> bytes:
    """One JSONL line: a good object, a field of the wrong type, a lone surrogate through a
    `\\ud800` escape, a truncated or non-object line, deep nesting, raw bytes."""
    kind = draw(st.integers(0, 6))
    if kind <= 2:
        obj = {"id": draw(st.one_of(st.just("a"), _json_value())),
               "text": draw(st.one_of(st.just(BODY), article_text(), _json_value())),
               "published": draw(st.one_of(st.sampled_from(DATES), _json_value()))}
        if draw(st.booleans()):
            obj["published_calendar"] = draw(st.one_of(st.sampled_from(["jalali", "hijri", "x"]), _json_value()))
        line = json.dumps(obj, ensure_ascii=draw(st.booleans()))
        if kind == 1:   # a lone surrogate (or a reversed pair) where the text is
            esc = draw(st.sampled_from(["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d", "\\u0000"]))
            line = line.replace('"text": "', '"text": "' + esc, 1)
        if kind == 2:
            line = line[:draw(st.integers(0, len(line)))]
        return line.encode("utf-8", "surrogatepass")
    if kind == 3:
        return draw(st.sampled_from([b"[]", b"1", b'"x"', b"null", b"{", b"}", b"{\"text\": }",
                                     b"[" * 5000, b'{"text": ' + b"[" * 5000, b"\xef\xbb\xbf{}",
                                     b'{"text": "a", "text": 5}', b'{"text": "\\ud800\\udc00"}']))
    if kind == 4:
        return draw(st.binary(max_size=80))
    if kind == 5:
        return b'{"id": "big", "text": "' + ("۱۲ " * draw(st.sampled_from([10, huge]))).encode() + b'"}'
    return b""


@st.composite
def input_file(draw, huge: int = 2000) -> tuple[str, bytes]:
    """(suffix, bytes) of one input file; ``huge``: how many numbers a huge line holds."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.sampled_from([".txt", ".jsonl"])), draw(st.binary(max_size=200))
    if kind == 1:
        return ".txt", draw(front_matter_txt())
    if kind == 2:
        text = draw(article_text())
        enc = draw(st.sampled_from(["utf-8", "utf-16", "windows-1256", "utf-8-sig"]))
        return ".txt", text.encode(enc, "replace") + draw(st.sampled_from([b"", b"\x00", b"\xff", b"\x81"]))
    if kind == 3:
        lines = draw(st.lists(jsonl_line(huge), max_size=5))
        return ".jsonl", draw(st.sampled_from([b"\n", b"\r\n", b"\r"])).join(lines)
    return ".txt", ("۱۲ درصد " * draw(st.sampled_from([1, huge]))).encode()   # a huge line


def _no_surrogates(s: str) -> bool:
    return not re.search("[\ud800-\udfff]", s)


def _write(tmp_path, files) -> list[str]:
    paths = []
    for i, (suffix, data) in enumerate(files):
        p = tmp_path / f"in{i}{suffix}"
        p.write_bytes(data)
        paths.append(str(p))
    return paths


@settings(max_examples=150, **FUZZ)
@given(files=st.lists(input_file(huge=1_000_000), min_size=1, max_size=3))   # lines of 5–14 MB
@example(files=[(".jsonl", b'{"id": "s", "text": "\\ud800 \xdb\xb1\xdb\xb2"}\n{"text": "\\udfff"}')])
@example(files=[(".txt", b"\xef\xbb\xbf---\r\nid: a\r\npublished: 2015-10-07\r\n---\r\n\x00" + BODY.encode())])
@example(files=[(".txt", b"---\nid: a\n" + BODY.encode()), (".jsonl", b"[" * 100000)])
def test_input_readers_yield_articles_or_errors_naming_the_file(tmp_path_factory, files):
    from rasti.feed.inputs import Source, read_inputs
    tmp = tmp_path_factory.mktemp("in")
    paths = _write(tmp, files)
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            msg = str(item)
            assert any(msg.startswith(p + ":") for p in paths), msg
            if ".jsonl:" in msg.split(" ", 1)[0] and "no articles" not in msg:
                assert re.match(r"\S+\.jsonl:\d+: ", msg), msg      # a JSONL error names its line
        else:
            assert isinstance(item, Source)
            assert isinstance(item.text, str) and item.text.strip() and _no_surrogates(item.text), item
            assert isinstance(item.id, str) and any(item.origin.startswith(p) for p in paths)


def _cli(capsys, argv: list[str]) -> tuple[int, str, str]:
    from rasti.cli import main
    rc = main(argv)
    out, err = capsys.readouterr()
    out.encode("utf-8")
    err.encode("utf-8")   # what a terminal must be able to print
    return rc, out, err


@settings(max_examples=40, **FUZZ)
@given(files=st.lists(input_file(), min_size=1, max_size=3),
       command=st.sampled_from([["extract"], ["extract", "--format", "json"], ["check"],
                                ["check", "--format", "json"], ["check", "--lang", "en", "--fail-on", "warning"]]))
@example(files=[(".jsonl", b'{"id": "s", "text": "\\ud800 \xdb\xb1\xdb\xb2"}\n{broken\n' + b"[" * 100000)],
         command=["check"])
def test_cli_reads_any_input_without_a_traceback(tmp_path_factory, capsys, files, command):
    paths = _write(tmp_path_factory.mktemp("cli"), files)
    rc, out, err = _cli(capsys, [*command, *paths])
    assert rc in (0, 1, 2), (rc, err)
    for line in err.splitlines():
        assert line.startswith("rasti: "), err
    if "--format" in command and rc != 2:
        json.loads(out)


# --- 3. rule files ----------------------------------------------------------------------------

BUILTIN = {p.name: p.read_bytes() for p in sorted((ROOT / "rules").glob("*.rules"))}
GARBAGE = ["(", ")", "[", "]", "{", "}", "|", "=", "=>", '"', "'", "end", "rule", "lexicon", "check",
           "match", "yield", "example", "reject", "when", "R999", "\x00", "\t", "۱۲", "٫", "\u200c",
           "\u202e", "\ufeff", "x" * 300, "nosuch_lexicon", "<nosuch>", "{nosuch}", "1..0", "-1", "1e309",
           "date(m, d, y)", "published 9999-99-99", "#", "\\", "\\u"]
ERROR_LINE = re.compile(r"^\S+:\d+:\d+: R\d{3} ")


@st.composite
def mutation(draw, names: list[str]):
    """(file, kind, line, argument): one change to one built-in rule file."""
    name = draw(st.sampled_from(names))
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "end", "quote", "token",
                                 "token", "bytes"]))
    return name, kind, draw(st.integers(0, 10**6)), draw(st.one_of(st.sampled_from(GARBAGE), st.text(max_size=8)))


def mutate(data: bytes, kind: str, at: int, arg: str) -> bytes:
    lines = data.split(b"\n")
    i = at % len(lines)
    line = lines[i]
    garbage = arg.encode("utf-8", "surrogatepass")
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, line)
    elif kind == "swap":
        j = (i + 1) % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        lines[i] = line[:at % (len(line) + 1)]
    elif kind == "end":
        lines.insert(i, b"end")
    elif kind == "quote":       # drop a quote, or add a stray one
        q = line.find(b'"')
        lines[i] = line[:q] + line[q + 1:] if q >= 0 else line + b' "'
    elif kind == "token":
        words = line.split(b" ")
        words[at % len(words)] = garbage
        lines[i] = b" ".join(words)
    else:                       # invalid UTF-8: a lone continuation byte, a cut sequence, an overlong
        k = at % (len(line) + 1)
        lines[i] = line[:k] + [b"\x80", b"\xd8", b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80"][at % 5] + line[k:]
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory):
    """One directory, rewritten for every case (so the paths stay the same), and the built-in
    files' parses memoized by content: a case reparses only what it changed (pyparsing is most
    of lint's second), and a parse is a pure function of (path, text)."""
    import rasti.ruleset as R
    d = tmp_path_factory.mktemp("rules")
    real, memo = R.parse_rule_file, {}

    def parse(path, text, errors):
        key = (path, text)
        if key not in memo:
            mine: list = []
            memo[key] = (real(path, text, mine), mine)
        errors.extend(memo[key][1])
        return memo[key][0]

    R.parse_rule_file = parse
    yield d
    R.parse_rule_file = real


@settings(max_examples=40, **FUZZ)
@given(changes=st.lists(mutation(sorted(BUILTIN)), min_size=1, max_size=3))
@example(changes=[("numbers.rules", "bytes", 0, ""), ("dates.rules", "end", 5, "")])
@example(changes=[("units.rules", "token", 40, "\u202e"), ("facts.rules", "quote", 7, "")])
def test_rules_lint_of_mutated_builtin_rules_reports_path_line_col_code(rules_dir, capsys, changes):
    from rasti.cli import main
    files = dict(BUILTIN)
    for name, kind, at, arg in changes:
        files[name] = mutate(files[name], kind, at, arg)
    for name, data in files.items():
        (rules_dir / name).write_bytes(data)
    rc = main(["rules", "lint", str(rules_dir), "--no-builtin"])
    out, err = capsys.readouterr()
    assert rc in (0, 2), (rc, out, err)
    lines = out.splitlines()
    if rc == 0:
        assert lines == ["rules ok"] and not err, (out, err)
        return
    assert lines and re.fullmatch(r"\d+ error\(s\)\n", err), (out, err)
    assert ERROR_LINE.match(lines[0]), out
    for line in lines:   # an error line, or the source line / hint under it
        assert ERROR_LINE.match(line) or line.startswith("    "), line
    codes = [ln.split(" ", 2)[1] for ln in lines if ERROR_LINE.match(ln)]
    assert len(codes) == int(err.split()[0]), (out, err)
