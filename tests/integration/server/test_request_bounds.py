"""The bounds every route shares (shared/API.md "Conventions"), against the real server:
bodies over 1 MiB are 413 ``payload_too_large`` whether the size is declared or streamed, numbers
out of bounds (past int64, non-finite) are 422 with the field named, and /openapi.json lists each
operation's problem+json answers."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import Api, assert_problem

from server.request_guard import MAX_BODY, NOT_FINITE, NOT_INT64, number_errors

LOGIN = b'{"username": "admin1", "password": "demo"}'


def padded(size: int) -> bytes:
    """A valid log-in body of exactly ``size`` bytes (JSON allows trailing white space)."""
    return LOGIN + b" " * (size - len(LOGIN))


def chunks(body: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    """The body as a stream (httpx sends it chunked, without Content-Length)."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def test_a_body_of_one_mib_is_read_and_one_byte_more_is_413(api: Api) -> None:
    headers = {"Content-Type": "application/json"}
    r = api.http.post("/auth/token", content=padded(MAX_BODY), headers=headers)
    assert r.status_code == 200, r.text
    r = api.http.post("/auth/token", content=padded(MAX_BODY + 1), headers=headers)
    body = assert_problem(r, 413, "payload_too_large")
    assert "1 MiB" in body["detail"]


def test_a_streamed_body_is_counted_as_it_arrives(api: Api) -> None:
    headers = {"Content-Type": "application/json"}
    r = api.http.post("/auth/token", content=chunks(padded(MAX_BODY)), headers=headers)
    assert r.status_code == 200, r.text
    r = api.http.post("/auth/token", content=chunks(padded(MAX_BODY + 1)), headers=headers)
    assert_problem(r, 413, "payload_too_large")


def test_twenty_mb_of_appeal_evidence_is_refused(api: Api) -> None:
    evidence = ["증빙 " + "x" * 1000 for _ in range(20_000)]  # ~20 MB
    body = {"case_id": "C-REJ-3", "reason": "소득 증빙 추가", "evidence": evidence}
    r = api.post("/appeals", body, "reviewer1")
    assert_problem(r, 413, "payload_too_large")
    r = api.get("/cases/C-REJ-3")
    assert r.status_code == 200 and r.json()["status"] == "rejected"  # nothing was done


def _raw_exchange(url: str, head: bytes, body: bytes) -> bytes:
    """Send ``head`` and only ``body`` (never the rest the head announces); the whole answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head + body)
        answer = b""
        while (chunk := sock.recv(4096)) != b"":  # until the whole answer (or a close)
            answer += chunk
            head, sep, rest = answer.partition(b"\r\n\r\n")
            if sep and b"content-length:" in head.lower():
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                if len(rest) >= length:
                    break
        return answer


def test_a_declared_size_over_the_limit_is_refused_before_the_body_is_sent(api: Api) -> None:
    url = str(api.http.base_url)
    head = (
        f"POST /v1/appeals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {api.token('reviewer1')}\r\nIdempotency-Key: {uuid.uuid4()}\r\n"
        f"Content-Length: {20 * MAX_BODY}\r\n\r\n"
    ).encode()
    answer = _raw_exchange(url, head, b'{"case_id": ')
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"payload_too_large" in answer


def test_a_stream_is_refused_once_it_passes_the_limit(api: Api) -> None:
    url = str(api.http.base_url)
    head = (
        b"POST /v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    piece = b" " * 65536
    chunk = b"%x\r\n" % len(piece) + piece + b"\r\n"
    sent = chunk * (MAX_BODY // len(piece) + 1)  # just past 1 MiB, and the stream not ended
    answer = _raw_exchange(url, head, sent)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        (b"9223372036854775808", "application.amount", NOT_INT64),
        (b"-9223372036854775809", "application.amount", NOT_INT64),
        (b"1" * 5000, "application.amount", NOT_INT64),
    ],
)
def test_integers_past_int64_are_422_with_the_field(
    api: Api, raw: bytes, field: str, message: str
) -> None:
    body = (
        b'{"decision_id": "D-big", "priority": "p2", "queue_id": "credit_review", '
        b'"customer": {"customer_id": "CU-9", "name": "Kim"}, '
        b'"application": {"amount": ' + raw + b', "purpose": "x"}}'
    )
    r = _post_raw(api, "/cases", body)
    problem = assert_problem(r, 422, "validation")
    assert problem["errors"] == {field: message}


@pytest.mark.parametrize("raw", [b"1e999", b"-1e999", b"NaN", b"Infinity", b"-Infinity"])
def test_non_finite_numbers_are_422_never_500(api: Api, raw: bytes) -> None:
    body = (
        b'{"decision_id": "D-inf", "priority": "p2", "queue_id": "credit_review", '
        b'"customer": {"customer_id": "CU-9", "name": "Kim"}, '
        b'"application": {"amount": 1000000, "dti_percent": ' + raw + b"}}"
    )
    problem = assert_problem(_post_raw(api, "/cases", body), 422, "validation")
    assert problem["errors"] == {"application.dti_percent": NOT_FINITE}


def test_values_just_inside_int64_pass_the_shared_guard(api: Api) -> None:
    body = b'{"queue_id": "credit_review", "x": [9223372036854775807, -9223372036854775808]}'
    r = _post_raw(api, "/tasks/next", body, user="reviewer1")
    problem = assert_problem(r, 422, "validation")  # the route's model: unknown field x
    assert set(problem["errors"]) == {"x"}


def _post_raw(api: Api, path: str, body: bytes, user: str = "admin1"):
    headers = api.headers(user, Idempotency_Key=str(uuid.uuid4()))
    headers["Content-Type"] = "application/json"
    return api.http.post(path, content=body, headers=headers)


def test_number_errors_name_every_field_and_nothing_else() -> None:
    assert number_errors(b'{"a": 1, "b": [1.5, -2]}') == {}
    assert number_errors(b"{not json") == {}
    doc = b'{"a": {"b": [1, 1e999]}, "c": NaN, "d": 9223372036854775807, "e": 18446744073709551616}'
    assert number_errors(doc) == {"a.b.1": NOT_FINITE, "c": NOT_FINITE, "e": NOT_INT64}
    assert number_errors(b"-Infinity") == {"body": NOT_FINITE}


def test_openapi_lists_the_problem_answers_of_every_operation(api: Api) -> None:
    schema = api.get("/openapi.json", user=None).json()
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code"}
    operations = [
        (method.upper(), path, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
    ]
    assert len(operations) >= 40
    for method, path, op in operations:
        responses = op["responses"]
        problems = {code for code, r in responses.items() if code.startswith(("4", "5"))}
        for code in problems:
            content = responses[code]["content"]
            assert list(content) == ["application/problem+json"], (method, path, code)
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }
        if path == "/v1/healthz":
            assert problems == set(), problems
            continue
        assert "401" in problems, (method, path)
        if method == "POST":
            assert "413" in problems, (method, path, problems)
            if "requestBody" in op or op.get("parameters"):  # 422 needs input to refuse
                assert "422" in problems, (method, path, problems)
        if "{" in path:
            assert "404" in problems, (method, path)
    by_path = {(m, p): set(op["responses"]) for m, p, op in operations}
    action = by_path[("POST", "/v1/tasks/{task_id}/actions/approve")]
    assert {"400", "401", "403", "404", "409", "412", "413", "422"} <= action
    assert "429" in by_path[("POST", "/v1/auth/token")]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("application", "credit_score"), -500, "application.credit_score"),
        (("application", "amount"), -1, "application.amount"),
        (("application", "amount"), 10**13 + 1, "application.amount"),
        (("application", "amount"), "100", "application.amount"),
        (("application", "dti_percent"), 1001.0, "application.dti_percent"),
        (("customer", "name"), "가" * 201, "customer.name"),
        (("decision_context", "legal_deadline"), "1970-01-01", "decision_context.legal_deadline"),
        (("customer", "years_with_bank"), -1, "customer.years_with_bank"),
    ],
)
def test_opening_a_case_refuses_values_out_of_bounds(api: Api, path, value, field) -> None:
    """POST /cases (issue 14): a value out of bounds is 422 naming the field, never stored."""
    body = {
        "decision_id": f"D-{uuid.uuid4().hex[:8]}",
        "priority": "p2",
        "queue_id": "credit_review",
        "customer": {"customer_id": "CU-1", "name": "김민수"},
        "application": {"amount": 30_000_000},
    }
    body.setdefault(path[0], {})[path[1]] = value
    r = api.post("/cases", body, "admin1")
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    if field is not None:
        assert any(key.endswith(field) or field in key for key in r.json()["errors"]), r.json()
    body["application"] = {"amount": 30_000_000}
    body["customer"] = {"customer_id": "CU-1", "name": "김민수"}
    body.pop("decision_context", None)
    assert api.post("/cases", body, "admin1").status_code == 200  # the same case, in bounds
