"""The review page (sidebarspam.review, `sidebarspam review`) without a browser: what goes into
the HTML, how it is escaped, page ids, and training on exported corrections. The page in a real
browser: test_review_browser.py."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import pathlib
import re
import shutil
import subprocess
from typing import Any

import pytest

import sidebarspam
import sidebarspam.review as review
from conftest import EXAMPLE, ROOT, shared_file
from test_training import tiny_corpus

HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
HOSTILE_PAGE = (
    f"{HOSTILE}\n</script><script>window.__pwned=3</script><!--\n"
    "line with \u2028 and \u2029 separators & an &amp; entity\n"
    "- \"충격\"…배우, 알고보니 <b>bold</b>\n"
)

DATA_RE = re.compile(r'<script type="application/json" id="review-data">(.*?)</script>', re.S)


def report_data(html: str) -> dict[str, Any]:
    blocks = DATA_RE.findall(html)
    assert len(blocks) == 1
    data: dict[str, Any] = json.loads(blocks[0])
    return data


def test_page_json_is_inert_and_round_trips(clf: sidebarspam.Classifier) -> None:
    doc = clf.score(HOSTILE_PAGE)
    html = doc.to_html(id="<img src=x onerror=alert(1)>", title="<b>t</b>")
    payload = DATA_RE.findall(html)[0]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in payload
    # Markup appears nowhere but in our own template: the only <script> elements are ours.
    assert html.count("<script") == 2 and "<img" not in html and "<b>" not in html
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in html
    data = report_data(html)
    page = data["pages"][0]
    assert page["id"] == "<img src=x onerror=alert(1)>"
    assert [line[0] for line in page["lines"]] == [line.text for line in doc.lines]
    assert page["lines"][0][0] == HOSTILE


def test_csp_allows_exactly_the_inline_script_and_style(clf: sidebarspam.Classifier) -> None:
    html = clf.score(EXAMPLE.read_text(encoding="utf-8")).to_html()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "unsafe" not in policy and "http" not in policy
    script = re.findall(r"<script>(.*?)</script>", html, re.S)
    style = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(script) == 1 and len(style) == 1

    def digest(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert f"script-src {digest(script[0])}" in policy
    assert f"style-src {digest(style[0])}" in policy
    assert "src=\"http" not in html and "href=\"http" not in html  # nothing loaded from anywhere


def test_page_data_matches_the_document(clf: sidebarspam.Classifier, example_text: str) -> None:
    doc = clf.score(example_text)
    table: dict[str, int] = {}
    page = review.page_data(doc, "a", site="news.example", reason_table=table)
    reasons = sorted(table, key=table.__getitem__)
    assert page["score"] == pytest.approx(doc.spam_score, abs=1e-4)
    assert [review.LABEL_CODES[line[1]] for line in page["lines"]] == doc.labels
    nonblank = [line for line in doc.lines if line.text.strip()]
    assert page["counts"] == [sum(line.label == k for line in nonblank) for k in review.LABEL_CODES]
    assert page["counts"][2] == 8  # the eight teaser headlines
    tb = doc.trailing_block
    assert tb is not None and page["trailing"] == [tb.first_line, tb.last_line, tb.end - tb.start]
    assert [b[1:3] for b in page["blocks"]] == [[b.first_line, b.last_line] for b in doc.blocks]
    for line, out in zip(doc.lines, page["lines"]):
        assert [reasons[r] for r in out[4]] == line.reasons
        assert (out[3] is None) == (line.clickbait is None)
        assert abs(sum(out[2]) - 100) <= 2
    assert page["site"] == "news.example"
    assert review.render([doc], ["a"]) == doc.to_html(id="a")


def run_review(tmp_path: pathlib.Path, *inputs: str, extra: tuple[str, ...] = ()) -> tuple[int, dict[str, Any], str]:
    out = tmp_path / "report.html"
    r = subprocess.run(["sidebarspam", "review", *inputs, "-o", str(out), *extra],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    return r.returncode, report_data(out.read_text(encoding="utf-8")), r.stderr


def test_review_command_ids_sites_and_errors(tmp_path: pathlib.Path) -> None:
    records = tmp_path / "pages.jsonl"
    with open(records, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "p-1", "url": "https://News.Example/a", "text": EXAMPLE.read_text(encoding="utf-8")}) + "\n")
        f.write(json.dumps({"text": "짧은 본문 한 줄입니다."}) + "\n")
        f.write("{not json\n")
    code, data, stderr = run_review(tmp_path, str(EXAMPLE), str(records), extra=("--site-field", "url"))
    assert code == 1 and "pages.jsonl:3: invalid JSON" in stderr  # a bad record is named, the rest reported
    pages = data["pages"]
    assert [p["id"] for p in pages] == [str(EXAMPLE), "p-1", f"{records}:2"]
    assert pages[1]["site"] == "news.example" and pages[1]["url"] == "https://News.Example/a"
    assert "site" not in pages[0] and "site" not in pages[2]
    assert [l[1] for l in pages[0]["lines"]] == [l[1] for l in pages[1]["lines"]]  # same text, same labels
    assert data["reasons"] and all(isinstance(r, str) for r in data["reasons"])


def test_review_command_uses_the_model_options(tmp_path: pathlib.Path) -> None:
    code, data, _ = run_review(tmp_path, str(EXAMPLE), extra=("--clickbait-model", ""))
    assert code == 0
    assert all(line[3] is None for line in data["pages"][0]["lines"])  # no clickbait model, no scores


def test_report_size_for_a_thousand_pages(clf: sidebarspam.Classifier) -> None:
    """1,000 real Korean pages (../shared, read at run time): bytes per page stay small."""
    texts = []
    with gzip.open(shared_file("data/ko/ko_docs.jsonl.gz"), "rt", encoding="utf-8") as f:
        for raw in f:
            texts.append("\n".join(line["text"] for line in json.loads(raw)["lines"]))
            if len(texts) == 1000:
                break
    docs = clf.score_batch(texts)
    html = review.render(docs, [f"doc-{i}" for i in range(len(docs))])
    size = len(html.encode("utf-8"))
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    lines = sum(len(d.labels) for d in docs)
    print(f"\n1000 pages: {size} bytes ({size / 1000:.0f} B/page, {size / lines:.0f} B/line, "
          f"{size / text_bytes:.2f}x the text)")
    assert len(report_data(html)["pages"]) == 1000
    assert size < 2.0 * text_bytes + 60 * lines + 30_000  # text once, plus ~60 bytes a line


def write_tiny_training(tmp_path: pathlib.Path, extra_line_data: list[str] | None = None) -> pathlib.Path:
    """A tiny corpus and config (few epochs) in tmp_path; returns the config path."""
    data = tmp_path / "data"
    (data / "ko").mkdir(parents=True, exist_ok=True)
    (data / "headlines").mkdir(exist_ok=True)
    with open(data / "ko" / "docs.jsonl", "w", encoding="utf-8") as f:
        for i, (lines, _, _) in enumerate(tiny_corpus()):
            doc = {"id": f"baram-{i % 5:03d}_{i}", "lines": [{"text": t, "label": l} for t, l in lines]}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(data / "headlines" / "h.jsonl", "w", encoding="utf-8") as f:
        for i in range(20):
            f.write(json.dumps({"text": f"You won't believe trick {i}", "label": "clickbait", "lang": "en"}) + "\n")
            f.write(json.dumps({"text": f"Council passes budget {i}", "label": "normal", "lang": "en"}) + "\n")
    small = {"dim": 8, "epoch": 5, "lr": 0.5, "bucket": 2000, "min_count": 1, "quantize": False}
    config: dict[str, Any] = {"rules": "rules.tsv", "line_data": ["ko/docs.jsonl"],
                              "headline_data": ["headlines/h.jsonl"], "line_model": small, "clickbait_model": small}
    if extra_line_data is not None:
        config["extra_line_data"] = extra_line_data
        config["extra_repeat"] = 3
    models = tmp_path / "config"
    models.mkdir(exist_ok=True)
    shutil.copy(ROOT / "models" / "rules.tsv", models / "rules.tsv")
    path = models / "train.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def train_cli(config: pathlib.Path, data: pathlib.Path, out: pathlib.Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sidebarspam", "train", "--config", str(config), "--data-root", str(data),
                           "--output", str(out), *extra], capture_output=True, text=True, timeout=300)


CORRECTION = {"id": "review-1", "source": "review", "corrected": [1],
              "lines": [{"text": "시의회가 예산안을 통과시켰다고 밝혔다.", "label": "body"},
                        {"text": "관련기사 더보기", "label": "boilerplate"}]}


@pytest.mark.parametrize("where", ["config-relative", "absolute", "command line"])
def test_train_reads_exported_corrections(tmp_path: pathlib.Path, where: str) -> None:
    corrections = tmp_path / "config" / "corrections.jsonl"
    corrections.parent.mkdir()
    corrections.write_text(json.dumps(CORRECTION, ensure_ascii=False) + "\n", encoding="utf-8")
    listed = {"config-relative": ["corrections.jsonl"], "absolute": [str(corrections)], "command line": None}[where]
    config = write_tiny_training(tmp_path, listed)
    flags = ("--extra-line-data", str(corrections)) if where == "command line" else ()
    r = train_cli(config, tmp_path / "data", tmp_path / "out", *flags)
    assert r.returncode == 0, r.stderr
    assert "extra line data: 1 documents, 2 lines" in r.stderr
    assert "line model: 31 documents" in r.stderr
    clf = sidebarspam.Classifier(tmp_path / "out")
    assert len(clf.score("관련기사 더보기\n").labels) == 1


def test_train_names_a_missing_extra_file(tmp_path: pathlib.Path) -> None:
    config = write_tiny_training(tmp_path, ["nowhere.jsonl"])
    r = train_cli(config, tmp_path / "data", tmp_path / "out")
    assert r.returncode == 2 and "nowhere.jsonl: no such file" in r.stderr


def test_readme_review_section() -> None:
    """The README shows the screenshot (the repo's own example, small) and the workflow."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Review\n", 1)[1].split("\n## ", 1)[0]
    assert "](examples/review.png)" in section
    png = ROOT / "examples" / "review.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size < 200_000
    for step in ("sidebarspam review crawl.jsonl -o report.html", "Export corrections",
                 "sidebarspam train --config models/train.json", "--extra-line-data sidebarspam-corrections.jsonl",
                 '"extra_line_data"', '"extra_repeat"'):
        assert step in section, step
    assert "sidebarspam-corrections.jsonl" in (ROOT / "python" / "sidebarspam" / "review.py").read_text(encoding="utf-8")


def test_extra_documents_split_and_exclusions(tmp_path: pathlib.Path) -> None:
    from sidebarspam.data import group_key
    from sidebarspam.training import extra_documents

    rows = [dict(CORRECTION, id=f"r{i}", site=f"s{i}.example") for i in range(40)]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    config = {"extra_line_data": ["c.jsonl"]}
    everything = extra_documents(config, str(tmp_path), "all")
    assert [d.id for d in everything] == [r["id"] for r in rows]
    train, dev = extra_documents(config, str(tmp_path), "train"), extra_documents(config, str(tmp_path), "dev")
    assert len(train) + len(dev) == 40 and train and dev  # by site, like the corpora
    left = extra_documents(config, str(tmp_path), "all", exclude_groups={group_key(rows[0])})
    assert [d.id for d in left] == [r["id"] for r in rows[1:]]
