"""The desk in a real browser: Debian's chromium, driven by Selenium through chromium-driver,
against `rasti serve`'s application under uvicorn on a free localhost port.

An editor, with the keyboard alone: pastes a Caspian-strike article whose weekday does not
match its date and sees the weekday flag; pastes a second report that gives another count and
sees the contradiction, both claims side by side; marks it confirmed with a note; exports the
ClaimReview and its fields are what they should be. And the page at 420 px wide.

Needs the `serve` extra, selenium, chromium and chromedriver (`.ci/run` apt-installs chromium
and chromium-driver; RASTI_CHROMIUM / RASTI_CHROMEDRIVER name others). Nothing is downloaded:
Selenium is given both paths. Without them the tests are skipped and say why.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time

import pytest

for _mod, _why in (("starlette", "Starlette"), ("jinja2", "Jinja2"), ("python_multipart", "python-multipart"),
                   ("uvicorn", "uvicorn"), ("selenium", "selenium")):
    pytest.importorskip(_mod, reason=f"{_why} is missing: `pip install '.[test,serve]'` for the desk's browser tests")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402


def _exe(env: str, *names: str) -> str | None:
    given = os.environ.get(env)
    if given:
        return given if os.access(given, os.X_OK) else None
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


CHROMIUM = _exe("RASTI_CHROMIUM", "/usr/bin/chromium", "chromium", "chromium-browser")
DRIVER = _exe("RASTI_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason=f"no {'chromium' if CHROMIUM is None else 'chromedriver'} found (`apt-get install chromium "
           "chromium-driver`, as .ci/run does, or set RASTI_CHROMIUM / RASTI_CHROMEDRIVER)")

# our own seed-style story: Russia's Caspian flotilla fired cruise missiles at Syria on Wednesday
# 15 Mehr 1394 (7 October 2015); this report calls the day a Tuesday
STRIKE = ("ناوهای جنگی روسیه که در دریای خزر مستقر هستند روز سه‌شنبه ۱۵ مهر ۱۳۹۴ با شلیک ۲۶ موشک کروز، "
          "۱۱ هدف را در خاک سوریه مورد حمله قرار دادند.")
LOWER = ("وزارت دفاع روسیه اعلام کرد ناوهای این کشور در دریای خزر ۱۸ موشک کروز به سوی اهدافی در سوریه "
         "شلیک کردند.")
DESK = "میز راستی‌آزمایی خزر"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, engine):
    import uvicorn
    from rasti.serve import DeskConfig
    from rasti.serve.app import create_app
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    app = create_app(DeskConfig(db=str(db), desk_name=DESK), engine=engine)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert time.monotonic() < deadline and t.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    srv.should_exit = True
    t.join(30)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
              "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
              f"--user-data-dir={profile}"):
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(DRIVER), options=o)
    d.set_page_load_timeout(120)
    yield d
    d.quit()


def keys(d, *k) -> None:
    ActionChains(d).send_keys(*k).perform()


def tab_to(d, target, limit: int = 600) -> int:
    """Press Tab from the top of the page until ``target`` has the focus: it is reachable by
    keyboard. The number of presses."""
    d.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    for n in range(1, limit + 1):
        keys(d, Keys.TAB)
        if d.switch_to.active_element == target:
            return n
    raise AssertionError(f"{target.tag_name} {target.get_attribute('outerHTML')[:120]} not reached by Tab")


def paste_by_keyboard(d, base: str, text: str, *, id: str, outlet: str, url: str, published: str) -> None:
    d.get(base + "/")
    area = d.find_element(By.ID, "text")
    tab_to(d, area)
    keys(d, text)
    for field, value in (("published", published), ("aid", id), ("outlet", outlet), ("url", url)):
        el = d.find_element(By.ID, field)
        tab_to(d, el)
        keys(d, value)
    button = d.find_element(By.ID, "check")
    tab_to(d, button)
    keys(d, Keys.ENTER)
    deadline = time.monotonic() + 60
    while "/article/" not in d.current_url:
        assert time.monotonic() < deadline, f"no article page after submitting: {d.current_url}"
        time.sleep(0.1)


def test_paste_shows_the_weekday_flag(server, browser):
    base, _ = server
    paste_by_keyboard(browser, base, STRIKE, id="khazar-1", outlet="خبرگزاری الف",
                      url="https://a.example/khazar-1", published="2015-10-07T10:00")
    d = browser
    assert d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert d.find_element(By.TAG_NAME, "html").get_attribute("data-css") == "1"     # the style applied (CSP)
    flag = d.find_element(By.CSS_SELECTOR, 'li.flag[data-code="weekday-mismatch"]')
    tag = flag.find_element(By.CSS_SELECTOR, ".sevtag").text
    assert "خطا" in tag and "error" in tag                                       # severity in words
    assert "چهارشنبه" in flag.text                                               # the day 15 Mehr 1394 was
    assert flag.find_element(By.CSS_SELECTOR, ".rule").text.startswith("rules/checks.rules:")
    span = d.find_element(By.CSS_SELECTOR, ".text .f.sev-error")
    deco = span.value_of_css_property("text-decoration")
    assert "underline" in deco and "wavy" in deco                                # underlined by severity
    assert "سه‌شنبه" in span.text
    # a number's value, shown when it has the keyboard focus
    num = next(m for m in d.find_elements(By.CSS_SELECTOR, ".text .m.k-number") if m.text.startswith("۲۶"))
    tab_to(d, num)
    tip = num.find_element(By.CSS_SELECTOR, ".tip")
    assert tip.is_displayed() and "26" in tip.text


def test_contradiction_confirmed_and_exported_as_claimreview(server, browser):
    base, db = server
    d = browser
    paste_by_keyboard(d, base, LOWER, id="khazar-2", outlet="خبرگزاری ب", url="https://b.example/khazar-2",
                      published="2015-10-07T15:00")
    row = d.find_element(By.CSS_SELECTOR, "table.contradictions tbody tr")
    claims = row.find_elements(By.CSS_SELECTOR, ".claim")
    assert {c.get_attribute("data-article") for c in claims} == {"khazar-1", "khazar-2"}
    text = row.text
    for want in ("خبرگزاری الف", "خبرگزاری ب", "۲۶ موشک کروز", "۱۸ موشک کروز", "2015-10-07"):
        assert want in text
    assert row.find_element(By.CSS_SELECTOR, ".sevtag").text.strip()            # its severity in words
    assert d.find_elements(By.CSS_SELECTOR, "figure.chart svg")                 # the ledger's chart
    # the verdict, by keyboard: Tab to «confirmed», Space, Tab to the note, type, Tab, Enter
    radio = row.find_element(By.CSS_SELECTOR, 'input[name="verdict"][value="confirmed"]')
    tab_to(d, radio)
    keys(d, Keys.SPACE)
    assert radio.is_selected()
    keys(d, Keys.TAB)
    assert d.switch_to.active_element.get_attribute("name") == "note"
    keys(d, "شمار درست ۲۶ است")
    keys(d, Keys.TAB)
    assert d.switch_to.active_element.tag_name == "button"
    keys(d, Keys.ENTER)
    deadline = time.monotonic() + 60
    while True:
        states = d.find_elements(By.CSS_SELECTOR, "table.contradictions .verdict .state")
        if states and states[0].get_attribute("data-verdict") == "confirmed":
            break
        assert time.monotonic() < deadline, "the verdict did not show"
        time.sleep(0.1)
    form = d.find_element(By.CSS_SELECTOR, "table.contradictions form.verdict")
    assert "confirmed" in form.text and "شمار درست ۲۶ است" in form.text
    export = form.find_element(By.CSS_SELECTOR, "a.export")
    tab_to(d, export)
    keys(d, Keys.ENTER)
    deadline = time.monotonic() + 60
    while "claimreview.json" not in d.current_url:
        assert time.monotonic() < deadline, "the export did not open"
        time.sleep(0.1)
    doc = json.loads(d.find_element(By.TAG_NAME, "body").text)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "۱۸ موشک کروز"
    assert doc["itemReviewed"]["url"] == "https://b.example/khazar-2"
    assert doc["itemReviewed"]["datePublished"] == "2015-10-07T15:00"
    assert doc["author"]["name"] == DESK
    assert doc["reviewRating"]["alternateName"] == "در تناقض با گزارش‌های دیگر"
    assert "شمار درست ۲۶ است" in doc["reviewBody"]


def test_the_desk_at_420_px(server, browser):
    base, _ = server
    d = browser
    try:
        d.set_window_size(420, 900)
        for path in ("/", "/article/khazar-2", "/article/khazar-1", "/search?subject=موشک", "/rules"):
            d.get(base + path)
            inner, scroll = d.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
            assert inner <= 420 and scroll <= inner, f"{path}: {scroll} px wide in a {inner} px window"
        for form in d.find_elements(By.CSS_SELECTOR, "form.verdict"):
            r = d.execute_script("var r=arguments[0].getBoundingClientRect();return [r.left, r.right]", form)
            assert r[0] >= 0 and r[1] <= 420
    finally:
        d.set_window_size(1200, 900)
