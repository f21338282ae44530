"""Decoding a ``GET /v1/changes`` body once, keeping the text of each change's ``data``.

The store keeps every entity's ``data`` as JSON text; re-encoding the decoded documents cost
about as much as decoding the page. :func:`parse_changes_body` decodes the body with the
``json`` module's own C scanner and, for each element of ``changes``, also returns the exact
text of its ``data`` value (a slice of the body), which the apply can store as is
(``app.store.types.JSONText``). The result equals ``json.loads(text)``; any body this walker
does not expect is decoded by ``json.loads`` instead (and no texts are returned).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.decoder import scanstring
from typing import Any

_scan_once = json.JSONDecoder().scan_once  # the C scanner: (value, end) at an index
_ws = re.compile(r"[ \t\n\r]*").match
_SPACE = " \t\n\r"


class _Unexpected(ValueError):
    pass


def parse_changes_body(text: str) -> tuple[Any, list[str | None] | None]:
    """``(json.loads(text), data texts)``; the texts align with ``body["changes"]``
    (None where an element had no ``data``), or are None when the fallback decoded the body."""
    try:
        return _body(text)
    except (ValueError, IndexError, KeyError, StopIteration, RecursionError):
        return json.loads(text), None


def _body(s: str) -> tuple[dict[str, Any], list[str | None] | None]:
    i = _ws(s, 0).end()
    if s[i] != "{":
        raise _Unexpected
    body, texts, i = _object(s, i + 1, "changes", _changes_value)
    if _ws(s, i).end() != len(s):
        raise _Unexpected
    return body, texts


Hook = Callable[[str, int], tuple[Any, Any, int]]


def _object(s: str, i: int, hooked: str, hook: Hook) -> tuple[dict[str, Any], Any, int]:
    """The object from just after its ``{``: (members, what ``hook`` said of the ``hooked``
    member or None, end). ``hook(s, i) -> (value, extra, end)`` reads that member's value; the
    C scanner reads the others."""
    obj: dict[str, Any] = {}
    extra = None
    if s[i] in _SPACE:
        i = _ws(s, i).end()
    if s[i] == "}":
        return obj, extra, i + 1
    while True:
        if s[i] != '"':
            raise _Unexpected
        key, i = scanstring(s, i + 1)
        if s[i] in _SPACE:
            i = _ws(s, i).end()
        if s[i] != ":":
            raise _Unexpected
        i += 1
        if s[i] in _SPACE:
            i = _ws(s, i).end()
        if key == hooked:
            obj[key], extra, i = hook(s, i)
        else:
            obj[key], i = _scan_once(s, i)
        if s[i] in _SPACE:
            i = _ws(s, i).end()
        if s[i] == ",":
            i += 1
            if s[i] in _SPACE:
                i = _ws(s, i).end()
            continue
        if s[i] != "}":
            raise _Unexpected
        return obj, extra, i + 1


def _changes_value(s: str, i: int) -> tuple[Any, list[str | None] | None, int]:
    """The body's ``changes``: an array walked element by element, anything else as is."""
    if s[i] != "[":
        value, end = _scan_once(s, i)
        return value, None, end
    return _changes(s, i + 1)


def _data_value(s: str, i: int) -> tuple[Any, str, int]:
    """A change's ``data``: its value and its exact text."""
    value, end = _scan_once(s, i)
    return value, s[i:end], end


def _changes(s: str, i: int) -> tuple[list[Any], list[str | None], int]:
    """The ``changes`` array from just after its ``[``: (elements, data texts, end)."""
    items: list[Any] = []
    texts: list[str | None] = []
    if s[i] in _SPACE:
        i = _ws(s, i).end()
    if s[i] == "]":
        return items, texts, i + 1
    while True:
        if s[i] != "{":
            raise _Unexpected
        item, data_text, i = _object(s, i + 1, "data", _data_value)
        items.append(item)
        texts.append(data_text)
        if s[i] in _SPACE:
            i = _ws(s, i).end()
        if s[i] == ",":
            i += 1
            if s[i] in _SPACE:
                i = _ws(s, i).end()
            continue
        if s[i] != "]":
            raise _Unexpected
        return items, texts, i + 1
