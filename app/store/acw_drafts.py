"""After-call work drafts: the form as the agent types it, kept per call until it is saved
(issue 17: the next call must never wipe an unsaved wrap-up). Values are JSON-safe (times as ISO
strings); the draft holds what the agent typed, nothing the server did not already send."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from app.store.local_models import AcwDraftRow
from app.store.store import Store

FIELDS = ("summary", "disposition", "follow_up", "callback_on", "callback_at", "case_id")


def _clean(form: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = form.get(name)
        if isinstance(value, datetime):
            value = value.isoformat()
        if isinstance(value, str | bool) or value is None:
            out[name] = value
    return out


def save(store: Store, call_id: str, user_id: str, form: dict[str, Any], now: datetime) -> None:
    """Keep ``form`` as the draft of ``call_id`` (replacing an earlier one)."""
    with store.transaction() as s:
        row = s.get(AcwDraftRow, call_id)
        if row is None:
            s.add(AcwDraftRow(call_id=call_id, user_id=user_id, form=_clean(form), updated_at=now))
        else:
            row.form, row.updated_at, row.user_id = _clean(form), now, user_id


def load(store: Store, call_id: str) -> dict[str, Any] | None:
    with store.session() as s:
        row = s.get(AcwDraftRow, call_id)
        return dict(row.form) if row is not None else None


def discard(store: Store, call_id: str) -> None:
    """The draft is done with (the after-call work was saved)."""
    with store.transaction() as s:
        s.execute(delete(AcwDraftRow).where(AcwDraftRow.call_id == call_id))


def unsaved(store: Store, user_id: str) -> list[str]:
    """Calls of ``user_id`` with a kept draft, oldest first."""
    with store.session() as s:
        rows = s.scalars(
            select(AcwDraftRow.call_id)
            .where(AcwDraftRow.user_id == user_id)
            .order_by(AcwDraftRow.updated_at)
        )
        return list(rows)
