"""The live transcript view: follows the newest turn, offers "Jump to live" once the reader has
scrolled up, copies selected turns as text, and a search bar with next / previous match.

Auto-follow: while the scroll bar is at the bottom, growth of the content (new turns, a partial
growing) keeps it there; scrolling up stops following and shows the button; reaching the bottom
again (or the button) resumes.

Why a one-column QTableView and not a QListView: a QListView with rows of different heights
lays out *every* row again on each insert (Qt: "be smarter about inserted items"), asking the
delegate for each row's size — a two-hour call at 50 segments/s spent most of the UI thread
there. Here each row's height is a section of the (hidden) vertical header, set once for new or
changed rows only; every row is measured again only when the width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)

from widgets.table_view import set_up_table
from widgets.transcript_delegate import TranscriptDelegate
from widgets.transcript_model import TranscriptModel, turn_as_text

translate = QCoreApplication.translate
FOLLOW_SLACK_PX = 8


class TranscriptView(QTableView):
    """One column of turns of a :class:`TranscriptModel`, painted by
    :class:`TranscriptDelegate`; row heights follow the wrapped text."""

    sig_follow_changed = Signal(bool)
    """Emitted with True when the view follows the live end again, False when it stops."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_up_table(
            self,
            name="transcriptView",
            accessible_name=translate("Transcript", "Call transcript"),
            select="rows",
            resize=QHeaderView.ResizeMode.Interactive,
            row_pad=None,
            wrap=True,
            grid=False,
        )
        self.delegate = TranscriptDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(8)
        self._measured_width = -1
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self.measure_all)
        self.following = True
        self.jump_button = QToolButton(self.viewport())
        self.jump_button.setObjectName("jumpToLive")
        self.jump_button.setText(translate("Transcript", "↓ Jump to live"))
        self.jump_button.setToolTip(translate("Transcript", "Follow the conversation again (End)"))
        self.jump_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.jump_button.hide()
        self.jump_button.clicked.connect(self._on_jump_clicked)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_scrolled)

    def setModel(self, model: TranscriptModel) -> None:
        super().setModel(model)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self.measure_all)
        model.layoutChanged.connect(self.measure_all)
        self.measure_all()

    # -- row heights ------------------------------------------------------------------------------
    def _measure(self, first: int, last: int) -> None:
        model = self.model()
        if model is None:
            return
        option = self._item_option()
        rows = self.verticalHeader()
        for row in range(first, last + 1):
            index = model.index(row, 0)
            rows.resizeSection(row, self.delegate.sizeHint(option, index).height())

    def measure_all(self) -> None:
        """Every row's height again (a new width, a reset)."""
        model = self.model()
        self._measured_width = self.viewport().width()
        if model is not None and model.rowCount():
            self._measure(0, model.rowCount() - 1)

    def _item_option(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return option

    def _on_data_changed(self, top_left, bottom_right, _roles=()) -> None:
        self._measure(top_left.row(), bottom_right.row())

    # -- following --------------------------------------------------------------------------------
    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - FOLLOW_SLACK_PX

    def jump_to_live(self) -> None:
        self._set_following(True)
        self.scrollToBottom()
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _set_following(self, on: bool) -> None:
        if on == self.following:
            return
        self.following = on
        self.jump_button.setVisible(not on)
        self._place_button()
        self.sig_follow_changed.emit(on)

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self.following:
            self.verticalScrollBar().setValue(maximum)

    def _on_scrolled(self, _value: int) -> None:
        self._set_following(self.at_bottom())

    def _on_rows_inserted(self, _parent, first: int, last: int) -> None:
        self._measure(first, last)
        if self.following:
            QTimer.singleShot(0, self, self._stick)  # dropped if the view is deleted

    def _stick(self) -> None:
        if self.following:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _on_jump_clicked(self) -> None:
        self.jump_to_live()

    def _place_button(self) -> None:
        hint = self.jump_button.sizeHint()
        vp = self.viewport()
        self.jump_button.resize(hint)
        self.jump_button.move(vp.width() - hint.width() - 16, vp.height() - hint.height() - 12)
        self.jump_button.raise_()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._measured_width:
            self._remeasure.start()  # once per burst of resizes, after layout settled
        self._place_button()
        if self.following:
            QTimer.singleShot(0, self, self._stick)  # dropped if the view is deleted

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.key() == Qt.Key.Key_End:
            self.jump_to_live()
            return
        super().keyPressEvent(event)

    # -- copy ----------------------------------------------------------------------------------
    def selected_text(self) -> str:
        model = self.model()
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        if not isinstance(model, TranscriptModel):
            return ""
        return "\n".join(turn_as_text(model.turn(r)) for r in rows)

    def copy_selection(self) -> str:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def sizeHint(self) -> QSize:
        return QSize(520, 400)


class TranscriptSearchBar(QWidget):
    """Find in the call: type, Enter / F3 for the next match, Shift+Enter for the previous."""

    sig_search_changed = Signal(str)
    """Emitted with the text to highlight ("" when the bar closes)."""

    def __init__(self, view: TranscriptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptSearch")
        self.view = view
        self._matches: list[int] = []
        self._current = -1
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(translate("Transcript", "Find in call (Ctrl+F)"))
        self.edit.setAccessibleName(translate("Transcript", "Find in call"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(self.edit.fontMetrics().averageCharWidth() * 12)
        self.count = QLabel(self)
        self.count.setObjectName("searchCount")
        self.prev_button = QToolButton(self)
        self.prev_button.setText("▲")
        self.prev_button.setToolTip(translate("Transcript", "Previous match (Shift+Enter)"))
        self.prev_button.setAccessibleName(translate("Transcript", "Previous match"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip(translate("Transcript", "Next match (Enter)"))
        self.next_button.setAccessibleName(translate("Transcript", "Next match"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self.next_match)
        self.prev_button.clicked.connect(self.previous_match)
        self.next_button.clicked.connect(self.next_match)
        self.edit.installEventFilter(self)
        view.model().rowsInserted.connect(self._on_content_changed)
        view.model().dataChanged.connect(self._on_content_changed)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and mods & Qt.KeyboardModifier.ShiftModifier
            ):
                self.previous_match()
                return True
            if key == Qt.Key.Key_Escape:
                self.edit.clear()
                self.view.setFocus()
                return True
            if key == Qt.Key.Key_F3:
                self.next_match()
                return True
        return super().eventFilter(watched, event)

    def matches(self) -> list[int]:
        return list(self._matches)

    def current_row(self) -> int:
        return self._matches[self._current] if 0 <= self._current < len(self._matches) else -1

    def next_match(self) -> int:
        return self._step(1)

    def previous_match(self) -> int:
        return self._step(-1)

    def _step(self, step: int) -> int:
        if not self._matches:
            return -1
        self._current = (self._current + step) % len(self._matches)
        row = self._matches[self._current]
        index = self.view.model().index(row, 0)
        self.view._set_following(False)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_count()
        return row

    def _refresh(self) -> None:
        model = self.view.model()
        text = self.edit.text().strip()
        self._matches = model.find(text) if isinstance(model, TranscriptModel) else []
        if self._current >= len(self._matches):
            self._current = len(self._matches) - 1
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self._matches:
            self.count.setText(translate("Transcript", "No match"))
        else:
            self.count.setText(
                translate("Transcript", "{n} of {total}").format(
                    n=max(self._current, 0) + 1, total=len(self._matches)
                )
            )

    def _on_text_changed(self, text: str) -> None:
        self._current = -1
        self.view.delegate.set_search(text.strip())
        self.view.viewport().update()
        self._refresh()
        self.sig_search_changed.emit(text.strip())

    def _on_content_changed(self, *_args) -> None:
        if self.edit.text().strip():
            self._refresh()
