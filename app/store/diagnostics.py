"""The workstation's own half of the ChatOps ``sync_state`` and ``cache_state`` answers (seed
003): what only the local store knows — the outbox (pending, failed and why), the feed cursor,
the store file's size, rows per entity and the offline search index. Read-only.

Each returns ``(summary_en, summary_ko, columns, rows)`` so the page and ``dosctl`` add it to
the server's answer as a second table."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text

from app.store.local_models import OutboxRow
from app.store.models import Base, QueueRow, UserRow
from app.store.outbox import FAILED
from app.store.store import Store
from app.store.sync_state import get_cursor

Local = tuple[str, str, list[str], list[list]]


def cursor(store: Store) -> str | None:
    with store.session() as s:
        return get_cursor(s)


def local_sync(store: Store) -> Local:
    """Outbox rows pending and failed (with the server's code and detail), last errors first."""
    with store.session() as s:
        grouped = select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
        counts = {status: int(n) for status, n in s.execute(grouped).all()}
        failed = list(
            s.execute(
                select(OutboxRow)
                .where(OutboxRow.status.in_([f.value for f in FAILED]))
                .order_by(OutboxRow.updated_at.desc())
                .limit(10)
            ).scalars()
        )
    pending = int(counts.get("pending", 0)) + int(counts.get("inflight", 0))
    bad = sum(int(counts.get(f.value, 0)) for f in FAILED)
    rows = [["pending", pending, ""], ["failed", bad, ""]]
    for row in failed:
        problem = row.problem or {}
        reason = f"{problem.get('code', '')}: {problem.get('detail', '')}".strip(": ")
        rows.append([row.intent, row.status, reason[:200]])
    return (
        f"this workstation: {pending} action(s) waiting to sync, {bad} failed",
        f"이 워크스테이션: 동기화 대기 {pending}건, 반영 실패 {bad}건",
        ["item", "value", "reason"],
        rows,
    )


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def local_cache(store: Store) -> Local:
    """Store file size (with its WAL), rows per synced table, search index rows vs articles."""
    rows: list[list] = []
    with store.session() as s:
        for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
            count = s.execute(select(func.count()).select_from(table)).scalar()
            rows.append([table.name, int(count or 0)])
        fts = int(s.execute(text("SELECT count(*) FROM knowledge_fts")).scalar() or 0)
    articles = next((n for name, n in rows if name == "knowledge_articles"), 0)
    index_ok = fts == articles
    rows.append(["knowledge_fts", fts])
    size = _size(store.path)
    mib = size / 1024 / 1024
    return (
        f"this workstation: store {mib:.1f} MiB, search index "
        + ("complete" if index_ok else f"{fts} of {articles} articles"),
        f"이 워크스테이션: 저장소 {mib:.1f} MiB, 오프라인 검색 색인 "
        + ("정상" if index_ok else f"{articles}건 중 {fts}건"),
        ["table", "rows"],
        rows,
    )


def display_names(store: Store) -> dict[str, dict[str, str]]:
    """Queue and user display names by id, so answers show names, never raw ids."""
    with store.session() as s:
        queues = {i: n for i, n in s.execute(select(QueueRow.id, QueueRow.name)).all() if n}
        users = {i: n for i, n in s.execute(select(UserRow.id, UserRow.display_name)).all() if n}
    return {"queue": queues, "user": users}
