"""Every value of every enum a person can see has a Korean and an English word."""

from __future__ import annotations

import importlib
import pkgutil
import re
from enum import Enum

import app
from app.domain.decisions import WorkflowStatus
from app.domain.enums import ApprovalLevel, CaseStatus, Role
from app.text.labels import (
    LABELS,
    label,
    label_of,
    person_name,
    queue_label,
    user_with_roles,
)

HANGUL = re.compile(r"[가-힣]")
ACRONYM_ONLY = re.compile(r"^[A-Z0-9/ ]+$")  # P0, MSP, VIP, E001 read the same in Korean


def _app_enums() -> list[type[Enum]]:
    found: dict[str, type[Enum]] = {}
    for info in pkgutil.walk_packages(app.__path__, "app."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Enum) and obj.__module__ == info.name:
                found[f"{obj.__module__}.{obj.__name__}"] = obj
    return list(found.values())


def test_the_walk_finds_the_enums_of_every_source():
    names = {e.__name__ for e in _app_enums()}
    assert {"CaseStatus", "ApprovalLevel", "WorkflowStatus", "Disposition", "PiiKind"} <= names


def test_every_enum_value_has_a_korean_and_an_english_label():
    missing, untranslated = [], []
    for enum in _app_enums():
        table = LABELS.get(enum.__name__, {})
        for member in enum:
            pair = table.get(member.value)
            if pair is None or not pair[0] or not pair[1]:
                missing.append(f"{enum.__name__}.{member.name}")
                continue
            ko, en = pair
            if not HANGUL.search(ko) and not ACRONYM_ONLY.match(ko):
                untranslated.append(f"{enum.__name__}.{member.name}: {ko}")
            if ko != en and HANGUL.search(en):
                untranslated.append(f"{enum.__name__}.{member.name}: {en}")
    assert missing == []
    assert untranslated == []


def test_no_label_is_the_raw_value_unless_an_acronym():
    raw = [
        f"{kind}.{value}"
        for kind, table in LABELS.items()
        for value, (ko, en) in table.items()
        if (ko == value or en == value) and not ACRONYM_ONLY.match(value)
    ]
    assert raw == []


def test_words_follow_the_glossary():
    assert label(CaseStatus.PENDING, "ko") == "검토 중"
    assert label(CaseStatus.REJECTED, "ko") == "거부"
    assert label(ApprovalLevel.TEAM_LEAD, "ko") == "팀장급"
    assert label(ApprovalLevel.TEAM_LEAD, "en") == "Team lead"
    assert label(Role.SUPERVISOR, "ko") == "슈퍼바이저"
    assert label(WorkflowStatus.PAUSED_FOR_HITL, "en") == "Paused for approval"
    assert label_of("ApprovalStatus", "REJECTED", "ko") == "거절"
    assert label_of("automatic_decision", "refer", "ko") == "심사 회부"
    assert label_of("product", "credit_loan", "ko") == "신용대출"
    assert label_of("signal_type", "fraud_pattern", "en") == "Fraud pattern"


def test_missing_and_unknown_values():
    assert label(None) == "—"
    assert label_of("CaseStatus", "", "ko") == "—"
    assert label_of("CaseStatus", "brand_new_state", "ko") == "brand_new_state"


def test_queues_and_people_read_as_names():
    assert queue_label("credit_review", "ko") == "여신 심사"
    assert queue_label("credit_review", "en") == "Credit review"
    assert queue_label("night_shift", "ko", {"night_shift": "야간 심사"}) == "야간 심사"
    names = {"u_reviewer2": "최유나"}
    assert person_name("u_reviewer2", names, "ko") == "최유나"
    assert person_name("u_gone", names, "ko") == "알 수 없는 사용자"
    assert person_name("u_gone", names, "en") == "unknown user"
    assert person_name(None, names) == "—"
    assert user_with_roles("박지훈", [Role.REVIEWER], "ko") == "박지훈 (검토자)"
    assert user_with_roles("박지훈", ["reviewer", "qa"], "en") == "박지훈 (Reviewer, QA)"


def test_alert_texts_render_values_as_words():
    from app.rules.alert_text import render

    assert render("docs_overdue", {"deadline": "2026-12-02", "case_id": "C-1"}, "ko") == (
        "서류 제출 기한(2026. 12. 2.)이 지났습니다: C-1"
    )
    assert "MSP 일반 문의 큐" in render("call_queue_breach", {"queue": "msp_general"}, "ko")
    assert render("approval_expired", {"request_id": "AR-1", "hours": 24}, "ko").startswith(
        "승인 요청 AR-1이 24시간"  # the particle agrees with the id (1: 일)
    )


def test_choice_words_find_the_table_of_bare_tokens() -> None:
    from app.text.labels import choice_words, kind_of

    assert kind_of(["uphold", "overturn", "partial"]) == "AppealResolution"
    assert kind_of(["nobody_knows"]) is None
    assert choice_words(["TEAM_LEAD", "EXECUTIVE"]) == ("팀장급, 임원급", "Team lead, Executive")
    assert choice_words(["approve"], "NewDecision") == ("승인", "Approve")
    assert choice_words(["x_y"]) == ("x_y", "x_y")  # unknown: shown as itself, not dropped


def test_the_demo_qa_samples_reason_reads_as_a_word() -> None:
    from app.text.labels import label_of

    # server/demo/scenarios.py samples with "targeted": the QA page showed the token
    assert label_of("qa_sample_reason", "targeted", "ko") == "중점 대상"
    assert label_of("qa_sample_reason", "targeted", "en") == "Targeted"
