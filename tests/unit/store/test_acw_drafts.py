"""app.store.acw_drafts: the after-call work draft kept per call, in a real SQLite file, and
the schema step that adds its table to a file of version 6."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect, text

from app.store import acw_drafts, schema
from app.store.store import Store, make_engine

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_a_draft_survives_reopening_and_goes_when_discarded(tmp_path: Path) -> None:
    path = tmp_path / "agent.sqlite3"
    callback = NOW + timedelta(hours=2)
    form = {
        "summary": "요금 이중 청구 환불 안내",
        "disposition": "callback_scheduled",
        "callback_on": True,
        "callback_at": callback,
        "follow_up": "",
        "extra": object(),
    }
    with Store.open(path) as store:
        acw_drafts.save(store, "call_1", "u_agent1", form, NOW)
        acw_drafts.save(store, "call_1", "u_agent1", {**form, "follow_up": "환불 확인"}, NOW)
    with Store.open(path) as store:
        kept = acw_drafts.load(store, "call_1")
        assert kept is not None
        assert kept["summary"] == "요금 이중 청구 환불 안내"
        assert kept["follow_up"] == "환불 확인"
        assert datetime.fromisoformat(kept["callback_at"]) == callback
        assert "extra" not in kept
        assert acw_drafts.unsaved(store, "u_agent1") == ["call_1"]
        assert acw_drafts.unsaved(store, "u_agent2") == []
        acw_drafts.discard(store, "call_1")
        assert acw_drafts.load(store, "call_1") is None


def test_a_version_6_file_gets_the_drafts_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    assert schema.upgrade(engine, target=6) == 6
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE acw_drafts"))  # a file written before the table existed
    engine.dispose()
    with Store.open(path) as store:
        with store.engine.connect() as conn:
            assert schema.current_version(conn) == schema.LATEST
            assert "acw_drafts" in inspect(conn).get_table_names()
        acw_drafts.save(store, "call_2", "u_agent1", {"summary": "x"}, NOW)
        assert acw_drafts.load(store, "call_2")["summary"] == "x"
