"""After-call work: the drafted summary, disposition, follow-up, callback time, case link, and
the wrap-up (ACW) timer. The form only collects; the page saves it through
app.services.call_actions (outbox, offline-safe) and hands back field errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.call_actions import DISPOSITIONS
from ui.call.common import section_title
from widgets.a11y import announce
from widgets.formatting import display_zone


def _elapsed(delta: timedelta) -> str:
    total = max(0, int(delta.total_seconds()))
    minutes, seconds = divmod(total, 60)
    return f"{minutes:02d}:{seconds:02d}"


class AfterCallWorkPanel(QFrame):
    sig_save_requested = Signal(object)
    """Emitted with the form (dict) when the agent clicks Save."""

    sig_redraft_requested = Signal()
    """Emitted when the agent asks for the summary to be drafted again from the transcript."""

    def __init__(self, lang: str = "ko", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acwPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._acw_since: datetime | None = None
        self.title = section_title(self.tr("After-call work"), self)
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("acwTimer")
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("acwSummary")
        self.summary.setPlaceholderText(self.tr("Summary of the call"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.redraft = QPushButton(self.tr("Draft from transcript"), self)
        self.disposition = QComboBox(self)
        self.disposition.setAccessibleName(self.tr("Disposition"))
        self.disposition.addItem(self.tr("Choose…"), "")
        for key, (ko, en) in DISPOSITIONS.items():
            self.disposition.addItem(ko if lang == "ko" else en, key)
        self.follow_up = QPlainTextEdit(self)
        self.follow_up.setPlaceholderText(self.tr("What happens next, and who does it"))
        self.follow_up.setAccessibleName(self.tr("Follow-up"))
        self.follow_up.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.callback_on = QCheckBox(self.tr("Callback at"), self)
        self.callback_at = QDateTimeEdit(self)
        self.callback_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.callback_at.setCalendarPopup(True)
        self.callback_at.setTimeZone(_qzone())
        self.callback_at.setEnabled(False)
        self.case_link = QComboBox(self)
        self.case_link.setEditable(True)
        self.case_link.setAccessibleName(self.tr("Linked case"))
        self.case_link.lineEdit().setPlaceholderText(self.tr("Case id (optional)"))
        self.new_case = QCheckBox(self.tr("Ask for a new case"), self)
        self.errors = QLabel(self)
        self.errors.setObjectName("formErrors")
        self.errors.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("acwStatus")
        self.save_button = QPushButton(self.tr("Save after-call work"), self)
        self.save_button.setObjectName("saveAcw")
        self.save_button.setDefault(True)
        self._build()
        self.callback_on.toggled.connect(self.callback_at.setEnabled)
        self.redraft.clicked.connect(self.sig_redraft_requested)
        self.save_button.clicked.connect(self._on_save_clicked)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.timer_label)
        callback = QHBoxLayout()
        callback.addWidget(self.callback_on)
        callback.addWidget(self.callback_at, 1)
        case = QHBoxLayout()
        case.addWidget(self.case_link, 1)
        case.addWidget(self.new_case)
        form = QFormLayout()
        form.addRow(self.tr("Disposition"), self.disposition)
        form.addRow(self.tr("Follow-up"), self.follow_up)
        form.addRow(self.tr("Callback"), callback)
        form.addRow(self.tr("Case"), case)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(head)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.redraft)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addLayout(bottom)
        self.errors.hide()

    # -- state ------------------------------------------------------------------------------------
    def reset(self, cases: list[str], now: datetime) -> None:
        self._acw_since = None
        self.summary.clear()
        self.disposition.setCurrentIndex(0)
        self.follow_up.clear()
        self.callback_on.setChecked(False)
        self.callback_at.setDateTime(_qdt(now + timedelta(hours=1)))
        self.case_link.clear()
        self.case_link.addItem("")
        self.case_link.addItems(cases)
        self.new_case.setChecked(False)
        self.errors.hide()
        self.status.setText("")
        self.save_button.setEnabled(True)
        self.timer_label.setText("")

    def set_draft(self, text: str, *, force: bool = False) -> None:
        """Fill the summary unless the agent already typed one (``force`` overrides)."""
        if force or not self.summary.toPlainText().strip():
            self.summary.setPlainText(text)

    def start_timer(self, since: datetime) -> None:
        if self._acw_since is None:
            self._acw_since = since

    def tick(self, now: datetime) -> None:
        if self._acw_since is None:
            self.timer_label.setText("")
            return
        self.timer_label.setText(
            self.tr("Wrap-up {elapsed}").format(elapsed=_elapsed(now - self._acw_since))
        )

    def form(self) -> dict:
        out: dict = {
            "summary": self.summary.toPlainText(),
            "disposition": self.disposition.currentData() or "",
            "follow_up": self.follow_up.toPlainText(),
        }
        if self.callback_on.isChecked():
            secs = self.callback_at.dateTime().toSecsSinceEpoch()
            out["callback_at"] = datetime.fromtimestamp(secs, UTC)
        case_id = self.case_link.currentText().strip()
        if case_id:
            out["case_id"] = case_id
        return out

    def show_errors(self, messages: dict[str, str]) -> None:
        if not messages:
            self.errors.hide()
            return
        self.errors.setText("\n".join(f"• {text}" for text in messages.values()))
        announce(self.errors, " ".join(messages.values()), assertive=True)
        self.errors.show()

    def mark_saved(self, text: str) -> None:
        self.errors.hide()
        self.status.setText(text)
        announce(self.status, text)
        self.save_button.setEnabled(False)
        self._acw_since = None

    def _on_save_clicked(self) -> None:
        self.sig_save_requested.emit(self.form())


def _qzone() -> QTimeZone:
    """The display zone (the user's setting) as Qt's zone, for the callback editor."""
    return QTimeZone(display_zone().key.encode())


def _qdt(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _qzone())
