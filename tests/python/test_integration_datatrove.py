"""sidebarspam.integrations.datatrove run by a real datatrove LocalPipelineExecutor.

Reader -> SidebarspamFilter -> writer over JSONL built at run time from ../shared/data; the
written documents must be exactly what the plain Python API says.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import subprocess
import sys
from typing import Any

import pytest

import sidebarspam
from conftest import SHARED

pytest.importorskip("datatrove", reason="datatrove is not installed: pip install 'sidebarspam[datatrove]'")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402
from datatrove.utils.stats import PipelineStats, Stats  # noqa: E402

from sidebarspam.integrations.datatrove import EMPTY_REASON, SPAM_REASON, SidebarspamFilter  # noqa: E402

CORPORA = {"ko": "data/ko/ko_docs.jsonl.gz", "en": "data/en/train-trafilatura.jsonl.gz"}
PER_CORPUS = 120


def _read_corpus(relative: str) -> list[dict[str, Any]]:
    """Documents of a ../shared corpus as {"id", "text"}; the text is its lines joined by newlines."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is missing: these tests read ../shared/data beside the checkout")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [{"id": row["id"], "text": "\n".join(line["text"] for line in row["lines"])} for row in rows]


@pytest.fixture(scope="module")
def documents(clf: sidebarspam.Classifier) -> list[dict[str, Any]]:
    """Korean and English documents, including every English one that cleans to nothing.

    The English corpus has a wide spread of spam scores (the Korean one is mostly 0), and the
    documents that clean to nothing are what ``drop_empty`` is about.
    """
    ko = _read_corpus(CORPORA["ko"])
    en = _read_corpus(CORPORA["en"])
    cleaned = clf.clean_batch([d["text"] for d in en])
    emptied = [d for d, c in zip(en, cleaned) if isinstance(c, str) and not c.strip()]
    chosen = ko[:PER_CORPUS] + en[:PER_CORPUS] + [d for d in emptied if d not in en[:PER_CORPUS]]
    return chosen


def _write_shards(folder: pathlib.Path, docs: list[dict[str, Any]], shards: int) -> None:
    folder.mkdir()
    for shard in range(shards):
        with open(folder / f"part-{shard}.jsonl", "w", encoding="utf-8") as f:
            for doc in docs[shard::shards]:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")


def _read_output(folder: pathlib.Path) -> dict[str, dict[str, Any]]:
    """Every document a JsonlWriter wrote under ``folder``, by id."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                assert doc["id"] not in out, f"{doc['id']} written twice"
                out[doc["id"]] = doc
    return out


def _step_stats(stats: PipelineStats) -> Stats:
    (mine,) = [s for s in stats.stats if s.name.endswith(SidebarspamFilter.name)]
    return mine


def test_pipeline_cleans_records_and_drops_spam(
    tmp_path: pathlib.Path, documents: list[dict[str, Any]], clf: sidebarspam.Classifier
) -> None:
    texts = [d["text"] for d in documents]
    expected = dict(zip((d["id"] for d in documents), clf.score_batch(texts)))
    # A threshold that is itself a document's score: that document must be kept (strictly above).
    positive = sorted({s.spam_score for s in expected.values() if s.spam_score > 0})
    threshold = positive[len(positive) // 2]
    spam_ids = {i for i, s in expected.items() if s.spam_score > threshold}
    assert spam_ids and len(spam_ids) < len(documents)

    _write_shards(tmp_path / "in", documents, shards=2)
    step = SidebarspamFilter(
        spam_threshold=threshold,
        batch_size=32,
        exclusion_writer=JsonlWriter(str(tmp_path / "excluded"), compression=None),
    )
    executor = LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), step, JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2,
        workers=2,  # two worker processes: the step is pickled and loads its model in each
        logging_dir=str(tmp_path / "logs"),
    )
    stats = executor.run()

    kept = _read_output(tmp_path / "out")
    excluded = _read_output(tmp_path / "excluded")
    assert set(kept) == set(expected) - spam_ids
    assert set(excluded) == spam_ids
    by_id = {d["id"]: d for d in documents}
    for doc_id, doc in kept.items():
        original = by_id[doc_id]["text"]
        # datatrove's JsonlWriter leaves an empty text out of the record (a page all junk)
        assert doc.get("text", "") == clf.clean(original), doc_id
        scores = expected[doc_id]
        meta = doc["metadata"]
        assert meta["sidebarspam_labels"] == scores.labels
        assert meta["sidebarspam_spam_score"] == scores.spam_score
        assert meta["sidebarspam_removed_lines"] == [
            {"index": line.index, "label": line.label, "text": line.text}
            for line in scores.lines
            if line.label != "body"
        ]
    for doc_id, doc in excluded.items():
        assert doc["text"] == by_id[doc_id]["text"], "a dropped document keeps its original text"
        assert doc["metadata"]["filter_reason"] == SPAM_REASON
        assert doc["metadata"]["sidebarspam_spam_score"] == expected[doc_id].spam_score

    mine = _step_stats(stats)
    assert mine["total"].total == len(documents)
    assert mine["forwarded"].total == len(kept)
    assert mine["dropped"].total == len(spam_ids)
    assert mine[f"dropped_{SPAM_REASON}"].total == len(spam_ids)
    assert mine["lines"].total == sum(len(s.lines) for s in expected.values())
    for label in sidebarspam.LABELS:
        assert mine[f"lines_{label}"].total == sum(s.labels.count(label) for s in expected.values())
    assert mine["lines_removed"].total == sum(len(s.lines) - s.labels.count("body") for s in expected.values())
    assert mine["chars_removed"].total == sum(len(t) - len(str(clf.clean(t))) for t in texts)
    # The same numbers reach the stats.json datatrove writes for the run.
    saved = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    (saved_mine,) = [s for s in saved if s["name"].endswith(SidebarspamFilter.name)]
    assert saved_mine["stats"]["forwarded"] == len(kept)  # a plain counter is saved as its total
    assert saved_mine["stats"]["lines_removed"]["total"] == mine["lines_removed"].total


def test_drop_empty_without_metadata(
    tmp_path: pathlib.Path, documents: list[dict[str, Any]], clf: sidebarspam.Classifier
) -> None:
    cleaned = {d["id"]: clf.clean(d["text"]) for d in documents}
    empty_ids = {i for i, c in cleaned.items() if not str(c).strip()}
    assert empty_ids, "the English corpus has documents that clean to nothing"

    _write_shards(tmp_path / "in", documents, shards=1)
    executor = LocalPipelineExecutor(
        [
            JsonlReader(str(tmp_path / "in")),
            SidebarspamFilter(drop_empty=True, metadata_prefix=None, batch_size=50),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    stats = executor.run()

    kept = _read_output(tmp_path / "out")
    assert set(kept) == set(cleaned) - empty_ids
    for doc_id, doc in kept.items():
        assert doc["text"] == cleaned[doc_id]
        assert not any(key.startswith("sidebarspam_") for key in doc["metadata"])
    mine = _step_stats(stats)
    assert mine[f"dropped_{EMPTY_REASON}"].total == len(empty_ids)
    assert mine["forwarded"].total == len(kept)
    assert "lines" not in mine.stats, "without metadata or a threshold the step does not score"


def test_step_called_directly_matches_the_api(documents: list[dict[str, Any]], clf: sidebarspam.Classifier) -> None:
    """The step as a plain generator (how datatrove's own tests drive steps), one doc per batch."""
    from datatrove.data import Document

    docs = [Document(text=d["text"], id=d["id"]) for d in documents[:20]]
    out = list(SidebarspamFilter(batch_size=1, record_removed_lines=False)(iter(docs)))
    assert [d.text for d in out] == [clf.clean(d["text"]) for d in documents[:20]]
    expected = clf.score_batch([d["text"] for d in documents[:20]])
    assert [d.metadata["sidebarspam_spam_score"] for d in out] == [s.spam_score for s in expected]
    assert [d.metadata["sidebarspam_labels"] for d in out] == [s.labels for s in expected]
    assert not any("sidebarspam_removed_lines" in d.metadata for d in out)


def test_import_without_datatrove_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "datatrove" or m.startswith("datatrove.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "datatrove", None)  # makes `import datatrove` fail
    monkeypatch.delitem(sys.modules, "sidebarspam.integrations.datatrove")
    with pytest.raises(ImportError, match=r"pip install 'sidebarspam\[datatrove\]'"):
        import sidebarspam.integrations.datatrove  # noqa: F401


def test_core_package_imports_no_engine() -> None:
    code = (
        "import sys, sidebarspam, sidebarspam.integrations, sidebarspam.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datatrove', 'pyspark', 'pandas')))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def _html_pages(n: int) -> list[dict[str, Any]]:
    path = SHARED / "data/html/en-trafilatura-html.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is missing: these tests read ../shared/data beside the checkout")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(n), f)]
    return [{"id": row["id"], "text": row["html"]} for row in rows]


def test_html_records_are_cleaned_by_the_html_front_end(clf: sidebarspam.Classifier, tmp_path: pathlib.Path) -> None:
    """A pipeline whose documents hold HTML (as WarcReader gives them): html=True."""
    pages = _html_pages(16)
    _write_shards(tmp_path / "in", pages, 2)
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")),
                  SidebarspamFilter(html=True, record_removed_lines=True),
                  JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    out = _read_output(tmp_path / "out")
    assert set(out) == {p["id"] for p in pages}
    expected = clf.score_html_batch([p["text"] for p in pages])
    for page, doc in zip(pages, expected):
        written = out[page["id"]]
        assert written["text"] == doc.clean_text()
        assert "<" not in written["text"][:200] or "<" in doc.clean_text()[:200]
        assert written["metadata"]["sidebarspam_labels"] == doc.labels
        removed = written["metadata"]["sidebarspam_removed_lines"]
        assert [r["text"] for r in removed] == [l.text for l in doc.lines if l.label != "body"]
