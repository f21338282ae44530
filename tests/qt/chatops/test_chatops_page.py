"""The ChatOps page over the real demo server: a Korean question typed into the page is routed
to its tool and the answer shows as a table (and a chart where it has a series) with the
confidence; F5 re-runs, the copy is the shown text; a reviewer gets only the tools the role
allows, and every call is in the server's audit log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store.store import Store
from ui.chatops.page import ChatOpsPage
from ui.tasks import TaskKeeper

WAIT = 20_000


def _page(qtbot, api, tmp_path, name: str) -> ChatOpsPage:
    store = Store.open(tmp_path / f"{name}.sqlite3")
    page = ChatOpsPage(lambda: api, TaskKeeper(), store, "ko")
    qtbot.addWidget(page)
    page.destroyed.connect(store.close)
    return page


def _ask(qtbot, page: ChatOpsPage, question: str) -> int:
    with qtbot.waitSignal(page.sig_answered, timeout=WAIT) as answered:
        page.question.setText(question)  # (QTest cannot type Hangul: it aborts on non-Latin-1)
        qtbot.keyClick(page.question, Qt.Key.Key_Return)
    return answered.args[0]


def test_supervisor_asks_in_korean_and_sees_a_table(
    qtbot, qloop, demo, api_for, tmp_path, qtmodeltester
) -> None:
    page = _page(qtbot, api_for(demo, "supervisor1"), tmp_path, "sup")
    with qtbot.waitSignal(page.sig_tools_loaded, timeout=WAIT) as loaded:
        page.load_tools()
    assert loaded.args[0] == 8 and page.tools.count() == 8

    row = _ask(qtbot, page, "4시간 안에 위반될 케이스 알려줘")
    entry = page.conversation.entries[row]
    assert entry.error == "" and entry.reply["tool"] == "breaching_cases"
    assert entry.reply["args"] == {"hours": 4}
    assert page.answer_title.text() == "곧 위반될 케이스"
    assert page.confidence.text().endswith("%")
    assert "4시간 안에 위반될 케이스" in page.summary.text()
    assert page.answer_model.columns[:3] == ["case", "queue", "priority"]
    count = entry.reply["answer"]["count"]
    assert page.answer_model.rowCount() == min(count, 200)
    qtmodeltester.check(page.answer_model)
    qtmodeltester.check(page.conversation)

    row = _ask(qtbot, page, "큐 대기 현황 보여줘")
    assert page.conversation.entries[row].reply["tool"] == "queue_health"
    assert page.answer_model.rowCount() >= 1
    assert not page.chart.isHidden() and page.chart.labels  # the waiting series as bars

    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.history.setFocus()
    qtbot.waitUntil(page.history.hasFocus, timeout=WAIT)
    with qtbot.waitSignal(page.sig_answered, timeout=WAIT) as again:
        qtbot.keyClick(page.history, Qt.Key.Key_F5)  # one key re-runs the selected question
    assert again.args[0] == row + 1
    assert page.conversation.entries[row + 1].question == "큐 대기 현황 보여줘"
    page.copy()
    text = QApplication.clipboard().text()
    assert text.startswith("큐 대기 현황 보여줘\n") and page.summary.text() in text

    audit = demo.get("/audit", "admin1", entity="ops_tool", id="queue_health")["events"]
    assert [e["actor"] for e in audit][-2:] == ["u_supervisor1", "u_supervisor1"]


def test_reviewer_gets_only_the_tools_the_role_allows(qtbot, qloop, demo, api_for, tmp_path):
    page = _page(qtbot, api_for(demo, "reviewer1"), tmp_path, "rev")
    with qtbot.waitSignal(page.sig_tools_loaded, timeout=WAIT):
        page.load_tools()
    names = {page.tools.itemData(i) for i in range(page.tools.count())}
    assert names == {"sync_state", "cache_state", "queue_health", "breaching_cases",
                     "recent_alerts"}  # fmt: skip
    row = _ask(qtbot, page, "내 동기화 상태 어때?")
    entry = page.conversation.entries[row]
    assert entry.reply["tool"] == "sync_state" and entry.local is not None
    assert not page.local_table.isHidden() and page.local_model.rowCount() >= 2
    with qtbot.waitSignal(page.sig_answered, timeout=WAIT) as denied:
        page.run_tool("audit_status", {})
    refused = page.conversation.entries[denied.args[0]]
    assert "403" in refused.error and "403" in page.summary.text()


def test_the_tool_box_grows_to_its_longest_title_after_the_first_show(
    qtbot, qloop, demo, api_for, tmp_path
) -> None:
    page = _page(qtbot, api_for(demo, "supervisor1"), tmp_path, "wide")
    page.resize(1280, 860)  # the page's share of a 1440x900 window
    page.show()  # empty, as on the screen: the titles arrive later
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.sig_tools_loaded, timeout=WAIT):
        page.load_tools()
    titles = [page.tools.itemText(i) for i in range(page.tools.count())]
    widest = max(page.tools.fontMetrics().horizontalAdvance(t) for t in titles)
    qtbot.waitUntil(lambda: page.tools.width() > widest, timeout=WAIT)  # "서비스 수준 …" not cut
    assert page.tools.toolTip() == page.tools.currentText()
