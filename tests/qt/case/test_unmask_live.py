"""The case page's Unmask against the real reference server on 127.0.0.1 (demo data): it asks
for a reason, shows the one full value the server returns, takes it off the screen 60 s later
on the shared clock (driven by hand), and the value never reaches the local store (file and
WAL read raw), the outbox, the log or the clipboard."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import func, select

from app.store.local_models import OutboxRow
from app.store.store import Store
from server import pii
from sync.auth import login
from sync.wiring import build_engine
from ui.bridge import SyncBridge
from ui.case.page import CasePage
from ui.context import AppContext, UserInfo
from ui.demo import start_demo_server
from ui.tasks import TaskKeeper

CASE = "case_vip_001"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    server = start_demo_server(tmp_path_factory.mktemp("unmask"), live=False)
    yield server
    server.stop()


def _raw(path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    )


def _run(qtbot, coro, timeout: int = 30_000):
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.mark.parametrize("username", ["reviewer1", "supervisor1"])
def test_unmask_asks_a_reason_shows_the_value_for_60_s_and_stores_nothing(
    qtbot, qloop, tmp_path, demo_server, clock, manual_time, caplog, username
):
    caplog.set_level(logging.DEBUG)
    session = _run(qtbot, login(demo_server.url, username, "demo"))
    path = tmp_path / "client.sqlite3"
    store = Store.open(path)
    bridge = SyncBridge(store)
    info = UserInfo.from_wire({"id": session.user["id"], **session.user})
    context = AppContext(store, clock, TaskKeeper(), bridge, info, "en", demo_server.url)
    engine = build_engine(store, session, live=False)
    bridge.attach(engine)
    page = CasePage(context)
    qtbot.addWidget(page)
    try:
        _run(qtbot, engine.sync_once())
        assert page.show_case(CASE)
        masked = page.groups["customer"].value("Resident ID")
        assert "•" in masked
        if username == "supervisor1":  # no unmask for supervisors (API.md)
            assert page.unmask_button.isHidden()
            return
        with demo_server.running.app.state.db.read() as s:
            full = pii.full_value(s, "case", CASE, "resident_id")
        assert full and full[-4:] == masked[-4:]
        page.show()
        page.unmask_button.click()
        panel = page.unmask_panel
        assert panel.isVisible() and not panel.value_visible()
        panel.field.setCurrentIndex(panel.field.findData("resident_id"))
        with qtbot.waitSignal(panel.sig_failed):
            panel.show_button.click()  # a reason first
        assert "reason" in panel.message.text()
        panel.reason.setText("대출 심사 본인 확인")  # (QTest types ASCII only)
        with qtbot.waitSignal(panel.sig_value_shown, timeout=15_000) as shown:
            qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
        assert shown.args == ["resident_id"]
        assert panel.value.text() == f"Resident ID: {full} · hidden in 60 s"
        assert panel.value.isVisible()
        assert panel.value.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
        assert panel.value.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
        assert page.groups["customer"].value("Resident ID") == masked  # the table stays masked
        manual_time.advance(timedelta(seconds=59))
        clock.tick()
        assert (
            panel.value_visible() and panel.value.text() == f"Resident ID: {full} · hidden in 1 s"
        )
        manual_time.advance(timedelta(seconds=1))
        with qtbot.waitSignal(panel.sig_value_hidden, timeout=20_000):
            clock.tick()
        assert not panel.value_visible() and panel.value.text() == "" and panel.value.isHidden()
        _run(qtbot, engine.sync_once())  # a sync after the unmask brings nothing new either
        with store.session() as s:
            assert s.execute(select(func.count()).select_from(OutboxRow)).scalar_one() == 0
        assert full.encode() not in _raw(path)
        assert "".join(ch for ch in full if ch.isdigit()).encode() not in _raw(path)
        assert full not in caplog.text
        assert QGuiApplication.clipboard().text() != full
    finally:
        _run(qtbot, engine.stop())
        bridge.detach()
        page.close()
        store.close()
