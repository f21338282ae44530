"""After a full sync — the change feed and every call's transcript — the workstation's SQLite
file and its WAL hold none of the demo's full identifiers (raw bytes searched), and nothing the
sync logged holds one either."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.store.models import CaseRow
from app.store.segments import store_segment
from app.store.store import Store
from sync.auth import login
from sync.wiring import build_engine
from tests.integration.pii.conftest import Demo
from tests.integration.pii.leaks import find_leaks, find_leaks_bytes


def _files(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    }


async def _full_sync(store: Store, demo: Demo, username: str) -> int:
    session = await login(demo.url, username, "demo")
    engine = build_engine(store, session, live=False)
    try:
        await engine.sync_once()
        api = engine.parts.puller.api
        stored = 0
        for call_id in demo.call_ids:  # what the call page's backfill does
            segments = await api.call_segments(call_id)
            with store.transaction() as s:
                for wire in segments:
                    stored += store_segment(s, call_id, wire, datetime.now(UTC)) is not None
        return stored
    finally:
        await engine.stop()


@pytest.mark.parametrize("username", ["reviewer1", "agent1", "supervisor1"])
def test_store_file_and_wal_hold_no_full_identifier(
    demo: Demo, username: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / f"{username}.sqlite3"
    store = Store.open(path)
    caplog.set_level(logging.DEBUG)
    try:
        segments = asyncio.run(_full_sync(store, demo, username))
        assert segments > 50
        with store.session() as s:
            assert s.execute(select(func.count()).select_from(CaseRow)).scalar_one() >= 60
        files = _files(path)
        assert "•".encode() * 4 in b"".join(files.values())  # the masked values are there
        for name, data in files.items():  # while open: the WAL holds the latest pages
            assert not find_leaks_bytes(data, demo.full_values), name
    finally:
        store.close()
    for name, data in _files(path).items():  # and after the checkpoint on close
        assert not find_leaks_bytes(data, demo.full_values), name
    assert caplog.records
    assert not find_leaks(caplog.text, demo.full_values)
