"""Issue 22: the wall announces new alerts, an SLA breach assertively (it interrupts), once."""

from __future__ import annotations

from ui.wall.alert_strip import AlertStrip
from widgets.a11y import announcer

BREACH = {"id": "a1", "kind": "sla_breach", "case_id": "C-1001", "priority": "p0"}
INFO = {"id": "a2", "kind": "checkpoint_halted", "message": "Checkpoint halted"}


def test_a_new_breach_is_announced_assertively_once(qtbot):
    strip = AlertStrip()
    qtbot.addWidget(strip)
    heard: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: heard.append((text, assertive)))
    try:
        strip.set_alerts([BREACH])
        assert len(heard) == 1 and heard[0][1] is True
        assert heard[0][0].startswith("SLA breach")  # the wall is a shared screen: no case id
        strip.set_alerts([BREACH])  # the same alert on the next snapshot: not again
        assert len(heard) == 1
        strip.set_alerts([BREACH, INFO])
        assert len(heard) == 2
    finally:
        announcer().sig_announced.disconnect()
