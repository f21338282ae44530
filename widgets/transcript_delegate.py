"""Paints one transcript turn: speaker, time, sentiment cue, wrapped text, category chips.

The speaker has its own colour stripe *and* its label; a partial is greyed and italic with a
trailing "…"; ``IssuesDetected`` character ranges get a tinted background and an underline;
matches of the current search are highlighted. Heights are cached per (turn, text length, width)
and laid-out texts per (turn, text, width, search) for the rows last painted, so a live call
lays each turn out once, not on every repaint; only visible rows are painted.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain.enums import ParticipantRole, Sentiment
from widgets.palette import Roles, qcolor
from widgets.transcript_model import TURN_ROLE, Turn, clock_text, speaker_label

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

# Okabe–Ito: agent blue, customer orange; issues vermillion; positive bluish green.
# Colours by palette role (active theme), resolved when painted.
ROLE_COLORS = Roles(
    {ParticipantRole.AGENT: "speaker.agent", ParticipantRole.CUSTOMER: "speaker.customer"}
)
SENTIMENT_COLORS = Roles(
    {Sentiment.NEGATIVE: "sentiment.negative", Sentiment.POSITIVE: "sentiment.positive"}
)
SENTIMENT_SHAPES = {Sentiment.NEGATIVE: "▼", Sentiment.POSITIVE: "▲"}
PAD_X, PAD_Y, STRIPE, GAP = 12, 6, 4, 4
CHIP_H_PAD = 8
LAYOUT_CACHE = 256  # laid-out turn texts kept (a few screens of turns)


def sentiment_word(sentiment: Sentiment) -> str:
    return {
        Sentiment.NEGATIVE: translate("Transcript", "negative"),
        Sentiment.NEUTRAL: translate("Transcript", "neutral"),
        Sentiment.POSITIVE: translate("Transcript", "positive"),
    }[sentiment]


def _row_width(option: QStyleOptionViewItem) -> int:
    """Rows are as wide as the view's viewport (wrapping depends on it)."""
    widget = option.widget
    viewport = getattr(widget, "viewport", None)
    if viewport is not None:
        return max(120, viewport().width() - 2)
    return option.rect.width() if option.rect.width() > 0 else 480


class TranscriptDelegate(QStyledItemDelegate):
    """Delegate for :class:`widgets.transcript_model.TranscriptModel` rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int, bool, int, int], int] = {}
        self._layouts: OrderedDict[tuple, QTextLayout] = OrderedDict()
        self.search = ""

    def set_search(self, text: str) -> None:
        self.search = text

    # -- geometry ---------------------------------------------------------------------------------
    def _text_width(self, option: QStyleOptionViewItem) -> int:
        return max(80, _row_width(option) - 2 * PAD_X - STRIPE)

    def _text_font(self, base: QFont, turn: Turn) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 1.05)
        font.setItalic(not turn.final)
        return font

    def _layout(self, text: str, font: QFont, width: int, formats: list) -> QTextLayout:
        layout = QTextLayout(text, font)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        layout.setFormats(formats)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        turn = index.data(TURN_ROLE)
        if not isinstance(turn, Turn):
            return super().sizeHint(option, index)
        width = _row_width(option)
        key = (turn.key, len(turn.text), turn.final, len(turn.categories), width)
        height = self._heights.get(key)
        if height is None:
            opt = QStyleOptionViewItem(option)
            opt.rect.setWidth(width)
            fm = QFontMetrics(option.font)
            text = self._display_text(turn)
            layout = self._layout(
                text, self._text_font(option.font, turn), self._text_width(opt), []
            )
            body = int(layout.boundingRect().height()) + 1
            chips = (fm.height() + GAP + 2) if turn.categories else 0
            height = PAD_Y * 2 + fm.height() + GAP + body + chips
            if len(self._heights) > 20_000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def _display_text(self, turn: Turn) -> str:
        return turn.text if turn.final else turn.text + " …"

    # -- painting ---------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        turn = index.data(TURN_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not isinstance(turn, Turn):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = option.rect
        color = ROLE_COLORS.get(turn.role) or qcolor("accent.grey")
        painter.fillRect(QRectF(rect.left() + 2, rect.top() + 4, STRIPE, rect.height() - 8), color)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_color = pal.color(pal.ColorRole.HighlightedText if selected else pal.ColorRole.Text)
        muted = QColor(text_color)
        muted.setAlpha(150)
        x = rect.left() + STRIPE + PAD_X
        y = rect.top() + PAD_Y
        fm = QFontMetrics(option.font)
        head = QFont(option.font)
        head.setBold(True)
        painter.setFont(head)
        painter.setPen(color.darker(130) if not selected else text_color)
        label = speaker_label(turn.role)
        painter.drawText(QPointF(x, y + fm.ascent()), label)
        hx = x + QFontMetrics(head).horizontalAdvance(label) + 10
        painter.setFont(option.font)
        painter.setPen(muted)
        stamp = clock_text(turn.begin_ms)
        painter.drawText(QPointF(hx, y + fm.ascent()), stamp)
        hx += fm.horizontalAdvance(stamp) + 10
        if not turn.final:
            painter.drawText(QPointF(hx, y + fm.ascent()), translate("Transcript", "speaking…"))
        elif turn.sentiment in SENTIMENT_SHAPES:
            mark, cue = SENTIMENT_SHAPES[turn.sentiment], SENTIMENT_COLORS[turn.sentiment]
            painter.setPen(cue if not selected else text_color)
            painter.drawText(
                QPointF(hx, y + fm.ascent()), f"{mark} {sentiment_word(turn.sentiment)}"
            )
        y += fm.height() + GAP
        self._paint_text(painter, opt, turn, x, y, text_color, muted)
        painter.restore()

    def _formats(self, turn: Turn, text: str) -> list:
        formats = []
        for begin, end in turn.issues:
            fmt = QTextCharFormat()
            fmt.setBackground(qcolor("issue.wash"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(qcolor("sentiment.negative"))
            fmt.setFontUnderline(True)
            rng = QTextLayout.FormatRange()
            rng.start, rng.length, rng.format = begin, max(0, end - begin), fmt
            formats.append(rng)
        if self.search:
            low, needle = text.casefold(), self.search.casefold()
            start = low.find(needle)
            while start >= 0:
                fmt = QTextCharFormat()
                fmt.setBackground(qcolor("match.wash"))
                fmt.setForeground(qcolor("match.text"))
                rng = QTextLayout.FormatRange()
                rng.start, rng.length, rng.format = start, len(needle), fmt
                formats.append(rng)
                start = low.find(needle, start + len(needle))
        return formats

    def _text_layout(self, opt: QStyleOptionViewItem, turn: Turn) -> QTextLayout:
        """The turn's text laid out for this width and search (cached, least recently used
        dropped first)."""
        text = self._display_text(turn)
        width = self._text_width(opt)
        key = (turn.key, text, tuple(turn.issues), width, self.search, opt.font.key())
        layouts = self._layouts
        layout = layouts.get(key)
        if layout is None:
            font = self._text_font(opt.font, turn)
            layout = layouts[key] = self._layout(text, font, width, self._formats(turn, text))
            if len(layouts) > LAYOUT_CACHE:
                layouts.popitem(last=False)
        else:
            layouts.move_to_end(key)
        return layout

    def _paint_text(self, painter, opt, turn: Turn, x: float, y: float, color, muted) -> None:
        layout = self._text_layout(opt, turn)
        painter.setPen(color if turn.final else muted)
        layout.draw(painter, QPointF(x, y))
        if not turn.categories:
            return
        y += layout.boundingRect().height() + GAP
        self._paint_chips(painter, opt, turn.categories, x, y)

    def _paint_chips(self, painter: QPainter, opt, names: list[str], x: float, y: float) -> None:
        fm = QFontMetrics(opt.font)
        painter.setFont(opt.font)
        h = fm.height() + 2
        for name in names:
            w = fm.horizontalAdvance(name) + 2 * CHIP_H_PAD
            chip = QRectF(x, y, w, h)
            painter.setPen(qcolor("accent.sky").darker(140))
            painter.setBrush(qcolor("chip.wash"))
            painter.drawRoundedRect(chip, h / 2, h / 2)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, name)
            x += w + 6
