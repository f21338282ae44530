"""Reassign (``dosctl ops reassign --from --to``, for vacations): every open task of one user and
its case go to another. ops_admin only; the form stays visible, disabled, for supervisors."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import select

from app.store.models import UserRow
from app.store.store import Store

translate = QCoreApplication.translate


def local_users(store: Store) -> list[tuple[str, str]]:
    """(id, display name) of the users the local store knows, by name."""
    with store.session() as session:
        rows = session.execute(select(UserRow.id, UserRow.display_name)).all()
    return sorted(((r[0], r[1] or r[0]) for r in rows), key=lambda r: (r[1], r[0]))


class ReassignForm(QWidget):
    sig_reassign_requested = Signal(str, str)
    """Emitted with (from user id, to user id) when the user confirms."""

    def __init__(self, store: Store, allowed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opsReassign")
        self._store = store
        self.source = QComboBox(self)
        self.target = QComboBox(self)
        self.submit = QPushButton(translate("OpsPage", "Reassign open work"), self)
        self.submit.setObjectName("primaryButton")
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        hint = QLabel(
            translate(
                "OpsPage",
                "Moves every open task of one person (and its case) to another — for "
                "vacations and absences. Needs the ops admin role.",
            ),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("OpsPage", "From"), self.source)
        form.addRow(translate("OpsPage", "To"), self.target)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.submit)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.submit.setEnabled(allowed)
        if not allowed:
            self.submit.setToolTip(translate("OpsPage", "Only an ops admin may reassign work"))
        self.submit.clicked.connect(self._on_submit_clicked)
        self.refresh_users()

    def refresh_users(self) -> None:
        users = local_users(self._store)
        for combo in (self.source, self.target):
            current = combo.currentData()
            combo.clear()
            for uid, name in users:
                combo.addItem(f"{name} ({uid})", uid)
            if current is not None and combo.findData(current) >= 0:
                combo.setCurrentIndex(combo.findData(current))

    def _on_submit_clicked(self) -> None:
        self.sig_reassign_requested.emit(
            str(self.source.currentData() or ""), str(self.target.currentData() or "")
        )
