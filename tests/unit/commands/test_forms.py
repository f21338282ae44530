"""The workstation's forms of the commands (app.commands.forms): the fields each runbook action
requires, checked with the runbook's own dosctl examples (moved from app/rules/action_input)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from app.commands.forms import FORMS, MAX_TEXT, model_of, normalise, require_valid, validate
from app.commands.parse import _choice_enum
from app.domain.enums import Action
from app.rules.errors import ValidationFailed
from app.text.labels import has_label, label_of
from tests.reason_codes import APPROVE_CODE

A = Action
TODAY = date(2025, 11, 3)


# --- the runbook's commands, as a form or dosctl would send them ---------------------------

RUNBOOK: dict[Action, dict[str, Any]] = {
    A.APPROVE: {
        "limit": "30000000",
        "rate": "4.5",
        "conditions": "보증인 필요",
        "note": "소득 안정성 우수, 기존 거래 이력 양호",
        "reason_codes": "CREDIT-APPR-INCOME-001",
    },
    A.DENY: {
        "reason_codes": "CREDIT-DENY-SCORE-001,CREDIT-DENY-DTI-001",
        "note": "신용점수 580 (기준 600 미만), DTI 48% (기준 40% 초과)",
        "improvement_advice": "6개월 후 재신청 권장",
    },
    A.REQUEST_DOCS: {
        "docs": "원천징수영수증,재직증명서,통장사본(최근3개월)",
        "deadline": "2025-11-10",
        "note": "소득 확인을 위해 추가 서류 필요",
    },
    A.ESCALATE: {
        "to": "senior_reviewer",
        "reason": "VIP 고객 고액 대출 (5억원), 모든 조건 우수, 정책 승인 필요",
        "priority": "P0",
        "recommendation": "approve",
        "urgent": "true",
        "note": "승인 권장하나 senior_reviewer 승인 필요",
    },
    A.COMMENT: {"body": "고객과 통화 완료. 최근 이직 확인. 재직증명서 3일 내 제출 예정."},
    A.CLOSE: {"resolution": "승인 완료, 계약 진행 중", "final_decision": "approve"},
    A.NOTIFY_CUSTOMER: {"template": "sla_breach_apology", "eta": "+2h"},
}


@pytest.mark.parametrize("action", list(RUNBOOK))
def test_runbook_examples_are_valid_after_normalising(action: Action) -> None:
    clean = require_valid(action, RUNBOOK[action], TODAY)
    assert validate(action, clean, TODAY) == {}


def test_normalise_reads_cli_strings() -> None:
    approve = normalise(A.APPROVE, RUNBOOK[A.APPROVE])
    assert approve["limit"] == 30_000_000 and approve["rate"] == 4.5
    assert approve["conditions"] == ["보증인 필요"]
    docs = normalise(A.REQUEST_DOCS, RUNBOOK[A.REQUEST_DOCS])
    assert docs["docs"] == ["원천징수영수증", "재직증명서", "통장사본(최근3개월)"]
    assert docs["deadline"] == date(2025, 11, 10)
    esc = normalise(A.ESCALATE, RUNBOOK[A.ESCALATE])
    assert esc["priority"] == "p0" and esc["urgent"] is True
    assert normalise(A.APPROVE, {"limit": "30,000,000", "rate": "5.5%"}) == {
        "limit": 30_000_000,
        "rate": 5.5,
    }
    assert normalise(A.DENY, {"reason_codes": [" A ", "", "A", "B"]}) == {
        "reason_codes": ["A", "B"]
    }
    assert normalise(A.COMMENT, {"body": "  메모  "}) == {"body": "메모"}
    # unreadable values are left for validate to report
    assert normalise(A.APPROVE, {"limit": "3천만"})["limit"] == "3천만"


def test_require_valid_defaults_optional_lists_and_raises_with_field_errors() -> None:
    clean = require_valid(
        A.APPROVE, {"limit": 1, "rate": 3.8, "note": "n", "reason_codes": [APPROVE_CODE]}, TODAY
    )
    assert clean["conditions"] == []
    with pytest.raises(ValidationFailed) as info:
        require_valid(A.DENY, {"note": "x"}, TODAY)
    assert set(info.value.errors) == {"reason_codes", "improvement_advice"}
    assert info.value.code == "validation" and info.value.status == 422
    assert info.value.messages("en")["improvement_advice"] == "Improvement advice: required"


# --- every action's field errors, in both languages -----------------------------------------

CASES: list[tuple[Action, dict[str, Any], str, str, str, str]] = [
    # action, payload, field, code, Korean fragment, English fragment
    (A.APPROVE, {}, "limit", "required", "한도: 필수", "Limit: required"),
    (A.APPROVE, {"limit": 0}, "limit", "out_of_range", "0보다 커야", "greater than 0"),
    (A.APPROVE, {"limit": "30000000"}, "limit", "invalid_type", "정수", "whole number"),
    (A.APPROVE, {"limit": True}, "limit", "invalid_type", "정수", "whole number"),
    (A.APPROVE, {"rate": 30}, "rate", "out_of_range", "30% 미만", "below 30%"),
    (A.APPROVE, {"rate": 0}, "rate", "out_of_range", "0% 초과", "above 0%"),
    (A.APPROVE, {"rate": "high"}, "rate", "invalid_type", "숫자", "number"),
    (A.APPROVE, {"note": "  "}, "note", "required", "필수", "required"),
    (A.APPROVE, {"reason_codes": []}, "reason_codes", "required", "최소 1개", "at least one"),
    (A.APPROVE, {"conditions": "보증인"}, "conditions", "invalid_type", "목록", "list"),
    (A.DENY, {}, "reason_codes", "required", "사유 코드: 필수", "Reason codes: required"),
    (A.DENY, {}, "note", "required", "사유/상세 설명", "Note: required"),
    (A.DENY, {}, "improvement_advice", "required", "개선 방안", "Improvement advice"),
    (A.DENY, {"reason_codes": ["A", " "]}, "reason_codes", "empty_item", "빈 항목", "empty"),
    (A.REQUEST_DOCS, {"docs": []}, "docs", "required", "필요 서류", "Documents"),
    (A.REQUEST_DOCS, {}, "deadline", "required", "제출 기한", "Deadline: required"),
    (A.REQUEST_DOCS, {"deadline": TODAY}, "deadline", "out_of_range", "1~30일", "1-30 days"),
    (
        A.REQUEST_DOCS,
        {"deadline": date(2025, 12, 4)},
        "deadline",
        "out_of_range",
        "2025-12-04",
        "2025-12-04",
    ),
    (A.REQUEST_DOCS, {"deadline": "11월 10일"}, "deadline", "invalid_type", "날짜", "date"),
    (A.REQUEST_DOCS, {}, "note", "required", "사유", "Note"),
    (A.ESCALATE, {}, "to", "required", "대상", "Target: required"),
    (A.ESCALATE, {"to": "qa"}, "to", "invalid_choice", "선임 검토자, 운영 관리자",
     "one of Senior reviewer, Operations admin"),
    (A.ESCALATE, {}, "reason", "required", "에스컬레이션 사유", "Reason: required"),
    (A.ESCALATE, {"priority": "p5"}, "priority", "invalid_choice", "P0, P1", "P0, P1, P2, P3"),
    (A.ESCALATE, {"urgent": "yes"}, "urgent", "invalid_type", "참/거짓", "true or false"),
    (A.COMMENT, {}, "body", "required", "내용: 필수", "Body: required"),
    (A.COMMENT, {"body": "가" * (MAX_TEXT + 1)}, "body", "too_long", "4,000자", "4000"),
    (A.COMMENT, {"body": 42}, "body", "invalid_type", "문자열", "text"),
    (A.CLOSE, {}, "resolution", "required", "처리 결과", "Resolution: required"),
    (A.CLOSE, {"final_decision": "x"}, "final_decision", "invalid_choice", "승인, 거부, 정보 안내",
     "Approve, Deny, Information provided"),
    (A.NOTIFY_CUSTOMER, {}, "template", "required", "템플릿", "Template: required"),
    (A.NOTIFY_CUSTOMER, {"eta": "soon"}, "eta", "invalid_type", "+2h", "+2h"),
    (A.COMMENT, {"body": "x", "to": "p0"}, "to", "unknown_field", "사용하지 않는", "not a field"),
    (A.SUBMIT_APPEAL, {}, "reason", "required", "이의 제기 사유: 필수", "Reason: required"),
    (A.SUBMIT_APPEAL, {"evidence": ["x"] * 21}, "evidence", "too_many", "최대 20개", "at most 20"),
    (A.SUBMIT_APPEAL, {"case_id": "C 1"}, "case_id", "invalid_value", "케이스", "Case"),
    (A.RESOLVE_APPEAL, {"resolution": "x"}, "resolution", "invalid_choice",
     "유지, 번복, 조건부 승인", "Uphold, Overturn, Partial"),
    (A.RESOLVE_APPEAL, {"resolution": "uphold", "message": "m"}, "reason_codes", "required",
     "유지 사유 코드", "reason code"),
    (A.RESOLVE_APPEAL, {"resolution": "overturn", "message": "m"}, "limit", "required", "한도",
     "limit"),
    (A.RESOLVE_APPEAL, {"resolution": "overturn", "message": "m", "limit": 1}, "rate",
     "required", "금리", "rate"),
    (A.RESOLVE_APPEAL, {"resolution": "partial", "message": "m", "limit": 1}, "conditions",
     "required", "조건", "condition"),
    (A.RESOLVE_APPEAL, {"resolution": "partial", "new_decision": "approve"}, "new_decision",
     "invalid_choice", "조건부 승인", "Approve with conditions"),
    (A.RESOLVE_APPEAL, {"limit": 10**13 + 1}, "limit", "out_of_range", "10,000,000,000,000",
     "10,000,000,000,000"),
    (A.AFTER_CALL_WORK, {}, "summary", "required", "통화 요약: 필수", "Summary: required"),
    (A.AFTER_CALL_WORK, {"disposition": "happy"}, "disposition", "invalid_choice",
     "해결, 정보 안내", "one of Resolved, Information provided"),
    (A.AFTER_CALL_WORK, {"callback_at": "1970-01-01T00:00:00Z"}, "callback_at", "out_of_range",
     "2000-01-01", "2000-01-01"),
    (A.AFTER_CALL_WORK, {"callback_at": "내일 오후"}, "callback_at", "invalid_type",
     "시간대가 있는 시각", "zone"),
    (A.AFTER_CALL_WORK, {"callback_at": "2027-06-01T09:00:00+09:00"}, "callback_at",
     "out_of_range", "90일", "90 days"),
    (A.AFTER_CALL_WORK, {"summary": "가" * (MAX_TEXT + 1)}, "summary", "too_long", "4,000자",
     "4000"),
    (A.FLAG_CALL, {"reason": "bored"}, "reason", "invalid_choice", "고객 부정 감정",
     "one of Negative sentiment"),
    (A.FLAG_CALL, {"reason": "escalation", "segment_id": "s" * 201}, "segment_id", "too_long",
     "200자", "200"),
    (A.QA_REVIEW, {"scores": {"procedure": 21}}, "scores.procedure", "out_of_range", "0-20",
     "between 0 and 20"),
    (A.QA_REVIEW, {"scores": {"procedure": 1}}, "scores.judgement", "required", "판단: 필수",
     "Judgement: required"),
    (A.QA_REVIEW, {"scores": {"empathy": 5}}, "scores.empathy", "unknown_field", "사용하지 않는",
     "not a field"),
    (A.CHECKPOINT_FEEDBACK, {"signals_reviewed": ["AS-1"]}, "signals_reviewed[0]",
     "invalid_value", "올바른", "valid"),
    (A.CHECKPOINT_FEEDBACK, {"proposal_decisions": [{"proposal_id": "IP-001"}]},
     "proposal_decisions[0].decision", "required", "필수", "required"),
    (A.CHECKPOINT_FEEDBACK, {"user_assessment": {"signal_validity": "maybe"}},
     "user_assessment.signal_validity", "invalid_choice", "확인됨, 이견 있음",
     "one of Confirmed, Disputed"),
    (A.CHECKPOINT_FEEDBACK, {"checkpoint_id": "HC-2026-13-01-001"}, "checkpoint_id",
     "invalid_format", "HC-YYYY-MM-DD-NNN", "HC-YYYY-MM-DD-NNN"),
]  # fmt: skip


@pytest.mark.parametrize(("action", "payload", "field", "code", "ko", "en"), CASES)
def test_field_errors(
    action: Action, payload: dict[str, Any], field: str, code: str, ko: str, en: str
) -> None:
    errors = validate(action, payload, TODAY)
    assert field in errors, errors
    err = errors[field]
    assert err.code == code
    assert ko in err.text("ko"), err.ko
    assert en in err.text("en"), err.en


def test_every_form_action_is_covered_by_the_error_table() -> None:
    covered = {case[0] for case in CASES}
    assert set(FORMS) - covered <= {A.DOCS_RECEIVED, A.ASSIGN, A.REASSIGN, A.NEXT_TASK}


def test_deadline_window_edges() -> None:
    def err(d: date) -> bool:
        return "deadline" in validate(A.REQUEST_DOCS, {"deadline": d}, TODAY)

    assert err(date(2025, 11, 3)) and not err(date(2025, 11, 4))
    assert not err(date(2025, 12, 3)) and err(date(2025, 12, 4))


def test_optional_fields_may_be_absent_and_blank_ones_are_dropped() -> None:
    payload = {"to": "ops_admin", "reason": "정책 검토 필요", "impact": "월 50건", "priority": " "}
    clean = require_valid(A.ESCALATE, payload, TODAY)
    assert "priority" not in clean
    assert validate(A.DOCS_RECEIVED, {}, TODAY) == {}


def test_actions_without_a_form_are_not_checked_here() -> None:
    assert validate(A.VIEW, {"anything": 1}, TODAY) == {}


CHOICE_FIELDS = [
    (action, f) for action, fields in FORMS.items() for f in fields if f.choices
]  # fmt: skip


@pytest.mark.parametrize(("action", "field"), CHOICE_FIELDS, ids=lambda v: getattr(v, "name", v))
def test_invalid_choice_names_the_choices_by_their_words_not_their_tokens(action, field) -> None:
    """ "must be one of Senior reviewer, Operations admin", never "senior_reviewer, ops_admin":
    every allowed value is named by its label (app/text/labels.py) in both languages."""
    err = validate(action, {field.name: "not-a-choice"}, TODAY)[field.name]
    kind = _choice_enum(model_of(action), field.name).__name__
    assert err.code == "invalid_choice"
    for lang in ("ko", "en"):
        text = err.text(lang)
        for value in field.choices:
            word = label_of(kind, value, lang)
            assert has_label(kind, value), f"{kind}.{value} has no label"
            assert word in text, (lang, word, text)
            if word != value:
                assert not re.search(rf"\b{re.escape(value)}\b", text), (lang, value, text)
