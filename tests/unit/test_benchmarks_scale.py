"""``benchmarks.scale``: a store grown in bulk from a real store keeps every case distinct and
readable by the app, with the cases' indexes back and planner statistics written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from benchmarks.scale import build_store
from tests.qt.data import build_store as real_store


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='cases'"
            )
        }


def test_grown_store_has_distinct_cases_indexes_and_statistics(tmp_path: Path) -> None:
    template = tmp_path / "template.sqlite3"
    real_store(template, 120).close()
    path, built_s = build_store(template, 1_000, tmp_path)
    assert built_s > 0
    conn = sqlite3.connect(path)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM cases")]
        assert len(ids) == len(set(ids)) == 1_000
        for case_id, data in conn.execute("SELECT id, data FROM cases"):
            assert json.loads(data)["id"] == case_id  # the document names its own row
        assert conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
    finally:
        conn.close()
    assert _indexes(path) == _indexes(template)
    again, cached_s = build_store(template, 1_000, tmp_path)
    assert again == path and cached_s == 0.0  # built once per run


def test_smaller_size_keeps_the_first_cases(tmp_path: Path) -> None:
    template = tmp_path / "template.sqlite3"
    real_store(template, 120).close()
    path, _ = build_store(template, 50, tmp_path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 50
