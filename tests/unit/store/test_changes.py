"""The store announces what a committed transaction wrote (``app.store.changes``): the ids of
optimistic writes reach a ``collecting`` block on the same thread after the commit, a rolled-back
transaction announces nothing, and another thread's writes are not mixed in."""

from __future__ import annotations

import threading

import pytest

from app.domain.enums import EntityKind
from app.domain.wire import to_wire
from app.store import changes
from app.store.apply import write_local
from tests.unit.store import builders as b


def test_a_committed_write_announces_its_ids(store) -> None:
    with changes.collecting() as seen:
        with store.transaction() as s:
            write_local(s, EntityKind.CASE, to_wire(b.case("C-1")))
            write_local(s, EntityKind.CASE, to_wire(b.case("C-2")))
            assert not seen  # nothing before the commit
        with store.transaction() as s:
            write_local(s, EntityKind.CALL, to_wire(b.call("CALL-1")))
    assert seen.entities == {"case": {"C-1", "C-2"}, "call": {"CALL-1"}}
    assert seen.ids(EntityKind.CASE) == {"C-1", "C-2"}


def test_a_rolled_back_write_announces_nothing(store) -> None:
    with changes.collecting() as seen:
        with pytest.raises(RuntimeError), store.transaction() as s:
            write_local(s, EntityKind.CASE, to_wire(b.case("C-1")))
            raise RuntimeError("refused")
        with store.transaction() as s:  # the same session factory: no stale notes carried over
            write_local(s, EntityKind.CASE, to_wire(b.case("C-2")))
    assert seen.entities == {"case": {"C-2"}}


def test_writes_on_another_thread_are_not_collected_here(store) -> None:
    def elsewhere() -> None:
        with store.transaction() as s:
            write_local(s, EntityKind.CASE, to_wire(b.case("C-9")))

    with changes.collecting() as seen:
        worker = threading.Thread(target=elsewhere)
        worker.start()
        worker.join()
    assert not seen
    with changes.collecting() as outer, changes.collecting() as inner, store.transaction() as s:
        write_local(s, EntityKind.CASE, to_wire(b.case("C-3")))
    assert outer.entities == inner.entities == {"case": {"C-3"}}
