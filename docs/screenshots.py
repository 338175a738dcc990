"""Refresh the README's screenshots of `socialpolicy serve`, one per main screen.

    python docs/screenshots.py            # writes docs/screenshots/*.png

Starts the page on a free local port (the same app `socialpolicy serve` runs), drives
Debian's headless Chromium through it with Selenium and the Debian chromedriver
(apt-get install chromium chromium-driver; nothing is downloaded), and saves:

* home.png: the form;
* draft.png: a pasted reply that gives medical advice, with its highlights, the clause
  and the signposting reply to copy;
* calendar.png: an uploaded spreadsheet's findings by row, with the filters.
"""

from __future__ import annotations

import io
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"


def main() -> None:
    import uvicorn
    from openpyxl import Workbook
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    from socialpolicy.web.app import create_app
    from socialpolicy.web.server import build_checker

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        sys.exit("needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver")
    OUT.mkdir(parents=True, exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(build_checker()), host="127.0.0.1",
                                           port=port, access_log=False, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
                 "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)

    def wait(css: str) -> None:
        WebDriverWait(browser, 60).until(ready.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def shot(name: str) -> None:
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(1200, min(int(height) + 40, 4000))
        browser.save_screenshot(str(OUT / name))
        browser.set_window_size(1200, 900)
        print(f"wrote {OUT / name}")

    try:
        browser.get(base + "/")
        wait("#check-form")
        shot("home.png")

        browser.find_element(By.ID, "text").send_keys(
            "Sorry to hear that Jane. Take two paracetamol every four hours and rest. "
            "#headache #selfcare #nhs #wellbeing")
        browser.find_element(By.CSS_SELECTOR, "#check-form details summary").click()
        Select(browser.find_element(By.ID, "platform")).select_by_value("twitter")
        browser.find_element(By.ID, "reply_to_text").send_keys(
            "I have had a headache for two days, what should I take?")
        browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
        wait("#draft")
        shot("draft.png")

        book = Workbook()
        sheet = book.active
        sheet.title = "posts"
        sheet.append(["id", "account", "platform", "text", "media.file", "media.people"])
        sheet.append(["visiting", "@JamesPagetNHS", "twitter",
                      "Visiting times are changing: http://www.jpaget.nhs.uk/visiting", None, None])
        sheet.append(["ward-10", "@JamesPagetNHS", "facebook",
                      "Well done to the Ward 10 team on their award!", "ward10.jpg", "yes"])
        sheet.append(["tags", "@JamesPagetNHS", "twitter",
                      "Happy #NHSBirthday #NHS #JPUH #Gorleston #GreatYarmouth", None, None])
        buffer = io.BytesIO()
        book.save(buffer)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "march-calendar.xlsx"
            path.write_bytes(buffer.getvalue())
            browser.get(base + "/")
            browser.find_element(By.CSS_SELECTOR, "label[for=mode-upload]").click()
            browser.find_element(By.ID, "file").send_keys(str(path))
            browser.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
            wait("#findings-table")
        shot("calendar.png")
    finally:
        browser.quit()
        server.should_exit = True


if __name__ == "__main__":
    main()
