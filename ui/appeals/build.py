"""Builds the appeals page from the window's context (the ``ui.page_table`` builder); the page
wires itself to the context."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.appeals.page import AppealsPage
from ui.context import AppContext


def build_page(context: AppContext, parent: QWidget) -> AppealsPage:
    return AppealsPage(context, parent)
