"""QA intents (runbook "품질 관리"; shared/API.md "QA"): draw the weekly sample and score a case.

- ``run_sample``: 5 % random + targeted (app.rules.qa.select_sample) over the decided cases of the
  local store in ``[from, to)`` not yet sampled; writes an open QA review per picked case (ids
  ``local-qa-…`` until the server names them) and ONE outbox row ``POST /v1/qa/samples``. The
  seed is the server's (``seed_for``: sha256 of the period), so an up-to-date store previews
  exactly the sample the server will draw.
- ``submit_review``: the five 0-20 scores and notes of one QA review — app.commands.qa_review,
  the command the server runs; outbox row ``POST /v1/qa/reviews`` ``{case_id, scores, notes}``.
- ``prune_local_reviews``: local QA reviews whose case now has a server review are dropped.
Each writes in one transaction and raises (ValidationFailed / Forbidden / InvalidTransition)
without writing anything on bad input.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.commands import COMMANDS, parse, run
from app.commands.base import Actor
from app.commands.qa_review import QAState
from app.domain.cases import Case
from app.domain.enums import Action, CaseStatus, EntityKind
from app.domain.people import QAReview, User
from app.domain.wire import format_time, from_wire
from app.rules import qa
from app.rules.errors import FieldError, ValidationFailed
from app.services.common import ActionResult, apply_result, load, push, require, save
from app.store.apply import LOCAL_PREFIX, delete_entity
from app.store.lookups import tasks_for_case
from app.store.models import CaseRow, QAReviewRow
from app.store.store import Store

DECIDED = (CaseStatus.APPROVED.value, CaseStatus.REJECTED.value, CaseStatus.CLOSED.value)
LOCAL_QA = f"{LOCAL_PREFIX}qa-"
REVIEW = COMMANDS["qa_review"]


@dataclass(frozen=True, slots=True)
class SampleResult:
    seed: int
    population: int
    picked: list[tuple[str, str]]  # (case id, reason)
    outbox: ActionResult


def seed_for(start: datetime, end: datetime) -> int:
    """The reference server's seed for a period (same sample offline and online)."""
    return int(hashlib.sha256(f"{start}{end}".encode()).hexdigest()[:8], 16)


def candidate(case: Case, appealed: bool = False) -> qa.QACandidate:
    return qa.QACandidate(
        case_id=case.id,
        decided_by=case.decided_by,
        score=case.decision_context.score,
        amount=case.application.amount,
        vip=case.customer.vip,
        appealed=appealed,
        complex=case.escalation_level.value != "L1",
    )


def _period_error(name: str, ko: str, en: str) -> ValidationFailed:
    return ValidationFailed({name: FieldError("validation", ko, en)})


def candidates(session, start: datetime, end: datetime) -> list[qa.QACandidate]:
    """Decided cases of ``[start, end)`` with no QA review yet, in id order."""
    reviewed = set(session.execute(select(QAReviewRow.case_id)).scalars())
    stmt = (
        select(CaseRow.data)
        .where(CaseRow.status.in_(DECIDED), CaseRow.decided_at >= start, CaseRow.decided_at < end)
        .order_by(CaseRow.id)
    )
    out = []
    for data in session.execute(stmt).scalars():
        if data["id"] in reviewed or data.get("qa_review_id"):
            continue
        out.append(candidate(from_wire(Case, data), bool(data.get("appeal_ids"))))
    return out


def run_sample(store: Store, actor: User, form: Mapping[str, Any], now: datetime) -> SampleResult:
    """``{from, to, rate?, targeted?}`` (datetimes, UTC)."""
    start, end = form.get("from"), form.get("to")
    if not isinstance(start, datetime) or start.tzinfo is None:
        raise _period_error("from", "시작 시각이 필요합니다.", "a start time is required")
    if not isinstance(end, datetime) or end.tzinfo is None or end <= start:
        raise _period_error("to", "종료는 시작 이후여야 합니다.", "the end must be after the start")
    rate = float(form.get("rate", qa.QA_RATE))
    targeted = list(form.get("targeted") or qa.ALL_TARGETS)
    require(actor, Action.QA_SAMPLE)
    seed = seed_for(start, end)
    with store.transaction() as session:
        pool = candidates(session, start, end)
        try:
            picked = qa.select_sample(pool, rate=rate, seed=seed, targeted=targeted, now=now)
        except ValueError as exc:
            raise _period_error("rate", str(exc), str(exc)) from exc
        by_id = {c.case_id: c for c in pool}
        key = str(uuid.uuid4())
        for case_id, reason in picked:
            review = QAReview(
                id=f"{LOCAL_QA}{key[:8]}-{case_id}",
                case_id=case_id,
                reviewer_id="",
                reviewed_user_id=by_id[case_id].decided_by,
                sample_reason=reason,
                created_at=now,
                version=0,
                updated_at=now,
            )
            save(session, EntityKind.QA_REVIEW, review)
        payload = {
            "from": format_time(start),
            "to": format_time(end),
            "rate": rate,
            "targeted": targeted,
        }
        result = push(
            session,
            actor,
            now,
            intent="qa.sample",
            path="/v1/qa/samples",
            payload=payload,
            form=payload,
            kind=EntityKind.QA_REVIEW,
            entity_id=f"{LOCAL_QA}{key[:8]}",
            if_match=None,
            case_id=None,
            idempotency_key=key,
        )
    return SampleResult(seed, len(pool), picked, result)


def submit_review(
    store: Store, actor: User, review_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """app.commands.qa_review ``{scores: {procedure, judgement, documentation, timeliness,
    communication}, notes}`` on the QA review ``review_id`` (a sampled one, local or the
    server's): the review → done optimistically, its task completed, one outbox row."""
    with store.transaction() as session:
        review, _ = load(session, EntityKind.QA_REVIEW, QAReview, review_id)
        body = {"case_id": review.case_id, **{k: v for k, v in form.items() if v is not None}}
        body.setdefault("notes", "")
        data = parse(REVIEW.input, body)
        case, _ = load(session, EntityKind.CASE, Case, review.case_id)
        tasks = [t for t in tasks_for_case(session, case.id) if t.qa_review_id == review_id]
        result = run(REVIEW, QAState(case, review, tasks), data, Actor.of(actor), now)
        apply_result(session, result)
        payload = data.wire()
        return push(
            session,
            actor,
            now,
            intent="qa.review",
            path="/v1/qa/reviews",
            payload=payload,
            form={"review_id": review_id, **payload},
            kind=EntityKind.QA_REVIEW,
            entity_id=review_id,
            if_match=None,
            case_id=case.id,
        )


def prune_local_reviews(store: Store) -> int:
    """Drop local sample rows whose case has a review from the server; returns how many."""
    with store.transaction() as session:
        rows = session.execute(select(QAReviewRow.id, QAReviewRow.case_id)).all()
        server_cases = {c for i, c in rows if not i.startswith(LOCAL_PREFIX)}
        gone = [i for i, c in rows if i.startswith(LOCAL_QA) and c in server_cases]
        for review_id in gone:
            delete_entity(session, EntityKind.QA_REVIEW, review_id, None)
        return len(gone)


def reviews(store: Store, statuses: Iterable[str] = ("open", "done")) -> list[QAReview]:
    with store.session() as session:
        stmt = select(QAReviewRow.data).where(QAReviewRow.status.in_(list(statuses)))
        rows = session.execute(stmt.order_by(QAReviewRow.id)).scalars()
        return [from_wire(QAReview, d) for d in rows]
