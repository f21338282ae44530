"""Start-up order: the login dialog needs no heavy import, the shiboken import hook's fast check
answers as the original, and work deferred to the first paint runs once after it."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from ui import qt_boot
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


def test_the_fast_feature_check_answers_as_shiboken() -> None:
    importlib.import_module("ui.main_window")
    importlib.import_module("app.rules.sla")
    assert qt_boot.speed_up_feature_scan()  # in place (ui/__init__.py did it)
    feature = sys.modules[qt_boot._FEATURE]
    fast = feature._mod_uses_pyside
    assert getattr(fast, "fast", False)
    slow = fast.__closure__[0].cell_contents  # the original shiboken check
    modules = [
        m
        for name, m in sorted(sys.modules.items())
        if name.startswith(("ui.", "widgets.", "app.", "sync.", "sqlalchemy.orm", "PySide6"))
    ]
    assert len(modules) > 50
    assert [fast(m) for m in modules] == [slow(m) for m in modules]
    assert fast(sys.modules["ui.main_window"]) and not fast(sys.modules["app.rules.sla"])


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
