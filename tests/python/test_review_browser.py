"""The review page in a real browser: headless Chromium (Debian's chromium + chromium-driver)
driven by Selenium opens a report made by `sidebarspam review`, and we check what a moderator
sees and does: label classes, a hostile line shown as text with nothing run, clicks and keys
that relabel lines, the export download, and `sidebarspam train` on the exported file.

Skipped, with the reason, when Chromium, chromedriver or Selenium is missing, except under CI
(CI=true) or run-tests.sh (SIDEBARSPAM_REQUIRE_BROWSER=1), where that is a failure. A
screenshot of the seed article's report is written to build/review/ (not committed: news
text is the publisher's)."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import time
from typing import Any, Iterator

import pytest

import sidebarspam
from browser import find_browser, full_page_screenshot, start
from conftest import EXAMPLE, ROOT, shared_file
from test_review import HOSTILE, HOSTILE_PAGE, train_cli, write_tiny_training

SCREENSHOT_DIR = ROOT / "build" / "review"


def _require_browser() -> None:
    _, _, why = find_browser()
    if not why:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("SIDEBARSPAM_REQUIRE_BROWSER"):
        pytest.fail(f"browser test cannot run under CI: {why}")
    pytest.skip(f"browser test skipped: {why}")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return tmp_path_factory.mktemp("review-browser")


@pytest.fixture(scope="module")
def driver(workdir: pathlib.Path) -> Iterator[Any]:
    _require_browser()
    drv = start(workdir / "chromium")
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="module")
def report(workdir: pathlib.Path) -> pathlib.Path:
    """A report of the repo's example, the seed article (../shared) and a hostile page, made by
    the command line."""
    inputs = workdir / "inputs"
    inputs.mkdir()
    (inputs / "hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    seed = inputs / "daum-article.txt"
    seed.write_bytes(shared_file("examples/daum-article.txt").read_bytes())
    with open(inputs / "more.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "<img src=x onerror=window.__pwned=4>", "text": HOSTILE}) + "\n")
    out = workdir / "report.html"
    r = subprocess.run(["sidebarspam", "review", str(EXAMPLE), str(seed), str(inputs / "hostile.txt"),
                        str(inputs / "more.jsonl"), "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return out


def open_report(drv: Any, path: pathlib.Path) -> None:
    drv.get(path.as_uri())
    drv.execute_script("localStorage.clear()")  # corrections of an earlier run of this report
    drv.get(path.as_uri())
    assert drv.execute_script("return typeof window.sidebarspamReview") == "object", "the page's script did not run"


def section(drv: Any, page_id: str) -> Any:
    for s in drv.find_elements("css selector", "section.page"):
        if s.get_attribute("data-id") == page_id:
            return s
    raise AssertionError(f"no page {page_id!r}")


def open_page(drv: Any, page_id: str) -> Any:
    s = section(drv, page_id)
    if "open" not in (s.get_attribute("class") or ""):
        s.find_element("css selector", ".ph").click()
    return s


def label_of(line: Any) -> str:
    classes = [c for c in (line.get_attribute("class") or "").split() if c.startswith("lab-")]
    assert len(classes) == 1, classes
    return str(classes[0][4:])


def wait_for_file(directory: pathlib.Path, name: str) -> pathlib.Path:
    """Poll until a download is complete (a correctness wait, not a timing assertion)."""
    path = directory / name
    for _ in range(300):
        if path.exists() and not list(directory.glob("*.crdownload")):
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded into {directory}: {sorted(os.listdir(directory))}")


def test_pages_listed_by_spam_score_collapsed(driver: Any, report: pathlib.Path) -> None:
    open_report(driver, report)
    sections = driver.find_elements("css selector", "section.page")
    assert len(sections) == 4
    scores = [float(s.find_element("css selector", ".score").text) for s in sections]
    assert scores == sorted(scores, reverse=True)
    assert driver.find_elements("css selector", ".line") == []  # nothing built until a page is opened
    assert "4 of 4 shown" in driver.find_element("id", "shown").text


def test_known_pages_carry_the_expected_label_classes(driver: Any, report: pathlib.Path, clf: sidebarspam.Classifier) -> None:
    open_report(driver, report)
    for name, text in ((str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8")),
                       (str(report.parent / "inputs" / "daum-article.txt"),
                        shared_file("examples/daum-article.txt").read_text(encoding="utf-8"))):
        expected = clf.score(text).labels
        lines = open_page(driver, name).find_elements("css selector", ".line")
        assert [label_of(line) for line in lines] == expected, name
    example = section(driver, str(EXAMPLE))
    # The example's eight teaser headlines are the trailing block, outlined and captioned.
    trailing = example.find_element("css selector", ".blk.trailing")
    assert len(trailing.find_elements("css selector", ".line.lab-sidebar")) == 8
    assert "trailing block: lines 15–22" in trailing.find_element("css selector", ".cap").text
    assert len(example.find_elements("css selector", ".blk.blk-1")) == 3  # the boilerplate blocks
    assert "body 10" in example.text and "sidebar 8" in example.text and "trailing 8 lines" in example.text
    # Headline lines show their clickbait score; reasons are on hover and, when asked, inline.
    first = example.find_elements("css selector", ".line")[14]
    scored = clf.score(EXAMPLE.read_text(encoding="utf-8")).lines
    score = scored[14].clickbait
    assert score is not None and f"clickbait {score:.2f}" in first.text
    # Marked hot exactly where the line is clickbait at its model's threshold, with its cue chips.
    for row, line in zip(example.find_elements("css selector", ".line"), scored):
        hot = row.find_elements("css selector", ".cb.hot")
        assert bool(hot) == line.is_clickbait, line.text
        chips = [c.text for c in row.find_elements("css selector", ".cb .cue")]
        assert chips == [r[len("clickbait:"):] for r in line.reasons if r.startswith("clickbait:")], line.text
    assert any(line.is_clickbait for line in scored)  # else the loop above proves little
    assert "rule:teaser_ellipsis" in (first.get_attribute("title") or "")
    why = first.find_element("css selector", ".why")
    assert not why.is_displayed()
    driver.find_element("id", "f-reasons").click()
    assert why.is_displayed() and "trailing_block" in why.text
    driver.find_element("id", "f-reasons").click()


def test_seed_article_screenshot(driver: Any, report: pathlib.Path) -> None:
    """For a person to look at (build/review/, not committed)."""
    open_report(driver, report)
    open_page(driver, str(report.parent / "inputs" / "daum-article.txt"))
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    png = SCREENSHOT_DIR / "daum-article.png"
    full_page_screenshot(driver, png)
    driver.set_window_size(1280, 900)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"\nscreenshot: {png}")


def test_hostile_lines_are_text_and_nothing_runs(driver: Any, report: pathlib.Path) -> None:
    open_report(driver, report)
    hostile_id = "<img src=x onerror=window.__pwned=4>"
    assert section(driver, hostile_id).find_element("css selector", ".pid").text == hostile_id
    open_page(driver, hostile_id)
    lines = open_page(driver, str(report.parent / "inputs" / "hostile.txt")).find_elements("css selector", ".line")
    texts = [line.find_element("css selector", ".txt").get_attribute("textContent") for line in lines]
    assert texts[:3] == HOSTILE_PAGE.split("\n")[:3]
    assert texts[0] == HOSTILE
    time.sleep(0.2)  # let an injected onerror (if any) fire before we look
    assert driver.execute_script("return window.__pwned") is None
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return document.scripts.length") == 2  # the JSON and our script


def test_click_and_keys_cycle_labels_and_export_trains(driver: Any, report: pathlib.Path, workdir: pathlib.Path) -> None:
    open_report(driver, report)
    page = open_page(driver, str(EXAMPLE))
    lines = page.find_elements("css selector", ".line")
    # A click cycles body -> boilerplate -> sidebar -> body.
    assert label_of(lines[14]) == "sidebar"
    lines[14].click()
    assert label_of(lines[14]) == "body" and "changed" in lines[14].get_attribute("class")
    assert "was sidebar" in lines[14].text
    lines[3].click()
    assert label_of(lines[3]) == "boilerplate"
    lines[3].click()
    lines[3].click()
    assert label_of(lines[3]) == "body" and "changed" not in lines[3].get_attribute("class")  # back to the model's
    # Keys: 2 sets boilerplate, Space cycles on.
    lines[0].send_keys("2")
    assert label_of(lines[0]) == "boilerplate"
    lines[0].send_keys(" ")
    assert label_of(lines[0]) == "sidebar"
    lines[0].send_keys("1")
    assert label_of(lines[0]) == "body"
    lines[13].send_keys("3")  # the copyright line, as sidebar
    assert label_of(lines[13]) == "sidebar"
    assert "2 corrected" in page.find_element("css selector", ".edited").text
    assert driver.find_element("id", "x-count").text == "2 lines corrected on 1 page"
    # Corrections survive a reload (kept in the browser for this report).
    driver.refresh()
    page = open_page(driver, str(EXAMPLE))
    lines = page.find_elements("css selector", ".line")
    assert label_of(lines[14]) == "body" and label_of(lines[13]) == "sidebar"

    downloads = workdir / "chromium" / "downloads"
    driver.find_element("id", "export").click()
    exported = wait_for_file(downloads, "sidebarspam-corrections.jsonl")
    assert "Exported 1 page" in driver.find_element("id", "x-status").text
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert exported.read_text(encoding="utf-8") == driver.execute_script("return window.sidebarspamReview.exportJsonl(false)")
    assert len(records) == 1  # only the page the moderator changed
    rec = records[0]
    assert rec["id"] == str(EXAMPLE) and rec["source"] == "review"
    expected = sidebarspam.Classifier().score(EXAMPLE.read_text(encoding="utf-8")).labels
    expected[13], expected[14] = "sidebar", "body"
    assert [l["label"] for l in rec["lines"]] == expected
    assert [l["text"] for l in rec["lines"]] == EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert rec["corrected"] == [13, 14]
    everything = driver.execute_script("return window.sidebarspamReview.exportJsonl(true)").splitlines()
    assert len(everything) == 4
    hostile = next(json.loads(r) for r in everything if json.loads(r)["id"].endswith("hostile.txt"))
    assert [l["text"] for l in hostile["lines"]] == [t for t in HOSTILE_PAGE.split("\n") if t.strip()]

    # The exported file, as sidebarspam train's extra line data on a tiny corpus, trains a model.
    train_dir = workdir / "train"
    config = write_tiny_training(train_dir, [str(exported)])
    r = train_cli(config, train_dir / "data", train_dir / "out")
    assert r.returncode == 0, r.stderr
    assert "extra line data: 1 documents, 22 lines" in r.stderr
    clf = sidebarspam.Classifier(train_dir / "out")
    assert len(clf.score(EXAMPLE.read_text(encoding="utf-8")).labels) == 22


def test_export_without_corrections_says_so(driver: Any, report: pathlib.Path) -> None:
    open_report(driver, report)
    driver.find_element("id", "export").click()
    assert "No corrections yet" in driver.find_element("id", "x-status").text


def test_a_thousand_pages_stay_collapsed_and_filterable(driver: Any, workdir: pathlib.Path) -> None:
    """1,000 pages: only the list is built; a page's lines appear when it is opened."""
    big = workdir / "big.jsonl"
    example = EXAMPLE.read_text(encoding="utf-8")
    body_only = "\n".join(example.splitlines()[2:4])
    with open(big, "w", encoding="utf-8") as f:
        for i in range(1000):
            f.write(json.dumps({"id": f"p{i:04d}", "text": example if i % 2 else body_only}, ensure_ascii=False) + "\n")
    out = workdir / "big.html"
    r = subprocess.run(["sidebarspam", "review", str(big), "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    open_report(driver, out)
    assert len(driver.find_elements("css selector", "section.page")) == 1000
    assert driver.execute_script("return document.querySelectorAll('.line').length") == 0
    open_page(driver, "p0001")
    assert driver.execute_script("return document.querySelectorAll('.line').length") == 22
    shown = driver.find_element("id", "shown")
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", "f-label")).select_by_value("2")
    assert shown.text == "500 of 1000 shown"
    Select(driver.find_element("id", "f-label")).select_by_value("body")
    assert shown.text == "500 of 1000 shown"
    Select(driver.find_element("id", "f-label")).select_by_value("")
    score = driver.find_element("id", "f-score")
    score.clear()
    score.send_keys("0.4")
    assert shown.text == "500 of 1000 shown"
    print(f"\n1000-page report: {out.stat().st_size} bytes")
