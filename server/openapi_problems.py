"""The one place that documents every operation's problem+json answers in ``/openapi.json``
(shared/API.md: "The OpenAPI document lists, for every operation, its problem+json responses").

The codes an operation can answer follow from how its route is built, not from a list of paths,
so a new route is documented the moment it is added:

=====  =====================================  ==============================================
code   meaning                                documented on
=====  =====================================  ==============================================
400    ``idempotency_key_missing``            routes taking ``Idempotency-Key`` (``idempotent``)
401    ``unauthenticated`` / wrong password   every operation but the health check
403    ``forbidden`` (role, object, authority) routes behind ``current_user``
404    ``not_found``                          routes naming an object: path id or body
409    ``conflict`` / key still in progress   idempotent routes
412    ``version_mismatch`` (``If-Match``)     idempotent routes acting on one entity (path id)
413    ``payload_too_large``                  methods that carry a body (server.request_guard)
422    ``validation`` and business rules      routes with any parameter or body
429    ``too_many_requests``                  log-in (throttled per user and address)
=====  =====================================  ==============================================

FastAPI's own ``422 HTTPValidationError`` (a shape the server never sends) is replaced by the
``Problem`` component.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import _get_api_route_for_openapi  # FastAPI is pinned (pyproject)
from fastapi.routing import APIRoute, iter_route_contexts

from server.auth import current_user
from server.idempotency import idempotent
from server.problems import PROBLEM

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details (shared/API.md, Conventions).",
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "field → message (422)",
            "additionalProperties": True,
        },
        "current": {
            "type": "object",
            "description": "the entity as it now is (409 / 412)",
            "additionalProperties": True,
        },
    },
    "additionalProperties": True,
}
PUBLIC = frozenset({("GET", "/v1/healthz")})  # API.md: every other path needs a token
THROTTLED = frozenset({("POST", "/v1/auth/token")})  # API.md "Auth": 429 after 5 failures
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_FASTAPI_422 = ("HTTPValidationError", "ValidationError")


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dep in dependant.dependencies:
        if dep.call is not None:
            yield dep.call
        yield from _calls(dep)


def problem_codes(route: APIRoute, method: str, path: str) -> list[int]:
    """The problem+json statuses ``method`` on ``route`` can answer (see the module table)."""
    calls = set(_calls(route.dependant))
    authed = current_user in calls
    keyed = idempotent in calls
    has_body = route.body_field is not None
    path_ids = bool(route.dependant.path_params)
    has_input = has_body or any(
        (route.dependant.path_params, route.dependant.query_params, route.dependant.header_params)
    )
    codes = set()
    if keyed:
        codes |= {400, 409}
        if path_ids:
            codes.add(412)
    if (method, path) not in PUBLIC:
        codes.add(401)
    if authed:
        codes.add(403)
    if path_ids or has_body:
        codes.add(404)
    if method in BODY_METHODS:
        codes.add(413)
    if has_input or keyed:
        codes.add(422)
    if (method, path) in THROTTLED:
        codes.add(429)
    return sorted(codes)


def _response(code: int) -> dict[str, Any]:
    return {
        "description": f"{HTTPStatus(code).phrase} (problem+json)",
        "content": {PROBLEM: {"schema": PROBLEM_REF}},
    }


def document(schema: dict[str, Any], routes: list[Any]) -> dict[str, Any]:
    """Add the ``Problem`` component and each operation's problem responses to ``schema``."""
    paths = schema.get("paths", {})
    for context in iter_route_contexts(routes):  # included routers as FastAPI walks them
        api = _get_api_route_for_openapi(context)  # the route with its router's prefix
        route = context.original_route
        if api is None or not api.include_in_schema or not isinstance(route, APIRoute):
            continue
        operations = paths.get(api.path_format, {})
        for method in api.methods or ():
            operation = operations.get(method.lower())
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for code in problem_codes(route, method, api.path_format):
                responses[str(code)] = _response(code)
            for code, answer in responses.items():  # one a route declares itself (unmask's 429)
                if code.startswith(("4", "5")):
                    answer["content"] = {PROBLEM: {"schema": PROBLEM_REF}}
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for name in _FASTAPI_422:
        schemas.pop(name, None)
    return schema


def install(app: FastAPI) -> None:
    """``app.openapi()`` builds FastAPI's document once and documents the problems in it."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # cached by FastAPI until the routes change
        if "Problem" not in schema.get("components", {}).get("schemas", {}):
            document(schema, app.routes)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
