"""Seeding's fast path: many new entities and their change rows in one transaction.

Re-exported by :mod:`server.storage` as ``storage.bulk_insert``."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from app.domain.enums import EntityKind
from app.domain.wire import format_time, parse_time
from server import pii
from server import tables as t
from server.storage import ServerDB, _index_columns, _kind, _naive, _seq_taken, next_seq, next_seqs


def bulk_insert(
    db: ServerDB, kind: EntityKind | str, items: list[dict], *, now: datetime | None = None
) -> int:
    """Fast path for seeding: new entities (version 1) and their change rows, one transaction,
    executemany. Returns the last seq written."""
    k = _kind(kind)
    stamp = format_time(now or datetime.now(UTC))
    items, pii_rows = pii.protect_many(k, items)  # the one place identifiers are masked
    with db.session() as s:
        if s.info.get("pg"):  # seqs of server/feed_seq.py, in order
            seqs = next_seqs(s, len(items)) if items else []
        else:
            base = next_seq(s, t.changes.c.seq)
            seqs = list(range(base, base + len(items)))
        ents, chg = [], []
        for i, item in enumerate(items):
            data = {**item, "version": 1, "updated_at": item.get("updated_at") or stamp}
            ents.append(
                {
                    "kind": k,
                    "id": data["id"],
                    "version": 1,
                    "updated_at": _naive(parse_time(data["updated_at"])),
                    "data": data,
                    **_index_columns(data),
                }
            )
            chg.append(
                {
                    "seq": seqs[i],
                    "kind": k,
                    "id": data["id"],
                    "op": "upsert",
                    "version": 1,
                    "data": data,
                }
            )
        for start in range(0, len(ents), 5000):
            s.execute(insert(t.entities), ents[start : start + 5000])
            s.execute(insert(t.changes), chg[start : start + 5000])
        for start in range(0, len(pii_rows), 5000):
            s.execute(insert(t.customer_pii), pii_rows[start : start + 5000])
        last = seqs[-1] if seqs else 0
        if not s.info.get("pg") and seqs:
            _seq_taken(s, t.changes.c.seq, last)
        s.commit()
    return last
