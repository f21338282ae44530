"""Columns of the inbox table, their headers and the store's sort keys."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication

from app.text.labels import label_of
from widgets.formatting import language

translate = QCoreApplication.translate


class Column(IntEnum):
    PRIORITY = 0
    SLA = 1
    CASE = 2
    CUSTOMER = 3
    AMOUNT = 4
    QUEUE = 5
    STATUS = 6
    ASSIGNEE = 7
    UPDATED = 8


def header(column: Column) -> str:
    return {
        Column.PRIORITY: translate("InboxColumns", "Priority"),
        Column.SLA: translate("InboxColumns", "SLA"),
        Column.CASE: translate("InboxColumns", "Case"),
        Column.CUSTOMER: translate("InboxColumns", "Customer"),
        Column.AMOUNT: translate("InboxColumns", "Amount"),
        Column.QUEUE: translate("InboxColumns", "Queue"),
        Column.STATUS: translate("InboxColumns", "Status"),
        Column.ASSIGNEE: translate("InboxColumns", "Assignee"),
        Column.UPDATED: translate("InboxColumns", "Updated"),
    }[column]


# Widths at the default font, in "average character widths" (scaled by the view); wide enough
# for the longest Korean cell ("일시정지 · 19시간 59분" beside the SLA icon, "5억 3,001만 2,345원",
# "12. 12. 21:28"): tests/qt/test_inbox_model.py checks none is clipped.
WIDTH_CHARS: dict[Column, int] = {
    Column.PRIORITY: 11,
    Column.SLA: 26,
    Column.CASE: 26,
    Column.CUSTOMER: 22,
    Column.AMOUNT: 22,
    Column.QUEUE: 28,  # Korean queue names ("선임 심사 (L2 에스컬레이션)") are wide
    Column.STATUS: 15,
    Column.ASSIGNEE: 14,
    Column.UPDATED: 15,
}


def status_label(status: str) -> str:
    """The status in the UI's language (the glossary's words, one set for the inbox and the case
    header: ``app.text.labels``)."""
    return label_of("CaseStatus", status, language())
