"""Agents on the wall are shown by their display names from the local store, not by user id."""

from __future__ import annotations

from app.store.models import UserRow
from app.store.store import Store
from ui.ops_source import WallSource
from widgets.ops_models import LiveCallsModel


def test_live_calls_show_agents_by_display_name(qapp, tmp_path, qtmodeltester) -> None:
    store = Store.open(tmp_path / "wall.sqlite3")
    try:
        with store.transaction() as session:
            session.add(UserRow(id="u_agent1", display_name="김상담", version=1, data={}))
        names = WallSource(lambda: None, store).user_names()
    finally:
        store.close()
    assert names == {"u_agent1": "김상담"}
    model = LiveCallsModel()
    calls = [
        {"id": "c1", "queue": "general", "state": "connected", "agent_id": "u_agent1"},
        {"id": "c2", "queue": "general", "state": "ringing", "agent_id": None},
    ]
    model.people = names
    model.set_calls(calls, {"general": "General"}, {})
    qtmodeltester.check(model)
    agent = model.COLUMNS.index("agent")
    shown = {model.index(r, agent).data() for r in range(model.rowCount())}
    assert shown == {"김상담", "—"} and not any("agent1" in s for s in shown)
