"""app.services.call_actions: after-call work, flag, suggestion feedback and the drafted
summary, on a real store; each action writes the change and its outbox row together, or
nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.domain.calls import (
    Categories,
    CharacterOffsets,
    IssueDetected,
    PostContactSummary,
    Transcript,
)
from app.domain.enums import CallState, ParticipantRole, Role, Sentiment
from app.domain.people import User
from app.rules.errors import Forbidden, InvalidTransition, ValidationFailed
from app.services import call_actions
from app.services.common import Conflict
from app.store.apply import apply_changes
from app.store.local_models import OutboxRow
from app.store.lookups import get_call

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
AGENT = User("u_agent1", "김하늘", [Role.AGENT])
SUPERVISOR = User("u_supervisor1", "강미래", [Role.SUPERVISOR])


def put_call(store, state: str = "acw") -> None:
    data = {
        "id": "call_1",
        "queue": "general",
        "flow": "general",
        "state": state,
        "customer": {"name": "최서연", "tier": "general", "account_id": "220931574418"},
        "agent_id": "u_agent1",
        "started_at": "2026-11-23T01:00:00Z",
        "version": 4,
    }
    with store.transaction() as s:
        apply_changes(
            s,
            [
                {
                    "seq": 1,
                    "entity": "call",
                    "id": "call_1",
                    "op": "upsert",
                    "version": 4,
                    "data": data,
                }
            ],
        )


def outbox(store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())


def test_after_call_work_writes_the_api_payload_and_the_call(store):
    put_call(store)
    callback = NOW + timedelta(hours=2)
    form = {
        "summary": "연회비 이중 청구 환불 등록",
        "disposition": "callback_scheduled",
        "follow_up": "환불 결과 전화 안내",
        "callback_at": callback,
        "case_id": "C-00042",
    }
    result = call_actions.save_after_call_work(store, AGENT, "call_1", form, NOW)
    (row,) = outbox(store)
    assert row.id == result.outbox_id
    assert (row.method, row.path, row.if_match) == (
        "POST",
        "/v1/calls/call_1/after-call-work",
        None,
    )
    assert row.payload == {
        "summary": "연회비 이중 청구 환불 등록",
        "disposition": "callback_scheduled",
        "follow_up": "환불 결과 전화 안내",
        "callback_at": "2026-11-23T03:30:00Z",
    }
    assert row.user_input["case_id"] == "C-00042"  # kept locally, not in the API body
    with store.session() as s:
        call = get_call(s, "call_1")
    assert call.state is CallState.ENDED and call.disposition == "callback_scheduled"
    assert call.case_id == "C-00042"
    with pytest.raises(Conflict):  # saved once already
        call_actions.save_after_call_work(store, AGENT, "call_1", form, NOW)
    assert len(outbox(store)) == 1


def test_callback_is_optional_and_omitted_from_the_body(store):
    put_call(store)
    form = {"summary": "안내 완료", "disposition": "resolved", "follow_up": ""}
    call_actions.save_after_call_work(store, AGENT, "call_1", form, NOW)
    assert outbox(store)[0].payload == {
        "summary": "안내 완료",
        "disposition": "resolved",
        "follow_up": "",
    }


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"summary": "x", "disposition": ""}, "disposition"),
        ({"summary": "", "disposition": "resolved"}, "summary"),
        ({"summary": "x", "disposition": "resolved", "callback_at": NOW}, "callback_at"),
        ({"summary": "x", "disposition": "resolved", "mood": "bad"}, "mood"),
    ],
)
def test_bad_input_writes_nothing(store, form, field):
    put_call(store)
    with pytest.raises(ValidationFailed) as info:
        call_actions.save_after_call_work(store, AGENT, "call_1", form, NOW)
    assert field in info.value.errors
    assert info.value.messages("ko")[field]
    assert outbox(store) == []


def test_only_agents_do_after_call_work_and_not_on_a_ringing_call(store):
    put_call(store, "ringing")
    form = {"summary": "x", "disposition": "resolved"}
    with pytest.raises(Forbidden):
        call_actions.save_after_call_work(store, SUPERVISOR, "call_1", form, NOW)
    with pytest.raises(InvalidTransition):
        call_actions.save_after_call_work(store, AGENT, "call_1", form, NOW)
    assert outbox(store) == []


def test_flag_and_feedback_rows(store):
    put_call(store, "connected")
    call_actions.flag_supervisor(
        store, AGENT, "call_1", {"reason": "negative_sentiment", "segment_id": "s9"}, NOW
    )
    call_actions.rate_suggestion(
        store,
        AGENT,
        "call_1",
        {"article_id": "KB-CARD-003", "recommendation_id": "R-1", "helpful": False},
        NOW,
    )
    flag, feedback = outbox(store)
    assert (flag.path, flag.payload) == (
        "/v1/calls/call_1/flag",
        {"reason": "negative_sentiment", "note": "", "segment_id": "s9"},
    )
    assert (feedback.path, feedback.payload) == (
        "/v1/knowledge/KB-CARD-003/feedback",
        {"call_id": "call_1", "relevance": "NOT_HELPFUL", "recommendation_id": "R-1"},
    )
    with pytest.raises(ValidationFailed):
        call_actions.flag_supervisor(store, AGENT, "call_1", {"reason": "bored"}, NOW)
    assert len(outbox(store)) == 2


def _t(i, role, text, sentiment=Sentiment.NEUTRAL, issues=()):
    offsets = [IssueDetected(CharacterOffsets(text.find(x), text.find(x) + len(x))) for x in issues]
    return Transcript(
        f"s{i}", role.value.lower(), role, text, i * 1000, i * 1000 + 900, sentiment, offsets
    )


def test_draft_summary_prefers_the_post_contact_summary_else_builds_one():
    turns = [
        _t(0, ParticipantRole.AGENT, "무엇을 도와드릴까요?"),
        _t(
            1,
            ParticipantRole.CUSTOMER,
            "연회비가 두 번 빠져나갔어요.",
            Sentiment.NEGATIVE,
            ["두 번 빠져나갔어요"],
        ),
        Categories(["이중청구"]),
        _t(2, ParticipantRole.AGENT, "환불 요청을 등록하겠습니다."),
    ]
    local = call_actions.draft_summary(turns)
    assert "문의: 연회비가 두 번 빠져나갔어요." in local
    assert "주요 이슈: 두 번 빠져나갔어요" in local
    assert "분류: 이중청구" in local
    assert "부정 1" in local
    assert "상담원 안내: 환불 요청을 등록하겠습니다." in local
    assert "Issues: 두 번 빠져나갔어요" in call_actions.draft_summary(turns, "en")
    server = [*turns, PostContactSummary("서버 요약")]
    assert call_actions.draft_summary(server) == "서버 요약"
    failed = [*turns, PostContactSummary("", "FAILED", "INTERNAL")]
    assert call_actions.draft_summary(failed) == local
