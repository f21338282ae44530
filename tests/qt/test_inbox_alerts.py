"""SLA alerts look at the store off the UI thread and report only what changed since the last
look: cases (mine or unassigned) that became breached after time passed."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from app.store.inbox import InboxFilter
from ui.inbox.alerts import ACTIVE, InboxAlerts
from ui.inbox.source import InboxSource


def _mine(source: InboxSource, sla: str, now) -> set[str]:
    base = InboxFilter(me="reviewer1", sla=sla, statuses=ACTIVE)
    return {i for who in ("me", "unassigned") for i in source.ids(replace(base, assignee=who), now)}


def test_new_breaches_are_reported_once(qtbot, big_store, manual_time):
    source = InboxSource(big_store)
    alerts = InboxAlerts(source, "reviewer1")
    start = manual_time.value
    alerts.prime(start)
    qtbot.waitUntil(lambda: alerts.primed, timeout=30_000)
    later = start + timedelta(hours=6)
    expected = _mine(source, "breached", later) - _mine(source, "breached", start)
    assert expected  # the data has cases that breach within six hours
    raised = []
    alerts.sig_alert_raised.connect(lambda kind, text, ids: raised.append((kind, set(ids))))
    alerts.check_sla(later)
    qtbot.waitUntil(lambda: any(kind == "sla_breach" for kind, _ in raised), timeout=30_000)
    assert [ids for kind, ids in raised if kind == "sla_breach"] == [expected]
    raised.clear()
    alerts.check_sla(later)  # nothing new since the last look
    qtbot.wait(300)
    assert [kind for kind, _ in raised if kind == "sla_breach"] == []


def test_a_failed_look_does_not_stop_later_looks(qtbot, big_store_path, manual_time):
    from app.store.store import Store

    broken = Store.open(big_store_path)
    source = InboxSource(broken)
    alerts = InboxAlerts(source, "reviewer1")
    with broken.engine.begin() as conn:  # the look's query fails (an error of the store)
        conn.exec_driver_sql("ALTER TABLE cases RENAME TO cases_away")
    try:
        alerts.prime(manual_time.value)
        qtbot.waitUntil(lambda: not alerts._busy, timeout=30_000)
        assert not alerts.primed
    finally:
        with broken.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE cases_away RENAME TO cases")
    alerts.prime(manual_time.value)  # the next look runs (it was not left "busy")
    qtbot.waitUntil(lambda: alerts.primed, timeout=30_000)
    broken.close()
