"""The shared table-view set-up: read-only rows, sized headers, and Tab leaving the table."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QVBoxLayout, QWidget

from tests.qt.widgets.test_table_model import Fruit, _rows
from widgets.table_view import make_table, set_up_table


def test_tab_leaves_the_table(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    model = Fruit()
    model.set_rows(_rows())
    before = QLineEdit(window)  # the tab order is the order of creation
    table = make_table(window, model, name="fruit")
    after = QLineEdit(window)
    layout = QVBoxLayout(window)
    for w in (before, table, after):
        layout.addWidget(w)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.waitUntil(table.hasFocus, timeout=20_000)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus, timeout=20_000)
    assert table.currentIndex() == model.index(0, 0)  # Tab did not walk the cells
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=20_000)
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(before.hasFocus, timeout=20_000)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(table.hasFocus, timeout=20_000)
    qtbot.keyClick(table, Qt.Key.Key_Right)  # arrows still move between cells
    assert table.currentIndex() == model.index(0, 1)


def test_defaults_read_only_rows_and_headers(qtbot):
    model = Fruit()
    table = make_table(None, model, name="fruit", accessible_name="Fruit")
    qtbot.addWidget(table)
    assert table.objectName() == "fruit" and table.accessibleName() == "Fruit"
    assert table.model() is model
    assert not table.tabKeyNavigation()
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not table.wordWrap() and table.verticalHeader().isHidden()
    assert table.verticalHeader().defaultSectionSize() == table.fontMetrics().height() + 12
    header = table.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    assert header.stretchLastSection()


def test_options_stretch_one_column_no_selection_fixed_rows(qtbot):
    model = Fruit()
    table = make_table(
        None, model, select="none", resize=QHeaderView.ResizeMode.Interactive, stretch=0,
        row_pad=2, min_row=40, alternating=True, grid=False, wrap=True,
    )  # fmt: skip
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive
    assert not header.stretchLastSection()
    assert table.selectionMode() == QAbstractItemView.SelectionMode.NoSelection
    assert table.verticalHeader().defaultSectionSize() == 40
    assert table.alternatingRowColors() and not table.showGrid() and table.wordWrap()
    plain = set_up_table(make_table(None), row_pad=None, stretch=None, select="rows")
    qtbot.addWidget(plain)
    assert plain.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert not plain.horizontalHeader().stretchLastSection()


def test_every_table_view_of_the_ui_is_set_up_by_the_helper():
    """Where a QTableView is made, set_up_table / make_table sets it up (for a subclass: in its
    own module or where it is made), so no table of the app lets Tab walk its cells."""
    root = Path(__file__).resolve().parents[3]
    texts = {
        str(p.relative_to(root)): p.read_text(encoding="utf-8")
        for folder in ("ui", "widgets")
        for p in sorted((root / folder).rglob("*.py"))
        if p.name != "table_view.py"
    }
    helper = re.compile(r"\b(set_up_table|make_table)\(")
    subclasses = {
        name: bool(helper.search(text))
        for text in texts.values()
        for name in re.findall(r"^class (\w+)\(QTableView\):", text, re.M)
    }
    assert {"InboxTable", "TranscriptView"} <= set(subclasses)
    made = re.compile(r"(?<!class )\b(QTableView|" + "|".join(subclasses) + r")\(")
    missing = [
        f"{path}: {name}"
        for path, text in texts.items()
        for name in sorted(set(made.findall(text)))
        if not helper.search(text) and not subclasses.get(name, False)
    ]
    assert missing == []
