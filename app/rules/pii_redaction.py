"""**Transcript redaction** of customer identifiers (shared/API.md "Customer identifiers";
masking is :mod:`app.rules.pii`). :func:`redact`: identifiers spoken on a call are replaced by
``[PII]`` and their character offsets (into the redacted text, pointing at ``[PII]``, end
exclusive) are returned, like Amazon Connect Contact Lens real-time redaction
(``Redaction.CharacterOffsets``).
Digits count as written (``0``-``9``, full-width too) and as read aloud with Sino-Korean digit
words (공/영 0, 일 1, 이 2, 삼 3, 사 4, 오 5, 육/륙 6, 칠 7, 팔 8, 구 9; 빵 as colloquial 0).
Native numbers (하나, 둘, …) are not how Koreans read out digit strings, so they are not
treated as digits (they would only add false hits). Runs of digits join across spaces,
hyphens, dots, slashes and the spoken dash (``에``, ``다시``, ``대시``, ``하이픈``: "공일공에
이팔사육에 …"); a Korean digit word may carry a particle (``칠칠일육입니다``), which stays. A
single-syllable digit word (``이``, ``오`` …) counts only between two other digit words.

A run is redacted as

- ``CARD``: 13-19 digits passing the Luhn check;
- ``RESIDENT_ID``: 13 digits ``YYMMDD`` + a 7th digit 1-8 (주민등록번호 / 외국인등록번호);
- ``PHONE``: 9-12 digits starting with 0, or 7-8 digits said as a 3-4 / 4-4 group (a mobile
  number without 010; not 15xx / 16xx / 18xx, companies' nationwide numbers);
- ``ACCOUNT``: any other run of 10 or more digits;
- in a partial (``Utterance``), also a run of 5 or more digits at the end of the text, since it
  may be the start of one of the above.

Four digits or fewer ("끝자리 6290") are what masking shows anyway and stay. Up to 15 digits
glued to a code (a Latin letter or ``_`` right before or after: ``INC-20261121-0147``,
``call_20261123010000_0007``) are a reference number, not a customer's (unless they read as a
resident number); 16 digits or more are redacted whatever surrounds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

TAG = "[PII]"
KEEP = 4  # four digits or fewer are what masking shows anyway: never redacted


class PiiKind(StrEnum):
    RESIDENT_ID = "resident_id"
    ACCOUNT = "account_id"
    PHONE = "phone"
    CARD = "card_number"


# -- Luhn and resident numbers -----------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _resident_like(digits: str) -> bool:
    if len(digits) != 13:
        return False
    month, day, gender = int(digits[2:4]), int(digits[4:6]), digits[6]
    return 1 <= month <= 12 and 1 <= day <= 31 and gender in "12345678"


# -- transcript redaction ----------------------------------------------------------------------

KOREAN_DIGITS = {
    "공": "0",
    "영": "0",
    "빵": "0",
    "일": "1",
    "이": "2",
    "삼": "3",
    "사": "4",
    "오": "5",
    "육": "6",
    "륙": "6",
    "칠": "7",
    "팔": "8",
    "구": "9",
}
# Particles and endings a spoken digit group may carry; they stay in the text.
_SUFFIXES = sorted(
    (
        "입니다",
        "입니다만",
        "이에요",
        "이예요",
        "예요",
        "이요",
        "이고요",
        "이고",
        "고요",
        "이구요",
        "구요",
        "이며",
        "이랑",
        "랑",
        "하고",
        "에요",
        "요",
        "에",
        "의",
        "은",
        "는",
        "을",
        "를",
        "으로",
        "로",
        "까지",
        "부터",
        "번",
        "번이요",
        "번입니다",
        "번이고",
        "이라고",
        "라고",
        "이라고요",
        "인데요",
        "인데",
        "이니까",
        "이죠",
        "죠",
        "이거든요",
        "이네요",
        "네요",
    ),
    key=len,
    reverse=True,
)
_CONTINUE_SUFFIXES = frozenset({"에", "의"})
_SPOKEN_DASHES = frozenset({"다시", "대시", "하이픈", "에"})
_SEPARATORS = frozenset(" \t\n\r\u00a0-‐‑–—−－./()")
_REP = frozenset({"15", "16", "18"})  # 1588-…, 1644-…: companies' numbers, not a person's
_WORD = re.compile(r"[가-힣]+|[0-9０-９]|[A-Za-z]+|[^\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Digit:
    value: str
    start: int
    end: int
    weak: bool = False  # a single-syllable digit word: counts only between digit words


@dataclass(frozen=True, slots=True)
class Redacted:
    """One redaction: ``begin``/``end`` into the redacted text (end exclusive) and the kind."""

    begin: int
    end: int
    kind: str


def _korean_digits(word: str) -> tuple[str, str] | None:
    """(digits, suffix) when ``word`` is Korean digit syllables plus an optional particle."""
    if all(ch in KOREAN_DIGITS for ch in word):
        return "".join(KOREAN_DIGITS[ch] for ch in word), ""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            head = word[: -len(suffix)]
            if all(ch in KOREAN_DIGITS for ch in head):
                return "".join(KOREAN_DIGITS[ch] for ch in head), suffix
    return None


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _runs(text: str) -> list[list[_Digit]]:
    """Maximal runs of digits (see the module docstring)."""
    runs: list[list[_Digit]] = []
    current: list[_Digit] = []
    for word, start, end in _tokens(text):
        digit: _Digit | None = None
        suffix = ""
        if len(word) == 1 and ("0" <= word <= "9" or "０" <= word <= "９"):
            value = word if word.isascii() else chr(ord(word) - ord("０") + ord("0"))
            digit = _Digit(value, start, end)
        elif "가" <= word[0] <= "힣":
            parsed = _korean_digits(word)
            if parsed is not None:
                digits, suffix = parsed
                digit = _Digit(digits, start, end - len(suffix), weak=len(digits) == 1)
        if digit is not None:
            current.append(digit)  # a run is only ever left open when it may go on
            if suffix and suffix not in _CONTINUE_SUFFIXES:  # a particle ends the number
                _close(runs, current)
                current = []
            continue
        if current and (word in _SEPARATORS or word in _SPOKEN_DASHES):
            continue
        _close(runs, current)
        current = []
    _close(runs, current)
    return runs


def _close(runs: list[list[_Digit]], current: list[_Digit]) -> None:
    """Drop weak digit words at the edges of a run (``이 번호로``), keep the rest."""
    while current and current[0].weak:
        current = current[1:]
    while current and current[-1].weak:
        current = current[:-1]
    if current:
        runs.append(current)


def _groups(run: list[_Digit], text: str) -> list[int]:
    """Digits per spoken / written group: a group ends where a separator or a space is."""
    sizes: list[int] = []
    prev_end = None
    for d in run:
        if prev_end is not None and prev_end == d.start and sizes:
            sizes[-1] += len(d.value)
        else:
            sizes.append(len(d.value))
        prev_end = d.end
    return sizes


def _code_char(ch: str) -> bool:
    return ch == "_" or (ch.isascii() and ch.isalpha())


def _glued(text: str, start: int, end: int) -> bool:
    """Digits that are part of a code (``INC-20261121-0147``, ``call_20261123…_0007``): a Latin
    letter or ``_`` right before (a hyphen between allowed) or right after."""
    before = text[start - 1] if start > 0 else ""
    if before == "-" and start >= 2:
        before = text[start - 2]
    after = text[end] if end < len(text) else ""
    return _code_char(before) or _code_char(after)


def _classify(run: list[_Digit], text: str, partial: bool) -> str | None:
    digits = "".join(d.value for d in run)
    n = len(digits)
    start, end = run[0].start, run[-1].end
    if n >= 16:  # too long for any reference we use: always an identifier
        return PiiKind.CARD.value if n <= 19 and luhn_valid(digits) else PiiKind.ACCOUNT.value
    if n == 13 and _resident_like(digits):
        return PiiKind.RESIDENT_ID.value
    if _glued(text, start, end):
        return None  # a reference number (ids embed dates and times), not a customer's
    if n >= 13:
        return PiiKind.CARD.value if luhn_valid(digits) else PiiKind.ACCOUNT.value
    if digits.startswith("0") and 9 <= n <= 12:
        return PiiKind.PHONE.value
    if n >= 10:
        return PiiKind.ACCOUNT.value
    if n in (7, 8) and _groups(run, text) in ([3, 4], [4, 4]) and digits[:2] not in _REP:
        return PiiKind.PHONE.value
    if partial and n > KEEP and not text[end:].strip():
        return PiiKind.ACCOUNT.value  # may be the start of one: the final decides
    return None


_DIGITISH = re.compile("[0-9０-９" + "".join(KOREAN_DIGITS) + "]")


def find_identifiers(text: str, *, partial: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every spoken or written identifier in ``text`` (original offsets)."""
    if not text or len(_DIGITISH.findall(text)) <= KEEP:  # too few digits to hold one
        return []
    out = []
    for run in _runs(text):
        kind = _classify(run, text, partial)
        if kind is not None:
            out.append((run[0].start, run[-1].end, kind))
    return out


def redact(text: str, *, partial: bool = False) -> tuple[str, list[Redacted]]:
    """``text`` with every identifier replaced by ``[PII]`` and where each ``[PII]`` now is."""
    found = find_identifiers(text, partial=partial)
    if not found:
        return text, []
    parts: list[str] = []
    spans: list[Redacted] = []
    pos = 0
    length = 0
    for start, end, kind in found:
        parts.append(text[pos:start])
        length += start - pos
        spans.append(Redacted(length, length + len(TAG), kind))
        parts.append(TAG)
        length += len(TAG)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), spans


def remap_offsets(text: str, begin: int, end: int, *, partial: bool = False) -> tuple[int, int]:
    """Where the range ``begin:end`` of the original ``text`` is in its redacted form (a range
    that overlaps a redaction grows to cover its ``[PII]``)."""
    found = find_identifiers(text, partial=partial)

    def moved(pos: int, is_end: bool) -> int:
        shift = 0
        for start, stop, _kind in found:
            if pos <= start:
                break
            if pos < stop:  # inside a redaction: snap to its tag
                return start + shift + (len(TAG) if is_end else 0)
            shift += len(TAG) - (stop - start)
        return pos + shift

    return moved(begin, False), moved(end, True)
