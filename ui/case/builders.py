"""Builders of the case, appeals, QA and Sync problems pages, by page name (for ui.pages).

Each page's module is imported when the page is first built, not when the window starts: the
window's cold start pays only for the page it opens on.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from ui.context import AppContext

PAGE_CLASSES = {
    "case": ("ui.case.page", "CasePage"),
    "appeals": ("ui.appeals.page", "AppealsPage"),
    "qa": ("ui.qa.page", "QAPage"),
    "sync-problems": ("ui.sync_problems.page", "SyncProblemsPage"),
}
"""Page name → (module, class); each class is built with ``(context, parent)``."""
OWN_PAGES = tuple(PAGE_CLASSES)


def build_own_page(name: str, context: AppContext, parent: QWidget) -> QWidget:
    """The page ``name`` (one of ``OWN_PAGES``) built with ``(context, parent)``."""
    module, cls = PAGE_CLASSES[name]
    return getattr(importlib.import_module(module), cls)(context, parent)
