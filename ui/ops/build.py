"""Builds the operations desk from the window's context (called by ``ui.pages.build_page``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.people import User
from app.rules.ops_metrics import KST
from ui.context import AppContext
from ui.ops.page import OpsPage
from ui.ops.report import ReportTab
from ui.ops.stored_reports import StoredReportsTab
from ui.wall.build import connect_bridge, engine_api
from ui.wall.feed import WallFeed
from ui.wall.source import WallSource


def actor_of(context: AppContext) -> User:
    u = context.user
    return User(id=u.id, display_name=u.display_name, roles=list(u.roles), skills=list(u.skills))


def build_ops_page(context: AppContext, parent: QWidget) -> OpsPage:
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
        actor_of(context),
        context.clock,
        context.keeper,
        context.lang,
        parent=parent,
        stored=stored,
    )
    feed.setParent(page)
    connect_bridge(feed, context.bridge)
    context.bridge.sig_connection_changed.connect(lambda *_: feed.poll_now())
    context.bridge.sig_sync_finished.connect(lambda *_: page.reassign.refresh_users())
    feed.start()
    stored.refresh()
    # the first refresh may run before sign-in ("offline"): refresh again once online
    context.bridge.sig_connection_changed.connect(
        lambda state, _detail: stored.refresh() if state == "online" else None
    )
    return page
