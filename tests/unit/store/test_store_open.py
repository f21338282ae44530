"""Opening the store: pragmas, paths, schema version and upgrades, threads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from app.store import schema
from app.store.store import Store, default_data_dir, default_db_path, make_engine
from app.store.sync_state import get_state, set_state


def _pragma(store: Store, name: str):
    with store.session() as s:
        return s.execute(text(f"PRAGMA {name}")).scalar()


def test_pragmas_wal_fk_busy_sync(store: Store) -> None:
    assert _pragma(store, "journal_mode") == "wal"
    assert _pragma(store, "foreign_keys") == 1
    assert _pragma(store, "busy_timeout") == 5000
    assert _pragma(store, "synchronous") == 1  # NORMAL
    assert (store.path.parent / (store.path.name + "-wal")).exists()


def test_default_paths_honour_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RWS_DATA_DIR", str(tmp_path / "data"))
    assert default_data_dir() == tmp_path / "data"
    assert default_db_path().parent == tmp_path / "data"
    with Store.open() as s:
        assert s.path == default_db_path()
        assert s.path.exists()


def test_new_file_is_at_latest_version(store: Store) -> None:
    with store.engine.connect() as conn:
        assert schema.current_version(conn) == schema.LATEST
        names = {ix["name"] for ix in inspect(conn).get_indexes("cases")}
    assert {"ix_cases_sort", "ix_cases_customer", "ix_cases_status_id"} <= names


def test_version_1_file_is_upgraded_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    assert schema.upgrade(engine, target=1) == 1
    with engine.begin() as conn:
        names = {ix["name"] for ix in inspect(conn).get_indexes("cases")}
        assert "ix_cases_customer" not in names
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')"))
    engine.dispose()

    with Store.open(path) as s:
        with s.engine.connect() as conn:
            assert schema.current_version(conn) == schema.LATEST
            names = {ix["name"] for ix in inspect(conn).get_indexes("cases")}
        assert {"ix_cases_customer", "ix_cases_status_id", "ix_cases_queue_id"} <= names
        with s.session() as session:  # data written at version 1 survives
            value = session.execute(text("SELECT value FROM settings WHERE key='theme'")).scalar()
            assert value == '"dark"'


def test_newer_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with Store.open(path) as s, s.transaction() as session:
        session.execute(text("UPDATE schema_version SET version = 999"))
    with pytest.raises(RuntimeError, match="newer"):
        Store.open(path)


def test_transaction_rolls_back_on_error(store: Store) -> None:
    with pytest.raises(ZeroDivisionError), store.transaction() as s:
        set_state(s, "cursor", "abc")
        _ = 1 / 0
    with store.session() as s:
        assert get_state(s, "cursor") is None


def test_worker_thread_writes_ui_thread_reads(store: Store) -> None:
    def work() -> None:
        for i in range(20):
            with store.transaction() as s:
                set_state(s, "counter", i)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        with store.session() as s:
            value = get_state(s, "counter")
            assert value is None or 0 <= value < 20
    worker.join()
    with store.session() as s:
        assert get_state(s, "counter") == 19


def test_a_file_synced_before_masking_is_scrubbed_on_open(tmp_path: Path) -> None:
    """A version-4 file held customers' identifiers and spoken numbers whole (the server did not
    mask then): opening it masks them, redacts the transcript, and no old byte stays in the file
    or its WAL."""
    from datetime import UTC, datetime

    from app.domain.enums import EntityKind
    from app.domain.wire import to_wire
    from app.store.apply import write_entity
    from app.store.segments import store_segment
    from tests.unit.store.builders import case

    path = tmp_path / "v4.sqlite3"
    engine = make_engine(path)
    assert schema.upgrade(engine, target=4) == 4
    engine.dispose()
    full = case("C-1", account_id="110-987-654321")
    full.customer.phone, full.customer.resident_id = "010-4321-8765", "850101-1234567"
    said = {"Transcript": {"Id": "s1", "ParticipantId": "c", "ParticipantRole": "CUSTOMER",
            "Content": "제 번호는 공일공 사삼이일 팔칠육오예요", "BeginOffsetMillis": 0,
            "EndOffsetMillis": 1, "Sentiment": "NEUTRAL", "IssuesDetected": []}}  # fmt: skip
    store = Store(make_engine(path), path)
    with store.transaction() as s:
        write_entity(s, EntityKind.CASE, to_wire(full))
        store_segment(s, "call_1", said, datetime.now(UTC))
    store.close()
    secrets = [b"110-987-654321", b"010-4321-8765", b"850101-1234567", "사삼이일".encode()]

    def raw() -> bytes:
        return b"".join(
            p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("v4.sqlite3")
        )

    assert any(secret in raw() for secret in secrets)  # the old file held them
    with Store.open(path) as s:
        with s.engine.connect() as conn:
            assert schema.current_version(conn) == schema.LATEST
            data = conn.execute(text("SELECT data FROM cases WHERE id = 'C-1'")).scalar()
            seg = conn.execute(text("SELECT data FROM call_segments")).scalar()
        assert "•" in data and "4321" in data and "[PII]" in seg
        assert not [secret for secret in secrets if secret in raw()]


def test_store_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    import os
    import stat

    path = tmp_path / "private.sqlite3"
    with Store.open(path) as s, s.transaction() as session:
        set_state(session, "cursor", "abc")
    files = [p for p in tmp_path.iterdir() if p.name.startswith("private.sqlite3")]
    assert path in files
    if os.name == "posix":
        for p in files:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
