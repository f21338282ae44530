"""The sign-in dialog painted before the app's event loop exists.

When the app will certainly ask for a sign-in (not demo mode, no screenshot, and no remembered
user whose token the keyring may still hold), :func:`show_early` builds the dialog and runs Qt
until its first paint — before ``qasync`` and ``asyncio`` are imported (~35 ms of the start on
this machine, benchmarks/README.md). The runtime then takes the dialog over
(``Runtime.ask_login``); what the user did in between (a sign-in request, closing it) is kept by
:class:`EarlyLogin` and replayed, so nothing typed or clicked is lost.

Qt only: no asyncio here (that is the point).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.login_dialog import LoginDialog
from ui.options import Options, sign_in_as
from ui.time_zone import workstation_settings

PAINT_WAIT_MS = 2_000  # never wait longer than this for the first paint


class EarlyLogin(QObject):
    """A sign-in dialog already on screen, and what the user did before the runtime took it."""

    def __init__(self, dialog: LoginDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.requests: list[tuple[str, str, str, bool]] = []
        self.finished: int | None = None
        dialog.sig_login_requested.connect(self._on_request)
        dialog.finished.connect(self._on_finished)

    def _on_request(self, *args: Any) -> None:
        self.requests.append(args)  # type: ignore[arg-type]

    def _on_finished(self, result: int) -> None:
        self.finished = result

    def hand_over(self) -> tuple[list[tuple[str, str, str, bool]], int | None]:
        """Stop keeping; (the sign-in requests made so far, the dialog's result if it closed)."""
        self.dialog.sig_login_requested.disconnect(self._on_request)
        self.dialog.finished.disconnect(self._on_finished)
        return self.requests, self.finished


class _Painted(QObject):
    def __init__(self, window: QWidget, loop: QEventLoop) -> None:
        super().__init__(loop)
        self._window, self._loop = window, loop

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is self._window
        ):
            QTimer.singleShot(0, self._loop.quit)  # after this paint has returned
        return False


def needs_dialog(opts: Options, settings: QSettings) -> tuple[str, str] | None:
    """(server URL, user) to show the dialog with, or None when the app may not ask at all."""
    if opts.demo or opts.screenshot or opts.screenshots:
        return None
    url, user = sign_in_as(
        opts, str(settings.value("server_url", "") or ""), str(settings.value("user", "") or "")
    )
    if url and user:
        return None  # a remembered token may sign in without asking (the keyring decides)
    return url, user


def show_early(app: QApplication, opts: Options) -> EarlyLogin | None:
    """Open the sign-in dialog and return once it has been painted (or None, see above)."""
    fields = needs_dialog(opts, workstation_settings())
    if fields is None:
        return None
    dialog = LoginDialog(*fields)
    early = EarlyLogin(dialog)
    loop = QEventLoop()
    painted = _Painted(dialog, loop)
    app.installEventFilter(painted)
    QTimer.singleShot(PAINT_WAIT_MS, loop.quit)
    dialog.open()
    loop.exec()
    app.removeEventFilter(painted)
    return early
