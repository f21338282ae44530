"""Saved inbox views: a user's named InboxFilter, stored as JSON."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.domain.enums import Priority
from app.store.inbox import InboxFilter
from app.store.local_models import SavedViewRow


def filter_to_json(f: InboxFilter) -> dict[str, Any]:
    data = asdict(f)
    for key in ("queue_ids", "priorities", "statuses"):
        data[key] = sorted(str(v) for v in data[key])
    return data


def filter_from_json(data: dict[str, Any]) -> InboxFilter:
    data = dict(data)
    data["queue_ids"] = frozenset(data.get("queue_ids") or ())
    data["priorities"] = frozenset(Priority(p) for p in data.get("priorities") or ())
    data["statuses"] = frozenset(data.get("statuses") or ())
    known = InboxFilter.__dataclass_fields__
    return InboxFilter(**{k: v for k, v in data.items() if k in known})


def save_view(session: Session, user_id: str, name: str, f: InboxFilter, now: datetime) -> None:
    """Create or replace the view ``name`` of ``user_id``."""
    stmt = insert(SavedViewRow).values(
        user_id=user_id, name=name, filter=filter_to_json(f), created_at=now, updated_at=now
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "name"],
        set_={"filter": stmt.excluded.filter, "updated_at": stmt.excluded.updated_at},
    )
    session.execute(stmt)


def list_views(session: Session, user_id: str) -> list[tuple[str, InboxFilter]]:
    stmt = (
        select(SavedViewRow.name, SavedViewRow.filter)
        .where(SavedViewRow.user_id == user_id)
        .order_by(SavedViewRow.name)
    )
    return [(name, filter_from_json(data)) for name, data in session.execute(stmt)]


def delete_view(session: Session, user_id: str, name: str) -> None:
    session.execute(
        delete(SavedViewRow).where(SavedViewRow.user_id == user_id, SavedViewRow.name == name)
    )
