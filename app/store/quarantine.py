"""Feed entries this client cannot apply, kept aside so that they never stop the sync.

A server row this client cannot store (an integer past SQLite's signed 64 bits, ``data`` that is
not an object, a nested part of the wrong shape, a time that does not parse) used to fail the
whole page, so every later pull, login and ``dosctl cases show`` failed on it too.
``app.store.apply`` now refuses such an entry on its own and the rest of the page and its
cursor go on; the entry is written here (``feed_quarantine``, one row per entity: seq, version,
reason code, the field, a detail, the raw text of its ``data``) and listed on the Sync
problems page and by ``dosctl status``. When a later version of the same entity applies, or the
feed resets, its row is removed.

Only the entity, id, seq and reason code are logged — never the raw text or a value, which may
carry customer data.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from app.domain.enums import EntityKind
from app.store.extract import MODELS
from app.store.local_models import FeedQuarantineRow

log = logging.getLogger(__name__)

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
RAW_LIMIT = 1 << 20  # characters of an entry's text kept (the server's own body bound)

# reason codes (shown translated on the Sync problems page, as is by dosctl)
NOT_AN_OBJECT = "not_an_object"
INTEGER_OUT_OF_RANGE = "integer_out_of_range"
BAD_SHAPE = "bad_shape"
BAD_VALUE = "bad_value"
MISSING_FIELD = "missing_field"
REASONS = (NOT_AN_OBJECT, INTEGER_OUT_OF_RANGE, BAD_SHAPE, BAD_VALUE, MISSING_FIELD)

# What an entry's own content can raise while it is read, bound or stored. Anything else (a
# locked or full database, a closed connection) is not the entry's fault and stops the page.
_ENTRY_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    OverflowError,
    sqlite3.IntegrityError,
    sqlite3.ProgrammingError,
    sqlite3.DataError,
)


def is_entry_error(exc: BaseException) -> bool:
    """Whether ``exc`` comes from one entry's content (see ``_ENTRY_ERRORS``)."""
    if isinstance(exc, StatementError) and exc.orig is not None:
        exc = exc.orig
    return isinstance(exc, _ENTRY_ERRORS)


class ColumnError(ValueError):
    """A typed column's value that its type could not bind (e.g. a malformed time)."""

    def __init__(self, column: str, cause: BaseException) -> None:
        super().__init__(f"{column}: {type(cause).__name__}")
        self.column = column
        self.cause = cause


@dataclass(frozen=True, slots=True)
class Refusal:
    """One entry not applied: what it was and why."""

    entity: str
    entity_id: str
    seq: int | None
    version: int | None
    reason: str
    field: str | None
    detail: str
    raw: str


def _out_of_range(value: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    if type(value) is int:
        if not INT64_MIN <= value <= INT64_MAX:
            yield ".".join(path) or "data"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _out_of_range(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _out_of_range(item, (*path, str(index)))


def diagnose(change: dict[str, Any], exc: BaseException) -> tuple[str, str | None, str]:
    """(reason code, the field(s) at fault or None, detail) for an entry that raised ``exc``.
    Neither names a value."""
    if isinstance(exc, StatementError) and exc.orig is not None:
        exc = exc.orig
    data = change.get("data")
    if change.get("op") != "delete" and not isinstance(data, dict):
        return NOT_AN_OBJECT, "data", f"data is {_json_type(data)}, not an object"
    if isinstance(exc, ColumnError):  # a typed column's bind refused its value
        return BAD_VALUE, exc.column, f"{exc.column}: {_name(exc.cause)}"
    fields = list(_out_of_range(data))
    if _int_out_of_range(change.get("version")):
        fields.insert(0, "version")
    if fields:
        named = ", ".join(fields[:5])
        return INTEGER_OUT_OF_RANGE, named, f"outside signed 64-bit: {named}"
    if isinstance(exc, KeyError) and exc.args:
        return MISSING_FIELD, str(exc.args[0]), f"missing {exc.args[0]!s}"
    if isinstance(exc, KeyError):
        return MISSING_FIELD, None, "missing field"
    if isinstance(exc, AttributeError | TypeError | IndexError):
        return BAD_SHAPE, None, f"a part has the wrong type ({_name(exc)})"
    return BAD_VALUE, None, _name(exc)


def _int_out_of_range(value: Any) -> bool:
    return type(value) is int and not INT64_MIN <= value <= INT64_MAX


def _name(exc: BaseException) -> str:
    return type(exc).__name__


def _json_type(value: Any) -> str:
    names = {type(None): "null", bool: "a boolean", str: "a string", list: "an array"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "unknown")


def raw_text(change: dict[str, Any]) -> str:
    """The entry's ``data`` as the feed sent it (else re-encoded), at most :data:`RAW_LIMIT`."""
    text = change.get("data_text")
    if not isinstance(text, str):
        try:
            text = json.dumps(change.get("data"), ensure_ascii=False)
        except (TypeError, ValueError):
            text = repr(change.get("data"))
    return text if len(text) <= RAW_LIMIT else text[:RAW_LIMIT] + "…"


def refusal(entity: str, entity_id: str, change: dict[str, Any], exc: BaseException) -> Refusal:
    reason, field, detail = diagnose(change, exc)
    seq, version = change.get("seq"), change.get("version")
    log.warning(
        "feed entry not applied, kept aside: %s %s seq %s (%s)", entity, entity_id, seq, reason
    )
    return Refusal(
        entity,
        entity_id,
        seq if type(seq) is int and not _int_out_of_range(seq) else None,
        version if type(version) is int and not _int_out_of_range(version) else None,
        reason,
        field,
        detail,
        raw_text(change),
    )


def keep_aside(session: Session, refusals: Iterable[Refusal], now: datetime | None) -> int:
    """Write (or replace) one quarantine row per refused entity; returns how many."""
    count = 0
    for r in refusals:
        values = {
            "entity": r.entity,
            "entity_id": r.entity_id,
            "seq": r.seq,
            "version": r.version,
            "reason": r.reason,
            "field": r.field,
            "detail": r.detail,
            "raw": r.raw,
            "seen_at": now,
        }
        stmt = insert(FeedQuarantineRow).values(values)
        update = {k: stmt.excluded[k] for k in values if k not in ("entity", "entity_id")}
        session.execute(
            stmt.on_conflict_do_update(index_elements=["entity", "entity_id"], set_=update)
        )
        count += 1
    return count


def quarantined_keys(session: Session) -> set[tuple[str, str]]:
    """(entity, id) of every entry kept aside: few or none, read once per page."""
    return {
        (e, i)
        for e, i in session.execute(
            select(FeedQuarantineRow.entity, FeedQuarantineRow.entity_id)
        ).all()
    }


def release(session: Session, keys: Iterable[tuple[str, str]]) -> int:
    """Remove the rows of entities that have since applied (or were deleted)."""
    keys = list(keys)
    if not keys:
        return 0
    columns = tuple_(FeedQuarantineRow.entity, FeedQuarantineRow.entity_id)
    return session.execute(delete(FeedQuarantineRow).where(columns.in_(keys))).rowcount


def release_superseded(session: Session) -> int:
    """Remove the rows of entities the store now holds at the refused version or later (e.g.
    written from the server's answer to an action of ours)."""
    gone = []
    for row in list_entries(session):
        try:
            model = MODELS[EntityKind(row.entity)]
        except (ValueError, KeyError):
            continue
        stored = session.execute(
            select(model.version).where(model.id == row.entity_id)
        ).scalar_one_or_none()
        if row.version is not None and stored is not None and stored >= row.version:
            gone.append((row.entity, row.entity_id))
    return release(session, gone)


def release_all(session: Session) -> None:
    """Every entry is sent again after a feed reset."""
    session.execute(delete(FeedQuarantineRow))


def count(session: Session) -> int:
    return len(quarantined_keys(session))


def list_entries(session: Session) -> list[FeedQuarantineRow]:
    """Every entry kept aside, newest first (detached-safe: plain column values)."""
    stmt = select(FeedQuarantineRow).order_by(
        FeedQuarantineRow.seq.desc(), FeedQuarantineRow.id.desc()
    )
    return list(session.execute(stmt).scalars())
