"""Builds the approvals inbox for the shell (the ``ui.page_table`` builder); a decision row
opens the decision page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.approvals.page import ApprovalsPage
from ui.context import AppContext
from ui.review_wiring import synced_user, wire_actions


def build_page(context: AppContext, parent: QWidget) -> ApprovalsPage:
    actor = synced_user(context)
    page = ApprovalsPage(context.store, context.clock, actor, context.lang, context.runner, parent)
    wire_actions(page, context)
    page.sig_execution_opened.connect(
        lambda execution_id: parent.window().show_page("decision", execution_id)
    )
    page.reload()
    # The page is not in the rail: without a focus of its own, the rail takes the focus when
    # the window shows and selects its first row (the inbox), leaving this page at once.
    page.table.setFocus()
    return page
