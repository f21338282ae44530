"""Korean morpheme tokenizer (Kiwi) for full-text search and the sentiment lexicon.

SQLite's ``trigram`` tokenizer cannot match two-syllable Korean nouns (한도, 대출, 금리) and
``unicode61`` keeps particles glued on (한도를). So text is split into morphemes by Kiwi
(``kiwipiepy``, model shipped on PyPI, works offline) and only content morphemes are kept; the
result is stored in an FTS5 ``unicode61`` column, and queries go through the same function.

Kiwi takes a few seconds to load its model, so it is loaded once, lazily, and shared.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

# Content tags: nouns, verb / adjective stems, adverbs, roots, foreign words, numbers, hanja.
CONTENT_TAGS = frozenset(
    {
        "NNG",
        "NNP",
        "NNB",
        "NR",
        "NP",
        "VV",
        "VA",
        "MAG",
        "XR",
        "SL",
        "SN",
        "SH",
        "VV-R",
        "VA-R",
        "VV-I",
        "VA-I",
    }
)
# Short negation / intensity markers kept for the sentiment scorer.
FUNCTION_KEEP = frozenset({"안", "못", "않", "없", "너무", "정말", "진짜", "아주"})

_lock = threading.Lock()
_kiwi = None


def _get_kiwi():
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


@lru_cache(maxsize=4096)
def _morphemes_cached(text: str) -> tuple[str, ...]:
    kiwi = _get_kiwi()
    with _lock:
        tokens = kiwi.tokenize(text)
    out: list[str] = []
    for tok in tokens:
        tag = str(tok.tag)
        if tag in CONTENT_TAGS or tok.form in FUNCTION_KEEP:
            out.append(tok.form.lower())
    return tuple(out)


def morphemes(text: str) -> list[str]:
    """Content morphemes of ``text`` in order, lower-cased (한도를 올려 → 한도, 올리)."""
    text = (text or "").strip()
    if not text:
        return []
    return list(_morphemes_cached(text))


def index_text(text: str) -> str:
    """What goes into the FTS5 ``unicode61`` column for ``text``."""
    return " ".join(morphemes(text))


_FTS_SAFE = re.compile(r"[\w]+", re.UNICODE)


def fts_query(text: str, *, mode: str = "OR") -> str:
    """An FTS5 MATCH expression for free text: its morphemes, quoted, joined with OR / AND.

    Returns an empty string when the text has no content morpheme (callers then skip the query).
    """
    terms: list[str] = []
    for m in morphemes(text):
        for piece in _FTS_SAFE.findall(m):
            quoted = '"' + piece.replace('"', '""') + '"'
            if quoted not in terms:
                terms.append(quoted)
    return f" {mode} ".join(terms)


def warm_up() -> None:
    """Load the model now (e.g. on a worker thread at start-up) instead of on first search."""
    morphemes("대출 한도")
