"""Builds the decision page for the shell (the ``ui.page_table`` builder) and wires it to the
sync bridge."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.decision.page import DecisionPage
from ui.decision.source import DecisionSource
from ui.review_wiring import synced_user, wire_actions


def build_page(context: AppContext, parent: QWidget) -> DecisionPage:
    source = DecisionSource(context.store)
    actor = synced_user(context)
    page = DecisionPage(source, context.clock, actor, context.lang, context.runner, parent)
    wire_decision_page(page, context)
    page.sig_approvals_requested.connect(lambda: parent.window().show_page("approvals"))
    page.show_entity(None)  # the oldest execution paused for approval, from the local store
    return page


def wire_decision_page(page: DecisionPage, context: AppContext) -> None:
    """The review pages' wiring, plus the live steps of an asked question."""
    wire_actions(page, context)
    context.bridge.sig_decision_step.connect(page.asker.on_decision_step)
