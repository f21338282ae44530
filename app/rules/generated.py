"""Reviewing generated content (seed 003: nothing generated is applied without a human's
approval). The client's service and the reference server both decide with these functions, so
they refuse and accept the same ``{decision, note}``.

A decision is ``approve``, ``reject`` or ``request_changes``; a note is required unless the
content is approved with a fact-check that passed (approving despite mismatching figures, or
rejecting / sending back, needs a reason). Only pending content can be decided.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from app.domain.generated import GeneratedContent, GeneratedStatus
from app.rules.errors import FieldError, InvalidTransition, ValidationFailed
from app.text.labels import choice_words

DECISIONS = ("approve", "reject", "request_changes")
STATUS_OF = {
    "approve": GeneratedStatus.APPROVED,
    "reject": GeneratedStatus.REJECTED,
    "request_changes": GeneratedStatus.CHANGES_REQUESTED,
}
AUDIT_ACTION = "generated_decision"


def validate_decision(content: GeneratedContent, decision: str, note: str) -> dict[str, FieldError]:
    """Field errors of a review (empty when it may be applied)."""
    errors: dict[str, FieldError] = {}
    if decision not in DECISIONS:
        ko, en = choice_words(DECISIONS, "generated_decision")
        errors["decision"] = FieldError(
            "invalid_choice",
            f"{ko} 중 하나를 고르세요.",
            f"choose one of: {en}",
        )
    failed_check = content.fact_check is not None and not content.fact_check.passed
    if not note.strip() and (decision != "approve" or failed_check):
        errors["note"] = FieldError(
            "required",
            "사유를 입력하세요 (사실 확인 불일치 승인 포함).",
            "a note is required (also to approve despite fact-check mismatches)",
        )
    return errors


def apply_decision(
    content: GeneratedContent, decision: str, note: str, reviewer_id: str, now: datetime
) -> GeneratedContent:
    """The content after the review; raises ValidationFailed / InvalidTransition (not pending).

    The version is left as it is: the store (or the server) numbers versions."""
    errors = validate_decision(content, decision, note)
    if errors:
        raise ValidationFailed(errors)
    if content.status is not GeneratedStatus.PENDING:
        raise InvalidTransition(content.status, STATUS_OF[decision], via="review")
    return dataclasses.replace(
        content,
        status=STATUS_OF[decision],
        reviewer_id=reviewer_id,
        reviewed_at=now,
        review_note=note.strip(),
        updated_at=now,
    )
