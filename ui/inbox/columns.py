"""Columns of the inbox table, their headers and the store's sort keys."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication

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


# Widths at the default font, in "average character widths" (scaled by the view).
WIDTH_CHARS: dict[Column, int] = {
    Column.PRIORITY: 11,
    Column.SLA: 24,
    Column.CASE: 26,
    Column.CUSTOMER: 22,
    Column.AMOUNT: 16,
    Column.QUEUE: 28,  # Korean queue names ("선임 심사 (L2 에스컬레이션)") are wide
    Column.STATUS: 15,
    Column.ASSIGNEE: 14,
    Column.UPDATED: 12,
}


_STATUS_LABELS: dict[str, dict[str, str]] = {}


def status_label(status: str) -> str:
    """The status in the UI's language (the labels are looked up once per language: an inbox
    screen asks for one per row)."""
    language = translate("InboxColumns", "Open")  # differs between languages
    labels = _STATUS_LABELS.get(language)
    if labels is None:
        labels = _STATUS_LABELS[language] = _status_labels()
    return labels.get(status, status)


def _status_labels() -> dict[str, str]:
    return {
        "open": translate("InboxColumns", "Open"),
        "pending": translate("InboxColumns", "In review"),
        "awaiting_docs": translate("InboxColumns", "Awaiting docs"),
        "escalated": translate("InboxColumns", "Escalated"),
        "approved": translate("InboxColumns", "Approved"),
        "rejected": translate("InboxColumns", "Rejected"),
        "closed": translate("InboxColumns", "Closed"),
        "archived": translate("InboxColumns", "Archived"),
    }
