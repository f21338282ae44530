"""Screenshots of the decision and checkpoint pages at 1600×1000 in the real shell, from a real
store seeded like the change feed would (``python -m tests.qt.decision.shots [OUT_DIR]``)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.domain.enums import Role
from tests.qt.decision.demo_data import EXEC_CAPACITY, NOW, build_store, checkpoint_ids
from ui.look import apply_font, install_language, load_theme, register_fonts
from widgets.clock import Clock, ManualTime

SHOTS = [
    ("decision", EXEC_CAPACITY, "u_senior1", [Role.SENIOR_REVIEWER]),
    ("checkpoint-sc", checkpoint_ids()[0], "u_admin1", [Role.OPS_ADMIN]),
    ("checkpoint-ec", checkpoint_ids()[1], "u_admin1", [Role.OPS_ADMIN]),
    ("approvals", None, "u_senior1", [Role.SENIOR_REVIEWER]),
]


def window_for(store, clock, user: str, roles):
    from ui.bridge import SyncBridge
    from ui.context import AppContext, UserInfo
    from ui.main_window import MainWindow
    from ui.tasks import TaskKeeper

    bridge = SyncBridge(store)
    context = AppContext(store, clock, TaskKeeper(), bridge, UserInfo(user, user, roles))
    window = MainWindow(context)
    bridge.setParent(window)
    return window


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    apply_font(app)
    load_theme(app, "light")
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("ko", "en"):
        install_language(app, lang)
        for name, entity, user, roles in SHOTS:
            with tempfile.TemporaryDirectory() as tmp:
                store = build_store(Path(tmp) / "shots.sqlite3")
                clock = Clock(now=ManualTime(NOW))
                window = window_for(store, clock, user, roles)
                window.context.lang = lang
                window.resize(1600, 1000)
                window.show_page(name.split("-")[0], entity)
                window.show()
                for _ in range(5):
                    app.processEvents()
                clock.tick()
                app.processEvents()
                window.grab().save(str(out / f"{name}-{lang}.png"), "PNG")
                window.close()
                window.deleteLater()
                app.processEvents()
                store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
