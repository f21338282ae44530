"""Cold-process probes, run by ``benchmarks.startup`` / ``benchmarks.memory`` as
``python -m benchmarks.child MODE T0_MS [ARGS]``; prints one JSON line and exits.

``T0_MS`` is the parent's ``time.monotonic()`` in ms just before it spawned this process
(CLOCK_MONOTONIC is system-wide), so times include interpreter start and every import.

- ``bare``: a bare QApplication and one plain window → its first paint (the floor).
- ``login URL DATA_DIR``: the real ``ui.main.main`` with no saved sign-in and an empty data dir
  → the login dialog's first paint.
- ``inbox STORE [rss]``: what ``ui.app.Runtime.run`` does once signed in, in the same order (theme,
  font, language; then the imports of the store and the window, store, clock, bridge, main window
  on the inbox, shown; the app builds the sync engine only after that first paint) → the inbox
  table's first paint with rows. With ``rss``: then scroll the inbox to the end, open the call
  page, and report RSS.
"""

from __future__ import annotations

import json
import os
import sys
import time


def now_ms() -> float:
    return time.monotonic() * 1000.0


def _done(payload: dict) -> None:
    print(json.dumps(payload), flush=True)
    os._exit(0)  # no teardown: the figure is the first paint, not the shutdown


def _on_first_paint(app, match, then) -> None:
    """Call ``then()`` once right after the first Paint event of a widget ``match`` accepts."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Probe(QObject):
        fired = False

        def eventFilter(self, obj, event) -> bool:
            if not self.fired and event.type() == QEvent.Type.Paint and match(obj):
                self.fired = True
                QTimer.singleShot(0, then)  # after this paint returned
            return False

    probe = Probe(app)
    app.installEventFilter(probe)
    app._bench_probe = probe  # keep it alive


def bare(t0: float) -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    window = QLabel("Reviewer Workstation")
    window.resize(480, 320)
    _on_first_paint(app, lambda o: o is window, lambda: _done({"ms": now_ms() - t0}))
    window.show()
    app.exec()


def login(t0: float, url: str, data_dir: str) -> None:
    import ui.main

    real_make_app = ui.main.make_app

    def make_app(opts):
        app, lang = real_make_app(opts)
        from ui.login_dialog import LoginDialog

        probe = _on_first_paint  # the dialog is built later, by Runtime.ask_login
        probe(app, lambda o: isinstance(o, LoginDialog), lambda: _done({"ms": now_ms() - t0}))
        return app, lang

    ui.main.make_app = make_app
    ui.main.main(["--server", url, "--data-dir", data_dir])
    _done({"ms": None, "error": "the app ended without painting a login dialog"})


def inbox(t0: float, store_path: str, rss: bool) -> None:
    from benchmarks.harness import pin_none

    pin_none()
    from pathlib import Path

    from ui.main import make_app
    from ui.options import Options

    opts = Options()
    app, lang = make_app(opts)
    # Runtime.run once signed in, in its order (imports after sign-in; sync engine after paint)
    from app.domain.enums import Role
    from app.store.store import Store
    from ui import errors
    from ui.bridge import SyncBridge
    from ui.context import AppContext, UserInfo
    from ui.first_paint import after_first_paint
    from ui.main_window import MainWindow
    from ui.tasks import TaskKeeper
    from ui.wall.kiosk import configure as configure_wall
    from widgets.clock import Clock

    store = Store.open(Path(store_path))
    clock = Clock()
    bridge = SyncBridge(store)
    clock.set_offset_seconds(bridge.server_offset_s())
    bridge.sig_sync_finished.connect(lambda _at: clock.set_offset_seconds(bridge.server_offset_s()))
    user = UserInfo("u_admin1", "윤재석", [Role.OPS_ADMIN, Role.SUPERVISOR])
    context = AppContext(store, clock, TaskKeeper(), bridge, user, lang, "http://127.0.0.1")
    window = MainWindow(context)
    errors.set_notifier(lambda text: window.notify(text, "critical"))
    window.resize(1440, 900)
    configure_wall(window, opts)
    page = window.show_page("inbox")
    table = page.table

    def painted() -> None:
        out = {"ms": now_ms() - t0, "rows": page.model.rowCount()}
        if rss:
            out.update(_after_paint(app, window, page))
        _done(out)

    _on_first_paint(app, lambda o: o is table.viewport() and page.model.rowCount() > 0, painted)
    clock.start()
    after_first_paint(window, lambda: None)  # Runtime.run awaits this before the sync engine
    window.show()
    app.exec()


def _after_paint(app, window, page) -> dict:
    import psutil

    proc = psutil.Process()
    out = {"rss_inbox_mb": proc.memory_info().rss / 2**20}
    bar = page.table.verticalScrollBar()
    step = max(bar.pageStep(), (bar.maximum() + 1) // 400)  # the rows' cache fills as it would
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + step)
        app.processEvents()
    out["rss_scrolled_mb"] = proc.memory_info().rss / 2**20
    try:
        window.show_page("call")
        app.processEvents()
        out["call_page"] = type(window.stack.currentWidget()).__name__
    except Exception as exc:  # the call page is still being built by its owner
        out["call_page_error"] = repr(exc)
    out["rss_mb"] = proc.memory_info().rss / 2**20
    return out


def main(argv: list[str]) -> None:
    mode, t0 = argv[0], float(argv[1])
    if mode == "bare":
        bare(t0)
    elif mode == "login":
        login(t0, argv[2], argv[3])
    elif mode == "inbox":
        inbox(t0, argv[2], len(argv) > 3 and argv[3] == "rss")
    else:
        raise SystemExit(f"unknown probe {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
