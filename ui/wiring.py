"""What the action pages share: the signed-in user as the services want it, and opening a case
from anywhere in the window. (Telling the sync engine about a local write is the operation
runner's, ``ui.runner``.)"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.people import User
from ui.context import AppContext


def domain_user(context: AppContext) -> User:
    u = context.user
    return User(id=u.id, display_name=u.display_name, roles=list(u.roles), skills=list(u.skills))


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
