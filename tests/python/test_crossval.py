"""`sidebarspam eval --leave-one-site-out`: one fold per site, each scored by a model that never
saw it."""

from __future__ import annotations

import gzip
import json
import pathlib
import shutil
import subprocess

from conftest import ROOT


def _page(site: str, i: int, trailing: bool) -> dict:  # type: ignore[type-arg]
    lines = [
        {"text": "뉴스 홈", "label": "boilerplate"},
        {"text": f"한빛시, 공공자전거 요금 {i}0% 내린다", "label": "body"},
        {"text": f"한빛시가 내년부터 공공자전거 요금을 {i}0% 내린다고 밝혔다. 대여소도 늘린다.", "label": "body"},
        {"text": "시민단체는 요금 인하를 환영하면서도 안전 대책을 함께 요구했다고 전했다.", "label": "body"},
        {"text": "Copyright © 한빛일보. 무단전재 및 재배포 금지.", "label": "boilerplate"},
    ]
    if trailing:
        lines += [{"text": f"- \"이럴 줄 몰랐다\"…배우 {i}, 알고보니", "label": "sidebar"},
                  {"text": f"- 가수 {i}, 파격 노출 근황 '경악'", "label": "sidebar"}]
    return {"id": f"real-{site}-{i}", "site": site, "lines": lines}


def test_each_site_is_scored_by_its_own_fold(tmp_path: pathlib.Path) -> None:
    data = tmp_path / "data"
    (data / "ko").mkdir(parents=True)
    pages = [_page(site, i, trailing=i % 2 == 0) for site in ("alpha", "beta") for i in range(12)]
    with gzip.open(data / "ko" / "pages.jsonl.gz", "wt", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(ROOT / "models" / "rules.tsv", models / "rules.tsv")
    small = {"dim": 8, "epoch": 30, "lr": 0.5, "bucket": 5000, "min_count": 1, "quantize": False}
    (models / "train.json").write_text(json.dumps({
        "rules": "rules.tsv", "line_data": ["ko/pages.jsonl.gz"], "headline_data": [], "line_model": small,
    }), encoding="utf-8")
    work = tmp_path / "folds"
    r = subprocess.run(
        ["sidebarspam", "eval", "--json", "--leave-one-site-out", "--config", str(models / "train.json"),
         "--data-root", str(data), "--work-dir", str(work), str(data / "ko" / "pages.jsonl.gz")],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    # one fold per site, each trained without its own site's pages
    assert sorted(p.name for p in work.iterdir()) == ["site_alpha", "site_beta"]
    assert (work / "site_alpha" / "lines.structure.tsv").exists()
    assert r.stderr.count("training without") == 2
    assert report["documents"] == 24
    assert report["trailing_list"]["pages"] == 12
    # the other site's pages have the same layout, so each fold learns it
    assert report["sidebar_removed"] > 0.9 and report["trailing_list"]["found"] >= 10
    # with --reuse-folds nothing is trained again and the result is the same
    again = subprocess.run(
        ["sidebarspam", "eval", "--json", "--leave-one-site-out", "--reuse-folds", "--config",
         str(models / "train.json"), "--data-root", str(data), "--work-dir", str(work),
         str(data / "ko" / "pages.jsonl.gz")],
        capture_output=True, text=True, timeout=300,
    )
    assert again.returncode == 0 and "training without" not in again.stderr
    assert _without_timings(json.loads(again.stdout)) == _without_timings(report)


def _without_timings(report: object) -> object:
    if isinstance(report, dict):
        return {k: _without_timings(v) for k, v in report.items() if k != "seconds"}
    return report
