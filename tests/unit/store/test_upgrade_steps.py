"""Which upgrade steps a store file still needs, the progress callback of the upgrade, and a
step that fails leaving the file as it was (issue 21: the workstation shows them in a window)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc, text

from app.store import schema
from app.store.store import Store, make_engine
from tests.unit.store.old_files import ACTIVE_NAMES, version_7_file


def _version(path: Path) -> int:
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            return schema.current_version(conn)
    finally:
        engine.dispose()


def _pending(path: Path) -> list[str]:
    engine = make_engine(path)
    try:
        return schema.pending_steps(engine)
    finally:
        engine.dispose()


def _at(path: Path, version: int) -> Path:
    engine = make_engine(path)
    assert schema.upgrade(engine, target=version) == version
    engine.dispose()
    return path


def test_a_new_file_needs_no_step(tmp_path: Path) -> None:
    assert _pending(tmp_path / "new.sqlite3") == []
    missing = tmp_path / "missing.sqlite3"
    assert Store.pending_steps(missing) == []
    assert not missing.exists()  # asking does not create the file


def test_a_version_7_file_needs_the_active_indexes(tmp_path: Path) -> None:
    path = tmp_path / "v7.sqlite3"
    version_7_file(path)
    assert _pending(path) == ["active_indexes"] == Store.pending_steps(path)
    assert _version(path) == 7  # asking changed nothing


def test_a_current_file_needs_no_step(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite3"
    Store.open(path).close()
    assert _pending(path) == [] == Store.pending_steps(path)


def test_an_older_file_needs_each_missing_step_in_order(tmp_path: Path) -> None:
    path = _at(tmp_path / "v5.sqlite3", 5)
    assert _pending(path) == ["mask_identifiers", "acw_drafts", "active_indexes"]
    assert [schema.step_name(n) for n in range(1, schema.LATEST + 1)][:2] == [
        "create_all",
        "customer_sort_index",
    ]


def test_on_step_is_called_before_each_step_in_order(tmp_path: Path) -> None:
    path = _at(tmp_path / "v5.sqlite3", 5)
    calls: list[tuple[int, int, str, int]] = []

    def on_step(done: int, total: int, name: str) -> None:
        calls.append((done, total, name, _version(path)))  # what the file holds right then

    with Store.open(path, on_step=on_step) as store, store.engine.connect() as conn:
        assert schema.current_version(conn) == schema.LATEST
    assert calls == [
        (0, 3, "mask_identifiers", 5),
        (1, 3, "acw_drafts", 6),
        (2, 3, "active_indexes", 7),
    ]


def test_on_step_is_not_called_for_a_current_file(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite3"
    Store.open(path).close()
    calls: list[tuple[int, int, str]] = []
    Store.open(path, on_step=lambda *a: calls.append(a)).close()
    assert calls == []


def test_a_failing_step_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """A version 7 file where a table holds the name of the last active index: step 8 has made
    the other indexes when it fails; they are rolled back with it and the stamp stays 7."""
    path = tmp_path / "v7.sqlite3"
    version_7_file(path)
    blocker = sorted(ACTIVE_NAMES)[-1]
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE TABLE "{blocker}" (x)'))
    engine.dispose()
    calls: list[str] = []
    with pytest.raises(exc.OperationalError, match=blocker):
        Store.open(path, on_step=lambda _d, _t, name: calls.append(name))
    assert calls == ["active_indexes"]
    assert _version(path) == 7
    assert _pending(path) == ["active_indexes"]
    engine = make_engine(path)
    with engine.connect() as conn:
        indexes = {
            name
            for (name,) in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'")
            )
        }
    engine.dispose()
    assert not indexes & ACTIVE_NAMES
