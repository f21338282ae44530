"""Schema version and upgrade steps.

``STEPS[n - 1]`` brings a file from version ``n - 1`` to ``n``; a new file runs every step from
the start, an older file only the steps it lacks, each step in its own transaction together with
the new version number. Version 1 creates every table of the models plus the FTS5 index. From
version 2 on, a change is written in its own step (DDL that is also safe on a fresh file), never
only in the models, so old and new files end up with the same schema.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from app.store import local_models  # noqa: F401  (registers the local tables on Base)
from app.store.models import Base
from app.store.stats import ANALYSIS_LIMIT

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_fts USING fts5("
    "article_id UNINDEXED, tokens, tokenize='unicode61')"
)


def _v1_create_all(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    conn.execute(text(FTS_DDL))


def _v2_customer_sort_index(conn: Connection) -> None:
    """Sorting the inbox by customer name uses an index (name, id)."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_cases_customer ON cases (customer_name, id)"))


def _v3_status_queue_index(conn: Connection) -> None:
    """Sorting the inbox by status or queue uses an index."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_cases_status_id ON cases (status, id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_cases_queue_id ON cases (queue_id, id)"))


def _v4_generated_table(conn: Connection) -> None:
    """Generated content (seed 003) gets its own table, the change feed's ``generated`` kind.

    Files of earlier versions kept such items in ``approvals`` marked ``subject =
    "generated_content"``; they move over (marker dropped), and outbox rows about them now name
    the ``generated`` kind."""
    from app.domain.enums import EntityKind
    from app.store.extract import columns
    from app.store.models import ApprovalRow, GeneratedRow

    GeneratedRow.__table__.create(conn, checkfirst=True)
    approvals = ApprovalRow.__table__
    marked = approvals.c.data["subject"].as_string() == "generated_content"
    rows = conn.execute(
        select(
            approvals.c.id, approvals.c.version, approvals.c.data, approvals.c.server_data
        ).where(marked)
    ).all()
    for row in rows:
        data = {k: v for k, v in row.data.items() if k != "subject"}
        server = row.server_data
        if server is not None:
            server = {k: v for k, v in server.items() if k != "subject"}
        values = {**columns(EntityKind.GENERATED, data), "version": row.version}
        conn.execute(
            GeneratedRow.__table__.insert().values(id=row.id, server_data=server, **values)
        )
        conn.execute(approvals.delete().where(approvals.c.id == row.id))
        conn.execute(
            text(
                "UPDATE outbox SET entity_kind = 'generated' "
                "WHERE entity_kind = 'approval' AND entity_id = :id"
            ),
            {"id": row.id},
        )


def _v5_feed_quarantine(conn: Connection) -> None:
    """Feed entries the client cannot apply are kept aside in ``feed_quarantine`` instead of
    stopping the sync (``app.store.quarantine``)."""
    from app.store.local_models import FeedQuarantineRow

    FeedQuarantineRow.__table__.create(conn, checkfirst=True)


def _v6_mask_identifiers(conn: Connection) -> None:
    """Files synced before the server masked customer identifiers held them whole: mask them in
    cases and calls (``data`` and ``server_data``), redact transcripts stored before the server
    redacted them, and zero what is freed (``secure_delete``), so no old value survives in a
    free page; :func:`upgrade` then checkpoints the WAL into the file and truncates it."""
    from app.rules.pii import mask_customer, redact_wire_segment
    from app.store.local_models import CallSegmentRow
    from app.store.models import CallRow, CaseRow

    conn.exec_driver_sql("PRAGMA secure_delete = ON")
    for table in (CaseRow.__table__, CallRow.__table__):
        rows = conn.execute(select(table.c.id, table.c.data, table.c.server_data)).all()
        for row in rows:
            values = {}
            for name, doc in (("data", row.data), ("server_data", row.server_data)):
                if isinstance(doc, dict) and isinstance(doc.get("customer"), dict):
                    masked, full = mask_customer(doc["customer"])
                    if full:
                        values[name] = {**doc, "customer": masked}
            if values:
                conn.execute(table.update().where(table.c.id == row.id).values(**values))
    segments = CallSegmentRow.__table__
    for row in conn.execute(select(segments.c.id, segments.c.data)).all():
        try:
            clean = redact_wire_segment(row.data)
        except (ValueError, TypeError, KeyError):
            continue
        if clean != row.data:
            conn.execute(segments.update().where(segments.c.id == row.id).values(data=clean))


def _v7_acw_drafts(conn: Connection) -> None:
    """After-call work drafts are kept in the store (``app.store.acw_drafts``)."""
    from app.store.local_models import AcwDraftRow

    AcwDraftRow.__table__.create(conn, checkfirst=True)


def _v8_active_indexes(conn: Connection) -> None:
    """Partial indexes over active cases, one per sort of the inbox (``app.store.active``): at
    1 000 000 cases a sorted page of active cases no longer sorts all of them.

    A file whose first pull still holds its indexes back (``app.store.bulk_load``) gets them
    when that pull restores the others. A file with planner statistics has them made again
    (sampled, as ``app.store.stats`` does; < 1 s at 1 000 000 cases), so the planner weighs the
    new indexes from the first query with the same sample as the old ones. Building the indexes
    reads every case row once per index, on the first open after the update: 8 s at 100 000
    cases, 1–1.5 min at 1 000 000 (load 11-13 on 2 cores; the file grows ~10 %)."""
    from app.store.bulk_load import indexes_held
    from app.store.models import active_sort_indexes

    if indexes_held(conn):
        return
    analyzed = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
    ).scalar()
    for index in active_sort_indexes():
        index.create(conn, checkfirst=True)
    if analyzed:
        conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")


STEPS: list[Callable[[Connection], None]] = [
    _v1_create_all,
    _v2_customer_sort_index,
    _v3_status_queue_index,
    _v4_generated_table,
    _v5_feed_quarantine,
    _v6_mask_identifiers,
    _v7_acw_drafts,
    _v8_active_indexes,
]
SCRUB_VERSION = 6  # the step after which old pages must leave the WAL and the file
LATEST = len(STEPS)


def current_version(conn: Connection) -> int:
    """The version stamped in the file; 0 for an empty file."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(text("SELECT version FROM schema_version WHERE id = 1")).scalar()
    return int(value or 0)


def _stamp(conn: Connection, version: int) -> None:
    conn.execute(
        text(
            "INSERT INTO schema_version (id, version) VALUES (1, :v) "
            "ON CONFLICT(id) DO UPDATE SET version = excluded.version"
        ),
        {"v": version},
    )


def step_name(number: int) -> str:
    """The name of step ``number`` (1-based): its function's name without ``_vN_``
    (``_v8_active_indexes`` -> ``"active_indexes"``); the UI describes a step by it."""
    return STEPS[number - 1].__name__.lstrip("_").partition("_")[2]


def pending_steps(engine: Engine) -> list[str]:
    """The names of the steps the file still needs, in order, read without changing it: empty
    for a current file, and for a new (empty) file, whose create-all is quick; empty too for a
    file newer than this app (:func:`upgrade` refuses that one)."""
    with engine.connect() as conn:
        version = current_version(conn)
    if version == 0:
        return []
    return [step_name(n) for n in range(version + 1, LATEST + 1)]


OnStep = Callable[[int, int, str], None]
"""``on_step(done, total, name)``: called before each step, from the thread running it."""


def upgrade(engine: Engine, target: int = LATEST, on_step: OnStep | None = None) -> int:
    """Run the missing steps up to ``target``; returns the version the file is now at.

    Each step commits in one transaction with its version stamp, so a step that fails or is cut
    off (the process killed) leaves the file at the version before it, as it was. ``on_step``,
    if given, is called as ``on_step(done, total, name)`` before each step (``done`` steps of
    ``total`` finished so far)."""
    if not 0 <= target <= LATEST:
        raise ValueError(f"unknown schema version {target}")
    with engine.connect() as conn:
        version = current_version(conn)
    if version > LATEST:
        raise RuntimeError(f"store file is version {version}, newer than this app ({LATEST})")
    numbers = range(version + 1, target + 1)
    for done, number in enumerate(numbers):
        if on_step is not None:
            on_step(done, len(numbers), step_name(number))
        with engine.begin() as conn:
            STEPS[number - 1](conn)
            _stamp(conn, number)
    if 0 < version < SCRUB_VERSION <= target:  # an old file was scrubbed: no old page stays
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return max(version, target)
