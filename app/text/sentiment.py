"""Korean lexicon sentiment scorer for contact-center utterances (seed 004, Contact Lens style).

The lexicon is ``resources/lexicon/ko_sentiment.tsv``: ``word<TAB>weight`` with weights in
[-1, 1], written in dictionary form. At load time each word is turned into its Kiwi morpheme
sequence (``app.text.korean.morphemes``), so ``화나다`` matches the morphemes ``화 나`` and
``문제없다`` matches ``문제 없``. Matching is greedy, longest sequence first.

Entries written ``=word`` match the *surface* text instead and are cut out of it before the
morpheme analysis: Kiwi drops the prefixes 불- / 무- (``불친절`` → ``친절``), so such words are
caught first. Surface hits are not negated or intensified.

Scoring of one text (the rules, in order, over its morphemes):

1. **Lexicon hits** – every matched word or phrase contributes its weight.
2. **Intensifiers** – 너무, 정말, 진짜, 아주, 매우, 완전, 엄청, 너무나 multiply the *next*
   lexicon hit within two morphemes by 1.5.
3. **Pre-negation** – 안 / 못 directly followed by a light verb ("안 되", "못 하") negate the
   *previous* hit within three morphemes ("도움이 안 돼요"); with no previous hit the phrase
   itself counts as −0.5 ("안 돼요" = it does not work). Otherwise 안 / 못 flip the *next*
   lexicon hit within two morphemes ("안 좋다", "못 믿겠다").
4. **Post-negation** – 않 / 없 flip the *previous* lexicon hit within two morphemes that was not
   already negated ("해결되지 않았어요", "불만 없습니다").
5. A flip turns weight ``w`` into ``-0.8 * w`` (a negated word is weaker than its opposite).
6. The sum ``s`` is squashed into (-1, 1) as ``s / sqrt(s² + 1)``; no hit at all scores 0.

``label``: score ``<= -0.25`` → NEGATIVE, ``>= 0.25`` → POSITIVE, else NEUTRAL. A single
mild word (weight ±0.3) is therefore enough to tip a short utterance; ±0.2 is not.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path

from app.domain.enums import Sentiment
from app.text.korean import morphemes

LEXICON_PATH = Path(__file__).resolve().parents[2] / "resources" / "lexicon" / "ko_sentiment.tsv"

NEGATIVE_THRESHOLD = -0.25
POSITIVE_THRESHOLD = 0.25
INTENSIFIERS = frozenset({"너무", "정말", "진짜", "아주", "매우", "완전", "엄청", "너무나"})
INTENSITY = 1.5
PRE_NEGATORS = frozenset({"안", "못"})
POST_NEGATORS = frozenset({"않", "없"})
LIGHT_VERBS = frozenset({"되", "하"})
FLIP = -0.8
NOT_WORKING = -0.5
WINDOW = 2


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: dict[tuple[str, ...], float]
    max_len: int
    surface: tuple[tuple[str, float], ...] = ()  # longest first

    def cut_surface(self, text: str) -> tuple[str, float, int]:
        """Remove surface entries from ``text``: (rest, summed weight, number of hits)."""
        total, hits = 0.0, 0
        for word, weight in self.surface:
            n = text.count(word)
            if n:
                total += n * weight
                hits += n
                text = text.replace(word, " ")
        return text, total, hits

    def match(self, tokens: list[str], i: int) -> tuple[int, float] | None:
        """Longest entry starting at ``tokens[i]``: (length, weight) or None."""
        for n in range(min(self.max_len, len(tokens) - i), 0, -1):
            weight = self.entries.get(tuple(tokens[i : i + n]))
            if weight is not None:
                return n, weight
        return None


def parse_lexicon(text: str) -> Lexicon:
    entries: dict[tuple[str, ...], float] = {}
    surface: dict[str, float] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, weight = line.partition("\t")
        value = float(weight)
        if not -1.0 <= value <= 1.0:
            raise ValueError(f"lexicon weight out of range: {line!r}")
        word = word.strip()
        if word.startswith("="):
            surface[word[1:]] = value
            continue
        key = tuple(morphemes(word))
        if key:
            entries[key] = value
    ordered = tuple(sorted(surface.items(), key=lambda kv: -len(kv[0])))
    return Lexicon(entries, max((len(k) for k in entries), default=1), ordered)


_lexicon: Lexicon | None = None
_lock = threading.Lock()


def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = parse_lexicon(LEXICON_PATH.read_text(encoding="utf-8"))
    return _lexicon


def raw_sum(tokens: list[str], lex: Lexicon) -> tuple[float, int]:
    """Sum of the (negated / intensified) hits and the number of hits; see the module rules."""
    hits: list[list] = []  # [weight, position, negated]
    flip_until = -1  # pre-negation pending up to this token index
    boost_until = -1
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        found = lex.match(tokens, i)
        if found is not None and not (tok in PRE_NEGATORS or tok in POST_NEGATORS):
            n, weight = found
            negated = False
            if i <= boost_until:
                weight *= INTENSITY
                boost_until = -1
            if i <= flip_until:
                weight *= FLIP
                negated = True
                flip_until = -1
            hits.append([weight, i + n - 1, negated])
            i += n
            continue
        if tok in INTENSIFIERS:
            boost_until = i + WINDOW
        elif tok in PRE_NEGATORS:
            if i + 1 < len(tokens) and tokens[i + 1] in LIGHT_VERBS:
                prev = _previous_hit(hits, i, 3)
                if prev is not None:
                    prev[0] *= FLIP
                    prev[2] = True
                else:  # counts as already negated: a later 않/없 does not flip it back
                    hits.append([NOT_WORKING, i + 1, True])
                i += 2
                continue
            flip_until = i + WINDOW
        elif tok in POST_NEGATORS:
            prev = _previous_hit(hits, i, WINDOW)
            if prev is not None:
                prev[0] *= FLIP
                prev[2] = True
        i += 1
    return sum(h[0] for h in hits), len(hits)


def _previous_hit(hits: list[list], i: int, window: int) -> list | None:
    if hits and not hits[-1][2] and i - hits[-1][1] <= window:
        return hits[-1]
    return None


def score(text: str) -> float:
    """Sentiment of ``text`` in [-1, 1]; 0.0 when no lexicon word occurs."""
    lex = lexicon()
    rest, total, n = lex.cut_surface(text or "")
    more, m = raw_sum(morphemes(rest), lex)
    total, n = total + more, n + m
    if n == 0:
        return 0.0
    return max(-1.0, min(1.0, total / math.sqrt(total * total + 1.0)))


def label(value: float) -> Sentiment:
    """NEGATIVE at or below -0.25, POSITIVE at or above 0.25, NEUTRAL between."""
    if value <= NEGATIVE_THRESHOLD:
        return Sentiment.NEGATIVE
    if value >= POSITIVE_THRESHOLD:
        return Sentiment.POSITIVE
    return Sentiment.NEUTRAL


def sentiment(text: str) -> Sentiment:
    """``label(score(text))``."""
    return label(score(text))
