"""A feed entry the client cannot apply never stops the sync (issue 14): rows written straight
into the real server's database around the API — an amount past int64, a change whose data is
not JSON, one holding NaN, one whose data is not an entity — are pulled past; the good entries
around them apply, the bad ones are listed with their reason (store, ``dosctl status``), and a
later good version of the same entity clears its entry."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.domain.enums import EntityKind
from app.store import quarantine
from server import storage
from server import tables as t
from sync import state
from sync.api import ApiClient
from tests.integration.sync.helpers import Workstation, api_get, make_task
from tests.integration.sync.test_dosctl import Cli

PAST_INT64 = 9223372036854775808


def _server_put(server, data: dict) -> None:
    """An entity version written by the storage layer itself (no request model in the way)."""
    db = server.app.state.db
    with db.session() as s:
        storage.put(s, EntityKind.CASE, data, actor="system", now=datetime.now(UTC))
        s.commit()


def _server_raw_change(server, case_id: str, text: str) -> None:
    """A change row whose ``data`` is the given text, as a broken writer would leave it."""
    db = server.app.state.db
    with db.session() as s:
        version = s.execute(
            select(t.entities.c.version).where(
                t.entities.c.kind == "case", t.entities.c.id == case_id
            )
        ).scalar_one()
        seq = storage.next_seq(s, t.changes.c.seq)
        s.connection().exec_driver_sql(
            "INSERT INTO changes (seq, kind, id, op, version, data) VALUES (?, ?, ?, ?, ?, ?)",
            (seq, "case", case_id, "upsert", version + 1, text),
        )
        s.commit()


def _entries(ws: Workstation) -> dict[str, quarantine.FeedQuarantineRow]:
    with ws.store.session() as s:
        return {f"{r.entity}/{r.entity_id}": r for r in quarantine.list_entries(s)}


def _server_cursor(url: str, ws: Workstation) -> str:
    import asyncio

    async def run() -> str:
        async with ApiClient(url, token=ws.session.token()) as api:
            cursor = None
            while True:
                page = await api.changes(cursor, 1000)
                cursor = page.cursor
                if not page.has_more:
                    return cursor

    return asyncio.run(run())


def test_bad_rows_are_pulled_past_listed_and_cleared(server, tmp_path, capsys, monkeypatch):
    ws = Workstation(tmp_path, server.url, "admin1")
    big = make_task(server.url, None, tag="q-big")
    not_json = make_task(server.url, None, tag="q-json")
    not_entity = make_task(server.url, None, tag="q-str")
    not_finite = make_task(server.url, None, tag="q-nan")
    ws.sync()  # the client holds their first, good versions
    early = Cli(capsys, monkeypatch, tmp_path / "early", server.url)
    early.login("admin1")  # so does this dosctl store
    before = make_task(server.url, None, tag="q-before")
    case = api_get(server.url, "admin1", f"/cases/{big['case_id']}")
    case["application"]["amount"] = PAST_INT64
    _server_put(server, case)
    _server_raw_change(server, not_json["case_id"], '{"id": "' + not_json["case_id"] + '", "ap')
    _server_raw_change(server, not_entity["case_id"], '["not", "an", "entity"]')
    nan_text = '{"id": "' + not_finite["case_id"] + '", "application": {"dti_percent": NaN}}'
    _server_raw_change(server, not_finite["case_id"], nan_text)
    after = make_task(server.url, None, tag="q-after")

    result = ws.sync()
    assert result.pulled.changes > 0
    for ids in (before, after):  # the good entries around the bad ones applied
        for kind, key in (("case", "case_id"), ("task", "task_id")):
            assert ws.local(kind, ids[key]) == api_get(server.url, "admin1", f"/{kind}s/{ids[key]}")
    assert state.get_value(ws.store, state.CURSOR) == _server_cursor(server.url, ws)
    entries = _entries(ws)
    assert set(entries) == {
        f"case/{big['case_id']}",
        f"case/{not_json['case_id']}",
        f"case/{not_entity['case_id']}",
        f"case/{not_finite['case_id']}",
    }
    big_entry = entries[f"case/{big['case_id']}"]
    assert big_entry.reason == quarantine.INTEGER_OUT_OF_RANGE
    assert big_entry.detail == "outside signed 64-bit: application.amount"
    assert str(PAST_INT64) in big_entry.raw
    assert entries[f"case/{not_json['case_id']}"].reason == quarantine.NOT_AN_OBJECT
    assert '"ap' in entries[f"case/{not_json['case_id']}"].raw
    assert entries[f"case/{not_entity['case_id']}"].reason == quarantine.NOT_AN_OBJECT
    assert entries[f"case/{not_finite['case_id']}"].reason == quarantine.NOT_AN_OBJECT
    assert "NaN" in entries[f"case/{not_finite['case_id']}"].raw
    for ids in (big, not_json, not_entity, not_finite):  # the older, good copies stay
        assert ws.local("case", ids["case_id"])["version"] == 1

    cli = Cli(capsys, monkeypatch, tmp_path / "cli", server.url)  # login pulls it all
    cli.login("reviewer1")
    code, out, _ = cli("cases", "show", "--id", before["case_id"])
    assert code == 0 and before["case_id"] in out
    code, out, err = cli("cases", "show", "--id", big["case_id"])  # never an OverflowError
    assert (code, out) == (1, ""), err
    assert "could not be applied (integer_out_of_range" in err, err
    assert early("sync")[0] == 0
    code, out, err = early("cases", "show", "--id", big["case_id"])
    assert code == 0 and big["case_id"] in out
    assert "showing an older copy" in err and "application.amount" in err
    code, info = cli.json("status")
    assert code == 0
    listed = {i["entity"]: i for i in info["not_applied"]}
    assert set(listed) == set(entries)
    assert listed[f"case/{big['case_id']}"]["reason"] == "integer_out_of_range"
    assert listed[f"case/{big['case_id']}"]["detail"].endswith("application.amount")
    assert listed[f"case/{big['case_id']}"]["field"] == "application.amount"
    code, out, _ = cli("status")
    assert "server changes not applied (4)" in out and "integer_out_of_range" in out

    case["application"]["amount"] = 25_000_000  # the row is fixed: a later, good version
    _server_put(server, case)
    good = api_get(server.url, "admin1", f"/cases/{not_json['case_id']}")
    _server_put(server, good)
    result = ws.sync()
    assert result.pulled.changes > 0
    assert set(_entries(ws)) == {f"case/{not_entity['case_id']}", f"case/{not_finite['case_id']}"}
    assert ws.local("case", big["case_id"])["application"]["amount"] == 25_000_000
    assert ws.local("case", not_json["case_id"])["version"] == good["version"] + 1
    code, summary = cli.json("sync")
    assert code == 0 and summary["not_applied"] == 2
    code, info = cli.json("status")
    assert {i["entity"] for i in info["not_applied"]} == set(_entries(ws))
