"""The approvals inbox: paused executions with a live 24 h countdown and generated content with
its fact-check, approved / rejected / sent back through the outbox."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.store.local_models import OutboxRow
from ui.approvals.page import ApprovalsPage
from ui.bridge import SyncBridge


def test_inbox_lists_decisions_and_generated_content(
    qtbot, qtmodeltester, dstore, clock, users, manual_time
):
    bridge = SyncBridge(dstore)  # its runner runs the page's writes
    page = ApprovalsPage(dstore, clock, users["u_senior1"], "en", bridge.runner)
    bridge.setParent(page)
    qtbot.addWidget(page)
    page.reload()
    model = page.model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.index(0, 1).data().startswith("EXEC-20261123-002")  # expires first
    assert model.index(0, 5).data() == "2h 30m"
    with qtbot.waitSignal(model.dataChanged):
        manual_time.advance(timedelta(minutes=31))
        clock.tick()
    assert model.index(0, 5).data() == "1h 59m"
    assert model.index(2, 0).data() == "Generated" and "⚠" in model.index(2, 3).data()
    page.table.selectRow(2)
    assert "Fact-check: 1 mismatch" in page.check.text() and "1.18" in page.check.text()
    assert "approving needs a note, recorded as the override reason" in page.check.text()
    assert "⚠" in page.text.toPlainText()
    page.approve.click()  # a failed fact-check needs a note to approve (refused by the runner)
    qtbot.waitUntil(lambda: "note" in page.error.text().lower(), timeout=20_000)
    page.note.setText("샤프 지수를 1.18로 고쳐 주세요")
    with qtbot.waitSignal(page.sig_action_saved):
        page.changes.click()
    with dstore.session() as s:
        row = s.execute(select(OutboxRow)).scalar_one()
        assert row.path == "/v1/generated/GEN-20261123-001/decision"
        assert row.payload == {
            "decision": "request_changes",
            "note": "샤프 지수를 1.18로 고쳐 주세요",
        }
    assert model.rowCount() == 3
    with qtbot.waitSignal(page.sig_execution_opened) as opened:
        page.table.selectRow(0)
        page.open_decision.click()
    assert opened.args == ["EXEC-20261123-002"]
