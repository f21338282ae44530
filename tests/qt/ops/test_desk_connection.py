"""The ops desk follows the sync engine's connection state as the wall does (issue 17 wall 6):
the engine going offline marks the desk's data as reconnecting at once, not after a failed poll
or the 30 s staleness check."""

from __future__ import annotations

from app.domain.enums import Role
from tests.qt.test_shell import make_window


def test_desk_goes_offline_with_the_engine(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.SUPERVISOR], user="supervisor1")
    desk = window.show_page("ops")
    assert desk is not None and not desk.feed.stale
    with qtbot.waitSignal(desk.feed.sig_freshness_changed, timeout=20_000):
        window.context.bridge._on_engine_state("offline", "connection refused")
    assert desk.feed.stale
    assert "reconnecting" in desk.as_of.text()
    desk.feed.stop()
