"""Every page's action goes through the operation runner (``ui.runner``): a recording hook of
the real runner (``sig_op_started`` / ``sig_op_finished``) sees each one queued — the click
returns before the service ran, the store write happens on the writer thread — and finished
with success. Real pages over a real store file; one parameter per page action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from app.domain.enums import Action, CaseStatus, FinalDecision
from app.services.common import today_kst
from app.store.apply import apply_changes
from app.store.inbox import InboxFilter
from tests.qt.case.seed import DOCS_CASE, OPEN_CASE
from tests.qt.data import NOW
from tests.unit.store import builders as b
from ui.context import AppContext

TODAY = today_kst(NOW)
CASE_FORMS = {
    Action.APPROVE: {
        "limit": "30,000,000",
        "rate": "4.5",
        "note": "확인",
        "reason_codes": "CREDIT-APPR-INCOME-001",
    },
    Action.DENY: {
        "reason_codes": "CREDIT-DENY-DTI-001",
        "note": "DTI 초과",
        "improvement_advice": "재신청",
    },
    Action.REQUEST_DOCS: {
        "docs": "재직증명서",
        "deadline": (TODAY + timedelta(days=7)).isoformat(),
        "note": "7일 내",
    },
    Action.ESCALATE: {"to": "senior_reviewer", "reason": "정책 예외 검토 필요", "urgent": True},
    Action.COMMENT: {"body": "고객과 통화함"},
    Action.DOCS_RECEIVED: {},
    Action.ASSIGN: {"to": "reviewer2"},
}


def case_action(action: Action) -> tuple[str, Callable]:
    def trigger(qtbot, context: AppContext) -> None:
        from ui.case.page import CasePage

        page = CasePage(context)
        qtbot.addWidget(page)
        page.show_case(DOCS_CASE if action is Action.DOCS_RECEIVED else OPEN_CASE)
        form = page.open_action(action)
        form.fields.set_values(CASE_FORMS[action])
        form.submit_button.click()

    user = "admin1" if action in (Action.DOCS_RECEIVED, Action.ASSIGN) else "reviewer1"
    return user, trigger


def appeal_resolve(qtbot, context: AppContext) -> None:
    from ui.appeals.page import AppealsPage

    page = AppealsPage(context)
    qtbot.addWidget(page)
    page.select_appeal("A-1")
    page.resolve_form.fields.set_values(
        {"resolution": "uphold", "message": "원결정 유지", "reason_codes": "CREDIT-DENY-DTI-001"}
    )
    page.resolve_form.submit_button.click()


def appeal_submit(qtbot, context: AppContext) -> None:
    from ui.appeals.page import AppealsPage

    fresh = b.case("C-106", status=CaseStatus.REJECTED, decided_by="reviewer1")
    fresh.decided_at, fresh.final_decision = NOW - timedelta(days=1), FinalDecision.DENY
    with context.store.transaction() as session:  # a decision without an appeal yet
        apply_changes(session, [b.upsert(fresh)])
    page = AppealsPage(context)
    qtbot.addWidget(page)
    page.submit_form.fields.set_values({"case_id": "C-106", "reason": "소득 증빙 추가"})
    page.submit_form.submit_button.click()


def qa_sample(qtbot, context: AppContext) -> None:
    from ui.qa.page import QAPage

    page = QAPage(context)
    qtbot.addWidget(page)
    page.run_button.click()


def qa_review(qtbot, context: AppContext) -> None:
    from ui.qa.page import QAPage

    page = QAPage(context)
    qtbot.addWidget(page)
    page.select_review(0)  # the seeded open QA review
    for box in page.scores.values():
        box.setValue(18)
    page.save_button.click()


def sync_problem(button: str) -> Callable:
    def trigger(qtbot, context: AppContext) -> None:
        from tests.qt.sync_problems.test_sync_problems_page import refused
        from ui.sync_problems.page import SyncProblemsPage

        refused(context.store)  # a comment the server refused
        page = SyncProblemsPage(context)
        qtbot.addWidget(page)
        getattr(page, f"{button}_button").click()  # the refused row is selected

    return trigger


def ops_page(qtbot, context: AppContext):
    from ui.ops.page import OpsPage
    from ui.ops.report import ReportTab
    from ui.ops_feed import WallFeed
    from ui.ops_source import WallSource
    from ui.wiring import domain_user

    feed = WallFeed(WallSource(lambda: None, context.store), context.keeper)  # offline, idle
    report = ReportTab(lambda: None, context.keeper, TODAY)
    args = (context.store, context.runner, domain_user(context), context.clock, context.keeper)
    page = OpsPage(feed, report, *args, "en")  # as ui.ops.build builds it, without the network
    feed.setParent(page)
    qtbot.addWidget(page)
    return page


def ops_reassign(qtbot, context: AppContext):
    page = ops_page(qtbot, context)
    form = page.reassign
    form.source.setCurrentIndex(form.source.findData("reviewer1"))
    form.target.setCurrentIndex(form.target.findData("reviewer2"))
    form.submit.click()
    return page


def ops_ack(qtbot, context: AppContext):
    page = ops_page(qtbot, context)
    alert = {"id": "AL-1", "entity": "case", "entity_id": OPEN_CASE}
    page.alerts.sig_ack_requested.emit(alert, "")  # what the tab's Acknowledge button sends
    return page


def inbox_page(qtbot, context: AppContext):
    from PySide6.QtWidgets import QWidget

    from ui.pages import build_page

    window = QWidget()
    qtbot.addWidget(window)
    return window, build_page("inbox", context, window)  # as the main window builds it


def inbox_save_view(qtbot, context: AppContext):
    window, page = inbox_page(qtbot, context)
    page.save_view("내 대기 건")  # what the Save view dialog's OK sends
    return window


def inbox_delete_view(qtbot, context: AppContext):
    from app.store import views

    with context.store.transaction() as session:
        views.save_view(session, context.user.id, "지난 뷰", InboxFilter(me="reviewer1"), NOW)
    window, page = inbox_page(qtbot, context)
    page.filter_bar.sig_view_delete_requested.emit("지난 뷰")  # the bar's delete button
    return window


# (operation name, user, trigger): the trigger builds the real page and clicks the action
ACTIONS: list[tuple[str, str, Callable]] = [
    *((f"case.{a.value}", *case_action(a)) for a in CASE_FORMS),
    ("appeal.resolve", "senior2", appeal_resolve),
    ("appeal.submit", "reviewer1", appeal_submit),
    ("qa.sample", "qa1", qa_sample),
    ("qa.review", "qa1", qa_review),
    ("sync_problems.retry", "reviewer1", sync_problem("retry")),
    ("sync_problems.draft", "reviewer1", sync_problem("draft")),
    ("sync_problems.discard", "reviewer1", sync_problem("discard")),
    ("inbox.save_view", "reviewer1", inbox_save_view),
    ("inbox.delete_view", "reviewer1", inbox_delete_view),
    ("ops.reassign", "admin1", ops_reassign),
    ("alert.ack", "admin1", ops_ack),
]


@pytest.mark.parametrize(("op", "user", "trigger"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_the_page_action_goes_through_the_runner(
    qtbot, qloop, make_context, op, user, trigger
) -> None:
    context = make_context(user)
    started: list[str] = []
    finished: list[tuple[str, bool]] = []
    context.runner.sig_op_started.connect(started.append)
    context.runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    page = trigger(qtbot, context)  # noqa: F841 — the page lives until its operation finished
    assert started == [op]
    assert context.runner.running() == 1  # queued: the click returned before the write
    qtbot.waitUntil(lambda: finished != [], timeout=20_000)
    assert finished == [(op, True)]
