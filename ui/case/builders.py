"""Builders of the case, appeals, QA and Sync problems pages, by page name (for ui.pages).

Each page's module is imported when the page is first built, not when the window starts: the
window's cold start pays only for the page it opens on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext

OWN_PAGES = ("case", "appeals", "qa", "sync-problems")


def build_own_page(name: str, context: AppContext, parent: QWidget) -> QWidget:
    """The page ``name`` (one of ``OWN_PAGES``) built with ``(context, parent)``."""
    if name == "case":
        from ui.case.page import CasePage

        return CasePage(context, parent)
    if name == "appeals":
        from ui.appeals.page import AppealsPage

        return AppealsPage(context, parent)
    if name == "qa":
        from ui.qa.page import QAPage

        return QAPage(context, parent)
    if name == "sync-problems":
        from ui.sync_problems.page import SyncProblemsPage

        return SyncProblemsPage(context, parent)
    raise KeyError(name)
