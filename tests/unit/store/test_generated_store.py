"""Generated content in the local store: the ``generated`` kind of the change feed lands in its own
table, and schema step 4 moves items an older file kept in ``approvals`` (``subject`` marker)
over, with the outbox rows about them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, select, text

from app.domain.enums import EntityKind
from app.domain.generated import GeneratedContent, GeneratedKind, GeneratedStatus
from app.domain.wire import to_wire
from app.store import schema
from app.store.apply import apply_changes
from app.store.local_models import OutboxRow
from app.store.lookups import get_data, get_generated
from app.store.models import ApprovalRow, GeneratedRow
from app.store.store import Store, make_engine
from tests.unit.store import builders as b

AT = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def _content(gid: str, status: GeneratedStatus = GeneratedStatus.PENDING) -> dict:
    return to_wire(
        GeneratedContent(gid, GeneratedKind.NARRATIVE_REPORT, "보고서", "본문", generated_at=AT,
                         status=status)
    )  # fmt: skip


def test_the_feed_kind_has_its_own_table(store: Store) -> None:
    with store.transaction() as s:
        changed = apply_changes(s, [b.raw_upsert(EntityKind.GENERATED, _content("GEN-1"))])
    assert changed == {EntityKind.GENERATED: {"GEN-1"}}
    with store.session() as s:
        row = s.get(GeneratedRow, "GEN-1")
        assert (row.kind, row.status, row.generated_at) == ("narrative_report", "pending", AT)
        assert get_generated(s, "GEN-1").title == "보고서"
        assert s.execute(select(ApprovalRow.id)).first() is None


def test_step_4_moves_marked_approvals_and_their_outbox_rows(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    engine = make_engine(path)
    schema.upgrade(engine, target=3)
    marked = {
        **_content("GEN-OLD", GeneratedStatus.CHANGES_REQUESTED),
        "subject": "generated_content",
    }
    server = {**_content("GEN-OLD"), "subject": "generated_content"}
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS generated"))  # as a real version-3 file
        conn.execute(
            text("INSERT INTO approvals (id, version, data, server_data, execution_id, status) "
                 "VALUES ('GEN-OLD', 3, :d, :s, '', 'changes_requested'), "
                 "('APR-1', 1, '{\"id\": \"APR-1\"}', NULL, 'EXE-1', 'PENDING')"),
            {"d": json.dumps(marked), "s": json.dumps(server)},
        )  # fmt: skip
        conn.execute(
            text("INSERT INTO outbox (idempotency_key, intent, method, path, payload, user_input, "
                 "entity_kind, entity_id, status, attempts, created_at, updated_at, created_by) "
                 "VALUES ('k1', 'generated.decision', 'POST', '/v1/generated/GEN-OLD/decision', "
                 "'{}', '{}', 'approval', 'GEN-OLD', 'pending', 0, :t, :t, 'u_senior1')"),
            {"t": "2026-11-23T01:00:00.000000Z"},
        )  # fmt: skip
    engine.dispose()
    with Store.open(path) as store:
        with store.engine.connect() as conn:
            assert schema.current_version(conn) == schema.LATEST >= 4
            assert inspect(conn).has_table("generated")
        with store.session() as s:
            row = s.get(GeneratedRow, "GEN-OLD")
            assert row.version == 3 and row.status == "changes_requested"
            assert "subject" not in row.data and "subject" not in row.server_data
            assert row.server_data["status"] == "pending"  # the undo copy survives the move
            assert s.get(ApprovalRow, "GEN-OLD") is None
            assert get_data(s, EntityKind.APPROVAL, "APR-1") is not None  # decisions stay
            (kind,) = s.execute(select(OutboxRow.entity_kind)).scalars()
            assert kind == "generated"
