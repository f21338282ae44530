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
