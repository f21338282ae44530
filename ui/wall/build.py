"""Builds the wall page from the window's context (the ``ui.page_table`` builder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.ops_feed import WallFeed, connect_bridge, engine_api
from ui.ops_source import WallSource
from ui.time_zone import workstation_settings
from ui.wall.kiosk import SETTINGS
from ui.wall.page import WallPage


def build_page(context: AppContext, parent: QWidget) -> WallPage:
    source = WallSource(lambda: engine_api(context), context.store, agents=True)
    feed = WallFeed(source, context.keeper, now=context.clock.now)
    page = WallPage(
        feed,
        context.clock,
        rotate_s=SETTINGS.rotate_s,
        parent=parent,
        settings=workstation_settings(),
    )
    feed.setParent(page)
    connect_bridge(feed, context.bridge)
    context.bridge.sig_connection_changed.connect(feed.on_connection)
    feed.start()
    return page
