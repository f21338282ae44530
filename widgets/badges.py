"""Small painted badges for table cells: the priority pill (P0-P3).

Each priority has its own colour *and* its own label text, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from widgets.palette import Roles

PRIORITY_COLORS = Roles({p: p for p in ("p0", "p1", "p2", "p3")})
"""Pill fill by priority key (vermillion, orange, blue, grey in the palette's active theme)."""
PRIORITY_TEXT = Roles({p: f"{p}.text" for p in ("p0", "p1", "p2", "p3")})

BADGE_KEY_ROLE = Qt.ItemDataRole.UserRole + 41
"""Item data role giving the badge key (e.g. "p0") a model wants painted."""


class PriorityBadgeDelegate(QStyledItemDelegate):
    """Paints the DisplayRole text ("P0") in a rounded pill coloured by ``BADGE_KEY_ROLE``."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        if opt.widget is not None:
            opt.widget.style().drawControl(
                QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget
            )
        key = index.data(BADGE_KEY_ROLE)
        if not text or key not in PRIORITY_COLORS:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        fm = painter.fontMetrics()
        width = fm.horizontalAdvance(text) + 14
        height = min(option.rect.height() - 6, fm.height() + 4)
        pill = QRectF(
            option.rect.left() + 6,
            option.rect.center().y() - height / 2 + 0.5,
            width,
            height,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PRIORITY_COLORS[key])
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(PRIORITY_TEXT[key])
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
