"""A feed entry the store cannot apply is kept aside on its own; the rest of the page applies,
a later good version releases it, a reset clears it. Real SQLite file stores, no mocks."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from app.domain.enums import EntityKind
from app.store import lookups, quarantine
from app.store.apply import apply_changes, reset_synced
from app.store.schema import LATEST, current_version
from app.store.store import Store
from tests.unit.store import builders as b

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PAST_INT64 = 9223372036854775808


def _case_change(case_id: str, version: int = 1, **application: object) -> dict:
    change = b.upsert(b.case(case_id, version=version))
    change["data"]["application"].update(application)
    return change


def _entries(store: Store) -> dict[tuple[str, str], quarantine.FeedQuarantineRow]:
    with store.session() as s:
        return {(r.entity, r.entity_id): r for r in quarantine.list_entries(s)}


def _apply(store: Store, changes: list[dict]) -> dict:
    with store.transaction() as s:
        return apply_changes(s, changes, now=NOW)


def test_amount_past_int64_is_kept_aside_and_the_rest_applies(store: Store) -> None:
    good = [_case_change(f"case_{i}") for i in range(5)]
    bad = _case_change("case_bad", amount=PAST_INT64)
    changed = _apply(store, [*good[:2], bad, *good[2:]])
    assert changed[EntityKind.CASE] == {f"case_{i}" for i in range(5)}
    with store.session() as s:
        assert lookups.get_data(s, EntityKind.CASE, "case_bad") is None
        assert lookups.get_data(s, EntityKind.CASE, "case_3")["id"] == "case_3"
    entry = _entries(store)[("case", "case_bad")]
    assert entry.reason == quarantine.INTEGER_OUT_OF_RANGE
    assert entry.detail == "outside signed 64-bit: application.amount"
    assert entry.field == "application.amount"
    assert entry.seq == bad["seq"] and entry.version == 1 and entry.seen_at == NOW
    assert str(PAST_INT64) in entry.raw


def test_a_later_good_version_releases_the_entry(store: Store) -> None:
    _apply(store, [_case_change("case_1", version=1)])
    _apply(store, [_case_change("case_1", version=2, amount=PAST_INT64)])
    assert set(_entries(store)) == {("case", "case_1")}
    with store.session() as s:
        assert lookups.get_data(s, EntityKind.CASE, "case_1")["version"] == 1  # older copy kept
    _apply(store, [_case_change("case_1", version=3, amount=1_000)])
    assert _entries(store) == {}
    with store.session() as s:
        assert lookups.get_data(s, EntityKind.CASE, "case_1")["application"]["amount"] == 1_000


@pytest.mark.parametrize(
    ("data", "reason", "detail"),
    [
        ("not an entity", quarantine.NOT_AN_OBJECT, "data is a string, not an object"),
        ([1, 2], quarantine.NOT_AN_OBJECT, "data is an array, not an object"),
        (None, quarantine.NOT_AN_OBJECT, "data is null, not an object"),
        ({"customer": "kim"}, quarantine.BAD_SHAPE, None),
        ({"sla": {"due_at": "garbage"}}, quarantine.BAD_VALUE, "due_at: ValueError"),
        ({"created_at": 7}, None, None),  # not a time string: stored without it (no error)
    ],
)
def test_malformed_entities_are_kept_aside_with_their_reason(
    store: Store, data: object, reason: str | None, detail: str | None
) -> None:
    change = b.upsert(b.case("case_x"))
    if isinstance(data, dict):
        change["data"].update(data)
    else:
        change["data"] = data
    _apply(store, [change, _case_change("case_ok")])
    entries = _entries(store)
    with store.session() as s:
        assert lookups.get_data(s, EntityKind.CASE, "case_ok") is not None
    if reason is None:
        assert entries == {}
        return
    entry = entries[("case", "case_x")]
    assert entry.reason == reason
    if reason == quarantine.NOT_AN_OBJECT:
        assert entry.field == "data"
    if reason == quarantine.BAD_VALUE:
        assert entry.field == "due_at"
    if detail is not None:
        assert entry.detail == detail


def test_a_version_past_int64_and_a_bad_delete_are_kept_aside(store: Store) -> None:
    big = _case_change("case_v")
    big["version"] = PAST_INT64
    gone = b.delete(EntityKind.TASK, "task_9", PAST_INT64)
    _apply(store, [big, gone, _case_change("case_ok")])
    entries = _entries(store)
    assert entries[("case", "case_v")].reason == quarantine.INTEGER_OUT_OF_RANGE
    assert entries[("case", "case_v")].detail.startswith("outside signed 64-bit: version")
    assert entries[("case", "case_v")].version is None
    assert entries[("task", "task_9")].reason == quarantine.INTEGER_OUT_OF_RANGE


def test_a_bad_entry_twice_is_one_entry_and_a_reset_clears_it(store: Store) -> None:
    bad = _case_change("case_bad", amount=PAST_INT64)
    _apply(store, [bad])
    _apply(store, [bad])
    assert len(_entries(store)) == 1
    with store.transaction() as s:
        reset_synced(s)
    assert _entries(store) == {}


def test_the_log_names_the_entry_but_never_its_content(store: Store, caplog) -> None:
    change = b.upsert(b.case("case_pii", account_id="110-987-654321"))
    change["data"]["application"]["amount"] = PAST_INT64
    with caplog.at_level(logging.WARNING, logger="app.store.quarantine"):
        _apply(store, [change])
    assert "case_pii" in caplog.text and "integer_out_of_range" in caplog.text
    assert "654321" not in caplog.text and str(PAST_INT64) not in caplog.text


def test_an_older_store_file_gets_the_table(tmp_path) -> None:
    from app.store.schema import upgrade
    from app.store.store import make_engine

    engine = make_engine(tmp_path / "old.sqlite3")
    upgrade(engine, 4)  # a file of the release before the quarantine (schema step 5)
    with engine.begin() as conn:  # its version 1 had no such table
        conn.execute(text("DROP TABLE IF EXISTS feed_quarantine"))
    engine.dispose()
    with Store.open(tmp_path / "old.sqlite3") as store:
        with store.engine.connect() as conn:
            assert current_version(conn) == LATEST
        _apply(store, [_case_change("case_bad", amount=PAST_INT64)])
        assert set(_entries(store)) == {("case", "case_bad")}


def _queued_comment(store: Store, task_id: str, case_id: str) -> int:
    from app.store.outbox import enqueue

    with store.transaction() as s:
        return enqueue(
            s,
            intent="comment",
            path=f"/tasks/{task_id}/actions/comment",
            payload={"body": "확인"},
            user_input={"body": "확인"},
            entity_kind=EntityKind.TASK,
            entity_id=task_id,
            created_by="reviewer1",
            now=NOW,
            case_id=case_id,
        ).id


def test_an_answer_the_store_cannot_hold_is_kept_aside_and_the_action_applies(store: Store):
    from app.domain.enums import OutboxStatus
    from app.store.local_models import OutboxRow
    from app.store.outbox import mark_applied, mark_failed

    c = b.case("case_1")
    task = b.task("task_1", c)
    _apply(store, b.page(c, task))
    first, second = (
        _queued_comment(store, "task_1", "case_1"),
        _queued_comment(store, "task_1", "case_1"),
    )
    bad_case = b.upsert(b.case("case_1", version=2))["data"]
    bad_case["application"]["amount"] = PAST_INT64
    good_task = {**b.upsert(task)["data"], "version": 2}
    with store.transaction() as s:
        mark_applied(s, first, {"data": good_task, "related": [bad_case]}, NOW)
    with store.transaction() as s:
        mark_failed(
            s, second, OutboxStatus.CONFLICT, {"status": 409}, {**bad_case, "version": 3}, NOW
        )
    with store.session() as s:
        assert s.get(OutboxRow, first).status == OutboxStatus.APPLIED.value
        assert s.get(OutboxRow, second).status == OutboxStatus.CONFLICT.value
        assert lookups.get_data(s, EntityKind.TASK, "task_1")["version"] == 2
        assert lookups.get_data(s, EntityKind.CASE, "case_1")["version"] == 1
    entry = _entries(store)[("case", "case_1")]
    assert entry.reason == quarantine.INTEGER_OUT_OF_RANGE and entry.seq is None
    _apply(store, [_case_change("case_1", version=4)])  # the fixed case arrives
    assert _entries(store) == {}


def test_an_entry_is_released_once_the_store_holds_that_version(store: Store) -> None:
    from app.store.apply import write_server_copy

    _apply(store, [_case_change("case_1", version=2, amount=PAST_INT64)])
    with store.transaction() as s:
        assert write_server_copy(s, EntityKind.CASE, b.upsert(b.case("case_1", version=2))["data"])
    _apply(store, [])  # the next page settles the entries kept aside
    assert _entries(store) == {}
