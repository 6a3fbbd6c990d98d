"""The Python layer's shared pieces: one site-key policy, one batching helper, one reader."""

from __future__ import annotations

import gzip
import pathlib

import pytest

from sidebarspam.data import group_key, read_headlines, site_key
from sidebarspam.stream import batched, read_records


def test_one_site_key_for_the_split_and_the_memory() -> None:
    assert site_key("https://www.Example.com/a/b?c") == "example.com"
    assert site_key("http://example.com") == "example.com"
    assert site_key("news.example.com") == "news.example.com"  # a name, as given
    assert site_key("  ") is None and site_key(None) is None and site_key("https:///x") is None
    # The training split uses the same policy for URLs.
    assert group_key({"id": "x", "url": "https://WWW.example.com/p"}) == "host:" + str(site_key("https://example.com"))


def test_batched() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(batched([1], 0))


def test_one_reader_for_labelled_data_and_records(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "rows.jsonl"  # gzip by its magic bytes, whatever the name
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write('{"text": "헤드라인 하나", "label": "normal", "lang": "ko"}\n\n{"text": "two", "label": "clickbait"}\n')
    assert list(read_headlines(str(path))) == [("헤드라인 하나", "normal", "ko"), ("two", "clickbait", "")]
    assert [r.text for r in read_records([str(path)])] == ["헤드라인 하나", "two"]
    path.write_bytes(b'{"text": "ok"}\n[1, 2]\n')
    with pytest.raises(ValueError, match=r"rows.jsonl:2: expected a JSON object, got list"):
        list(read_headlines(str(path)))
    records = list(read_records([str(path)]))
    assert records[1].error is not None and "rows.jsonl:2: expected a JSON object" in records[1].error


def test_a_memory_needs_one_site_per_text() -> None:
    import sidebarspam

    clf = sidebarspam.Classifier()
    memory = sidebarspam.SiteMemory()
    texts = ["첫 문장입니다.\n", "둘째 문장입니다.\n"]
    with pytest.raises(ValueError, match="no sites for 2 texts"):
        clf.score_batch(texts, memory=memory)
    with pytest.raises(ValueError, match="sites given without a memory"):
        clf.score_batch(texts, sites=["a", "a"])
    for run in (clf.score_batch, clf.clean_batch):  # refused by the C++ score_batch, nothing recorded
        with pytest.raises(ValueError, match="1 sites for 2 texts"):
            run(texts, sites=["a"], memory=memory)
    assert memory.num_sites == 0
    assert len(clf.score_batch(texts, sites=["a", "b"], memory=memory)) == 2 and memory.num_sites == 2
