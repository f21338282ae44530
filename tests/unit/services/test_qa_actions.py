"""QA intents against a real store: the sample (5 % + targeted, the server's seed) and a review
(total, band) each write their local change and one outbox row; bad input writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.cases import ApprovedTerms
from app.domain.enums import CaseStatus, EntityKind, FinalDecision, QABand, Role
from app.rules import qa
from app.rules.errors import Forbidden, ValidationFailed
from app.services import qa_actions
from app.store.apply import apply_changes
from app.store.local_models import OutboxRow
from app.store.lookups import get_data
from tests.unit.store import builders as b

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
QA1 = b.user("qa1", Role.QA)
REVIEWER = b.user("reviewer1", Role.REVIEWER)
PERIOD = {"from": NOW - timedelta(days=7), "to": NOW}


def decided(i: int, amount: int = 20_000_000):
    case = b.case(
        f"C-{i:03d}",
        status=CaseStatus.APPROVED,
        amount=amount,
        decided_by="reviewer1",
        decided_at=NOW - timedelta(days=1 + i % 5),
        final_decision=FinalDecision.APPROVE,
        approved_terms=ApprovedTerms(amount, 5.0),
    )
    case.decision_context.score = 0.9  # not borderline: only the amount can target it
    return case


@pytest.fixture
def seeded(store):
    cases = [decided(i) for i in range(40)] + [decided(99, amount=200_000_000)]
    old = b.case("C-OLD", status=CaseStatus.APPROVED, decided_at=NOW - timedelta(days=30))
    with store.transaction() as s:
        apply_changes(s, b.page(*cases, old, b.user("reviewer1", Role.REVIEWER)))
    return store


def outbox(store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def test_sample_is_five_percent_plus_targets_with_the_servers_seed(seeded):
    result = qa_actions.run_sample(seeded, QA1, PERIOD, NOW)
    assert result.seed == qa_actions.seed_for(PERIOD["from"], PERIOD["to"])
    assert result.population == 41  # C-OLD is outside the period
    reasons = dict(result.picked)
    assert reasons["C-099"] == qa.HIGH_AMOUNT
    assert sum(1 for r in reasons.values() if r == qa.RANDOM) <= 3  # ceil(5 % of 41) = 3
    (row,) = outbox(seeded)
    assert (row.intent, row.path) == ("qa.sample", "/v1/qa/samples")
    assert row.payload["rate"] == 0.05 and row.payload["from"].endswith("Z")
    open_reviews = qa_actions.reviews(seeded, ("open",))
    assert sorted(r.case_id for r in open_reviews) == sorted(reasons)
    again = qa_actions.run_sample(seeded, QA1, PERIOD, NOW)
    assert not set(dict(again.picked)) & set(reasons)  # sampled cases are not drawn twice


def test_sample_needs_the_role_and_a_period(seeded):
    with pytest.raises(Forbidden):
        qa_actions.run_sample(seeded, REVIEWER, PERIOD, NOW)
    with pytest.raises(ValidationFailed) as failed:
        qa_actions.run_sample(seeded, QA1, {"from": NOW, "to": NOW}, NOW)
    assert "to" in failed.value.errors
    assert outbox(seeded) == []


def test_review_sets_total_and_band_and_queues_the_post(seeded):
    qa_actions.run_sample(seeded, QA1, PERIOD, NOW)
    review = qa_actions.reviews(seeded, ("open",))[0]
    scores = dict.fromkeys(("procedure", "judgement", "documentation", "timeliness"), 19)
    scores["communication"] = 20
    result = qa_actions.submit_review(
        seeded, QA1, review.id, {"scores": scores, "notes": "좋음"}, NOW
    )
    with seeded.session() as s:
        data = get_data(s, EntityKind.QA_REVIEW, review.id)
    assert data["total"] == 96.0 and data["band"] == QABand.EXCELLENT.value
    row = outbox(seeded)[-1]
    assert row.id == result.outbox_id and row.path == "/v1/qa/reviews"
    assert row.payload == {"case_id": review.case_id, "scores": scores, "notes": "좋음"}


def test_bad_scores_write_nothing(seeded):
    qa_actions.run_sample(seeded, QA1, PERIOD, NOW)
    review = qa_actions.reviews(seeded, ("open",))[0]
    before = len(outbox(seeded))
    with pytest.raises(ValidationFailed) as failed:
        qa_actions.submit_review(seeded, QA1, review.id, {"scores": {"procedure": 25}}, NOW)
    # field keys of the command's nested schema, as the server names them (were bare names)
    assert {"scores.procedure", "scores.judgement"} <= set(failed.value.errors)
    assert len(outbox(seeded)) == before


def test_local_sample_rows_give_way_to_the_servers(seeded):
    result = qa_actions.run_sample(seeded, QA1, PERIOD, NOW)
    case_id = result.picked[0][0]
    server = b.qa_review("Q-1", decided(int(case_id[2:])))
    with seeded.transaction() as s:
        apply_changes(s, b.page(server))
    assert qa_actions.prune_local_reviews(seeded) == 1
    assert case_id not in {
        r.case_id for r in qa_actions.reviews(seeded) if r.id.startswith("local-")
    }
