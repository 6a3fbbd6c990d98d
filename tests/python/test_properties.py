"""Property tests: for any input, clean() plus the removed lines rebuild the input exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sidebarspam

CLF = sidebarspam.Classifier()

# Lines drawn from article-like text, widgets and junk bytes, joined by every kind of break.
line = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["- \"충격\"…배우, 알고보니", "Copyright © 한빛일보. 무단전재 및 재배포 금지.",
                     "시는 예산안을 통과시켰다고 밝혔다.", "", " ", "\ufeff", "\x00", "Share"]),
)
document = st.lists(st.tuples(line, st.sampled_from(["\n", "\r\n", "\r", ""])), max_size=30).map(
    lambda parts: "".join(text + end for text, end in parts)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_clean_and_removed_lines_rebuild_the_input(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    doc = CLF.score(raw)
    position = 0
    kept, removed = [], []
    for i, line_ in enumerate(doc.lines):
        assert line_.start == position  # no gaps, no overlaps
        assert line_.start <= line_.end
        nxt = doc.lines[i + 1].start if i + 1 < len(doc.lines) else len(raw)
        assert line_.end <= nxt
        (kept if line_.label == "body" else removed).append((line_.start, raw[line_.start : nxt]))
        position = nxt
    assert position == len(raw)
    cleaned = CLF.clean(raw)
    assert cleaned == b"".join(chunk for _, chunk in kept)
    rebuilt = b"".join(chunk for _, chunk in sorted(kept + removed))
    assert rebuilt == raw


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_fail(raw: bytes) -> None:
    doc = CLF.score(raw)
    assert sum(1 for _ in doc.lines) == len(doc.lines)
    assert len(CLF.clean(raw)) <= len(raw)
    for line_ in doc.lines:
        assert abs(sum(line_.probabilities.values()) - 1.0) < 1e-3
