"""The HTML front end through Python and the CLI: lines, DOM paths, encodings, hostile pages,
label recovery on the shared HTML pages."""

from __future__ import annotations

import gzip
import itertools
import json
import pathlib
import subprocess
import time

import sidebarspam
from conftest import ROOT, shared_file
from sidebarspam import _core
from sidebarspam.html_labels import Recovery, carry_labels

# Written for these tests (no crawled text): an article with a nav bar, a related list and a footer.
PAGE = """<!doctype html><html><head><title>t</title><style>p {color: red}</style></head><body>
<header><nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Riverside library reopens after two-year renovation</h1>
<p>The Riverside public library reopened on Saturday after a renovation that took two years and cost
$14 million, nearly double the original estimate.</p>
<p>The building now has a children's wing, twelve study rooms and a <b>rooftop</b> reading garden, and it
stays open until 10 p.m. on weekdays.</p>
<p>"People lined up before the doors opened," said head librarian Omar Haddad. "We handed out more than
800 new library cards on the first day."</p>
</article></main>
<aside class="related-stories"><h2>Most read</h2><ul>
<li><a href="/a">Council row over parking fees deepens</a></li>
<li><a href="/b">Five things to do this weekend in Riverside</a></li>
<li><a href="/c">You won't believe what happened at the zoo</a></li>
</ul></aside>
<footer><p>Copyright 2026 Riverside Gazette. All rights reserved.</p></footer>
</body></html>"""


def test_score_html_gives_lines_with_dom_paths(clf: sidebarspam.Classifier) -> None:
    doc = clf.score_html(PAGE)
    assert isinstance(doc, sidebarspam.HtmlDocument)
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Home News Sport"
    assert "Riverside library reopens after two-year renovation" in texts
    assert "The building now has a children's wing, twelve study rooms and a rooftop reading garden, and it stays open until 10 p.m. on weekdays." in texts
    assert not any("color: red" in t for t in texts)
    assert doc.encoding == "utf-8" and doc.encoding_source == "utf-8"
    line = doc.lines[texts.index("Five things to do this weekend in Riverside")]
    assert isinstance(line, sidebarspam.HtmlLine)
    assert line.dom_path == "html > body > aside.related-stories > ul > li > a"
    assert line.dom["block_tag"] == "li" and line.dom["inside"] == ["aside"]
    assert (line.dom["list_length"], line.dom["list_position"]) == (3, 2)
    assert line.dom["link_chars"] == line.dom["chars"] > 0 and line.dom["links"] == 1
    assert "related" in line.dom["class_tokens"]
    assert doc.dom_paths[0] == "html > body > header > nav.site-nav > a"
    assert doc.lines[0].dom["links"] == 3
    # Without an HTML model the labels are the text model's on the page's lines ...
    text_only = sidebarspam.Classifier(html_model_dir="")
    assert not text_only.has_html_model
    assert text_only.score_html(PAGE).labels == text_only.score(doc.text).labels
    # ... and the bundled HTML model reads the DOM: the article's paragraphs stay, the
    # "Most read" list of links goes, where the text model keeps it.
    assert clf.has_html_model and clf.uses_line_tokens
    related = [texts.index(t) for t in texts if t.startswith(("Council row", "Five things", "You won't"))]
    assert len(related) == 3 and all(doc.labels[i] != "body" for i in related)
    assert all(doc.labels[i] == "body" for i, t in enumerate(texts) if t.startswith(("The Riverside public", "The building")))
    assert all(text_only.score(doc.text).labels[i] == "body" for i in related)
    assert doc.to_dict()["encoding"] == "utf-8"
    assert doc.to_dict()["lines"][0]["dom_path"] == doc.dom_paths[0]


def test_clean_html_keeps_the_article(clf: sidebarspam.Classifier) -> None:
    clean = clf.clean_html(PAGE)
    assert "Omar Haddad" in clean
    assert "Copyright 2026" not in clean
    doc = clf.score_html(PAGE)
    assert clean == "".join(l.text + "\n" for l in doc.lines if l.label == "body")
    assert clf.clean_html(PAGE.encode("utf-8")) == clean
    assert clf.clean_html_batch([PAGE, PAGE.encode()], threads=2) == [clean, clean]


def test_encodings_are_detected_and_reported(clf: sidebarspam.Classifier) -> None:
    korean = "<html><head><meta charset='euc-kr'></head><body><p>한국어 기사 본문입니다</p></body></html>"
    doc = clf.score_html(korean.encode("euc-kr"))
    assert (doc.encoding, doc.encoding_source) == ("euc-kr", "meta")
    assert doc.lines[0].text == "한국어 기사 본문입니다"
    doc = clf.score_html("<p>café crème brûlée</p>".encode("cp1252"))
    assert (doc.encoding, doc.encoding_source) == ("windows-1252", "default")
    assert doc.lines[0].text == "café crème brûlée"
    doc = clf.score_html(b"\xef\xbb\xbf<p>with a byte order mark</p>")
    assert doc.encoding_source == "bom"
    doc = clf.score_html("<p>Привет мир</p>".encode("koi8-r"), encoding="koi8-r")
    assert doc.encoding_source == "option" and doc.lines[0].text == "Привет мир"


def test_hostile_pages_get_a_defined_result(clf: sidebarspam.Classifier) -> None:
    assert clf.score_html("").lines == []
    assert clf.score_html(b"\x00\xff\xfe<<<</>").labels == clf.score_html(b"\x00\xff\xfe<<<</>").labels
    deep = "<div>" * 100_000 + "deep text" + "</div>" * 100_000 + "<p>after the deep part</p>"
    t0 = time.perf_counter()
    doc = clf.score_html(deep)
    assert time.perf_counter() - t0 < 10
    assert doc.truncated
    assert [l.text for l in doc.lines] == ["deep text", "after the deep part"]
    big = "<html><body>" + "<p>A paragraph of ninety bytes or so that repeats to make the page big.</p>\n" * 600_000
    assert len(big) > 45_000_000
    t0 = time.perf_counter()
    page = _core.html_to_lines(big)
    assert time.perf_counter() - t0 < 60
    assert len(page.lines) == 600_000 and not page.truncated


def test_carry_labels_matches_text_in_order() -> None:
    labels, rec = carry_labels(["Title here", "para one", "extra line", "Read more now"],
                               [("Title here", "body"), ("para one", "body"), ("Read more now and later", "sidebar"),
                                ("unlabelled", "unk")])
    assert labels == ["body", "body", "unk", "sidebar"]
    assert (rec.labelled, rec.exact, rec.covered) == (3, 2, 3)


def test_the_shared_english_pages_give_their_labelled_lines() -> None:
    """The front end follows the English recipe: labelled lines come back with the same text."""
    total = Recovery()
    for name in ("data/html/en-wcxb-dev-html.jsonl.gz", "data/html/en-trafilatura-html.jsonl.gz"):
        with gzip.open(shared_file(name), "rt", encoding="utf-8") as f:
            for line in itertools.islice(f, 60):
                page = json.loads(line)
                ours = _core.html_to_lines(page["html"])
                texts = [ours.text[l.start : l.end].decode("utf-8") for l in ours.lines]
                _, rec = carry_labels(texts, [(l["text"], l["label"]) for l in page["lines"]])
                total.add(rec)
    assert total.labelled > 1000
    assert total.exact / total.labelled > 0.995


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["sidebarspam", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120)


def test_cli_reads_html_files_and_records(tmp_path: pathlib.Path, clf: sidebarspam.Classifier) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = _cli("clean", str(page))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == clf.clean_html(PAGE)
    as_txt = tmp_path / "page.txt"
    as_txt.write_text(PAGE, encoding="utf-8")
    assert _cli("clean", str(as_txt)).stdout.decode() != clf.clean_html(PAGE)  # read as text
    assert _cli("clean", "--html", str(as_txt)).stdout.decode() == clf.clean_html(PAGE)

    records = tmp_path / "crawl.jsonl"
    records.write_text(json.dumps({"id": "p1", "html": PAGE}) + "\n" + json.dumps({"id": "t1", "text": "Plain text line\n"}) + "\n")
    r = _cli("clean", str(records))
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert out[0]["clean_text"] == clf.clean_html(PAGE) and out[0]["id"] == "p1"
    assert out[1]["clean_text"] == clf.clean("Plain text line\n")
    r = _cli("score", "--lines", str(records))
    scored = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert scored[0]["encoding"] == "utf-8"
    assert scored[0]["dom_paths"] == clf.score_html(PAGE).dom_paths
    assert scored[0]["lines"][0]["dom_path"] == scored[0]["dom_paths"][0]
    assert "dom_paths" not in scored[1]


def test_readme_html_example_is_the_file_and_runs() -> None:
    import sys

    example = (ROOT / "examples" / "html_example.py").read_text(encoding="utf-8")
    assert example in (ROOT / "README.md").read_text(encoding="utf-8")
    r = subprocess.run([sys.executable, "examples/html_example.py"], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "encoding: euc-kr meta"
    assert lines[-1].startswith("boilerplate") and "html > body > footer" in lines[-1]
