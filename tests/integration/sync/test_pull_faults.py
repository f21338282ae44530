"""Fault 4: a connection cut mid-pull never advances the cursor past what was applied; the
re-pull converges; a page applied twice changes nothing."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from sqlalchemy import text

from sync import state
from sync.api import ApiClient
from sync.problems import NetworkError
from sync.puller import Puller
from sync.writer import StoreWriter
from tests.integration.sync.helpers import FAST, Workstation, api_get, make_task

TABLES = ("cases", "tasks", "users", "queues", "sync_state")


def _snapshot(ws: Workstation) -> dict:
    with ws.store.session() as s:
        return {
            t: sorted(map(tuple, s.execute(text(f"SELECT * FROM {t}")).all()), key=repr)
            for t in TABLES
            if t != "sync_state"
        }


def _pull(ws: Workstation, url: str, limit: int):
    async def run():
        writer = StoreWriter()
        async with ApiClient(url, token=ws.session.token()) as api:
            try:
                return await Puller(ws.store, api, writer, retry=FAST, limit=limit).pull()
            finally:
                writer.close()

    return asyncio.run(run())


def _nth_changes_request(n: int):
    counter = itertools.count()
    return lambda method, path: "/v1/changes" in path and next(counter) >= n


@pytest.mark.parametrize("mode", ["mid_response", "after"])
def test_cut_mid_pull_keeps_the_cursor_and_converges(server, proxy, tmp_path, mode) -> None:
    ws = Workstation(tmp_path, proxy.url, "reviewer1")
    ws.sync()
    before = state.get_value(ws.store, state.CURSOR)
    made = [make_task(server.url, None, tag=f"f4{mode}{i}") for i in range(3)]
    first_page = asyncio.run(_page(server.url, ws, before, 2))
    assert first_page.has_more  # several pages are waiting
    proxy.add(_nth_changes_request(1), mode, times=100, keep=120)
    with pytest.raises(NetworkError):
        _pull(ws, proxy.url, limit=2)
    assert state.get_value(ws.store, state.CURSOR) == first_page.cursor  # one page, no more
    proxy.clear()
    result = _pull(ws, proxy.url, limit=2)
    assert result.pages >= 2
    for ids in made:
        for kind, key in (("case", "case_id"), ("task", "task_id")):
            server_copy = api_get(server.url, "admin1", f"/{kind}s/{ids[key]}")
            assert ws.local(kind, ids[key]) == server_copy


async def _page(url: str, ws: Workstation, cursor: str | None, limit: int):
    async with ApiClient(url, token=ws.session.token()) as api:
        return await api.changes(cursor, limit)


def test_a_page_applied_twice_changes_nothing(server, tmp_path) -> None:
    ws = Workstation(tmp_path, server.url, "reviewer1")
    ws.sync()
    make_task(server.url, "u_reviewer1", tag="f4twice")
    cursor = state.get_value(ws.store, state.CURSOR)
    page = asyncio.run(_page(server.url, ws, cursor, 1000))
    assert page.changes
    puller = Puller(ws.store, None, None)  # type: ignore[arg-type]  # apply only
    first = puller._apply_page(page, None)
    assert first  # something changed
    once = _snapshot(ws)
    assert puller._apply_page(page, None) == {}
    assert _snapshot(ws) == once
    assert state.get_value(ws.store, state.CURSOR) == page.cursor


def _indexes(ws: Workstation) -> set[str]:
    with ws.store.session() as s:
        rows = s.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).all()
    return {name for (name,) in rows}


def test_a_first_pull_cut_half_way_keeps_its_indexes_held_until_a_pull_completes(
    server, proxy, tmp_path
) -> None:
    from app.store import bulk_load

    declared = {i.name for i in bulk_load.held_indexes()}
    ws = Workstation(tmp_path, proxy.url, "reviewer1")  # empty store, never synced
    assert declared <= _indexes(ws)
    proxy.add(_nth_changes_request(1), "mid_response", times=100, keep=120)
    with pytest.raises(NetworkError):
        _pull(ws, proxy.url, limit=2)
    assert not declared & _indexes(ws)  # held: the first pull stopped half-way
    with ws.store.session() as s:
        assert bulk_load.indexes_held(s)
    assert state.get_value(ws.store, state.CURSOR) is not None  # the first page is in
    proxy.clear()
    _pull(ws, proxy.url, limit=2)  # the next pull finishes the first one, and the indexes
    assert declared <= _indexes(ws)
    with ws.store.session() as s:
        assert not bulk_load.indexes_held(s)
    _pull(ws, proxy.url, limit=2)  # a store with cases never holds them again
    assert declared <= _indexes(ws)
