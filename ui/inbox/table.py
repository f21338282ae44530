"""The case table: a QTableView whose rows are painted in one pass by :meth:`paintEvent`.

Why not delegates: a QTableView paints cell by cell, and with the app's style sheet each cell
costs a style lookup, ~7 ``data()`` calls into Python and a text layout — about 0.2 ms per cell,
40–60 ms for a screen of 26 rows × 9 columns, 13 ms for a one-second tick of 61 SLA cells.
Here one Python call paints the cells of each rectangle of the update region: strings come from
the model's per-row cache (formatted once), their width from cached per-character advances
(exact measuring and eliding only for strings that may not fit), and the priority pills and SLA
shapes are cached pixmaps. Selection, the keyboard cursor, alternating rows and the flash
highlight are painted from the view's palette (which the style sheet sets), so the table looks
as before. Everything else — selection, keyboard, headers, scrolling, accessibility (the model
still answers every role) — is the stock QTableView.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QTableView

from app.domain.enums import SlaState
from ui.inbox.columns import Column
from ui.inbox.model import InboxModel, flash_color
from widgets.badges import PRIORITY_COLORS, PRIORITY_TEXT
from widgets.sla_countdown import BANDS, BOLD_STATES, paint_shape, track_color

PAD = 6  # text inset from the cell's edges
BAR_HEIGHT = 3  # the SLA cell's elapsed bar
_CACHE_MAX = 20_000
_PIXMAPS_MAX = 2_000
_ELIDE = Qt.TextElideMode.ElideRight
_SLA, _PRIORITY, _AMOUNT = int(Column.SLA), int(Column.PRIORITY), int(Column.AMOUNT)
_UPDATED = int(Column.UPDATED)


class Fitter:
    """Draws strings of one font fitted into cells, cached per (text, width available).

    The width comes from cached per-character advances (no text shaping); only a string that
    may not fit is measured and elided exactly. A string drawn a second time is kept as a
    laid-out ``QStaticText`` (queue names, statuses, amounts repeat down the table; drawing a
    static text costs a third of shaping it again), a string seen once is just drawn."""

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetrics(font)
        self.ascent, self.height = self.metrics.ascent(), self.metrics.height()
        self._advances: dict[str, int] = {}
        self._fits: dict[tuple[str, int], list] = {}  # [shown text, width, QStaticText | None]

    def fit(self, text: str, width: int) -> list:
        """[shown text, its width, its QStaticText once drawn twice]."""
        key = (text, width)
        found = self._fits.get(key)
        if found is None:
            advances, measure, total = self._advances, self.metrics.horizontalAdvance, 0
            for ch in text:
                advance = advances.get(ch)
                if advance is None:
                    advance = advances[ch] = measure(ch)
                total += advance
            if total > width - 2:  # may not fit: measure and elide exactly
                total = measure(text)
                if total > width:
                    text = self.metrics.elidedText(text, _ELIDE, width)
                    total = measure(text)
            if len(self._fits) >= _CACHE_MAX:
                self._fits.clear()
            found = self._fits[key] = [text, total, None]
        return found

    def draw(self, painter: QPainter, x: int, y: int, height: int, fitted: list) -> None:
        """Draw a fitted string at ``x``, centred vertically in the band ``y .. y + height``."""
        static = fitted[2]
        if static is None:
            fitted[2] = False  # drawn once
            painter.drawText(QPoint(x, y + (height - self.height) // 2 + self.ascent), fitted[0])
            return
        if static is False:
            static = fitted[2] = QStaticText(fitted[0])
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self.font)
        painter.drawStaticText(QPoint(x, y + (height - self.height) // 2), static)


class _Fonts(NamedTuple):
    plain: Fitter
    bold: Fitter


class _Look(NamedTuple):
    base: QColor
    alternate: QColor | None  # None: no alternating rows
    highlight: QColor
    text: QColor
    highlighted_text: QColor
    selected: set[int]
    current: int  # the keyboard cursor's row while the table has focus, else -1
    fonts: _Fonts
    width: int  # the viewport's


class InboxTable(QTableView):
    """The inbox's table (see the module docstring for how it paints).

    A ``dataChanged`` within one column (the SLA tick) repaints exactly those cells:
    QTableView's own update rect is one pixel wider, which also repaints the next column."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pixmaps: dict[tuple, QPixmap] = {}
        self._fonts: _Fonts | None = None
        # paintEvent fills every pixel it is asked for: Qt need not paint the page beneath first
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    # -- updates --------------------------------------------------------------------------------
    def dataChanged(self, top_left, bottom_right, roles=None) -> None:
        column = top_left.column()
        if (
            column != bottom_right.column()
            or not top_left.isValid()
            or QAccessible.isActive()  # the base class also tells assistive tools
        ):
            super().dataChanged(top_left, bottom_right, roles or [])
            return
        if self.isVisible():
            rect = self.visualRect(top_left).united(self.visualRect(bottom_right))
            rect = rect.intersected(self.viewport().rect())
            if not rect.isEmpty():
                self.viewport().update(rect)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_window()

    def setModel(self, model) -> None:
        super().setModel(model)
        self._size_window()

    def _size_window(self) -> None:
        """Rows per store read: the rows the viewport shows and a third more (a jump reads one
        screen, not two; scrolling on reads a third of a screen ahead)."""
        model = self.model()
        if isinstance(model, InboxModel):
            shown = self.viewport().height() // max(1, self.verticalHeader().defaultSectionSize())
            model.set_window(shown + shown // 3 + 2)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        self._fonts = None  # font or style sheet changed: lay texts out again
        self._pixmaps.clear()

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        model = self.model()
        if not isinstance(model, InboxModel):
            super().paintEvent(event)
            return
        rows = model.rowCount()
        shown = self._columns_in(event.rect())
        painter = QPainter(self.viewport())
        try:
            with model.same_second():  # one clock read for every countdown painted
                self._paint_region(painter, model, event.region(), rows, shown)
        finally:
            painter.end()

    def _paint_region(self, painter, model: InboxModel, region, rows: int, shown) -> None:
        look = self._look()
        for rect in region:  # a tick's region: only the runs of changed cells
            painter.fillRect(rect, look.base)  # opaque viewport: Qt paints nothing beneath
            if not rows:
                continue
            first = self.rowAt(rect.top())
            if first < 0:
                continue  # below the last row
            last = self.rowAt(rect.bottom())
            if last < 0:
                last = rows - 1
            left, right = rect.left(), rect.right()
            columns = [c for c in shown if c[1] + c[2] > left and c[1] <= right]
            if len(columns) == 1 and columns[0][0] == _SLA:
                self._paint_sla_column(painter, model, look, first, last, *columns[0][1:])
            elif columns:
                self._paint_rows(painter, model, look, rect, first, last, columns)

    def _look(self) -> _Look:
        """What every row of one paint shares: colours, selection, the cursor row, fonts."""
        pal = self.palette()
        selection = self.selectionModel()
        return _Look(
            base=pal.color(QPalette.ColorRole.Base),
            alternate=pal.color(QPalette.ColorRole.AlternateBase)
            if self.alternatingRowColors()
            else None,
            highlight=pal.color(QPalette.ColorRole.Highlight),
            text=pal.color(QPalette.ColorRole.Text),
            highlighted_text=pal.color(QPalette.ColorRole.HighlightedText),
            selected={i.row() for i in selection.selectedRows()} if selection else set(),
            current=self.currentIndex().row() if self.hasFocus() else -1,
            fonts=self._font_set(),
            width=self.viewport().width(),
        )

    def _columns_in(self, rect: QRect) -> list[tuple[int, int, int]]:
        """(logical column, x, width) of the shown columns that ``rect`` touches, left to right."""
        header = self.horizontalHeader()
        out = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if header.isSectionHidden(logical):
                continue
            x, width = header.sectionViewportPosition(logical), header.sectionSize(logical)
            if width > 0 and x + width > rect.left() and x <= rect.right():
                out.append((logical, x, width))
        return out

    def _font_set(self) -> _Fonts:
        if self._fonts is None:
            font = QFont(self.font())
            # Short cell strings need no ligatures or kerning: a third less time per string
            # (Hangul syllables and Latin draw the same; scripts that need shaping still get it)
            font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
            bold = QFont(font)
            bold.setBold(True)
            self._fonts = _Fonts(Fitter(font), Fitter(bold))
        return self._fonts

    def _paint_rows(self, painter, model: InboxModel, look: _Look, rect, first, last, columns):
        selected_rows, current, fonts = look.selected, look.current, look.fonts
        plain = fonts.plain
        painter.setFont(plain.font)
        left, span = rect.left(), rect.width()
        header = self.verticalHeader()
        for row in range(first, last + 1):
            y, height = header.sectionViewportPosition(row), header.sectionSize(row)
            if height <= 0:
                continue
            selected = row in selected_rows
            self._paint_row_back(painter, model, look, row, selected, left, y, span, height)
            line = model.paint_line(row)
            if line is None:
                continue
            painter.setPen(look.highlighted_text if selected else look.text)
            texts = line.texts or ()
            for column, x, width in columns:
                if column == _SLA:
                    cell = model.sla_cell_for(line.row)
                    if cell.state is not None:
                        painter.drawPixmap(x, y, self._sla_back(cell, width, height))
                        fitter, tx, ty, text_h, fitted = _sla_words(
                            cell, x, y, width, height, fonts
                        )
                        if fitter is not plain:
                            painter.setFont(fitter.font)
                        fitter.draw(painter, tx, ty, text_h, fitted)
                        if fitter is not plain:
                            painter.setFont(plain.font)
                    continue
                if column == _PRIORITY:
                    self._paint_pill(
                        painter, line.row.priority, texts[column], x, y, height, plain.font
                    )
                    continue
                text = model.age_for(line.row) if column == _UPDATED else texts[column]
                if not text:
                    continue
                fitted = plain.fit(text, width - 2 * PAD)
                tx = x + width - PAD - fitted[1] if column == _AMOUNT else x + PAD
                plain.draw(painter, tx, y, height, fitted)
            if row == current:
                self._paint_cursor(painter, look, y, height)

    def _paint_cursor(self, painter, look: _Look, y: int, height: int) -> None:
        """The keyboard cursor's frame around the whole row (the paint is clipped to the update
        region, so a partial repaint draws only its part of the frame)."""
        painter.setPen(look.highlight.darker(160))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(0, y, look.width - 1, height - 1)

    def _paint_row_back(self, painter, model, look: _Look, row, selected, x, y, width, height):
        """The row's background under ``x .. x + width``: selection or alternate colour (the
        base colour is already there), then the translucent flash of a changed case."""
        if selected:
            painter.fillRect(x, y, width, height, look.highlight)
        elif look.alternate is not None and row % 2:
            painter.fillRect(x, y, width, height, look.alternate)
        case_id = model.id_at(row)
        if case_id is not None and model.is_flashing(case_id):
            painter.fillRect(x, y, width, height, flash_color())

    def _paint_sla_column(self, painter, model: InboxModel, look: _Look, first, last, x, width):
        """The one-second tick's repaint: only SLA cells, drawn as in :meth:`_paint_rows` (the
        cached shape-and-bar pixmap and the words), with the words grouped by font."""
        header = self.verticalHeader()
        fonts = look.fonts
        words: list[tuple[Fitter, QColor, int, int, int, list]] = []
        for row in range(first, last + 1):
            y, height = header.sectionViewportPosition(row), header.sectionSize(row)
            if height <= 0:
                continue
            selected = row in look.selected
            self._paint_row_back(painter, model, look, row, selected, x, y, width, height)
            line = model.paint_line(row)
            cell = model.sla_cell_for(line.row) if line is not None else None
            if cell is not None and cell.state is not None:
                painter.drawPixmap(x, y, self._sla_back(cell, width, height))
                fitter, tx, ty, text_h, fitted = _sla_words(cell, x, y, width, height, fonts)
                color = look.highlighted_text if selected else look.text
                words.append((fitter, color, tx, ty, text_h, fitted))
            if row == look.current:
                self._paint_cursor(painter, look, y, height)
        for fitter in (fonts.plain, fonts.bold):
            mine = [w for w in words if w[0] is fitter]
            if not mine:
                continue
            painter.setFont(fitter.font)
            pen = None
            for _f, color, tx, ty, text_h, fitted in mine:
                if color is not pen:
                    painter.setPen(color)
                    pen = color
                fitter.draw(painter, tx, ty, text_h, fitted)

    # -- cached pixmaps -------------------------------------------------------------------------
    def _cached(self, key: tuple, make: Callable[[], QPixmap]) -> QPixmap:
        found = self._pixmaps.get(key)
        if found is None:
            if len(self._pixmaps) >= _PIXMAPS_MAX:
                self._pixmaps.clear()
            found = self._pixmaps[key] = make()
        return found

    def _canvas(self, width: float, height: float) -> tuple[QPixmap, QPainter]:
        """A transparent pixmap of ``width`` × ``height`` at the screen's pixel ratio, and an
        antialiasing painter on it (end it)."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        return pixmap, painter

    def _sla_back(self, cell, width: int, height: int) -> QPixmap:
        """An SLA cell without its words, over any background: state shape and elapsed bar
        (they change a few times a day)."""
        return self._cached(
            ("sla", cell.state, cell.bar, width, height),
            lambda: self._render_sla_back(cell, width, height),
        )

    def _render_sla_back(self, cell, width: int, height: int) -> QPixmap:
        band = BANDS[cell.state]
        pixmap, p = self._canvas(width, height)
        icon, text_h = _icon_size(height), _text_height(height)
        left, top, inner_w = PAD, 2, width - 2 * PAD
        p.drawPixmap(QPointF(left, top + (text_h - icon) / 2), self._shape(cell.state, icon))
        bar_y = height - 2 - BAR_HEIGHT
        p.fillRect(left, bar_y, inner_w, BAR_HEIGHT, track_color(band))
        filled = round(inner_w * cell.bar)
        if filled > 0:
            p.fillRect(left, bar_y, filled, BAR_HEIGHT, band.color)
        p.end()
        return pixmap

    def _paint_pill(self, painter, key: str, text: str, x, y, height, font: QFont) -> None:
        if not text or key not in PRIORITY_COLORS:
            return
        pill = self._cached(
            ("pill", key, text, height), lambda: self._render_pill(key, text, height, font)
        )
        ratio = pill.devicePixelRatio()
        painter.drawPixmap(QPointF(x + PAD, y + (height - pill.height() / ratio) / 2), pill)

    def _render_pill(self, key: str, text: str, row_height: int, font: QFont) -> QPixmap:
        bold = QFont(font)
        bold.setBold(True)
        fm = QFontMetrics(bold)
        width = fm.horizontalAdvance(text) + 14
        height = min(row_height - 6, fm.height() + 4)
        pixmap, p = self._canvas(width, height)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(PRIORITY_COLORS[key])
        box = QRectF(0, 0, width, height)
        p.drawRoundedRect(box, height / 2, height / 2)
        p.setFont(bold)
        p.setPen(PRIORITY_TEXT[key])
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        return pixmap

    def _shape(self, state: SlaState, size: int) -> QPixmap:
        return self._cached(("shape", state, size), lambda: self._render_shape(state, size))

    def _render_shape(self, state: SlaState, size: int) -> QPixmap:
        pixmap, p = self._canvas(size, size)
        paint_shape(p, BANDS[state], QRect(0, 0, size, size))
        p.end()
        return pixmap


def _icon_size(height: int) -> int:
    """The SLA state shape's size in a row ``height`` high."""
    return min(12, height - 4 - BAR_HEIGHT - 2)


def _text_height(height: int) -> int:
    """The band of an SLA cell's words, above its bar, in a row ``height`` high."""
    return height - 4 - BAR_HEIGHT - 1


def _sla_words(cell, x: int, y: int, width: int, height: int, fonts: _Fonts):
    """Where an SLA cell's words go: (fitter, x, y, band height, fitted words)."""
    fitter = fonts.bold if cell.state in BOLD_STATES else fonts.plain
    icon = _icon_size(height)
    fitted = fitter.fit(cell.text, width - 2 * PAD - icon - 6)
    return fitter, x + PAD + icon + 6, y + 2, _text_height(height), fitted
