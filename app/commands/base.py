"""The pieces every command is made of: the input base model, the actor, the state an effect
works on, the result it returns and the :class:`Command` spec that ties them together."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from app.domain.calls import Call
from app.domain.cases import Case, Task, TimelineEntry
from app.domain.checkpoints import Checkpoint
from app.domain.enums import Action, EntityKind, Role
from app.domain.people import Appeal, QAReview, User
from app.domain.wire import to_wire
from app.rules.errors import FieldError


class CommandInput(BaseModel):
    """Base of every input model: unknown fields are refused, values are immutable, and the
    model is the server's request body (OpenAPI) and the workstation's form at once."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    ITEM_PATHS: ClassVar[bool] = False  # True: errors of list items are "name[i]", else "name"

    # Field-level rules that need "today" (the business date), e.g. a deadline 1-30 days ahead.
    def check_at(self, today: date) -> dict[str, FieldError]:
        return {}

    def wire(self) -> dict[str, Any]:
        """The JSON body the workstation sends (aliases, None left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class NoInput(CommandInput):
    """An intent without fields (a bare POST)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: the signed-in user of the workstation or the caller of the server."""

    id: str
    roles: tuple[Role, ...]
    skills: tuple[str, ...] = ()

    @classmethod
    def of(cls, user: User | dict) -> Actor:
        if isinstance(user, dict):
            roles = user.get("roles") or []
            return cls(
                str(user["id"]),
                tuple(_roles(roles)),
                tuple(str(s) for s in user.get("skills") or []),
            )
        return cls(user.id, tuple(_roles(user.roles)), tuple(user.skills))

    def has(self, role: Role) -> bool:
        return role in self.roles


def _roles(values: Any) -> list[Role]:
    out = []
    for value in values:
        try:
            out.append(Role(value))
        except ValueError:
            continue  # an unknown role grants nothing
    return out


@dataclass(slots=True)
class CaseState:
    """What a task or case command works on: the case, the task acted on (task intents), every
    task of the case (close, assign) and the SLA policy of the case's queue (escalate)."""

    case: Case
    task: Task | None = None
    tasks: list[Task] = field(default_factory=list)
    queue_policy: str = "priority"
    known_users: frozenset[str] | None = None  # assign: the user ids there are (None: unknown)


@dataclass(slots=True)
class UserWork:
    """What ``reassign`` works on: the open tasks of one user and their cases (by id)."""

    tasks: list[Task]
    cases: dict[str, Case]
    known_users: frozenset[str] | None = None


@dataclass(slots=True)
class QueueWork:
    """What ``tasks/next`` works on: the open tasks of a queue (most urgent first) and cases."""

    queue_id: str
    tasks: list[Task]
    cases: dict[str, Case]


@dataclass(slots=True)
class AppealState:
    """What the appeal intents work on: the case, the appeal resolved (``resolve``), the case's
    appeals (``submit``: one appeal per decision), the case's tasks (``resolve`` completes the
    appeal's review task) and the prefix of the ids the effect makes (the workstation names a
    new appeal ``local-…`` until the server answers; the server uses none)."""

    case: Case
    appeal: Appeal | None = None
    appeals: list[Appeal] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    id_prefix: str = ""


@dataclass(slots=True)
class CallState:
    """What the call intents (after-call work, flag) work on: the call."""

    call: Call


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One audit row the server appends (the workstation leaves auditing to the server)."""

    action: str
    entity: str
    entity_id: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert of shared/API.md "Live events", raised by the effect, published by the server."""

    kind: str
    entity: str
    entity_id: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Result:
    """What an effect returns: new versions of the entities it changed (``primary`` is the one
    the server answers with as ``data``), audit events and alerts. Nothing is written yet."""

    primary: Any
    cases: list[Case] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    audit: list[AuditEvent] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    others: list[Any] = field(default_factory=list)  # appeals, calls (see ``entity_kind``)


_KINDS: dict[type, EntityKind] = {
    Case: EntityKind.CASE,
    Task: EntityKind.TASK,
    Appeal: EntityKind.APPEAL,
    Call: EntityKind.CALL,
    QAReview: EntityKind.QA_REVIEW,
    Checkpoint: EntityKind.CHECKPOINT,
}


def entity_kind(entity: Any) -> EntityKind:
    """The change-feed kind of an entity a command returns."""
    return _KINDS[type(entity)]


Guard = Callable[[Any, Any, Actor, datetime], None]
Effect = Callable[[Any, Any, Actor, datetime], Result]


@dataclass(frozen=True, slots=True)
class Command:
    """One user intent: its input schema, guard and effect, and what docs/ACTIONS.md says."""

    name: str
    action: Action
    path: str  # under /v1, e.g. "/tasks/{id}/actions/approve"
    input: type[CommandInput]
    guard: Guard
    effect: Effect
    who_may: str
    summary: str
    seed_rule: str = ""
    # task | case | user | queue | appeal | call | checkpoint | none: what ``{id}`` names
    # and what If-Match versions
    on: str = "task"
    # What of CaseState the guard/effect reads beyond the case and the task acted on, so the
    # server loads only that: "tasks" (every task of the case), "queue_policy".
    needs: tuple[str, ...] = ()

    TARGETS: ClassVar[tuple[str, ...]] = (
        "task",
        "case",
        "user",
        "queue",
        "appeal",
        "call",
        "checkpoint",
        "none",
    )


def derived_id(prefix: str, *parts: object) -> str:
    """A deterministic id, so the workstation's optimistic entity and the server's are the
    same row (e.g. the task an escalation opens)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


def note(case: Case, actor: Actor, kind: str, body: str, now: datetime, data: Any = None) -> None:
    """Append a timeline entry to ``case``."""
    case.timeline.append(
        TimelineEntry(at=now, actor_id=actor.id, kind=kind, body=body, data=to_wire(data or {}))
    )
