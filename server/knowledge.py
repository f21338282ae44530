"""Knowledge search by Korean morphemes (app.text.korean, Kiwi): an in-Python overlap score that
works the same on SQLite and PostgreSQL. Article morphemes are cached by (id, version)."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from app.domain.enums import EntityKind
from app.text.korean import morphemes
from server import storage

_cache: dict[tuple[str, int], tuple[frozenset[str], frozenset[str]]] = {}
_lock = threading.Lock()


def _terms(article: dict) -> tuple[frozenset[str], frozenset[str]]:
    key = (article["id"], int(article.get("version", 1)))
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        title = frozenset(morphemes(article.get("title", "")))
        body = frozenset(morphemes(" ".join([article.get("body", ""), *article.get("tags", [])])))
        hit = (title, body)
        with _lock:
            _cache[key] = hit
    return hit


def score(query_terms: set[str], article: dict) -> float:
    """Share of the query's morphemes found in the article, title hits counting double (0-1)."""
    if not query_terms:
        return 0.0
    title, body = _terms(article)
    points = sum(2.0 if t in title else 1.0 if t in body else 0.0 for t in query_terms)
    return round(min(points / (2.0 * len(query_terms)) * 1.5, 1.0), 4)


def search(session: Session, q: str, limit: int = 10) -> list[dict]:
    terms = set(morphemes(q))
    if not terms:
        return []
    hits = []
    for article in storage.query(session, EntityKind.KNOWLEDGE_ARTICLE):
        value = score(terms, article)
        if value > 0:
            hits.append({**article, "score": value})
    hits.sort(key=lambda a: (-a["score"], a["id"]))
    return hits[:limit]
