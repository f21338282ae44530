"""The request bounds every route shares (shared/API.md "Conventions", "Bounds"), as one ASGI
middleware in front of the application:

- **Body size**: a body over :data:`MAX_BODY` (1 MiB) is 413 ``payload_too_large``. A declared
  ``Content-Length`` over the limit is refused before a byte of the body is read; otherwise the
  bytes are counted as they stream in and the request is refused as soon as the count passes the
  limit, so no more than 1 MiB of a body is ever held. (uvicorn discards the rest of a refused
  body, so the client still reads the 413.)
- **Numbers in JSON**: a JSON body is decoded once more with a parser that keeps ``NaN`` /
  ``Infinity``, non-finite floats (``1e999``) and integers outside signed 64-bit out of the
  document; any such value is 422 ``validation`` with the field in ``errors``
  (``application.amount``, ``evidence.0``), before a route or a model sees it — never a 500,
  never stored.

Anything else about the body (malformed JSON, wrong types, unknown fields) is left to the route's
request model and :mod:`server.problems`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.problems import PROBLEM, problem_body

MAX_BODY = 1 << 20  # 1 MiB
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
NOT_INT64 = "must be an integer within signed 64-bit (-2^63 .. 2^63-1)"
NOT_FINITE = "must be a finite number"


class _OutOfBounds:
    """Stands in the decoded document for a number the API does not accept."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Decoder:
    """``json.loads`` hooks that replace out-of-bounds numbers with :class:`_OutOfBounds`;
    ``found`` says whether any was seen (the document is only walked then)."""

    def __init__(self) -> None:
        self.found = False

    def _bad(self, message: str) -> _OutOfBounds:
        self.found = True
        return _OutOfBounds(message)

    def parse_int(self, text: str) -> Any:
        try:
            value = int(text)
        except ValueError:  # more digits than Python converts
            return self._bad(NOT_INT64)
        return value if INT64_MIN <= value <= INT64_MAX else self._bad(NOT_INT64)

    def parse_float(self, text: str) -> Any:
        value = float(text)
        return value if math.isfinite(value) else self._bad(NOT_FINITE)

    def parse_constant(self, _name: str) -> Any:
        return self._bad(NOT_FINITE)


def _walk(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    if isinstance(value, _OutOfBounds):
        yield ".".join(path) or "body", value.message
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, str(index)))


def number_errors(body: bytes) -> dict[str, str]:
    """Field → message for every out-of-bounds number of a JSON ``body``; empty when there is
    none or the body is not JSON at all (the route's model reports that)."""
    decoder = _Decoder()
    try:
        document = json.loads(
            body,
            parse_int=decoder.parse_int,
            parse_float=decoder.parse_float,
            parse_constant=decoder.parse_constant,
        )
    except (ValueError, RecursionError):
        return {}
    if not decoder.found:
        return {}
    errors: dict[str, str] = {}
    for field, message in _walk(document):
        errors.setdefault(field, message)
    return errors


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value
    return None


def _is_json(scope: Scope) -> bool:
    """No content type (FastAPI reads JSON then) or ``application/json`` / ``…+json``."""
    ctype = _header(scope, b"content-type")
    if not ctype:
        return True
    main = ctype.split(b";", 1)[0].strip().lower()
    return main == b"application/json" or main.endswith(b"+json")


def _too_large(limit: int) -> JSONResponse:
    detail = f"the request body is larger than {limit} bytes (1 MiB)"
    body = problem_body(413, "payload_too_large", detail)
    return JSONResponse(body, status_code=413, media_type=PROBLEM)


class RequestGuard:
    """Pure ASGI middleware: body ≤ ``limit`` bytes, numbers in JSON bodies within bounds."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        last: Message = {"type": "http.request", "body": b"", "more_body": False}
        while True:
            message = await receive()
            if message["type"] != "http.request":
                last = message  # a disconnect: the app sees it after the body read so far
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _too_large(self.limit)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body and _is_json(scope):
            errors = number_errors(body)
            if errors:
                detail = "numbers out of bounds: " + ", ".join(errors)
                problem = problem_body(422, "validation", detail, errors=errors)
                await JSONResponse(problem, status_code=422, media_type=PROBLEM)(
                    scope, receive, send
                )
                return
        await self.app(scope, _replay(body, last, receive), send)


def _replay(body: bytes, last: Message, receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body once, then what the server says next."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    if last["type"] != "http.request":
        pending.append(last)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
