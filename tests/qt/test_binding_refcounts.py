"""Guards the Qt binding we pin: PySide6 6.12.0 on Python 3.11 drops a reference to ``None``
each time C++ reads a Python model's ``data()`` that returned ``None``; after ~10^5 reads (a minute
of scrolling the inbox) the process aborts with "Fatal Python error: none_dealloc". 6.11.3 does
not. This test fails if an upgrade brings the bug back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 2

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[override]
        return True if index.column() == 0 else None


def test_reading_none_and_bools_through_cpp_keeps_their_refcounts(qapp) -> None:
    model = _Model()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        model.index(0, 1).data(Qt.ItemDataRole.DisplayRole)  # None through C++
        model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)  # True through C++
    # allow a little noise from unrelated allocations, never a steady loss
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
