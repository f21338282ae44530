"""Knowledge suggestions for the conversation so far, and the article side pane.

Rows come from the server's recommendations (Amazon Q in Connect fields: relevance level and the
segment that triggered them) when online, else from the local full-text index over the latest
customer turns. The list is replaced as a whole per answer (a short list; the latest request
wins upstream). The article pane offers "Helpful" / "Not helpful" (an outbox row each).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.people import KnowledgeArticle
from ui.call.common import section_title
from widgets.palette import Roles, css_color, qcolor

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 70
LEVEL_COLORS = Roles({k: f"level.{k.lower()}" for k in ("HIGH", "MEDIUM", "LOW", "LOCAL")})


@dataclass(frozen=True, slots=True)
class Suggestion:
    article_id: str
    title: str
    excerpt: str = ""
    level: str = "LOCAL"  # HIGH | MEDIUM | LOW from the server; LOCAL from the local index
    trigger: str = ""
    segment_id: str | None = None
    recommendation_id: str | None = None

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Suggestion:
        trigger = data.get("trigger") or {}
        return cls(
            article_id=str(data.get("article_id") or ""),
            title=str(data.get("title") or ""),
            excerpt=str(data.get("excerpt") or ""),
            level=str(data.get("relevance_level") or "LOW"),
            trigger=str(trigger.get("text") or ""),
            segment_id=trigger.get("segment_id"),
            recommendation_id=data.get("recommendation_id"),
        )


class SuggestionsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []
        self.origin = ""  # "server" | "local" | ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return s.title
        if role == SUGGESTION_ROLE:
            return s
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.excerpt or s.title
        return None

    def suggestion(self, row: int) -> Suggestion:
        return self._rows[row]

    def set_suggestions(self, rows: list[Suggestion], origin: str) -> None:
        """Replace the list (a new answer for the conversation so far)."""
        if rows == self._rows and origin == self.origin:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.origin = origin
        self.endResetModel()


class SuggestionDelegate(QStyledItemDelegate):
    """Title, relevance chip (word and colour) and the words that triggered it."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        s = index.data(SUGGESTION_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if opt.widget is not None:
            opt.widget.style().drawControl(
                QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget
            )
        if not isinstance(s, Suggestion):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = option.rect.adjusted(8, 5, -8, -5)
        fm = QFontMetrics(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_color = pal.color(pal.ColorRole.HighlightedText if selected else pal.ColorRole.Text)
        chip_text = level_word(s.level)
        chip_w = fm.horizontalAdvance(chip_text) + 14
        chip = QRectF(rect.right() - chip_w, rect.top(), chip_w, fm.height() + 2)
        color = LEVEL_COLORS.get(s.level) or qcolor("level.low")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(qcolor("on_accent"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, chip_text)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        title_w = int(rect.width() - chip_w - 8)
        title = QFontMetrics(bold).elidedText(s.title, Qt.TextElideMode.ElideRight, title_w)
        painter.drawText(rect.left(), rect.top() + fm.ascent() + 1, title)
        painter.setFont(option.font)
        muted = QColor(text_color)
        muted.setAlpha(160)
        painter.setPen(muted)
        line = f"“{s.trigger}”" if s.trigger else s.excerpt
        line = fm.elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.left(), rect.top() + fm.height() + fm.ascent() + 4, line)
        painter.restore()


def level_word(level: str) -> str:
    return {
        "HIGH": translate("Suggestions", "High"),
        "MEDIUM": translate("Suggestions", "Medium"),
        "LOW": translate("Suggestions", "Low"),
    }.get(level, translate("Suggestions", "Local"))


class SuggestionsPane(QWidget):
    sig_article_requested = Signal(object)
    """Emitted with the :class:`Suggestion` the user opened (click / Enter)."""

    sig_add_to_summary = Signal(object)
    """Emitted with the :class:`Suggestion` the agent adds to the after-call summary ("Add to
    summary", or Ctrl+Enter on the row)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsPane")
        self.model = SuggestionsModel(self)
        self.title = section_title(self.tr("Suggested articles"), self)
        self.origin = QLabel(self)
        self.origin.setObjectName("suggestionOrigin")
        self.view = QListView(self)
        self.view.setObjectName("suggestionList")
        self.view.setAccessibleName(self.tr("Suggested articles"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(SuggestionDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.empty = QLabel(self.tr("Suggestions appear as the customer speaks."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.add_button = add_button(self)
        self.add_button.setToolTip(
            self.tr("Adds the selected article's title and id to the summary (Ctrl+Enter)")
        )
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.origin)
        head.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.view.clicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.add_button.clicked.connect(self._on_add_clicked)
        adding = QShortcut(QKeySequence("Ctrl+Return"), self.view)
        adding.setContext(Qt.ShortcutContext.WidgetShortcut)
        adding.activated.connect(self._on_add_clicked)
        adding_keypad = QShortcut(QKeySequence("Ctrl+Enter"), self.view)
        adding_keypad.setContext(Qt.ShortcutContext.WidgetShortcut)
        adding_keypad.activated.connect(self._on_add_clicked)
        self._show_empty()

    def set_suggestions(self, rows: list[Suggestion], origin: str) -> None:
        self.model.set_suggestions(rows, origin)
        self.origin.setText(
            self.tr("from the server") if origin == "server" else self.tr("from the local index")
        )
        self._show_empty()

    def _show_empty(self) -> None:
        has = self.model.rowCount() > 0
        self.empty.setVisible(not has)
        self.origin.setVisible(has)
        self.add_button.setEnabled(has)

    def current(self) -> Suggestion | None:
        """The row the agent is on (the first when none is selected yet)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return self.model.suggestion(0) if self.model.rowCount() else None
        return self.model.suggestion(index.row())

    def _on_add_clicked(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.sig_add_to_summary.emit(chosen)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_article_requested.emit(self.model.suggestion(index.row()))


class ArticlePane(QWidget):
    """An opened article beside the transcript, with the helpfulness buttons."""

    sig_feedback_given = Signal(object, bool)
    """Emitted with (Suggestion, helpful) when the agent rates the article."""

    sig_closed = Signal()
    """Emitted when the pane is closed."""

    sig_add_to_summary = Signal(object)
    """Emitted with the shown :class:`Suggestion` when the agent adds it to the summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePane")
        self.suggestion: Suggestion | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.helpful = QPushButton(self.tr("Helpful"), self)
        self.not_helpful = QPushButton(self.tr("Not helpful"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.add_button = add_button(self)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.helpful)
        row.addWidget(self.not_helpful)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.helpful.clicked.connect(lambda: self._on_rated(True))
        self.not_helpful.clicked.connect(lambda: self._on_rated(False))
        self.close_button.clicked.connect(self._on_close_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)

    def _on_add_clicked(self) -> None:
        if self.suggestion is not None:
            self.sig_add_to_summary.emit(self.suggestion)

    def show_article(self, suggestion: Suggestion, article: KnowledgeArticle | None) -> None:
        self.suggestion = suggestion
        title = article.title if article else suggestion.title
        body = article.body if article else suggestion.excerpt
        tags = " · ".join(article.tags) if article and article.tags else ""
        self.browser.clear()
        cursor = self.browser.textCursor()
        cursor.insertHtml(f"<h3>{_esc(title)}</h3>")
        if tags:
            cursor.insertHtml(f"<p style='{css_color('muted')}'>{_esc(tags)}</p>")
        cursor.insertBlock()
        cursor.insertText(body or "")
        self.browser.moveCursor(cursor.MoveOperation.Start)
        for button in (self.helpful, self.not_helpful):
            button.setEnabled(True)
        self.helpful.setText(self.tr("Helpful"))
        self.not_helpful.setText(self.tr("Not helpful"))
        self.show()

    def _on_rated(self, helpful: bool) -> None:
        if self.suggestion is None:
            return
        (self.helpful if helpful else self.not_helpful).setText(self.tr("Thanks ✓"))
        for button in (self.helpful, self.not_helpful):
            button.setEnabled(False)
        self.sig_feedback_given.emit(self.suggestion, helpful)

    def _on_close_clicked(self) -> None:
        self.hide()
        self.sig_closed.emit()


def add_button(parent: QWidget) -> QPushButton:
    """ "Add to summary": reached by Tab, and a mouse click leaves the focus where the agent
    was typing (the summary keeps its cursor)."""
    button = QPushButton(translate("Suggestions", "Add to summary"), parent)
    button.setObjectName("addToSummary")
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
