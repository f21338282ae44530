"""Builds a wall page on a real feed for the tests (short intervals, real server)."""

from __future__ import annotations

from ui.ops_feed import WallFeed
from ui.ops_source import WallSource
from ui.tasks import TaskKeeper
from ui.wall.page import WallPage


def make_wall(
    qtbot, api, clock, store=None, *, stale_after_s=30.0, poll_s=0.3, rotate_s=60.0, settings=None
):
    keeper = TaskKeeper()
    feed = WallFeed(
        WallSource(lambda: api, store, agents=True),
        keeper,
        poll_s=poll_s,
        stale_after_s=stale_after_s,
        timeout_s=3.0,
        now=clock.now,
    )
    page = WallPage(feed, clock, rotate_s=rotate_s, settings=settings)
    feed.setParent(page)
    qtbot.addWidget(page)
    page.resize(1920, 1080)
    return page, feed, keeper
