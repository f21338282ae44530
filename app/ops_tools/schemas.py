"""Typed arguments and answers of the ten read-only diagnostic tools (seed 003 ChatOps).

Pydantic models, so each tool's schema is JSON Schema already (``model_json_schema()``): the
same documents an LLM with function calling would be given (README "ChatOps"). Every answer
carries, besides its own typed fields, a ``table`` (columns + rows, what the workstation shows
and ``dosctl`` prints), an optional ``series`` (a small chart) and ``proposals``: a fix a tool
suggests is a record that needs a person's approval, never an action the tool takes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Name = Field(default=None, min_length=1, max_length=64)


class Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoArgs(Args):
    pass


class WindowArgs(Args):
    hours: int = Field(default=4, ge=1, le=168, description="look-ahead / look-back in hours")
    queue: str | None = Field(default=None, min_length=1, max_length=64, description="queue id")


class AlertArgs(Args):
    hours: int = Field(default=24, ge=1, le=168, description="look-back in hours")
    kind: str | None = Field(default=None, min_length=1, max_length=32)


class SkillArgs(Args):
    skill: str | None = Field(default=None, min_length=1, max_length=64, description="queue id")


class SlaArgs(Args):
    target_percent: float = Field(default=90.0, ge=0, le=100)


class SyncArgs(Args):
    client_cursor: str | None = Field(
        default=None, min_length=1, max_length=512, description="the workstation's feed cursor"
    )


class Table(BaseModel):
    columns: list[str] = Field(default_factory=list, max_length=20)
    rows: list[list[str | int | float | bool | None]] = Field(default_factory=list)


class Series(BaseModel):
    label: str
    x: list[str] = Field(default_factory=list)
    y: list[float] = Field(default_factory=list)


class Proposal(BaseModel):
    """A fix a tool suggests: recorded, shown, and only applied by a person who approves it."""

    action: str
    target: str
    reason_en: str
    reason_ko: str
    status: Literal["needs_approval"] = "needs_approval"


class Answer(BaseModel):
    summary_en: str = ""
    summary_ko: str = ""
    table: Table = Field(default_factory=Table)
    series: Series | None = None
    proposals: list[Proposal] = Field(default_factory=list)


class ServiceHealth(Answer):
    database_ok: bool
    dialect: str
    leader: bool
    instance: str
    scheduler_last_run: str | None
    subscribers: int
    instances: list[str]


class SyncState(Answer):
    head_seq: int
    client_seq: int | None
    lag: int | None
    failed_recent: int


class CacheState(Answer):
    server_rows: dict[str, int]
    total_rows: int


class QueueHealth(Answer):
    hours: int
    waiting: int
    breaching: int


class BreachingCases(Answer):
    hours: int
    count: int


class Availability(Answer):
    skills: int
    available: int


class SlaToday(Answer):
    target_percent: float
    compliance_percent: float | None
    meets_target: bool | None


class ScheduledJobs(Answer):
    last_run: str | None
    next_run: str | None
    failures: int


class RecentAlerts(Answer):
    hours: int
    total: int
    by_kind: dict[str, int]


class AuditStatus(Answer):
    verified: bool
    rows: int
    head_hash: str | None
    problem: str | None
