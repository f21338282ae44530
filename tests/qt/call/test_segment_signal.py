"""Live segments reach the call page in the bridge's ``sig_call_segments_received`` payload
(emitted by the engine's live consumer after the segment is stored): the page shows the segment
from the signal, without re-reading the store and without any polling timer; another call's
segments change nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from app.store.store import Store
from tests.qt.call.conftest import CALL_ID, make_page
from tests.qt.call.helpers import script_segments
from ui.bridge import SyncBridge


def test_the_bridge_signal_carries_the_segment(qtbot, call_store: Store) -> None:
    bridge = SyncBridge(call_store)
    wire = {"Transcript": {"Id": "t1"}}
    with qtbot.waitSignal(bridge.sig_call_segments_received) as received:
        bridge.on_live_segment(CALL_ID, wire, "17")  # LiveHandlers.on_segment
    assert received.args == [CALL_ID, [wire]]
    bridge.deleteLater()


def test_the_page_shows_a_segment_from_the_signal_without_reading_the_store(
    qtbot, qloop, call_store, clock, angry
) -> None:
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    assert page.call is not None and page.call.id == CALL_ID
    assert page.feed.findChildren(QTimer) == []  # nothing polls the store
    wires = script_segments(angry, summary=False)
    # never stored: only the signal's payload can bring them to the transcript
    page.bridge.on_live_segment("another_call", wires[0], "1")
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.feed.sig_segments_applied, timeout=20_000):
        page.bridge.on_live_segment(CALL_ID, wires[0], "2")
    assert page.model.rowCount() == 1
    first = next(iter(wires[0].values()))
    assert page.model.turns()[0].key == first["Id"]
    for n, wire in enumerate(wires[1:], start=3):
        page.bridge.on_live_segment(CALL_ID, wire, str(n))
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    with call_store.session() as s:  # the store still has none of them: shown from the payload
        from app.store.segments import call_segments

        assert call_segments(s, CALL_ID) == []
    page.shutdown()
