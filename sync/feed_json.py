"""Decoding a ``GET /v1/changes`` body once, keeping the text of each change's ``data``.

The store keeps every entity's ``data`` as JSON text; re-encoding the decoded documents cost
about as much as decoding the page. :func:`parse_changes_body` decodes the body with msgspec
(a kept library) into typed structs whose ``data`` is a ``msgspec.Raw`` — the exact bytes of
that value in the body, which the apply stores as is (``app.store.types.JSONText``) — and then
decodes each ``data`` once. The result equals ``json.loads(text)`` for every member the feed
defines (API.md "Change feed"); a body of another shape is decoded by ``json.loads`` instead
(and no texts are returned), and invalid JSON raises ``json.JSONDecodeError`` as before.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

_UNSET = msgspec.UNSET


class _Change(msgspec.Struct, omit_defaults=True):
    seq: Any = _UNSET
    entity: Any = _UNSET
    id: Any = _UNSET
    op: Any = _UNSET
    version: Any = _UNSET
    data: msgspec.Raw | msgspec.UnsetType = _UNSET


class _Body(msgspec.Struct):
    changes: list[_Change] | msgspec.UnsetType = _UNSET
    cursor: Any = _UNSET
    has_more: Any = _UNSET
    remaining: Any = _UNSET
    server_time: Any = _UNSET
    reset: Any = _UNSET


_CHANGE_FIELDS = ("seq", "entity", "id", "op", "version")
_BODY_FIELDS = ("cursor", "has_more", "remaining", "server_time", "reset")
_decode_body = msgspec.json.Decoder(_Body).decode
_decode_any = msgspec.json.Decoder().decode


def parse_changes_body(text: str | bytes) -> tuple[Any, list[str | None] | None]:
    """``(json.loads(text), data texts)``; the texts align with ``body["changes"]``
    (None where an element had no ``data``), or are None when the fallback decoded the body."""
    try:
        typed = _decode_body(text)
    except msgspec.ValidationError:  # valid JSON of another shape
        return json.loads(text), None
    except msgspec.DecodeError:  # invalid JSON: the same error json.loads gives
        return json.loads(text), None
    body: dict[str, Any] = {}
    texts: list[str | None] | None = None
    if typed.changes is not _UNSET:
        items: list[dict[str, Any]] = []
        texts = []
        for change in typed.changes:
            item = {f: v for f in _CHANGE_FIELDS if (v := getattr(change, f)) is not _UNSET}
            raw = change.data
            if raw is _UNSET:
                texts.append(None)
            else:
                item["data"] = _decode_any(raw)
                texts.append(bytes(raw).decode())
            items.append(item)
        body["changes"] = items
    for f in _BODY_FIELDS:
        if (v := getattr(typed, f)) is not _UNSET:
            body[f] = v
    return body, texts
