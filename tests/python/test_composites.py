"""The composite generator: named, seeded layout families built only from the given parts."""

from __future__ import annotations

import re

import pytest

from sidebarspam.composites import FAMILIES, collect_parts, generate
from sidebarspam.data import LabelledDocument


def _doc(id: str, lines: list[tuple[str, str]], family: str | None = None) -> LabelledDocument:
    return LabelledDocument(id=id, group="g", lang="ko", page_type=None, lines=lines, tail=[False] * len(lines),
                            family=family)


# Parts written for this test (no news text): an article with glued sentences, chrome, a byline
# with an e-mail, a copyright line, a list header before a list.
ARTICLES = [
    _doc(f"baram-001_{i}", [
        (f"한빛시 공공자전거 요금 절반으로 {i}", "body"),
        ("한빛일보 | 2026-01-0{i} 00:00".format(i=i % 9 + 1), "boilerplate"),
        ("한빛시가 내년부터 요금을 내린다. 시는 대여소를 두 배로 늘린다. 야간 운영도 자정까지 늘린다.", "body"),
        ("시민단체는 환영했다. 교통국장은 버스와 지하철을 잇겠다고 말했다. 예산은 42억원이다.", "body"),
        ("이용 건수는 240만 건으로 늘었다. 출퇴근 이용이 절반을 차지했다. 시는 안전 교육도 한다.", "body"),
        ("김하늘 기자 sky@hanbit.example", "boilerplate"),
        ("Copyright © 한빛일보. 무단전재 및 재배포 금지.", "boilerplate"),
        ("많이 본 뉴스", "boilerplate"),
        (f"다른 구청도 자전거 요금 인하 검토 {i}", "sidebar"),
        ("공유하기", "boilerplate"),
        ("글자크기 설정", "boilerplate"),
        ("이 기사를 추천합니다 버튼을 누르면 추천이 반영됩니다", "boilerplate"),
    ])
    for i in range(6)
]


def test_every_family_is_deterministic_and_uses_only_given_parts() -> None:
    parts = collect_parts(ARTICLES)
    assert parts.bodies and parts.bylines and parts.copyrights and parts.list_headers
    a = generate(parts, list(FAMILIES), 5, seed=7)
    b = generate(parts, list(FAMILIES), 5, seed=7)
    assert [d.lines for d in a] == [d.lines for d in b]
    assert {d.family for d in a} == set(FAMILIES)
    assert [d.lines for d in generate(parts, list(FAMILIES), 5, seed=8)] != [d.lines for d in a]
    given = {t for d in ARTICLES for t, _ in d.lines}
    sentences = " ".join(given)
    for d in a:
        labels = {l for _, l in d.lines}
        assert labels <= {"body", "boilerplate", "sidebar"}
        assert d.lines[0][1] in ("body", "boilerplate")
        for text, label in d.lines:
            # Every line is a given line, a piece of a given sentence (paragraphs regrouped,
            # decks, list items' values, teaser ledes), or one of the generator's own markers.
            words = [w for w in text.replace("…", " ").replace("...", " ").split() if len(w) > 1]
            known = sum(w.strip("▷▶►☞-·■:.") in sentences for w in words)
            marker = re.fullmatch(r"\d+|\d+(시간전|분 전)|댓글 \d+|2023\.\d\d\.\d\d", text) is not None
            assert text in given or marker or known >= len(words) // 2, (d.family, text)


def test_family_labels_follow_the_layout() -> None:
    parts = collect_parts(ARTICLES)
    for d in generate(parts, ["ranked_fields"], 3, seed=1):
        ranks = [l for t, l in d.lines if t.isdigit()]
        assert ranks and set(ranks) == {"sidebar"}  # rank numbers are part of the list
    for d in generate(parts, ["dialogue_body", "itemised_body"], 3, seed=1):
        turns = [l for t, l in d.lines if " : " in t or ": " in t and t.lstrip("-·■ ").split(":")[0] in
                 ("일시", "장소", "대상", "문의", "주최", "기간", "신청", "내용", "참가비", "주관")]
        assert turns and set(turns) == {"body"}  # transcript turns and itemised facts are the article
    for d in generate(parts, ["title_after_chrome"], 3, seed=1):
        first_body = next(i for i, (_, l) in enumerate(d.lines) if l == "body")
        assert first_body >= 15  # the title comes after the menu


def test_unknown_family_and_missing_parts_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown composite families"):
        generate(collect_parts(ARTICLES), ["nope"], 1, seed=0)
    with pytest.raises(ValueError, match="not enough Korean documents"):
        generate(collect_parts([]), ["teaser_lede"], 1, seed=0)
