"""SQLAlchemy Core tables of the reference server: document-style entities plus the change feed,
idempotency records, users and tokens, the hash-chained audit log, alerts and call segments."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

entities = Table(
    "entities",
    metadata,
    Column("kind", String(32), primary_key=True),
    Column("id", String(128), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("data", JSON, nullable=False),
    Column("status", String(32)),
    Column("queue_id", String(128)),
    Column("assignee_id", String(128)),
    Column("priority", String(8)),
    Column("due_at", DateTime),
    Index("ix_entities_kind_status_queue", "kind", "status", "queue_id"),
    Index("ix_entities_kind_assignee", "kind", "assignee_id"),
    Index("ix_entities_kind_due", "kind", "due_at"),
)

changes = Table(
    "changes",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("kind", String(32), nullable=False),
    Column("id", String(128), nullable=False),
    Column("op", String(8), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", JSON),
    Index("ix_changes_kind_id", "kind", "id"),
)

idempotency = Table(
    "idempotency",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("user", String(128), primary_key=True),
    Column("method", String(8), nullable=False),
    Column("path", String(500), nullable=False),
    Column("body_hash", String(64), nullable=False),
    Column("status", Integer),
    Column("response", JSON),
    Column("state", String(16), nullable=False),  # in_progress | done
    Column("created_at", DateTime, nullable=False),
    Index("ix_idempotency_created", "created_at"),  # the retention purge
)

# Failed logins per username and per client address (server/throttle.py); ``key`` is a sha256.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("strikes", Integer, nullable=False),
    Column("last_failure", DateTime, nullable=False),
    Column("locked_until", DateTime),
)

users = Table(
    "users",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("username", String(128), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("display_name", String(255), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("skills", JSON, nullable=False),
    Column("approval_level", String(32)),
    Column("data", JSON, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(128), nullable=False, index=True),
    Column("expires_at", DateTime, nullable=False),
)


def _event_columns() -> list[Column]:
    """What an audit event holds, chained (``audit``) or not yet (``audit_pending``)."""
    return [
        Column("at", DateTime, nullable=False),
        Column("actor", String(128), nullable=False),
        Column("action", String(64), nullable=False),
        Column("entity", String(32), nullable=False),
        Column("entity_id", String(128), nullable=False),
        Column("data", JSON, nullable=False),
    ]


audit = Table(
    "audit",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    *_event_columns(),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_entity", "entity", "entity_id"),
)

# Audit events committed with their mutation but not chained yet (PostgreSQL only,
# server/audit_chainer.py): ``id`` orders them for the chainer, which moves them into ``audit``.
audit_pending = Table(
    "audit_pending",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    *_event_columns(),
)

# Signed points of the audit chain, apart from its rows (server/audit_anchor.py): ``head`` (the
# last appended row) and ``verified`` (how far GET /audit/verify has checked); ``mac`` is an
# HMAC-SHA256 of (name, seq, hash) with a key held outside the database.
audit_anchor = Table(
    "audit_anchor",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("mac", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("data", JSON, nullable=False),
)

# Live events when several instances serve one PostgreSQL (server/pg_events.py): ids in commit
# order, the JSON line as sent, the time it was published (for retention).
events = Table(
    "events",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("type", String(32), nullable=False),
    Column("data", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

segments = Table(
    "segments",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("call_id", String(128), nullable=False),
    Column("segment_key", String(200), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_segments_call_key", "call_id", "segment_key", unique=True),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Full customer identifiers, server-only: entity documents (and so the change feed, every
# answer and every event) hold them masked; only POST /cases/{id}/unmask reads this table.
customer_pii = Table(
    "customer_pii",
    metadata,
    Column("entity", String(32), primary_key=True),
    Column("entity_id", String(128), primary_key=True),
    Column("field", String(32), primary_key=True),
    Column("value", String(255), nullable=False),
)

# Unmask calls per user (rate limit): rows in the database, so every instance sees them.
unmask_log = Table(
    "unmask_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("user_id", String(128), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_unmask_log_user_at", "user_id", "at"),
)

# Operations reports generated by the scheduler (server/jobs/reports.py): daily / weekly /
# monthly, id "daily-2026-11-23", "weekly-2026-11-23" (its Monday), "monthly-2026-11".
ops_reports = Table(
    "ops_reports",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("period", String(16), nullable=False),
    Column("start", DateTime, nullable=False),
    Column("end", DateTime, nullable=False),
    Column("generated_at", DateTime, nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_ops_reports_period_start", "period", "start"),
)

# The HR knowledge graph's tables (seed 002, docs/HR_GRAPH.md) join this metadata.
from server.hr import tables as _hr_tables  # noqa: E402,F401  (registers hr_* tables)
