"""What the review pages (decision, approvals, checkpoint) share: the acting user as synced,
and their wiring to the sync bridge."""

from __future__ import annotations

from typing import Any

from app.domain.people import User
from app.store.lookups import get_user
from ui.context import AppContext
from ui.wiring import domain_user


def synced_user(context: AppContext) -> User:
    """The signed-in user as synced (with the approval level), else from the session."""
    with context.store.session() as s:
        return get_user(s, context.user.id) or domain_user(context)


def wire_actions(page: Any, context: AppContext) -> None:
    """Pulled and local changes and sync state reach the page (its writes go through the
    runner, which tells the engine and the outbox count)."""
    bridge = context.bridge
    bridge.sig_entities_changed.connect(page.on_entities_changed)
    bridge.sig_sync_finished.connect(page.on_sync_finished)
    if hasattr(page, "on_outbox_changed"):
        bridge.sig_outbox_changed.connect(page.on_outbox_changed)
