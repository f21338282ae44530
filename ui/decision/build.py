"""Builds the decision page for the shell (ui.pages) and wires it to the sync bridge."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.people import User
from ui.context import AppContext
from ui.decision.page import DecisionPage
from ui.decision.source import DecisionSource


def actor_of(context: AppContext, source: DecisionSource) -> User:
    """The signed-in user as synced (with the approval level), else from the session."""
    user = context.user
    fallback = User(user.id, user.display_name, list(user.roles), list(user.skills))
    return source.user(user.id, fallback)


def wire_actions(page, context: AppContext) -> None:
    """Pulled and local changes and sync state reach the page (its writes go through the
    runner, which tells the engine and the outbox count)."""
    bridge = context.bridge
    bridge.sig_entities_changed.connect(page.on_entities_changed)
    bridge.sig_sync_finished.connect(page.on_sync_finished)
    if hasattr(page, "on_outbox_changed"):
        bridge.sig_outbox_changed.connect(page.on_outbox_changed)


def build_decision_page(context: AppContext, parent: QWidget) -> DecisionPage:
    source = DecisionSource(context.store)
    actor = actor_of(context, source)
    page = DecisionPage(source, context.clock, actor, context.lang, context.runner, parent)
    wire_actions(page, context)
    page.sig_approvals_requested.connect(lambda: parent.window().show_page("approvals"))
    page.show_entity(None)  # the oldest execution paused for approval, from the local store
    return page


def build_review_page(name: str, context: AppContext, parent: QWidget) -> QWidget:
    """The decision, approvals or checkpoint page (ui.pages routes these three here)."""
    if name == "decision":
        return build_decision_page(context, parent)
    if name == "approvals":
        from ui.approvals.build import build_approvals_page

        return build_approvals_page(context, parent)
    from ui.checkpoint.build import build_checkpoint_page

    return build_checkpoint_page(context, parent)
