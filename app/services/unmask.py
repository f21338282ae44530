"""Unmasking one customer identifier of a case: ``POST /v1/cases/{id}/unmask {field, reason}``.

Online only, and nothing is written on this machine: the full value is returned to the caller
(the case page shows it for ``SHOW_SECONDS`` and forgets it), never stored, logged or queued in
the outbox — an unmask that cannot reach the server simply fails. The server checks the role
again, writes the audit event (who, when, case, field, reason) and rate-limits per user.

``prepare`` is the local guard (role, field, reason) so the form can say what is wrong before
any request; ``unmask`` runs the guard and then ``fetch`` — the sync layer's API call, passed in
so this module stays free of the network (``sync.api.ApiClient.unmask``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from app.domain.enums import Action
from app.domain.people import User
from app.rules.errors import FieldError, ValidationFailed
from app.rules.pii import IDENTIFIER_FIELDS
from app.services.common import require

SHOW_SECONDS = 60
REASON_MAX = 500
Fetch = Callable[[str, str, str], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class UnmaskRequest:
    case_id: str
    field: str
    reason: str


def prepare(actor: User, case_id: str, field: str, reason: str) -> UnmaskRequest:
    """Forbidden unless ``actor`` may unmask; ValidationFailed for an unknown field or a missing
    / too long reason."""
    require(actor, Action.UNMASK)
    errors: dict[str, FieldError] = {}
    if field not in IDENTIFIER_FIELDS:
        errors["field"] = FieldError("choice", "항목을 선택하세요.", "choose an identifier")
    reason = (reason or "").strip()
    if len(reason) < 2:
        errors["reason"] = FieldError(
            "required", "마스킹 해제 사유를 입력하세요.", "give a reason for unmasking"
        )
    elif len(reason) > REASON_MAX:
        errors["reason"] = FieldError(
            "too_long",
            f"사유는 {REASON_MAX}자 이내로 입력하세요.",
            f"at most {REASON_MAX} characters",
        )
    if errors:
        raise ValidationFailed(errors=errors)
    return UnmaskRequest(case_id, field, reason)


async def unmask(fetch: Fetch, actor: User, case_id: str, field: str, reason: str) -> str:
    """The full value of ``field`` of ``case_id`` from the server (see the module docstring)."""
    request = prepare(actor, case_id, field, reason)
    body = await fetch(request.case_id, request.field, request.reason)
    return str(body.get("value") or "")
