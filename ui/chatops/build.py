"""Builds the ChatOps page from the window's context (called by ``ui.pages.build_page``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.chatops.page import ChatOpsPage
from ui.context import AppContext
from ui.wall.build import engine_api


def build_chatops_page(context: AppContext, parent: QWidget) -> ChatOpsPage:
    page = ChatOpsPage(
        lambda: engine_api(context), context.keeper, context.store, context.lang, parent
    )
    page.load_tools()
    # the first load may run before sign-in: load again once online
    context.bridge.sig_connection_changed.connect(
        lambda state, _detail: page.load_tools() if state == "online" else None
    )
    return page
