"""The SLA countdown cell: remaining time, a thin progress bar and a state cue.

The model hands an ``app.rules.sla.SlaView`` under :data:`SLA_VIEW_ROLE`; this delegate paints it.
Colours come from the Okabe–Ito colour-blind-safe palette, and every state also has its own
shape (dot, triangle, diamond, pause bars, check) and its own words, so colour is never the only
cue. The shared :class:`widgets.clock.Clock` makes the model re-emit ``dataChanged`` for the
visible SLA cells once a second; the delegate itself keeps no timer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.domain.enums import SlaState
from app.rules.sla import SlaFace, SlaView
from app.text.labels import label
from widgets.formatting import format_duration, language, local_time, zone_label
from widgets.palette import active_theme, qcolor

translate = QCoreApplication.translate

SLA_VIEW_ROLE = Qt.ItemDataRole.UserRole + 40
"""Item data role under which a model returns the ``SlaView`` (or ``None``) of a row."""

SLA_CELL_ROLE = Qt.ItemDataRole.UserRole + 42
"""Optional role: a model may hand an :class:`SlaCell` (state, words, bar, background) so the
delegate paints from one value; without it the delegate reads ``SLA_VIEW_ROLE`` and the style
roles."""

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Band:
    """How one SLA state looks: colour, shape and words."""

    state: SlaState
    role: str  # the palette role of its colour
    shape: str  # dot | triangle | diamond | pause | check

    @property
    def color(self) -> QColor:
        """The state's colour in the active theme."""
        return qcolor(self.role)


# Okabe & Ito (2008): blue, orange, vermillion, grey, bluish green (widgets/palette.py).
BANDS: dict[SlaState, Band] = {
    SlaState.ON_TRACK: Band(SlaState.ON_TRACK, "sla.on_track", "dot"),
    SlaState.WARNING: Band(SlaState.WARNING, "sla.warning", "triangle"),
    SlaState.BREACHED: Band(SlaState.BREACHED, "sla.breached", "diamond"),
    SlaState.PAUSED: Band(SlaState.PAUSED, "sla.paused", "pause"),
    SlaState.MET: Band(SlaState.MET, "sla.met", "check"),
}


BOLD_STATES = (SlaState.BREACHED, SlaState.WARNING)
"""States whose words are bold (they need attention)."""

BAR_STEPS = 400
"""The elapsed bar moves in steps of 1/400 of the budget (finer than any cell is wide), so a
cell's look changes at known instants and a tick repaints only the cells that changed."""


@dataclass(frozen=True, slots=True)
class SlaCell:
    """Everything the countdown cell paints: the state (None: no SLA), its words, the elapsed
    bar (0..1, in steps of 1/BAR_STEPS) and the cell's background colour (None: the style's).
    Two equal cells look the same."""

    state: SlaState | None
    text: str = ""
    bar: float = 0.0
    background: QColor | None = None

    @classmethod
    def of(cls, view: SlaView | SlaFace | None) -> SlaCell:
        if view is None:
            return cls(None)
        return cell_for(view.state, view.remaining.total_seconds(), view.elapsed_fraction)


_CELLS: dict[tuple[SlaState, int, bool, int], SlaCell] = {}
_CELLS_MAX = 50_000


def cell_for(state: SlaState, remaining_s: float, elapsed_fraction: float) -> SlaCell:
    """``SlaCell.of`` a view with these values, memoised: the words depend only on the state and
    the whole seconds left, the bar on its step (a tick asks for ~60 of these a second)."""
    fraction = 1.0 if state is SlaState.MET else max(0.0, min(1.0, elapsed_fraction))
    step = math.floor(fraction * BAR_STEPS + 1e-9)
    key = (state, int(abs(remaining_s)), remaining_s < 0, step)
    cell = _CELLS.get(key)
    if cell is None:
        view = SlaFace(state, elapsed_fraction, timedelta(seconds=remaining_s))
        if len(_CELLS) >= _CELLS_MAX:
            _CELLS.clear()
        cell = _CELLS[key] = SlaCell(state, countdown_text(view), step / BAR_STEPS)
    return cell


def state_label(state: SlaState) -> str:
    """The glossary's word for the SLA state (``app.text.labels``)."""
    return label(state, language())


def countdown_text(view: SlaView | SlaFace) -> str:
    """The words in the cell: "2h 14m", "1h 5m over", "Paused · 3h 2m", "Met"."""
    if view.state is SlaState.MET:
        return state_label(SlaState.MET)
    if view.state is SlaState.PAUSED:
        return translate("SlaCountdown", "Paused · {left}").format(
            left=format_duration(view.remaining)
        )
    if view.state is SlaState.BREACHED or view.remaining.total_seconds() < 0:
        return translate("SlaCountdown", "{late} over").format(late=format_duration(view.remaining))
    return format_duration(view.remaining)


def countdown_tooltip(view: SlaView) -> str:
    """Calendar and business-hours remaining time and the due time in the display zone."""
    lines = [
        translate("SlaCountdown", "SLA: {state} ({pct}% used)").format(
            state=state_label(view.state), pct=round(view.elapsed_fraction * 100)
        ),
        translate("SlaCountdown", "Remaining (calendar): {left}").format(
            left=_signed(view.remaining)
        ),
        translate("SlaCountdown", "Remaining (business hours): {left}").format(
            left=_signed(view.business_remaining)
        ),
        translate("SlaCountdown", "Due: {due} ({zone})").format(
            due=local_time(view.due_at), zone=zone_label(view.due_at)
        ),
    ]
    return "\n".join(lines)


def _signed(delta) -> str:
    text = format_duration(delta)
    return "-" + text if delta.total_seconds() < 0 else text


def accessible_text(view: SlaView) -> str:
    return f"{state_label(view.state)}: {countdown_text(view)}"


class SlaCountdownDelegate(QStyledItemDelegate):
    """Paints an ``SlaView``: shape cue, remaining time, and a 3 px bar of the elapsed part."""

    BAR_HEIGHT = 3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = index.data(SLA_CELL_ROLE)
        if isinstance(cell, SlaCell):  # one value: no initStyleOption, no further data()
            opt = option
            if cell.background is not None:
                opt = QStyleOptionViewItem(option)
                opt.backgroundBrush = QBrush(cell.background)
        else:
            view = index.data(SLA_VIEW_ROLE)
            cell = SlaCell.of(view if isinstance(view, SlaView) else None)
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
        widget = opt.widget
        if widget is not None:  # selection / hover background, no text
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if cell.state is None:
            return
        band = BANDS[cell.state]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = option.rect.adjusted(6, 2, -6, -2)
        icon_size = min(12, rect.height() - self.BAR_HEIGHT - 2)
        text_rect = rect.adjusted(icon_size + 6, 0, 0, -self.BAR_HEIGHT - 1)
        icon_rect = QRect(
            rect.left(), text_rect.center().y() - icon_size // 2, icon_size, icon_size
        )
        paint_shape(painter, band, icon_rect)
        bold = cell.state in BOLD_STATES
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.color(_HIGHLIGHTED_TEXT if selected else _TEXT))
        static, font = _static_text(cell.text, text_rect.width(), option.font, bold)
        painter.setFont(font)
        painter.drawStaticText(
            text_rect.left(),
            text_rect.top() + (text_rect.height() - static.size().height()) / 2,
            static,
        )
        self._paint_bar(painter, rect, band, cell.bar)
        painter.restore()

    def _paint_bar(self, painter: QPainter, rect: QRect, band: Band, fraction: float) -> None:
        bar = QRect(rect.left(), rect.bottom() - self.BAR_HEIGHT + 1, rect.width(), self.BAR_HEIGHT)
        painter.fillRect(bar, track_color(band))
        filled = QRect(bar.left(), bar.top(), round(bar.width() * fraction), bar.height())
        painter.fillRect(filled, band.color)


_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_TRACKS: dict[tuple[SlaState, str], QColor] = {}
_TEXTS: dict[tuple, tuple[QStaticText, QFont]] = {}
_TEXTS_MAX = 4096


def _static_text(text: str, width: int, base: QFont, bold: bool) -> tuple[QStaticText, QFont]:
    """The elided words as a laid-out ``QStaticText`` and the font to draw them with; a cell's
    words change at most once a second, so most repaints reuse the layout."""
    key = (text, width, bold, base.key())
    found = _TEXTS.get(key)
    if found is None:
        font = QFont(base)
        if bold:
            font.setBold(True)
        elided = QFontMetrics(font).elidedText(text, _ELIDE_RIGHT, width)
        static = QStaticText(elided)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(QTransform(), font)
        if len(_TEXTS) >= _TEXTS_MAX:
            _TEXTS.clear()
        found = _TEXTS[key] = (static, font)
    return found


def track_color(band: Band) -> QColor:
    """The band's colour at alpha 60 (the bar's unfilled part), made once per state and theme."""
    key = (band.state, active_theme())
    track = _TRACKS.get(key)
    if track is None:
        track = QColor(band.color)
        track.setAlpha(60)
        _TRACKS[key] = track
    return track


def paint_shape(painter: QPainter, band: Band, r: QRect) -> None:
    """Draw the state's shape in its colour inside ``r`` (also used by the legend)."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(band.color)
    x, y, w, h = r.x(), r.y(), r.width(), r.height()
    if band.shape == "dot":
        painter.drawEllipse(r.adjusted(1, 1, -1, -1))
    elif band.shape == "triangle":
        painter.drawPolygon(
            QPolygonF([QPointF(x + w / 2, y), QPointF(x + w, y + h), QPointF(x, y + h)])
        )
    elif band.shape == "diamond":
        path = QPainterPath()
        path.moveTo(x + w / 2, y)
        path.lineTo(x + w, y + h / 2)
        path.lineTo(x + w / 2, y + h)
        path.lineTo(x, y + h / 2)
        path.closeSubpath()
        painter.drawPath(path)
    elif band.shape == "pause":
        bar_w = max(2, w // 3)
        painter.drawRect(x + 1, y + 1, bar_w, h - 2)
        painter.drawRect(x + w - bar_w - 1, y + 1, bar_w, h - 2)
    else:  # check
        pen = QPen(band.color, max(2.0, w / 6))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(
            QPolygonF(
                [
                    QPointF(x + 1, y + h * 0.55),
                    QPointF(x + w * 0.4, y + h - 2),
                    QPointF(x + w - 1, y + 2),
                ]
            )
        )
    painter.restore()
