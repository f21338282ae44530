"""Reading single entities (as app.domain dataclasses) and small lists the pages need."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calls import Call
from app.domain.cases import Case, Queue, Task
from app.domain.checkpoints import Checkpoint
from app.domain.enums import EntityKind
from app.domain.generated import GeneratedContent
from app.domain.people import Appeal, KnowledgeArticle, QAReview, User
from app.domain.wire import from_wire
from app.store.extract import MODELS
from app.store.models import AppealRow, QAReviewRow, TaskRow

T = TypeVar("T")


def get_data(session: Session, kind: EntityKind, entity_id: str) -> dict[str, Any] | None:
    """The stored wire form of one entity (with any pending optimistic change)."""
    model = MODELS[kind]
    return session.execute(select(model.data).where(model.id == entity_id)).scalar_one_or_none()


def get_version(session: Session, kind: EntityKind, entity_id: str) -> int | None:
    model = MODELS[kind]
    stmt = select(model.version).where(model.id == entity_id)
    return session.execute(stmt).scalar_one_or_none()


def _get(session: Session, kind: EntityKind, cls: type[T], entity_id: str) -> T | None:
    data = get_data(session, kind, entity_id)
    return None if data is None else from_wire(cls, data)


def get_case(session: Session, case_id: str) -> Case | None:
    return _get(session, EntityKind.CASE, Case, case_id)


def get_task(session: Session, task_id: str) -> Task | None:
    return _get(session, EntityKind.TASK, Task, task_id)


def get_queue(session: Session, queue_id: str) -> Queue | None:
    return _get(session, EntityKind.QUEUE, Queue, queue_id)


def get_user(session: Session, user_id: str) -> User | None:
    return _get(session, EntityKind.USER, User, user_id)


def get_appeal(session: Session, appeal_id: str) -> Appeal | None:
    return _get(session, EntityKind.APPEAL, Appeal, appeal_id)


def get_call(session: Session, call_id: str) -> Call | None:
    return _get(session, EntityKind.CALL, Call, call_id)


def get_checkpoint(session: Session, checkpoint_id: str) -> Checkpoint | None:
    return _get(session, EntityKind.CHECKPOINT, Checkpoint, checkpoint_id)


def get_article(session: Session, article_id: str) -> KnowledgeArticle | None:
    return _get(session, EntityKind.KNOWLEDGE_ARTICLE, KnowledgeArticle, article_id)


def get_generated(session: Session, content_id: str) -> GeneratedContent | None:
    return _get(session, EntityKind.GENERATED, GeneratedContent, content_id)


def tasks_for_case(session: Session, case_id: str) -> list[Task]:
    stmt = select(TaskRow.data).where(TaskRow.case_id == case_id).order_by(TaskRow.id)
    return [from_wire(Task, d) for d in session.execute(stmt).scalars()]


def appeals_for_case(session: Session, case_id: str) -> list[Appeal]:
    stmt = (
        select(AppealRow.data)
        .where(AppealRow.case_id == case_id)
        .order_by(AppealRow.submitted_at, AppealRow.id)
    )
    return [from_wire(Appeal, d) for d in session.execute(stmt).scalars()]


def qa_reviews_for_case(session: Session, case_id: str) -> list[QAReview]:
    stmt = select(QAReviewRow.data).where(QAReviewRow.case_id == case_id).order_by(QAReviewRow.id)
    return [from_wire(QAReview, d) for d in session.execute(stmt).scalars()]


def user_names(session: Session) -> dict[str, str]:
    """Every known user id → display name (for ``app.text.labels.person_name``)."""
    from app.store.models import UserRow

    return dict(session.execute(select(UserRow.id, UserRow.display_name)).all())
