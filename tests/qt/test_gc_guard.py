from __future__ import annotations

import gc
import weakref

from ui.gc_guard import GuiThreadCollector


class _Cycle:
    other: object = None


def test_collector_turns_automatic_gc_off_and_collects_on_its_timer(qtbot) -> None:
    collector = GuiThreadCollector(interval_ms=10, young=0)
    try:
        assert not gc.isenabled()
        a, b = _Cycle(), _Cycle()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        qtbot.waitUntil(lambda: ref() is None, timeout=20_000)  # collected by the timer
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.isenabled()


def test_young_objects_are_collected_once_there_are_enough_of_them(qtbot) -> None:
    collector = GuiThreadCollector(interval_ms=10, young=700)  # older generations: every 5 s
    try:
        refs = []
        for _ in range(1_000):  # 2 000 new objects: over the threshold
            a, b = _Cycle(), _Cycle()
            a.other, b.other = b, a
            refs.append(weakref.ref(a))
            del a, b
        qtbot.waitUntil(lambda: all(r() is None for r in refs), timeout=20_000)
    finally:
        collector.stop()
        collector.deleteLater()


def test_start_up_objects_are_frozen_and_later_cycles_still_collected(qtbot) -> None:
    from ui.gc_guard import freeze_start_up

    collector = GuiThreadCollector(interval_ms=10, young=0)
    try:
        kept = _Cycle()
        assert freeze_start_up() > 0
        assert not any(o is kept for o in gc.get_objects())  # frozen: no collection walks it
        a, b = _Cycle(), _Cycle()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        qtbot.waitUntil(lambda: ref() is None, timeout=20_000)  # not frozen: collected
    finally:
        gc.unfreeze()
        collector.stop()
        collector.deleteLater()
