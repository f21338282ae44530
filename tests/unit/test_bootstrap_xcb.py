"""A real display works after ``scripts/bootstrap.sh``: Qt's xcb platform plugin and the library
it loads at run time (xcb-cursor, "xcb-cursor0 or libxcb-cursor0 is needed") are all found.

Checked with ``ldd`` on the installed PySide6 -- the same check a person makes when the window
does not open. Needs Linux (the project's platform here) and bootstrap run as root on Debian, as
``scripts/test.sh`` does.
"""

from __future__ import annotations

import ctypes.util
import subprocess
from pathlib import Path

import PySide6

QT = Path(PySide6.__file__).parent / "Qt"


def _missing(binary: Path) -> list[str]:
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if "not found" in line]


def test_the_xcb_platform_plugin_finds_every_library() -> None:
    plugin = QT / "plugins" / "platforms" / "libqxcb.so"
    qpa = QT / "lib" / "libQt6XcbQpa.so.6"
    assert plugin.is_file() and qpa.is_file()
    assert _missing(plugin) == [] and _missing(qpa) == []


def test_the_cursor_library_qt_loads_at_run_time_is_installed() -> None:
    assert ctypes.util.find_library("xcb-cursor") is not None
