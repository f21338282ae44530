"""Builds the decision page for the shell (the ``ui.page_table`` builder) and wires it to the
sync bridge."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.decision.page import DecisionPage
from ui.decision.source import DecisionSource
from ui.shared.review_wiring import synced_user, wire_actions


def build_page(context: AppContext, parent: QWidget) -> DecisionPage:
    source = DecisionSource(context.store)
    page = DecisionPage(source, context.clock, synced_user(context), context.lang, parent)
    wire_actions(page, context)
    page.sig_approvals_requested.connect(lambda: parent.window().show_page("approvals"))
    page.show_entity(None)  # the oldest execution paused for approval, from the local store
    return page
