"""Full-text search over knowledge articles (FTS5 ``unicode61`` over Kiwi morphemes).

The index holds ``app.text.korean.index_text(title + body)``, so 한도를 is indexed as 한도 and a
query for 한도 (or 한도는) matches; ranking is FTS5's bm25 (lower is better)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.text.korean import fts_query


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: str
    title: str
    category: str
    rank: float  # bm25; lower is more relevant


_SQL = text(
    "SELECT a.id, a.title, a.category, bm25(knowledge_fts) AS rank "
    "FROM knowledge_fts JOIN knowledge_articles a ON a.id = knowledge_fts.article_id "
    "WHERE knowledge_fts MATCH :q ORDER BY rank LIMIT :limit"
)


def search_articles(session: Session, query: str, limit: int = 10) -> list[ArticleHit]:
    """Articles matching any morpheme of ``query``, best first; [] for an empty query."""
    match = fts_query(query)
    if not match:
        return []
    rows = session.execute(_SQL, {"q": match, "limit": limit})
    return [ArticleHit(r.id, r.title, r.category, float(r.rank)) for r in rows]
