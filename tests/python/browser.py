"""Headless Chromium (Debian's `chromium` + `chromium-driver`) through Selenium, for the review
page tests and the README screenshot.

    python tests/python/browser.py examples/article-ko.txt examples/review.png   # README image
    pngquant --force --quality 70-95 --output examples/review.png examples/review.png   # < 200 KB
"""

from __future__ import annotations

import os
import pathlib
import shutil
from typing import Any

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> tuple[str | None, str | None, str]:
    """(chromium path, chromedriver path, why not) of this machine."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None, None, "selenium is not installed (pip install selenium)"
    browser = next((p for p in map(shutil.which, CHROMIUM_CANDIDATES) if p), None)
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return browser, driver, "chromium / chromedriver not found (apt-get install chromium chromium-driver)"
    return browser, driver, ""


def start(workdir: pathlib.Path, width: int = 1280, height: int = 900) -> Any:
    """A headless Chromium whose profile, temporary files and downloads stay in workdir."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver, why = find_browser()
    if why:
        raise RuntimeError(why)
    for sub in ("profile", "downloads", "tmp"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = str(browser)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                f"--user-data-dir={workdir / 'profile'}", f"--window-size={width},{height}",
                "--lang=ko-KR", "--hide-scrollbars"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(workdir / "downloads"),
        "download.prompt_for_download": False,
    })
    env = dict(os.environ, TMPDIR=str(workdir / "tmp"))
    service = Service(executable_path=str(driver), env=env)
    drv = webdriver.Chrome(options=options, service=service)
    drv.execute_cdp_cmd("Browser.setDownloadBehavior",
                        {"behavior": "allow", "downloadPath": str(workdir / "downloads")})
    return drv


def full_page_screenshot(drv: Any, path: pathlib.Path, width: int = 1280, max_height: int = 4000) -> None:
    """Resize the window to the page's height (up to max_height) and save a PNG."""
    height = int(drv.execute_script("return document.documentElement.scrollHeight"))
    drv.set_window_size(width, min(max(height, 300), max_height) + 120)
    inner = int(drv.execute_script("return window.innerHeight"))
    drv.set_window_size(width, min(max(height, 300), max_height) + (min(max(height, 300), max_height) + 120 - inner))
    drv.save_screenshot(str(path))


def _readme_screenshot(article: str, png: str) -> None:
    """Render the review page of one article, open it and save a screenshot (README image)."""
    import tempfile

    import sidebarspam

    text = pathlib.Path(article).read_text(encoding="utf-8")
    doc = sidebarspam.Classifier().score(text)
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        report = work / "report.html"
        report.write_text(doc.to_html(id=os.path.basename(article)), encoding="utf-8")
        drv = start(work, width=1100)
        try:
            drv.get(report.as_uri())
            drv.find_element("css selector", ".page .ph").click()
            full_page_screenshot(drv, pathlib.Path(png), width=1100)
        finally:
            drv.quit()


if __name__ == "__main__":
    import sys

    _readme_screenshot(sys.argv[1], sys.argv[2])
