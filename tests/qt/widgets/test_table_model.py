"""The shared table-model base: rows and columns, headers translated by context, numeric
alignment, bounds, in-place repaint for the same keys and reset for new ones."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt

from ui.look import install_language
from widgets.table_model import RIGHT, TableModel


class Fruit(TableModel):
    CONTEXT = "ApprovalsModel"  # a context ko.ts has: the headers below are translated there
    HEADERS = (
        QT_TRANSLATE_NOOP("ApprovalsModel", "Kind"),
        QT_TRANSLATE_NOOP("ApprovalsModel", "Item"),
    )
    NUMERIC = frozenset({1})

    def cell(self, item, column, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return (item["name"], str(item["n"]))[column]
        return None


def _rows():
    return [{"id": "a", "name": "apple", "n": 3}, {"id": "b", "name": "pear", "n": 12}]


def test_rows_columns_cells_and_alignment(qtmodeltester):
    model = Fruit()
    model.set_rows(_rows())
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.data(model.index(1, 0)) == "pear"
    assert model.data(model.index(1, 1)) == "12"
    assert model.data(model.index(1, 1), Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.data(model.index(1, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(QModelIndex()) is None
    assert model.at(1)["id"] == "b" and model.at(2) is None and model.at(-1) is None
    assert model.find(lambda r: r["id"] == "b") == 1
    assert model.find(lambda r: r["id"] == "zz") == -1
    assert model.row_of("b") == 1 and model.row_of("zz") == -1  # by id, a dict's key
    assert [r["id"] for r in model.rows()] == ["a", "b"]


def test_rows_of_objects_are_found_by_their_id_attribute():
    model = Fruit()
    model.set_rows([SimpleNamespace(id=7), SimpleNamespace(id=9)])
    assert model.row_of(9) == 1 and model.row_of(8) == -1


def test_headers_follow_the_language(qapp):
    model = Fruit()
    h = Qt.Orientation.Horizontal
    assert model.headerData(0, h) == "Kind"
    assert model.headerData(2, h) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(0, h, Qt.ItemDataRole.ToolTipRole) is None
    try:
        assert install_language(qapp, "ko")
        korean = model.headerData(0, h)
        assert korean and korean != "Kind"
    finally:
        install_language(qapp, "en")
    assert model.headerData(0, h) == "Kind"


def test_same_keys_repaint_in_place_new_keys_reset(qtbot):
    model = Fruit()
    model.set_rows(_rows())
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(
        lambda a, b, roles: changes.append((a.row(), a.column(), b.row(), b.column()))
    )
    fresher = [dict(r, n=r["n"] + 1) for r in _rows()]
    model.update_rows(fresher)
    assert resets == [] and changes == [(0, 0, 1, 1)]
    assert model.data(model.index(0, 1)) == "4"
    model.update_rows(list(reversed(fresher)))
    assert resets == [1]
    assert model.data(model.index(0, 0)) == "pear"
    changes.clear()
    model.refresh(column=1, roles=[Qt.ItemDataRole.DisplayRole])
    assert changes == [(0, 1, 1, 1)]
    model.set_rows([])
    changes.clear()
    model.refresh()
    assert changes == []  # nothing to repaint


def test_reload_reads_the_rows_again_with_the_load_function(qtbot):
    source = _rows()
    model = Fruit(load=lambda: list(source))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.reload()
    assert model.rowCount() == 2 and resets == [1]
    source.append({"id": "c", "name": "plum", "n": 1})
    model.reload()
    assert model.rowCount() == 3 and model.data(model.index(2, 0)) == "plum"
    with pytest.raises(TypeError):
        Fruit().reload()  # made without one: a clear error, not an empty table
