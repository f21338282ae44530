"""After-call work: the drafted summary, disposition, follow-up, callback time, case link, and
the wrap-up (ACW) timer. The form only collects; the page saves it through
app.services.call_actions (outbox, offline-safe) and hands back field errors, each shown under
its own field and cleared as soon as that field changes. Every edit by the agent marks the form
dirty and emits ``sig_form_edited`` so the page keeps the draft in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
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
from widgets.formatting import display_zone
from widgets.palette import css_color


def _elapsed(delta: timedelta) -> str:
    total = max(0, int(delta.total_seconds()))
    minutes, seconds = divmod(total, 60)
    return f"{minutes:02d}:{seconds:02d}"


class AfterCallWorkPanel(QFrame):
    sig_save_requested = Signal(object)
    """Emitted with the form (dict) when the agent clicks Save."""

    sig_redraft_requested = Signal()
    """Emitted when the agent asks for the summary to be drafted again from the transcript."""

    sig_form_edited = Signal()
    """Emitted on each edit the agent makes (not on drafts the page fills in)."""

    FIELDS = ("summary", "disposition", "follow_up", "callback_at", "case_id")

    def __init__(self, lang: str = "ko", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acwPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._acw_since: datetime | None = None
        self._filling = False
        self.dirty = False
        self.saved = False
        self.saving = False  # a save is on its way to the store
        self.title = section_title(self.tr("After-call work"), self)
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("acwTimer")
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("acwSummary")
        self.summary.setPlaceholderText(self.tr("Summary of the call"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
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
        self.callback_at = TypedDateTimeEdit(self)
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
        self.errors.setStyleSheet(css_color("error"))
        self.field_errors: dict[str, QLabel] = {}
        for name in self.FIELDS:
            label = QLabel(self)
            label.setObjectName("fieldError")
            label.setWordWrap(True)
            label.setStyleSheet(css_color("error"))
            label.hide()
            self.field_errors[name] = label
        self.status = QLabel(self)
        self.status.setObjectName("acwStatus")
        self.save_button = QPushButton(self.tr("Save after-call work"), self)
        self.save_button.setObjectName("saveAcw")
        self.save_button.setDefault(True)
        self._build()
        self.callback_on.toggled.connect(self.callback_at.setEnabled)
        self.redraft.clicked.connect(self.sig_redraft_requested)
        self.save_button.clicked.connect(self._on_save_clicked)
        edits = {
            "summary": self.summary.textChanged,
            "disposition": self.disposition.currentIndexChanged,
            "follow_up": self.follow_up.textChanged,
            "callback_at": self.callback_at.dateTimeChanged,
            "case_id": self.case_link.currentTextChanged,
        }
        for name, signal in edits.items():
            signal.connect(lambda *_a, n=name: self._on_edited(n))
        self.callback_on.toggled.connect(lambda *_a: self._on_edited("callback_at"))
        self.new_case.toggled.connect(lambda *_a: self._on_edited(""))
        self.disposition.currentIndexChanged.connect(self._on_disposition_changed)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.timer_label)
        callback = QHBoxLayout()
        callback.addWidget(self.callback_on)
        callback.addWidget(self.callback_at, 1)
        case = QVBoxLayout()  # the box gets the row's width: "케이스 ID (선택)" is not cut
        case.addWidget(self.case_link)
        case.addWidget(self.new_case)
        self.case_link.setMinimumContentsLength(12)  # its placeholder is read in full
        form = QFormLayout()
        form.addRow(self.tr("Disposition"), self._with_error(self.disposition, "disposition"))
        form.addRow(self.tr("Follow-up"), self._with_error(self.follow_up, "follow_up"))
        form.addRow(self.tr("Callback"), self._with_error(callback, "callback_at"))
        form.addRow(self.tr("Case"), self._with_error(case, "case_id"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(head)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.field_errors["summary"])
        layout.addWidget(self.redraft)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addLayout(bottom)
        self.errors.hide()

    def _with_error(self, field: QWidget | QBoxLayout, name: str) -> QWidget:
        """``field`` with its error line right under it."""
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        if isinstance(field, QBoxLayout):
            col.addLayout(field)
        else:
            col.addWidget(field)
        col.addWidget(self.field_errors[name])
        return box

    # -- state ------------------------------------------------------------------------------------
    def reset(self, cases: list[str], now: datetime) -> None:
        self._filling = True
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
        self.show_errors({})
        self.status.setText("")
        self.save_button.setEnabled(True)
        self.timer_label.setText("")
        self.dirty = self.saved = self.saving = False
        self._filling = False

    def set_draft(self, text: str, *, force: bool = False) -> None:
        """Fill the summary unless the agent already typed one (``force`` overrides)."""
        if force or not self.summary.toPlainText().strip():
            self._filling = True
            self.summary.setPlainText(text)
            self._filling = False

    def add_reference(self, line: str) -> bool:
        """Append ``line`` (an article reference) to the summary as its own line, without
        moving the agent's cursor or focus; False when the line is there already or the work
        is saved. The edit counts as the agent's (the draft is kept in the store)."""
        text = self.summary.toPlainText()
        if self.saved or line in text.splitlines():
            return False
        mine = self.summary.textCursor()
        position, anchor = mine.position(), mine.anchor()
        end = QTextCursor(self.summary.document())
        end.movePosition(QTextCursor.MoveOperation.End)
        end.insertText(("\n" if text and not text.endswith("\n") else "") + line)
        kept = self.summary.textCursor()  # the agent's cursor where it was, selection and all
        kept.setPosition(anchor)
        kept.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self.summary.setTextCursor(kept)
        return True

    def draft_state(self) -> dict:
        """The form as typed, for ``app.store.acw_drafts`` (JSON-safe)."""
        secs = self.callback_at.dateTime().toSecsSinceEpoch()
        return {
            "summary": self.summary.toPlainText(),
            "disposition": self.disposition.currentData() or "",
            "follow_up": self.follow_up.toPlainText(),
            "callback_on": self.callback_on.isChecked(),
            "callback_at": datetime.fromtimestamp(secs, UTC).isoformat(),
            "case_id": self.case_link.currentText(),
        }

    def restore(self, draft: dict) -> None:
        """Put a kept draft back (the form counts as edited: it holds the agent's work)."""
        self._filling = True
        self.summary.setPlainText(str(draft.get("summary") or ""))
        i = self.disposition.findData(draft.get("disposition") or "")
        self.disposition.setCurrentIndex(max(0, i))
        self.follow_up.setPlainText(str(draft.get("follow_up") or ""))
        self.callback_on.setChecked(bool(draft.get("callback_on")))
        try:
            at = datetime.fromisoformat(str(draft.get("callback_at")))
            self.callback_at.setDateTime(_qdt(at))
        except ValueError:
            pass
        self.case_link.setCurrentText(str(draft.get("case_id") or ""))
        self._filling = False
        self.dirty = True

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
        """Each message under its field; one the form has no field for above Save."""
        general = []
        for name, label in self.field_errors.items():
            text = messages.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
        for name, text in messages.items():
            if name not in self.field_errors:
                general.append(text)
        self.errors.setText("\n".join(f"• {text}" for text in general))
        self.errors.setVisible(bool(general))
        first = next((n for n in self.FIELDS if n in messages), None)
        widget = {
            "summary": self.summary,
            "disposition": self.disposition,
            "follow_up": self.follow_up,
            "callback_at": self.callback_at if self.callback_on.isChecked() else self.callback_on,
            "case_id": self.case_link,
        }.get(first or "")
        if widget is not None:
            widget.setFocus()

    def field_error(self, name: str) -> str:
        """The error shown under ``name`` ("" when none is showing)."""
        label = self.field_errors[name]
        return label.text() if not label.isHidden() else ""

    def mark_saved(self, text: str) -> None:
        self.show_errors({})
        self.status.setText(text)  # the runner announced the save (ui/runner.py)
        self.save_button.setEnabled(False)
        self._acw_since = None
        self.saved = True
        self.dirty = False

    def _on_edited(self, name: str) -> None:
        if self._filling:
            return
        if name in self.field_errors:
            self.field_errors[name].hide()
        self.dirty = True
        self.sig_form_edited.emit()

    def _on_disposition_changed(self, _index: int) -> None:
        """A scheduled callback needs its time: open the time editor with the choice."""
        if self.disposition.currentData() == "callback_scheduled" and not self._filling:
            self.callback_on.setChecked(True)
        self.field_errors["callback_at"].hide()

    def _on_save_clicked(self) -> None:
        self.sig_save_requested.emit(self.form())


class TypedDateTimeEdit(QDateTimeEdit):
    """A date-time editor where typed digits flow on: a section that is full moves to the next
    one, so "202612081530" types 2026-12-08 15:30 (Qt's editor stops at the first section); a
    separator typed right after such a move ("2026-12-08 15:30") is taken as already done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = 0
        self._advanced = False

    def keyPressEvent(self, event) -> None:
        text = event.text()
        index = self.currentSectionIndex()
        if not text.isdigit():
            skip = self._advanced and len(text) == 1 and text in "-/.: "
            self._typed, self._advanced = 0, False
            if skip:
                event.accept()
                return
            super().keyPressEvent(event)
            return
        self._advanced = False
        if self._typed == 0:
            self.setSelectedSection(self.sectionAt(index))  # a fresh section is typed over
        super().keyPressEvent(event)
        self._typed += 1
        width = 4 if self.sectionAt(index) == QDateTimeEdit.Section.YearSection else 2
        if self._typed >= width:
            self._typed = 0
            if index + 1 < self.sectionCount():
                self._advanced = True
                self.setCurrentSectionIndex(index + 1)
                self.setSelectedSection(self.sectionAt(index + 1))

    def focusInEvent(self, event) -> None:
        self._typed, self._advanced = 0, False
        super().focusInEvent(event)


def _qzone() -> QTimeZone:
    """The display zone (the user's setting) as Qt's zone, for the callback editor."""
    return QTimeZone(display_zone().key.encode())


def _qdt(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _qzone())
