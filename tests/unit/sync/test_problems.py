"""problem+json parsing into ApiProblem."""

from __future__ import annotations

import json

import httpx

from sync.problems import ApiProblem


def _response(status: int, body: object, headers: dict[str, str] | None = None) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    h = {"content-type": "application/problem+json", **(headers or {})}
    return httpx.Response(status, content=content, headers=h)


def test_conflict_carries_current_entity() -> None:
    body = {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "task already completed by reviewer2 (deny)",
        "code": "conflict",
        "current": {"id": "t1", "version": 4, "status": "completed"},
    }
    problem = ApiProblem.from_response(_response(409, body))
    assert (problem.status, problem.code, problem.title) == (409, "conflict", "Conflict")
    assert problem.current == {"id": "t1", "version": 4, "status": "completed"}
    assert "reviewer2" in str(problem)
    assert ApiProblem.from_dict(problem.to_dict()).to_dict() == problem.to_dict()


def test_validation_errors_and_retry_after() -> None:
    body = {
        "title": "Unprocessable",
        "status": 422,
        "code": "validation",
        "errors": {"rate": "0 < rate < 30"},
    }
    problem = ApiProblem.from_response(_response(422, body, {"Retry-After": "3"}))
    assert problem.errors == {"rate": "0 < rate < 30"} and problem.retry_after == 3.0


def test_non_json_body_still_gives_a_problem() -> None:
    problem = ApiProblem.from_response(_response(502, b"<html>bad gateway</html>"))
    assert problem.status == 502 and problem.title == "Bad Gateway" and problem.code == ""
