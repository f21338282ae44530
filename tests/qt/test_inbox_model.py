"""The inbox model over a real store file with a few thousand cases."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from app.domain.enums import Priority
from app.rules.sla import evaluate
from app.store.inbox import InboxFilter
from tests.qt.conftest import CASES
from tests.qt.data import NOW
from ui.inbox.columns import Column
from ui.inbox.model import CASE_ID_ROLE, InboxModel
from ui.inbox.source import InboxSource
from widgets.sla_countdown import SLA_CELL_ROLE, SLA_VIEW_ROLE, SlaCell


def make_model(store, clock, f: InboxFilter | None = None) -> tuple[InboxModel, InboxSource]:
    source = InboxSource(store)
    model = InboxModel(source, clock)
    model.set_ids(source.ids(f or InboxFilter(me="reviewer1"), NOW))
    return model, source


def test_model_passes_qt_model_tester(qtmodeltester, big_store, clock):
    model, _ = make_model(big_store, clock, InboxFilter(priorities=frozenset([Priority.P0])))
    qtmodeltester.check(model)


def test_rows_are_fetched_lazily_one_page_at_a_time(big_store, clock):
    model, _ = make_model(big_store, clock)
    assert model.rowCount() == CASES
    assert model.fetches == 0 and not model.cached_ids()
    assert model.data(model.index(0, Column.CASE)) == model.id_at(0)
    assert model.fetches == 1 and len(model.cached_ids()) == model.PAGE_SIZE
    model.data(model.index(5, Column.CUSTOMER))  # same page: no new read
    assert model.fetches == 1
    model.data(model.index(CASES - 1, Column.AMOUNT))
    assert model.fetches == 2
    assert len(model.cached_ids()) == 2 * model.PAGE_SIZE  # the last PAGE_SIZE rows
    model.data(model.index(1000, Column.CASE))  # a jump: the window starts at the row
    model.data(model.index(1000 + model.PAGE_SIZE - 1, Column.CASE))
    assert model.fetches == 3


def test_default_order_is_priority_then_due_time(big_store, clock):
    model, _ = make_model(big_store, clock)
    keys = []
    for row in range(0, CASES, 97):
        view = model.row_view(row)
        keys.append((view.priority, view.sla.due_at if view.sla else None))
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    for (p1, d1), (p2, d2) in itertools.pairwise(keys):
        if p1 == p2 and d1 and d2:
            assert d1 <= d2


def test_filters_run_in_sql(big_store, clock):
    source = InboxSource(big_store)
    all_ids = source.ids(InboxFilter(), NOW)
    p0 = source.ids(InboxFilter(priorities=frozenset([Priority.P0])), NOW)
    assert 0 < len(p0) < len(all_ids)
    model, _ = make_model(big_store, clock, InboxFilter(priorities=frozenset([Priority.P0])))
    assert all(model.row_view(r).priority == "p0" for r in range(0, model.rowCount(), 37))
    mine = source.ids(InboxFilter(assignee="me", me="reviewer1"), NOW)
    model.set_ids(mine)
    assert mine and all(model.row_view(r).assignee_id == "reviewer1" for r in range(len(mine)))
    breached = source.ids(InboxFilter(sla="breached"), NOW)
    model.set_ids(breached)
    states = {model.data(model.index(r, Column.SLA), SLA_VIEW_ROLE).state for r in range(20)}
    assert states == {"breached"}
    text = source.ids(InboxFilter(text="C-0012"), NOW)
    assert sorted(text) == [f"C-{i:05d}" for i in range(120, 130)]


def test_sort_by_clicking_headers_requeries(make_runner, qtbot, qloop, big_store, clock):
    from ui.inbox.page import InboxPage
    from ui.tasks import TaskKeeper

    page = InboxPage(
        InboxSource(big_store), clock, TaskKeeper(), "reviewer1", runner=make_runner(big_store)
    )
    qtbot.addWidget(page)
    page.load_now()
    header = page.table.horizontalHeader()
    with qtbot.waitSignal(page.sig_result_loaded, timeout=20_000):
        header.setSortIndicator(int(Column.AMOUNT), Qt.SortOrder.DescendingOrder)
    amounts = [page.model.row_view(r).amount for r in range(50)]
    assert amounts == sorted(amounts, reverse=True)
    assert page.current_filter.sort == "amount" and page.current_filter.descending


def test_latest_request_wins(make_runner, qtbot, qloop, big_store, clock):
    from ui.inbox.page import InboxPage
    from ui.tasks import TaskKeeper

    page = InboxPage(
        InboxSource(big_store), clock, TaskKeeper(), "reviewer1", runner=make_runner(big_store)
    )
    qtbot.addWidget(page)
    results: list[int] = []
    page.sig_result_loaded.connect(results.append)
    page._filter = replace(page.current_filter, text="C-001")
    page.reload()
    page._filter = replace(page.current_filter, text="C-0012")
    with qtbot.waitSignal(page.sig_result_loaded, timeout=20_000):
        page.reload()
    qtbot.wait(50)
    assert results == [10]


def looks(row_view, at) -> SlaCell:
    """What the SLA cell shows at ``at``, computed straight from the rules."""
    return SlaCell.of(evaluate(row_view.sla, at) if row_view.sla is not None else None)


def test_tick_repaints_only_the_visible_sla_cells_that_changed(
    make_runner, qtbot, big_store, clock, manual_time
):
    from ui.inbox.page import InboxPage
    from ui.tasks import TaskKeeper

    page = InboxPage(
        InboxSource(big_store), clock, TaskKeeper(), "reviewer1", runner=make_runner(big_store)
    )
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.load_now()
    qtbot.waitUntil(lambda: page.visible_rows()[0] >= 0)
    page.table.scrollTo(page.model.index(700, 0), page.table.ScrollHint.PositionAtTop)
    page.table.viewport().repaint()  # painted now (the model compares with what it painted)
    first, last = page.visible_rows()
    assert first == 700 and 10 < last - first < 60
    model = page.model
    changes, resets, sizes = [], [], []
    model.dataChanged.connect(lambda a, b, roles: changes.append((a, b)))
    model.modelReset.connect(lambda: resets.append(1))
    for seconds in (1, 1, 59, 3600):  # a second, another, past a minute, past an hour
        before = manual_time.value
        after = manual_time.advance(timedelta(seconds=seconds))
        changes.clear()
        with qtbot.waitSignal(clock.sig_tick):
            clock.tick()
        page.table.viewport().repaint()  # deterministic: whatever the machine's load
        assert resets == []
        assert all(a.column() == b.column() == Column.SLA for a, b in changes)
        repainted = {r for a, b in changes for r in range(a.row(), b.row() + 1)}
        expected = {
            r
            for r in range(first, last + 1)
            if looks(model.row_view(r), after) != looks(model.row_view(r), before)
        }
        assert repainted == expected
        sizes.append(len(expected))
        for r in range(first, last + 1):  # and every cell shows what the rules say
            assert model.index(r, Column.SLA).data(SLA_CELL_ROLE) == looks(model.row_view(r), after)
    assert max(sizes) > 0 and min(sizes) < last - first + 1, sizes  # not all, not nothing


def test_sync_invalidates_only_changed_rows(big_store, clock):
    model, _ = make_model(big_store, clock)
    model.data(model.index(0, 0))
    target = model.id_at(3)
    seen = []
    model.dataChanged.connect(lambda a, b, roles: seen.append((a.row(), b.row())))
    model.invalidate({target, "C-not-in-result"})
    assert seen == [(3, 3)]
    assert target not in model.cached_ids()
    assert model.data(model.index(3, 0), CASE_ID_ROLE) == target


def test_a_long_result_shows_its_first_part_at_once_and_the_rest_on_scrolling(
    make_runner, qtbot, big_store, clock
):
    from ui.inbox.page import FIRST_IDS, InboxPage
    from ui.tasks import TaskKeeper

    source = InboxSource(big_store)
    page = InboxPage(source, clock, TaskKeeper(), "reviewer1", runner=make_runner(source.store))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page._filter = replace(page.current_filter, statuses=frozenset())  # all CASES cases
    everything = source.ids(page.current_filter, clock.now())
    assert len(everything) == CASES > FIRST_IDS
    inserted = []
    page.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    page.load_now()
    assert page.model.rowCount() == FIRST_IDS and not page.complete
    assert page.model.ids() == everything[:FIRST_IDS]
    assert page.count_label.text() == f"{FIRST_IDS:,}+ cases"
    qtbot.waitUntil(lambda: page.count_label.text() == f"{CASES:,} cases")  # counted off-thread
    assert page.model.rowCount() == FIRST_IDS  # nothing more loaded until it is needed
    page.select_row(10)  # the reviewer works on
    with qtbot.waitSignal(page.sig_result_completed, timeout=30_000) as done:
        bar = page.table.verticalScrollBar()
        bar.setValue(bar.maximum())  # reaches the end of the first part
    assert done.args == [CASES] and page.complete
    assert page.model.ids() == everything
    assert inserted == [(FIRST_IDS, CASES - 1)]  # appended: no reset
    assert page.current_case_id() == everything[10]
    assert page.count_label.text() == f"{CASES:,} cases"


def test_a_selected_case_beyond_the_first_part_is_kept_after_a_requery(
    make_runner, qtbot, big_store, clock
):
    from ui.inbox.page import FIRST_IDS, InboxPage
    from ui.tasks import TaskKeeper

    source = InboxSource(big_store)
    page = InboxPage(source, clock, TaskKeeper(), "reviewer1", runner=make_runner(source.store))
    qtbot.addWidget(page)
    page.show()
    page._filter = replace(page.current_filter, statuses=frozenset())
    page.load_now()
    with qtbot.waitSignal(page.sig_result_completed, timeout=30_000):
        page.load_rest()
    target = page.model.id_at(FIRST_IDS + 500)
    assert page.select_case(target)
    with qtbot.waitSignal(page.sig_result_completed, timeout=30_000):
        page.load_now()  # e.g. a sync changed cases: the query runs again
    assert page.current_case_id() == target


def test_a_view_reads_about_a_screen_per_store_read(make_runner, qtbot, qloop, big_store, clock):
    from ui.inbox.page import InboxPage
    from ui.tasks import TaskKeeper

    page = InboxPage(
        InboxSource(big_store), clock, TaskKeeper(), "reviewer1", runner=make_runner(big_store)
    )
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.load_now()
    page.show()
    qtbot.waitExposed(page)
    table, model = page.table, page.model
    shown = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    model.data(model.index(500, Column.CASE))  # a jump: one read of the window from there
    read = {r for r in range(model.rowCount()) if model.id_at(r) in model.cached_ids()}
    assert {500, 500 + shown} <= read  # a screen from the jump on ...
    assert 500 + model.PAGE_SIZE - 1 not in read  # ... not two screens (window < PAGE_SIZE)
    page.resize(1200, 1400)  # a taller view reads more per read
    qtbot.waitUntil(lambda: model.window_rows > shown + shown // 3 + 2)


def test_a_tick_repaints_only_changed_sla_cells_and_looks_like_a_full_paint(
    make_runner, qtbot, qloop, qapp, big_store, clock, manual_time
):
    from PySide6.QtCore import QEvent, QObject

    from ui.inbox.page import InboxPage
    from ui.tasks import TaskKeeper

    page = InboxPage(
        InboxSource(big_store), clock, TaskKeeper(), "reviewer1", runner=make_runner(big_store)
    )
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.load_now()
    due = min(v.sla.due_at for r in range(20) if (v := page.model.row_view(r)).sla)
    manual_time.value = due + timedelta(minutes=20)  # some countdowns show seconds
    page.show()
    qtbot.waitExposed(page)
    table = page.table
    table.setFocus()
    table.selectRow(2)
    table.setCurrentIndex(page.model.index(4, int(Column.CASE)))  # the cursor's frame, row 4
    qtbot.wait(50)
    regions = []

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                regions.append(event.region().boundingRect())
            return False

    paints = Paints(table.viewport())
    table.viewport().installEventFilter(paints)
    for _ in range(5):
        manual_time.advance(timedelta(seconds=1))
        clock.tick()
        qapp.processEvents()
    sla_x = table.columnViewportPosition(int(Column.SLA))
    sla_w = table.columnWidth(int(Column.SLA))
    assert regions  # countdowns under an hour changed
    assert all(r.left() >= sla_x and r.right() < sla_x + sla_w for r in regions)  # SLA only
    shown = qapp.primaryScreen().grabWindow(page.winId()).toImage()  # what was painted so far
    full = page.grab().toImage().convertToFormat(shown.format())  # one paint of everything
    assert shown.size() == full.size() and shown == full
