"""ui.tasks.Latest: the newest run's result reaches ``done``; an older one's never does, and
none does once the widget it is for was destroyed (a page's query finishing after the page was
closed called into a deleted table)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from ui.tasks import Latest, TaskKeeper


def test_only_the_newest_result_reaches_done(qtbot, qloop) -> None:
    latest, got = Latest(TaskKeeper()), []
    gates = [asyncio.Event(), asyncio.Event()]

    async def work(i: int) -> int:
        await gates[i].wait()
        return i

    latest.run(lambda: work(0), got.append)
    latest.run(lambda: work(1), got.append)
    gates[1].set()
    gates[0].set()
    qtbot.waitUntil(lambda: not latest.busy(), timeout=20_000)
    assert got == [1]


def test_no_result_reaches_a_destroyed_owner(qtbot, qloop) -> None:
    owner = QWidget()
    latest, got, gate = Latest(TaskKeeper(), owner=owner), [], asyncio.Event()

    async def work() -> str:
        await gate.wait()
        return "rows"

    task = latest.run(work, got.append)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    qtbot.waitUntil(task.done, timeout=20_000)
    assert got == [] and task.cancelled()
