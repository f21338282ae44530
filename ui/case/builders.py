"""Builders of the case, appeals, QA and Sync problems pages, by page name (for ui.pages)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.appeals.page import AppealsPage
from ui.case.page import CasePage
from ui.context import AppContext
from ui.qa.page import QAPage
from ui.sync_problems.page import SyncProblemsPage

OWN_BUILDERS: dict[str, Callable[[AppContext, QWidget], QWidget]] = {
    "case": CasePage,
    "appeals": AppealsPage,
    "qa": QAPage,
    "sync-problems": SyncProblemsPage,
}
