"""Reading the labelled JSONL corpora (``../shared/data`` format) and splitting them by site."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urlsplit

from .stream import open_input, parse_json_object

__all__ = ["LabelledDocument", "read_documents", "read_headlines", "group_key", "is_dev", "site_key", "sniff_kind",
           "is_dev_headline", "layout_family", "sensational_list", "list_has_clickbait"]


@dataclass
class LabelledDocument:
    id: str
    group: str  # site / publisher: the unit of train/dev splits
    lang: str
    page_type: str | None
    lines: list[tuple[str, str]]  # (text, label); label is "body", "boilerplate", "sidebar", "junk" or "unk"
    tail: list[bool]  # English data: junk after the last body line
    binary: bool = False  # labels are body/junk (English benchmarks) rather than body/boilerplate/sidebar
    family: str | None = None  # composites: the layout family that generated the page (per-family reports)
    synthetic: bool = False  # a composite built from parts of real pages (the Korean corpus marks them)
    source: str = ""  # the corpus's provenance string for the document


_OID = re.compile(r"^(?:baram|synth-[a-z]+)-(\d+)_")
_DOMAIN = re.compile(r"^([a-z0-9.\-]+?\.[a-z]{2,})(?:-|$)")


def site_key(value: Any) -> str | None:
    """The site a URL or a site name stands for, the one policy of the training split and the
    CLI's site memory: a URL counts by its host name, lower-cased, without a leading "www."
    (www.example.com and example.com are one site); any other non-empty string is the key as
    given. None for an empty value or a URL without a host."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if not text.startswith(("http://", "https://")):
        return text
    host = (urlsplit(text).hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return host or None


def group_key(doc: dict[str, Any]) -> str:
    """The site a document comes from, so a split never puts one site on both sides."""
    doc_id = str(doc.get("id", ""))
    if doc.get("site"):
        return f"site:{doc['site']}"
    m = _OID.match(doc_id)
    if m:
        return f"oid:{m.group(1)}"  # Naver press id: the publisher, shared by real docs and composites
    if doc.get("url"):
        host = site_key(str(doc["url"]))
        if host:
            return "host:" + host
    if doc.get("domain"):
        m = _DOMAIN.match(str(doc["domain"]).lower())
        return "host:" + (m.group(1) if m else str(doc["domain"]))
    return "id:" + doc_id


_SYNTH_FAMILY = re.compile(r"^(synth-[a-z]+)-")


def layout_family(doc: dict[str, Any]) -> str | None:
    """The layout family of a synthetic composite (its ``layout`` field, else its id prefix such
    as ``synth-daum``); None for real pages."""
    if doc.get("layout"):
        return str(doc["layout"])
    if doc.get("synthetic"):
        m = _SYNTH_FAMILY.match(str(doc.get("id", "")))
        return m.group(1) if m else "synthetic"
    return None


def in_dev_split(key: str, dev_percent: int = 20) -> bool:
    """The one dev-split test: crc32 of a key, deterministic across runs and machines."""
    return zlib.crc32(key.encode("utf-8")) % 100 < dev_percent


def is_dev(group: str, dev_percent: int = 20) -> bool:
    """Site-level split of documents: the group key decides (one site is never on both sides)."""
    return in_dev_split(group, dev_percent)


def is_dev_headline(text: str, dev_percent: int = 20) -> bool:
    """Headline split: the text decides (the same event under two titles may fall on both sides)."""
    return in_dev_split(text, dev_percent)


def sensational_list(doc: LabelledDocument) -> bool | None:
    """Ground truth of the page-level spam score: True for a synthetic composite whose trailing
    list is the kocohub entertainment titles (Daum-style), False for one whose list is the
    publisher's own sober titles (Naver-style), None for any other document."""
    if not doc.synthetic:
        return None
    if "kocohub" in doc.source:
        return True
    if "same publisher" in doc.source:
        return False
    return None


_LIST_BULLET = re.compile(r"^\s*[-\u25b6\u25ba\u25b7\u261e\u00b7\u2022]\s*")


def list_has_clickbait(doc: LabelledDocument, labels: dict[str, str]) -> bool | None:
    """Ground truth of the spam score's meaning from headline labels: True when a gold sidebar
    line of doc (bullet removed) is a headline labelled clickbait, False when every one is
    labelled and none is clickbait, None when some are unlabelled and none is clickbait (or
    the document has no sidebar lines)."""
    found = unknown = 0
    for text, label in doc.lines:
        if label != "sidebar":
            continue
        gold = labels.get(_LIST_BULLET.sub("", text).strip())
        if gold == "clickbait":
            return True
        if gold is None:
            unknown += 1
        found += 1
    return False if found and not unknown else None


def _json_rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL file; errors name file:line."""
    with open_input(path) as f:
        for line_no, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            row, error = parse_json_object(f"{path}:{line_no}", raw)
            if row is None:
                raise ValueError(error)
            yield line_no, row


def read_documents(path: str) -> Iterator[LabelledDocument]:
    for line_no, doc in _json_rows(path):
        lines = doc.get("lines")
        if not isinstance(lines, list):
            raise ValueError(f"{path}:{line_no}: document has no 'lines' list")
        yield LabelledDocument(
            id=str(doc.get("id", f"{path}:{line_no}")),
            group=group_key(doc),
            lang=str(doc.get("lang") or ("ko" if "/ko" in path or "ko_" in path else "und")),
            page_type=doc.get("page_type"),
            lines=[(str(l.get("text", "")), str(l.get("label", "unk"))) for l in lines],
            tail=[bool(l.get("tail", False)) for l in lines],
            binary=any("tail" in l or l.get("label") in ("junk", "unk") for l in lines),
            family=layout_family(doc),
            synthetic=bool(doc.get("synthetic", False)),
            source=str(doc.get("source", "")),
        )


def read_headlines(path: str) -> Iterator[tuple[str, str, str]]:
    """(text, label, lang) rows of a headline file; labels clickbait / normal / other."""
    for _line_no, row in _json_rows(path):
        yield str(row.get("text", "")), str(row.get("label", "")), str(row.get("lang", ""))


def sniff_kind(path: str) -> str:
    """'documents' when the first record has a 'lines' list, 'headlines' when it has 'text'."""
    for line_no, row in _json_rows(path):
        if isinstance(row.get("lines"), list):
            return "documents"
        if "text" in row:
            return "headlines"
        raise ValueError(f"{path}:{line_no}: neither a document ('lines') nor a headline ('text')")
    return "documents"
