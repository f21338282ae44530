"""Builds the case page from the window's context (the ``ui.page_table`` builder); the page
wires itself to the context."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.case.page import CasePage
from ui.context import AppContext


def build_page(context: AppContext, parent: QWidget) -> CasePage:
    return CasePage(context, parent)
