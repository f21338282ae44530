"""Issue 22 on the call page: at 200 % on 1920×1080, with a call in after-call work (card,
transcript, sentiment, suggestions and the after-call form all showing), no text is clipped
(the check is tests/qt/test_scaling.py's)."""

from __future__ import annotations

from datetime import timedelta

from app.domain.enums import CallState, Role
from tests.qt.call.conftest import CALL_ID
from tests.qt.call.helpers import AGENT, apply, call_wire, script_segments, store_segments
from tests.qt.data import NOW
from tests.qt.test_scaling import at_200_percent, check, settle, shown_window  # noqa: F401


def test_the_call_page_in_after_call_work_fits_at_200_percent(
    qtbot, qloop, call_store, clock, angry, shown
):
    store_segments(call_store, CALL_ID, script_segments(angry), NOW - timedelta(minutes=1))
    apply(call_store, "call", [call_wire(CALL_ID, angry, NOW, CallState.ACW, version=2)])
    window = shown(call_store, clock, [Role.AGENT], AGENT)
    page = window.show_page("call", CALL_ID)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 6, timeout=20_000)
    settle(qtbot, window, page)
    check(window, "call")
    assert page.acw.summary.height() >= page.acw.summary.fontMetrics().lineSpacing() * 4
    chars = page.transcript.fontMetrics().averageCharWidth()
    assert page.transcript.width() >= chars * 20  # the transcript keeps readable lines
