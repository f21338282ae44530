"""The contact-center wallboard over a real server on 127.0.0.1 (no simulator: the calls are
seeded, and the server's clock and the wall's are the same settable time, so every number is
known): the agent state board by display name with running times, contacts waiting with waits
that run each second without a poll, the abandon rate, thresholds from the settings file and
the dialog, and a new breach flashing, chiming once and announced assertively."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from PySide6.QtCore import QSettings, Qt

from app.domain.enums import EntityKind
from app.domain.wire import format_time
from app.text.labels import label_of
from server import storage
from server.config import ServerConfig
from server.runner import start_server
from server.storage import ServerDB
from sync.api import ApiClient
from tests.qt.wall.helpers import make_wall
from widgets.a11y import announcer
from widgets.clock import Clock, ManualTime
from widgets.formatting import language
from widgets.palette import qcolor

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 11:00 in Seoul
AGENTS = {  # username: display name
    "agent1": "김하늘",
    "agent2": "이수진",
    "agent3": "박민호",
    "agent4": "최유리",
}
BG = Qt.ItemDataRole.BackgroundRole


def _call(cid: str, state: str, agent: str | None, **times: datetime) -> dict:
    return {
        "id": cid, "queue": "general", "flow": "general", "state": state, "agent_id": agent,
        "customer": {"name": "정", "tier": "general"},
        **{k: format_time(v) for k, v in times.items()},
    }  # fmt: skip


@pytest.fixture
def board_server(tmp_path):
    time = ManualTime(NOW)
    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'wb.sqlite3'}", port=0, clock=time)
    db = ServerDB(config.db_url)
    with db.session() as s:
        storage.create_user(s, "supervisor1", "demo", "강미래", ["supervisor"], now=NOW)
        for user, name in AGENTS.items():
            storage.create_user(s, user, "demo", name, ["agent"], ["general"], now=NOW)
        storage.put(
            s,
            EntityKind.QUEUE,
            {
                "id": "general",
                "name": "General",
                "kind": "contact",
                "sla_policy": "general",
                "skills": ["general"],
            },
            actor="system",
            now=NOW,
        )
        m = lambda s_: NOW - timedelta(seconds=s_)  # noqa: E731
        calls = [
            _call("C-ON", "connected", "u_agent1", started_at=m(100), connected_at=m(90)),
            _call("C-ACW", "acw", "u_agent2", started_at=m(400), connected_at=m(390), acw_at=m(30)),
            _call("C-WAIT", "ringing", None, started_at=m(50)),  # waiting 50 s
            # today's contacts: C-DONE answered, C-GONE abandoned after 40 s (with the two
            # answered live calls: 1 of 4 offered, 25 %)
            _call(
                "C-DONE",
                "ended",
                "u_agent2",
                started_at=m(900),
                connected_at=m(890),
                ended_at=m(600),
            ),
            _call("C-GONE", "ended", None, started_at=m(800), ended_at=m(760)),
        ]
        for call in calls:
            storage.put(s, EntityKind.CALL, call, actor="system", now=NOW)
        s.commit()
    running = start_server(config)
    yield running, time
    running.stop()


def _token(url: str, user: str) -> str:
    r = httpx.post(f"{url}/v1/auth/token", json={"username": user, "password": "demo"}, timeout=30)
    r.raise_for_status()
    return r.json()["access_token"]


@pytest.fixture
def wall(qtbot, qloop, board_server, tmp_path):
    running, time = board_server
    r = httpx.post(
        f"{running.url}/v1/agents/me/state",
        json={"state": "break"},
        headers={
            "Authorization": f"Bearer {_token(running.url, 'agent3')}",
            "Idempotency-Key": "break-1",
        },
        timeout=30,
    )
    assert r.status_code == 200, r.text
    settings = QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat)
    for key, value in {"wait_warning_s": 30, "wait_critical_s": 55, "abandon_warning": 5,
                       "abandon_critical": 60}.items():  # fmt: skip
        settings.setValue(f"wall/thresholds/{key}", value)
    api = ApiClient(running.url, token=_token(running.url, "supervisor1"))
    clock = Clock(now=time)
    page, feed, _keeper = make_wall(qtbot, api, clock, poll_s=600, settings=settings)
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=20_000):
        feed.start()
    yield page, feed, time, clock, settings
    feed.stop()
    page.stop()
    closing = asyncio.ensure_future(api.aclose())
    qtbot.waitUntil(closing.done, timeout=20_000)
    clock.deleteLater()


def _column(model, row: int, name: str):
    return model.index(row, model.COLUMNS.index(name))


def test_agent_board_shows_every_agent_by_name_with_running_times(wall, qtmodeltester):
    page, feed, time, clock, _settings = wall
    model = page.agents.model
    qtmodeltester.check(model)
    rows = [model.at(r)["user_id"] for r in range(model.rowCount())]
    # busy first, then available, break, offline: the server's order (app.rules.wallboard)
    assert rows == ["u_agent1", "u_agent2", "u_agent3", "u_agent4"]
    lang = language()
    expected = [
        ("김하늘", "on_call", "1 min 30 s" if lang == "en" else "1분 30초"),
        ("이수진", "after_call_work", "30 s" if lang == "en" else "30초"),
        ("박민호", "break", "—"),  # since NOW: no time in the state yet
        ("최유리", "offline", "—"),  # never signed in
    ]
    for row, (name, state, spent) in enumerate(expected):
        assert _column(model, row, "agent").data() == name
        assert _column(model, row, "state").data() == label_of("AgentState", state, lang)
        assert _column(model, row, "time").data() == spent
    assert not any("u_agent" in str(_column(model, r, "agent").data()) for r in range(4))
    polls = []
    feed.sig_snapshot_updated.connect(polls.append)
    time.advance(timedelta(seconds=5))
    clock.tick()  # the shared 1 Hz tick: no request to the server
    assert _column(model, 0, "time").data() == ("1 min 35 s" if lang == "en" else "1분 35초")
    assert _column(model, 2, "time").data() == ("5 s" if lang == "en" else "5초")
    assert polls == []


def test_waits_run_each_second_and_a_new_breach_flashes_chimes_and_is_announced(
    qtbot, wall, qtmodeltester
):
    page, _feed, time, clock, _settings = wall
    waiting = page.contact.waiting_model
    qtmodeltester.check(waiting)
    assert waiting.rowCount() == 1
    wait = _column(waiting, 0, "wait")
    assert wait.data().endswith("50 s" if language() == "en" else "50초")
    assert wait.data().startswith("▲")  # 50 s: over the 30 s warning of the settings file
    assert page.chime.plays == 0  # nothing was critical at the first look... but see abandon
    heard: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: heard.append((text, assertive)))
    page.show_panel(0)
    time.advance(timedelta(seconds=6))
    clock.tick()  # 56 s ≥ 55 s: critical, between two polls
    assert wait.data().startswith("◆")
    assert ("general", "wait") in page.breach.flashing()
    assert page.chime.plays == 1
    assert heard and heard[-1][1] is True  # assertive
    assert "General" in heard[-1][0] or "일반" in heard[-1][0]
    assert page.stack.currentWidget() is page.contact  # the wall turned to the breach
    qtbot.waitUntil(lambda: wait.data(BG) == qcolor("flash"), timeout=20_000)
    time.advance(timedelta(seconds=1))
    clock.tick()  # still breached: not news again
    assert page.chime.plays == 1 and len(heard) == 1


def test_abandon_rate_and_thresholds_from_the_dialog(qtbot, wall):
    page, _feed, _time, _clock, settings = wall
    model = page.contact.model
    row = model.row_of("general")
    cell = _column(model, row, "abandon")
    # 1 abandoned of 4 offered (C-ON, C-ACW, C-DONE answered): 60 % critical in the file
    assert cell.data() == "▲ 25%"
    assert page.chime.plays == 0
    dialog = page.open_thresholds()
    qtbot.addWidget(dialog)
    dialog.fields["abandon_warning"].setValue(50)
    dialog.fields["abandon_critical"].setValue(20)
    dialog.save_button.click()  # refused: warning above critical
    assert dialog.isVisible() and dialog.errors["abandon_critical"].isVisible()
    assert float(settings.value("wall/thresholds/abandon_critical")) == 60  # nothing written
    dialog.fields["abandon_warning"].setValue(5)
    with qtbot.waitSignal(page.sig_thresholds_changed, timeout=20_000):
        dialog.save_button.click()
    assert float(settings.value("wall/thresholds/abandon_critical")) == 20
    assert cell.data() == "◆ 25%"
    assert ("general", "abandon") in page.breach.flashing() and page.chime.plays == 1
    qtbot.waitUntil(lambda: cell.data(BG) == qcolor("flash"), timeout=20_000)
    # muted: a breach that clears and comes back is announced and flashes, but is silent
    for critical, mute in ((60, True), (20, True)):
        dialog = page.open_thresholds()
        qtbot.addWidget(dialog)
        dialog.fields["abandon_critical"].setValue(critical)
        dialog.mute.setChecked(mute)
        with qtbot.waitSignal(page.sig_thresholds_changed, timeout=20_000):
            dialog.save_button.click()
    assert ("general", "abandon") in page.breach.flashing()
    assert page.chime.plays == 1 and page.chime.muted
    assert settings.value("wall/sound_muted") == "true"
