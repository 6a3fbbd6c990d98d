"""Private C++ core of sidebarspam. Use the ``sidebarspam`` package instead."""

from typing import Sequence

__version__: str

class SidebarspamError(ValueError): ...

class LineResult:
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def next(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def probabilities(self) -> dict[str, float]: ...
    @property
    def clickbait(self) -> float | None: ...
    @property
    def reasons(self) -> list[str]: ...

class TrailingBlock:
    @property
    def first_line(self) -> int: ...
    @property
    def last_line(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class ScoreResult:
    @property
    def lines(self) -> list[LineResult]: ...
    @property
    def trailing_block(self) -> TrailingBlock | None: ...
    @property
    def spam_score(self) -> float: ...

class Classifier:
    def __init__(
        self,
        line_model: str,
        rules: str,
        clickbait_model: str = "",
        body_margin: float = 1.0,
        switch_penalty: float = 0.5,
        max_line_bytes: int = 4096,
    ) -> None: ...
    def score(self, text: str | bytes) -> ScoreResult: ...
    def score_batch(self, texts: Sequence[str | bytes], threads: int = 0) -> list[ScoreResult]: ...
    def clean(self, text: str | bytes) -> str | bytes: ...
    def clean_batch(self, texts: Sequence[str | bytes], threads: int = 0) -> list[str | bytes]: ...
    def clickbait(self, headline: str | bytes) -> float | None: ...
    @property
    def has_clickbait_model(self) -> bool: ...
    @property
    def rule_hints(self) -> list[tuple[str, str]]: ...

class TrainingConfig:
    rules: str
    max_line_bytes: int
    use_rules: bool
    dim: int
    epoch: int
    lr: float
    word_ngrams: int
    minn: int
    maxn: int
    bucket: int
    min_count: int
    seed: int
    threads: int
    quantize: bool
    cutoff: int
    dsub: int
    def __init__(self) -> None: ...

def train_line_model(
    documents: Sequence[tuple[Sequence[tuple[str, str]], int]], config: TrainingConfig, output: str
) -> None: ...
def train_clickbait_model(
    headlines: Sequence[tuple[str, str, int]], config: TrainingConfig, output: str
) -> None: ...
