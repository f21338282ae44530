"""A knowledge suggestion into the after-call summary (issue 17, item 6), over the real
reference server: while the agent types in the summary, "Add to summary" (a mouse click) puts
the article's title and id on a line of its own and leaves the agent's cursor and focus where
they were; from the suggestion list Ctrl+Enter adds the selected one; the same article is not
added twice; the draft with the lines is kept in the store."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt

from app.store import acw_drafts
from tests.qt.call.conftest import agent_engine, agent_page
from tests.qt.call.test_agent_day import type_hangul
from widgets.clock import Clock


def test_add_an_article_to_the_summary(qtbot, qloop, tmp_path, day_server, lang_ko):
    clock = Clock()
    page, store, session = agent_page(qtbot, tmp_path, day_server.url, clock)
    engine = agent_engine(page, store, session)
    summary, pane = page.acw.summary, page.suggestions
    try:
        engine.start()
        day_server.sim.start(loop=False)
        qtbot.waitUntil(lambda: page.call is not None, timeout=30_000)
        call_id = page.call.id
        qtbot.waitUntil(lambda: pane.model.rowCount() >= 2, timeout=60_000)

        # the agent is typing in the summary, the cursor inside their own words
        summary.setFocus()
        summary.selectAll()
        type_hangul(summary, "고객 요금 문의")
        cursor = summary.textCursor()
        cursor.setPosition(2)
        summary.setTextCursor(cursor)
        first = pane.model.suggestion(0)
        qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
        line = f"참고 문서: {first.title} ({first.article_id})"
        assert summary.toPlainText() == f"고객 요금 문의\n{line}"
        assert summary.hasFocus() and summary.textCursor().position() == 2
        type_hangul(summary, "!")  # typing goes on where it was
        assert summary.toPlainText().startswith("고객!")

        # from the list with the keyboard: the selected row, Ctrl+Enter
        pane.view.setFocus()
        pane.view.setCurrentIndex(pane.model.index(1, 0))
        second = pane.model.suggestion(1)
        qtbot.keyClick(pane.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        other = f"참고 문서: {second.title} ({second.article_id})"
        assert summary.toPlainText().splitlines()[-1] == other
        assert pane.view.hasFocus()
        qtbot.keyClick(pane.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert summary.toPlainText().count(other) == 1  # not twice
        assert "이미 요약에 있습니다" in page.banner.current_text()

        # the draft is kept in the store with both references
        qtbot.waitUntil(
            lambda: other in ((acw_drafts.load(store, call_id) or {}).get("summary") or ""),
            timeout=20_000,
        )
        kept = acw_drafts.load(store, call_id)["summary"]
        assert line in kept and kept.startswith("고객!")
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        page.bridge.detach()
        clock.stop()
        store.close()
