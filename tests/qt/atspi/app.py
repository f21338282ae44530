"""The workstation's window on one page over a small real store, for the AT-SPI walk:
``python -m tests.qt.atspi.app STORE_DIR PAGE`` (runs until killed)."""

from __future__ import annotations

import sys
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from app.domain.enums import Role
from tests.qt.data import NOW, build_store
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.look import register_fonts
from ui.main_window import MainWindow
from ui.tasks import TaskKeeper
from widgets.clock import Clock, ManualTime


def main() -> None:
    folder, page = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(["atspi-walk"])
    app.setApplicationName("atspi-walk")
    loop = qasync.QEventLoop(app)
    register_fonts()
    store = build_store(folder / "walk.sqlite3", 40)
    bridge = SyncBridge(store)
    user = UserInfo("reviewer1", "김검토", [Role.REVIEWER])
    context = AppContext(store, Clock(now=ManualTime(NOW)), TaskKeeper(), bridge, user, "en")
    window = MainWindow(context)
    window.resize(1600, 1000)
    window.show()
    window.show_page(page)
    window.activateWindow()
    first = window.focus_order()[0]
    first.setFocus()
    print("READY", flush=True)
    with loop:
        loop.run_forever()


if __name__ == "__main__":
    main()
