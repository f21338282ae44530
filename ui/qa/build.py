"""Builds the QA page from the window's context (the ``ui.page_table`` builder); the page
wires itself to the context."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.qa.page import QAPage


def build_page(context: AppContext, parent: QWidget) -> QAPage:
    return QAPage(context, parent)
