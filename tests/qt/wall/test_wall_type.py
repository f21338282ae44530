"""Wall type sizes for reading from 5 m at 1080p: table body ≥ 28 px, captions ≥ 20 px; rows
grow to use the height instead of leaving the bottom of the screen empty."""

from __future__ import annotations

from ui.ops_feed import WallFeed
from ui.ops_source import WallSource
from ui.tasks import TaskKeeper
from ui.wall.page import WallPage


def _px(widget) -> int:
    widget.ensurePolished()
    return widget.font().pixelSize()


def test_type_sizes_for_five_metres_and_rows_fill_the_screen(qtbot, live_clock) -> None:
    feed = WallFeed(WallSource(lambda: None), TaskKeeper(), now=live_clock.now)
    page = WallPage(feed, live_clock)
    feed.setParent(page)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    page.show()
    qtbot.waitExposed(page)
    assert _px(page.review.table) >= 28 and _px(page.agents.calls) >= 28
    # the wallboard's tables and their empty sentences read from 5 m too
    for part in (page.agents.board.table, page.contact.waiting.table, page.contact.table):
        assert _px(part) >= 28
    assert _px(page.contact.waiting.empty) >= 28 and _px(page.agents.board.empty) >= 28
    for tile in page.tiles.values():
        assert _px(tile.caption) >= 20 and _px(tile.status) >= 20
    assert _px(page.as_of) >= 20 and _px(page.rotation) >= 20
    rows = [{"id": f"q{i}", "name": f"Queue {i}", "kind": "review"} for i in range(5)]
    page.review.model.set_data(rows, {})
    table = page.review.table
    qtbot.waitUntil(lambda: table.verticalHeader().defaultSectionSize() > 72, timeout=20_000)
    used = table.verticalHeader().defaultSectionSize() * 5 + table.horizontalHeader().height()
    assert used >= 0.8 * table.height()  # five queues use the panel's height
    page.stop()


def test_no_korean_header_or_figure_is_cut_at_1440(qtbot, qapp, live_clock) -> None:
    """'서비스 수준', '위반 임박', '금일 처리' and '◆ 0%' were cut in a 1440x900 window: figures
    take their width, the queue's name takes the rest and carries its full text as a tooltip."""
    from PySide6.QtCore import Qt

    from ui.look import install_language

    try:
        assert install_language(qapp, "ko")
        feed = WallFeed(WallSource(lambda: None), TaskKeeper(), now=live_clock.now)
        page = WallPage(feed, live_clock)
        feed.setParent(page)
        qtbot.addWidget(page)
        page.resize(1280, 860)  # a 1440x900 window less the rail and the status bar
        page.show()
        qtbot.waitExposed(page)
        assert not page.screenshot_ready()  # --screenshots waits for the first snapshot
        name = "선임 심사 (L2 에스컬레이션)"
        stats = {
            "q0": {
                "waiting_by_priority": {"p2": 3},
                "at_risk": 2,
                "breached": 4,
                "handled_today": 12,
                "metrics": {"OLDEST_CONTACT_AGE": 270_000},
            }
        }
        page.review.model.set_data([{"id": "q0", "name": name, "kind": "review"}], stats)
        table, model = page.review.table, page.review.model
        header = table.horizontalHeader()
        assert model.headerData(model.column("service_level"), Qt.Orientation.Horizontal) == (
            "서비스 수준"
        )

        def fitted() -> bool:
            shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
            return all(
                header.sectionSize(c) >= max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
                for c in shown
                if model.COLUMNS[c] != "queue"
            )

        qtbot.waitUntil(fitted, timeout=20_000)
        queue = model.index(0, model.column("queue"))
        assert queue.data(Qt.ItemDataRole.ToolTipRole) == name
        page.stop()
    finally:
        install_language(qapp, "en")
