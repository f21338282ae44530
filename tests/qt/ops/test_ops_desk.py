"""The ops desk against real servers: the SLA report matches a hand-computed fixture, the CSV
export round-trips (UTF-8 with BOM), and an alert raised by an agent shows on the wall until a
supervisor acknowledges it at the desk (outbox row, pushed by the real pusher)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from app.domain.enums import EntityKind, Role
from app.domain.people import User
from app.domain.wire import format_time, to_wire
from app.rules import ops_metrics as om
from app.rules import sla
from app.store.store import Store
from server import storage
from server.config import ServerConfig
from server.runner import start_server
from server.storage import ServerDB
from sync.api import ApiClient
from sync.pusher import Pusher
from tests.qt.wall.helpers import make_wall
from ui.bridge import SyncBridge
from ui.ops.export import read_csv
from ui.ops.page import OpsPage
from ui.ops.report import ReportModel, ReportTab
from ui.ops_feed import WallFeed
from ui.ops_source import WallSource
from ui.tasks import TaskKeeper

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # Friday 12:00 in Seoul
DAY = datetime(2026, 11, 19, 1, 0, tzinfo=UTC)  # Thursday 10:00 in Seoul


def _case(cid: str, prio: str, queue: str, started: datetime, met: datetime | None) -> dict:
    clock = sla.start(prio, started)
    if met is not None:
        clock = sla.mark_met(clock, met)
    return {
        "id": cid, "decision_id": f"D-{cid}", "priority": prio, "queue_id": queue,
        "status": "closed" if met else "open", "escalation_level": "L1",
        "customer": {"customer_id": "CU", "name": "김민수", "account_id": "1234567890"},
        "application": {"amount": 1, "purpose": "x", "term_months": 1}, "decision_context": {},
        "sla": to_wire(clock), "created_at": format_time(started), "timeline": [],
        "documents": [], "task_ids": [],
    }  # fmt: skip


# hand-computed: p0 3 cases (met 1 h, late 5 h > 4 h, met 2 h) → 2 met, 1 breached = 66.7 %;
# p1 unmet and past its 24 h due at NOW → breached, 0.0 %; p2 open, due later → in progress.
CASES = [
    _case("C-A", "p0", "credit_review", DAY, DAY + timedelta(hours=1)),
    _case("C-B", "p0", "credit_review", DAY, DAY + timedelta(hours=5)),
    _case("C-C", "p0", "credit_review", DAY, DAY + timedelta(hours=2)),
    _case("C-D", "p1", "credit_review", DAY + timedelta(hours=1), None),
    _case("C-E", "p2", "customer_service", DAY + timedelta(hours=1), None),
]


@pytest.fixture
def report_server(tmp_path):
    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", port=0, clock=lambda: NOW)
    db = ServerDB(config.db_url)
    with db.session() as s:
        storage.create_user(s, "supervisor1", "demo", "감독자", ["supervisor"], now=NOW)
        for case in CASES:
            storage.put(s, EntityKind.CASE, case, actor="system", now=NOW)
        s.commit()
    running = start_server(config)
    yield running
    running.stop()


def _token(url: str, user: str) -> str:
    r = httpx.post(f"{url}/v1/auth/token", json={"username": user, "password": "demo"}, timeout=30)
    return r.json()["access_token"]


@pytest.fixture
def report_tab(qtbot, qloop, report_server):
    api = ApiClient(report_server.url, token=_token(report_server.url, "supervisor1"))
    tab = ReportTab(lambda: api, TaskKeeper(), date(2026, 11, 20))
    qtbot.addWidget(tab)
    yield tab
    closing = asyncio.ensure_future(api.aclose())
    qtbot.waitUntil(closing.done)


def _row(rows, section, period, priority="", queue=""):
    return next(r for r in rows if r[:4] == [section, period, priority, queue])


def test_report_matches_hand_computed_fixture(qtbot, report_tab, qtmodeltester):
    report_tab.set_range(date(2026, 11, 19), date(2026, 11, 19), "range")
    with qtbot.waitSignal(report_tab.sig_report_loaded, timeout=30_000):
        report_tab.load()
    qtmodeltester.check(report_tab.model)
    rows = report_tab.model.rows()
    period = "2026-11-19~2026-11-19"
    assert _row(rows, "total", period)[4:] == ["5", "2", "2", "1", "50.0"]
    assert _row(rows, "priority", period, "p0")[4:] == ["3", "2", "1", "0", "66.7"]
    assert _row(rows, "priority", period, "p1")[4:] == ["1", "0", "1", "0", "0.0"]
    assert _row(rows, "priority", period, "p2")[4:] == ["1", "0", "0", "1", ""]
    assert _row(rows, "queue", period, "", "credit_review")[4:] == ["4", "2", "2", "0", "50.0"]
    shown = {report_tab.model.index(r, 3).data() for r in range(report_tab.model.rowCount())}
    assert "Credit review" in shown and "credit_review" not in shown  # the CSV keeps the id
    assert "50.0%" in report_tab.status.text()


def test_daily_summary_and_csv_round_trip(qtbot, report_tab, tmp_path):
    report_tab.set_range(date(2026, 11, 18), date(2026, 11, 19), "day")
    with qtbot.waitSignal(report_tab.sig_report_loaded, timeout=30_000):
        report_tab.load()
    rows = report_tab.model.rows()
    assert _row(rows, "total", "2026-11-18")[4:] == ["0", "0", "0", "0", ""]
    assert _row(rows, "total", "2026-11-19")[4:] == ["5", "2", "2", "1", "50.0"]
    path = tmp_path / "보고서.csv"
    with qtbot.waitSignal(report_tab.sig_export_done) as blocker:
        report_tab.export_to(path)
    assert blocker.args == [str(path), len(rows)]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert read_csv(path) == [list(om.CSV_HEADER), *rows]


def test_report_model_shows_sections_in_words(qtmodeltester):
    model = ReportModel()
    model.set_rows(om.summary_rows([("d", {"by_priority": [], "by_queue": [], "rows": []})]))
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.index(0, 8).data() == "—"


def test_flagged_alert_shows_until_acknowledged_at_the_desk(
    qtbot, qloop, demo, api_for, live_clock, tmp_path
):
    api = api_for(demo)
    store = Store.open(tmp_path / "desk.sqlite3")
    wall, wall_feed, _k = make_wall(qtbot, api, live_clock, store)
    with qtbot.waitSignal(wall_feed.sig_snapshot_updated, timeout=15_000):
        wall_feed.start()
    call_id = demo.get("/calls")[0]["id"]
    # a supervisor may flag any call (the first live call need not be agent1's)
    flagged = demo.post(f"/calls/{call_id}/flag", {"reason": "negative_sentiment"}, "supervisor1")
    assert flagged.status_code == 200, flagged.text
    alert_id = flagged.json()["alert"]["id"]
    qtbot.waitUntil(lambda: alert_id in wall.alerts.alert_ids(), timeout=30_000)
    assert wall.alerts.isVisible() or not wall.isVisible()
    assert "Negative sentiment" in wall.alerts.text.text() or wall.alerts.alert_ids()[0] != alert_id

    keeper = TaskKeeper()
    bridge = SyncBridge(store)
    feed = WallFeed(WallSource(lambda: api, store), keeper, poll_s=0.3, now=live_clock.now)
    actor = User(
        id="u_supervisor1",
        display_name="감독자",
        roles=[Role.SUPERVISOR],
    )
    desk = OpsPage(feed, ReportTab(lambda: api, keeper, date.today()), store, bridge.runner,
                   actor, live_clock, keeper, "en")  # fmt: skip
    bridge.setParent(desk)
    feed.setParent(desk)
    qtbot.addWidget(desk)
    assert not desk.reassign.submit.isEnabled()  # reassign is ops_admin's
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=15_000):
        feed.start()
    row = desk.alerts.model.row_of(alert_id)
    assert row >= 0
    desk.alerts.view.selectRow(row)
    assert desk.alerts.ack.isEnabled()
    with qtbot.waitSignal(desk.sig_action_done, timeout=30_000):
        desk.alerts.ack.click()
    assert desk.alerts.model.row_of(alert_id) == -1  # gone at once (ack in the outbox)
    qtbot.waitUntil(lambda: alert_id not in wall.alerts.alert_ids(), timeout=30_000)
    pushing = asyncio.ensure_future(Pusher(store, api, bridge.writer).push())
    qtbot.waitUntil(pushing.done, timeout=30_000)
    assert pushing.result().applied
    open_ids = [a["id"] for a in demo.get("/alerts", open="true")]
    assert alert_id not in open_ids
    wall_feed.stop()
    feed.stop()
    store.close()
