"""What an agent does on a live call: after-call work, flag the supervisor / escalate, rate a
knowledge suggestion. Same shape and guarantees as app.services.task_actions: validate, check
access, write the optimistic change and the outbox row in ONE transaction, raise and write
nothing on bad input.

| intent                   | request                                                   |
|--------------------------|-----------------------------------------------------------|
| after-call work          | ``POST /v1/calls/{id}/after-call-work`` (API.md)          |
|                          | ``{summary, disposition, follow_up, callback_at?}``       |
| flag supervisor/escalate | ``POST /v1/calls/{id}/flag`` ``{reason, note,              |
|                          | segment_id?}`` — NOT in API.md yet (asked of the lead)    |
| suggestion feedback      | ``POST /v1/knowledge/{article_id}/feedback`` ``{call_id,   |
|                          | recommendation_id?, relevance: HELPFUL|NOT_HELPFUL}`` —   |
|                          | NOT in API.md yet (Amazon Q in Connect PutFeedback)       |

Calls take no ``If-Match`` (API.md lists it for tasks, cases, appeals, checkpoints and approvals
only; the simulator bumps a live call's version on every state change). The linked case of the
after-call work is kept locally (``user_input`` and the call's ``case_id``) but is not part of
the API.md body. ``draft_summary`` builds the summary from the transcript when the server sent
no ``PostContactSummary``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from app.domain.calls import Call, Categories, PostContactSummary, Segment, Transcript
from app.domain.enums import Action, CallState, EntityKind, ParticipantRole, Sentiment
from app.domain.people import User
from app.domain.wire import format_time
from app.rules.errors import FieldError, InvalidTransition, ValidationFailed
from app.services.common import ActionResult, Conflict, load, push, require, save
from app.store.store import Store

MAX_TEXT = 10_000
DISPOSITIONS: dict[str, tuple[str, str]] = {
    "resolved": ("해결", "Resolved"),
    "info_provided": ("정보 안내", "Information provided"),
    "callback_scheduled": ("콜백 예약", "Callback scheduled"),
    "escalated": ("상위 이관", "Escalated"),
    "case_opened": ("케이스 생성 요청", "Case requested"),
    "unresolved": ("미해결", "Unresolved"),
}
FLAG_REASONS = ("negative_sentiment", "escalation", "new_case")
RELEVANCE = ("HELPFUL", "NOT_HELPFUL")


def _err(code: str, ko: str, en: str) -> FieldError:
    return FieldError(code, ko, en)


def _text(form: Mapping[str, Any], name: str, errors: dict[str, FieldError]) -> str:
    value = form.get(name) or ""
    if not isinstance(value, str):
        errors[name] = _err("type", "문자열이어야 합니다.", "must be text")
        return ""
    if len(value) > MAX_TEXT:
        errors[name] = _err("too_long", f"{MAX_TEXT}자 이내로 입력하세요.", "too long")
    return value.strip()


def acw_payload(form: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The API.md body of after-call work from the form; ValidationFailed on bad input."""
    errors: dict[str, FieldError] = {}
    known = {"summary", "disposition", "follow_up", "callback_at", "case_id"}
    for name in set(form) - known:
        errors[name] = _err("unknown_field", "알 수 없는 항목입니다.", "unknown field")
    summary = _text(form, "summary", errors)
    follow_up = _text(form, "follow_up", errors)
    disposition = form.get("disposition") or ""
    if disposition not in DISPOSITIONS:
        errors["disposition"] = _err("required", "처리 결과를 선택하세요.", "choose a disposition")
    if not summary and "summary" not in errors:
        errors["summary"] = _err("required", "통화 요약을 입력하세요.", "enter a summary")
    callback = form.get("callback_at")
    if callback is not None and not isinstance(callback, datetime):
        errors["callback_at"] = _err("type", "날짜와 시간이어야 합니다.", "must be a date and time")
    elif isinstance(callback, datetime) and callback <= now:
        errors["callback_at"] = _err(
            "past", "콜백 시각은 지금 이후여야 합니다.", "the callback must be in the future"
        )
    if errors:
        raise ValidationFailed(errors=errors)
    body: dict[str, Any] = {"summary": summary, "disposition": disposition, "follow_up": follow_up}
    if callback is not None:
        body["callback_at"] = format_time(callback)
    return body


def save_after_call_work(
    store: Store, actor: User, call_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """Summary, disposition, follow-up, callback; the call → ended (optimistically)."""
    payload = acw_payload(form, now)
    require(actor, Action.AFTER_CALL_WORK)
    with store.transaction() as s:
        call, _version = load(s, EntityKind.CALL, Call, call_id)
        if call.state is CallState.RINGING:
            raise InvalidTransition(call.state.value, CallState.ENDED.value, via="after_call_work")
        if call.state is CallState.ENDED and call.disposition:
            raise Conflict(
                "이미 통화 후 처리가 저장되었습니다.", "the after-call work is already saved"
            )
        call.summary = payload["summary"]
        call.disposition = payload["disposition"]
        call.follow_up = payload["follow_up"]
        call.callback_at = form.get("callback_at")
        call.case_id = form.get("case_id") or call.case_id
        call.state = CallState.ENDED
        call.ended_at = call.ended_at or now
        save(s, EntityKind.CALL, call)
        return push(
            s,
            actor,
            now,
            intent="call.after_call_work",
            path=f"/v1/calls/{call_id}/after-call-work",
            payload=payload,
            form=form,
            kind=EntityKind.CALL,
            entity_id=call_id,
            if_match=None,
            case_id=None,
        )


def flag_supervisor(
    store: Store, actor: User, call_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{reason: negative_sentiment|escalation|new_case, note?, segment_id?}`` → outbox."""
    reason = form.get("reason")
    if reason not in FLAG_REASONS:
        raise ValidationFailed(
            errors={"reason": _err("required", "사유를 선택하세요.", "choose a reason")}
        )
    errors: dict[str, FieldError] = {}
    note = _text(form, "note", errors)
    if errors:
        raise ValidationFailed(errors=errors)
    require(actor, Action.AFTER_CALL_WORK)
    payload: dict[str, Any] = {"reason": reason, "note": note}
    if form.get("segment_id"):
        payload["segment_id"] = str(form["segment_id"])
    with store.transaction() as s:
        load(s, EntityKind.CALL, Call, call_id)
        return push(
            s,
            actor,
            now,
            intent="call.flag",
            path=f"/v1/calls/{call_id}/flag",
            payload=payload,
            form=form,
            kind=EntityKind.CALL,
            entity_id=call_id,
            if_match=None,
            case_id=None,
        )


def rate_suggestion(
    store: Store, actor: User, call_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{article_id, recommendation_id?, helpful: bool}`` → knowledge feedback outbox row."""
    article_id = str(form.get("article_id") or "")
    if not article_id or not isinstance(form.get("helpful"), bool):
        raise ValidationFailed(
            errors={"helpful": _err("required", "평가를 선택하세요.", "choose helpful or not")}
        )
    require(actor, Action.AFTER_CALL_WORK)
    payload: dict[str, Any] = {
        "call_id": call_id,
        "relevance": RELEVANCE[0] if form["helpful"] else RELEVANCE[1],
    }
    if form.get("recommendation_id"):
        payload["recommendation_id"] = str(form["recommendation_id"])
    with store.transaction() as s:
        load(s, EntityKind.CALL, Call, call_id)
        return push(
            s,
            actor,
            now,
            intent="knowledge.feedback",
            path=f"/v1/knowledge/{article_id}/feedback",
            payload=payload,
            form=form,
            kind=EntityKind.CALL,
            entity_id=call_id,
            if_match=None,
            case_id=None,
        )


# -- the drafted summary (pure) ------------------------------------------------------------------
_LABELS = {
    "ko": (
        "문의",
        "주요 이슈",
        "분류",
        "고객 감정",
        "상담원 안내",
        "부정 {n} · 중립 {z} · 긍정 {p}",
    ),
    "en": (
        "Inquiry",
        "Issues",
        "Categories",
        "Customer sentiment",
        "Agent response",
        "negative {n} · neutral {z} · positive {p}",
    ),
}


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draft_summary(segments: Sequence[Segment], lang: str = "ko") -> str:
    """The server's completed PostContactSummary if any, else a summary built from the turns."""
    for seg in reversed(segments):
        if isinstance(seg, PostContactSummary) and seg.Status == "COMPLETED" and seg.Content:
            return seg.Content
    finals = [s for s in segments if isinstance(s, Transcript)]
    customer = [t for t in finals if t.ParticipantRole is ParticipantRole.CUSTOMER]
    agent = [t for t in finals if t.ParticipantRole is ParticipantRole.AGENT]
    issues: list[str] = []
    for t in customer:
        for issue in t.IssuesDetected:
            off = issue.CharacterOffsets
            text = t.Content[off.BeginOffsetChar : off.EndOffsetChar].strip()
            if text and text not in issues:
                issues.append(text)
    categories: list[str] = []
    for seg in segments:
        if isinstance(seg, Categories):
            categories.extend(c for c in seg.MatchedCategories if c not in categories)
    inquiry, issue_l, cat_l, mood_l, agent_l, counts = _LABELS["en" if lang == "en" else "ko"]
    lines = []
    if customer:
        lines.append(f"{inquiry}: {_clip(customer[0].Content)}")
    if issues:
        lines.append(f"{issue_l}: " + "; ".join(issues[:5]))
    if categories:
        lines.append(f"{cat_l}: " + ", ".join(categories))
    if customer:
        tally = {s: sum(1 for t in customer if t.Sentiment is s) for s in Sentiment}
        n, z, p = (tally[Sentiment.NEGATIVE], tally[Sentiment.NEUTRAL], tally[Sentiment.POSITIVE])
        lines.append(f"{mood_l}: " + counts.format(n=n, z=z, p=p))
    if agent:
        lines.append(f"{agent_l}: {_clip(agent[-1].Content)}")
    return "\n".join(lines)
