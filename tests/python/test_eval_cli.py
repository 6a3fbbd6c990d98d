"""`sidebarspam eval` end to end on fixture files whose metrics are worked out by hand."""

from __future__ import annotations

import gzip
import json
import pathlib
import subprocess

import pytest

from sidebarspam.evaluate import evaluate_headlines, roc_auc

FIXTURE_DOC = {
    "id": "fixture-1",
    "url": "https://example.org/a",
    "page_type": "article",
    "lines": [
        {"text": "Home", "label": "junk", "tail": False},
        {"text": "The council approved the new budget on Monday.", "label": "body", "tail": False},
        {"text": "Short body line", "label": "body", "tail": False},
        {"text": "It will fund three new libraries.", "label": "body", "tail": False},
        {"text": "We use cookies to improve this site.", "label": "junk", "tail": True},
        {"text": "Share", "label": "junk", "tail": True},
        {"text": "unlabelled line the metrics skip", "label": "unk", "tail": False},
    ],
}


def run_eval(*args: str) -> dict:  # type: ignore[type-arg]
    r = subprocess.run(["sidebarspam", "eval", "--json", *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1  # exactly one JSON object
    return json.loads(lines[0])  # type: ignore[no-any-return]


def test_c4_baseline_metrics_by_hand(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(FIXTURE_DOC) + "\n")
    report = run_eval(str(path), "--baseline", "c4")
    for key in ("documents", "lines", "per_label", "junk", "tail_junk", "body_false_removal_rate",
                "tail_span_exact_match", "seconds"):
        assert key in report
    c4 = report["baselines"]["c4"]
    # C4 keeps lines 1 and 3 (>= 3 words, terminal punctuation, no cookie phrase) and drops
    # 0, 2 ("Short body line": no end mark), 4 (cookies), 5. The unk line is skipped: 6 lines.
    assert c4["lines"] == 6
    assert c4["per_label"]["body"]["precision"] == 1.0
    assert c4["per_label"]["body"]["recall"] == pytest.approx(2 / 3)
    assert c4["junk"]["precision"] == pytest.approx(3 / 4)
    assert c4["junk"]["recall"] == 1.0
    assert c4["body_false_removal_rate"] == pytest.approx(1 / 3)
    # gold tail = lines 4, 5; C4's last kept line is 3 -> same tail
    assert c4["tail_junk"]["f1"] == 1.0 and c4["tail_span_exact_match"] == 1.0


def test_headline_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "headlines.jsonl"
    rows = [
        {"text": "You Won't Believe What This Cat Did Next", "label": "clickbait"},
        {"text": "Senate confirms new trade representative", "label": "normal"},
        {"text": "Not sure about this one", "label": "unsure"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    h = run_eval(str(path))["headlines"]
    assert h["headlines"] == 2 and h["positives"] == 1
    for key in ("accuracy", "precision", "recall", "f1", "auc"):
        assert 0.0 <= h[key] <= 1.0


def test_headline_metrics_by_hand() -> None:
    rows = [("a", "clickbait"), ("b", "clickbait"), ("c", "normal"), ("d", "normal"), ("e", "unsure")]
    scores = {"a": 0.9, "b": 0.4, "c": 0.6, "d": 0.1}
    h = evaluate_headlines(lambda texts: [scores[t] for t in texts], rows)
    assert h["headlines"] == 4
    assert h["accuracy"] == 0.5  # a right, b missed, c false alarm, d right
    assert h["precision"] == 0.5 and h["recall"] == 0.5
    assert h["auc"] == pytest.approx(0.75)  # pairs (a>c, a>d, b<c, b>d)
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
