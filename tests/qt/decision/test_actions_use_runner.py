"""Every action of the decision, approvals and checkpoint pages goes through the operation
runner (``ui.runner``): a recording hook of the real runner (``sig_op_started`` /
``sig_op_finished``) sees each one queued — the click returns before the service ran — and
finished with success. Real pages over the real decision-support store; one parameter each."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.qt.decision.demo_data import EXEC_CAPACITY, checkpoint_ids
from ui.approvals.page import ApprovalsPage
from ui.bridge import SyncBridge
from ui.checkpoint.page import CheckpointPage
from ui.decision.page import DecisionPage
from ui.decision.source import DecisionSource


def decision_page(qtbot, store, clock, user, runner) -> DecisionPage:
    page = DecisionPage(DecisionSource(store), clock, user, "en", runner)
    qtbot.addWidget(page)
    page.show_entity(EXEC_CAPACITY)
    return page


def approve(qtbot, store, clock, users, runner) -> None:
    page = decision_page(qtbot, store, clock, users["u_senior1"], runner)
    page.form.rationale.setPlainText("균형 잡힌 접근 방식이 적합함")
    page.form.submit.click()


def escalate(qtbot, store, clock, users, runner) -> None:
    page = decision_page(qtbot, store, clock, users["u_admin1"], runner)  # ops admin escalates
    page.form.escalate_reason.setText("본부장 판단 필요")
    page.form.escalate_button.click()


def generated(qtbot, store, clock, users, runner) -> None:
    page = ApprovalsPage(store, clock, users["u_senior1"], "en", runner)
    qtbot.addWidget(page)
    page.reload()
    page.table.selectRow(2)  # the generated content with a failed fact-check
    page.note.setText("샤프 지수를 1.18로 고쳐 주세요")
    page.changes.click()


def checkpoint(qtbot, store, clock, users, runner) -> None:
    sc, _ec = checkpoint_ids()
    page = CheckpointPage(store, clock, users["u_admin1"], "en", runner)
    qtbot.addWidget(page)
    page.show_entity(sc)
    form = page.form
    form.choice_buttons["decide_proposals"].setChecked(True)
    form.validity_buttons["disputed"].setChecked(True)
    form.decisions[0].setCurrentIndex(form.decisions[0].findData("approve"))
    form.decisions[1].setCurrentIndex(form.decisions[1].findData("reject"))
    form.submit.click()


def ask(qtbot, store, clock, users, runner) -> None:
    page = decision_page(qtbot, store, clock, users["u_senior1"], runner)
    dialog = page.asker.open_dialog()
    dialog.query.setText("향후 12주간 AI팀의 가동률 병목 구간을 분석해줘")
    dialog.ask_button.click()


ACTIONS: list[tuple[str, Callable]] = [
    ("decision.ask", ask),
    ("decision.approval_response", approve),
    ("decision.approval_escalate", escalate),
    ("approvals.generated_decision", generated),
    ("checkpoint.feedback", checkpoint),
]


@pytest.mark.parametrize(("op", "trigger"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_the_page_action_goes_through_the_runner(qtbot, dstore, clock, users, op, trigger):
    bridge = SyncBridge(dstore)
    started: list[str] = []
    finished: list[tuple[str, bool]] = []
    bridge.runner.sig_op_started.connect(started.append)
    bridge.runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    trigger(qtbot, dstore, clock, users, bridge.runner)
    assert started == [op]
    assert bridge.runner.running() == 1  # queued: the click returned before the write
    qtbot.waitUntil(lambda: finished != [], timeout=20_000)
    assert finished == [(op, True)]
    bridge.deleteLater()
