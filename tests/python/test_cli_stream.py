"""The console script on JSONL: every record in yields one record out, in order."""

from __future__ import annotations

import gzip
import json
import pathlib
import subprocess

from conftest import EXAMPLE, ROOT

ARTICLE = EXAMPLE.read_text(encoding="utf-8")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["sidebarspam", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=300)


def good_records(n: int) -> list[dict]:  # type: ignore[type-arg]
    return [{"id": i, "text": ARTICLE[: len(ARTICLE) * (i % 7 + 1) // 7], "meta": {"k": i}} for i in range(n)]


def write_mixed(path: pathlib.Path) -> int:
    """Good records with four kinds of bad ones in between; returns the record count."""
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in good_records(6)]
    lines.insert(1, b"{not json")
    lines.insert(3, b'{"id": "no-text"}')
    lines.insert(5, b'{"id": "int-text", "text": 42}')
    lines.insert(7, b'{"id": "bad-utf8", "text": "\xff\xfe"}')
    path.write_bytes(b"\n".join(lines) + b"\n\n")  # a trailing blank line is not a record
    return len(lines)


def test_bad_records_are_reported_not_dropped(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mixed.jsonl"
    n = write_mixed(path)
    r = run("score", str(path), "--quiet")
    assert r.returncode == 1  # some records failed
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert len(out) == n == 10
    errors = [o for o in out if "sidebarspam_error" in o]
    assert len(errors) == 4
    assert [e["sidebarspam_error"]["line"] for e in errors] == [2, 4, 6, 8]
    assert all(str(path) in e["sidebarspam_error"]["message"] for e in errors)
    stderr = r.stderr.decode()
    assert f"{path}:2: invalid JSON" in stderr and f"{path}:4: no 'text' field" in stderr
    assert f"{path}:6: 'text' is int" in stderr and f"{path}:8: invalid UTF-8" in stderr
    scored = [o for o in out if "labels" in o]
    assert [o["id"] for o in scored] == list(range(6))
    assert all(o["meta"]["k"] == o["id"] for o in scored)  # input fields kept


def test_on_error_skip_and_fail(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mixed.jsonl"
    write_mixed(path)
    skipped = run("clean", str(path), "--on-error", "skip")
    assert skipped.returncode == 1
    assert len(skipped.stdout.splitlines()) == 6
    failed = run("clean", str(path), "--on-error", "fail")
    assert failed.returncode == 1
    assert b"invalid JSON" in failed.stderr


def test_clean_jsonl_adds_field_and_matches_api(tmp_path: pathlib.Path) -> None:
    import sidebarspam

    clf = sidebarspam.Classifier()
    records = good_records(20)
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    r = run("clean", str(path), "--output-field", "body", "--threads", "2", "--batch-size", "3")
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == list(range(20))
    assert [o["body"] for o in out] == [clf.clean(rec["text"]) for rec in records]
    assert [o["text"] for o in out] == [rec["text"] for rec in records]


def test_threads_do_not_change_output(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good_records(50)), encoding="utf-8")
    one = run("score", str(path), "--threads", "1", "--lines")
    many = run("score", str(path), "--threads", "4", "--batch-size", "7")
    assert one.returncode == many.returncode == 0
    without_lines = [{k: v for k, v in json.loads(l).items() if k != "lines"} for l in one.stdout.splitlines()]
    assert without_lines == [json.loads(l) for l in many.stdout.splitlines()]


def test_stdin_jsonl_and_text_and_dirs(tmp_path: pathlib.Path) -> None:
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good_records(3)).encode()
    r = run("score", "-", stdin=jsonl)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3
    r = run("clean", "-", stdin=EXAMPLE.read_bytes())
    assert r.returncode == 0 and "무단전재".encode() not in r.stdout and r.stdout.startswith("한빛시".encode())
    (tmp_path / "a").mkdir()
    for name in ("x.txt", "y.txt"):
        (tmp_path / "a" / name).write_bytes(EXAMPLE.read_bytes())
    r = run("score", str(tmp_path / "a"))
    assert [json.loads(l)["input"] for l in r.stdout.splitlines()] == [str(tmp_path / "a" / n) for n in ("x.txt", "y.txt")]
    r = run("score", str(tmp_path / "a" / "*.txt"))
    assert len(r.stdout.splitlines()) == 2
    r = run("score", str(tmp_path / "nothing-*.txt"))
    assert r.returncode == 2 and b"no file matches" in r.stderr


def test_output_file(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.jsonl"
    r = run("score", str(EXAMPLE), "-o", str(out))
    assert r.returncode == 0 and r.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["labels"][-1] == "sidebar"


def seen_reasons(record: dict) -> list[str]:  # type: ignore[type-arg]
    return [r for line in record["lines"] for r in line["reasons"] if r.startswith("site_seen:")]


def test_site_memory_across_records_and_runs(tmp_path: pathlib.Path) -> None:
    """--site-field keys records by site; --memory persists the counts from run to run."""
    records = [
        {"id": 0, "url": "https://News.Example/a/1", "text": ARTICLE},
        {"id": 1, "url": "https://news.example/b/2", "text": ARTICLE},
        {"id": 2, "text": ARTICLE},  # no site: scored without memory
        {"id": 3, "url": "https://other.example/c", "text": ARTICLE},
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    memory = tmp_path / "memory.bin"
    # --batch-size 1: each page sees the ones before it
    r = run("score", str(path), "--quiet", "--lines", "--site-field", "url", "--memory", str(memory), "--batch-size", "1")
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == [0, 1, 2, 3]
    assert seen_reasons(out[0]) == []  # the site's first page
    assert seen_reasons(out[1]) and set(seen_reasons(out[1])) == {"site_seen:1"}  # host, case-folded
    assert seen_reasons(out[2]) == [] and seen_reasons(out[3]) == []
    assert memory.stat().st_size > 0

    r = run("score", str(path), "--quiet", "--lines", "--site-field", "url", "--memory", str(memory), "--batch-size", "1")
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert set(seen_reasons(out[0])) == {"site_seen:2"}  # loaded: two pages of the first run
    assert set(seen_reasons(out[3])) == {"site_seen:1"}

    # clean takes the same options; labels do not change with a model trained without memory
    r = run("clean", str(path), "--quiet", "--site-field", "url")
    plain = run("clean", str(path), "--quiet")
    assert r.returncode == 0 and r.stdout == plain.stdout

    memory.write_bytes(b"not a memory file")
    r = run("score", str(path), "--quiet", "--site-field", "url", "--memory", str(memory))
    assert r.returncode != 0 and b"not a valid site memory file" in r.stderr
    r = run("score", str(path), "--quiet", "--memory", str(memory))
    assert r.returncode != 0 and b"--memory needs --site-field" in r.stderr
