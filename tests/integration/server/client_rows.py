"""The workstation's side of an extension endpoint: copy server entities into a real local store
(as change-feed upserts), run a client service, and send its outbox row over real HTTP exactly as
the pusher would (path, body, Idempotency-Key, If-Match) — proof that client and server agree."""

from __future__ import annotations

from pathlib import Path

import httpx
from conftest import Api
from sqlalchemy import select

from app.store.apply import apply_changes
from app.store.local_models import OutboxRow
from app.store.store import Store


def local_store(tmp_path: Path, api: Api, *items: tuple[str, str]) -> Store:
    """A store holding the server's current copy of each (entity kind, GET path)."""
    store = Store.open(tmp_path / "client.sqlite3")
    changes = []
    for seq, (kind, path) in enumerate(items, start=1):
        data = api.get(path, "auditor1").json()
        changes.append(
            {"seq": seq, "entity": kind, "id": data["id"], "op": "upsert",
             "version": data["version"], "data": data}
        )  # fmt: skip
    with store.transaction() as s:
        apply_changes(s, changes)
    return store


def only_row(store: Store) -> OutboxRow:
    with store.session() as s:
        (row,) = s.execute(select(OutboxRow)).scalars().all()
        s.expunge(row)
    return row


def push_row(api: Api, row: OutboxRow, user: str) -> httpx.Response:
    """POST the row as sync.pusher does (``/v1`` stripped: the client's base URL has it)."""
    headers = api.headers(user, Idempotency_Key=row.idempotency_key)
    if row.if_match is not None:
        headers["If-Match"] = f'"{row.if_match}"'
    return api.http.post(row.path.removeprefix("/v1"), json=row.payload, headers=headers)
