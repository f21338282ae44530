"""A local write on one page updates another open page, without a poll: the runner hands the
ids its transaction committed to the bridge, whose change signals reach every page showing
them. Real pages as the window builds them, a real store file, no timers involved (the shared
clock is never started here)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.enums import Action
from tests.qt.case.seed import OPEN_CASE
from ui.case.page import CasePage
from ui.pages import build_page


def test_a_comment_on_the_case_page_updates_the_inbox_row(qtbot, qloop, make_context) -> None:
    context = make_context("reviewer1")
    window = QWidget()
    qtbot.addWidget(window)
    inbox = build_page("inbox", context, window)  # wired to the bridge as in the main window
    row = inbox.model.row_of(OPEN_CASE)
    assert row >= 0 and inbox.model.row_view(row).pending_sync == 0
    case_page = CasePage(context)
    qtbot.addWidget(case_page)
    with qtbot.waitSignal(case_page.sig_case_loaded):
        case_page.show_case(OPEN_CASE)
    form = case_page.open_action(Action.COMMENT)
    form.fields.set_values({"body": "고객과 통화함"})
    with qtbot.waitSignal(context.bridge.sig_cases_changed, timeout=20_000) as changed:
        form.submit_button.click()
    assert OPEN_CASE in changed.args[0]

    def inbox_shows_pending() -> bool:
        r = inbox.model.row_of(OPEN_CASE)
        view = inbox.model.row_view(r) if r >= 0 else None
        return view is not None and view.pending_sync == 1

    qtbot.waitUntil(inbox_shows_pending, timeout=20_000)


def test_an_appeal_resolved_on_the_appeals_page_updates_the_open_case(qtbot, make_context) -> None:
    from tests.qt.case.seed import REJECTED
    from ui.appeals.page import AppealsPage

    context = make_context("senior2")
    case_page = CasePage(context)
    qtbot.addWidget(case_page)
    with qtbot.waitSignal(case_page.sig_case_loaded):
        case_page.show_case(REJECTED)
    before = case_page.case.status
    assert case_page.pending.property("pending") is not True
    appeals = AppealsPage(context)
    qtbot.addWidget(appeals)
    appeals.select_appeal("A-1")  # the appeal of REJECTED
    form = appeals.resolve_form
    form.fields.set_values(
        {"resolution": "overturn", "message": "재심사", "limit": "20,000,000", "rate": "6.5"}
    )
    with qtbot.waitSignal(case_page.sig_case_loaded, timeout=20_000) as reloaded:
        form.submit_button.click()
        # an overturn reverses a decision: confirmed with a summary first (issue 17)
        assert form.confirmation is not None
        form.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert reloaded.args == [REJECTED]  # the case page reloaded on the bridge's signal
    assert case_page.pending.property("pending") is True
    assert case_page.case.status != before


def test_an_appeal_submitted_on_the_case_side_shows_in_the_open_appeals_queue(
    qtbot, make_context
) -> None:
    """The appeals queue updates on the bridge's ``sig_appeals_changed`` from another page's
    write: a second appeals page (another window of the same user) submits, the first lists it."""
    from app.domain.enums import CaseStatus, FinalDecision
    from app.store.apply import apply_changes
    from tests.qt.data import NOW
    from tests.unit.store import builders as b
    from ui.appeals.page import AppealsPage

    context = make_context("reviewer1")
    fresh = b.case("C-106", status=CaseStatus.REJECTED, decided_by="reviewer1")
    fresh.decided_at, fresh.final_decision = NOW, FinalDecision.DENY
    with context.store.transaction() as session:
        apply_changes(session, [b.upsert(fresh)])
    queue = AppealsPage(context)
    qtbot.addWidget(queue)
    before = queue.model.rowCount()
    other = AppealsPage(context)
    qtbot.addWidget(other)
    other.submit_form.fields.set_values({"case_id": "C-106", "reason": "소득 증빙 추가"})
    with qtbot.waitSignal(context.bridge.sig_appeals_changed, timeout=20_000):
        other.submit_form.submit_button.click()
    assert queue.model.rowCount() == before + 1
