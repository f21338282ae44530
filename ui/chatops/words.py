"""ChatOps answers in words: the answer tables' column ids and cells as a person reads them
(the copied text and the table show the same words)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.wire import parse_time
from app.text import formats
from ui.alert_words import kind_label
from widgets.formatting import format_duration, language, local_time

COLUMNS = {
    "item": QT_TRANSLATE_NOOP("ChatOps", "Item"),
    "value": QT_TRANSLATE_NOOP("ChatOps", "Value"),
    "at": QT_TRANSLATE_NOOP("ChatOps", "When"),
    "method": QT_TRANSLATE_NOOP("ChatOps", "Method"),
    "path": QT_TRANSLATE_NOOP("ChatOps", "Path"),
    "status": QT_TRANSLATE_NOOP("ChatOps", "Status"),
    "code": QT_TRANSLATE_NOOP("ChatOps", "Code"),
    "entity": QT_TRANSLATE_NOOP("ChatOps", "Entity"),
    "server_rows": QT_TRANSLATE_NOOP("ChatOps", "Rows on the server"),
    "table": QT_TRANSLATE_NOOP("ChatOps", "Table"),
    "rows": QT_TRANSLATE_NOOP("ChatOps", "Rows"),
    "reason": QT_TRANSLATE_NOOP("ChatOps", "Reason"),
    "queue": QT_TRANSLATE_NOOP("ChatOps", "Queue"),
    "waiting": QT_TRANSLATE_NOOP("ChatOps", "Waiting"),
    "oldest_s": QT_TRANSLATE_NOOP("ChatOps", "Oldest"),
    "at_risk": QT_TRANSLATE_NOOP("ChatOps", "At risk"),
    "breaching": QT_TRANSLATE_NOOP("ChatOps", "Breaching"),
    "case": QT_TRANSLATE_NOOP("ChatOps", "Case"),
    "priority": QT_TRANSLATE_NOOP("ChatOps", "Priority"),
    "due_at": QT_TRANSLATE_NOOP("ChatOps", "Due"),
    "remaining_s": QT_TRANSLATE_NOOP("ChatOps", "Remaining"),
    "assignee": QT_TRANSLATE_NOOP("ChatOps", "Assignee"),
    "skill": QT_TRANSLATE_NOOP("ChatOps", "Skill"),
    "staff": QT_TRANSLATE_NOOP("ChatOps", "Staff"),
    "online": QT_TRANSLATE_NOOP("ChatOps", "Online"),
    "available": QT_TRANSLATE_NOOP("ChatOps", "Available"),
    "who": QT_TRANSLATE_NOOP("ChatOps", "Who"),
    "total": QT_TRANSLATE_NOOP("ChatOps", "Total"),
    "met": QT_TRANSLATE_NOOP("ChatOps", "Met"),
    "breached": QT_TRANSLATE_NOOP("ChatOps", "Breached"),
    "in_progress": QT_TRANSLATE_NOOP("ChatOps", "In progress"),
    "compliance_percent": QT_TRANSLATE_NOOP("ChatOps", "Compliance (%)"),
    "job": QT_TRANSLATE_NOOP("ChatOps", "Job"),
    "last_run": QT_TRANSLATE_NOOP("ChatOps", "Last run"),
    "next_run": QT_TRANSLATE_NOOP("ChatOps", "Next run"),
    "failures": QT_TRANSLATE_NOOP("ChatOps", "Failures"),
    "kind": QT_TRANSLATE_NOOP("ChatOps", "Kind"),
    "count": QT_TRANSLATE_NOOP("ChatOps", "Count"),
}
ITEMS = {  # the "item" column of the one-row-per-item answers (service health, audit status)
    "database": QT_TRANSLATE_NOOP("ChatOps", "Database"),
    "dialect": QT_TRANSLATE_NOOP("ChatOps", "Database kind"),
    "instance": QT_TRANSLATE_NOOP("ChatOps", "This instance"),
    "leader": QT_TRANSLATE_NOOP("ChatOps", "Leader (runs the scheduler)"),
    "scheduler_last_run": QT_TRANSLATE_NOOP("ChatOps", "Scheduler's last run"),
    "subscribers": QT_TRANSLATE_NOOP("ChatOps", "Event subscribers"),
    "instances": QT_TRANSLATE_NOOP("ChatOps", "Instances"),
    "verified": QT_TRANSLATE_NOOP("ChatOps", "Verified"),
    "rows": QT_TRANSLATE_NOOP("ChatOps", "Rows"),
    "head_hash": QT_TRANSLATE_NOOP("ChatOps", "Head hash"),
    "checked_from": QT_TRANSLATE_NOOP("ChatOps", "Checked from row"),
    "pending": QT_TRANSLATE_NOOP("ChatOps", "Not chained yet"),
    "problem": QT_TRANSLATE_NOOP("ChatOps", "Problem"),
}
PROPOSALS = {
    "add_staff": QT_TRANSLATE_NOOP("ChatOps", "Add staff to the queue"),
    "restart_scheduler": QT_TRANSLATE_NOOP("ChatOps", "Restart the scheduler"),
}
NAMED = {"queue": "queue", "skill": "queue", "assignee": "user"}  # column → which names
TIME_COLUMNS = {"at", "due_at", "last_run", "next_run"}
SECONDS_COLUMNS = {"oldest_s", "remaining_s"}


def column_label(column: str) -> str:
    source = COLUMNS.get(column)
    return QCoreApplication.translate("ChatOps", source) if source else column


def word(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return QCoreApplication.translate("ChatOps", source) if source else value


Names = dict[str, dict[str, str]]  # "queue" / "user" → id → display name


def cell(column: str, value: Any, names: Names | None = None) -> str:
    """One cell in words: queue and user names instead of ids, alert kinds in words, times
    local (12. 2. 21:28), seconds as a duration, yes / no, "—" for no value."""
    if value is None or value == "":
        return "—"
    if column in NAMED and isinstance(value, str):
        return (names or {}).get(NAMED[column], {}).get(value, value)
    if column == "kind" and isinstance(value, str):
        return kind_label(value)
    if column == "item" and isinstance(value, str):
        return word(ITEMS, value)
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("ChatOps", "yes")
        return QCoreApplication.translate("ChatOps", "no")
    if column in TIME_COLUMNS and isinstance(value, str):
        try:
            return local_time(parse_time(value), "%m. %d. %H:%M")
        except ValueError:
            return value
    if column == "remaining_s" and isinstance(value, int | float):  # "43분 초과", not "-43분"
        return formats.remaining(timedelta(seconds=value), language())
    if column in SECONDS_COLUMNS and isinstance(value, int | float):
        return format_duration(timedelta(seconds=value))
    if column in ("priority",) and isinstance(value, str):
        return value.upper()
    return str(value)


def as_text(
    title: str, summary: str, columns: list[str], rows: list[list], names: Names | None = None
) -> str:
    """The answer as plain text (copy): title, summary, a tab-separated table."""
    lines = [title, summary, "\t".join(column_label(c) for c in columns)]
    lines += ["\t".join(cell(c, v, names) for c, v in zip(columns, row, strict=False))
              for row in rows]  # fmt: skip
    return "\n".join(x for x in lines if x)
