"""What an agent does on a live call: after-call work, flag the supervisor / escalate, rate a
knowledge suggestion. After-call work and the flag are app.commands.after_call_work / call_flag
(schema, guard with the call's agent, effect — the server runs the same); here only the
optimistic write and the outbox row, in ONE transaction; bad input raises and writes nothing.

| intent                   | request                                                   |
|--------------------------|-----------------------------------------------------------|
| after-call work          | ``POST /v1/calls/{id}/after-call-work`` (API.md)          |
|                          | ``{summary, disposition, follow_up, callback_at?}``       |
| flag supervisor/escalate | ``POST /v1/calls/{id}/flag`` ``{reason, note,              |
|                          | segment_id?}`` (API.md "Access to objects": call flags)   |
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

from app.commands import COMMANDS, parse, run
from app.commands.after_call_work import Disposition
from app.commands.base import Actor, CallState
from app.commands.call_flag import FlagReason
from app.domain.calls import Call, Categories, PostContactSummary, Segment, Transcript
from app.domain.enums import Action, EntityKind, ParticipantRole, Sentiment
from app.domain.people import User
from app.rules.errors import FieldError, ValidationFailed
from app.services.common import ActionResult, apply_result, load, push, require
from app.store.store import Store
from app.text.labels import LABELS

DISPOSITIONS: dict[str, tuple[str, str]] = {
    d.value: LABELS["Disposition"][d.value] for d in Disposition
}
assert set(DISPOSITIONS) == {d.value for d in Disposition}  # the command's closed list
FLAG_REASONS = tuple(r.value for r in FlagReason)
RELEVANCE = ("HELPFUL", "NOT_HELPFUL")
ACW = COMMANDS["after_call_work"]
FLAG = COMMANDS["call_flag"]


def _err(code: str, ko: str, en: str) -> FieldError:
    return FieldError(code, ko, en)


def _tidy(form: Mapping[str, Any]) -> dict[str, Any]:
    """Text stripped; blank choices / times dropped (the schema reports a missing required one
    as "required", not as a list of raw values)."""
    out: dict[str, Any] = {}
    for name, value in form.items():
        if isinstance(value, str):
            value = value.strip()
        if value is None or (value == "" and name in ("callback_at", "segment_id", "disposition")):
            continue
        out[name] = value
    return out


def _call_state(session: Any, call_id: str) -> CallState:
    call, _version = load(session, EntityKind.CALL, Call, call_id)
    return CallState(call)


def save_after_call_work(
    store: Store, actor: User, call_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.after_call_work: summary, disposition, follow-up, callback; the call →
    ended (optimistically). ``case_id`` of the form links the call locally (not in the body)."""
    tidy = _tidy(form)
    linked = tidy.pop("case_id", None)
    data = parse(ACW.input, tidy)
    with store.transaction() as s:
        result = run(ACW, _call_state(s, call_id), data, Actor.of(actor), now)
        (call,) = result.others
        call.case_id = linked or call.case_id  # the local link only
        apply_result(s, result)
        return push(
            s,
            actor,
            now,
            intent="call.after_call_work",
            path=f"/v1/calls/{call_id}/after-call-work",
            payload=data.wire(),
            form=form,
            kind=EntityKind.CALL,
            entity_id=call_id,
            if_match=None,
            case_id=None,
        )


def flag_supervisor(
    store: Store, actor: User, call_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.call_flag ``{reason, note?, segment_id?}`` → outbox (the alert is the
    server's: nothing changes locally)."""
    data = parse(FLAG.input, _tidy(form))
    with store.transaction() as s:
        run(FLAG, _call_state(s, call_id), data, Actor.of(actor), now)
        return push(
            s,
            actor,
            now,
            intent="call.flag",
            path=f"/v1/calls/{call_id}/flag",
            payload=data.wire(),
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
        lines.append(f"{issue_l}: " + " · ".join(issues[:5]))  # no English-style semicolons
    if categories:
        lines.append(f"{cat_l}: " + ", ".join(categories))
    if customer:
        tally = {s: sum(1 for t in customer if t.Sentiment is s) for s in Sentiment}
        n, z, p = (tally[Sentiment.NEGATIVE], tally[Sentiment.NEUTRAL], tally[Sentiment.POSITIVE])
        lines.append(f"{mood_l}: " + counts.format(n=n, z=z, p=p))
    if agent:
        lines.append(f"{agent_l}: {_clip(agent[-1].Content)}")
    return "\n".join(lines)
