"""The SLA countdown cell: colour band, shape and words follow the injected clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from app.domain.enums import SlaState
from app.rules import sla
from tests.qt.data import NOW
from widgets.formatting import format_duration, format_krw, format_remaining, korean_amount
from widgets.sla_countdown import (
    BANDS,
    SLA_VIEW_ROLE,
    SlaCountdownDelegate,
    countdown_text,
    countdown_tooltip,
)


class OneCell(QAbstractTableModel):
    """The smallest model that hands the delegate an SlaView computed from a clock."""

    def __init__(self, info, clock) -> None:
        super().__init__()
        self.info, self.clock = info, clock

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == SLA_VIEW_ROLE and index.isValid():
            return sla.evaluate(self.info, self.clock.now())
        return None


def paint_cell(view: QTableView, model: OneCell) -> QImage:
    image = QImage(200, 32, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 200, 32)
    SlaCountdownDelegate().paint(painter, option, model.index(0, 0))
    painter.end()
    return image


def bar_color(image: QImage) -> QColor:
    return image.pixelColor(8, 32 - 2 - 2)  # inside the 3 px bar, left end (always filled)


def test_band_changes_when_the_clock_passes_80_percent(qtbot, clock, manual_time, qtmodeltester):
    info = sla.start("p0", NOW)  # 4 h budget: warning at 3 h 12 m
    model = OneCell(info, clock)
    qtmodeltester.check(model)
    view = QTableView()
    qtbot.addWidget(view)
    manual_time.advance(timedelta(hours=3, minutes=11))
    before = sla.evaluate(info, clock.now())
    assert before.state == SlaState.ON_TRACK
    assert bar_color(paint_cell(view, model)) == BANDS[SlaState.ON_TRACK].color
    manual_time.advance(timedelta(minutes=2))
    after = sla.evaluate(info, clock.now())
    assert after.state == SlaState.WARNING
    assert bar_color(paint_cell(view, model)) == BANDS[SlaState.WARNING].color
    # not colour alone: the shape and the words differ too
    assert BANDS[SlaState.ON_TRACK].shape != BANDS[SlaState.WARNING].shape
    assert countdown_text(after) == "47 min"  # no zero parts
    manual_time.advance(timedelta(hours=1))
    late = sla.evaluate(info, clock.now())
    assert late.state == SlaState.BREACHED
    assert countdown_text(late) == "13 min over"
    assert bar_color(paint_cell(view, model)) == BANDS[SlaState.BREACHED].color


def test_tooltip_names_calendar_and_business_time_and_seoul_due(clock):
    view = sla.evaluate(sla.start("p1", NOW), clock.now())
    tip = countdown_tooltip(view)
    assert "Remaining (calendar): 1 d" in tip
    assert "Remaining (business hours):" in tip
    assert "Due: Nov 24, 2026 10:00 (KST)" in tip  # the one zone label (GLOSSARY)


def test_palette_states_are_distinct():
    colors = {band.color.name() for band in BANDS.values()}
    shapes = {band.shape for band in BANDS.values()}
    assert len(colors) == len(BANDS) == len(shapes)


def test_formatting_in_korean(qapp, lang_ko):
    assert format_duration(timedelta(hours=2, minutes=14)) == "2시간 14분"
    assert format_duration(timedelta(days=1, hours=3)) == "1일 3시간"
    assert format_duration(timedelta(hours=19)) == "19시간"  # not "19시간 0분"
    assert format_remaining(-timedelta(minutes=43)) == "43분 초과"  # not "43분 00초 초과"
    assert format_krw(None) == "—"
    assert format_krw(30_000_000, korean_units=True) == "3,000만원"
    assert korean_amount(530_012_345) == "5억 3,001만 2,345원"
    assert korean_amount(500_000_000) == "5억원"


def test_formatting_in_english(qapp):
    assert format_duration(timedelta(hours=2, minutes=14)) == "2 h 14 min"
    assert format_remaining(-timedelta(minutes=43)) == "43 min over"
    assert format_krw(30_000_000, korean_units=False) == "₩30,000,000"
    assert format_krw(None, korean_units=False) == "—"


def test_relative_age_is_words_within_a_day_and_a_seoul_date_after():
    from datetime import UTC, datetime

    from widgets.formatting import relative_age

    now = datetime(2026, 3, 2, 15, 30, 0, tzinfo=UTC)
    assert relative_age(None, now) == ""
    assert relative_age(datetime(2026, 3, 2, 15, 29, 30, tzinfo=UTC), now) == "just now"
    assert relative_age(datetime(2026, 3, 2, 13, 0, tzinfo=UTC), now) == "2 h ago"
    # 2026-02-28 16:05 UTC is 2026-03-01 01:05 in Seoul (UTC+9)
    assert relative_age(datetime(2026, 2, 28, 16, 5, tzinfo=UTC), now) == "Mar 1 01:05"
