"""POST /v1/cases/{id}/unmask on the real server: reviewer, senior_reviewer and ops_admin get the
one value and leave an audit event (who, when, case, field, reason — not the value); supervisor,
agent, auditor and qa get 403; the value never enters the change feed or the event stream; the
rate limit (10 a minute per user) is counted in the database, so two server instances on the
same database share it, and answers 429 problem+json with Retry-After."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from app.domain.wire import format_time
from server import pii
from server.app import create_app
from server.config import ServerConfig
from server.routes.unmask import LIMIT
from server.runner import RunningServer, start_server
from tests.integration.pii.conftest import Demo
from tests.integration.pii.leaks import ACCOUNT, PHONE, RESIDENT, find_leaks

CASE = "case_p1_borderline_001"
REASON = "고객 본인 확인 후 콜백 번호 확인"


def _unmask(http: httpx.Client, case_id: str, field: str, reason: str = REASON) -> httpx.Response:
    return http.post(f"/cases/{case_id}/unmask", json={"field": field, "reason": reason})


def _full(demo: Demo, case_id: str, field: str) -> str | None:
    with demo.running.app.state.db.read() as s:
        return pii.full_value(s, "case", case_id, field)


def _problem(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["code"] == code
    return body


def _audit(demo: Demo, case_id: str) -> list[dict]:
    with demo.client("auditor1") as http:
        r = http.get("/audit", params={"entity": "case", "id": case_id})
        assert r.status_code == 200 and r.json()["chain_verified"]
        return r.json()["events"]


@pytest.mark.parametrize(
    ("username", "field", "kind"),
    [
        ("reviewer1", "account_id", ACCOUNT),
        ("senior1", "resident_id", RESIDENT),
        ("admin1", "phone", PHONE),
    ],
)
def test_allowed_roles_get_the_value_and_an_audit_event(
    demo: Demo, username: str, field: str, kind
) -> None:
    with demo.client(username) as http:
        cursor = http.get("/changes", params={"limit": 1000}).json()
        while cursor["has_more"]:
            cursor = http.get("/changes", params={"since": cursor["cursor"]}).json()
        r = _unmask(http, CASE, field)
        assert r.status_code == 200, r.text
        value = _full(demo, CASE, field)
        assert r.json() == {"field": field, "value": value}
        assert value and kind.search(json.dumps(value))
        after = http.get("/changes", params={"since": cursor["cursor"]})
        assert value not in after.text and not find_leaks(after.text, demo.full_values)
        shown = http.get(f"/cases/{CASE}").json()["customer"][field]
        assert shown != value and shown.endswith(value[-4:])  # still masked for everyone
    events = [
        e for e in _audit(demo, CASE) if e["action"] == "unmask" and e["actor"] == f"u_{username}"
    ]
    assert events, "an audit event for the unmask"
    event = events[-1]
    assert event["entity"] == "case" and event["entity_id"] == CASE
    assert event["data"] == {"field": field, "reason": REASON}
    assert event["at"] == format_time(demo.clock())
    assert value not in json.dumps(events)


@pytest.mark.parametrize("username", ["supervisor1", "agent1", "auditor1", "qa1"])
def test_other_roles_are_refused(demo: Demo, username: str) -> None:
    with demo.client(username) as http:
        r = _unmask(http, CASE, "resident_id")
        body = _problem(r, 403, "forbidden")
        assert not find_leaks(r.text, demo.full_values) and "value" not in body
    assert not [e for e in _audit(demo, CASE) if e["actor"] == f"u_{username}"]


def test_bad_requests(demo: Demo) -> None:
    with demo.client("reviewer2") as http:
        _problem(_unmask(http, CASE, "password"), 422, "validation")
        _problem(_unmask(http, CASE, "phone", reason=""), 422, "validation")
        _problem(_unmask(http, CASE, "phone", reason="  "), 422, "validation")
        _problem(_unmask(http, "no_such_case", "phone"), 404, "not_found")
        _problem(_unmask(http, CASE, "card_number"), 404, "not_found")  # none on file
        r = http.post(f"/cases/{CASE}/unmask", json={"field": "phone", "reason": "x1", "v": 1})
        _problem(r, 422, "validation")  # unknown fields


@pytest.fixture
def second_instance(demo: Demo) -> Iterator[RunningServer]:
    """Another server process's worth: its own app and engine, the same database file."""
    config = ServerConfig(db_url=f"sqlite:///{demo.db_path}", port=0, clock=demo.clock)
    running = start_server(config, app=create_app(config))
    yield running
    running.stop()


def test_rate_limit_is_per_user_and_shared_by_instances(
    demo: Demo, second_instance: RunningServer
) -> None:
    with (
        demo.client("senior2") as a,
        httpx.Client(base_url=second_instance.url + "/v1", timeout=30) as b,
    ):
        token = b.post("/auth/token", json={"username": "senior2", "password": "demo"})
        b.headers["Authorization"] = "Bearer " + token.json()["access_token"]
        for i in range(LIMIT):
            r = _unmask(a if i % 2 else b, CASE, "phone")
            assert r.status_code == 200, (i, r.text)
        for http in (a, b):
            r = _unmask(http, CASE, "phone")
            _problem(r, 429, "too_many_requests")
            assert r.headers["Retry-After"] == "60"  # the clock stood still: a full minute
            assert "value" not in r.json()
        with demo.client("reviewer2") as other:  # other users are not slowed
            assert _unmask(other, CASE, "phone").status_code == 200
        demo.clock.advance(seconds=30)
        assert (
            b.post(f"/cases/{CASE}/unmask", json={"field": "phone", "reason": REASON}).headers[
                "Retry-After"
            ]
            == "30"
        )
        demo.clock.advance(seconds=31)
        assert _unmask(a, CASE, "phone").status_code == 200
    audited = [e for e in _audit(demo, CASE) if e["actor"] == "u_senior2"]
    assert len(audited) == LIMIT + 1  # only the calls that returned a value are audited
