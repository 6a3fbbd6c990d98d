"""Training goes through the same C++ feature code as scoring and is deterministic."""

from __future__ import annotations

import pathlib

import pytest

import sidebarspam
from sidebarspam import _core
from conftest import ROOT


def tiny_corpus() -> list[tuple[list[tuple[str, str]], int, str]]:
    docs = []
    for i in range(30):
        lines = [(f"시의회가 {i}번째 예산안을 통과시켰다고 밝혔다.", "body"),
                 (f"위원회는 내년 사업 {i}건을 심의할 예정이다.", "body"),
                 ("Copyright © 한빛일보. 무단전재 및 재배포 금지.", "boilerplate"),
                 (f"- \"충격\"…배우 {i}, 알고보니", "sidebar"),
                 (f"- 가수 {i}, 파격 노출 근황", "sidebar")]
        docs.append((lines, 1, "hanbit.example"))
    return docs


def small_config() -> _core.TrainingConfig:
    cfg = _core.TrainingConfig()
    cfg.rules = str(ROOT / "models" / "rules.tsv")
    cfg.dim, cfg.epoch, cfg.lr, cfg.bucket, cfg.min_count, cfg.quantize = 8, 50, 0.5, 5000, 1, False
    return cfg


def test_training_is_deterministic_and_loadable(tmp_path: pathlib.Path) -> None:
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    _core.train_line_model(tiny_corpus(), small_config(), str(a))
    _core.train_line_model(tiny_corpus(), small_config(), str(b))
    assert a.read_bytes() == b.read_bytes()
    clf = sidebarspam.Classifier(line_model=a, clickbait_model="")
    doc = clf.score("시의회가 새 예산안을 통과시켰다고 밝혔다.\nCopyright © 한빛일보. 무단전재 및 재배포 금지.\n- \"충격\"…배우, 알고보니\n")
    assert doc.labels == ["body", "boilerplate", "sidebar"]


def test_training_rejects_bad_labels(tmp_path: pathlib.Path) -> None:
    with pytest.raises(sidebarspam.SidebarspamError, match="unknown label 'spam'"):
        _core.train_line_model([([("x", "spam")], 1, "")], small_config(), str(tmp_path / "m.bin"))
    with pytest.raises(sidebarspam.SidebarspamError, match="no labelled lines"):
        _core.train_line_model([([("x", "")], 1, "")], small_config(), str(tmp_path / "m.bin"))


def test_clickbait_training(tmp_path: pathlib.Path) -> None:
    rows = [(f"You won't believe what happened {i}", "clickbait", 1) for i in range(40)]
    rows += [(f"Parliament approves budget for year {i}", "normal", 1) for i in range(40)]
    out = tmp_path / "cb.bin"
    _core.train_clickbait_model(rows, small_config(), str(out))
    clf = sidebarspam.Classifier(clickbait_model=out)
    bait, news = clf.clickbait("You won't believe what happened next"), clf.clickbait("Parliament approves budget")
    assert bait is not None and news is not None and bait > news


def test_train_command_is_deterministic(tmp_path: pathlib.Path) -> None:
    """`sidebarspam train` on a tiny corpus and config: same inputs -> byte-identical models."""
    import gzip
    import json
    import shutil
    import subprocess

    data = tmp_path / "data"
    (data / "ko").mkdir(parents=True)
    (data / "headlines").mkdir()
    with gzip.open(data / "ko" / "docs.jsonl.gz", "wt", encoding="utf-8") as f:
        for i, (lines, _, _) in enumerate(tiny_corpus()):
            doc = {"id": f"baram-{i % 5:03d}_{i}", "lines": [{"text": t, "label": l} for t, l in lines]}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(data / "headlines" / "h.jsonl", "w", encoding="utf-8") as f:
        for i in range(30):
            f.write(json.dumps({"text": f"You won't believe trick {i}", "label": "clickbait", "lang": "en"}) + "\n")
            f.write(json.dumps({"text": f"Council passes budget {i}", "label": "normal", "lang": "en"}) + "\n")
    small = {"dim": 8, "epoch": 30, "lr": 0.5, "bucket": 5000, "min_count": 1, "quantize": False}
    config = {
        "rules": "rules.tsv",
        "line_data": ["ko/docs.jsonl.gz"],
        "headline_data": ["headlines/h.jsonl"],
        "line_model": small,
        "clickbait_model": small,
    }
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(ROOT / "models" / "rules.tsv", models / "rules.tsv")
    (models / "train.json").write_text(json.dumps(config), encoding="utf-8")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        r = subprocess.run(
            ["sidebarspam", "train", "--config", str(models / "train.json"), "--data-root", str(data),
             "--output", str(out)],
            capture_output=True, text=True, timeout=300,
        )
        assert r.returncode == 0, r.stderr
        outputs.append({n: (out / n).read_bytes() for n in ("lines.ftz", "clickbait.ftz", "rules.tsv")})
    assert outputs[0] == outputs[1]
    clf = sidebarspam.Classifier(tmp_path / "a")
    assert clf.score("- \"충격\"…배우 7, 알고보니\n").labels == ["sidebar"]


def test_site_memory_training_uses_what_a_site_repeats(tmp_path: pathlib.Path) -> None:
    """A model trained with site memory learns that a line seen on the site's other pages is
    junk; the classifier notices the feature in the model and uses the memory for it."""
    words = ["시민", "공원", "도로", "예산", "회의", "학교", "병원", "시장", "버스", "도서관", "주민", "행사"]
    docs = []
    for site in range(8):
        # Each site repeats its own plain sentence (no rule matches it, its words also occur in
        # body lines): only "seen on other pages" tells it apart.
        chrome = f"{words[site]} {words[site + 1]} {words[site + 2]} 소식을 전해 드립니다"
        for page in range(12):
            w = [words[(site * 5 + page * 7 + k) % len(words)] for k in range(4)]
            # Body lines have the chrome's very shape and words, in new combinations each page.
            lines = [(f"{w[0]} {w[1]} {w[2]} 소식을 전해 드립니다", "body"),
                     (f"{w[3]} {w[1]} {w[0]} 소식을 전해 드립니다", "body"),
                     (f"{w[2]} {w[0]} {w[3]} 소식을 전해 드립니다", "body")]
            lines.insert(page % 4, (chrome, "boilerplate"))  # anywhere: position says nothing
            lines.append((f"- \"충격\"…{w[0]} {page}, 알고보니", "sidebar"))
            docs.append((lines, 1, f"site{site}.example"))
    cfg = small_config()
    cfg.use_site_memory = True
    out = tmp_path / "memory.bin"
    _core.train_line_model(docs, cfg, str(out))
    # body_margin 0: a model this small is not confident enough for the shipped margin; and
    # no page structure: these pages put their chrome line anywhere, and this test is about
    # what the memory feature alone moves
    clf = sidebarspam.Classifier(line_model=out, clickbait_model="",
                                 options=sidebarspam.Options(body_margin=0.0, structure_weight=0.0))
    assert clf.uses_site_memory

    chrome = "행사 주민 버스 소식을 전해 드립니다"  # a new site's own line, never trained on
    page = (f"공원 예산 학교 소식을 전해 드립니다\n{chrome}\n병원 시민 도로 소식을 전해 드립니다\n"
            "회의 버스 공원 소식을 전해 드립니다\n- \"충격\"…시장, 알고보니\n")
    memory = sidebarspam.SiteMemory()
    first = clf.score(page, site="new.example", memory=memory)
    assert not any(r.startswith("site_seen") for r in first.lines[1].reasons)  # cold start
    for i in range(5):
        memory.add_page("new.example", [chrome, f"다른 날의 기사 문장 {i}"])
    later = clf.score(page, site="new.example", memory=memory)
    assert "site_seen:6" in later.lines[1].reasons  # the first page + five more
    assert later.lines[1].probabilities["boilerplate"] > first.lines[1].probabilities["boilerplate"] + 0.3
    assert first.labels[1] == "body" and later.labels[1] == "boilerplate"
    # Without a memory the same model reads the page as a cold start.
    assert clf.score(page).lines[1].probabilities == first.lines[1].probabilities


def test_html_line_data_trains_a_model_that_reads_the_dom(tmp_path: pathlib.Path) -> None:
    """The same sentences are body inside <article><p> and sidebar inside an <aside> list of
    links: only the DOM tokens can tell them apart, and the trained model does."""
    import gzip
    import json

    from sidebarspam.html_labels import html_training_payload

    sentences = [f"Council story number {i} tells what happened at the meeting today" for i in range(12)]
    rows = []
    for i in range(40):
        body, side = sentences[i % 6 :][:3], sentences[(i + 3) % 6 :][:3]
        html = ("<html><body><article>" + "".join(f"<p>{s}</p>" for s in body) + "</article>"
                "<aside class='related'><ul>" + "".join(f"<li><a href='/{k}'>{s}</a></li>" for k, s in enumerate(side))
                + "</ul></aside><footer>Copyright the Example Gazette</footer></body></html>")
        lines = ([{"text": s, "label": "body"} for s in body] + [{"text": s, "label": "sidebar"} for s in side]
                 + [{"text": "Copyright the Example Gazette", "label": "boilerplate"}])
        rows.append({"id": f"p{i}", "site": "dom.example", "lang": "en", "html": html, "lines": lines})
    data = tmp_path / "data"
    data.mkdir()
    with gzip.open(data / "pages.jsonl.gz", "wt", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    payload = html_training_payload({"html_line_data": ["pages.jsonl.gz"]}, str(data), "all", log=lambda m: None)
    assert len(payload) == 40
    text, label, tokens = payload[0][0][3]
    assert label == "sidebar" and "__dt_li" in tokens and "__di_aside" in tokens and "__dc_related" in tokens
    model = tmp_path / "dom.bin"
    _core.train_line_model(payload, small_config(), str(model))
    clf = sidebarspam.Classifier(line_model=model, clickbait_model="", options=sidebarspam.Options(structure_weight=0.0))
    assert clf.uses_line_tokens
    page = "<article><p>{0}</p></article><aside><ul><li><a href='/x'>{1}</a></li></ul></aside>".format(
        sentences[7], sentences[8])
    assert clf.score_html(page).labels == ["body", "sidebar"]

    # The same model as a model directory's html/ model: it labels pages read from HTML, the
    # directory's line model still labels plain text, and html_model_dir="" turns it off.
    import shutil

    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models, ignore=shutil.ignore_patterns("html"))
    (models / "html").mkdir()
    _core.train_line_model(payload, small_config(), str(models / "html" / "lines.ftz"))
    both = sidebarspam.Classifier(models, clickbait_model="",
                                  options=sidebarspam.Options(structure_weight=0.0, html_body_margin=0.0))
    text_only = sidebarspam.Classifier(models, clickbait_model="", html_model_dir="",
                                       options=sidebarspam.Options(structure_weight=0.0))
    assert both.has_html_model and both.uses_line_tokens and not text_only.has_html_model
    assert both.score_html(page).labels == ["body", "sidebar"]
    assert text_only.score_html(page).labels != ["body", "sidebar"]  # the text model reads two alike sentences
    article = "\n".join(sentences[:3]) + "\nCopyright the Example Gazette\n"
    assert both.score(article).lines[0].probabilities == text_only.score(article).lines[0].probabilities
    # html_body_margin moves only the HTML model's pages.
    lenient = sidebarspam.Classifier(models, clickbait_model="",
                                     options=sidebarspam.Options(structure_weight=0.0, html_body_margin=50.0))
    assert lenient.score_html(page).labels == ["body", "body"]
    assert lenient.score(article).labels == both.score(article).labels
    # An HTML model trained with other rules is refused, naming the file.
    other_rules = tmp_path / "other-rules.tsv"
    other_rules.write_text((ROOT / "models" / "rules.tsv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cfg = small_config()
    cfg.rules = str(other_rules)
    _core.train_line_model(payload, cfg, str(models / "html" / "lines.ftz"))
    with pytest.raises(sidebarspam.SidebarspamError, match="rules"):
        sidebarspam.Classifier(models, clickbait_model="")
