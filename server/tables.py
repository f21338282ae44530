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

audit = Table(
    "audit",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("at", DateTime, nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("data", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_entity", "entity", "entity_id"),
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
