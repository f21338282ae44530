"""Builds the page widgets the shell asks for, by page name: each with its folder's builder,
as the table of pages (``ui.page_table``) names it."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from ui.navigation import spec


def build_page(name: str, context: AppContext, parent: QWidget) -> QWidget:
    """The page ``name`` built by ``<builder>.build_page(context, parent)``; KeyError for a
    name the table does not hold."""
    builder = importlib.import_module(spec(name).builder)
    return builder.build_page(context, parent)
