"""The ``sync_state`` key/value table and the ``settings`` table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.store.local_models import SettingRow, SyncStateRow

KEYS = ("cursor", "server_time_offset_s", "last_sync_at", "user_id")


def get_state(session: Session, key: str, default: Any = None) -> Any:
    row = session.execute(select(SyncStateRow.value).where(SyncStateRow.key == key)).first()
    return default if row is None else row[0]


def set_state(session: Session, key: str, value: Any) -> None:
    stmt = insert(SyncStateRow).values(key=key, value=value)
    session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def get_cursor(session: Session) -> str | None:
    return get_state(session, "cursor")


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.execute(select(SettingRow.value).where(SettingRow.key == key)).first()
    return default if row is None else row[0]


def set_setting(session: Session, key: str, value: Any) -> None:
    stmt = insert(SettingRow).values(key=key, value=value)
    session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
