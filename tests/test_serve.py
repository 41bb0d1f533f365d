"""`rasti serve`, the desk in a browser (engine/serve/), through Starlette's TestClient: paste and
upload, the article page, contradictions against the store, verdicts, ClaimReview export,
search, and the guards (escaping, CSRF, upload limit, token, Host, bind refusal).

Needs the optional extra ``rasti[serve]`` (and httpx for the TestClient); skipped without it."""
from __future__ import annotations

import json
import re

import pytest

for _mod, _why in (("starlette", "Starlette"), ("jinja2", "Jinja2"), ("python_multipart", "python-multipart"),
                   ("httpx", "httpx (Starlette's TestClient)")):
    pytest.importorskip(_mod, reason=f"{_why} is missing: `pip install 'rasti[serve]' httpx` for the desk's tests")

from report_dom import dom  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from rasti.cli import main  # noqa: E402
from rasti.serve import DeskConfig, bind_problem  # noqa: E402
from rasti.serve.app import create_app  # noqa: E402

# our own seed-style story: Russia's Caspian flotilla fires cruise missiles at Syria on Wednesday
# 15 Mehr 1394 (7 October 2015); the first report calls the day a Tuesday, the second gives 18
STRIKE = ("ناوهای جنگی روسیه که در دریای خزر مستقر هستند روز سه‌شنبه ۱۵ مهر ۱۳۹۴ با شلیک ۲۶ موشک کروز، "
          "۱۱ هدف را در خاک سوریه مورد حمله قرار دادند.")
LOWER = ("وزارت دفاع روسیه اعلام کرد ناوهای این کشور در دریای خزر ۱۸ موشک کروز به سوی اهدافی در سوریه "
         "شلیک کردند.")


@pytest.fixture
def desk(tmp_path, engine):
    app = create_app(DeskConfig(db=str(tmp_path / "desk.db"), desk_name="میز آزمون", max_upload=64 * 1024),
                     engine=engine)
    c = TestClient(app, base_url="http://127.0.0.1")
    c.get("/")                              # the CSRF cookie
    c.db = tmp_path / "desk.db"
    return c


def csrf(c) -> str:
    return c.cookies.get("rasti_csrf")


def paste(c, text, *, id, outlet="خبرگزاری الف", url=None, published="2015-10-07T10:00", store=True, **kw):
    data = {"csrf": csrf(c), "text": text, "id": id, "outlet": outlet, "url": url or f"https://news.example/{id}",
            "published": published, **kw}
    if store:
        data["store"] = "1"
    return c.post("/check", data=data, files={"file": ("", b"")})


def forms(html: str) -> list:
    return list(dom(html).find_all("form", cls="verdict"))


def test_home_has_the_forms_and_sets_a_csrf_cookie(desk):
    r = desk.get("/")
    assert r.status_code == 200
    tree = dom(r.text)
    root = tree.find("html")
    assert root.attrs["dir"] == "rtl" and root.attrs["lang"] == "fa"
    form = tree.find("form", cls="desk-form")
    assert form.attrs["method"] == "post" and form.attrs["enctype"] == "multipart/form-data"
    hidden = tree.find("input", name="csrf")
    assert hidden.attrs["value"] == csrf(desk) and len(csrf(desk)) >= 32
    assert {"text", "published", "id", "outlet", "url", "file", "store"} <= {
        n.attrs.get("name") for n in tree.iter() if n.tag in ("input", "textarea")}
    assert "form-action 'self'" in r.text and "form-action 'self'" in r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_pasted_article_shows_the_weekday_flag_marks_values_and_records_it(desk):
    r = paste(desk, STRIKE, id="strike-1")
    assert r.status_code == 200 and r.url.path == "/article/strike-1"
    tree = dom(r.text)
    art = tree.find("article", data_id="strike-1")
    assert art.attrs["dir"] == "rtl"
    flag = tree.find("li", cls="flag", data_code="weekday-mismatch")
    assert flag is not None and flag.attrs["data-severity"] == "error"
    assert "خطا" in flag.text() and "error" in flag.text()              # the severity in words
    assert "چهارشنبه" in flag.text()                                     # the day it really was
    assert flag.find("small", cls="rule").text().startswith("rules/checks.rules:")
    [form] = forms(str_of(flag, r.text))
    assert form.find("span", cls="state").attrs["data-verdict"] == ""    # pending
    marked = {m.attrs.get("data-kind") for m in tree.find_all("span", cls="m")}
    assert {"number", "date"} <= marked
    tips = " ".join(t.text() for t in tree.find_all("span", cls="tip"))
    assert "2015-10-07" in tips and "26" in tips                          # normalized values
    text = "".join(t.text(skip=("tip", "fref")) for t in tree.find_all("div", cls="text"))
    assert text == STRIKE                                                 # the article as written


def str_of(node, html: str) -> str:
    """The markup of a flag's <li> (the verdict form inside it)."""
    m = re.search(r'<li id="%s".*?</li>' % re.escape(node.attrs["id"]), html, re.S)
    return m.group(0)


def test_two_articles_contradict_side_by_side_with_a_chart(desk):
    paste(desk, STRIKE, id="strike-1", outlet="خبرگزاری الف")
    r = paste(desk, LOWER, id="strike-2", outlet="خبرگزاری ب", published="2015-10-07T15:00")
    assert r.status_code == 200
    tree = dom(r.text)
    table = tree.find("table", cls="contradictions")
    assert table is not None
    row = table.find("tbody").find("tr")
    assert row.find("span", cls="sevtag") is not None                     # its severity in words
    cells = [c for c in row.find_all("div", cls="claim")]
    assert {c.attrs["data-article"] for c in cells} == {"strike-1", "strike-2"}
    both = row.text()
    for want in ("خبرگزاری الف", "خبرگزاری ب", "۲۶ موشک کروز", "۱۸ موشک کروز", "26", "18", "2015-10-07"):
        assert want in both
    assert row.find("form", cls="verdict") is not None
    link = row.find("a", href="/article/strike-1#a1-c%d-%d" % _span(STRIKE, "۲۶ موشک کروز"))
    assert link is not None                                               # the stored claim, on its own page
    assert tree.find("figure", cls="chart").find("svg") is not None       # the figure's ledger as a chart
    assert not re.search(r'<(link|img|iframe)\b|\ssrc=', r.text)          # nothing fetched


def _span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def _finding(html: str, table: str) -> str:
    tree = dom(html)
    return tree.find("table", cls=table).find("form", cls="verdict").attrs["data-finding"]


def test_verdict_confirmed_then_claimreview_export(desk, capsys):
    paste(desk, STRIKE, id="strike-1")
    r = paste(desk, LOWER, id="strike-2", outlet="خبرگزاری ب", published="2015-10-07T15:00",
              url="https://b.example/news/2")
    fid = _finding(r.text, "contradictions")
    assert desk.get(f"/finding/{fid}/claimreview.json").status_code == 409    # not confirmed yet
    r = desk.post("/verdict", data={"csrf": csrf(desk), "id": fid, "verdict": "confirmed",
                                    "note": "وزارت دفاع ۲۶ را تأیید کرد", "next": "/article/strike-2"})
    assert r.status_code == 200 and r.url.path == "/article/strike-2"
    form = dom(r.text).find("table", cls="contradictions").find("form", cls="verdict")
    assert form.find("span", cls="state").attrs["data-verdict"] == "confirmed"
    assert "وزارت دفاع ۲۶ را تأیید کرد" in form.text()
    export = form.find("a", cls="export")
    cr = desk.get(export.attrs["href"])
    assert cr.status_code == 200 and cr.headers["content-type"].startswith("application/ld+json")
    doc = json.loads(cr.text)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "۱۸ موشک کروز"                           # strike-2's claim as written
    item = doc["itemReviewed"]
    assert item["url"] == "https://b.example/news/2" and item["datePublished"] == "2015-10-07T15:00"
    assert item["appearance"][0]["url"] == "https://b.example/news/2"
    assert doc["author"] == {"@type": "Organization", "name": "میز آزمون"}
    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == "در تناقض با گزارش‌های دیگر"
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert "وزارت دفاع ۲۶ را تأیید کرد" in doc["reviewBody"]
    # the desk's precision per rule
    capsys.readouterr()
    assert main(["rules", "stats", "--db", str(desk.db), "--format", "json"]) == 0
    stats = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert stats["contradiction"]["confirmed"] == 1 and stats["contradiction"]["precision"] == 1.0
    assert stats["weekday-mismatch"]["fired"] == 1 and stats["weekday-mismatch"]["pending"] == 1
    page = desk.get("/rules").text
    assert "weekday-mismatch" in page and "1.00" in page


def test_false_alarm_on_a_flag_is_kept_and_not_exported(desk):
    r = paste(desk, STRIKE, id="strike-1")
    fid = dom(r.text).find("li", cls="flag").find("form", cls="verdict").attrs["data-finding"]
    r = desk.post("/verdict", data={"csrf": csrf(desk), "id": fid, "verdict": "false_alarm", "note": "",
                                    "next": "/article/strike-1"})
    state = dom(r.text).find("li", cls="flag").find("span", cls="state")
    assert state.attrs["data-verdict"] == "false_alarm" and "false alarm" in state.text()
    assert desk.get(f"/finding/{fid}/claimreview.json").status_code == 409
    assert desk.post("/verdict", data={"csrf": csrf(desk), "id": fid, "verdict": "yes", "next": "/"}).status_code == 400
    assert desk.post("/verdict", data={"csrf": csrf(desk), "id": "f" * 32, "verdict": "confirmed",
                                       "next": "/"}).status_code == 404


def test_confirmed_flag_exports_the_flagged_words(desk):
    r = paste(desk, STRIKE, id="strike-1", url="https://a.example/1")
    fid = dom(r.text).find("li", cls="flag").find("form", cls="verdict").attrs["data-finding"]
    desk.post("/verdict", data={"csrf": csrf(desk), "id": fid, "verdict": "confirmed", "next": "/"})
    doc = desk.get(f"/finding/{fid}/claimreview.json").json()
    assert doc["claimReviewed"] in STRIKE and "سه‌شنبه" in doc["claimReviewed"]
    assert doc["reviewRating"]["alternateName"] == "نادرست"
    assert doc["itemReviewed"]["url"] == "https://a.example/1"


def test_verdict_redirect_stays_on_the_desk(desk):
    r = paste(desk, STRIKE, id="strike-1")
    fid = dom(r.text).find("li", cls="flag").find("form", cls="verdict").attrs["data-finding"]
    for bad in ("//evil.example/x", "https://evil.example/", "\\\\evil"):
        r = desk.post("/verdict", data={"csrf": csrf(desk), "id": fid, "verdict": "confirmed", "next": bad},
                      follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/#")


def test_article_text_and_fields_are_escaped(desk):
    evil = '<script>alert(1)</script> ناوها ۲۶ موشک <img src=x onerror=alert(2)> شلیک کردند.'
    r = paste(desk, evil, id='x"><svg onload=alert(3)>', outlet="<b>outlet</b>", url="javascript:alert(4)")
    assert r.status_code == 200
    body = r.text.split("<body>", 1)[1]
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<b>outlet</b>", 'href="javascript:'):
        assert raw not in body
    assert "&lt;script&gt;alert(" in body
    shown = "".join(t.text(skip=("tip", "fref")) for t in dom(r.text).find_all("div", cls="text"))
    assert shown == evil                                                  # as written, as text
    assert body.count("<script>") == 1                                    # the page's own script only


def test_forms_without_the_csrf_token_are_refused(desk):
    r = desk.post("/check", data={"text": STRIKE, "id": "s", "store": "1"}, files={"file": ("", b"")})
    assert r.status_code == 403 and "CSRF" in r.text
    r = desk.post("/check", data={"csrf": "x" * 43, "text": STRIKE, "id": "s", "store": "1"}, files={"file": ("", b"")})
    assert r.status_code == 403
    other = TestClient(desk.app, base_url="http://127.0.0.1")            # a token, but not this browser's cookie
    r = other.post("/check", data={"csrf": csrf(desk), "text": STRIKE, "id": "s", "store": "1"}, files={"file": ("", b"")})
    assert r.status_code == 403
    assert desk.get("/article/s").status_code == 404                       # nothing was stored


def test_upload_over_the_limit_is_413_with_a_sentence(desk):
    big = ("ناوها ۲۶ موشک شلیک کردند. " * 4000).encode()
    assert len(big) > 64 * 1024
    r = desk.post("/check", data={"csrf": csrf(desk), "store": "1"}, files={"file": ("big.txt", big)})
    assert r.status_code == 413 and "larger than the desk's limit" in r.text and "0.0625 MB" in r.text

    def chunks():                         # no Content-Length: the body is counted as it arrives
        yield b"--b\r\n"
        for _ in range(200):
            yield b"x" * 1024
    r = desk.post("/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413


def test_upload_jsonl_with_publication_times(desk):
    lines = [{"id": "j1", "published": "2015-10-07T10:00+03:30", "source": "خبرگزاری الف", "url": "https://a.example/j1",
              "text": STRIKE},
             {"id": "j2", "published": "2015-10-07T16:00+03:30", "source": "خبرگزاری ب", "text": LOWER}]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode()
    r = desk.post("/check", data={"csrf": csrf(desk), "store": "1"}, files={"file": ("feed.jsonl", data)})
    assert r.status_code == 200 and r.url.path == "/view"
    tree = dom(r.text)
    assert {a.attrs["data-id"] for a in tree.find_all("article")} == {"j1", "j2"}
    assert tree.find("table", cls="contradictions").find("tbody").find("tr") is not None
    one = desk.get("/article/j1")
    assert dom(one.text).find("a", cls="url").attrs["href"] == "https://a.example/j1"
    from rasti.store import FactStore, browse
    with FactStore(desk.db) as s:
        assert browse.article(s, "j1").published_at == "2015-10-07T10:00+03:30"
        assert browse.article(s, "j2").source == "خبرگزاری ب"


def test_bad_uploads_are_refused_with_a_line_naming_them(desk):
    for name, data, why in (("page.html", b"<html>", "not a .txt or .jsonl"),
                            ("bad.txt", b"caf\xe9 \xe9t\xe9", "bad.txt:1: not valid UTF-8"),
                            ("feed.jsonl", b'{"id": "a"}\n', "feed.jsonl:1: field 'text' is missing"),
                            ("dated.txt", "---\npublished: 1394-13-40\n---\nمتن".encode(), "published")):
        r = desk.post("/check", data={"csrf": csrf(desk), "store": "1"}, files={"file": (name, data)})
        assert r.status_code == 400, name
        assert why in dom(r.text).find("div", cls="errors").text(), name
    r = paste(desk, "   ", id="empty")
    assert r.status_code == 400 and "empty" in r.text
    mixed = (json.dumps({"id": "ok", "text": STRIKE, "published": "2015-10-07"}, ensure_ascii=False) + "\n"
             + json.dumps({"id": "ok", "text": LOWER}, ensure_ascii=False) + "\n{broken\n").encode()
    r = desk.post("/check", data={"csrf": csrf(desk), "store": "1"}, files={"file": ("mixed.jsonl", mixed)})
    shown = dom(r.text).find("div", cls="errors").text()
    assert r.status_code == 400 and "mixed.jsonl:3: malformed JSON" in shown and "id 'ok' is already used" in shown
    assert desk.get("/article/ok").status_code == 404                     # refused whole, nothing stored


def test_pastes_with_front_matter_but_no_id_do_not_replace_each_other(desk):
    r1 = paste(desk, "---\npublished: 2015-10-07\nsource: الف\n---\n" + STRIKE, id="")
    r2 = paste(desk, "---\npublished: 2015-10-07\nsource: ب\n---\n" + LOWER, id="")
    assert r1.url.path != r2.url.path and r1.url.path.startswith("/article/pasted-")
    assert desk.get(r1.url.path).status_code == 200 and desk.get(r2.url.path).status_code == 200


def test_preview_without_storing_has_no_verdicts(desk):
    r = paste(desk, STRIKE, id="look", store=False)
    assert r.status_code == 200
    tree = dom(r.text)
    assert tree.find("li", cls="flag", data_code="weekday-mismatch") is not None
    assert forms(r.text) == [] and tree.find("p", cls="notsaved") is not None
    assert desk.get("/article/look").status_code == 404


def test_search_by_subject_outlet_day_and_open_any_article(desk):
    paste(desk, STRIKE, id="strike-1", outlet="خبرگزاری الف")
    paste(desk, LOWER, id="strike-2", outlet="خبرگزاری ب", published="2015-10-08T09:00")
    paste(desk, "نرخ تورم سالانه به ۴۰ درصد رسید.", id="prices", outlet="خبرگزاری ب", published="2015-10-08")

    def found(**q):
        r = desk.get("/search", params=q)
        assert r.status_code == 200
        ol = dom(r.text).find("ol", cls="stored")
        return sorted(a.attrs["href"] for a in ol.find_all("a")) if ol else []
    assert found(subject="موشک") == ["/article/strike-1", "/article/strike-2"]
    assert found(outlet="خبرگزاری ب") == ["/article/prices", "/article/strike-2"]
    assert found(day="2015-10-08") == ["/article/prices", "/article/strike-2"]
    assert found(subject="موشک", day="2015-10-07") == ["/article/strike-1"]
    assert found(subject="هیچ‌چیز") == []
    assert desk.get("/article/prices").status_code == 200
    assert desk.get("/article/missing").status_code == 404


def test_ids_with_slashes_and_spaces_open(desk):
    r = paste(desk, STRIKE, id="2015/10 strike#1")
    assert r.status_code == 200
    assert dom(r.text).find("article").attrs["data-id"] == "2015/10 strike#1"


def test_the_report_keeps_no_forms(tmp_path):
    from rasti.report import render_check
    html = render_check([{"id": "a", "text": "x", "mentions": []}])
    assert "form-action 'none'" in html and "<form" not in html


# --- who may reach the desk --------------------------------------------------------------------

def test_bind_beyond_localhost_needs_allow_remote_and_a_token(capsys):
    assert bind_problem("127.0.0.1", False, None) is None and bind_problem("::1", False, None) is None
    assert bind_problem("localhost", False, None) is None
    assert "not localhost" in bind_problem("0.0.0.0", False, None)
    assert "--token" in bind_problem("192.168.1.5", True, None)
    assert "--token" in bind_problem("0.0.0.0", True, "short")
    assert bind_problem("0.0.0.0", True, "a" * 16) is None
    assert main(["serve", "--host", "0.0.0.0", "--db", "unused.db"]) == 2
    assert "--allow-remote" in capsys.readouterr().err


def test_remote_desk_requires_its_token_on_every_request(tmp_path, engine):
    token = "t0ken-" + "x" * 20
    app = create_app(DeskConfig(db=str(tmp_path / "r.db"), token=token), host="0.0.0.0", engine=engine)
    c = TestClient(app, base_url="http://desk.example")
    assert c.get("/").status_code == 401
    assert c.get("/search", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/search", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    r = c.get(f"/?token={token}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert c.get("/").status_code == 200                                  # the cookie now
    assert TestClient(app, base_url="http://desk.example").post("/verdict", data={}).status_code == 401


def test_local_desk_refuses_a_foreign_host_header(desk):
    assert desk.get("/", headers={"host": "evil.example"}).status_code == 400
    assert desk.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_every_desk_label_is_shown_somewhere(desk):
    """rules/report.rules' desk_label and claimreview_rating: each key reaches a page, the 413 or
    an export (a label nobody sees is a label nobody proofreads)."""
    from rasti.lang.labels import Labels
    from rasti.report.fmt import _names
    paste(desk, STRIKE, id="strike-1")
    r = paste(desk, LOWER, id="strike-2", outlet="خبرگزاری ب", published="2015-10-07T15:00")
    tree = dom(r.text)
    fid_x = tree.find("table", cls="contradictions").find("form", cls="verdict").attrs["data-finding"]
    fid_f = dom(desk.get("/article/strike-1").text).find("li", cls="flag").find("form", cls="verdict").attrs["data-finding"]
    desk.post("/verdict", data={"csrf": csrf(desk), "id": fid_x, "verdict": "confirmed", "next": "/"})
    desk.post("/verdict", data={"csrf": csrf(desk), "id": fid_f, "verdict": "confirmed", "next": "/"})
    pages = [desk.get(p).text for p in ("/", "/article/strike-1", "/article/strike-2", "/search?subject=none", "/rules")]
    pages.append(paste(desk, STRIKE, id="look", store=False).text)
    pages.append(desk.post("/check", data={"csrf": csrf(desk)}, files={"file": ("b.txt", b"x" * (65 * 1024))}).text)
    paste(desk, "شمار کشته‌شدگان زلزله تاکنون به ۱۲ نفر رسیده است.", id="q1", published="2017-11-13T09:00")
    r = paste(desk, "شمار کشته‌شدگان زلزله تاکنون به ۱۹ نفر رسیده است.", id="q2", published="2017-11-13T15:00")
    fid_u = dom(r.text).find("table", cls="updates").find("form", cls="verdict").attrs["data-finding"]
    desk.post("/verdict", data={"csrf": csrf(desk), "id": fid_u, "verdict": "confirmed", "next": "/"})
    update = desk.get(f"/finding/{fid_u}/claimreview.json").json()
    assert update["claimReviewed"] == "۱۲ نفر"                          # the earlier, outdated figure
    assert update["itemReviewed"]["url"] == "https://news.example/q1"
    pages += [desk.get(f"/finding/{f}/claimreview.json").text for f in (fid_x, fid_f, fid_u)]
    seen = "\n".join(pages)
    desk_labels: Labels = _names("desk_label")
    for key in desk_labels.keys():
        fa = desk_labels.get(key, "fa").split("{")[0]
        assert fa in seen, f"desk_label {key!r} ({fa}) is shown nowhere"
    rating = _names("claimreview_rating")
    assert [k for k in rating.keys() if rating.get(k, "fa") not in seen] == []
