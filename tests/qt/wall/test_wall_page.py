"""The wall against the real demo server: it shows the server's numbers, goes stale when the
server stops, recovers by itself after a restart on the same port, and rotates / pauses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from app.rules import ops_metrics as om
from tests.qt.wall.helpers import make_wall


def _cell(model, row: int, name: str) -> str:
    return model.index(row, model.column(name)).data()


def test_panels_show_the_servers_numbers(qtbot, qloop, demo, api_for, live_clock, qtmodeltester):
    page, feed, _keeper = make_wall(qtbot, api_for(demo), live_clock)
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=15_000):
        feed.start()
    snap = feed.snapshot
    server_queues = demo.get("/queues")
    assert {q["id"] for q in snap.queues} == {q["id"] for q in server_queues}
    model = page.review.model
    qtmodeltester.check(model)
    qtmodeltester.check(page.contact.model)
    qtmodeltester.check(page.agents.calls_model)
    row = next(r for r in range(model.rowCount()) if model.queue_id(r) == "credit_review")
    stats = snap.stats["credit_review"]
    for prio in ("p1", "p2", "p3"):
        assert _cell(model, row, prio) == str(stats["waiting_by_priority"][prio])
    assert _cell(model, row, "p0").endswith(str(stats["waiting_by_priority"]["p0"]))
    assert _cell(model, row, "in_queue") == str(stats["metrics"]["CONTACTS_IN_QUEUE"])
    # the same numbers straight from the server (nothing changes them in between but time)
    direct = demo.get("/queues/credit_review/stats")
    assert direct["waiting_by_priority"] == stats["waiting_by_priority"]
    totals = om.totals(snap.ordered_stats())
    assert page.tiles["in_queue"].value.text() == str(totals.in_queue)
    assert page.tiles["breached"].value.text() == str(totals.breached)
    assert page.tiles["breached"].level() == ("critical" if totals.breached else "ok")
    assert "Data as of" in page.as_of.text()
    contact_ids = {page.contact.model.queue_id(r) for r in range(page.contact.model.rowCount())}
    assert contact_ids == {q["id"] for q in server_queues if q["kind"] == "contact"}
    with qtbot.waitSignal(feed.sig_trend_updated, timeout=15_000):
        feed.refresh_trend()
    trend = feed.source  # the chart holds the days that closed work (NaN days are gaps)
    x, _y = page.trends.chart.series_data("p0")
    assert len(x) in (0, 14) and trend is not None
    assert page.review.table.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    feed.stop()


def test_stale_after_server_stop_and_recovers_after_restart(
    qtbot, qloop, demo, api_for, live_clock
):
    page, feed, _keeper = make_wall(qtbot, api_for(demo), live_clock, stale_after_s=1.5)
    page.show()
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=15_000):
        feed.start()
    assert not page.overlay.isVisible()
    demo.stop()  # unattended: nobody touches the wall from here on
    with qtbot.waitSignal(
        feed.sig_freshness_changed, timeout=20_000, check_params_cb=lambda s, a: s
    ):
        pass
    assert feed.stale and page.overlay.isVisible()
    assert "reconnecting" in page.overlay.text()
    qtbot.waitUntil(lambda: feed.failures >= 2, timeout=20_000)
    demo.start()  # same port, same database
    with qtbot.waitSignal(
        feed.sig_freshness_changed, timeout=15_000, check_params_cb=lambda s, a: not s
    ):
        pass
    qtbot.waitUntil(lambda: not page.overlay.isVisible(), timeout=20_000)
    assert feed.failures == 0
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=20_000):
        pass  # and it keeps updating
    feed.stop()


def _move(widget, pos: QPoint) -> None:
    """The pointer at ``pos`` (no buttons), as the window system delivers it."""
    local = QPointF(pos)
    event = QMouseEvent(
        QEvent.Type.MouseMove, local, QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_kiosk_rotation_advances_with_the_pointer_over_the_wall(
    qtbot, qloop, demo, api_for, live_clock
):
    page, feed, _keeper = make_wall(qtbot, api_for(demo), live_clock, rotate_s=1.0)
    page.resume_s = 1.0
    page.resume_timer.setInterval(1_000)
    page.show()
    qtbot.waitExposed(page)
    centre = page.rect().center()
    # full screen: the pointer rests over the wall (enter, and Qt's synthetic moves in place)
    QApplication.sendEvent(page, QEnterEvent(QPointF(centre), QPointF(centre), QPointF(centre)))
    _move(page, centre)
    _move(page, centre)
    assert not page.paused()
    seen: list[int] = []
    page.sig_panel_changed.connect(seen.append)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=20_000)  # rotates, pointer and all
    assert "paused" not in page.rotation.text()
    # a person moves the mouse: rotation pauses, then resumes by itself
    with qtbot.waitSignal(page.sig_rotation_paused, check_params_cb=lambda p: p):
        _move(page, centre + QPoint(40, 25))
    assert "paused" in page.rotation.text()
    resumed = page.sig_rotation_paused
    with qtbot.waitSignal(resumed, timeout=20_000, check_params_cb=lambda p: not p):
        pass
    before = len(seen)
    qtbot.waitUntil(lambda: len(seen) > before, timeout=20_000)
    feed.stop()


def test_rotation_keys_and_space_hold(qtbot, qloop, demo, api_for, live_clock):
    page, feed, _keeper = make_wall(qtbot, api_for(demo), live_clock, rotate_s=1.0)
    with qtbot.waitSignal(page.sig_panel_changed, timeout=20_000):
        pass  # rotates by itself
    index = page.stack.currentIndex()
    with qtbot.waitSignal(page.sig_panel_changed):
        qtbot.keyClick(page, Qt.Key.Key_Right)
    assert page.stack.currentIndex() == (index + 1) % 3
    page.resume_timer.setInterval(100)
    with qtbot.waitSignal(page.sig_rotation_paused, check_params_cb=lambda p: p):
        qtbot.keyClick(page, Qt.Key.Key_Space)
    held = page.stack.currentIndex()
    page.resume_timer.timeout.emit()  # the typing pause ends; Space still holds the panel
    assert page.paused() and page.stack.currentIndex() == held
    assert "paused" in page.rotation.text()
    feed.stop()
