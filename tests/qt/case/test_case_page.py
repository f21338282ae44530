"""The case page against a real store file: every runbook action's form validates next to the
field in Korean and English and writes its outbox row; disabled actions say why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.commands import forms as action_input
from app.domain.enums import TASK_ACTIONS, Action, Role
from app.rules import access
from app.rules.errors import InvalidTransition
from app.services.case_actions import notify_customer
from app.services.common import today_kst
from app.store.local_models import OutboxRow
from tests.qt.case.seed import BIG, DOCS_CASE, OPEN_CASE, REJECTED
from tests.qt.data import NOW
from tests.unit.store import builders as b
from ui.case.page import CasePage

TODAY = today_kst(NOW)
ADMIN = b.user("admin1", Role.OPS_ADMIN)
VALID = {
    Action.APPROVE: {
        "limit": "30,000,000",
        "rate": "4.5",
        "note": "소득 확인",
        "reason_codes": "CREDIT-APPR-INCOME-001, CREDIT-APPR-DTI-001",
    },
    Action.DENY: {
        "reason_codes": "CREDIT-DENY-SCORE-001",
        "note": "DTI 초과",
        "improvement_advice": "부채 상환 후 재신청",
    },
    Action.REQUEST_DOCS: {
        "docs": "재직증명서, 소득금액증명원",
        "deadline": (TODAY + timedelta(days=7)).isoformat(),
        "note": "7일 내 제출",
    },
    Action.ESCALATE: {"to": "senior_reviewer", "reason": "정책 예외 검토 필요", "urgent": True},
    Action.COMMENT: {"body": "고객과 통화함"},
    Action.DOCS_RECEIVED: {},
    Action.CLOSE: {"resolution": "안내 완료", "final_decision": "info_provided"},
    Action.ASSIGN: {"to": "reviewer2"},
}
CASE_OF = {Action.DOCS_RECEIVED: DOCS_CASE}
PATHS = {
    Action.DOCS_RECEIVED: f"/v1/cases/{DOCS_CASE}/docs-received",
    Action.CLOSE: f"/v1/cases/{OPEN_CASE}/close",
    Action.ASSIGN: f"/v1/cases/{OPEN_CASE}/assign",
}


def make_page(qtbot, make_context, user="reviewer1", lang="en", case_id=OPEN_CASE) -> CasePage:
    page = CasePage(make_context(user, lang))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.sig_case_loaded):
        page.show_case(case_id)
    return page


def outbox(store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("action", list(VALID))
def test_action_form_validates_by_the_field_then_writes_the_outbox_row(
    qtbot, make_context, seeded, action, lang
):
    # task actions by the task's assignee (shared/API.md "Access to objects"); case actions by
    # the ops admin (assign is ops_admin's; close needs the customer notified first: 종료 조건)
    user = "reviewer1" if action in TASK_ACTIONS else "admin1"
    if action is Action.CLOSE:
        notify_customer(seeded, ADMIN, OPEN_CASE, {"template": "info_notice"}, NOW)
    page = make_page(qtbot, make_context, user, lang, CASE_OF.get(action, OPEN_CASE))
    form = page.open_action(action)
    assert form is not None and page.current_form() is form
    assert list(form.fields.rows) == [f.name for f in action_input.fields_of(action)]
    expected = action_input.validate(action, {}, TODAY)
    before = [r.intent for r in outbox(seeded)]
    if expected:
        with qtbot.waitSignal(form.sig_form_refused):
            form.submit_button.click()
        for name, error in expected.items():
            assert form.fields.error_of(name) == error.text(lang)
        ko, en = action_input.FIELD_LABELS[next(iter(expected))]
        assert (en if lang == "en" else ko) in form.fields.error_of(next(iter(expected)))
        assert [r.intent for r in outbox(seeded)] == before
    form.fields.set_values(VALID[action])
    with qtbot.waitSignal(form.sig_action_submitted, timeout=20_000) as done:
        form.submit_button.click()
        if action is Action.CLOSE:  # irreversible: confirmed with a summary first (issue 17)
            assert not form.busy  # nothing handed to the runner before the confirmation
            assert form.confirmation is not None and page.case.id in form.confirmation.text()
            form.confirmation.button(QMessageBox.StandardButton.Yes).click()
        else:
            assert form.confirmation is None
        assert form.busy  # queued on the runner, not run on the GUI thread
    assert done.args[0] is action and done.args[1].case_id == page.case.id
    row = outbox(seeded)[-1]
    assert row.path == PATHS.get(action, f"/v1/tasks/T-100/actions/{action.value}")
    assert row.status == "pending" and row.user_input == form.fields.values() | row.user_input
    assert page.pending.property("pending") is True
    assert page.current_form() is None


def test_a_refused_submit_keeps_the_input_and_says_why_by_the_field(qtbot, make_context, seeded):
    page = make_page(qtbot, make_context, "reviewer1", "ko")
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    form = page.open_action(Action.APPROVE)
    typed = {
        "limit": "30,000,000",
        "rate": "45",
        "note": "확인",
        "reason_codes": "CREDIT-APPR-SCORE-001",
    }
    form.fields.set_values(typed)
    with qtbot.waitSignal(form.sig_form_refused):
        qtbot.keyClick(
            form.fields.rows["note"].editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert form.fields.error_of("rate") == "금리: 0% 초과 30% 미만이어야 합니다."
    assert form.fields.error_of("limit") == ""
    assert form.fields.values() == {**typed, "reason_codes": ["CREDIT-APPR-SCORE-001"]}
    assert outbox(seeded) == []
    qtbot.keyClick(form.fields.rows["note"].editor, Qt.Key.Key_Escape)
    assert page.current_form() is None


def test_auditor_sees_every_action_disabled_with_the_reason(qtbot, make_context):
    page = make_page(qtbot, make_context, "auditor1", "ko")
    for action, qaction in page.actions_by.items():
        assert not qaction.isEnabled()
        assert not page.buttons[action].isEnabled()
        assert page.buttons[action].toolTip() == access.can(["auditor"], action).text("ko")
    assert page.open_action(Action.APPROVE) is None
    assert page.unmask_button.isHidden()


def test_amount_above_authority_and_wrong_state_disable_with_the_reason(qtbot, make_context):
    page = make_page(qtbot, make_context, "reviewer1", "en", BIG)
    verdict = access.can_act(["reviewer"], Action.APPROVE, amount=150_000_000)
    assert not page.actions_by[Action.APPROVE].isEnabled()
    assert page.buttons[Action.APPROVE].toolTip() == verdict.text("en")
    assert page.actions_by[Action.ESCALATE].isEnabled()
    page.show_case(REJECTED)
    wrong = InvalidTransition("rejected", "approved", via="approve")
    assert page.buttons[Action.APPROVE].toolTip() == wrong.en
    assert "open review task" in page.buttons[Action.COMMENT].toolTip()


def test_shortcuts_are_shown_and_open_the_forms(qtbot, make_context, seeded):
    page = make_page(qtbot, make_context, "reviewer1", "en")
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    for action, key in (("approve", "A"), ("deny", "D"), ("request_docs", "R"), ("comment", "C")):
        assert f"({key})" in page.buttons[Action(action)].text()
    qtbot.keyClick(page, Qt.Key.Key_D)
    assert page.current_form() is page.forms[Action.DENY]
    qtbot.keyClick(page.forms[Action.DENY].fields.rows["note"].editor, Qt.Key.Key_Escape)
    qtbot.keyClick(page, Qt.Key.Key_E)
    assert page.current_form() is page.forms[Action.ESCALATE]
    qtbot.keyClick(page.forms[Action.ESCALATE].fields.rows["reason"].editor, Qt.Key.Key_Escape)
    first = page.case.id
    with qtbot.waitSignal(page.sig_case_loaded) as loaded:
        qtbot.keyClick(page, Qt.Key.Key_J)
    assert loaded.args[0] != first
    with qtbot.waitSignal(page.sig_case_loaded) as back:
        qtbot.keyClick(page, Qt.Key.Key_K)
    assert back.args == [first]


def test_unmask_offers_a_reason_form_to_allowed_roles_and_never_writes_locally(
    qtbot, make_context, seeded
):
    """The store's full account (this seed writes one directly) still shows masked; reviewer,
    senior and ops_admin get the reason form, others no button; without a server connection
    the form says so and nothing is written (no outbox row, no timeline entry)."""
    for user in ("agent1", "qa1", "auditor1"):
        assert make_page(qtbot, make_context, user, "en").unmask_button.isHidden()
    reviewer = make_page(qtbot, make_context, "reviewer1", "en")
    assert "6789" in reviewer.groups["customer"].value("Account")
    assert "110-123" not in reviewer.groups["customer"].value("Account")
    assert not reviewer.unmask_button.isHidden()
    reviewer.unmask_button.click()
    panel = reviewer.unmask_panel
    assert not panel.isHidden()
    panel.show_button.click()  # no reason yet
    assert "reason" in panel.message.text()
    panel.reason.setText("고객 본인 확인 요청")
    with qtbot.waitSignal(panel.sig_failed) as failed:
        panel.show_button.click()
    assert "connection" in failed.args[0]
    assert not panel.value_visible() and outbox(seeded) == []
    assert "110-123" not in reviewer.groups["customer"].value("Account")


def test_timeline_model(qtmodeltester, qtbot, make_context):
    page = make_page(qtbot, make_context)
    assert page.timeline.rowCount() == 2
    qtmodeltester.check(page.timeline)
    kinds = [page.timeline.index(r, 2).data() for r in range(2)]
    assert kinds == ["Comment", "System"]  # words, never the entry's kind token "system"
    korean = make_page(qtbot, make_context, lang="ko").timeline
    assert [korean.index(r, 2).data() for r in range(2)] == ["코멘트", "시스템 기록"]


def test_another_reviewers_task_is_greyed_out_with_the_reason(qtbot, make_context):
    """The page mirrors the commands' object guard: T-100 is reviewer1's, so reviewer2 may not
    act on it (the server would answer 403)."""
    page = make_page(qtbot, make_context, "reviewer2", "ko")
    for action in (Action.APPROVE, Action.DENY, Action.ESCALATE, Action.COMMENT):
        assert not page.actions_by[action].isEnabled()
        assert "reviewer1" in page.buttons[action].toolTip()
    mine = make_page(qtbot, make_context, "reviewer1", "ko")
    assert mine.actions_by[Action.APPROVE].isEnabled()


def test_a_case_asked_for_before_it_synced_opens_when_it_arrives(qtbot, make_context, seeded):
    """``--page case --id`` before the first pull: the page says the case has not arrived and
    opens it by itself when a pull brings it (the bridge's changed-cases signal), no reload."""
    from tests.qt.data import case_wire, upsert_case

    context = make_context("reviewer1", "en")
    page = CasePage(context)
    qtbot.addWidget(page)
    assert page.show_case("C-00777") is False
    assert "has not arrived yet" in page.title.text() and page.case is None
    upsert_case(seeded, case_wire(777))
    with qtbot.waitSignal(page.sig_case_loaded) as loaded:
        context.bridge.sig_cases_changed.emit({"C-00777"})
    assert loaded.args == ["C-00777"] and page.case.id == "C-00777"
    assert "C-00777" in page.title.text() and "arrived" not in page.title.text()
