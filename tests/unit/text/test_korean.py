from __future__ import annotations

import sqlite3

from app.text.korean import fts_query, index_text, morphemes


def test_particles_are_split_from_two_syllable_nouns() -> None:
    assert morphemes("대출 한도를 올리고 싶어요")[:2] == ["대출", "한도"]
    assert "금리" in morphemes("금리가 너무 높아요")


def test_fts5_unicode61_over_morphemes_finds_two_syllable_words() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE kb USING fts5(body, tokenize='unicode61')")
    docs = ["대출 한도 상향 절차 안내", "카드 분실 신고 방법", "금리 인하 요구권 신청"]
    for d in docs:
        db.execute("INSERT INTO kb(body) VALUES (?)", (index_text(d),))
    # the trigram tokenizer cannot match a two-syllable query; morphemes can, particles and all
    hits = db.execute("SELECT rowid FROM kb WHERE kb MATCH ?", (fts_query("한도를"),)).fetchall()
    assert hits == [(1,)]
    hits = db.execute("SELECT rowid FROM kb WHERE kb MATCH ?", (fts_query("금리가"),)).fetchall()
    assert hits == [(3,)]


def test_query_without_content_is_empty() -> None:
    assert fts_query("   ") == ""
    assert fts_query("!!!") == ""
