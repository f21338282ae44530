"""Typed errors of the backend client.

``ApiProblem`` is an RFC 9457 ``application/problem+json`` answer of shared/API.md, parsed;
``NetworkError`` means no answer at all (refused, reset, timed out, cut mid-response).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx


class SyncError(Exception):
    """Base of everything sync/ raises on purpose."""


class NetworkError(SyncError):
    """The server could not be reached or the exchange broke before a full answer arrived."""

    def __init__(self, message: str, *, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class NotLoggedIn(SyncError):
    """No token for this server and user: run ``dosctl login`` (or the UI's login dialog)."""


@dataclass(eq=False)
class ApiProblem(SyncError):
    """A problem+json answer: ``status``, ``code``, ``title``, ``detail``, ``errors`` (field →
    message, 422) and ``current`` (the entity as it now is, 409 / 412)."""

    status: int
    code: str = ""
    title: str = ""
    detail: str = ""
    type: str = "about:blank"
    errors: dict[str, Any] = field(default_factory=dict)
    current: dict[str, Any] | None = None
    retry_after: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        Exception.__init__(self, self.message())

    def __str__(self) -> str:
        return self.message()

    def message(self) -> str:
        head = f"{self.status} {self.title or self.code or 'error'}"
        return f"{head}: {self.detail}" if self.detail else head

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored with a rejected outbox row."""
        return {
            "type": self.type,
            "status": self.status,
            "code": self.code,
            "title": self.title,
            "detail": self.detail,
            "errors": self.errors,
            "current": self.current,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, status: int | None = None) -> ApiProblem:
        known = {"type", "status", "code", "title", "detail", "errors", "current"}
        errors = data.get("errors") or {}
        if isinstance(errors, list):  # tolerate [{field, message}] shapes
            errors = {str(e.get("field", i)): e.get("message", e) for i, e in enumerate(errors)}
        return cls(
            status=int(status if status is not None else data.get("status") or 0),
            code=str(data.get("code") or ""),
            title=str(data.get("title") or ""),
            detail=str(data.get("detail") or ""),
            type=str(data.get("type") or "about:blank"),
            errors=dict(errors),
            current=data.get("current"),
            extra={k: v for k, v in data.items() if k not in known},
        )

    @classmethod
    def from_response(cls, response: httpx.Response) -> ApiProblem:
        """Parse any error response; a body that is not JSON still gives a usable problem."""
        try:
            body = json.loads(response.content or b"{}")
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if isinstance(body.get("detail"), list | dict) and "title" not in body:
            # a framework-default error body ({"detail": [...]}) rather than problem+json
            body = {"errors": {"body": body["detail"]}, "detail": ""}
        problem = cls.from_dict(body, status=response.status_code)
        if not problem.title:
            problem.title = response.reason_phrase or "error"
        problem.retry_after = parse_retry_after(response.headers.get("retry-after"))
        Exception.__init__(problem, problem.message())
        return problem


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())
