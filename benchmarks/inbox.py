"""Inbox figures, offscreen with the real widgets over the synced store.

- ``inbox_filter_ms``: median of 20 filter / sort changes, each: the page's query for the new
  filter (``InboxSource.ids`` for the first ``FIRST_IDS`` + 1 ids — what ``InboxPage.reload``
  runs off the UI thread; a longer result is counted on a worker thread and its remaining ids
  load when the reader scrolls near the end), the model's new result, and the view repainted
  (visible rows fetched and painted). Floor: raw ``sqlite3`` on the same file running the same
  SQL (the ids query compiled from ``inbox_select``, and the row and SLA reads of the first
  page).
- ``inbox_scroll_frame_p99_ms``: page-down from top to bottom of the whole result (every case,
  all ids loaded first); one frame = scroll bar moved, pending events processed (rows fetched,
  viewport painted). Floor: a 60 Hz frame.
- ``sla_tick_ms``: 60 visible rows; one frame = ``Clock.tick()`` one second later than the last
  (the clock reads a manual time advanced by 1 s per tick, so every tick computes every visible
  countdown afresh, as the real 1 Hz timer does) — the page emits ``dataChanged`` over the
  visible SLA cells — plus the repaint it causes. Median of N ticks (p99 in the note).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.harness import FRAME_MS, Figure, judge, median, percentile, pin_none

ROWS_SQL = (
    "SELECT cases.*, queues.name FROM cases LEFT OUTER JOIN queues ON queues.id = cases.queue_id "
    "WHERE cases.id IN ({marks})"
)
SLA_SQL = "SELECT id, json_extract(data, '$.sla') FROM cases WHERE id IN ({marks})"
TICK_P99_MS = 8.0  # issue 21: the tick's p99 beside its median


def filter_changes(me: str, n: int) -> list[Any]:
    """``n`` filters a reviewer would click through: sorts, queues, priorities, SLA, text."""
    from app.domain.enums import Priority
    from app.rules.lifecycle import ACTIVE_STATUSES
    from app.store.inbox import InboxFilter

    base = InboxFilter(me=me, statuses=ACTIVE_STATUSES)
    steps = [
        replace(base, sort="due_at"),
        replace(base, sort="amount", descending=True),
        replace(base, queue_ids=frozenset({"credit_review"})),
        replace(base, queue_ids=frozenset({"credit_review"}), priorities=frozenset({Priority.P1})),
        replace(base, priorities=frozenset({Priority.P0, Priority.P1})),
        replace(base, sla="at_risk"),
        replace(base, sla="breached"),
        replace(base, assignee="unassigned"),
        replace(base, assignee="me"),
        replace(base, text="김"),
        replace(base, text="CASE-"),
        replace(base, sort="customer"),
        replace(base, sort="updated_at", descending=True),
        replace(base, statuses=frozenset()),
        replace(base, statuses=frozenset(), sort="status"),
        replace(base, sort="queue"),
        replace(base, sort="id", descending=True),
        replace(base, queue_ids=frozenset({"senior_review", "appeals"})),
        replace(base, sla="paused"),
        base,
    ]
    return [steps[i % len(steps)] for i in range(n)]


class Painted:
    """Counts paint events of a widget (proves a frame really painted)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        outer = self

        class Filter(QObject):
            def eventFilter(self, _obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    outer.count += 1
                return False

        self.count = 0
        self._filter = Filter(widget)
        widget.installEventFilter(self._filter)


def _frame(app: Any) -> None:
    app.processEvents()


def make_page(store_path: Path, rows_visible: int | None = None) -> tuple[Any, Any, Any]:
    """(app, page, store): an InboxPage of the real app look (font, theme) over the store."""
    pin_none()
    from app.store.store import Store
    from ui.bridge import SyncBridge
    from ui.inbox.page import InboxPage
    from ui.inbox.source import InboxSource
    from ui.main import make_app
    from ui.options import Options
    from ui.tasks import TaskKeeper
    from widgets.clock import Clock

    app, _lang = make_app(Options())
    store = Store.open(store_path)
    clock = Clock()
    bridge = SyncBridge(store)
    page = InboxPage(InboxSource(store), clock, TaskKeeper(), "u_admin1", runner=bridge.runner)
    page.resize(1440, 900)
    page.refresh_queues()
    page.load_now()
    page.show()
    _frame(app)
    if rows_visible:
        row_h = page.table.verticalHeader().defaultSectionSize()
        extra = page.height() - page.table.viewport().height()
        page.resize(1440, extra + rows_visible * row_h + 2)
        _frame(app)
    return app, page, store


def _compiled(f: Any, now: datetime, engine: Any) -> tuple[str, list[Any]]:
    """The SQL (and binds) of the page's query for ``f``: its first FIRST_IDS + 1 ids."""
    from app.store.inbox import inbox_select
    from ui.inbox.page import FIRST_IDS

    stmt = inbox_select(f, now).offset(0).limit(FIRST_IDS + 1)
    compiled = stmt.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    procs = compiled._bind_processors  # type conversion of datetimes, as SQLAlchemy would do
    values = []
    for key in compiled.positiontup or []:
        value = params[key]
        proc = procs.get(key)
        values.append(proc(value) if proc else value)
    return str(compiled), values


def _floor_ms(conn: sqlite3.Connection, sql: str, params: list[Any], page: int) -> float:
    t0 = time.perf_counter()
    ids = [r[0] for r in conn.execute(sql, params)]
    shown = ids[:page]
    if shown:
        marks = ",".join("?" * len(shown))
        conn.execute(ROWS_SQL.format(marks=marks), shown).fetchall()
        conn.execute(SLA_SQL.format(marks=marks), shown).fetchall()
    return (time.perf_counter() - t0) * 1000


def inbox_filter(store_path: Path, n: int) -> Figure:
    _app, page, store = make_page(store_path)
    conn = sqlite3.connect(store_path)
    try:
        view = page.table.viewport()
        painted = Painted(view)
        now = page._clock.now()
        values, floors, counts, results = [], [], [], []
        for f in filter_changes("u_admin1", n):
            sql, params = _compiled(f, now, store.engine)
            floors.append(_floor_ms(conn, sql, params, page.model.PAGE_SIZE))
            t0 = time.perf_counter()
            page._filter = f  # what FilterBar / the header do, then reload()
            page.load_now()
            t1 = time.perf_counter()
            view.repaint()
            values.append((time.perf_counter() - t0) * 1000)
            results.append((t1 - t0) * 1000)  # query + the model's new result, before the paint
            counts.append(page.model.rowCount())  # at most FIRST_IDS: the part shown at once
        value, floor_value = median(values), median(floors)
        result_ms = median(results)
        return judge(
            "inbox_filter_ms", value, "ms", floor="raw sqlite3, same query and first page",
            floor_value=floor_value, max_value=30, max_ratio=2,
            note=f"median of {n} over {store_path.stat().st_size >> 20} MiB store; "
            f"max {max(values):.1f} ms; shown at once {min(counts)}..{max(counts)} rows; "
            f"{painted.count} paints; of which query + model {result_ms:.2f} ms (ratio "
            f"{result_ms / floor_value:.2f} to the floor), the repaint the rest",
        )  # fmt: skip
    finally:
        conn.close()
        page.close()
        store.close()


def inbox_scroll(store_path: Path, max_frames: int = 600) -> Figure:
    app, page, store = make_page(store_path)
    try:
        page._filter = replace(page._filter, statuses=frozenset())  # every case
        page.load_now()
        page.load_rest()  # what scrolling near the end of the first part starts
        deadline = time.perf_counter() + 120
        while not page.complete and time.perf_counter() < deadline:  # the whole result
            _frame(app)
            time.sleep(0.005)
        _frame(app)
        view = page.table.viewport()
        painted = Painted(view)
        bar = page.table.verticalScrollBar()
        frames: list[float] = []
        step = max(bar.pageStep(), (bar.maximum() + max_frames - 1) // max_frames)
        while len(frames) <= max_frames:
            t0 = time.perf_counter()
            bar.setValue(bar.value() + step)
            _frame(app)
            frames.append((time.perf_counter() - t0) * 1000)
            if bar.value() >= bar.maximum():
                break
        p99 = percentile(frames, 99)
        return judge(
            "inbox_scroll_frame_p99_ms", p99, "ms", floor="one 60 Hz frame",
            floor_value=FRAME_MS, max_value=16,
            note=f"{len(frames)} frames of {step} px (>= a page), {page.model.rowCount()} rows; "
            f"median {median(frames):.2f} ms, max {max(frames):.1f} ms; "
            f"{page.model.fetches} page fetches, {painted.count} paints",
        )  # fmt: skip
    finally:
        page.close()
        store.close()


def sla_tick(store_path: Path, ticks: int) -> Figure:
    from datetime import timedelta

    from widgets.clock import ManualTime

    app, page, store = make_page(store_path, rows_visible=60)
    try:
        first, last = page.visible_rows()
        view = page.table.viewport()
        painted = Painted(view)
        samples = []
        clock = page._clock
        time_source = ManualTime(clock.now())
        clock.set_offset(timedelta(0))
        clock.set_now_function(time_source)
        for _ in range(ticks):
            time_source.advance(timedelta(seconds=1))
            t0 = time.perf_counter()
            clock.tick()
            _frame(app)
            samples.append((time.perf_counter() - t0) * 1000)
        p99 = percentile(samples, 99)
        fig = judge(
            "sla_tick_ms", median(samples), "ms", max_value=2,
            note=f"rows {first}..{last} visible ({last - first + 1}); median of {ticks} ticks, "
            f"p99 {p99:.2f} ms; {painted.count} paints",
            p99_ms=round(p99, 3),
        )  # fmt: skip
        fig.target += f" and p99 <= {TICK_P99_MS:g} ms"
        if fig.ok:
            fig.ok = p99 <= TICK_P99_MS
        return fig
    finally:
        page.close()
        store.close()


def run(store_path: Path, sizes: Any) -> list[Figure]:
    return [
        inbox_filter(store_path, sizes.filter_changes),
        inbox_scroll(store_path),
        sla_tick(store_path, sizes.ticks),
    ]
