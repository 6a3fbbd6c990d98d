"""The benchmark command runs end to end on a tiny corpus (a smoke test: no timing asserted)."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

from conftest import ROOT, shared_file


def test_benchmark_runs_on_a_tiny_corpus(tmp_path: pathlib.Path) -> None:
    data_root = shared_file("data/ko/ko_docs.jsonl.gz").parents[1]
    out = tmp_path / "results"
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--data-root", str(data_root),
         "--corpus-mb", "0.2", "--max-seconds", "0.2", "--quality-docs", "12", "--threads", "2",
         "--out", str(out)],
        capture_output=True, text=True, timeout=900,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    results = json.loads((out / "results.json").read_text())
    table = (out / "results.md").read_text()

    systems = {"sidebarspam", "sidebarspam-python", "fasttext", "datatrove-c4", "datatrove-fineweb",
               "datatrove-c4+fineweb", "regex"}
    for part in ("ko", "en"):
        corpus = results["corpus"][part]
        assert corpus["bytes"] >= 100_000 and corpus["docs"] > 0
        runs = results["runs"][part]
        assert {(run["system"], run["threads"]) for run in runs} == {(s, t) for s in systems for t in (1, 2)}
        for run in runs:
            assert run["docs"] > 0 and run["bytes"] > 0 and run["seconds"] > 0, run
            assert run["mb_per_s"] > 0 and run["p99_ms"] >= run["p50_ms"] > 0, run
            assert 0 < run["peak_rss_mb"] < 4096, run
        # every system labelled every line of the documents it timed
        by_system = {run["system"]: run for run in runs if run["threads"] == 1}
        assert len({run["lines"] for run in by_system.values()}) == 1, by_system
    for system, by_lang in results["quality"].items():
        for lang in ("ko", "en"):
            q = by_lang[lang]
            assert q["documents"] > 0
            assert 0.0 <= q["junk_f1"] <= 1.0 and 0.0 <= q["body_false_removal"] <= 1.0
    # the learned model beats the regex filter on Korean junk (it is what the benchmark is for)
    assert results["quality"]["sidebarspam-python"]["ko"]["junk_f1"] > results["quality"]["regex"]["ko"]["junk_f1"]
    assert table.count("\n| ko |") == len(systems) * 2 and table.count("\n| en |") == len(systems) * 2
    assert not list(out.glob("corpus-*.bin"))  # the corpus is not left behind


def test_instruction_stages_are_read_from_a_callgrind_file(tmp_path: pathlib.Path) -> None:
    """--instructions folds callgrind's per-function costs into stages: inclusive costs,
    minus the calls a stage must not count (the clickbait model's own predict calls)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import run  # type: ignore[import-not-found]

    ns = "sidebarspam::"
    out = tmp_path / "callgrind.out"
    out.write_text("\n".join([
        "events: Ir",
        f"fn={ns}Classifier::score_page(std::string_view) const", "1 10",
        f"cfn={ns}RuleSet::match(std::string_view, std::vector<int>*) const", "calls=2 0", "1 300",
        f"cfn={ns}LabelModel::predict(std::string_view, float*) const", "calls=3 0", "1 200",
        f"cfn={ns}ClickbaitScorer::score(Line const&) const", "calls=1 0", "1 80",
        f"fn={ns}ClickbaitScorer::score(Line const&) const", "1 30",
        f"cfn={ns}LabelModel::predict(std::string_view, float*) const", "calls=1 0", "1 50",
        f"fn={ns}LabelModel::predict(std::string_view, float*) const", "1 250",
        f"fn={ns}RuleSet::match(std::string_view, std::vector<int>*) const", "1 300",
        "",
    ]))
    costs = run.stage_costs(out, "sidebarspam")
    assert costs["total"] == 10 + 300 + 200 + 80
    assert costs["RE2 rule sets"] == 300
    assert costs["line model predict"] == 250 - 50  # the clickbait model's call left out
    assert costs["clickbait model"] == 80
    assert costs["everything else"] == costs["total"] - 300 - 200 - 80
