"""Which pages a user may see, read from the table of pages (``ui.page_table``).

A page is shown when ``app.rules.access.can`` allows any one of its actions for the user's
roles — the client only mirrors the server's checks to keep the shell uncluttered; every page
in the table is built by its folder's builder (``ui.pages``).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.enums import Role
from app.rules.access import can
from ui.page_table import PAGES, PageSpec

PAGE_NAMES = tuple(p.name for p in PAGES)


def spec(name: str) -> PageSpec:
    for page in PAGES:
        if page.name == name:
            return page
    raise KeyError(name)


def allowed(roles: Iterable[Role | str], page: PageSpec) -> bool:
    role_list = [Role(r) for r in roles]
    return any(can(role_list, action).allowed for action in page.actions)


def allowed_pages(roles: Iterable[Role | str], *, rail_only: bool = False) -> list[PageSpec]:
    role_list = [Role(r) for r in roles]
    return [p for p in PAGES if allowed(role_list, p) and (p.in_rail or not rail_only)]


def shortcut_pages(roles: Iterable[Role | str]) -> list[PageSpec]:
    """The user's pages with a "Go to" command, in order: Ctrl+1 is the first, up to Ctrl+9."""
    return [p for p in allowed_pages(roles) if p.shortcut]


def default_page(roles: Iterable[Role | str]) -> str:
    rail = allowed_pages(roles, rail_only=True)
    return rail[0].name if rail else "sync-problems"
