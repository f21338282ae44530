"""Store files as an older version of the app wrote them, built through the real schema steps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.cases import Case
from app.store import schema
from app.store.apply import apply_changes
from app.store.bulk_load import hold_indexes
from app.store.models import ACTIVE_SORT_INDEXES
from app.store.store import make_engine
from tests.unit.store import builders as b

ACTIVE_NAMES = {f"ix_cases_active_{name}" for name in ACTIVE_SORT_INDEXES}


def version_7_file(path: Path, cases: Sequence[Case] = (), held: bool = False) -> None:
    """A file as version 7 wrote it: ``cases``, planner statistics, no ``ix_cases_active_*``
    (``held``: a first pull cut off half-way, its indexes held back)."""
    engine = make_engine(path)
    assert schema.upgrade(engine, target=7) == 7
    with engine.begin() as conn:
        for name in ACTIVE_NAMES:  # version 1's create_all now declares them too
            conn.execute(text(f'DROP INDEX IF EXISTS "{name}"'))
    with Session(engine) as session, session.begin():
        apply_changes(session, b.page(b.queue("credit_review", "신용 심사")))
        if cases:
            apply_changes(session, b.page(*cases))
        if held:
            hold_indexes(session)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
