"""sync_state key/values sync/ reads and writes (table owned by app.store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.store.sync_state import get_state, set_state

CURSOR = "cursor"
SERVER_OFFSET = "server_time_offset_s"
LAST_SYNC_AT = "last_sync_at"
LAST_EVENT_ID = "last_event_id"


def get_in(session: Any, key: str, default: Any = None) -> Any:
    return get_state(session, key, default)


def set_in(session: Any, key: str, value: Any) -> None:
    set_state(session, key, value)


def get_value(store: Any, key: str, default: Any = None) -> Any:
    with store.session() as session:
        return get_in(session, key, default)


def set_value(store: Any, key: str, value: Any) -> None:
    with store.transaction() as session:
        set_in(session, key, value)


def server_offset(store: Any) -> float:
    """Seconds to add to the local clock to get the server's (0 before the first pull)."""
    return float(get_value(store, SERVER_OFFSET, 0.0) or 0.0)


def server_now(store: Any, local_now: datetime | None = None) -> datetime:
    """The local clock corrected by the stored server-time offset (SLA countdowns use this)."""
    local_now = local_now or datetime.now(UTC)
    return local_now + timedelta(seconds=server_offset(store))
