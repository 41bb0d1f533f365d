"""Read articles from .txt (optional front matter), .jsonl, or stdin. Bad input becomes an
`InputError` naming the file and line (or field); the good articles still come through."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..read.published import PublishedError, publication

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Source:
    """One article as read from input, before analysis."""
    id: str
    text: str
    published: str | None
    origin: str                 # file (and line) it came from, for messages
    meta: dict = field(default_factory=dict)
    id_at: str = ""             # file:line where the id was written ("" when it came from the file name)
    published_source: str | None = None   # "front_matter", "jsonl" or "option" (--published); None without a date


def check_date(value: object, where: str, calendar: object = None) -> str | None:
    """A publication date as `read.published` accepts it (ISO, or a Jalali day such as
    1394-07-15; ``calendar`` is the article's `published_calendar`), as an ISO day or date-time."""
    try:
        return publication(value, None if calendar in (None, "") else str(calendar))
    except PublishedError as e:
        raise InputError(f"{where}: published: {e}") from None


def split_front_matter(text: str, where: str) -> tuple[dict, str]:
    """`---` / `key: value` lines / `---` at the top of a .txt file."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    meta: dict = {}
    for i, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            return meta, "\n".join(lines[i:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise InputError(f"{where}:{i}: front matter line is not 'key: value'")
        meta[key.strip()] = value.strip().strip('"').strip("'")
    raise InputError(f"{where}:1: front matter has no closing '---'")


LEGACY = "windows-1256"    # the Persian legacy encoding feeds and old archives still send
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def decode(data: bytes, where: str, encoding: str | None = None, line_of: bool = True) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in: ``encoding`` when given; else UTF-8
    (a BOM allowed), UTF-16 with a BOM, or Windows-1256 when the bytes are not UTF-8 and read
    as Persian in it. Anything else is an error that says which byte and how to say otherwise
    (and on which line of ``data``, unless ``line_of`` is false: ``where`` already names it)."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"{where}: unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{where}{_at_line(data, e.start, line_of)}: not valid {encoding} (byte {e.start})") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        text = _legacy(data)
        if text is not None:
            return text, LEGACY
        raise InputError(f"{where}{_at_line(data, e.start, line_of)}: not valid UTF-8 (byte {e.start}); "
                         f"for another encoding pass --encoding (e.g. {LEGACY})") from None


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _at_line(data: bytes, offset: int, line_of: bool) -> str:
    return f":{_line_of(data, offset)}" if line_of else ""


def _legacy(data: bytes) -> str | None:
    """``data`` as Windows-1256 when most of its non-ASCII letters are then Persian/Arabic."""
    try:
        text = data.decode(LEGACY)
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not high:
        return None
    arabic = sum(1 for c in high if _ARABIC_SCRIPT.match(c))
    return text if arabic >= 0.8 * len(high) else None


def _decode(data: bytes, where: str, encoding: str | None = None, line_of: bool = True) -> str:
    return decode(data, where, encoding, line_of)[0]


def read_txt(data: bytes, where: str, published: str | None, encoding: str | None = None) -> Source:
    text = _decode(data, where, encoding)
    meta, body = split_front_matter(text, where)
    if not body.strip():
        raise InputError(f"{where}: the article is empty" + (" (front matter only)" if meta else ""))
    own = check_date(meta.get("published"), where, meta.get("published_calendar"))
    ident = meta.get("id") or Path(where).stem
    return Source(ident, body, own or published, where, meta, _id_line(text, where) if meta.get("id") else "",
                  _from(own, published, "front_matter"))


def _from(own: str | None, option: str | None, field: str) -> str | None:
    """Where an article's publication date came from: its own field, else --published."""
    return field if own else "option" if option else None


def _id_line(text: str, where: str) -> str:
    """Where the front matter's `id:` line is, for a duplicate-id message."""
    for n, line in enumerate(text.split("\n")[:200], 1):
        if line.strip().startswith("id:"):
            return f"{where}:{n}"
    return where


def read_jsonl(lines: Iterator[bytes], where: str, published: str | None,
               encoding: str | None = None) -> Iterator[Source | InputError]:
    count = 0
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        count += 1
        at = f"{where}:{n}"
        try:
            obj = json.loads(_decode(raw, at, encoding, line_of=False))   # `at` is the line
            if not isinstance(obj, dict):
                raise InputError(f"{at}: expected a JSON object per line")
            text = obj.get("text")
            if not isinstance(text, str):
                raise InputError(f"{at}: field 'text' is missing or not a string")
            if not text.strip():
                raise InputError(f"{at}: field 'text' is empty")
            if _SURROGATE.search(text):
                raise InputError(f"{at}: field 'text' holds an unpaired surrogate (a broken \\u escape)")
            own = check_date(obj.get("published"), at, obj.get("published_calendar"))
            meta = {k: v for k, v in obj.items() if k not in ("text",)}
            yield Source(str(obj.get("id") or f"{Path(where).stem}:{n}"), text, own or published, at, meta,
                         at if obj.get("id") else "", _from(own, published, "jsonl"))
        except json.JSONDecodeError as e:
            yield InputError(f"{at}: malformed JSON ({e.msg} at column {e.colno})")
        except RecursionError:   # «[[[[…»: json's decoder recurses once per level
            yield InputError(f"{at}: malformed JSON (nested too deeply)")
        except InputError as e:
            yield e
    if count == 0:
        yield InputError(f"{where}: no articles (the file is empty)")


def read_inputs(paths: list[str], published: str | None = None,
                encoding: str | None = None) -> Iterator[Source | InputError]:
    """Every article in ``paths``, in order; errors are yielded in place, never raised."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            if data.lstrip().startswith(b"{"):
                yield from read_jsonl(iter(data.splitlines()), "<stdin>", published, encoding)
            else:
                try:
                    yield read_txt(data, "<stdin>", published, encoding)
                except InputError as e:
                    yield e
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(q for q in path.rglob("*") if q.suffix in (".txt", ".jsonl") and q.is_file())
            if not files:
                yield InputError(f"{p}: no .txt or .jsonl files in this directory")
            yield from read_inputs([str(q) for q in files], published, encoding)
            continue
        if not path.is_file():
            yield InputError(f"{p}: no such file")
            continue
        if path.suffix == ".jsonl":
            try:
                with path.open("rb") as f:
                    yield from read_jsonl(f, p, published, encoding)
            except OSError as e:
                yield InputError(f"{p}: cannot read ({e.strerror})")
        else:
            try:
                yield read_txt(path.read_bytes(), p, published, encoding)
            except InputError as e:
                yield e
            except OSError as e:
                yield InputError(f"{p}: cannot read ({e.strerror})")


def duplicate_ids(sources: Iterable[Source]) -> list[InputError]:
    """One error per article whose id an earlier one already has, naming both places: compare,
    desk and report key articles by id, so two `id: road-b` would silently merge."""
    first: dict[str, Source] = {}
    out = []
    for src in sources:
        seen = first.setdefault(src.id, src)
        if seen is not src:
            out.append(InputError(f"{src.id_at or src.origin}: id '{src.id}' is already used by "
                                  f"{seen.id_at or seen.origin} (give each article its own id)"))
    return out
