"""What the action pages share: the signed-in user as the services want it, telling the sync
engine about a local write, and opening a case from anywhere in the window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.people import User
from ui.context import AppContext


def domain_user(context: AppContext) -> User:
    u = context.user
    return User(id=u.id, display_name=u.display_name, roles=list(u.roles), skills=list(u.skills))


def local_write_done(context: AppContext) -> None:
    """A service wrote an outbox row: push soon, and refresh the status bar's counts."""
    engine = context.bridge.engine
    if engine is not None:
        engine.notify_local_write()
    context.bridge.refresh_outbox()


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
