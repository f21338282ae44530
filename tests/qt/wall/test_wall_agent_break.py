"""The wall shows agents on Break (issue 17: the agent's chosen state reaches ops): an agent on
the real demo server goes on Break; the contact panel's "On break" column counts them, and they
are not "Available"; once they choose Offline they leave the Break count again."""

from __future__ import annotations

from tests.qt.wall.helpers import make_wall


def _cell(model, row: int, name: str) -> str:
    return model.index(row, model.column(name)).data()


def _count(page, queue: str, name: str) -> str:
    model = page.contact.model
    row = next(r for r in range(model.rowCount()) if model.queue_id(r) == queue)
    return _cell(model, row, name)


def test_the_wall_counts_an_agent_on_break(qtbot, qloop, demo, api_for, live_clock, lang_ko):
    from server import storage

    with demo.running.app.state.db.session() as s:  # an agent no simulated call goes to
        storage.create_user(s, "agent9", "demo", "박지우", ["agent"], ["general"])
        s.commit()
    demo.token("agent9")  # signed in: online
    page, feed, _keeper = make_wall(qtbot, api_for(demo), live_clock)
    with qtbot.waitSignal(feed.sig_snapshot_updated, timeout=15_000):
        feed.start()
    model = page.contact.model
    assert model.header(model.column("on_break")) == "휴식"
    before = feed.snapshot.stats["general"]["metrics"]
    breaks = before["AGENTS_NON_PRODUCTIVE"]
    r = demo.post("/agents/me/state", {"state": "break"}, "agent9")
    assert r.status_code == 200, r.text
    qtbot.waitUntil(lambda: _count(page, "general", "on_break") == str(breaks + 1), timeout=20_000)
    after = feed.snapshot.stats["general"]["metrics"]
    assert _count(page, "general", "available") == str(after["AGENTS_AVAILABLE"])
    assert demo.post("/agents/me/state", {"state": "offline"}, "agent9").status_code == 200
    qtbot.waitUntil(lambda: _count(page, "general", "on_break") == str(breaks), timeout=20_000)
    feed.stop()
