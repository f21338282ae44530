"""The case page shows words, names and Korean formats, never raw values (issue 24)."""

from __future__ import annotations

from app.domain.cases import Application, Case, Customer, DecisionContext, Task
from app.domain.enums import CaseStatus, CustomerTier, Priority, TaskStatus, TaskType
from ui.inbox.columns import status_label
from widgets import case_sections as sections

CASE = Case(
    "C-1",
    "D-1",
    Priority.P1,
    CaseStatus.PENDING,
    "credit_review",
    Customer("CU-1", "홍길동", CustomerTier.MSP),
    Application(120_000_000, product="business_loan"),
    DecisionContext(automatic_decision="refer"),
    decided_by="u_gone",
)


def test_case_header_and_inbox_share_the_status_words(lang_ko):
    for status in CaseStatus:
        assert sections.status_text(status.value) == status_label(status.value)
    assert sections.status_text("pending") == "검토 중"


def test_sections_show_words_names_and_amounts_in_korean(lang_ko):
    rows = dict(sections.application_rows(CASE, korean=True))
    assert rows["상품"] == "사업자대출"  # not business_loan
    assert rows["금액"] == "1억 2,000만원 (120,000,000원)"
    assert dict(sections.decision_rows(CASE))["자동 결정"] == "심사 회부"  # not refer
    assert dict(sections.customer_rows(CASE))["등급"] == "MSP"
    outcome = dict(sections.outcome_rows(CASE, {}, "ko"))
    assert outcome["결정자"] == "알 수 없는 사용자"  # never the raw user id
    task = Task("T-1", "C-1", TaskType.REVIEW, TaskStatus.ASSIGNED, "credit_review", Priority.P1)
    task.assignee_id = "u_reviewer2"
    (row,) = sections.task_rows([task], {"u_reviewer2": "최유나"})
    assert row[1] == "검토 · 할당됨 · 최유나"


def test_sections_in_english():
    rows = dict(sections.application_rows(CASE, korean=False))
    assert rows["Product"] == "Business loan"
    assert rows["Amount"] == "₩120,000,000"
    assert sections.status_text("awaiting_docs") == "Awaiting docs"


def test_action_choices_read_as_words(lang_ko):
    from ui.case.actions import choice_text

    assert choice_text("senior_reviewer") == "선임 검토자"
    assert choice_text("info_provided") == "정보 안내"
    assert choice_text("p1") == "P1"
