"""First writer wins for every mutation, at the storage seam, on SQLite and PostgreSQL.

Any read-decide-write in a write transaction is atomic: threads that each read a counter and
write it + 1 never lose an increment, and each version of the entity has one document. An
update whose expected version no longer holds raises ``StaleVersion`` (409) instead of writing.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from conftest import BACKENDS
from sqlalchemy import select

from app.domain.enums import EntityKind
from server import storage
from server import tables as t
from server.hot_sql import tx_cache
from server.storage import ServerDB, StaleVersion

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path) -> Iterator[ServerDB]:
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        assert url
    else:
        url = f"sqlite:///{tmp_path / 'fw.db'}"
    database = ServerDB(url)
    yield database
    database.dispose()


def _new(db: ServerDB) -> str:
    cid = f"FW-{uuid.uuid4().hex[:8]}"
    with db.session() as s:
        storage.put(s, EntityKind.CASE, {"id": cid, "count": 0}, actor="t", now=NOW)
        s.commit()
    return cid


def test_concurrent_read_modify_write_loses_nothing(db: ServerDB) -> None:
    cid = _new(db)
    threads, per_thread = 8, 10
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            barrier.wait(10)
            for _ in range(per_thread):
                with db.session() as s:
                    case = storage.get(s, EntityKind.CASE, cid)
                    assert case is not None
                    case["count"] += 1
                    storage.put(s, EntityKind.CASE, case, actor="t", now=NOW)
                    s.commit()
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=bump) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert not errors, errors
    with db.read() as s:
        case = storage.get(s, EntityKind.CASE, cid)
        rows = s.execute(
            select(t.changes.c.version, t.changes.c.data).where(t.changes.c.id == cid)
        ).all()
    assert case is not None
    assert case["count"] == threads * per_thread
    assert case["version"] == threads * per_thread + 1
    versions = [r.version for r in rows]
    assert sorted(versions) == list(range(1, threads * per_thread + 2))  # one row per version
    assert all(r.data["count"] == r.version - 1 for r in rows)


def test_update_on_a_stale_version_is_refused(db: ServerDB) -> None:
    cid = _new(db)
    with db.session() as s:
        case = storage.get(s, EntityKind.CASE, cid)
        assert case is not None
        # as if another writer had moved the row on since this transaction read it
        tx_cache(s)["versions"][(EntityKind.CASE.value, cid)] = 7
        with pytest.raises(StaleVersion) as caught:
            storage.put(s, EntityKind.CASE, {**case, "count": 1}, actor="t", now=NOW)
        s.rollback()
    assert caught.value.status == 409 and caught.value.code == "conflict"
    assert caught.value.current["version"] == 1
    with db.read() as s:
        assert storage.get(s, EntityKind.CASE, cid)["count"] == 0
