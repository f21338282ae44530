"""Builds the wall page from the window's context (called by ``ui.pages.build_page``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.wall.feed import WallFeed
from ui.wall.kiosk import SETTINGS
from ui.wall.page import WallPage
from ui.wall.source import WallSource


def engine_api(context: AppContext) -> Any:
    """The sync engine's ``ApiClient`` (shared token and connection pool), or None."""
    return context.bridge.api()


def connect_bridge(feed: WallFeed, bridge: Any) -> None:
    """Live hints: an ``alert`` event polls at once; ``queue.stats`` merges when offered."""
    bridge.sig_alert_received.connect(feed.on_alert)
    stats_signal = getattr(bridge, "sig_queue_stats_received", None)
    if stats_signal is not None:
        stats_signal.connect(feed.on_queue_stats)


def build_wall_page(context: AppContext, parent: QWidget) -> WallPage:
    source = WallSource(lambda: engine_api(context), context.store)
    feed = WallFeed(source, context.keeper, now=context.clock.now)
    page = WallPage(feed, context.clock, rotate_s=SETTINGS.rotate_s, parent=parent)
    feed.setParent(page)
    connect_bridge(feed, context.bridge)
    context.bridge.sig_connection_changed.connect(lambda *_: feed.poll_now())
    feed.start()
    return page
