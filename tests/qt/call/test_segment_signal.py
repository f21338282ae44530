"""Live segments reach the call page by the bridge's ``sig_call_segment_stored`` (emitted by the
engine's live consumer after the segment is stored), not by fast polling: the store is read on
the signal for the call shown, other calls' signals read nothing, and a slow fallback timer
remains for segments stored without a signal."""

from __future__ import annotations

from app.store.store import Store
from tests.qt.call.conftest import CALL_ID, make_page
from tests.qt.call.helpers import script_segments, store_segments
from tests.qt.data import NOW
from ui.bridge import SyncBridge
from ui.call.feed import FALLBACK_MS


def test_the_bridge_signal_names_the_call(qtbot, call_store: Store) -> None:
    bridge = SyncBridge(call_store)
    with qtbot.waitSignal(bridge.sig_call_segment_stored) as stored:
        bridge.on_live_segment(CALL_ID, {"Transcript": {}}, "17")  # LiveHandlers.on_segment
    assert stored.args == [CALL_ID]


def test_the_feed_reads_on_the_signal_not_on_a_fast_timer(
    qtbot, qloop, call_store, clock, angry
) -> None:
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    assert page.call is not None and page.call.id == CALL_ID
    assert page.feed.timer.interval() == FALLBACK_MS >= 2000  # a slow safety net only
    page.feed.timer.stop()  # prove the signal alone brings the transcript
    wires = script_segments(angry, summary=False)
    store_segments(call_store, CALL_ID, wires[:3], NOW)  # stored, no signal yet
    qtbot.wait(100)
    assert page.model.rowCount() == 0
    page.bridge.on_live_segment("another_call")  # not the call shown: nothing to read
    qtbot.wait(50)
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.feed.sig_segments_applied, timeout=20_000):
        page.bridge.on_live_segment(CALL_ID)  # queued: applied on the next event-loop turn
    assert page.model.rowCount() > 0
    before = page.model.rowCount()
    store_segments(call_store, CALL_ID, wires, NOW, bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    assert page.model.rowCount() >= before
    page.shutdown()


def test_the_fallback_timer_still_reads_without_a_signal(
    qtbot, qloop, call_store, clock, angry
) -> None:
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    assert page.feed.timer.isActive()  # the call is live
    store_segments(call_store, CALL_ID, script_segments(angry, summary=False)[:1], NOW)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=FALLBACK_MS + 2000)
    page.shutdown()
