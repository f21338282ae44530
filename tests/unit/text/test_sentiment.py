"""Korean lexicon sentiment (app.text.sentiment) on real customer-service sentences."""

from __future__ import annotations

import pytest

from app.domain.enums import Sentiment
from app.text.sentiment import label, lexicon, parse_lexicon, score, sentiment


@pytest.mark.parametrize(
    "text",
    [
        "정말 감사합니다, 덕분에 해결됐어요",
        "친절하게 설명해 주셔서 고마워요",
        "문제없습니다, 이제 잘 됩니다",
        "불만은 없습니다",
        "기다려 주셔서 감사합니다",
    ],
)
def test_positive_sentences(text: str) -> None:
    assert sentiment(text) is Sentiment.POSITIVE, score(text)


@pytest.mark.parametrize(
    "text",
    [
        "진짜 너무 화가 나네요. 최악이에요",
        "왜 이렇게 늦어요? 짜증나서 해지할래요",
        "문제가 해결되지 않았어요",
        "전혀 도움이 안 됩니다",
        "인터넷이 안 돼요",
        "상담원이 너무 불친절해요",
        "좋지 않네요",
        "한 시간째 기다리고 있어요. 금감원에 민원 넣겠습니다",
    ],
)
def test_negative_sentences(text: str) -> None:
    assert sentiment(text) is Sentiment.NEGATIVE, score(text)


@pytest.mark.parametrize(
    "text",
    [
        "대출 한도를 올리고 싶어요",
        "네, 확인해 보겠습니다",
        "불편을 드려 죄송합니다",
        "5억 원 이상 대출이 가능한가요?",
        "계좌번호 끝자리 네 자리를 말씀해 주세요",
        "",
    ],
)
def test_neutral_sentences(text: str) -> None:
    assert sentiment(text) is Sentiment.NEUTRAL, score(text)


def test_negation_flips_in_both_directions() -> None:
    assert score("좋아요") > 0 > score("안 좋아요")
    assert score("해결됐어요") > 0 > score("해결되지 않았어요")
    assert score("불만이 있어요") < 0 < score("불만이 없어요")


def test_intensifier_strengthens() -> None:
    assert score("정말 너무 짜증나요") < score("짜증나요") < 0
    assert score("진짜 감사합니다") > score("감사합니다") > 0


def test_score_is_bounded_and_labels_follow_thresholds() -> None:
    text = "최악 최악 최악 짜증 화나 불만 해지 먹통 엉망 형편없어요"
    assert -1.0 <= score(text) < -0.9
    assert label(-0.25) is Sentiment.NEGATIVE
    assert label(-0.24) is Sentiment.NEUTRAL
    assert label(0.25) is Sentiment.POSITIVE
    assert label(0.0) is Sentiment.NEUTRAL


def test_shipped_lexicon_has_a_few_hundred_entries_in_range() -> None:
    lex = lexicon()
    total = len(lex.entries) + len(lex.surface)
    assert total >= 200
    weights = [*lex.entries.values(), *(w for _, w in lex.surface)]
    assert all(-1.0 <= w <= 1.0 for w in weights)
    assert sum(w > 0 for w in weights) > 50 and sum(w < 0 for w in weights) > 100


def test_parse_lexicon_rejects_out_of_range_weight() -> None:
    with pytest.raises(ValueError):
        parse_lexicon("최악\t-1.5\n")
    parsed = parse_lexicon("# comment\n=불친절\t-0.8\n화나다\t-0.9\n")
    assert parsed.surface == (("불친절", -0.8),)
    assert len(parsed.entries) == 1
