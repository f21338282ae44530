"""GET /v1/changes — the pull feed, plus its compaction.

The cursor is opaque: base64url of ``{"db": <database id>, "seq": n}``. A cursor that does not
decode, names another database, is below the compaction floor or beyond the newest seq answers
``reset: true`` and the feed from the beginning (after compaction that is the current state:
only superseded rows and old tombstones are ever removed).

On PostgreSQL a page is read in one REPEATABLE READ snapshot and holds only seqs below its xmin
horizon (server/feed_seq.py): a change still being committed, whatever its seq, comes in a later
page, after everything this page served. ``remaining`` counts the rows after the page that this
snapshot could serve.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Text, func, select, text, type_coerce

from app.domain.wire import format_time
from server import feed_seq, storage
from server import tables as t
from server.auth import current_user
from server.storage import ServerDB

router = APIRouter(tags=["sync"])
log = logging.getLogger(__name__)
_ROW = (
    t.changes.c.seq,
    t.changes.c.kind,
    t.changes.c.id,
    t.changes.c.op,
    t.changes.c.version,
    type_coerce(t.changes.c.data, Text).label("data"),  # decoded row by row: see _data
)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# json.loads' C scanner; the float hook costs next to nothing (few floats per document), the
# constant hook runs only on NaN / Infinity.
_STRICT = json.JSONDecoder(parse_float=_finite, parse_constant=_refuse_constant)


def _data(row: Any) -> Any:
    """A change row's document. SQLite hands the stored text over and it is decoded here, row
    by row, so one row that is not JSON or holds a number JSON cannot carry (``NaN``,
    ``1e999``; written around the API) is sent as its text — which every client keeps aside
    as not an entity — instead of failing the feed for everyone."""
    raw = row.data
    if not isinstance(raw, str):
        return raw  # PostgreSQL's driver decodes json itself (and never stores bad JSON)
    try:
        return _STRICT.decode(raw)
    except (ValueError, RecursionError):
        log.error("change %s (%s %s) is not JSON; sent as text", row.seq, row.kind, row.id)
        return raw


def encode_cursor(db_id: str, seq: int) -> str:
    raw = json.dumps({"db": db_id[:16], "seq": seq}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, db_id: str) -> int | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        seq = data["seq"]
        if data["db"] != db_id[:16] or not isinstance(seq, int) or seq < 0:
            return None
        return seq
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None


def compact(db: ServerDB, keep: int) -> int:
    """Drop superseded change rows and tombstones older than the newest ``keep`` rows; returns
    the new floor (cursors below it answer reset)."""
    c = t.changes.c
    with db.session() as s:
        feed_seq.lock(s, feed_seq.COMPACT_LOCK)
        # the seq ``keep`` rows below the newest (seqs are sparse on PostgreSQL)
        below = select(c.seq).order_by(c.seq.desc()).offset(keep).limit(1)
        top = s.execute(below).scalar() or 0
        floor = max(int(top), int(storage.get_meta(s, "feed_floor", "0")))
        s.execute(
            text(
                "DELETE FROM changes WHERE seq <= :floor AND (op = 'delete' OR EXISTS ("
                "SELECT 1 FROM changes AS newer WHERE newer.kind = changes.kind "
                "AND newer.id = changes.id AND newer.seq > changes.seq))"
            ),
            {"floor": floor},
        )
        storage.set_meta(s, "feed_floor", str(floor))
        s.commit()
    return floor


HORIZON_WAIT_S = 1.0  # how long a pull waits for changes committed behind an open transaction
_HORIZON_POLL_S = 0.005


@router.get("/changes", summary="Pull the change feed")
def changes(
    request: Request,
    user: Annotated[dict, Depends(current_user)],
    since: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> dict:
    """One page. On PostgreSQL, when changes have committed but a transaction that began
    before them is still open (so the horizon holds them back), the pull waits for it — up to
    ``HORIZON_WAIT_S`` — so a pull woken by their ``change`` event gets them."""
    db: ServerDB = request.app.state.db
    now = request.app.state.config.clock()
    deadline = time.monotonic() + HORIZON_WAIT_S
    while True:
        page, held_back = _page(db, since, limit)
        if not held_back or time.monotonic() >= deadline:
            break
        time.sleep(_HORIZON_POLL_S)
    return {**page, "server_time": format_time(now)}


def _page(db: ServerDB, since: str | None, limit: int) -> tuple[dict, bool]:
    """The page after ``since`` in one snapshot, and whether committed changes past the cursor
    are held back by the horizon (PostgreSQL)."""
    c = t.changes.c
    with db.read() as s:
        safe = None  # PostgreSQL: the snapshot's horizon (server/feed_seq.py)
        if db.is_sqlite:
            newest = None
        else:  # the first statement takes the snapshot, the horizon is the snapshot's own
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            head = select(feed_seq.horizon_expr(), func.max(c.seq))
            safe, newest = s.execute(head).one()
        servable = c.seq < safe if safe is not None else c.seq.is_not(None)
        top_stmt = select(func.coalesce(func.max(c.seq), 0)).where(servable)
        top = int(s.execute(top_stmt).scalar_one())
        floor = int(storage.get_meta(s, "feed_floor", "0"))
        reset = False
        start = 0
        if since:
            seq = decode_cursor(since, db.db_id)
            if seq is None or seq < floor or seq > top:
                reset = True
            else:
                start = seq
        rows = s.execute(
            select(*_ROW).where(c.seq > start, servable).order_by(c.seq).limit(limit + 1)
        ).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1].seq if rows else start
        remaining = (
            int(s.execute(select(func.count()).where(c.seq > last, servable)).scalar_one())
            if has_more
            else 0
        )  # the client's first start shows "loading N of M"
    held_back = not has_more and newest is not None and newest >= safe and newest > start
    page = {
        "changes": [
            {
                "seq": r.seq,
                "entity": r.kind,
                "id": r.id,
                "op": r.op,
                "version": r.version,
                "data": _data(r),
            }
            for r in rows
        ],
        "cursor": encode_cursor(db.db_id, last),
        "has_more": has_more,
        "remaining": remaining,
        "reset": reset,
    }
    return page, held_back
