"""Sync problems against a real store: a refused action shows the server's reason and the
user's original input; retry writes a new outbox row, draft keeps the input, discard is audited."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.enums import Action, OutboxStatus
from app.domain.people import User
from app.services import task_actions
from app.store.local_models import OutboxRow
from app.store.lookups import get_case
from app.store.outbox import mark_failed
from tests.qt.case.seed import OPEN_CASE, USERS
from tests.qt.data import NOW
from ui.case.page import CasePage
from ui.sync_problems.page import SyncProblemsPage

TYPED = {"body": "고객에게 재연락 예정"}
PROBLEM = {
    "type": "about:blank",
    "title": "Version mismatch",
    "status": 412,
    "code": "version_mismatch",
    "detail": "task T-100 is at version 3, not 1",
}


def refused(store, status=OutboxStatus.CONFLICT, problem=PROBLEM) -> int:
    user = User("reviewer1", "reviewer1", roles=USERS["reviewer1"])
    result = task_actions.comment(store, user, "T-100", TYPED, NOW)
    with store.transaction() as s:
        mark_failed(s, result.outbox_id, status, problem, None, NOW)
    return result.outbox_id


def rows(store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())


def make_page(qtbot, make_context, lang="en") -> SyncProblemsPage:
    page = SyncProblemsPage(make_context("reviewer1", lang))
    qtbot.addWidget(page)
    return page


def test_lists_the_refusal_with_the_reason_and_the_original_input(
    qtbot, qtmodeltester, make_context, seeded
):
    empty = make_page(qtbot, make_context)
    assert empty.table.isHidden() and not empty.empty.isHidden()
    refused(
        seeded,
        OutboxStatus.REJECTED,
        {**PROBLEM, "status": 422, "title": "Validation", "errors": {"body": "too long"}},
    )
    page = make_page(qtbot, make_context)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 1)) == "Comment"  # the action in words
    assert page.model.data(page.model.index(0, 3)) == "Not applied"  # the glossary's word
    assert page.reason.value("Title") == "Validation"
    assert page.reason.value("Detail") == PROBLEM["detail"]
    assert page.field_errors.value("Body") == "too long"
    assert page.user_input.value("Body") == TYPED["body"]


def test_retry_creates_a_new_outbox_row(qtbot, make_context, seeded):
    old = refused(seeded)
    page = make_page(qtbot, make_context)
    with qtbot.waitSignal(page.sig_problem_resolved) as done:
        page.retry_button.click()
    assert done.args == ["retry", old]
    first, second = rows(seeded)
    assert first.status == OutboxStatus.DISCARDED.value
    assert second.status == OutboxStatus.PENDING.value and second.user_input == TYPED
    assert second.idempotency_key != first.idempotency_key
    assert page.model.rowCount() == 0


def test_discard_is_recorded_in_the_timeline(qtbot, make_context, seeded):
    old = refused(seeded)
    page = make_page(qtbot, make_context, "ko")
    with qtbot.waitSignal(page.sig_problem_resolved):
        page.discard_button.click()
    assert rows(seeded)[0].status == OutboxStatus.DISCARDED.value
    with seeded.session() as s:
        last = get_case(s, OPEN_CASE).timeline[-1]
    assert last.kind == "sync_discarded" and last.data["outbox_id"] == old
    assert last.data["user_input"] == TYPED


def test_copy_to_draft_opens_the_form_with_the_input(qtbot, make_context, seeded):
    refused(seeded)
    page = make_page(qtbot, make_context)
    with qtbot.waitSignal(page.sig_problem_resolved):
        page.draft_button.click()
    case_page = CasePage(make_context("reviewer1"))
    qtbot.addWidget(case_page)
    case_page.show_case(OPEN_CASE)
    form = case_page.open_action(Action.COMMENT)
    assert form.fields.values() == TYPED


def test_typed_amounts_show_with_their_currency():
    from ui.sync_problems.page import _shown

    assert _shown(120_000_000, "limit", "ko") == "1억 2,000만원"
    assert _shown(120_000_000, "limit", "en") == "₩120,000,000"
    assert _shown(4.5, "rate", "ko") == "4.5%"
    assert _shown("메모", "body", "ko") == "메모"
