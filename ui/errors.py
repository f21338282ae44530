"""The one place for unhandled errors (STYLE.md §9): log, then tell the user in the window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("reviewer-workstation")
_notify: Callable[[str], None] | None = None


def set_notifier(notify: Callable[[str], None] | None) -> None:
    """Where to show errors (the main window's banner); None while no window exists."""
    global _notify
    _notify = notify


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("unhandled error", exc_info=(exc_type, exc, tb))
    if _notify is not None:
        try:
            _notify(f"{exc_type.__name__}: {exc}")
        except Exception:  # the notifier itself must never recurse into the hook
            log.exception("could not show the error notification")


def install() -> None:
    sys.excepthook = excepthook
