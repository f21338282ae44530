"""Builds the call page from the window's context (the ``ui.page_table`` builder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.call.page import CallPage
from ui.call.remote import CallRemote
from ui.call.source import CallSource
from ui.context import AppContext


def build_page(context: AppContext, parent: QWidget) -> CallPage:
    page = CallPage(
        CallSource(context.store),
        CallRemote(context.bridge, context.store),
        context.clock,
        context.keeper,
        context.user,
        context.lang,
        parent=parent,
    )
    page.connect_bridge(context.bridge)
    page.load_now()  # the last known state at once, from the local store
    return page
