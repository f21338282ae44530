"""Demo content: users, the runbook scenarios, knowledge articles and bulk-generated cases."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.commands.checkpoint_feedback import CHECKPOINT_ID, PROPOSAL_ID, SIGNAL_ID
from app.domain.cases import Case, Task
from app.domain.checkpoints import Checkpoint
from app.domain.enums import CaseStatus, EntityKind, Priority
from app.domain.wire import from_wire, to_wire
from server import storage
from server import tables as t
from server.demo import knowledge_articles, seed_cases, seed_demo, seed_demo_once
from server.demo.cases import generate_cases
from server.demo.people import DEMO_USERS
from server.storage import ServerDB

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    database = ServerDB(f"sqlite:///{tmp_path / 'demo.db'}")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    database = ServerDB(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'seeded.db'}")
    counts = seed_demo(database, NOW)
    yield database, counts
    database.dispose()


def _all(db, kind: EntityKind) -> list[dict]:
    with db.read() as s:
        return storage.query(s, kind)


def test_seed_demo_creates_users_cases_and_content(seeded) -> None:
    db, counts = seeded
    assert counts["case"] >= 55 and counts["knowledge_article"] >= 30
    assert not seed_demo_once(db, NOW)  # second start: nothing added
    with db.session() as s:
        for username, *_ in DEMO_USERS:
            assert storage.check_password(s, username, "demo") is not None, username
        senior = storage.check_password(s, "senior2", "demo")
    assert senior["roles"] == ["senior_reviewer"] and senior["approval_level"] == "DEPARTMENT"
    cases = {c["id"]: c for c in _all(db, EntityKind.CASE)}
    vip = cases["case_vip_001"]
    assert vip["priority"] == "p0" and vip["application"]["amount"] == 500_000_000
    assert vip["customer"]["vip"] is True
    assert cases["case_p1_borderline_001"]["application"]["credit_score"] == 598
    assert cases["case_p2_selfemployed_001"]["status"] == "awaiting_docs"
    assert cases["case_p3_inquiry_001"]["queue_id"] == "customer_service"
    assert {c["priority"] for c in cases.values()} == {p.value for p in Priority}
    assert {c["status"] for c in cases.values()} == {s.value for s in CaseStatus}
    for case in cases.values():
        assert to_wire(from_wire(Case, case)) == {**case, "updated_at": case["updated_at"]}
    appeals = _all(db, EntityKind.APPEAL)
    appealed = {a["case_id"] for a in appeals}
    rejected = {c["id"] for c in cases.values() if c["status"] == "rejected"}
    assert appealed and rejected - appealed
    assert cases["case_rej_window_closed_001"]["decided_at"] < "2026-10-24"
    queues = {q["id"] for q in _all(db, EntityKind.QUEUE)}
    assert {
        "credit_review",
        "senior_review",
        "customer_service",
        "msp_emergency",
        "msp_general",
        "general",
        "after_hours",
    } <= queues
    assert any(r["status"] == "done" for r in _all(db, EntityKind.QA_REVIEW))


def test_demo_checkpoints_follow_the_seed_ids(seeded) -> None:
    db, _ = seeded
    checkpoints = [from_wire(Checkpoint, c) for c in _all(db, EntityKind.CHECKPOINT)]
    assert {c.mode.value for c in checkpoints} == {"scheduled", "event"}
    for c in checkpoints:
        assert re.fullmatch(CHECKPOINT_ID, c.id), c.id
        assert all(re.fullmatch(SIGNAL_ID, s.id) for s in c.signals)
        assert all(re.fullmatch(PROPOSAL_ID, p.id) for p in c.proposals)
        assert len(c.patterns) <= 3


def test_knowledge_articles_are_korean_and_varied() -> None:
    articles = knowledge_articles()
    assert len(articles) >= 30
    assert len({a["id"] for a in articles}) == len(articles)
    text = " ".join(a["title"] + a["body"] for a in articles)
    for word in (
        "한도",
        "금리",
        "카드 분실",
        "장애 신고",
        "요금",
        "해지",
        "인증 실패",
        "콜백",
        "이메일 문의",
    ):
        assert word in text, word


def test_generated_cases_round_trip_through_the_domain() -> None:
    cases, tasks = generate_cases(300, NOW, seed=5)
    for case in cases:
        assert to_wire(from_wire(Case, case)) == case
    for task in tasks:
        assert to_wire(from_wire(Task, task)) == task
    assert {c["customer"]["account_id"][-4:].isdigit() for c in cases} == {True}


def test_seed_cases_5000(db) -> None:
    started = time.perf_counter()
    result = seed_cases(db, 5000, NOW, seed=9)
    elapsed = time.perf_counter() - started
    with db.read() as s:
        n = s.execute(
            select(func.count()).select_from(t.entities).where(t.entities.c.kind == "case")
        ).scalar_one()
    assert n == result["cases"] == 5000
    cases = _all(db, EntityKind.CASE)
    assert set(Counter(c["priority"] for c in cases)) == {p.value for p in Priority}
    assert len(Counter(c["status"] for c in cases)) >= 6
    assert result["tasks"] == sum(
        c["status"] in ("open", "pending", "awaiting_docs", "escalated") for c in cases
    )
    assert elapsed < 30


def test_demo_decisions_are_paused_for_approval(seeded) -> None:
    db, _ = seeded
    decisions = _all(db, EntityKind.DECISION)
    assert {d["option_set"]["query_type"] for d in decisions} == {
        "CAPACITY",
        "GO_NOGO",
        "HEADCOUNT",
    }
    for d in decisions:
        assert d["execution"]["status"] == "PAUSED_FOR_HITL"
        assert len(d["option_set"]["options"]) == 3
        for analysis in d["comparison"]["analyses"]:
            assert len(analysis["metrics"]) == 7
        assert d["validation"]["total_claims"] == len(d["validation"]["validations"]) >= 3
        assert 0 < d["probability"]["overall_probability"] < 1
    approvals = _all(db, EntityKind.APPROVAL)
    assert len(approvals) == 3 and {a["status"] for a in approvals} == {"PENDING"}


def test_generated_content_is_written_from_the_kpi_store_and_checked(seeded) -> None:
    """The demo's report states last week's figures from the KPI data store (one of them 2
    points off, which the fact check flags); the strategy's forecast is unverifiable."""
    from app.domain.generated import GeneratedContent
    from server.kpi_store import Lookup

    database, counts = seeded
    assert counts["generated"] == 2
    items = {g["id"]: from_wire(GeneratedContent, g) for g in _all(database, EntityKind.GENERATED)}
    assert {i.kind.value for i in items.values()} == {"narrative_report", "strategy"}
    for item in items.values():
        assert item.status.value == "pending" and item.fact_check is not None
        for claim in item.fact_check.claims:
            assert item.body[claim.begin_char : claim.end_char] == claim.text
    report = items["GEN-RPT-2026-0042"]
    wrong = [c for c in report.fact_check.claims if not c.matches]
    assert [c.metric.split("@")[0] for c in wrong] == ["sla_compliance_pct"]
    assert abs(wrong[0].stated_value - wrong[0].stored_value) == 2.0
    with database.read() as s:
        truth = Lookup(s, NOW)([c.metric for c in report.fact_check.claims])
    right = [c for c in report.fact_check.claims if c.matches]
    assert len(right) >= 3 and all(truth[c.metric] == c.stated_value for c in right)
    strategy = items["GEN-STR-2026-0007"]
    assert [c.text for c in strategy.fact_check.mismatches] == ["1명", "95.0%"]


def test_every_seeded_decision_has_its_audit_event(seeded) -> None:
    """Decided cases (approve / deny / close by whoever decided, at that time), decision
    executions and approval requests each have an audit event; the chain verifies."""
    from server.audit_chain import audit_events, verify_chain

    database, _counts = seeded
    with database.read() as s:
        events = audit_events(s, limit=100_000)
        check = verify_chain(s, full=True)
    assert check["verified"], check
    audited = {(e["entity"], e["entity_id"]): e for e in events}
    decided = [c for c in _all(database, EntityKind.CASE) if c.get("decided_at")]
    assert decided
    for case in decided:
        event = audited[("case", case["id"])]
        assert event["action"] in ("approve", "deny", "close")
        assert event["actor"] == (case.get("decided_by") or "system")
        assert event["at"] == case["decided_at"]
    for kind in (EntityKind.DECISION, EntityKind.APPROVAL):
        items = _all(database, kind)
        assert items and all(("decision" if kind is EntityKind.DECISION else "approval",
                              item["id"]) in audited for item in items)  # fmt: skip


def test_imported_cases_are_audited_too(db) -> None:
    result = seed_cases(db, 300, NOW, seed=3)
    decided = [c for c in _all(db, EntityKind.CASE) if c.get("decided_at")]
    assert result["audit"] == len(decided) > 0
