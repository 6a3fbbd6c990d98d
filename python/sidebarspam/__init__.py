"""sidebarspam: label each line of a crawled article as body, boilerplate or sidebar spam.

>>> import sidebarspam
>>> clf = sidebarspam.Classifier()            # bundled default model
>>> doc = clf.score(text)
>>> [line.text for line in doc.lines if line.label == "sidebar"]
>>> clf.clean(text)                           # body lines only, byte-identical

All scoring happens in the C++ library (``sidebarspam._core``); this module only adds
Python-friendly result objects. Offsets (``start``, ``end``) are byte offsets into the UTF-8
encoding of the text.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any, Iterable, Iterator, Sequence, Union

from . import _core
from ._core import SidebarspamError

__all__ = [
    "Classifier",
    "ClassifierSpec",
    "Options",
    "SiteMemory",
    "Document",
    "HtmlDocument",
    "Line",
    "HtmlLine",
    "TrailingBlock",
    "Block",
    "SidebarspamError",
    "LABELS",
    "default_model_dir",
    "__version__",
]

__version__: str = _core.__version__

#: The labels a line can get.
LABELS: tuple[str, ...] = ("body", "boilerplate", "sidebar")

Text = Union[str, bytes]


def default_model_dir() -> str:
    """Directory of the bundled model (``lines.ftz``, ``lines.structure.tsv``, ``rules.tsv``,
    ``clickbait.ftz``, ``clickbait-ko.ftz``, ``clickbait-calibration.tsv``)."""
    return str(resources.files(__name__).joinpath("models"))


@dataclass(frozen=True)
class Line:
    """One line of the input and its verdict."""

    index: int
    start: int
    end: int
    text: str
    label: str
    probabilities: dict[str, float]
    clickbait: float | None
    is_clickbait: bool = False  # clickbait >= the scoring model's decision threshold
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TrailingBlock:
    """The run of sidebar lines at the end of the article (line indices inclusive, bytes half-open)."""

    first_line: int
    last_line: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Block:
    """A run of junk lines of one ``kind`` ("sidebar": a link list, "boilerplate": chrome);
    line indices inclusive (first and last non-blank line), bytes half-open."""

    kind: str
    first_line: int
    last_line: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Document:
    """Result of scoring one text: ``lines``, ``labels``, ``blocks``, ``trailing_block``, ``spam_score``.

    ``lines`` (one :class:`Line` object per line) is built on first access: batch callers
    that only read ``labels`` or ``spam_score`` do not pay for millions of small objects.
    """

    __slots__ = ("_raw", "_result", "_lines", "_was_str", "trailing_block", "spam_score", "_blocks")

    def __init__(self, raw: bytes, result: _core.ScoreResult, was_str: bool = True) -> None:
        self._raw = raw
        self._result = result
        self._was_str = was_str
        self._lines: list[Line] | None = None
        self._blocks: list[Block] | None = None
        block = result.trailing_block
        self.trailing_block = (
            None if block is None else TrailingBlock(block.first_line, block.last_line, block.start, block.end)
        )
        self.spam_score: float = result.spam_score

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            self._lines = [self._line(i, r) for i, r in enumerate(self._result.lines)]
        return self._lines

    def _line_fields(self, i: int, r: _core.LineResult) -> dict[str, Any]:
        return {
            "index": i,
            "start": r.start,
            "end": r.end,
            "text": self._raw[r.start : r.end].decode("utf-8", "replace"),
            "label": r.label,
            "probabilities": r.probabilities,
            "clickbait": r.clickbait,
            "is_clickbait": r.is_clickbait,
            "reasons": list(r.reasons),
        }

    def _line(self, i: int, r: _core.LineResult) -> Line:
        return Line(**self._line_fields(i, r))

    @property
    def labels(self) -> list[str]:
        return self._result.labels

    @property
    def blocks(self) -> list[Block]:
        """Every junk block (maximal run of sidebar or boilerplate lines), in text order."""
        if self._blocks is None:
            self._blocks = [Block(b.kind, b.first_line, b.last_line, b.start, b.end) for b in self._result.blocks]
        return self._blocks

    def clean(self) -> Text:
        """The scored text without its junk lines, as :meth:`Classifier.clean` returns it (same
        type as the input), without scoring again."""
        out = _core.clean_scored(self._raw, self._result)
        return out.decode("utf-8", "surrogatepass") if self._was_str else out

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": [line.to_dict() for line in self.lines],
            "blocks": [b.to_dict() for b in self.blocks],
            "trailing_block": None if self.trailing_block is None else self.trailing_block.to_dict(),
            "spam_score": self.spam_score,
        }

    def to_html(self, id: str = "document", *, title: str = "sidebarspam review") -> str:
        """This document as a self-contained HTML review page (see :mod:`sidebarspam.review`)."""
        from .review import render

        return render([self], [id], title=title)

    def __repr__(self) -> str:
        return f"Document(lines={len(self.labels)}, trailing_block={self.trailing_block!r}, spam_score={self.spam_score:.3f})"


@dataclass(frozen=True)
class HtmlLine(Line):
    """A line of a page read from HTML: a :class:`Line` plus where it is in the DOM.

    ``dom_path`` is the element chain at the line's first text ("html > body > div#main > p");
    ``dom`` the DOM features: ``chars``, ``link_chars`` (of them inside links), ``links``,
    ``block_tag``, ``depth``, ``inside`` (names of the nav/aside/footer/header/article/main/form
    elements around it), ``list_length`` and ``list_position`` (for an ``li``) and
    ``class_tokens`` (class/id words of its ancestors, innermost first)."""

    dom_path: str = ""
    dom: dict[str, Any] = field(default_factory=dict)


def _dom_dict(dom: _core.DomFeatures) -> dict[str, Any]:
    return {
        "chars": dom.chars,
        "link_chars": dom.link_chars,
        "links": dom.links,
        "block_tag": dom.block_tag,
        "depth": dom.depth,
        "inside": [name for name, bit in _core.DOM_INSIDE if dom.inside & bit],
        "list_length": dom.list_length,
        "list_position": dom.list_position,
        "class_tokens": list(dom.class_tokens),
    }


class HtmlDocument(Document):
    """Result of scoring one HTML page: a :class:`Document` over the page's lines (``text``:
    the lines the HTML front end made, each followed by "\\n"; offsets are into its UTF-8
    bytes), whose ``lines`` are :class:`HtmlLine` objects with their DOM path, plus the
    ``encoding`` the bytes were decoded with and why (``encoding_source``: "bom", "utf-8",
    "meta", "default", "option") and ``truncated`` (input over the size or depth limit).
    ``clean()`` is the article as text."""

    __slots__ = ("_page", "_result_html", "encoding", "encoding_source", "truncated")

    def __init__(self, scored: _core.HtmlScoreResult) -> None:
        page = scored.page
        super().__init__(page.text, scored.result, True)
        self._page = page
        self._result_html = scored
        self.encoding: str = page.encoding
        self.encoding_source: str = page.encoding_source
        self.truncated: bool = page.truncated

    @property
    def text(self) -> str:
        """The page as lines of text (what was scored)."""
        return self._raw.decode("utf-8", "replace")

    def clean_text(self) -> str:
        """The article as text (``clean()`` of a page is always ``str``)."""
        return _core.clean_html_scored(self._result_html).decode("utf-8", "replace")

    @property
    def dom_paths(self) -> list[str]:
        return [line.dom_path for line in self._page.lines]

    def _line(self, i: int, r: _core.LineResult) -> Line:
        h = self._page.lines[i]
        return HtmlLine(**self._line_fields(i, r), dom_path=h.dom_path, dom=_dom_dict(h.dom))

    @property
    def html_lines(self) -> list[HtmlLine]:
        """``lines``, typed as the :class:`HtmlLine` objects they are."""
        return [line for line in self.lines if isinstance(line, HtmlLine)]

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["encoding"] = self.encoding
        out["encoding_source"] = self.encoding_source
        out["truncated"] = self.truncated
        return out

    def __repr__(self) -> str:
        return (
            f"HtmlDocument(lines={len(self.labels)}, encoding={self.encoding!r}, "
            f"trailing_block={self.trailing_block!r}, spam_score={self.spam_score:.3f})"
        )


def _to_bytes(text: Text) -> bytes:
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"text must be str or bytes, not {type(text).__name__}")


class SiteMemory:
    """What each site repeats across its pages (see ``src/sidebarspam/site_memory.h``).

    Counts, per site key (host, domain or source id: your choice), in how many of the site's
    last ``window_pages`` pages each normalised line occurred. Pass it with a site to
    :meth:`Classifier.score` / :meth:`Classifier.score_batch`: lines seen on other pages of
    the site become a model feature (for a model trained with site memory) and the reason
    ``site_seen:N``, and the page is recorded. Bounded (``max_sites`` sites, least recently
    used dropped; ``max_lines_per_site`` lines each), thread-safe, mergeable, saveable.
    """

    def __init__(self, max_sites: int | None = None, max_lines_per_site: int | None = None,
                 window_pages: int | None = None) -> None:
        # None = the C++ default (SiteMemoryOptions in site_memory.h).
        given = {"max_sites": max_sites, "max_lines_per_site": max_lines_per_site, "window_pages": window_pages}
        self._core = _core.SiteMemory(**{k: v for k, v in given.items() if v is not None})

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteMemory:
        """A memory saved with :meth:`save`; SidebarspamError if the file is corrupt."""
        memory = cls.__new__(cls)
        memory._core = _core.SiteMemory.load(os.fspath(path))
        return memory

    def save(self, path: str | os.PathLike[str]) -> None:
        self._core.save(os.fspath(path))

    def merge(self, other: SiteMemory) -> None:
        """Add another worker's pages and counts."""
        self._core.merge(other._core)

    def count(self, site: str, line: Text) -> int:
        """In how many recent pages of ``site`` this line (normalised) occurred."""
        return self._core.count(site, line)

    def add_page(self, site: str, lines: Sequence[Text]) -> None:
        """Record a page's lines without scoring it (e.g. to warm up from an old crawl)."""
        self._core.add_page(site, list(lines))

    @property
    def num_sites(self) -> int:
        return self._core.num_sites

    @property
    def num_lines(self) -> int:
        return self._core.num_lines

    @property
    def options(self) -> dict[str, int]:
        c = self._core
        return {"max_sites": c.max_sites, "max_lines_per_site": c.max_lines_per_site, "window_pages": c.window_pages}


def _memory_args(
    n: int, sites: Sequence[str] | None, memory: SiteMemory | None
) -> tuple[list[str], _core.SiteMemory | None]:
    if memory is None:
        if sites is not None:
            raise ValueError("sites given without a memory")
        return [], None
    if sites is None:
        raise ValueError(f"a memory needs one site per text (no sites for {n} texts)")
    return list(sites), memory._core  # a list of another length: the C++ score_batch refuses it


Options = _core.Options
Options.__doc__ = """Scoring options, immutable; every field and its default comes from the C++
``sidebarspam::Options`` (``Options.fields()`` lists name, type, default and help).

>>> sidebarspam.Options(body_margin=2.0)          # remove less article text, keep more junk
>>> opts.replace(structure_weight=0.0)            # a copy with one field changed
"""


def _path(path: str | os.PathLike[str] | None) -> str | None:
    return None if path is None else os.fspath(path)


@dataclass(frozen=True)
class ClassifierSpec:
    """Which model files to load and with which :class:`Options`: the arguments of
    :class:`Classifier` as a hashable, picklable value (what the Spark and datatrove
    integrations ship to their workers; ``spec.load()`` there).

    ``model_dir`` (None = the bundled model) gives every file its default name there
    (``ModelPaths::InDirectory`` in C++ decides the names); a path given here overrides that
    file. A ``clickbait_model`` given by path comes without the directory's Korean model and
    calibration unless ``clickbait_model_ko`` / ``clickbait_calibration`` are given too;
    ``clickbait_model=""`` turns clickbait scoring off. The page structure and the manifest
    (``model.json``) are read from beside the line model. Paths are resolved where the spec
    is loaded, so on a cluster they must exist on the workers.
    """

    model_dir: str | None = field(default=None, metadata={"help": (
        "directory with lines.ftz, lines.structure.tsv, model.json, rules.tsv, clickbait.ftz, clickbait-ko.ftz, "
        "clickbait-calibration.tsv (default: the bundled model)")})
    line_model: str | None = field(default=None, metadata={"help": (
        "line model file, with its lines.structure.tsv and model.json beside it (overrides the directory's)")})
    rules: str | None = field(default=None, metadata={"help": "rules file (overrides the directory's)"})
    clickbait_model: str | None = field(default=None, metadata={"help": (
        "clickbait model file (then without the directory's Korean model and calibration); '' = no clickbait "
        "scores")})
    clickbait_model_ko: str | None = field(default=None, metadata={"help": "Korean clickbait model file"})
    clickbait_calibration: str | None = field(default=None, metadata={"help": "clickbait calibration file"})
    html_model_dir: str | None = field(default=None, metadata={"help": (
        "directory of the line model that labels pages read from HTML (default: the model directory's html/, "
        "unless a line model is given by path; '' = the line model labels HTML pages too)")})
    options: Options = field(default_factory=Options)

    def __post_init__(self) -> None:
        if not isinstance(self.options, Options):
            raise TypeError(f"options must be sidebarspam.Options, not {type(self.options).__name__}")

    def model_paths(self) -> _core.ModelPaths:
        """The C++ ModelPaths this spec stands for."""
        paths = _core.ModelPaths.in_directory(self.model_dir if self.model_dir is not None else default_model_dir())
        if self.line_model is not None:
            paths.line_model = self.line_model
            paths.structure = ""  # beside the given line model (ModelPaths::StructurePathFor)
            paths.manifest = ""   # likewise (ModelPaths::ManifestPathFor)
            paths.html_model_dir = ""  # the directory's HTML model belongs with the directory's line model
        if self.html_model_dir is not None:
            paths.html_model_dir = self.html_model_dir
        if self.rules is not None:
            paths.rules = self.rules
        if self.clickbait_model is not None:
            # The Korean model and the calibration belong with the directory's clickbait model.
            paths.clickbait_model = self.clickbait_model
            paths.clickbait_model_ko = paths.clickbait_calibration = ""
        if paths.clickbait_model == "":
            paths.clickbait_model_ko = paths.clickbait_calibration = ""
        else:
            if self.clickbait_model_ko is not None:
                paths.clickbait_model_ko = self.clickbait_model_ko
            if self.clickbait_calibration is not None:
                paths.clickbait_calibration = self.clickbait_calibration
        return paths

    def load(self) -> Classifier:
        return Classifier.from_spec(self)


class Classifier:
    """A loaded model. Safe to share between threads; batch calls release the GIL.

    With no arguments the bundled default model is used; the arguments are those of
    :class:`ClassifierSpec` (which files, and ``options``). Raises :class:`SidebarspamError`
    (a ``ValueError``) when a file is missing or corrupt, a rule does not compile, or the files
    do not match the model's manifest (``model.json``: another rules file, a model trained
    with another feature format).
    """

    def __init__(
        self,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        line_model: str | os.PathLike[str] | None = None,
        rules: str | os.PathLike[str] | None = None,
        clickbait_model: str | os.PathLike[str] | None = None,
        clickbait_model_ko: str | os.PathLike[str] | None = None,
        clickbait_calibration: str | os.PathLike[str] | None = None,
        html_model_dir: str | os.PathLike[str] | None = None,
        options: Options | None = None,
    ) -> None:
        self._load(ClassifierSpec(
            model_dir=_path(model_dir), line_model=_path(line_model), rules=_path(rules),
            clickbait_model=_path(clickbait_model), clickbait_model_ko=_path(clickbait_model_ko),
            clickbait_calibration=_path(clickbait_calibration), html_model_dir=_path(html_model_dir),
            options=options if options is not None else Options(),
        ))

    @classmethod
    def from_spec(cls, spec: ClassifierSpec) -> Classifier:
        clf = cls.__new__(cls)
        clf._load(spec)
        return clf

    def _load(self, spec: ClassifierSpec) -> None:
        self.spec = spec
        self.paths = spec.model_paths()
        self._core = _core.Classifier(self.paths, spec.options)

    @property
    def options(self) -> Options:
        return self.spec.options

    @property
    def manifest(self) -> dict[str, Any]:
        """The model's manifest (model.json): feature settings, file digests, and, for models
        trained by ``sidebarspam train``, the training config, data sources and dev metrics."""
        path = self.paths.manifest or _core.ModelPaths.manifest_path_for(self.paths.line_model)
        with open(path, encoding="utf-8") as f:
            manifest: dict[str, Any] = json.load(f)
        return manifest

    def model_inputs(self, text: Text) -> list[str]:
        """The line model's input for each non-blank line (word tokens and pseudo-tokens), as
        training writes it: what the model was shown."""
        return self._core.model_inputs(text)

    def score(self, text: Text, *, site: str | None = None, memory: SiteMemory | None = None) -> Document:
        """Label every line of one article; with ``site`` and ``memory``, as a page of that site
        (what the memory knows about the site's other pages is used, then the page is recorded)."""
        raw = _to_bytes(text)
        if memory is None and site is None:
            return Document(raw, self._core.score(raw), isinstance(text, str))
        sites, core_memory = _memory_args(1, None if site is None else [site], memory)
        return Document(raw, self._core.score(raw, sites[0], core_memory), isinstance(text, str))

    def score_batch(
        self,
        texts: Sequence[Text],
        threads: int = 0,
        *,
        sites: Sequence[str] | None = None,
        memory: SiteMemory | None = None,
    ) -> list[Document]:
        """Score many articles on ``threads`` threads (0 = all cores), without holding the GIL.

        With ``sites`` (one per text) and ``memory``, every page is scored against the memory as
        it was before the batch, then all pages are recorded in order (results do not depend
        on the thread count)."""
        raws = [_to_bytes(t) for t in texts]
        site_list, core_memory = _memory_args(len(raws), sites, memory)
        results = self._core.score_batch(raws, threads, site_list, core_memory)
        return [Document(raw, r, isinstance(t, str)) for t, raw, r in zip(texts, raws, results)]

    def clean(self, text: Text, *, site: str | None = None, memory: SiteMemory | None = None) -> Text:
        """The text without its junk lines; kept lines are byte-identical. Returns the input's type."""
        if memory is None and site is None:
            return self._core.clean(text)
        return self.clean_batch([text], 1, sites=None if site is None else [site], memory=memory)[0]

    def clickbait(self, headline: Text) -> float | None:
        """Calibrated clickbait probability of one headline (0.7 = about 70 % of such headlines
        are clickbait by the labelling rubric), or None without a clickbait model."""
        return self._core.clickbait(headline)

    def clickbait_threshold(self, headline: Text) -> float | None:
        """The score at or above which this headline counts as clickbait: the decision threshold
        of the model that scores it (per language, chosen out-of-fold in training; 0.5 without a
        calibration file), or None without a clickbait model."""
        return self._core.clickbait_threshold(headline)

    def clickbait_cues(self, headline: Text) -> list[str]:
        """The rubric cues that raised the headline's clickbait score ("clickbait:withheld_fact",
        ...), as in the reasons of a scored headline line; [] without a clickbait model."""
        return self._core.clickbait_cues(headline)

    def clean_batch(
        self,
        texts: Sequence[Text],
        threads: int = 0,
        *,
        sites: Sequence[str] | None = None,
        memory: SiteMemory | None = None,
    ) -> list[Text]:
        """``clean`` of many texts on ``threads`` threads (0 = all cores), without the GIL
        (``sites`` and ``memory`` as in :meth:`score_batch`)."""
        site_list, core_memory = _memory_args(len(texts), sites, memory)
        return self._core.clean_batch(texts, threads, site_list, core_memory)

    def clean_many(self, texts: Iterable[Text], batch_size: int = 256, threads: int = 0) -> Iterator[Text]:
        """Yield ``clean(text)`` for each text, scoring ``batch_size`` texts at a time in parallel."""
        from .stream import batched

        for batch in batched(texts, batch_size):
            yield from self.clean_batch(batch, threads)

    def score_html(self, html: Text, *, encoding: str | None = None) -> HtmlDocument:
        """Label the lines of one page given as HTML (bytes as crawled, or already decoded str).

        The page is parsed once (libxml2) and turned into lines, one per block element; bytes
        are decoded by BOM, else as UTF-8 when valid, else by the ``<meta>`` charset, else as
        windows-1252, unless ``encoding`` names one. Any input gives a result."""
        return self.score_html_batch([html], 1, encoding=encoding)[0]

    def score_html_batch(
        self, pages: Sequence[Text], threads: int = 0, *, encoding: str | None = None
    ) -> list[HtmlDocument]:
        """``score_html`` of many pages on ``threads`` threads (0 = all cores), without the GIL."""
        results = self._core.score_html_batch(pages, threads, encoding=encoding or "")
        return [HtmlDocument(r) for r in results]

    def clean_html(self, html: Text, *, encoding: str | None = None) -> str:
        """The article of an HTML page as text: its body lines, each followed by a newline."""
        return self.score_html(html, encoding=encoding).clean_text()

    def clean_html_batch(self, pages: Sequence[Text], threads: int = 0) -> list[str]:
        """``clean_html`` of many pages on ``threads`` threads (0 = all cores)."""
        return [d.clean_text() for d in self.score_html_batch(pages, threads)]

    @property
    def has_clickbait_model(self) -> bool:
        return self._core.has_clickbait_model

    @property
    def uses_line_tokens(self) -> bool:
        """True when the model that labels pages read from HTML (the HTML model, else the line
        model) was trained with DOM tokens: ``score_html`` then feeds it the DOM features of
        each line (with another model, pages read from HTML are scored from their text alone)."""
        return self._core.uses_line_tokens

    @property
    def has_html_model(self) -> bool:
        """True when a separate line model labels pages read from HTML (``html_model_dir``)."""
        return self._core.has_html_model

    @property
    def uses_site_memory(self) -> bool:
        """True when the line model was trained with site-memory features."""
        return self._core.uses_site_memory

    @property
    def rule_hints(self) -> dict[str, str]:
        """Rule id -> hint (body, boilerplate, sidebar, anchor, clickbait) of the loaded rules file."""
        return dict(self._core.rule_hints)
