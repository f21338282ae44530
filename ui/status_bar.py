"""The window's status bar: connection state, last sync, pending actions, Sync problems.

Before the sync engine has said anything the state reads "Connecting…", not "Offline": at the
first start the embedded server may still be starting, and nothing has failed yet. A long pull
shows its progress ("Loading 1,200 of 31,000")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from widgets import a11y
from widgets.formatting import local_time


class ShellStatusBar(QStatusBar):
    """Shows what the sync bridge reports; the button opens the Sync problems page."""

    sig_problems_requested = Signal()
    """Emitted when the user clicks the "Sync problems" button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.connection = QLabel(self)
        self.connection.setObjectName("connectionState")
        self.connection.setAccessibleName(self.tr("Connection state"))
        self.user = QLabel(self)
        self.user.setAccessibleName(self.tr("Signed-in user"))
        self.last_sync = QLabel(self)
        self.last_sync.setAccessibleName(self.tr("Last sync"))
        self.pending = QLabel(self)
        self.pending.setAccessibleName(self.tr("Actions waiting to sync"))
        self.problems = QPushButton(self)
        self.problems.setObjectName("syncProblemsButton")
        self.problems.setAccessibleName(self.tr("Open sync problems"))
        self.problems.clicked.connect(self.sig_problems_requested)
        self.addWidget(self.connection)
        self.addWidget(self.user)
        self.addPermanentWidget(self.last_sync)
        self.addPermanentWidget(self.pending)
        self.addPermanentWidget(self.problems)
        self.set_state("connecting", "")
        self.set_last_sync(None)
        self.set_outbox(0, 0)

    def set_state(self, state: str, detail: str) -> None:
        text = {
            "offline": self.tr("● Offline — working from local data"),
            "connecting": self.tr("● Connecting…"),
            "syncing": self.tr("● Syncing…"),
            "online": self.tr("● Online"),
            "error": self.tr("● Sync needs attention"),
        }.get(state, state)
        changed = self.connection.property("state") not in (None, state)
        self.connection.setText(text)
        self.connection.setToolTip(detail)
        plain = text.lstrip("● ")
        self.connection.setAccessibleName(a11y.name_with_value(self.tr("Connection state"), plain))
        if changed:
            a11y.announce(self.connection, plain, assertive=state == "error")
        self.connection.setProperty("state", state)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)

    def set_progress(self, done: int, total: int) -> None:
        """A pull of several pages under way (``total`` -1 when the server did not say)."""
        if total >= 0 and done >= total:
            return  # the engine's next state ("Online") replaces the progress
        if total < 0:
            text = self.tr("● Loading {done}…").format(done=f"{done:,}")
        else:
            text = self.tr("● Loading {done} of {total}").format(
                done=f"{done:,}", total=f"{total:,}"
            )
        self.connection.setText(text)

    def set_user(self, text: str) -> None:
        self.user.setText(text)
        self.user.setAccessibleName(a11y.name_with_value(self.tr("Signed-in user"), text))

    def set_last_sync(self, at: datetime | None) -> None:
        when = local_time(at, "%H:%M:%S") if at else self.tr("never")
        self.last_sync.setText(self.tr("Last sync: {when}").format(when=when))
        self.last_sync.setAccessibleName(a11y.name_with_value(self.tr("Last sync"), when))

    def set_outbox(self, pending: int, problems: int) -> None:
        self.pending.setText(self.tr("Pending actions: {n}").format(n=pending))
        self.problems.setText(self.tr("Sync problems ({n})").format(n=problems))
        self.problems.setProperty("alert", problems > 0)
        self.pending.setAccessibleName(
            a11y.name_with_value(self.tr("Actions waiting to sync"), str(pending))
        )
        self.problems.setAccessibleName(
            a11y.name_with_value(self.tr("Open sync problems"), str(problems))
        )
