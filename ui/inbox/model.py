"""The inbox table model: holds case ids, fetches rows lazily page by page (Anki browser style).

Sorting and filtering happen in SQL (``ui.inbox.source``); this model never sees more than the
ids of the current result and the rows the view has asked for. The shared clock's tick becomes
:meth:`refresh_sla` over the visible rows' SLA column only; a sync that changed some cases
becomes :meth:`invalidate` of those rows. Nothing here resets the model except a new result.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.rules.pii import mask_name
from app.rules.sla import SlaView, evaluate, face
from ui.inbox.columns import Column, header, status_label
from ui.inbox.sla_track import Track, runs
from ui.inbox.source import InboxSource, RowView
from widgets.badges import BADGE_KEY_ROLE
from widgets.clock import Clock
from widgets.formatting import format_krw, format_krw_exact, local_time, relative_age
from widgets.palette import qcolor
from widgets.sla_countdown import (
    SLA_CELL_ROLE,
    SLA_VIEW_ROLE,
    SlaCell,
    accessible_text,
    countdown_text,
    countdown_tooltip,
)
from widgets.table_model import TableModel

Index = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FLASH_ROLE = Qt.ItemDataRole.UserRole + 2


def flash_color() -> QColor:
    """The wash of a just-changed row (Okabe–Ito orange, translucent; widgets/palette.py)."""
    return qcolor("flash")


FLASH_FOR = timedelta(seconds=6)
_A_DAY = timedelta(days=1)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_SLA, _UPDATED, _AMOUNT, _PRIORITY = int(Column.SLA), int(Column.UPDATED), int(Column.AMOUNT), 0
_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _ACCESSIBLE,
        _ALIGN,
        _BACKGROUND,
        int(CASE_ID_ROLE),
        int(FLASH_ROLE),
        int(SLA_VIEW_ROLE),
        int(SLA_CELL_ROLE),
        int(BADGE_KEY_ROLE),
    }
)
"""The only roles this model answers; the view's other questions (font, colour, icon, check
state, size hint, …) get ``None`` at once, without touching a row."""
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_ALIGNMENTS = tuple(RIGHT if c == Column.AMOUNT else LEFT for c in Column)
_COLUMNS = tuple(Column)
_N_COLUMNS = len(_COLUMNS)


class _Line:
    """A fetched row and its display strings (formatted once, on first paint; tooltips on
    first hover)."""

    __slots__ = ("row", "texts", "tips")

    def __init__(self, row: RowView) -> None:
        self.row = row
        self.texts: tuple[str, ...] | None = None  # per column; SLA / UPDATED are live
        self.tips: tuple[str | None, ...] | None = None


class InboxModel(TableModel):
    """Rows are case ids; columns are :class:`ui.inbox.columns.Column`.

    Cost per cell: a fetched row keeps its display strings (formatted on first use), and the
    clock-dependent values (the SLA countdown, the "updated" age) are computed at most once per
    row and clock second; ``data`` is then a few dict lookups."""

    HEADER_ROLES = frozenset({_DISPLAY, _ACCESSIBLE})

    sig_sort_requested = Signal(int, object)
    """Emitted with (column, Qt.SortOrder) when the view asks to sort; the page re-queries."""

    sig_rows_fetched = Signal(int)
    """Emitted with the number of rows read from the store for one page fetch."""

    PAGE_SIZE = 64
    """Most rows read per fetch; a view sets its own window (:meth:`set_window`)."""
    MIN_WINDOW = 16
    CACHE_ROWS = 20_000

    def __init__(
        self,
        source: InboxSource,
        clock: Clock,
        *,
        korean_amounts: bool = True,
        mask_names: bool = False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._mask_names = mask_names  # a supervisor-only user sees 김*훈 (app.rules.pii)
        self._source = source
        self._clock = clock
        self._window = self.PAGE_SIZE  # rows read per fetch
        self._korean_amounts = korean_amounts
        self._items: list[str] = []  # the case ids of the result, in order
        self._pos: dict[str, int] = {}
        self._rows: OrderedDict[str, _Line] = OrderedDict()
        self._flash_until: dict[str, datetime] = {}
        self._second: datetime | None = None  # the clock second the live caches are for
        self._pinned: datetime | None = None  # set by same_second()
        self._sla_cells: dict[str, SlaCell] = {}  # case id -> SLA cell at that second
        self._views: dict[str, SlaView | None] = {}  # case id -> exact SLA view at that second
        self._ages: dict[str, str] = {}  # case id -> "updated" text at that second
        self._dates: dict[str, str] = {}  # case id -> "updated" date (older than a day)
        self._tracks: dict[str, Track] = {}  # case id -> its clock, moved forward per second
        self._painted: dict[str, SlaCell] = {}  # case id -> the SLA cell last handed to paint
        self.fetches = 0  # page reads so far (tests and the benchmark look at it)

    # -- result ---------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return list(self._items)

    def id_at(self, row: int) -> str | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, case_id: str) -> int:
        return self._pos.get(case_id, -1)

    def cached_ids(self) -> set[str]:
        return set(self._rows)

    def set_rows(self, rows) -> None:
        self.set_ids(list(rows))

    def set_ids(self, ids: list[str]) -> None:
        """Show a new result. Same ids in a new order keep selection (a layout change); a
        different set of ids is a reset, and the page restores selection by id."""
        if ids == self._items:
            return
        if len(ids) == len(self._items) and set(ids) == set(self._pos):
            self.layoutAboutToBeChanged.emit()
            old = self.persistentIndexList()
            new_pos = {case_id: i for i, case_id in enumerate(ids)}
            moved = [
                self.index(new_pos[self._items[p.row()]], p.column()) for p in old if p.isValid()
            ]
            self._items, self._pos = list(ids), new_pos
            self.changePersistentIndexList([p for p in old if p.isValid()], moved)
            self.layoutChanged.emit()
            return
        self.beginResetModel()
        self._items = list(ids)
        self._pos = {case_id: i for i, case_id in enumerate(ids)}
        self._rows.clear()
        self._forget_live()
        self.endResetModel()

    def extend_ids(self, ids: list[str]) -> None:
        """The whole result after its first part was shown: when it starts with the ids shown,
        the rest is appended (rows inserted: selection and scroll position stay); otherwise it
        is shown as :meth:`set_ids` would."""
        shown = len(self._items)
        if len(ids) > shown and ids[:shown] == self._items:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            for i in range(shown, len(ids)):
                self._pos[ids[i]] = i
            self._items.extend(ids[shown:])
            self.endInsertRows()
        else:
            self.set_ids(ids)

    def invalidate(self, case_ids: set[str]) -> None:
        """Forget cached rows of ``case_ids`` and repaint those that are in the result."""
        rows = []
        for case_id in case_ids:
            self._rows.pop(case_id, None)
            for cache in self._live_caches():
                cache.pop(case_id, None)
            if (row := self._pos.get(case_id)) is not None:
                rows.append(row)
        last = self.columnCount() - 1
        for row in sorted(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def flash(self, case_ids: set[str]) -> None:
        """Highlight rows for a few seconds (new P0 / SLA warning)."""
        until = self._clock.now() + FLASH_FOR
        for case_id in case_ids:
            self._flash_until[case_id] = until
        last = self.columnCount() - 1
        for case_id in case_ids:
            if (row := self._pos.get(case_id)) is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def is_flashing(self, case_id: str) -> bool:
        until = self._flash_until.get(case_id)
        return until is not None and until > self._clock.now()

    # -- ticking --------------------------------------------------------------------------------
    def refresh_sla(self, first: int, last: int) -> None:
        """Repaint the SLA cells of rows ``first..last`` (the visible ones) whose look changed
        since they were painted: the words (seconds tick only under an hour), the state or a
        step of the bar. One ``dataChanged`` per run of neighbouring changed rows."""
        if not self._items or first < 0 or last < first:
            return
        last = min(last, len(self._items) - 1)
        changed: list[int] = []
        painted, rows = self._painted, self._rows
        with self.same_second():
            for r in range(first, last + 1):
                case_id = self._items[r]
                before = painted.get(case_id)
                line = rows.get(case_id)
                if before is None or line is None:
                    continue  # never painted: it will be computed when it is
                if self._sla_cell(line.row) != before:
                    changed.append(r)
        roles = [Qt.ItemDataRole.DisplayRole, SLA_VIEW_ROLE, SLA_CELL_ROLE, _TOOLTIP]
        for top, bottom in runs(changed):
            self.dataChanged.emit(
                self.index(top, Column.SLA), self.index(bottom, Column.SLA), roles
            )
        self._end_flashes(first, last)

    def _end_flashes(self, first: int, last: int) -> None:
        if not self._flash_until:
            return
        now = self._clock.now()
        done = [cid for cid, until in self._flash_until.items() if until <= now]
        for case_id in done:
            del self._flash_until[case_id]
            row = self._pos.get(case_id)
            if row is not None and first <= row <= last:
                self.dataChanged.emit(
                    self.index(row, 0),
                    self.index(row, self.columnCount() - 1),
                    [Qt.ItemDataRole.BackgroundRole],
                )

    # -- lazy rows ------------------------------------------------------------------------------
    def row_view(self, row: int) -> RowView | None:
        line = self._line(row)
        return line.row if line is not None else None

    def _line(self, row: int) -> _Line | None:
        case_id = self.id_at(row)
        if case_id is None:
            return None
        found = self._rows.get(case_id)
        if found is None:
            self._fetch_from(row)
            found = self._rows.get(case_id)
        return found

    @property
    def window_rows(self) -> int:
        return self._window

    def set_window(self, rows: int) -> None:
        """Read ``rows`` rows per fetch (a screen and a few more; at most PAGE_SIZE)."""
        self._window = max(self.MIN_WINDOW, min(self.PAGE_SIZE, rows))

    def _fetch_from(self, row: int) -> None:
        """Read the window of rows from ``row`` on (the last ones at the end): the view paints
        top down, so the first row it misses starts a window that covers the screen — one read
        per screen however far the reader jumped, and no more rows than a screen shows."""
        window = self._window
        start = max(0, min(row, len(self._items) - window))
        wanted = [i for i in self._items[start : start + window] if i not in self._rows]
        if not wanted:
            return
        fetched = self._source.rows(wanted)
        self.fetches += 1
        for case_id in wanted:  # ids gone from the store meanwhile show as an empty row
            self._rows[case_id] = _Line(fetched.get(case_id) or RowView.missing(case_id))
        while len(self._rows) > self.CACHE_ROWS:
            self._rows.popitem(last=False)
        self.sig_rows_fetched.emit(len(wanted))

    # -- Qt model API ---------------------------------------------------------------------------
    def column_count(self) -> int:
        return _N_COLUMNS

    def header(self, section: int) -> str:
        return header(Column(section))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sig_sort_requested.emit(column, order)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        r = index.row()
        if not 0 <= r < len(self._items):
            return None
        if role == CASE_ID_ROLE:
            return self._items[r]
        column = index.column()
        if role == _ALIGN:
            return _ALIGNMENTS[column]
        case_id = self._items[r]
        line = self._rows.get(case_id)
        if line is None:
            line = self._line(r)
            if line is None:
                return None
        if role == _DISPLAY:
            if column == _SLA:
                return self.sla_cell_for(line.row).text
            if column == _UPDATED:
                return self.age_for(line.row)
            return (line.texts or self._format(line))[column]
        if role == SLA_CELL_ROLE:
            if column != _SLA:
                return None
            cell = self.sla_cell_for(line.row)
            if self._flash_until and self.is_flashing(case_id):
                return replace(cell, background=flash_color())
            return cell
        if role == _BACKGROUND:
            return flash_color() if self._flash_until and self.is_flashing(case_id) else None
        if role == BADGE_KEY_ROLE:
            return line.row.priority if column == _PRIORITY else None
        if role == SLA_VIEW_ROLE:
            return self._sla(line.row)
        if role == _TOOLTIP:
            if column == _SLA:
                view = self._sla(line.row)
                return countdown_tooltip(view) if view else None
            if line.tips is None:  # formatted on the first hover, not on paint
                line.tips = tuple(
                    None if c == Column.SLA else self._tooltip(line.row, c) for c in _COLUMNS
                )
            return line.tips[column]
        if role == _ACCESSIBLE:
            if column == _SLA:
                view = self._sla(line.row)
                return accessible_text(view) if view else ""
            if column == _UPDATED:
                return self.age_for(line.row)
            return (line.texts or self._format(line))[column]
        if role == FLASH_ROLE:
            return self.is_flashing(case_id)
        return None

    # -- cell values ----------------------------------------------------------------------------
    @contextmanager
    def same_second(self) -> Iterator[None]:
        """Within this block every cell reads one clock second (a paint, a tick: one clock
        read instead of one per cell)."""
        self._pinned = None
        self._pinned = self._now_second()
        try:
            yield
        finally:
            self._pinned = None

    def _now_second(self) -> datetime:
        """The clock's now, to the second; a new second forgets the per-second caches."""
        if self._pinned is not None:
            return self._pinned
        second = self._clock.now().replace(microsecond=0)
        if second != self._second:
            self._second = second
            self._sla_cells.clear()
            self._views.clear()
            self._ages.clear()
        return second

    def _forget_live(self) -> None:
        self._second = None
        for cache in self._live_caches():
            cache.clear()

    def _live_caches(self) -> tuple[dict, ...]:
        return (
            self._sla_cells, self._views, self._ages, self._dates, self._tracks, self._painted
        )  # fmt: skip

    def _sla_cell(self, row: RowView) -> SlaCell:
        """What the SLA cell of ``row`` shows at this clock second: from the row's track (one
        ``evaluate`` per state change, not per second)."""
        now = self._now_second()
        cell = self._sla_cells.get(row.id)
        if cell is not None:
            return cell
        if row.sla is None:
            cell = SlaCell(None)
        else:
            track = self._tracks.get(row.id)
            cell = track.cell_at(now) if track is not None else None
            if cell is None:
                shown = face(row.sla, now)  # no calendar walk: that is for tooltips
                self._tracks[row.id] = Track(row.sla, shown, now)
                cell = SlaCell.of(shown)
        self._sla_cells[row.id] = cell
        return cell

    def sla_cell_for(self, row: RowView) -> SlaCell:
        """The SLA cell to paint now (remembered, so the next tick repaints only changes)."""
        cell = self._painted[row.id] = self._sla_cell(row)
        return cell

    def _sla(self, row: RowView) -> SlaView | None:
        """The exact SLA view of ``row`` now (tooltips, assistive text, ``SLA_VIEW_ROLE``)."""
        now = self._now_second()
        if row.id in self._views:
            return self._views[row.id]
        view = self._views[row.id] = evaluate(row.sla, now) if row.sla is not None else None
        return view

    def paint_line(self, row: int) -> _Line | None:
        """Row ``row`` with its display strings formatted (the table paints from this)."""
        line = self._line(row)
        if line is not None and line.texts is None:
            self._format(line)
        return line

    def age_for(self, row: RowView) -> str:
        """The "updated" column's text of ``row`` at this clock second."""
        now = self._now_second()
        text = self._ages.get(row.id)
        if text is None:
            text = self._dates.get(row.id)  # older than a day: a date, the same every second
            if text is None:
                text = relative_age(row.updated_at, now)
                if row.updated_at is not None and now - row.updated_at >= _A_DAY:
                    self._dates[row.id] = text
            self._ages[row.id] = text
        return text

    def _format(self, line: _Line) -> tuple[str, ...]:
        """Format the clock-independent strings of a row, once."""
        row = line.row
        texts = []
        for column in _COLUMNS:
            texts.append(
                "" if column in (Column.SLA, Column.UPDATED) else self._display(row, column)
            )
        line.texts = tuple(texts)
        return line.texts

    def _display(self, row: RowView, column: Column) -> str:
        if column == Column.PRIORITY:
            return row.priority.upper()
        if column == Column.SLA:
            view = self._sla(row)
            return countdown_text(view) if view else ""
        if column == Column.CASE:
            return row.id + (" ⟳" if row.pending_sync else "")
        if column == Column.CUSTOMER:
            name = mask_name(row.customer_name) if self._mask_names else row.customer_name
            return f"{name}  {row.customer_masked}".strip()
        if column == Column.AMOUNT:
            return format_krw(row.amount, korean_units=self._korean_amounts)
        if column == Column.QUEUE:
            return row.queue_name
        if column == Column.STATUS:
            return status_label(row.status)
        if column == Column.ASSIGNEE:
            return row.assignee_name
        return self.age_for(row)

    def _tooltip(self, row: RowView, column: Column) -> str | None:
        if column == Column.SLA:
            view = self._sla(row)
            return countdown_tooltip(view) if view else None
        if column == Column.AMOUNT:
            return format_krw_exact(row.amount)
        if column == Column.UPDATED:
            return local_time(row.updated_at, "%Y-%m-%d %H:%M:%S")
        return None
