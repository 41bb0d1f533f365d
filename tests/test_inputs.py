"""What a desk feeds rasti (issue: everyday use, input): legacy encodings, empty files."""
from __future__ import annotations

import pytest

from rasti.errors import InputError
from rasti.feed.inputs import LEGACY, decode, read_inputs

TEXT = "روز چهارشنبه ۱۵ مهر ۱۳۹۴ بیست و شش موشک کروز شلیک شد؛ كشته‌ها: يك نفر."


def _one(path, **kw):
    (src,) = list(read_inputs([str(path)], **kw))
    return src


def test_a_windows_1256_file_is_read_as_persian(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes(TEXT.replace("۱۵", "15").replace("۱۳۹۴", "1394").encode(LEGACY, errors="replace"))
    src = _one(p)
    assert not isinstance(src, InputError), src
    assert "چهارشنبه" in src.text and "مهر" in src.text


def test_utf8_and_utf16_with_a_bom_are_read(tmp_path):
    for enc, name in (("utf-8-sig", "a.txt"), ("utf-16", "b.txt")):
        (tmp_path / name).write_bytes(TEXT.encode(enc))
        assert _one(tmp_path / name).text == TEXT


def test_an_encoding_can_be_named(tmp_path):
    p = tmp_path / "iso.txt"
    p.write_bytes("Tehran, café ».".encode("latin-1"))
    assert "café" in _one(p, encoding="latin-1").text
    err = _one(p)                                 # not UTF-8, and not Persian in Windows-1256
    assert isinstance(err, InputError)
    assert "not valid UTF-8 (byte 11); for another encoding pass --encoding" in str(err)
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"x", "f.txt", "klingon")


@pytest.mark.parametrize("name, content, says", [
    ("empty.txt", b"", "the article is empty"),
    ("blank.txt", b"  \n\n", "the article is empty"),
    ("fm.txt", b"---\nid: a\npublished: 2015-10-07\n---\n\n", "the article is empty (front matter only)"),
    ("empty.jsonl", b"", "no articles (the file is empty)"),
    ("blank.jsonl", b'{"id": "a", "text": "  "}\n', ":1: field 'text' is empty"),
])
def test_an_empty_input_says_so(tmp_path, name, content, says):
    (tmp_path / name).write_bytes(content)
    errs = [e for e in read_inputs([str(tmp_path / name)]) if isinstance(e, InputError)]
    assert len(errs) == 1 and says in str(errs[0])


def test_an_empty_directory_says_so(tmp_path):
    (err,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(err, InputError) and "no .txt or .jsonl files" in str(err)


def test_deeply_nested_jsonl_is_an_input_error(tmp_path):
    """Fuzz finding (issue 19): a JSONL line of 100,000 «[» raised RecursionError out of json."""
    p = tmp_path / "deep.jsonl"
    p.write_bytes(b'{"id": "a", "text": "\xdb\xb1\xdb\xb2"}\n' + b"[" * 100000 + b"\n")
    good, err = list(read_inputs([str(p)]))
    assert not isinstance(good, InputError) and good.id == "a"
    assert isinstance(err, InputError) and str(err) == f"{p}:2: malformed JSON (nested too deeply)"


def test_a_jsonl_line_that_is_not_utf8_names_its_line_once(tmp_path):
    """Fuzz finding (issue 19): the error said «f.jsonl:3:1:», a line *and* the line inside the
    line, which reads as line 3, column 1."""
    p = tmp_path / "bad.jsonl"
    p.write_bytes(b'{"text": "a"}\n\n{"text": "caf\xe9"}\n')
    (_, err) = list(read_inputs([str(p)]))
    assert str(err).startswith(f"{p}:3: not valid UTF-8 (byte 13)"), err
