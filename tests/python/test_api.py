from __future__ import annotations

import json
import pathlib

import pytest

import sidebarspam
from conftest import EXAMPLE, shared_file


def labels_1based(doc: sidebarspam.Document, numbers: range | list[int]) -> set[str]:
    return {doc.lines[n - 1].label for n in numbers}


def test_seed_article(clf: sidebarspam.Classifier) -> None:
    text = shared_file("examples/daum-article.txt").read_text(encoding="utf-8")
    doc = clf.score(text)
    assert len(doc.lines) == 28
    assert labels_1based(doc, range(7, 18)) == {"body"}
    assert labels_1based(doc, [2, 5, 6, 18]) == {"boilerplate"}
    assert labels_1based(doc, range(19, 29)) == {"sidebar"}
    assert doc.trailing_block is not None
    assert (doc.trailing_block.first_line, doc.trailing_block.last_line) == (18, 27)
    assert doc.lines[18].text.startswith("- 최현욱")


def test_example_article(clf: sidebarspam.Classifier, example_text: str) -> None:
    doc = clf.score(example_text)
    assert labels_1based(doc, [1, 7, 8, 9, 10, 11, 12, 13]) == {"body"}
    assert labels_1based(doc, [2, 5, 6, 14]) == {"boilerplate"}
    assert labels_1based(doc, range(15, 23)) == {"sidebar"}
    assert 0.0 < doc.spam_score <= 1.0
    sidebar = [b for b in doc.blocks if b.kind == "sidebar"]
    assert [(b.first_line, b.last_line) for b in sidebar] == [(14, 21)]
    raw = example_text.encode("utf-8")
    assert raw[sidebar[0].start : sidebar[0].end].decode("utf-8").startswith("- ")
    assert sidebar[0].end == len(raw)
    for b in doc.blocks:
        assert {doc.lines[i].label for i in range(b.first_line, b.last_line + 1)} == {b.kind}
    assert doc.to_dict()["blocks"][-1] == sidebar[0].to_dict()


def test_crlf_and_lf_agree_with_byte_offsets(clf: sidebarspam.Classifier, example_text: str) -> None:
    crlf = example_text.replace("\n", "\r\n")
    a, b = clf.score(example_text), clf.score(crlf)
    assert a.labels == b.labels
    raw = crlf.encode("utf-8")
    for line in b.lines:
        assert raw[line.start : line.end].decode("utf-8") == line.text
        assert "\r" not in line.text


def test_clean_is_exactly_the_kept_lines(clf: sidebarspam.Classifier, example_text: str) -> None:
    text = example_text.replace("\n", "\r\n") + "tail without newline"
    doc = clf.score(text)
    kept = "".join(
        text.encode()[l.start : (doc.lines[i + 1].start if i + 1 < len(doc.lines) else len(text.encode()))].decode()
        for i, l in enumerate(doc.lines)
        if l.label == "body"
    )
    assert clf.clean(text) == kept
    assert clf.clean(text.encode()) == kept.encode()
    assert "무단전재" not in kept


def test_empty_and_blank(clf: sidebarspam.Classifier) -> None:
    assert clf.score("").lines == []
    assert clf.score("").trailing_block is None
    assert clf.clean("") == ""
    assert clf.clean(b"") == b""
    assert clf.clean("\n\n") == "\n\n"


def test_invalid_utf8_and_nul_do_not_crash(clf: sidebarspam.Classifier) -> None:
    raw = b"\xff\xfe broken \xc3( line\nnul\x00inside\n- \xed\xa0\x80 teaser\xe2\x80\xa6\n"
    doc = clf.score(raw)
    assert len(doc.lines) == 3
    assert doc.lines[0].end <= doc.lines[1].start
    assert "\ufffd" in doc.lines[0].text
    cleaned = clf.clean(raw)
    assert isinstance(cleaned, bytes) and len(cleaned) <= len(raw)
    # lone surrogates in a str are passed through as bytes, not an exception
    assert len(clf.score("a\ud800b\n").lines) == 1


def test_score_batch_matches_score(clf: sidebarspam.Classifier, example_text: str) -> None:
    texts = [example_text[: len(example_text) * k // 12] for k in range(1, 13)] * 3
    singles = [clf.score(t) for t in texts]
    for threads in (1, 2, 4):
        batch = clf.score_batch(texts, threads=threads)
        assert [d.to_dict() for d in batch] == [d.to_dict() for d in singles]


def test_clean_many_streams_in_order(clf: sidebarspam.Classifier, example_text: str) -> None:
    texts = [example_text, "", example_text.encode(), "only a line"]
    out = list(clf.clean_many(iter(texts), batch_size=3, threads=2))
    assert out == [clf.clean(t) for t in texts]
    assert isinstance(out[2], bytes)


def test_to_dict_is_json(clf: sidebarspam.Classifier, example_text: str) -> None:
    d = clf.score(example_text).to_dict()
    again = json.loads(json.dumps(d, ensure_ascii=False))
    assert again["lines"][0]["label"] == "body"
    assert set(again["lines"][0]["probabilities"]) == set(sidebarspam.LABELS)
    assert again["trailing_block"]["first_line"] == 14


def test_missing_and_corrupt_model(tmp_path: pathlib.Path) -> None:
    with pytest.raises(sidebarspam.SidebarspamError, match="cannot open model file"):
        sidebarspam.Classifier(line_model=tmp_path / "nope.ftz")
    bad = tmp_path / "bad.ftz"
    bad.write_bytes(b"\x00" * 64)
    with pytest.raises(sidebarspam.SidebarspamError, match=r"bad.ftz: not a valid fastText model \(bad magic number\)"):
        sidebarspam.Classifier(line_model=bad)
    good = pathlib.Path(sidebarspam.default_model_dir()) / "lines.ftz"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    with pytest.raises(sidebarspam.SidebarspamError, match="corrupt"):
        sidebarspam.Classifier(line_model=bad)
    assert issubclass(sidebarspam.SidebarspamError, ValueError)


def test_invalid_rule_reports_line(tmp_path: pathlib.Path) -> None:
    rules = tmp_path / "rules.tsv"
    rules.write_text("# c\nfine\tbody\tok\n\nbad\tsidebar\t(?P<x\n", encoding="utf-8")
    with pytest.raises(sidebarspam.SidebarspamError, match=r"rules.tsv:4: rule 'bad': invalid regex"):
        sidebarspam.Classifier(rules=rules)


def test_wrong_type_is_a_type_error(clf: sidebarspam.Classifier) -> None:
    with pytest.raises(TypeError):
        clf.score(123)  # type: ignore[arg-type]


def test_clickbait(clf: sidebarspam.Classifier) -> None:
    assert clf.has_clickbait_model
    bait = clf.clickbait("You Won't Believe What Happened When This Dog Met A Baby")
    news = clf.clickbait("Central bank raises interest rates by a quarter point")
    assert bait is not None and news is not None
    assert bait > 0.5 > news
    no_cb = sidebarspam.Classifier(clickbait_model="")
    assert no_cb.clickbait("anything") is None
    assert all(l.clickbait is None for l in no_cb.score(EXAMPLE.read_text()).lines)


def test_rule_hints_come_from_the_loaded_rules(clf: sidebarspam.Classifier) -> None:
    hints = clf.rule_hints
    assert hints["copyright"] == "anchor"
    assert hints["list_bullet"] == "sidebar"
    assert set(hints.values()) <= {"body", "boilerplate", "sidebar", "anchor", "clickbait"}
    assert hints["cue_withheld_fact"] == "clickbait"
    doc = clf.score("Copyright © 한빛일보. 무단전재 및 재배포 금지.\n")
    assert "rule:copyright" in doc.lines[0].reasons
