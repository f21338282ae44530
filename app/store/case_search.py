"""Cases by id, decision id, customer or queue for the command palette: a short, indexed query
over the local store (the inbox's own text filter, so both find the same cases)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.store.inbox import InboxFilter, InboxRow, inbox_ids, inbox_rows


def find_cases(session: Session, text: str, now: datetime, limit: int = 8) -> list[InboxRow]:
    """Up to ``limit`` cases matching ``text``; an exact id first when there is one."""
    text = text.strip()
    if not text:
        return []
    ids = inbox_ids(session, InboxFilter(text=text, sort="id"), now, 0, limit)
    rows = {r.id: r for r in inbox_rows(session, ids)}
    ordered = sorted(ids, key=lambda i: (i.casefold() != text.casefold(), ids.index(i)))
    return [rows[i] for i in ordered if i in rows]
