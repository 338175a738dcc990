"""The page in a real browser: headless Chromium (Debian's chromium and chromium-driver
packages, driven by Selenium; nothing is downloaded). Skipped when no browser is
installed; .ci/run installs one."""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if CHROMIUM is None or DRIVER is None:
    pytest.skip("no headless browser: install Debian's chromium and chromium-driver "
                "(apt-get install chromium chromium-driver) to run the browser tests",
                allow_module_level=True)
pytest.importorskip("selenium", reason="the browser tests need selenium (the test extra)")
pytest.importorskip("uvicorn", reason="the browser tests need the web extra")

import uvicorn  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from socialpolicy.web.app import create_app  # noqa: E402
from socialpolicy.web.checking import Checker  # noqa: E402

ADVICE = "Take two paracetamol every four hours and rest."
QUESTION = "I have had a headache for two days, what should I take?"
NAMED = "Congratulations to Jane Smith on her retirement! Call her on 07700 900123."


@pytest.fixture(scope="module")
def base_url(linter) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(Checker(linter))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600", "--disable-extensions",
                 "--no-first-run", "--disable-background-networking"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER or ""), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _wait(browser: webdriver.Chrome, css: str, seconds: float = 60):
    return WebDriverWait(browser, seconds).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, css)))


def _open_details(browser: webdriver.Chrome) -> None:
    details = browser.find_element(By.CSS_SELECTOR, "#check-form details")
    if details.get_attribute("open") is None:
        browser.find_element(By.CSS_SELECTOR, "#check-form details summary").click()


def test_a_pasted_reply_shows_the_highlight_the_clause_and_the_reply_to_copy(browser, base_url):
    browser.get(base_url + "/")
    browser.find_element(By.ID, "text").send_keys(ADVICE)
    _open_details(browser)
    Select(browser.find_element(By.ID, "platform")).select_by_value("twitter")
    browser.find_element(By.ID, "reply_to_text").send_keys(QUESTION)
    browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    mark = _wait(browser, "#draft .sp-mark.sp-error")
    assert "paracetamol" in mark.text
    assert "Never provide medical advice" in browser.find_element(By.CSS_SELECTOR, ".sp-list").text
    reply = browser.find_element(By.ID, "reply-1")
    assert "NHS 111" in reply.get_attribute("value")
    assert browser.find_element(By.CSS_SELECTOR, ".sp-copy").is_displayed()
    # The highlight is a link to its finding: keyboard users can reach and follow it.
    assert mark.get_attribute("href").endswith("#finding-1")


def test_an_uploaded_spreadsheet_gives_a_filterable_table(browser, base_url, tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.title = "posts"
    sheet.append(["id", "platform", "text"])
    sheet.append(["tags", "twitter", "Well done all #a #b #c #d #e"])
    sheet.append(["link", "twitter", "Read it at http://example.org"])
    sheet.append(["fine", "facebook", "Our day unit opens on Monday."])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "march.xlsx"
    path.write_bytes(buffer.getvalue())
    browser.get(base_url + "/")
    browser.find_element(By.CSS_SELECTOR, "label[for=mode-upload]").click()
    browser.find_element(By.ID, "file").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    _wait(browser, "#findings-table")
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")
    assert [r.get_attribute("data-rule") for r in rows] == ["hashtag-guidance", "link-safety"]
    assert rows[0].find_element(By.CSS_SELECTOR, "td").text.startswith("2")
    Select(browser.find_element(By.ID, "filter-rule")).select_by_value("link-safety")
    visible = [r for r in rows if r.is_displayed()]
    assert [r.get_attribute("data-rule") for r in visible] == ["link-safety"]
    assert "Showing 1 problem" in browser.find_element(By.CSS_SELECTOR, ".sp-filter-count").text


def test_masked_personal_data_is_revealed_on_the_page(browser, base_url):
    browser.get(base_url + "/")
    browser.find_element(By.ID, "text").send_keys(NAMED)
    browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    _wait(browser, "#results-heading")
    draft = browser.find_element(By.ID, "draft")
    assert "07700 900123" not in draft.text and "J*** S****" in draft.text
    browser.find_element(By.CSS_SELECTOR, "label[for=reveal]").click()
    WebDriverWait(browser, 60).until(lambda b: "07700 900123" in b.find_element(By.ID, "draft").text)
    browser.find_element(By.CSS_SELECTOR, "label[for=reveal]").click()
    WebDriverWait(browser, 10).until(lambda b: "07700 900123" not in b.find_element(By.ID, "draft").text)


def test_the_page_makes_no_request_elsewhere_and_raises_no_script_error(browser, base_url):
    browser.get(base_url + "/")
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    assert resources and all(name.startswith(base_url) for name in resources), resources
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


AXE = os.environ.get("SOCIALPOLICY_AXE", "")


@pytest.mark.skipif(not Path(AXE or "/nonexistent").is_file(),
                    reason="set SOCIALPOLICY_AXE to axe-core's axe.min.js (npm pack axe-core; "
                    ".ci/run does) to check the page against WCAG 2.2 AA")
def test_every_screen_passes_an_automated_wcag_2_2_aa_check(browser, base_url):
    script = Path(AXE).read_text(encoding="utf-8")

    def violations() -> list[str]:
        browser.execute_script(script)
        found = browser.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
            ".then(function (r) { done(r.violations.map(function (v) {"
            " return v.id + ': ' + v.help + ' ' + v.nodes.map(function (n) {"
            " return n.target.join(' '); }).join(', '); })); });")
        return list(found)

    browser.set_script_timeout(60)
    browser.get(base_url + "/")
    assert violations() == []
    browser.find_element(By.ID, "text").send_keys(NAMED + " " + ADVICE + " #a #b #c #d #selfcare")
    browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    _wait(browser, "#results-heading")
    assert violations() == []
    browser.get(base_url + "/")
    browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    _wait(browser, ".nhsuk-error-summary")
    assert violations() == []
    # The triage tab: the form, the queue, and its error summary.
    browser.get(base_url + "/triage")
    assert violations() == []
    browser.find_element(By.ID, "messages").send_keys(
        "Thank you to everyone on Ward 7\nmy dad has crushing chest pain right now")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    _wait(browser, ".nhsuk-card")
    assert violations() == []


def test_the_triage_tab_puts_an_emergency_first(browser, base_url):
    browser.get(base_url + "/")
    browser.find_element(By.LINK_TEXT, "Sort comments and messages").click()
    _wait(browser, "#messages")
    browser.find_element(By.ID, "messages").send_keys(
        "What time does the café open?\nI can't breathe and my lips are going blue")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    cards = _wait(browser, ".nhsuk-card") and browser.find_elements(By.CSS_SELECTOR, ".nhsuk-card")
    assert "Urgent" in cards[0].text and "999" in cards[0].text
