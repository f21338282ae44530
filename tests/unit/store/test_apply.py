"""Applying change-feed pages: round trips per entity kind, idempotency, versions, reset."""

from __future__ import annotations

from sqlalchemy import func, select, text

from app.domain.enums import CaseStatus, EntityKind, Priority, Role
from app.domain.generated import GeneratedContent, GeneratedKind
from app.domain.wire import to_wire
from app.store import lookups
from app.store.apply import apply_changes, reset_synced, set_cursor
from app.store.extract import MODELS
from app.store.inbox import InboxFilter
from app.store.local_models import OutboxRow
from app.store.models import CaseRow
from app.store.outbox import enqueue
from app.store.store import Store
from app.store.sync_state import get_cursor, set_setting
from app.store.views import list_views, save_view
from tests.unit.store import builders as b


def _dump(store: Store) -> dict[str, list]:
    out = {}
    with store.session() as s:
        for kind, model in MODELS.items():
            rows = s.execute(select(model.__table__).order_by(model.id)).all()
            out[kind.value] = [tuple(r) for r in rows]
        out["fts"] = s.execute(text("SELECT article_id, tokens FROM knowledge_fts")).all()
    return out


def _everything() -> list:
    c = b.case("case_1", priority=Priority.P0, vip=True, amount=500_000_000)
    return b.page(
        b.user("reviewer1", Role.REVIEWER),
        b.queue("credit_review", "신용 심사"),
        c,
        b.task("task_1", c),
        b.appeal("appeal_1", c),
        b.checkpoint("HC-2026-11-23-001"),
        b.raw_upsert(EntityKind.DECISION, {"id": "exec_1", "execution": {"status": "PAUSED"}}),
        b.raw_upsert(
            EntityKind.APPROVAL, {"id": "apr_1", "execution_id": "exec_1", "status": "PENDING"}
        ),
        b.call("call_1"),
        b.article("kb_1", "대출 한도 안내", "대출 한도를 올리고 싶어요"),
        b.qa_review("qa_1", c),
        b.raw_upsert(
            EntityKind.GENERATED,
            to_wire(GeneratedContent("gen_1", GeneratedKind.STRATEGY, "전략", "본문")),
        ),
    )


def test_round_trip_every_entity_kind(store: Store) -> None:
    changes = _everything()
    with store.transaction() as s:
        changed = apply_changes(s, changes)
        set_cursor(s, "c-1")
    assert set(changed) == set(EntityKind)
    with store.session() as s:
        assert get_cursor(s) == "c-1"
        for change in changes:
            kind = EntityKind(change["entity"])
            assert lookups.get_data(s, kind, change["id"]) == change["data"]
        c = lookups.get_case(s, "case_1")
        assert c is not None and c.priority is Priority.P0 and c.customer.vip
        assert to_wire(c) == changes[2]["data"]
        row = s.get(CaseRow, "case_1")
        assert row.priority_rank == 0 and row.amount == 500_000_000
        assert row.customer_masked == "••••••••••6789" and row.customer_name == "김민준"
        assert row.due_at == c.sla.due_at and row.warning_at == c.sla.warning_at
        assert lookups.get_task(s, "task_1").case_id == "case_1"
        assert [t.id for t in lookups.tasks_for_case(s, "case_1")] == ["task_1"]
        assert [a.id for a in lookups.appeals_for_case(s, "case_1")] == ["appeal_1"]
        assert lookups.get_call(s, "call_1").customer.name == "이서연"
        assert lookups.get_checkpoint(s, "HC-2026-11-23-001").due_at is not None
        assert lookups.get_user(s, "reviewer1").roles == [Role.REVIEWER]
        assert lookups.get_queue(s, "credit_review").name == "신용 심사"
        assert lookups.get_article(s, "kb_1").title == "대출 한도 안내"
        assert [q.id for q in lookups.qa_reviews_for_case(s, "case_1")] == ["qa_1"]
        assert lookups.get_generated(s, "gen_1").kind is GeneratedKind.STRATEGY


def test_applying_the_same_page_twice_changes_nothing(store: Store) -> None:
    changes = _everything()
    with store.transaction() as s:
        apply_changes(s, changes)
    before = _dump(store)
    with store.transaction() as s:
        assert apply_changes(s, changes) == {}
    assert _dump(store) == before


def test_lower_version_is_ignored_and_higher_replaces(store: Store) -> None:
    v2 = b.case("case_1", status=CaseStatus.ESCALATED, version=2)
    v1 = b.case("case_1", status=CaseStatus.PENDING, version=1)
    v3 = b.case("case_1", status=CaseStatus.APPROVED, version=3)
    with store.transaction() as s:
        apply_changes(s, b.page(v2))
    with store.transaction() as s:
        assert apply_changes(s, b.page(v1)) == {}
        assert lookups.get_case(s, "case_1").status is CaseStatus.ESCALATED
    with store.transaction() as s:
        assert apply_changes(s, b.page(v3)) == {EntityKind.CASE: {"case_1"}}
    with store.session() as s:
        row = s.get(CaseRow, "case_1")
        assert (row.version, row.status) == (3, "approved")


def test_later_change_in_a_page_supersedes(store: Store) -> None:
    first = b.upsert(b.case("case_1", priority=Priority.P3, version=1))
    second = b.upsert(b.case("case_1", priority=Priority.P1, version=2))
    gone = b.upsert(b.case("case_2", version=1))
    with store.transaction() as s:
        apply_changes(s, [second, first, gone, b.delete(EntityKind.CASE, "case_2", 2)])
    with store.session() as s:
        assert s.get(CaseRow, "case_1").priority_rank == 1
        assert s.get(CaseRow, "case_2") is None


def test_delete_removes_article_from_the_index(store: Store) -> None:
    with store.transaction() as s:
        apply_changes(s, b.page(b.article("kb_1", "금리", "대출 금리 안내")))
        apply_changes(s, [b.delete(EntityKind.KNOWLEDGE_ARTICLE, "kb_1", 2)])
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM knowledge_fts")).scalar() == 0


def test_reset_keeps_outbox_settings_and_views(store: Store) -> None:
    with store.transaction() as s:
        apply_changes(s, _everything())
        enqueue(
            s,
            intent="task.comment",
            path="/v1/tasks/task_1/actions/comment",
            payload={"body": "메모"},
            user_input={"body": "메모"},
            entity_kind=EntityKind.TASK,
            entity_id="task_1",
            case_id="case_1",
            created_by="reviewer1",
            now=b.T0,
            if_match=1,
        )
        set_setting(s, "theme", "dark")
        save_view(s, "reviewer1", "P0만", InboxFilter(priorities=frozenset({Priority.P0})), b.T0)
    with store.transaction() as s:
        assert s.get(CaseRow, "case_1").pending_sync == 1
        reset_synced(s)
    with store.session() as s:
        for model in MODELS.values():
            assert s.execute(select(func.count()).select_from(model)).scalar() == 0
        assert s.execute(select(func.count()).select_from(OutboxRow)).scalar() == 1
        assert [name for name, _ in list_views(s, "reviewer1")] == ["P0만"]
    # the rebuilt case counts the outbox row that is still pending
    with store.transaction() as s:
        apply_changes(s, b.page(b.case("case_1")))
    with store.session() as s:
        assert s.get(CaseRow, "case_1").pending_sync == 1
