"""Asking a decision question (seed 002) from the workstation or dosctl:
``POST /v1/decisions`` ``{query, context}`` through the outbox, so a question asked offline
waits there and is sent when the connection returns (the server answers 202 with the
execution id; the execution arrives through the change feed).

The question is read with the same rule the server uses (app.decisions.decompose, over Kiwi
morphemes) before anything is written: a question without a keyword of the seed's table is
refused here with E001 and the seed's hint, even offline. The org unit and the other
constraints are resolved by the server against its HR graph."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.decisions.decompose import MAX_HORIZON, MAX_QUERY, decompose
from app.decisions.errors import WorkflowError
from app.domain.enums import Action, EntityKind
from app.domain.people import User
from app.rules.errors import FieldError, ValidationFailed
from app.services.common import ActionResult, push, require
from app.store.store import Store

INTENT = "decision.ask"


def ask_payload(form: Mapping[str, Any]) -> dict[str, Any]:
    """The exact body of ``POST /decisions``; FieldErrors (Korean and English) when invalid."""
    errors: dict[str, FieldError] = {}
    query = " ".join(str(form.get("query") or "").split())
    context: dict[str, Any] = {}
    for key in ("org_unit_id", "opportunity_id"):
        value = str(form.get(key) or "").strip()
        if value:
            context[key] = value[:128]
    horizon = form.get("horizon_weeks")
    if horizon not in (None, ""):
        try:
            weeks = int(horizon)
        except (TypeError, ValueError):
            weeks = 0
        if not 1 <= weeks <= MAX_HORIZON:
            errors["horizon_weeks"] = FieldError(
                "out_of_range", f"기간은 1~{MAX_HORIZON}주입니다.", f"1-{MAX_HORIZON} weeks"
            )
        context["horizon_weeks"] = weeks
    if not query:
        errors["query"] = FieldError("required", "질문을 입력하세요.", "enter a question")
    elif len(query) > MAX_QUERY:
        errors["query"] = FieldError(
            "too_long", f"질문은 {MAX_QUERY}자 이내입니다.", f"at most {MAX_QUERY} characters"
        )
    else:
        try:
            decompose(query, context)
        except WorkflowError as exc:
            errors["query"] = FieldError(
                exc.code.value,
                f"{exc.code.value} {exc.ko} ({exc.hint_ko})",
                f"{exc.code.value} {exc.en} ({exc.hint_en})",
            )
    if errors:
        raise ValidationFailed(errors)
    return {"query": query, "context": context}


def decision_ask(store: Store, actor: User, form: Mapping[str, Any], now: datetime) -> ActionResult:
    """Queue the question (outbox row ``decision.ask``); nothing is written when invalid."""
    require(actor, Action.DECISION_ASK)
    payload = ask_payload(form)
    with store.transaction() as session:
        return push(
            session,
            actor,
            now,
            intent=INTENT,
            path="/v1/decisions",
            payload=payload,
            form=form,
            kind=EntityKind.DECISION,
            entity_id=f"ASK-{uuid.uuid4().hex[:12]}",  # the server names the execution
            if_match=None,
            case_id=None,
        )
