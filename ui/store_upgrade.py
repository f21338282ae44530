"""Opening the local store when its file needs upgrade steps (issue 21): the steps run on a
worker thread while a small window says what is happening, so the app does not look hung.

A file written by an older version gets the steps it lacks on open (``app.store.schema``); one
of them can take a minute at 1 000 000 cases. :func:`open_store` asks first which steps the file
needs (a quick read); none (a current or a brand-new file) opens it at once, as before.
Otherwise :class:`UpgradeWindow` shows the step ("Step 1 of 1: indexes for active cases"), a busy
bar, the time elapsed (each second) and that the app must not be closed and loses nothing if it
is: each step commits in one transaction with its version stamp (explicit ``BEGIN``,
``app.store.store``; SQLite's DDL is transactional), so a step cut off leaves the file at the
version before it, and the next start runs it again. Screen readers get the window's name and
each step as it starts. A step that fails shows :func:`failure_box` naming the step and the
error; the file stays at the version before that step and :func:`open_store` returns ``None``
(the app then exits with status 1).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from ui.gc_guard import collection_paused
from widgets import a11y
from widgets.formatting import format_duration

if TYPE_CHECKING:
    from app.store.schema import OnStep
    from app.store.store import Store

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

STEP_WORDS = {
    # app.store.schema.step_name(n) -> what the step does, as the window says it
    "create_all": QT_TRANSLATE_NOOP("StoreUpgrade", "tables of the store"),
    "customer_sort_index": QT_TRANSLATE_NOOP("StoreUpgrade", "index for sorting by customer"),
    "status_queue_index": QT_TRANSLATE_NOOP(
        "StoreUpgrade", "indexes for sorting by status and queue"
    ),
    "generated_table": QT_TRANSLATE_NOOP("StoreUpgrade", "table of generated content"),
    "feed_quarantine": QT_TRANSLATE_NOOP("StoreUpgrade", "list of changes the app cannot apply"),
    "mask_identifiers": QT_TRANSLATE_NOOP("StoreUpgrade", "masking customer identifiers"),
    "acw_drafts": QT_TRANSLATE_NOOP("StoreUpgrade", "drafts of after-call work"),
    "active_indexes": QT_TRANSLATE_NOOP("StoreUpgrade", "indexes for active cases"),
}


def step_words(name: str) -> str:
    """What step ``name`` does, in the UI language (its name itself for an unknown step)."""
    return translate("StoreUpgrade", STEP_WORDS[name]) if name in STEP_WORDS else name


def step_line(done: int, total: int, name: str) -> str:
    """ "Step 1 of 1: indexes for active cases" for the step after ``done`` finished ones."""
    return translate("StoreUpgrade", "Step {n} of {total}: {step}").format(
        n=done + 1, total=total, step=step_words(name)
    )


class UpgradeWindow(QDialog):
    """The progress window: title, step, busy bar, elapsed time, "do not close" line. It cannot
    be closed by the user while the upgrade runs (the worker cannot be stopped part-way)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeUpgradeWindow")
        title = translate("StoreUpgrade", "Upgrading the local store")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        self.heading = QLabel(title, self)
        self.heading.setObjectName("pageTitle")  # the themes' heading style
        self.step = QLabel(self)
        self.step.setObjectName("storeUpgradeStep")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # indeterminate: a step reports no progress of its own
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(translate("StoreUpgrade", "Upgrade in progress"))
        self.elapsed = QLabel(self)
        self.elapsed.setObjectName("storeUpgradeElapsed")
        self.warning = QLabel(
            translate(
                "StoreUpgrade",
                "Please do not close the app until this finishes. If it is closed anyway, "
                "nothing is lost: the store stays as it was before this step, and the upgrade "
                "runs again at the next start.",
            ),
            self,
        )
        self.warning.setObjectName("storeUpgradeWarning")
        self.warning.setWordWrap(True)
        self.setAccessibleDescription(self.warning.text())
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.step, self.bar, self.elapsed, self.warning):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._running = True
        self._clock = QElapsedTimer()
        self._clock.start()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._on_tick()

    def show_step(self, done: int, total: int, name: str) -> None:
        """The step after ``done`` finished ones of ``total`` starts: show and announce it."""
        line = step_line(done, total, name)
        if line == self.step.text():
            return
        self.step.setText(line)
        self.step.setAccessibleName(line)
        a11y.announce(self, line)

    def _on_tick(self) -> None:
        seconds = self._clock.elapsed() // 1000
        self.elapsed.setText(
            translate("StoreUpgrade", "Elapsed: {time}").format(
                time=format_duration(timedelta(seconds=seconds))
            )
        )

    def finish(self) -> None:
        """The upgrade ended: stop the clock and close."""
        self._running = False
        self._tick.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()  # the step goes on in its thread whatever the window does
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Escape
        if not self._running:
            super().reject()


def error_text(exc: BaseException) -> str:
    """The database's own message where there is one (no SQL, no link), else the exception's."""
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc) or type(exc).__name__


def failure_box(step: str, exc: BaseException, *, upgrading: bool = True) -> QMessageBox:
    """The error window: which step failed and why, and that the file was left as it was
    (``upgrading`` False: the file could not even be opened to read its version)."""
    title = (
        translate("StoreUpgrade", "The local store could not be upgraded")
        if upgrading
        else translate("StoreUpgrade", "The local store could not be opened")
    )
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        title,
        translate("StoreUpgrade", "The upgrade step \u201c{step}\u201d failed: {error}").format(
            step=step, error=error_text(exc)
        )
        if upgrading
        else translate("StoreUpgrade", "{step} failed: {error}").format(
            step=step, error=error_text(exc)
        ),
        QMessageBox.StandardButton.Close,
    )
    box.setObjectName("storeUpgradeFailed")
    box.setInformativeText(
        translate(
            "StoreUpgrade",
            "The store file was left as it was before this step. The app will now close; "
            "nothing you did was lost.",
        )
        if upgrading
        else translate("StoreUpgrade", "The store file was not changed. The app will now close.")
    )
    box.setAccessibleName(box.windowTitle())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def _open(path: Path, on_step: OnStep) -> Store:
    from app.store.store import Store

    with collection_paused():  # no Qt wrapper collected off the GUI thread (ui.gc_guard)
        return Store.open(path, on_step=on_step)


async def open_store(path: Path) -> Store | None:
    """The store at ``path``, upgraded behind :class:`UpgradeWindow` on a worker thread when it
    needs steps; ``None`` when a step failed, or the file could not be opened at all (not a
    database, or written by a newer version), after the user closed the error window."""
    from app.store.store import Store

    try:
        steps = Store.pending_steps(path)
        if not steps:
            return Store.open(path)  # a current or a new file: quick, no window
    except Exception as exc:  # not a database file, or one newer than this app
        log.error("the store could not be opened: %s", error_text(exc))
        await _show_failure(translate("StoreUpgrade", "Opening the store"), exc, upgrading=False)
        return None
    loop = asyncio.get_running_loop()
    window = UpgradeWindow()
    current = [steps[0]]
    window.show()
    window.show_step(0, len(steps), steps[0])  # announced once the window is there

    def on_step(done: int, total: int, name: str) -> None:  # on the worker thread
        current[0] = name
        loop.call_soon_threadsafe(window.show_step, done, total, name)

    log.info("upgrading the store: %s", ", ".join(steps))
    try:
        return await asyncio.to_thread(_open, path, on_step)
    except Exception as exc:
        log.error("store upgrade failed at step %s: %s", current[0], error_text(exc))
        window.finish()
        await _show_failure(step_words(current[0]), exc, upgrading=True)
        return None
    finally:
        window.finish()
        window.deleteLater()


async def _show_failure(step: str, exc: BaseException, *, upgrading: bool) -> None:
    box = failure_box(step, exc, upgrading=upgrading)
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _r: closed.done() or closed.set_result(None))
    box.open()
    a11y.announce(box, box.text(), assertive=True)
    await closed
