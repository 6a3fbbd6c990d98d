"""Issue 14: per-language clickbait scores, their cues, and the page-level spam score."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

import sidebarspam
from sidebarspam import _core
from sidebarspam.evaluate import calibration_table, evaluate_spam_scores
from sidebarspam.evaluate import evaluate_headlines
from sidebarspam.training import _platt_fit, best_f1, f1_threshold

from conftest import EXAMPLE, ROOT, shared_file

SOBER = ROOT / "tests" / "fixtures" / "article-ko-sober-list.txt"
# The page-level threshold the README and model card give moderation scripts.
SPAM_THRESHOLD = 0.5


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return shared_file("examples/daum-article.txt").read_text(encoding="utf-8").split("\n")


def test_seed_clickbait_lines_score_high_and_informative_ones_low(clf: sidebarspam.Classifier, seed: list[str]) -> None:
    """Lines 19, 24, 27 are clickbait by the rubric; 20, 22, 25 plainly informative (1-based)."""
    doc = clf.score("\n".join(seed))
    for n in (19, 24, 27):
        score = doc.lines[n - 1].clickbait
        assert score is not None and score >= 0.5, (n, seed[n - 1], score)
    for n in (20, 22, 25):
        score = doc.lines[n - 1].clickbait
        assert score is not None and score < 0.5, (n, seed[n - 1], score)
    # The same headline scored alone gets the same score as inside the page.
    for n in (19, 20, 24):
        assert clf.clickbait(seed[n - 1]) == pytest.approx(doc.lines[n - 1].clickbait, abs=1e-6)


def _shipped_thresholds() -> dict[str, float]:
    rows = (line.split("\t") for line in (ROOT / "models" / "clickbait-calibration.tsv").read_text().splitlines())
    return {r[0]: float(r[2]) for r in rows if len(r) == 3 and r[1] == "threshold"}


def test_decision_threshold_per_language_is_the_calibration_files(clf: sidebarspam.Classifier) -> None:
    shipped = _shipped_thresholds()
    assert set(shipped) == {"ko", "default"}
    assert clf.clickbait_threshold("알고보니 그 배우의 정체는?") == pytest.approx(shipped["ko"])
    assert clf.clickbait_threshold("You won't believe what happened next") == pytest.approx(shipped["default"])
    assert shipped["ko"] != shipped["default"]  # else this test could not tell the routes apart
    no_model = sidebarspam.Classifier(clickbait_model="")
    assert no_model.clickbait_threshold("anything") is None


def test_seed_verdicts_follow_the_thresholds(clf: sidebarspam.Classifier, seed: list[str]) -> None:
    doc = clf.score("\n".join(seed))
    for line in doc.lines:
        if line.clickbait is None:
            assert not line.is_clickbait
        else:
            cut = clf.clickbait_threshold(line.text)
            assert cut is not None and line.is_clickbait == (line.clickbait >= cut), line.text
    assert [doc.lines[n - 1].is_clickbait for n in (19, 24, 27, 28)] == [True] * 4
    assert [doc.lines[n - 1].is_clickbait for n in (20, 22, 25)] == [False] * 3
    assert doc.lines[19 - 1].to_dict()["is_clickbait"] is True


def test_best_f1_over_the_cuts_between_distinct_scores() -> None:
    # Cuts: >=0.9 -> tp 1: F1 2/3; >=0.6 -> tp 1, fp 1: 0.5; >=0.5 -> tp 2, fp 1: 0.8; >=0.3 -> 2/3.
    assert best_f1([0.9, 0.6, 0.5, 0.3, 0.1], [True, False, True, False, False]) == pytest.approx(0.8)
    # Tied scores are one cut: the two 0.7s fall on the same side (F1 2/3, not 1).
    assert best_f1([0.7, 0.7, 0.2], [True, False, False]) == pytest.approx(2 / 3)
    assert best_f1([0.2, 0.4], [False, False]) == 0.0


def test_f1_threshold_is_half_the_best_f1() -> None:
    # Separable scores reach F1 1: the threshold is 0.5, the equal-cost cut.
    assert f1_threshold([0.1, 0.2, 0.8, 0.9], [False, False, True, True]) == pytest.approx(0.5)
    scores, labels = [0.9, 0.6, 0.5, 0.3, 0.1], [True, False, True, False, False]
    assert f1_threshold(scores, labels) == pytest.approx(0.4)
    assert f1_threshold([0.2, 0.4], [False, False]) == 0.5  # no positives: no evidence


def test_eval_uses_each_headlines_own_threshold() -> None:
    scores = {"a": 0.3, "b": 0.3, "c": 0.6}
    rows = [("a", "clickbait"), ("b", "normal"), ("c", "clickbait")]
    fixed = evaluate_headlines(lambda ts: [scores[t] for t in ts], rows)
    assert fixed["threshold"] == 0.5 and fixed["recall"] == 0.5
    own = evaluate_headlines(lambda ts: [scores[t] for t in ts], rows, {"a": 0.25, "b": 0.4, "c": 0.5}.__getitem__)
    assert own["threshold"] == [0.25, 0.4, 0.5]
    assert own["recall"] == 1.0 and own["precision"] == 1.0


def test_seed_line_28_scores_as_clickbait(clf: sidebarspam.Classifier, seed: list[str]) -> None:
    # An anonymous shock quote (rubric 5): cue_anonymous_quote fires and raises the score.
    score = clf.clickbait(seed[28 - 1])
    assert score is not None and score >= 0.5
    assert "clickbait:anonymous_quote" in clf.clickbait_cues(seed[28 - 1])


def test_seed_cues_are_reasons(clf: sidebarspam.Classifier, seed: list[str]) -> None:
    doc = clf.score("\n".join(seed))
    assert "clickbait:withheld_fact" in doc.lines[27 - 1].reasons  # 알고보니...
    assert "clickbait:sexual_framing" in doc.lines[19 - 1].reasons  # 노출
    # An informative line matches no cue, so it gets no clickbait reason.
    assert not [r for r in doc.lines[25 - 1].reasons if r.startswith("clickbait:")]
    assert clf.clickbait_cues(seed[27 - 1]) == [r for r in doc.lines[27 - 1].reasons if r.startswith("clickbait:")]


def test_page_spam_scores_against_the_documented_threshold(clf: sidebarspam.Classifier, seed: list[str]) -> None:
    seed_doc = clf.score("\n".join(seed))
    assert seed_doc.trailing_block is not None and seed_doc.trailing_block.first_line == 18
    assert seed_doc.spam_score > SPAM_THRESHOLD
    assert clf.score(EXAMPLE.read_text(encoding="utf-8")).spam_score > SPAM_THRESHOLD
    sober = clf.score(SOBER.read_text(encoding="utf-8"))
    assert sober.trailing_block is not None  # the sober list is found as a list ...
    assert sober.spam_score < SPAM_THRESHOLD  # ... and not called sensational
    assert clf.score("한 줄짜리 본문입니다.").spam_score == 0.0  # no list, no spam


def test_model_directory_files_and_routing(tmp_path: pathlib.Path) -> None:
    paths = _core.ModelPaths.in_directory(str(ROOT / "models"))
    assert paths.clickbait_model_ko.endswith("clickbait-ko.ftz")
    assert paths.clickbait_calibration.endswith("clickbait-calibration.tsv")
    total = sum((ROOT / "models" / n).stat().st_size
                for n in ("lines.ftz", "html/lines.ftz", "clickbait.ftz", "clickbait-ko.ftz"))
    assert total <= 2_000_000
    # An older directory (one clickbait model, no calibration) still loads; its scores are raw.
    for name in ("lines.ftz", "lines.structure.tsv", "model.json", "rules.tsv", "clickbait.ftz"):
        shutil.copy(ROOT / "models" / name, tmp_path / name)
    old_paths = _core.ModelPaths.in_directory(str(tmp_path))
    assert (old_paths.clickbait_model_ko, old_paths.clickbait_calibration) == ("", "")
    old = sidebarspam.Classifier(tmp_path)
    assert old.clickbait("이재명 유죄에 비명계 뜬다") is not None
    # A corrupt calibration file is an error naming the file.
    (tmp_path / "clickbait-calibration.tsv").write_text("ko\tplatt\tnot-a-number\t0\n", encoding="utf-8")
    with pytest.raises(sidebarspam.SidebarspamError, match="clickbait-calibration.tsv:1"):
        sidebarspam.Classifier(tmp_path)
    assert _core.is_korean_headline("남편상 사강, 4년만 안방 복귀")
    assert not _core.is_korean_headline("Parliament passes budget")


def test_cue_rules_do_not_change_the_line_model_input(tmp_path: pathlib.Path) -> None:
    """The clickbait cue rules (hint 'clickbait') must leave the line model's input alone."""
    rules = (ROOT / "models" / "rules.tsv").read_text(encoding="utf-8")
    assert "\tclickbait\t" in rules
    without = "".join(l for l in rules.splitlines(keepends=True) if "\tclickbait\t" not in l)
    (tmp_path / "with.tsv").write_text(rules, encoding="utf-8")
    (tmp_path / "without.tsv").write_text(without, encoding="utf-8")
    lines = [(t, "sidebar" if t.startswith("- ") else "body") for t in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    outputs = []
    for name in ("with", "without"):
        cfg = _core.TrainingConfig()
        cfg.rules = str(tmp_path / f"{name}.tsv")
        _core.write_line_training_file([(lines, 1, "site")], cfg, str(tmp_path / f"{name}.txt"))
        outputs.append((tmp_path / f"{name}.txt").read_bytes())
    assert outputs[0] == outputs[1]
    assert b"__r_cue_" not in outputs[0]
    assert b"__r_withheld_fact" in outputs[0]  # the old sidebar-hint rules still feed it


def test_platt_fit_recovers_a_known_calibration() -> None:
    import math
    import random

    rng = random.Random(7)
    scores, labels = [], []
    for _ in range(4000):
        p = rng.random() * 0.98 + 0.01
        true = 1 / (1 + math.exp(-(0.5 * math.log(p / (1 - p)) - 1.0)))
        scores.append(p)
        labels.append(rng.random() < true)
    a, b = _platt_fit(scores, labels)
    assert a == pytest.approx(0.5, abs=0.1)
    assert b == pytest.approx(-1.0, abs=0.15)


def test_calibration_table_and_spam_report() -> None:
    table = calibration_table([0.05, 0.15, 0.95, 1.0], [False, True, True, True])
    assert [r["bin"] for r in table] == ["0.0-0.1", "0.1-0.2", "0.9-1.0"]
    assert table[2]["count"] == 2 and table[2]["observed"] == 1.0
    report = evaluate_spam_scores([0.9, 0.8, 0.2, 0.6], [True, True, False, False])
    assert report["auc"] == 1.0 and report["precision"] == pytest.approx(2 / 3) and report["recall"] == 1.0


def test_eval_reports_per_language_and_page_spam_auc(tmp_path: pathlib.Path) -> None:
    """`sidebarspam eval` on headline files reports each language, and on Korean documents the
    page-level spam score's AUC against 'the page has a sensational link list' (composites)."""
    import gzip

    docs = tmp_path / "docs.jsonl"
    kinds = {"kocohub": 0, "same publisher": 0}
    with gzip.open(shared_file("data/ko/ko_docs.jsonl.gz"), "rt", encoding="utf-8") as f, open(docs, "w") as out:
        for raw in f:
            row = json.loads(raw)
            kind = next((k for k in kinds if row.get("synthetic") and k in row.get("source", "")), None)
            if kind and kinds[kind] < 15:
                kinds[kind] += 1
                out.write(raw)
    heads = tmp_path / "heads.jsonl"
    heads.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"text": "You Won't Believe What This Cat Did Next", "label": "clickbait", "lang": "en"},
        {"text": "Parliament passes budget after second reading", "label": "normal", "lang": "en"},
        {"text": "50대 가장, 퇴근길에 주운 복권이 알고보니…", "label": "clickbait", "lang": "ko"},
        {"text": "누리군의회, 내년도 예산안 3120억원 원안 의결", "label": "normal", "lang": "ko"},
    ]), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "sidebarspam", "eval", "--json", str(docs), str(heads)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out["headlines_by_lang"]) == {"en", "ko"}
    assert out["headlines_by_lang"]["ko"]["headlines"] == 2
    spam = out["spam_score"]
    assert spam["pages"] == 30 and spam["positives"] == 15
    assert 0.5 < spam["auc"] <= 1.0
    assert sum(row["count"] for row in spam["calibration"]) == 30


@pytest.mark.parametrize("method", ["platt", "isotonic"])
def test_training_calibration_map_is_the_scorers(tmp_path: pathlib.Path, method: str) -> None:
    """The threshold is chosen on calibrated scores that training computes itself
    (training._calibration_map); the scorer applies the file's fields in C++. The two must agree,
    or the threshold is chosen for scores the scorer never gives."""
    from sidebarspam import training

    raw_clf = sidebarspam.Classifier(clickbait_model_ko="", clickbait_calibration="")
    headlines = [f"{w} {n} things you did not know about {t}" for n, (w, t) in enumerate(
        [("Shocking", "cats"), ("Why", "the council"), ("Top", "tax rules"), ("You won't believe", "this car"),
         ("Quarterly", "results"), ("Officials", "the new bridge"), ("Doctors hate", "this trick"),
         ("Report:", "inflation"), ("What happened next", "stunned everyone"), ("Minister", "budget"),
         ("This is why", "nobody sleeps"), ("Council", "road works")], 1)]
    raw = [raw_clf.clickbait(h) or 0.0 for h in headlines]
    assert len(set(raw)) > 6  # varied scores, so the map is exercised between its knots
    labels = [i % 3 == 0 for i in range(len(raw))]
    fields, calibrate = training._calibration_map(method, raw, labels)
    calibration = tmp_path / "calibration.tsv"
    calibration.write_text(f"default\t{fields}\n", encoding="utf-8")
    clf = sidebarspam.Classifier(clickbait_model_ko="", clickbait_calibration=calibration)
    probes = headlines + ["A sober headline on the city budget", "OMG you have to see this"]
    for h in probes:
        p = raw_clf.clickbait(h) or 0.0
        assert clf.clickbait(h) == pytest.approx(calibrate(p), abs=1e-5), h
