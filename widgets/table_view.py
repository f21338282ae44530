"""The one set-up of the UI's table views: read-only, no word wrap, no row numbers, rows of a
height that follows the font, header sections sized to their contents with one column taking
the rest, and Tab leaving the table (``setTabKeyNavigation(False)``: arrow keys move between
cells, Tab and Shift+Tab move to the next and previous control, issue 22).

``set_up_table`` sets up a view (a plain ``QTableView`` or a subclass, in its ``__init__``);
``make_table`` makes a plain one. What a view needs beyond this it sets itself after.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Select = Literal["row", "rows", "none"]
_SELECT = {
    "row": QAbstractItemView.SelectionMode.SingleSelection,
    "rows": QAbstractItemView.SelectionMode.ExtendedSelection,
    "none": QAbstractItemView.SelectionMode.NoSelection,
}
LAST = -1
"""``stretch=LAST``: the last column takes the width the others leave."""
ROW_PAD = 12
"""Pixels above the font's height in a row."""
TO_LOOK_AT = {"select": "none", "resize": QHeaderView.ResizeMode.Stretch, "stretch": None}
"""Options of a table to look at, not to work in (the wall, a comparison matrix): nothing to
select, the columns share the width."""


def set_up_table(
    view: QTableView,
    model: QAbstractItemModel | None = None,
    *,
    name: str = "",
    accessible_name: str = "",
    select: Select = "row",
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.ResizeToContents,
    stretch: int | None = LAST,
    row_pad: int | None = ROW_PAD,
    min_row: int = 0,
    wrap: bool = False,
    alternating: bool = False,
    grid: bool = True,
) -> QTableView:
    """Set ``view`` up as the module docstring says and return it.

    ``select``: one whole row ("row"), several ("rows") or none; ``resize``: the header
    sections' resize mode; ``stretch``: the column that takes the rest (``LAST``, an index, or
    ``None``); ``row_pad``: row height = font height + ``row_pad`` (at least ``min_row``;
    ``None`` keeps Qt's default height)."""
    if name:
        view.setObjectName(name)
    if accessible_name:
        view.setAccessibleName(accessible_name)
    if model is not None:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(_SELECT[select])
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(wrap)
    view.setAlternatingRowColors(alternating)
    view.setShowGrid(grid)
    rows = view.verticalHeader()
    rows.hide()
    if row_pad is not None:
        rows.setDefaultSectionSize(max(min_row, view.fontMetrics().height() + row_pad))
    header = view.horizontalHeader()
    header.setSectionResizeMode(resize)
    header.setStretchLastSection(stretch == LAST)
    if stretch is not None and stretch != LAST:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def make_table(
    parent: QWidget | None, model: QAbstractItemModel | None = None, **options
) -> QTableView:
    """A new ``QTableView`` under ``parent``, set up by :func:`set_up_table` with ``options``."""
    return set_up_table(QTableView(parent), model, **options)
