"""Render the call page at 1600×1000 in Korean and English into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.qt.call.make_screenshots

A real store (tmp dir) holds the angry-customer call played up to its last turn, the demo queues
and knowledge articles; the window is the real MainWindow with the call page shown.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from app.domain.enums import Role
from app.store.store import Store
from tests.qt.call.helpers import (
    ROOT,
    call_wire,
    load_script,
    script_segments,
    seed_reference,
    store_segments,
)
from ui.look import apply_font, install_language, load_theme, register_fonts

NOW = datetime(2026, 11, 23, 1, 5, tzinfo=UTC)


def render(lang: str, out: Path) -> None:
    import qasync

    from ui.bridge import SyncBridge
    from ui.context import AppContext, UserInfo
    from ui.main_window import MainWindow
    from ui.tasks import TaskKeeper
    from widgets.clock import Clock, ManualTime

    app = QApplication.instance()
    install_language(app, lang)
    loop = qasync.QEventLoop(app, already_running=False)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "shot.sqlite3")
        seed_reference(store)
        script = load_script("angry_customer_fee")
        from tests.qt.call.helpers import apply

        apply(store, "call", [call_wire("call_demo_0001", script, NOW.replace(minute=2))])
        wires = script_segments(script, summary=False)
        cut = len(wires) - 2  # the last turn still being spoken: a partial on screen
        store_segments(store, "call_demo_0001", wires[:cut], NOW)
        clock = Clock(now=ManualTime(NOW))
        bridge = SyncBridge(store)
        user = UserInfo("u_agent1", "김하늘", [Role.AGENT])
        window = MainWindow(AppContext(store, clock, TaskKeeper(), bridge, user, lang))
        window.resize(QSize(1600, 1000))
        page = window.show_page("call")
        window.show()
        for _ in range(30):
            app.processEvents()
            loop.run_until_complete(__import__("asyncio").sleep(0.03))
        page.sentiment.chart.flush()
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out), "PNG")
        print("saved", out)
        page.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
        store.close()
    loop.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    apply_font(app)
    load_theme(app, "light")
    for lang in ("ko", "en"):
        render(lang, ROOT / "docs" / "screenshots" / f"call-{lang}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
