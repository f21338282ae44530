"""Builds the ChatOps page from the window's context (the ``ui.page_table`` builder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.chatops.page import ChatOpsPage
from ui.context import AppContext
from ui.ops_feed import engine_api


def build_page(context: AppContext, parent: QWidget) -> ChatOpsPage:
    page = ChatOpsPage(
        lambda: engine_api(context), context.keeper, context.store, context.lang, parent
    )
    page.load_tools()
    context.bridge.sig_sync_finished.connect(lambda *_: page.load_names())
    # the first load may run before sign-in: load again once online
    context.bridge.sig_connection_changed.connect(
        lambda state, _detail: page.load_tools() if state == "online" else None
    )
    return page
