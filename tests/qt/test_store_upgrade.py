"""Issue 21: a store file written by an older version is upgraded on a worker thread behind a
progress window (``ui.store_upgrade``), the GUI thread running meanwhile; a failing step shows
an error window naming it and leaves the file at its version."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.store import schema
from app.store.store import Store
from tests.unit.store.old_files import ACTIVE_NAMES, version_7_file
from ui.store_upgrade import UpgradeWindow, open_store
from widgets.a11y import announcer

STEP_EN = "Step 1 of 1: indexes for active cases"
STEP_KO = "1/1단계: 처리 중 케이스 색인"


@pytest.fixture
def heard(qapp):
    """(text, assertive) of every announcement raised during the test."""
    said: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: said.append((text, assertive)))
    yield said
    announcer().sig_announced.disconnect()


def _raw(path: Path) -> sqlite3.Connection:
    """A connection of the test's own, beside the app's (autocommit: BEGIN is explicit)."""
    return sqlite3.connect(path, isolation_level=None, timeout=20)


def _version(path: Path) -> int:
    with _raw(path) as conn:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]


def _active_indexes(path: Path) -> set[str]:
    with _raw(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in rows} & ACTIVE_NAMES


def _shown(kind: type, name: str):
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.objectName() == name and w.isVisible()
    ]
    return found[0] if found else None


def _settle(qapp) -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()


class _LockOnShow(QObject):
    """Application event filter: when the progress window is shown (the version check is done,
    the worker about to start), a connection of the test's own takes the file's exclusive
    lock, so the worker's first read waits in SQLite's busy handler (up to the store's busy
    timeout, 5 s) until the test lets it go."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.lock: sqlite3.Connection | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            self.lock is None
            and event.type() == QEvent.Type.Show
            and isinstance(obj, UpgradeWindow)
        ):
            self.lock = _raw(self.path)
            self.lock.execute("PRAGMA locking_mode=EXCLUSIVE")
            self.lock.execute("BEGIN EXCLUSIVE")
            self.lock.execute("COMMIT")  # the lock stays until the connection closes
        return False

    def release(self) -> None:
        if self.lock is not None:
            self.lock.close()


def test_the_window_shows_the_step_while_the_gui_thread_keeps_running(
    qtbot, qloop, qapp, tmp_path, heard
) -> None:
    """While the upgrade waits in its thread the window shows the step and a timer on the GUI
    thread keeps firing; once let go the store opens at the latest version, the window gone."""
    path = tmp_path / "v7.sqlite3"
    version_7_file(path)
    gate = _LockOnShow(path)
    qapp.installEventFilter(gate)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    try:
        task = asyncio.ensure_future(open_store(path))
        qtbot.waitUntil(lambda: gate.lock is not None, timeout=20_000)
        window = _shown(UpgradeWindow, "storeUpgradeWindow")
        assert window.accessibleName() == window.windowTitle() == "Upgrading the local store"
        assert window.step.text() == STEP_EN
        warning = window.warning.text()
        assert "do not close" in warning and "nothing is lost" in warning
        assert window.bar.minimum() == window.bar.maximum() == 0  # busy, no fake percentage
        assert (STEP_EN, False) in heard
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=20_000)  # the GUI thread runs on
        assert not task.done()
        assert gate.lock.execute("SELECT version FROM schema_version").fetchone()[0] == 7
        window.close()  # the user cannot close it while the step runs
        assert window.isVisible()
    finally:
        timer.stop()
        qapp.removeEventFilter(gate)
        gate.release()
    qtbot.waitUntil(task.done, timeout=20_000)
    store = task.result()
    try:
        assert store is not None
        with store.engine.connect() as conn:
            assert schema.current_version(conn) == schema.LATEST
        _settle(qapp)
        assert _shown(UpgradeWindow, "storeUpgradeWindow") is None
        assert _active_indexes(path) == ACTIVE_NAMES
    finally:
        store.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_failing_step_shows_an_error_window_and_leaves_the_file(
    qtbot, qloop, qapp, tmp_path, heard, request, lang
) -> None:
    """A version 7 file where a table holds the name of an index step 8 makes: the step fails,
    the error window names it and the error, and the file keeps version 7 and no new index."""
    if lang == "ko":
        request.getfixturevalue("lang_ko")
    path = tmp_path / "v7.sqlite3"
    version_7_file(path)
    blocker = sorted(ACTIVE_NAMES)[-1]  # the last one made: the others were made before it
    with _raw(path) as conn:
        conn.execute(f'CREATE TABLE "{blocker}" (x)')
    task = asyncio.ensure_future(open_store(path))
    qtbot.waitUntil(lambda: _shown(QMessageBox, "storeUpgradeFailed") is not None, timeout=20_000)
    box = _shown(QMessageBox, "storeUpgradeFailed")
    step = "처리 중 케이스 색인" if lang == "ko" else "indexes for active cases"
    assert step in box.text() and blocker in box.text()
    assert "SELECT" not in box.text() and "sqlalche.me" not in box.text()  # the message, no SQL
    assert box.accessibleName() == box.windowTitle()
    assert (box.text(), True) in heard  # said at once, assertively
    assert (STEP_KO if lang == "ko" else STEP_EN, False) in heard
    assert _version(path) == 7
    assert _active_indexes(path) == set()  # the indexes made before the failure rolled back
    assert not task.done()  # waits for the user to read it
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() is None  # the app exits with status 1 (ui.app)
    _settle(qapp)
    assert _shown(UpgradeWindow, "storeUpgradeWindow") is None


def test_a_current_file_opens_without_a_window(qtbot, qloop, qapp, tmp_path, heard) -> None:
    path = tmp_path / "current.sqlite3"
    version_7_file(path)
    Store.open(path).close()  # upgraded once
    task = asyncio.ensure_future(open_store(path))
    qtbot.waitUntil(task.done, timeout=20_000)
    store = task.result()
    try:
        assert store is not None and heard == []  # no window, nothing announced
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, UpgradeWindow)]
    finally:
        store.close()


def test_the_window_counts_seconds_and_stays_until_finished(qtbot, qapp, lang_ko) -> None:
    window = UpgradeWindow()
    qtbot.addWidget(window)
    window.show_step(0, 1, "active_indexes")
    window.show()
    assert window.windowTitle() == "이 컴퓨터에 저장된 데이터 업그레이드 중"
    assert window.step.text() == STEP_KO
    assert window.elapsed.text() == "경과 시간: 0초"
    qtbot.waitUntil(lambda: window.elapsed.text() != "경과 시간: 0초", timeout=20_000)
    assert re.fullmatch(r"경과 시간: \d+초", window.elapsed.text())
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.close()
    assert window.isVisible()
    window.finish()
    assert not window.isVisible()


def _refused(qtbot, qapp, path: Path):
    """Open ``path`` through the UI; the error window's text once it shows, after closing it."""
    task = asyncio.ensure_future(open_store(path))
    qtbot.waitUntil(lambda: _shown(QMessageBox, "storeUpgradeFailed") is not None, timeout=20_000)
    box = _shown(QMessageBox, "storeUpgradeFailed")
    text, title = box.text(), box.windowTitle()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() is None
    _settle(qapp)
    return title, text


def test_a_file_that_is_no_database_is_refused_unchanged(qtbot, qloop, qapp, tmp_path) -> None:
    path = tmp_path / "garbage.sqlite3"
    junk = b"not a database at all " * 400
    path.write_bytes(junk)
    title, text = _refused(qtbot, qapp, path)
    assert title == "The local store could not be opened"
    assert text.startswith("Opening the store failed:") and "not a database" in text
    assert path.read_bytes() == junk


def test_a_file_of_a_newer_version_is_refused_unchanged(qtbot, qloop, qapp, tmp_path) -> None:
    path = tmp_path / "future.sqlite3"
    Store.open(path).close()
    with _raw(path) as conn:
        conn.execute("UPDATE schema_version SET version = 999")
    title, text = _refused(qtbot, qapp, path)
    assert title == "The local store could not be opened" and "newer than this app" in text
    assert _version(path) == 999
