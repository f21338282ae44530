"""Builds the ChatOps page from the window's context (the ``ui.page_table`` builder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.enums import EntityKind
from ui.chatops.page import ChatOpsPage
from ui.context import AppContext
from ui.ops_feed import engine_api


def build_page(context: AppContext, parent: QWidget) -> ChatOpsPage:
    page = ChatOpsPage(
        lambda: engine_api(context), context.keeper, context.store, context.lang, parent
    )
    page.load_tools()
    names = {EntityKind.USER.value, EntityKind.QUEUE.value}
    context.bridge.sig_entities_changed.connect(  # names only when users or queues changed
        lambda changed: page.load_names() if names & set(changed) else None
    )
    # the first load may run before sign-in: load once online, not again after every sync
    context.bridge.sig_connection_changed.connect(
        lambda state, _detail: (
            page.load_tools() if state == "online" and page.tools.count() == 0 else None
        )
    )
    return page
