"""The wall is a shared screen: against the real demo server, its alerts name cases by id and
calls by a short reference — never a raw call id — and customers by a masked name (최*연), with no
identifier anywhere in what it shows."""

from __future__ import annotations

from app.domain.calls import Call, CallCustomer, Transcript
from app.domain.enums import CallFlow, CallState, ParticipantRole, Sentiment
from server.simulator import CallSimulator
from tests.integration.pii.leaks import find_leaks
from tests.qt.wall.helpers import make_wall
from ui.wall.alert_strip import alert_text

CALL_ID = "call_20261123010000_0099_abcdef"
NAME = "최서연"


def test_wall_alerts_show_masked_names_and_no_raw_call_ids(qtbot, qloop, demo, api_for, live_clock):
    app = demo.running.app
    sim = CallSimulator(app.state.db, app.state.bus, scripts=[], clock=app.state.config.clock)
    call = Call(
        id=CALL_ID,
        queue="general",
        flow=CallFlow.GENERAL,
        state=CallState.CONNECTED,
        customer=CallCustomer(NAME, "general", "220931574418", "010-7441-8823", "CUS-54470942"),
        agent_id="u_agent1",
    )
    said = Transcript("s-1", "customer", ParticipantRole.CUSTOMER, "진짜 너무 짜증나네요", 0, 1,
                      Sentiment.NEGATIVE)  # fmt: skip
    sim._negative_alert(call, said)  # what the simulator raises on a negative customer turn
    page, feed, _keeper = make_wall(qtbot, api_for(demo), live_clock)
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=15_000):
        feed.start()
    alerts = feed.snapshot.all_alerts
    ours = [a for a in alerts if a.get("entity_id") == CALL_ID]
    assert ours, "the call alert reached the wall"
    for alert in alerts:
        text = alert_text(alert)
        assert "call_" not in text and NAME not in text, text
        assert not find_leaks(text), text
    page.alerts.set_alerts(ours)
    shown = page.alerts.text.text()
    assert "최*연" in shown  # who, in words; a call's id (even its tail) means nothing on a wall
    assert CALL_ID not in shown and "cdef" not in shown and NAME not in shown
    feed.stop()
