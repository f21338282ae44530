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
