"""Wall mode of the main window (``--wall``, ``--screen N``, ``--rotate-s S``).

``configure(window, opts)`` runs before the first page is built: it records the rotation interval
for the wall page and, with ``--wall``, turns the window into a kiosk — navigation rail, status
bar and the shell's dismissable banner hidden (the wall shows alerts in its own banner, which
never needs a click), full screen on screen ``N`` (0-based, default the primary screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow


@dataclass
class WallSettings:
    rotate_s: float = 20.0
    kiosk: bool = False


SETTINGS = WallSettings()


def configure(window: QMainWindow, opts: Any) -> None:
    SETTINGS.rotate_s = float(getattr(opts, "rotate_s", None) or SETTINGS.rotate_s)
    SETTINGS.kiosk = bool(getattr(opts, "wall", False))
    if not SETTINGS.kiosk:
        return
    for name in ("rail", "banner"):
        part = getattr(window, name, None)
        if part is not None:
            part.setMaximumSize(0, 0)
            part.hide()
    if window.statusBar() is not None:
        window.statusBar().hide()
    window.setCursor(Qt.CursorShape.BlankCursor)  # moves of the mouse still pause rotation
    screens = QGuiApplication.screens()
    index = getattr(opts, "screen", None) or 0
    screen = screens[index] if 0 <= index < len(screens) else QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
        handle = window.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
    window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
