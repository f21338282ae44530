"""Import the heavy, Qt-free part of the app in the background while the login dialog is up.

The login dialog is painted before SQLAlchemy, httpx, keyring and the sync engine are imported
(``ui.app``); the user then types for a few seconds, which is time enough to import them on a
worker thread. Only Qt-free modules are imported there (``app``, ``sync``: no QObject, no
QPixmap is created off the GUI thread). Before the GUI thread imports any of them itself it calls
:func:`wait`, so the two threads never import the same modules at once.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import threading

from PySide6.QtWidgets import QWidget

from ui.first_paint import after_first_paint

log = logging.getLogger(__name__)

AFTER_SIGN_IN = (
    "sync.auth",
    "sync.wiring",
    "app.store.store",
    "app.store.local_models",
    "app.store.inbox",
    "app.rules.sla",
)
"""What the window needs right after sign-in, in import order (all Qt-free)."""

_thread: threading.Thread | None = None


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the GUI thread imports it again and reports the error there
            log.debug("preload of %s failed", name, exc_info=True)
            return


def start(names: tuple[str, ...] = AFTER_SIGN_IN) -> None:
    """Import ``names`` on a daemon thread (once; later calls do nothing)."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_import_all, args=(names,), name="preload", daemon=True)
        _thread.start()


def wait() -> None:
    """Block until the background imports are done (at once when none were started)."""
    if _thread is not None:
        _thread.join()


async def wait_async() -> None:
    """:func:`wait` without blocking the event loop."""
    if _thread is not None and _thread.is_alive():
        await asyncio.to_thread(_thread.join)


def start_after_first_paint(widget: QWidget) -> None:
    """:func:`start` once ``widget`` has been painted for the first time."""
    after_first_paint(widget, start)
