"""Start-up order: the login dialog needs no heavy import, and work deferred to the first paint
runs once after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from ui.first_paint import after_first_paint

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "httpx", "keyring", "holidays", "kiwipiepy", "pyqtgraph")


def test_the_login_path_imports_nothing_heavy() -> None:
    code = (
        "import sys, ui.main, ui.app, ui.login_dialog; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_after_first_paint_runs_once_after_the_window_painted(qtbot) -> None:
    window = QWidget()
    QLabel("x", window)
    qtbot.addWidget(window)
    calls: list[int] = []
    after_first_paint(window, lambda: calls.append(1))
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [1])
    window.update()
    qtbot.wait(50)
    assert calls == [1]
