"""Customer identifiers on the server: the one place they are masked (shared/API.md "Customer
identifiers").

Every entity document goes through :func:`protect` on its way into ``entities`` (``storage.put``
and ``storage.bulk_insert``): the full ``resident_id`` / ``account_id`` / ``phone`` /
``card_number`` of its ``customer`` move to the server-only ``customer_pii`` table and the
document keeps them masked (``app.rules.pii.mask_identifier``). Since answers, change-feed rows
and events are all made from stored documents, nothing downstream can send a full value, for
any role. Only ``POST /cases/{id}/unmask`` reads ``customer_pii`` (:func:`full_value`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from app.rules.pii import mask_customer, redact
from server import tables as t

_P = t.customer_pii.c
_KEY = (_P.entity == bindparam("e")) & (_P.entity_id == bindparam("i"))
_DELETE = delete(t.customer_pii).where(_KEY & (_P.field == bindparam("f")))
_INSERT = insert(t.customer_pii)
_GET = select(_P.value).where(_KEY & (_P.field == bindparam("f")))


# Free text people type or say about a customer, in the documents about customers: an
# identifier typed into a note, a comment or an after-call summary is redacted like a spoken one.
TEXT_KINDS = frozenset({"case", "task", "appeal", "call", "qa_review"})
FREE_TEXT_KEYS = frozenset(
    {
        "note",
        "body",
        "summary",
        "follow_up",
        "comment",
        "reason",
        "resolution",
        "improvement_advice",
        "message",
        "recommendation",
        "context",
        "impact",
        "text",
    }
)


def redact_free_text(value: Any) -> Any:
    """``value`` with every free-text field (at any depth) redacted; the same object when
    nothing changed."""
    if isinstance(value, dict):
        out, changed = {}, False
        for key, item in value.items():
            if key in FREE_TEXT_KEYS and isinstance(item, str) and item:
                new = redact(item)[0]
            else:
                new = redact_free_text(item)
            changed |= new is not item
            out[key] = new
        return out if changed else value
    if isinstance(value, list):
        items = [redact_free_text(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def split(data: dict[str, Any], kind: str = "") -> tuple[dict[str, Any], dict[str, str]]:
    """(the document with its customer's identifiers masked and free text redacted, the full
    identifiers taken out)."""
    if kind in TEXT_KINDS:
        data = redact_free_text(data)
    customer = data.get("customer")
    if not isinstance(customer, dict):
        return data, {}
    masked, full = mask_customer(customer)
    if not full:
        return data, {}
    return {**data, "customer": masked}, full


def protect(session: Session, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """Mask ``data``'s identifiers; keep the full values in ``customer_pii``."""
    masked, full = split(data, kind)
    if full:
        for field, value in full.items():
            params = {"e": kind, "i": data["id"], "f": field}
            session.execute(_DELETE, params)
            session.execute(
                _INSERT,
                {"entity": kind, "entity_id": data["id"], "field": field, "value": value},
            )
    return masked


def protect_many(kind: str, items: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    """Bulk form for new entities: (masked documents, ``customer_pii`` rows)."""
    docs, rows = [], []
    for item in items:
        masked, full = split(item, kind)
        docs.append(masked)
        rows.extend(
            {"entity": kind, "entity_id": item["id"], "field": f, "value": v}
            for f, v in full.items()
        )
    return docs, rows


def full_value(session: Session, kind: str, entity_id: str, field: str) -> str | None:
    return session.execute(_GET, {"e": kind, "i": entity_id, "f": field}).scalar()


def all_full_values(session: Session) -> list[str]:
    """Every full identifier held (tests search answers for them literally)."""
    return [r[0] for r in session.execute(select(_P.value))]
