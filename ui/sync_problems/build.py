"""Builds the Sync problems page from the window's context (the ``ui.page_table`` builder); the page
wires itself to the context."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.sync_problems.page import SyncProblemsPage


def build_page(context: AppContext, parent: QWidget) -> SyncProblemsPage:
    return SyncProblemsPage(context, parent)
