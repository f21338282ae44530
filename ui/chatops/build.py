"""Builds the ChatOps page from the window's context (called by ``ui.pages.build_page``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.chatops.page import ChatOpsPage
from ui.context import AppContext


def engine_api(context: AppContext) -> Any:
    """The sync engine's ``ApiClient`` (shared token and connection pool), or None offline."""
    parts = getattr(context.bridge.engine, "parts", None)
    return getattr(getattr(parts, "puller", None), "api", None)


def build_chatops_page(context: AppContext, parent: QWidget) -> ChatOpsPage:
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
