"""Streaming record I/O for the ``score`` and ``clean`` commands: many inputs in, one output
record per input record, in input order, in bounded memory.

Inputs are files, directories (walked, sorted), globs or ``-`` (stdin). A file is JSONL when
its name ends in .jsonl/.ndjson (optionally .gz) or, for stdin and other names, when its first
byte is ``{``; otherwise it is one plain-text article. gzip is detected by its magic bytes.

HTML: a file named .html/.htm (optionally .gz) is one HTML page, and a JSONL record without
the text field but with an ``html`` field (a string) is one; ``html="always"`` reads every
text file as HTML and takes every JSONL record's ``html`` field. Such records have
``html=True`` and their ``text`` is the markup (bytes for files: the front end decodes them).
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Any, Iterable, Iterator, TypeVar, cast

__all__ = ["Record", "batched", "expand_inputs", "open_input", "parse_json_object", "read_records"]

T = TypeVar("T")

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


@dataclass
class Record:
    """One unit of work: a JSONL line or a whole text file."""

    source: str
    line: int | None  # 1-based line in a JSONL source; None for a text file
    fields: dict[str, Any] = field(default_factory=dict)  # the input object (JSONL) or {}
    text: str | bytes | None = None  # what to score; None when the record is bad
    error: str | None = None
    html: bool = False  # text is an HTML page


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to size consecutive items (the last one shorter); the one batching helper of
    the CLI, the Python API (``clean_many``) and the benchmarks."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def expand_inputs(inputs: list[str]) -> list[str]:
    """Files in the order given; directories walked and globs expanded, each sorted."""
    paths: list[str] = []
    for item in inputs:
        if item == "-":
            paths.append(item)
        elif os.path.isdir(item):
            for root, dirs, files in os.walk(item):
                dirs.sort()
                paths.extend(os.path.join(root, f) for f in sorted(files))
        elif any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise FileNotFoundError(f"{item}: no file matches")
            paths.extend(m for m in matches if os.path.isfile(m))
        else:
            paths.append(item)
    return paths


def open_input(path: str) -> IO[bytes]:
    """A file (or ``-``, stdin) for reading bytes; gzip is detected by its magic bytes and
    decompressed. The one opener of every reader (records here, labelled data in data.py).
    Closing the result closes the file (stdin is left open)."""
    if path != "-":
        with open(path, "rb") as probe:
            gzipped = probe.read(2) == b"\x1f\x8b"
        return gzip.open(path, "rb") if gzipped else open(path, "rb")  # type: ignore[return-value]
    # peek() needs a buffered reader; stdin may be a plain pipe object.
    raw = sys.stdin.buffer
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, raw))
    if buffered.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    return buffered


def _is_jsonl(path: str, stream: IO[bytes], fmt: str) -> bool:
    if fmt != "auto":
        return fmt == "jsonl"
    if path != "-" and path.lower().endswith(_JSONL_SUFFIXES):
        return True
    peek = getattr(stream, "peek", None)
    head = peek(64) if peek else b""
    return head.lstrip()[:1] == b"{"


def read_records(
    paths: list[str], text_field: str = "text", fmt: str = "auto", html: str = "auto", html_field: str = "html"
) -> Iterator[Record]:
    """Yields every record of every input; bad records carry an error instead of text.
    ``html``: "auto" (by file name, or a JSONL ``html_field`` when the text field is absent),
    "always" or "never"."""
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            stream = open_input(path)
        except OSError as e:
            yield Record(name, None, error=f"{name}: cannot open: {e.strerror or e}")
            continue
        with stream:
            if not _is_jsonl(path, stream, fmt):
                is_html = html == "always" or (html == "auto" and path.lower().endswith(_HTML_SUFFIXES))
                yield Record(name, None, text=stream.read(), html=is_html)
                continue
            for line_no, raw in enumerate(stream, 1):
                if not raw.strip():
                    continue  # blank lines are not records
                yield _parse_line(name, line_no, raw, text_field, html, html_field)


def parse_json_object(where: str, raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """(object, None) for one JSONL line, or (None, error naming ``where``)."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return None, f"{where}: invalid UTF-8 at byte {e.start}"
    try:
        obj = json.loads(decoded)
    except json.JSONDecodeError as e:
        return None, f"{where}: invalid JSON: {e.msg} (column {e.colno})"
    if not isinstance(obj, dict):
        return None, f"{where}: expected a JSON object, got {type(obj).__name__}"
    return obj, None


def _parse_line(
    name: str, line_no: int, raw: bytes, text_field: str, html: str = "auto", html_field: str = "html"
) -> Record:
    where = f"{name}:{line_no}"
    obj, error = parse_json_object(where, raw)
    if obj is None:
        return Record(name, line_no, error=error)
    is_html = html == "always" or (html == "auto" and text_field not in obj and html_field in obj)
    if is_html:
        text_field = html_field
    if text_field not in obj:
        return Record(name, line_no, fields=obj, error=f"{where}: no '{text_field}' field")
    text = obj[text_field]
    if not isinstance(text, str):
        return Record(name, line_no, fields=obj,
                      error=f"{where}: '{text_field}' is {type(text).__name__}, not a string")
    return Record(name, line_no, fields=obj, text=text, html=is_html)
