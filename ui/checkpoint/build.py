"""Builds the checkpoint page for the shell (the ``ui.page_table`` builder) and wires it to the
sync bridge."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.checkpoint.page import CheckpointPage
from ui.context import AppContext
from ui.review_wiring import synced_user, wire_actions


def build_page(context: AppContext, parent: QWidget) -> CheckpointPage:
    actor = synced_user(context)
    page = CheckpointPage(context.store, context.clock, actor, context.lang, context.runner, parent)
    wire_actions(page, context)
    page.show_entity(None)
    return page
