"""A reusable form: for each field a label, an editor and an error line right under the editor.

The form knows nothing of the rules: the caller describes the fields (:class:`FieldSpec`), reads
the raw values (:meth:`FieldForm.values`) and hands back messages per field
(:meth:`FieldForm.set_errors`). Ctrl+Enter asks to submit, Esc asks to cancel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from widgets.palette import css_color

MULTILINE = ("long",)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """``kind``: text | long (several lines) | int | rate | list | date | choice | bool | eta |
    codes (several picked from ``choices``, never typed: a reason-code catalogue)."""

    name: str
    label: str
    kind: str = "text"
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (value, shown text)
    placeholder: str = ""


class FieldRow(QWidget):
    """One editor with its inline error label underneath."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.editor = self._make_editor(spec)
        self.editor.setObjectName(f"field_{spec.name}")
        self.editor.setAccessibleName(spec.label)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(css_color("error"))
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "long":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(spec.placeholder)
            edit.setFixedHeight(max(64, edit.fontMetrics().height() * 4))
            return edit
        if spec.kind == "choice":
            combo = QComboBox(self)
            combo.addItem("—", None)  # a required choice is made deliberately, never defaulted
            for value, text in spec.choices:
                combo.addItem(text, value)
            return combo
        if spec.kind == "codes":
            picker = QListWidget(self)
            for value, text in spec.choices:
                item = QListWidgetItem(f"{value} — {text}", picker)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            rows = min(len(spec.choices), 5) or 1
            picker.setFixedHeight(picker.sizeHintForRow(0) * rows + 2 * picker.frameWidth() + 2)
            return picker
        if spec.kind == "bool":
            return QCheckBox(self)
        edit = QLineEdit(self)
        edit.setPlaceholderText(spec.placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    def value(self) -> Any:
        """The raw value; None for a blank field (so the rules say "required")."""
        e = self.editor
        if isinstance(e, QPlainTextEdit):
            text = e.toPlainText()
        elif isinstance(e, QComboBox):
            return e.currentData()
        elif isinstance(e, QCheckBox):
            return e.isChecked() if e.isChecked() else None
        elif isinstance(e, QListWidget):
            picked = [
                e.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(e.count())
                if e.item(i).checkState() == Qt.CheckState.Checked
            ]
            return picked or None
        else:
            text = e.text()
        if not text.strip():
            return None
        if self.spec.kind == "list":
            return [part.strip() for part in text.replace("\n", ",").split(",")]
        return text

    def set_value(self, value: Any) -> None:
        e = self.editor
        if isinstance(e, QListWidget):
            wanted = value if isinstance(value, list | tuple) else str(value or "").split(",")
            chosen = {str(v).strip() for v in wanted}
            for i in range(e.count()):
                item = e.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        text = "" if value is None else str(value)
        if isinstance(e, QPlainTextEdit):
            e.setPlainText(text)
        elif isinstance(e, QComboBox):
            e.setCurrentIndex(max(0, e.findData(value)) if value is not None else 0)
        elif isinstance(e, QCheckBox):
            e.setChecked(bool(value) and value not in ("false", "False"))
        else:
            e.setText(text)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setToolTip(message)
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)


class FieldForm(QWidget):
    """Label + field + inline error for each :class:`FieldSpec`, in order."""

    sig_submit_requested = Signal()
    """Emitted on Ctrl+Enter inside the form."""

    sig_cancel_requested = Signal()
    """Emitted on Esc inside the form."""

    def __init__(self, specs: Iterable[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for spec in specs:
            row = FieldRow(spec, self)
            label = QLabel(spec.label + (" *" if spec.required else ""), self)
            label.setBuddy(row.editor)
            self.rows[spec.name] = row
            self.form.addRow(label, row)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.sig_submit_requested)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.sig_cancel_requested)

    def values(self) -> dict[str, Any]:
        """Raw values of the filled fields (blank fields left out)."""
        out = {}
        for name, row in self.rows.items():
            value = row.value()
            if value is not None:
                out[name] = value
        return out

    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            if name in self.rows:
                self.rows[name].set_value(value)

    def set_errors(self, messages: Mapping[str, str]) -> list[str]:
        """Show each message under its field; returns the messages no field took."""
        left = []
        for name, row in self.rows.items():
            row.set_error(messages.get(name, ""))
        for name, text in messages.items():
            if name not in self.rows:
                left.append(text)
        first = next((r for n, r in self.rows.items() if n in messages), None)
        if first is not None:
            first.editor.setFocus()
        return left

    def error_of(self, name: str) -> str:
        row = self.rows[name]
        return row.error.text() if not row.error.isHidden() else ""

    def clear(self) -> None:
        for row in self.rows.values():
            row.set_value(None)
            row.set_error("")

    def focus_first(self) -> None:
        if self.rows:
            next(iter(self.rows.values())).editor.setFocus()
