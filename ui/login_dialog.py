"""The sign-in dialog: server URL, user, password, "remember me".

Opened with ``open()`` (never ``exec()`` inside a coroutine); the caller does the network call on
``sig_login_requested`` and answers with :meth:`fail` or ``accept()``. "Remember me" keeps only
the access token, in the OS keyring — never the password.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class LoginDialog(QDialog):
    """Modal to its window, asynchronous to the caller."""

    sig_login_requested = Signal(str, str, str, bool)
    """Emitted with (server URL, user, password, remember) when the user presses Sign in."""

    def __init__(self, server_url: str = "", user: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in — Reviewer Workstation"))
        self.setModal(True)
        self.server = QLineEdit(server_url, self)
        self.server.setAccessibleName(self.tr("Server URL"))
        self.server.setPlaceholderText("https://reviews.example.com")
        self.user = QLineEdit(user, self)
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.remember = QCheckBox(self.tr("Keep me signed in on this computer"), self)
        self.remember.setAccessibleName(self.tr("Remember me"))
        self.remember.setToolTip(self.tr("Stores only the access token, in the system keyring."))
        self.error = QLabel(self)
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.sign_in = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in.setText(self.tr("Sign in"))
        self.sign_in.setObjectName("primaryButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.buttons.accepted.connect(self._on_sign_in_clicked)
        self.buttons.rejected.connect(self.reject)
        (self.password if server_url and user else self.server).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _on_sign_in_clicked(self) -> None:
        url, user, password = (w.text().strip() for w in (self.server, self.user, self.password))
        if not (url and user and password):
            self.fail(self.tr("Enter the server, your user name and your password."))
            return
        self.set_busy(True)
        self.sig_login_requested.emit(url.rstrip("/"), user, password, self.remember.isChecked())

    def set_busy(self, busy: bool) -> None:
        self.sign_in.setEnabled(not busy)
        self.sign_in.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def fail(self, message: str) -> None:
        """Show why signing in did not work and let the user try again."""
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()
        self.password.selectAll()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
