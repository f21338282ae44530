"""Korean full-text search over knowledge articles (morphemes in FTS5 unicode61)."""

from __future__ import annotations

from app.store.apply import apply_changes
from app.store.knowledge import search_articles
from app.store.store import Store
from tests.unit.store import builders as b


def _seed(store: Store) -> None:
    with store.transaction() as s:
        apply_changes(
            s,
            b.page(
                b.article("kb_limit", "상담 스크립트", "대출 한도를 올리고 싶어요"),
                b.article("kb_rate", "금리 안내", "변동 금리와 고정 금리의 차이를 설명합니다"),
                b.article("kb_card", "카드 분실", "카드를 잃어버렸을 때 정지 절차"),
            ),
        )


def test_two_syllable_word_with_particle_is_found(store: Store) -> None:
    _seed(store)
    with store.session() as s:
        assert [h.id for h in search_articles(s, "한도")] == ["kb_limit"]
        assert [h.id for h in search_articles(s, "한도는 얼마인가요")] == ["kb_limit"]
        assert [h.id for h in search_articles(s, "금리")] == ["kb_rate"]


def test_ranking_and_empty_queries(store: Store) -> None:
    _seed(store)
    with store.session() as s:
        hits = search_articles(s, "대출 금리 한도")
        assert {h.id for h in hits} == {"kb_limit", "kb_rate"}
        assert hits == sorted(hits, key=lambda h: h.rank)
        assert search_articles(s, "") == []
        assert search_articles(s, "!!!") == []


def test_updated_article_is_reindexed(store: Store) -> None:
    _seed(store)
    with store.transaction() as s:
        apply_changes(s, b.page(b.article("kb_limit", "상담 스크립트", "상환 일정", version=2)))
    with store.session() as s:
        assert search_articles(s, "한도") == []
        assert [h.id for h in search_articles(s, "상환")] == ["kb_limit"]
