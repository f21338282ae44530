from __future__ import annotations

import gc
import weakref

from ui.gc_guard import GuiThreadCollector


class _Cycle:
    other: object = None


def test_collector_turns_automatic_gc_off_and_collects_on_its_timer(qtbot) -> None:
    collector = GuiThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        a, b = _Cycle(), _Cycle()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        qtbot.waitUntil(lambda: ref() is None, timeout=2000)  # collected by the timer
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.isenabled()
