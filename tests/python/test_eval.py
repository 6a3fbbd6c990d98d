"""Metrics computed by hand on a tiny fixture, so a wrong formula fails."""

from __future__ import annotations

import pytest

from sidebarspam.data import LabelledDocument, group_key, is_dev
from sidebarspam.evaluate import evaluate, prf


def doc(labels: list[str], binary: bool = False) -> LabelledDocument:
    return LabelledDocument(
        id="d", group="g", lang="ko", page_type=None,
        lines=[(f"line {i}", l) for i, l in enumerate(labels)], tail=[False] * len(labels), binary=binary,
    )


def test_prf_edge_cases() -> None:
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(1, 1, 0)["precision"] == 0.5
    assert prf(1, 0, 3)["recall"] == 0.25
    assert prf(2, 2, 2)["f1"] == pytest.approx(0.5)


def test_three_label_metrics_by_hand() -> None:
    gold = doc(["body", "body", "boilerplate", "body", "sidebar", "sidebar"])
    pred = [["body", "boilerplate", "boilerplate", "body", "sidebar", "boilerplate"]]
    r = evaluate(lambda texts: pred, [gold])
    assert r["documents"] == 1 and r["lines"] == 6
    # body: tp 2 (lines 0, 3), fn 1 (line 1) -> P 1, R 2/3
    assert r["per_label"]["body"]["precision"] == 1.0
    assert r["per_label"]["body"]["recall"] == pytest.approx(2 / 3)
    # boilerplate: tp 1, fp 2 (lines 1, 5) -> P 1/3, R 1
    assert r["per_label"]["boilerplate"]["precision"] == pytest.approx(1 / 3)
    assert r["per_label"]["sidebar"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    # junk = non-body: gold {2,4,5}, pred {1,2,4,5}
    assert r["junk"]["precision"] == pytest.approx(3 / 4) and r["junk"]["recall"] == 1.0
    assert r["body_false_removal_rate"] == pytest.approx(1 / 3)
    # tail: gold after line 3 = {4,5}; pred after line 3 = {4,5} -> exact
    assert r["tail_junk"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert r["tail_span_exact_match"] == 1.0


def test_binary_labels_and_unk_are_skipped() -> None:
    gold = doc(["junk", "body", "unk", "junk", "junk"], binary=True)
    pred = [["sidebar", "body", "body", "body", "boilerplate"]]
    r = evaluate(lambda texts: pred, [gold])
    assert r["lines"] == 4
    assert set(r["per_label"]) == {"body", "junk"}
    # tail gold = {3,4}; pred: last predicted body among labelled lines is 3 -> pred tail {4}
    assert r["tail_junk"]["recall"] == 0.5 and r["tail_junk"]["precision"] == 1.0
    assert r["tail_span_exact_match"] == 0.0


def test_split_is_by_site() -> None:
    a = group_key({"id": "baram-021_0002759962"})
    b = group_key({"id": "synth-daum-021_0015817141"})
    assert a == b == "oid:021"
    assert group_key({"id": "x", "url": "https://www.example.com/a"}) == "host:example.com"
    assert group_key({"id": "x", "domain": "bahamaslocal.com-atlantis"}) == "host:bahamaslocal.com"
    assert is_dev(a) == is_dev(b)


def test_sidebar_removed_and_trailing_list_by_hand() -> None:
    # gold: body 0-2, boilerplate 3, a trailing run of sidebar lines 4-7, boilerplate 8
    gold = doc(["body", "body", "body", "boilerplate", "sidebar", "sidebar", "sidebar", "sidebar", "boilerplate"])
    found = ["body", "body", "body", "boilerplate", "sidebar", "sidebar", "sidebar", "boilerplate", "boilerplate"]
    r = evaluate(lambda texts: [found], [gold])
    assert r["sidebar_removed"] == 1.0  # line 7 is not kept as body, so it counts as removed
    # predicted block 4..6 covers 3 of the 4 run lines: 75 % < 80 %
    assert r["trailing_list"] == {"pages": 1, "found": 0, "rate": 0.0}
    covers = ["body", "body", "body", "boilerplate", "sidebar", "sidebar", "sidebar", "sidebar", "sidebar"]
    assert evaluate(lambda texts: [covers], [gold])["trailing_list"]["found"] == 1
    # a block that swallows a body line does not count, and a kept list line is not removed
    swallows = ["body", "body", "sidebar", "sidebar", "sidebar", "sidebar", "body", "sidebar", "boilerplate"]
    r = evaluate(lambda texts: [swallows], [gold])
    assert r["sidebar_removed"] == pytest.approx(3 / 4)
    assert r["trailing_list"]["found"] == 0


def test_trailing_list_judges_the_classifiers_own_block() -> None:
    class Block:
        first_line, last_line = 4, 7

    class Prediction:  # what a Document offers the evaluation
        labels = ["body", "body", "body", "boilerplate", "sidebar", "boilerplate", "sidebar", "sidebar", "boilerplate"]
        trailing_block = Block()

    gold = doc(["body", "body", "body", "boilerplate", "sidebar", "sidebar", "sidebar", "sidebar", "boilerplate"])
    assert evaluate(lambda texts: [Prediction()], [gold])["trailing_list"]["found"] == 1
    # a page without a run of >= 2 sidebar lines after the article is not counted
    short = doc(["body", "sidebar", "body", "sidebar", "boilerplate"])
    assert evaluate(lambda texts: [["body"] * 5], [short])["trailing_list"] == {"pages": 0, "found": 0, "rate": None}
    # English (body/junk) pages have no sidebar metrics
    assert evaluate(lambda texts: [["body", "body"]], [doc(["body", "junk"], binary=True)])["sidebar_removed"] is None
