"""What the action pages share: the signed-in user as the services want it, telling the sync
engine about a local write, wiring a page to the sync bridge, and opening a case from anywhere
in the window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.people import User
from app.store.lookups import get_user
from ui.context import AppContext


def domain_user(context: AppContext) -> User:
    u = context.user
    return User(id=u.id, display_name=u.display_name, roles=list(u.roles), skills=list(u.skills))


def synced_user(context: AppContext) -> User:
    """The signed-in user as synced (with the approval level), else from the session."""
    with context.store.session() as s:
        return get_user(s, context.user.id) or domain_user(context)


def local_write_done(context: AppContext) -> None:
    """A service wrote an outbox row: push soon, and refresh the status bar's counts."""
    engine = context.bridge.engine
    if engine is not None:
        engine.notify_local_write()
    context.bridge.refresh_outbox()


def wire_actions(page: Any, context: AppContext) -> None:
    """A review page (decision, approvals, checkpoint) to the bridge: its saved actions are
    pushed and counted; synced changes, finished syncs and outbox changes reach the page."""
    bridge = context.bridge
    page.sig_action_saved.connect(lambda _id: local_write_done(context))
    bridge.sig_entities_changed.connect(page.on_entities_changed)
    bridge.sig_sync_finished.connect(page.on_sync_finished)
    if hasattr(page, "on_outbox_changed"):
        bridge.sig_outbox_changed.connect(page.on_outbox_changed)


def engine_api(context: AppContext) -> Any:
    """The sync engine's ``ApiClient`` (shared token and connection pool), or None."""
    parts = getattr(context.bridge.engine, "parts", None)
    return getattr(getattr(parts, "puller", None), "api", None)


def open_case(anchor: QWidget, case_id: str) -> QWidget | None:
    """Show the case page of the window ``anchor`` lives in, on ``case_id``."""
    window = anchor.window()
    show_page = getattr(window, "show_page", None)
    if show_page is None:
        return None
    page = show_page("case")
    if page is not None and hasattr(page, "show_case"):
        page.show_case(case_id)
    return page
