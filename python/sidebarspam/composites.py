"""Composite pages of real parts, in the layouts real Korean news pages have.

The shared corpus's composites put a real article between a few portal widgets and a list of
``- headline`` lines. Real pages are laid out in more ways than that, and a line model learns
only the layouts it sees. Each family here builds pages of one layout from real parts of the
training documents (article bodies and titles, chrome, bylines and copyright lines, list
headers) and real headlines (the shared headline files); nothing is written to look like a
particular page. The only strings of the generator's own are structural markers: list
bullets, rank numbers, time and comment-count fields, speaker marks and the field names of
itemised lists ("일시", "장소", …). Families are named and seeded, so a config lists them and training is
reproducible; the parts come only from the documents given (the training split, or all but
a held-out site), so a held-out site's text never reaches its own fold.

Families (label of each generated line in brackets):
  teaser_lede      body, copyright, a list of headline [sidebar] + lede sentence [sidebar] pairs
  ranked_fields    body, copyright, a "most read" list with one field a line: rank number,
                   headline, time or comment count [all sidebar]
  mid_related      a "[관련기사]" header and 2-4 headlines, or "▶ headline" lines, between
                   paragraphs [sidebar], the paragraphs around them [body]
  itemised_body    body ending in a legitimate itemised list "- 일시: …" [body], byline and
                   copyright [boilerplate], a trailing list [sidebar]
  title_after_chrome  dozens of menu lines [boilerplate], then the title and a deck of short
                   sub-headlines [body],
                   body, chrome and a list
  byline_email     body, a byline with an e-mail address [boilerplate], copyright, a list
  dialogue_body    an interview transcript, turns marked "▷name : sentence" like list items
                   [body], then copyright and a list
"""

from __future__ import annotations

import os
import random
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .data import LabelledDocument, read_headlines

__all__ = ["FAMILIES", "Parts", "collect_parts", "generate"]

_SENTENCE_END = re.compile(r"(?<=다\.)\s*|(?<=[.?!])\s+(?=[가-힣\"'“‘(\[])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_COPYRIGHT = re.compile(r"(?i)(copyright|ⓒ|©|저작권자|무단\s*전재|재배포\s*금지)")
_HANGUL = re.compile(r"[가-힣]")
_BYLINE = re.compile(r"[가-힣]{2,4}\s*(기자|특파원)")


@dataclass
class Parts:
    """Real pieces to build pages from (all taken from the given documents and headline files)."""

    bodies: list[tuple[str, list[str]]] = field(default_factory=list)  # (title, paragraphs)
    chrome: list[str] = field(default_factory=list)  # short menu / widget lines
    widgets: list[str] = field(default_factory=list)  # longer chrome lines (prompts, notices)
    bylines: list[str] = field(default_factory=list)  # short boilerplate lines with an e-mail or byline
    copyrights: list[str] = field(default_factory=list)
    list_headers: list[str] = field(default_factory=list)  # chrome lines right before a sidebar list
    headlines: list[str] = field(default_factory=list)


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s and len(s.strip()) >= 8]


def _is_headline(text: str) -> bool:
    """A title, not a sentence of running text (some crawled titles are the lead paragraph)."""
    t = text.strip()
    return 8 <= len(t) <= 70 and not t.endswith(("다.", ".")) and bool(_HANGUL.search(t))


def collect_parts(docs: Sequence[LabelledDocument], headline_files: Sequence[str] = ()) -> Parts:
    """The pieces of the Korean documents among docs, plus the headlines of headline_files."""
    parts = Parts()
    seen: set[str] = set()

    def once(pool: list[str], text: str) -> None:
        if text not in seen:
            seen.add(text)
            pool.append(text)

    for doc in docs:
        if doc.lang != "ko" or doc.binary:
            continue
        lines = doc.lines
        real_article = doc.family is None and not doc.id.startswith("real-")
        if real_article and lines and lines[0][1] == "body":
            paragraphs = []
            for text, label in lines[1:]:
                if label == "body":
                    # Crawled bodies glue paragraphs: regroup their sentences two or three a line.
                    sentences = _sentences(text)
                    for i in range(0, len(sentences), 3):
                        paragraphs.append(" ".join(sentences[i : i + 3]))
            if len(paragraphs) >= 3:
                parts.bodies.append((lines[0][0], paragraphs))
                if _is_headline(lines[0][0]):
                    once(parts.headlines, lines[0][0])
        for i, (text, label) in enumerate(lines):
            if label != "boilerplate" or not text.strip():
                continue
            if _COPYRIGHT.search(text) and len(text) < 120:
                once(parts.copyrights, text)
            elif (_EMAIL.search(text) or _BYLINE.search(text)) and len(text) < 60:
                once(parts.bylines, text)
            elif i + 1 < len(lines) and lines[i + 1][1] == "sidebar" and len(text) < 40:
                once(parts.list_headers, text)
            elif len(text) <= 14:
                once(parts.chrome, text)
            elif len(text) <= 120:
                once(parts.widgets, text)
    for path in headline_files:
        for text, _label, lang in read_headlines(path):
            if (lang == "ko" or _HANGUL.search(text)) and _is_headline(text):
                once(parts.headlines, text)
    return parts


# --- layout pieces ------------------------------------------------------------------------


def _menu(rng: random.Random, parts: Parts, n: int) -> list[tuple[str, str]]:
    return [(rng.choice(parts.chrome), "boilerplate") for _ in range(n)]


def _tail_chrome(rng: random.Random, parts: Parts) -> list[tuple[str, str]]:
    out = [(rng.choice(parts.copyrights), "boilerplate")] if parts.copyrights else []
    out += [(rng.choice(parts.widgets), "boilerplate") for _ in range(rng.randint(0, 2))]
    return out


def _header(rng: random.Random, parts: Parts) -> list[tuple[str, str]]:
    return [(rng.choice(parts.list_headers), "boilerplate")] if parts.list_headers and rng.random() < 0.7 else []


def _headlines(rng: random.Random, parts: Parts, n: int) -> list[str]:
    return [rng.choice(parts.headlines) for _ in range(n)]


def _lede(rng: random.Random, parts: Parts) -> str:
    _title, paragraphs = rng.choice(parts.bodies)
    sentence = _sentences(paragraphs[0])[0] if _sentences(paragraphs[0]) else paragraphs[0]
    if rng.random() < 0.4 and len(sentence) > 40:  # a truncated snippet
        sentence = sentence[: rng.randint(30, min(80, len(sentence) - 1))].rstrip() + rng.choice(["…", "...", " ..."])
    return sentence


def _article(title: str, paragraphs: list[str], rng: random.Random, parts: Parts) -> list[tuple[str, str]]:
    out = [(title, "body")]
    out += [(rng.choice(parts.widgets), "boilerplate") for _ in range(rng.randint(0, 2))]
    # Portals also put their widgets after a lead or summary paragraph, inside the article.
    inside = rng.randint(1, len(paragraphs) - 1) if len(paragraphs) > 1 and rng.random() < 0.3 else 0
    for i, p in enumerate(paragraphs):
        if i == inside and inside > 0:
            out += [(rng.choice(parts.widgets), "boilerplate") for _ in range(rng.randint(1, 2))]
        out.append((p, "body"))
    return out


def _list_lines(rng: random.Random, parts: Parts) -> list[tuple[str, str]]:
    bullet = rng.choice(["", "", "- ", "· ", "▶ "])
    return _header(rng, parts) + [(bullet + h, "sidebar") for h in _headlines(rng, parts, rng.randint(4, 10))]


# --- families -------------------------------------------------------------------------------


def _teaser_lede(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    out = _article(title, paragraphs, rng, parts) + _tail_chrome(rng, parts) + _header(rng, parts)
    for headline in _headlines(rng, parts, rng.randint(3, 8)):
        out.append((headline, "sidebar"))
        for _ in range(rng.choice([1, 1, 2])):
            out.append((_lede(rng, parts), "sidebar"))
    return out + _menu(rng, parts, rng.randint(0, 6))


def _ranked_fields(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    out = _article(title, paragraphs, rng, parts) + _tail_chrome(rng, parts) + _header(rng, parts)
    field_kind = rng.choice(["hours", "minutes", "comments", "date", "none"])
    for rank, headline in enumerate(_headlines(rng, parts, rng.randint(5, 10)), 1):
        out.append((str(rank), "sidebar"))
        out.append((headline, "sidebar"))
        if field_kind == "hours":
            out.append((f"{rng.randint(1, 23)}시간전", "sidebar"))
        elif field_kind == "minutes":
            out.append((f"{rng.randint(1, 59)}분 전", "sidebar"))
        elif field_kind == "comments":
            out.append((f"댓글 {rng.randint(0, 999)}", "sidebar"))
        elif field_kind == "date":
            out.append((f"2023.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}", "sidebar"))
    return out + _menu(rng, parts, rng.randint(0, 6))


def _mid_related(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    cut = rng.randint(1, len(paragraphs) - 1)
    if rng.random() < 0.5 and parts.list_headers:
        block = [(rng.choice(parts.list_headers), "boilerplate")]
        block += [(h, "sidebar") for h in _headlines(rng, parts, rng.randint(2, 4))]
    else:
        block = [(rng.choice(["▶ ", "▶", "☞ ", "► "]) + h, "sidebar") for h in _headlines(rng, parts, rng.randint(1, 3))]
    out = _article(title, paragraphs[:cut], rng, parts) + block + [(p, "body") for p in paragraphs[cut:]]
    return out + _tail_chrome(rng, parts) + (_list_lines(rng, parts) if rng.random() < 0.6 else [])


_ITEM_FIELDS = ["일시", "장소", "대상", "문의", "주최", "기간", "신청", "내용", "참가비", "주관"]


def _itemised_body(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    # The items' values are fragments of the article's own sentences.
    words = " ".join(paragraphs).split()
    items = []
    for name in rng.sample(_ITEM_FIELDS, rng.randint(2, 5)):
        start = rng.randrange(max(1, len(words) - 6))
        items.append((f"{rng.choice(['- ', '· ', '■ ', ''])}{name}: {' '.join(words[start:start + rng.randint(2, 6)])}", "body"))
    out = _article(title, paragraphs, rng, parts) + items
    if parts.bylines and rng.random() < 0.7:
        out.append((rng.choice(parts.bylines), "boilerplate"))
    return out + _tail_chrome(rng, parts) + _list_lines(rng, parts)


def _deck(rng: random.Random, paragraphs: list[str]) -> list[tuple[str, str]]:
    """One to three short sub-headlines under the title: clauses of the article's first
    sentences, cut before their sentence end, as decks are."""
    out = []
    for sentence in _sentences(" ".join(paragraphs[:2]))[: rng.randint(1, 3)]:
        words = sentence.rstrip(".").split()
        if len(words) >= 4:
            out.append((" ".join(words[: rng.randint(3, min(8, len(words) - 1))]), "body"))
    return out


def _title_after_chrome(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    out = _menu(rng, parts, rng.randint(15, 60))
    out += [(title, "body")]
    if rng.random() < 0.7:
        out += _deck(rng, paragraphs)
    out += [(rng.choice(parts.chrome), "boilerplate") for _ in range(rng.randint(0, 6))]
    out += [(p, "body") for p in paragraphs]
    return out + _tail_chrome(rng, parts) + _list_lines(rng, parts) + _menu(rng, parts, rng.randint(5, 30))


def _byline_email(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    out = _article(title, paragraphs, rng, parts)
    out += [(rng.choice(parts.bylines), "boilerplate")] if parts.bylines else []
    return out + _tail_chrome(rng, parts) + _list_lines(rng, parts)


_SPEAKER_MARKS = [("▷", "▶"), ("▶", "▷"), ("-", "-"), ("Q.", "A."), ("", "")]


def _dialogue_body(rng: random.Random, parts: Parts, title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    # An interview transcript: the article's sentences as turns of two speakers, each turn
    # marked like a list item; it is the article, not a list.
    names = [m.group(0).split()[0] for m in (_BYLINE.search(b) for b in parts.bylines) if m] or ["진행자", "출연자"]
    speakers = [rng.choice(names), rng.choice(names)]
    marks = rng.choice(_SPEAKER_MARKS)
    out = _article(title, paragraphs[:1], rng, parts)
    turn = 0
    for sentence in _sentences(" ".join(paragraphs[1:]))[:20]:
        mark = marks[turn % 2]
        out.append((f"{mark}{speakers[turn % 2]} : {sentence}".strip(), "body"))
        turn += 1
    return out + _tail_chrome(rng, parts) + _list_lines(rng, parts)


Family = Callable[[random.Random, Parts, str, list[str]], list[tuple[str, str]]]
FAMILIES: dict[str, Family] = {
    "teaser_lede": _teaser_lede,
    "ranked_fields": _ranked_fields,
    "mid_related": _mid_related,
    "itemised_body": _itemised_body,
    "title_after_chrome": _title_after_chrome,
    "byline_email": _byline_email,
    "dialogue_body": _dialogue_body,
}


def generate(parts: Parts, families: Sequence[str], per_family: int, seed: int) -> list[LabelledDocument]:
    """per_family pages of each named family; deterministic in (parts, families, per_family, seed)."""
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown composite families {unknown}; known: {sorted(FAMILIES)}")
    if not parts.bodies or not parts.headlines or not parts.chrome or not parts.widgets:
        raise ValueError("not enough Korean documents to build composites from (no bodies, headlines or chrome)")
    docs = []
    for name in families:
        rng = random.Random(zlib.crc32(f"{seed}:{name}".encode()))
        for i in range(per_family):
            title, paragraphs = parts.bodies[rng.randrange(len(parts.bodies))]
            lines = FAMILIES[name](rng, parts, title, paragraphs)
            docs.append(LabelledDocument(
                id=f"composite-{name}-{i:04d}", group=f"composite:{name}", lang="ko", page_type="article",
                lines=lines, tail=[False] * len(lines), family=name,
            ))
    return docs


def from_config(config: dict[str, Any], docs: Sequence[LabelledDocument], data_root: str) -> list[LabelledDocument]:
    """The composites a training config asks for ("composites": {"families", "per_family",
    "seed", "headline_data"}), built from docs; [] when the config has none."""
    spec = config.get("composites")
    if not spec:
        return []
    files = [os.path.join(data_root, rel) for rel in spec.get("headline_data", [])]
    return generate(collect_parts(docs, files), spec.get("families", list(FAMILIES)),
                    int(spec.get("per_family", 100)), int(spec.get("seed", 0)))
