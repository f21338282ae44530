"""Customer identifiers: masking for every screen and every API answer, and redaction of
identifiers spoken on a call (shared/API.md "Customer identifiers"). Pure functions; the server
and the workstation both call these, nothing else masks.

**Masking** (:func:`mask_identifier`): the last 4 digits stay visible, every character before
them becomes ``•`` (separators too, so only the length shows): ``"110-123-456789"`` →
``"••••••••••6789"``. A value with 4 digits or fewer is masked whole. Masking is idempotent: a
value that already holds ``•`` is returned as it is, so a masked document can be stored again.
``customer_id`` is an opaque reference and is not masked (it never encodes a resident or
account number).

**Names on shared screens** (:func:`mask_name`): the first and the last syllable stay, the ones
between become ``*`` (김*훈, 남궁**준); two syllables keep the first (이*); a name with spaces
(``한결커머스 박준형 팀장``) masks each word that looks like a person's name.

Transcript redaction is :mod:`app.rules.pii_redaction` (text) and :mod:`app.rules.pii_segments`
(call segments), re-exported here.
"""

from __future__ import annotations

import re

from app.rules.pii_redaction import KEEP as KEEP  # the last 4 stay visible
from app.rules.pii_redaction import KOREAN_DIGITS as KOREAN_DIGITS
from app.rules.pii_redaction import TAG as TAG
from app.rules.pii_redaction import PiiKind as PiiKind
from app.rules.pii_redaction import Redacted as Redacted
from app.rules.pii_redaction import find_identifiers as find_identifiers
from app.rules.pii_redaction import luhn_valid as luhn_valid
from app.rules.pii_redaction import redact as redact
from app.rules.pii_redaction import remap_offsets as remap_offsets
from app.rules.pii_segments import redact_segment as redact_segment
from app.rules.pii_segments import redact_wire_segment as redact_wire_segment

MASK = "•"


# The identifier fields of a customer document, masked in every answer.
IDENTIFIER_FIELDS: tuple[str, ...] = ("resident_id", "account_id", "phone", "card_number")


# -- masking ----------------------------------------------------------------------------------


def is_masked(value: str | None) -> bool:
    return bool(value) and MASK in str(value)


def mask_identifier(value: str | None) -> str:
    """Keep only the last 4 digits of ``value``; everything before them becomes ``•``."""
    if not value:
        return ""
    value = str(value)
    if MASK in value:
        return value
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) <= KEEP:
        return MASK * len(value)
    keep_from = digits[-KEEP]
    tail = "".join(ch for ch in value[keep_from:] if ch.isdigit())
    return MASK * keep_from + tail


def mask_customer(customer: dict) -> tuple[dict, dict[str, str]]:
    """(the customer document with its identifiers masked, the full values taken out).

    Values that are already masked are left as they are and not returned."""
    out = dict(customer)
    full: dict[str, str] = {}
    for key in IDENTIFIER_FIELDS:
        value = out.get(key)
        if not value or not isinstance(value, str) or is_masked(value):
            continue
        full[key] = value
        out[key] = mask_identifier(value)
    return out, full


_HANGUL_NAME = re.compile(r"^[가-힣]{2,5}$")
_TITLES = frozenset(
    [
        "님",
        "씨",
        "팀장",
        "매니저",
        "책임",
        "과장",
        "부장",
        "차장",
        "대리",
        "사원",
        "주임",
        "선임",
        "수석",
        "대표",
        "이사",
        "실장",
        "고객",
    ]
)


def _mask_word(word: str) -> str:
    if len(word) <= 1:
        return word
    if len(word) == 2:
        return word[0] + "*"
    return word[0] + "*" * (len(word) - 2) + word[-1]


def mask_name(name: str | None) -> str:
    """김지훈 → 김*훈; 이수 → 이*; 누리소프트 오세훈 책임 → 누리소프트 오*훈 책임.

    In a name of several words (company, person, title), only words of 2-4 Hangul syllables
    that are neither a title nor the first of several words (the company) are masked; a single
    word is always masked (Latin names too: keep the first and the last letter)."""
    if not name:
        return ""
    words = str(name).split()
    if len(words) == 1:
        return _mask_word(words[0])
    out = []
    for i, word in enumerate(words):
        person = i > 0 and word not in _TITLES and _HANGUL_NAME.match(word) and 2 <= len(word) <= 4
        out.append(_mask_word(word) if person else word)
    if out == words:  # nothing looked like a person: mask every word but titles
        out = [w if w in _TITLES else _mask_word(w) for w in words]
    return " ".join(out)


def mask_call_id(call_id: str | None) -> str:
    """A raw call id on a shared screen becomes a short reference: ``통화 …a1b2``."""
    if not call_id:
        return ""
    return "…" + str(call_id)[-4:]


# -- shared screens (wall, supervisor views) ----------------------------------------------------

# Roles that work cases or calls see customers' names; a supervisor-only user (the wall, the
# operations views) sees them masked.
FULL_NAME_ROLES = frozenset({"agent", "reviewer", "senior_reviewer", "qa", "ops_admin", "auditor"})
_CALL_ID = re.compile(r"\bcall_[0-9A-Za-z_]+")


def sees_full_names(roles: object) -> bool:
    return any(str(getattr(r, "value", r)) in FULL_NAME_ROLES for r in roles)  # type: ignore[attr-defined]


def shared_subject(alert: dict) -> str:
    """What an alert is about, for a shared screen: the case id; for a call its case id when
    the alert names one, else a short reference (never the raw call id)."""
    entity = str(alert.get("entity") or "")
    subject = str(alert.get("entity_id") or "")
    if entity == "call" or subject.startswith("call_"):
        case_id = alert.get("case_id")
        return str(case_id) if case_id else mask_call_id(subject)
    return subject


def shared_text(text: str) -> str:
    """Free text (an alert's message) for a shared screen: raw call ids shortened, spoken or
    written identifiers redacted."""
    if not text:
        return ""
    text = _CALL_ID.sub(lambda m: mask_call_id(m.group()), str(text))
    return redact(text)[0]
