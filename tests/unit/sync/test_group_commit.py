"""``sync.pusher.GroupCommit``: concurrent writer calls share a transaction; one failing call
rolls its batch back and the others are committed alone."""

from __future__ import annotations

import asyncio

import pytest

from app.store.store import Store
from app.store.sync_state import get_state, set_state
from sync.pusher import GroupCommit
from sync.writer import StoreWriter


def _put(session, key: str, value: int) -> int:
    set_state(session, key, value)
    return value


def _fail(session, key: str) -> None:
    set_state(session, key, "never")
    raise ValueError(f"no {key}")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "store.sqlite3") as opened:
        yield opened


def test_concurrent_calls_share_transactions(store: Store) -> None:
    writer = StoreWriter()

    async def run() -> tuple[list[int], int]:
        group = GroupCommit(store, writer)
        results = await asyncio.gather(*(group.run(_put, f"k{i}", i) for i in range(20)))
        await group.idle()
        return results, group.batches

    try:
        results, batches = asyncio.run(run())
    finally:
        writer.close()
    assert results == list(range(20))
    assert 1 <= batches < 20  # the calls queued while the writer was busy went together
    with store.session() as s:
        assert [get_state(s, f"k{i}") for i in range(20)] == list(range(20))


def test_a_failing_call_does_not_take_the_others_with_it(store: Store) -> None:
    writer = StoreWriter()

    async def run() -> list[object]:
        group = GroupCommit(store, writer)
        calls = [group.run(_put, "a", 1), group.run(_fail, "bad"), group.run(_put, "b", 2)]
        return await asyncio.gather(*calls, return_exceptions=True)

    try:
        outcomes = asyncio.run(run())
    finally:
        writer.close()
    assert outcomes[0] == 1 and outcomes[2] == 2
    assert isinstance(outcomes[1], ValueError)
    with store.session() as s:
        assert (get_state(s, "a"), get_state(s, "b"), get_state(s, "bad")) == (1, 2, None)
