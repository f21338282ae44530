"""``storage.query(..., fields=...)``: the members the scheduler reads, taken out of the JSON by
the database, equal those of the whole documents (SQLite and PostgreSQL)."""

from __future__ import annotations

from app.domain.enums import EntityKind
from server import storage
from server.scheduler import ACTIVE, SNAPSHOT


def test_fields_equal_the_whole_documents(api, db) -> None:
    api.new_case(priority="p0")
    api.new_case(priority="p2", queue="senior_review")
    with db.read() as s:
        whole = {c["id"]: c for c in storage.query(s, EntityKind.CASE, status=ACTIVE)}
        light = storage.query(s, EntityKind.CASE, status=ACTIVE, fields=SNAPSHOT)
    assert len(light) == len(whole) >= 2
    assert any(c["sla"] for c in light)  # the clocks really came out of the JSON
    for snap in light:
        case = whole[snap["id"]]
        for name in ("status", "queue_id", "priority", *SNAPSHOT):
            assert snap[name] == case.get(name), (snap["id"], name)
        assert "timeline" not in snap and "customer" not in snap  # not the whole document


def test_fields_keep_the_filters(api, db) -> None:
    api.new_case(queue="senior_review")
    with db.read() as s:
        light = storage.query(
            s, EntityKind.CASE, status=ACTIVE, queue_id="senior_review", fields=("sla",)
        )
    assert light and {c["queue_id"] for c in light} == {"senior_review"}
