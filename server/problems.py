"""RFC 9457 problem+json for every error: rule errors, request validation (malformed JSON, wrong
types, unknown fields), 404 / 405 from routing, and anything unexpected (500, never for input)."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.rules.errors import RuleError, ValidationFailed
from app.text.labels import choice_words

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"
_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "version_mismatch",
    413: "payload_too_large",
    415: "validation",
    422: "validation",
    429: "too_many_requests",
}


class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str = "",
        *,
        errors: dict[str, str] | None = None,
        current: Any = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or code)
        self.status, self.code, self.detail = status, code, detail
        self.errors, self.current, self.title, self.headers = errors, current, title, headers


def problem_body(
    status: int,
    code: str,
    detail: str = "",
    *,
    errors: dict | None = None,
    current: Any = None,
    title: str | None = None,
) -> dict:
    body: dict[str, Any] = {
        "type": f"https://reviewer.example/problems/{code}",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    if current is not None:
        body["current"] = current
    return body


def not_found(kind: str, id: str) -> ProblemError:
    return ProblemError(404, "not_found", f"{kind} {id!r} not found")


def from_rule_error(err: RuleError) -> ProblemError:
    errors = err.messages("en") if isinstance(err, ValidationFailed) else None
    if errors is None and err.status == 422:
        errors = {}
    return ProblemError(err.status, err.code, f"{err.en} / {err.ko}", errors=errors)


async def _respond(
    request: Request, status: int, body: dict, headers: dict[str, str] | None = None
) -> JSONResponse:
    idem = getattr(request.state, "idem", None)
    if idem is not None and not idem.done:
        if status >= 500:
            await run_in_threadpool(idem.release)
        else:
            await run_in_threadpool(idem.store_error, status, body)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field(loc: tuple | list) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _on_problem(request: Request, exc: ProblemError) -> JSONResponse:
    body = problem_body(
        exc.status, exc.code, exc.detail, errors=exc.errors, current=exc.current, title=exc.title
    )
    return await _respond(request, exc.status, body, exc.headers)


async def _on_rule(request: Request, exc: RuleError) -> JSONResponse:
    return await _on_problem(request, from_rule_error(exc))


def _choices(err: dict) -> tuple[str, str] | None:
    """An enum / literal error's allowed values as words (Korean, English), not wire tokens."""
    if err.get("type") not in ("enum", "literal_error"):
        return None
    values = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
    return choice_words(values) if values else None


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors: dict[str, str] = {}
    korean: dict[str, str] = {}
    for err in exc.errors():
        name = _field(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            name = "body"
        words = _choices(err)
        if words is not None and name not in errors:
            korean[name] = f"{name}: 다음 중 하나여야 합니다: {words[0]}"
            errors[name] = f"must be one of: {words[1]}"
        errors.setdefault(name, str(err.get("msg", "invalid")))
    detail = "the request is malformed: " + ", ".join(errors)
    if korean:
        detail += " / " + ", ".join(korean.values())
    return await _respond(request, 422, problem_body(422, "validation", detail, errors=errors))


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _CODES.get(exc.status_code, "error")
    detail = exc.detail if isinstance(exc.detail, str) else ""
    body = problem_body(
        exc.status_code, code, detail, errors={} if exc.status_code == 422 else None
    )
    return await _respond(request, exc.status_code, body, getattr(exc, "headers", None))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return await _respond(request, 500, problem_body(500, "internal", "unexpected server error"))


def install(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RuleError, _on_rule)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_unexpected)
