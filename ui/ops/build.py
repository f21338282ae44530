"""Builds the operations desk from the window's context (the ``ui.page_table`` builder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.rules.zone import KST
from ui.context import AppContext
from ui.ops.page import OpsPage
from ui.ops.report import ReportTab
from ui.ops.stored_reports import StoredReportsTab
from ui.ops_feed import WallFeed, connect_bridge, engine_api
from ui.ops_source import WallSource
from ui.wiring import domain_user


def build_page(context: AppContext, parent: QWidget) -> OpsPage:
    api = lambda: engine_api(context)  # noqa: E731
    feed = WallFeed(WallSource(api, context.store), context.keeper, now=context.clock.now)
    today = context.clock.now().astimezone(KST).date()
    report = ReportTab(api, context.keeper, today)
    stored = StoredReportsTab(api, context.keeper)
    page = OpsPage(
        feed,
        report,
        context.store,
        context.runner,
        domain_user(context),
        context.clock,
        context.keeper,
        context.lang,
        parent=parent,
        stored=stored,
    )
    feed.setParent(page)
    connect_bridge(feed, context.bridge)
    # the desk's connection state follows the feed as the wall's does: offline veils at once
    context.bridge.sig_connection_changed.connect(feed.on_connection)
    context.bridge.sig_sync_finished.connect(lambda *_: page.reassign.refresh_users())
    feed.start()
    stored.refresh()
    # the first refresh may run before sign-in ("offline"): refresh again once online
    context.bridge.sig_connection_changed.connect(
        lambda state, _detail: stored.refresh() if state == "online" else None
    )
    return page
