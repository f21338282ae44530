"""Tokens and logins against a real server of the test's own, on SQLite and PostgreSQL:
logout, expired and deleted or disabled users refused within the 5 s cache bound (API.md "Auth"),
and login throttling per username and client address kept in the database."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from conftest import BACKENDS, assert_problem
from own_server import own_server
from sqlalchemy import delete, select, update

from server import storage, throttle
from server import tables as t
from server.runner import start_server

CACHE_BOUND_S = 5.0


@pytest.fixture(scope="module", params=BACKENDS)
def own(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    pg = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with own_server(request.param, tmp_path_factory.mktemp("auth"), pg) as found:
        yield found


def _login(api, username: str, password: str = "demo") -> httpx.Response:
    return api.http.post("/auth/token", json={"username": username, "password": password})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _refused_within(api, token: str, bound_s: float = CACHE_BOUND_S) -> float:
    """Seconds until /me answers 401 for ``token`` (fails beyond ``bound_s``)."""
    started = time.monotonic()
    while True:
        r = api.http.get("/me", headers=_bearer(token))
        if r.status_code == 401:
            assert_problem(r, 401, "unauthenticated")
            return time.monotonic() - started
        assert r.status_code == 200, r.text
        assert time.monotonic() - started < bound_s, "token still accepted after the cache bound"
        time.sleep(0.1)


def test_logout_refuses_the_token_at_once(own) -> None:
    _server, _clock, api = own
    token = _login(api, "reviewer1").json()["access_token"]
    other = _login(api, "reviewer1").json()["access_token"]
    assert api.http.get("/me", headers=_bearer(token)).status_code == 200
    r = api.http.post("/auth/logout", headers=_bearer(token))
    assert r.status_code == 204 and not r.content
    assert_problem(api.http.get("/me", headers=_bearer(token)), 401, "unauthenticated")
    comment = api.http.post(
        "/tasks/x/actions/comment",
        json={"body": "after logout"},
        headers={**_bearer(token), "Idempotency-Key": "k-after-logout"},
    )
    assert_problem(comment, 401, "unauthenticated")
    assert_problem(api.http.post("/auth/logout", headers=_bearer(token)), 401)
    # only that token: the user's other session goes on
    assert api.http.get("/me", headers=_bearer(other)).status_code == 200


def test_logout_counts_on_another_instance_of_the_same_database(own) -> None:
    server, _clock, api = own
    token = _login(api, "reviewer2").json()["access_token"]
    second = start_server(server.app.state.config.__class__(
        **{**_config_fields(server), "port": 0}
    ))  # fmt: skip
    try:
        with httpx.Client(base_url=second.url + "/v1", timeout=10) as b:
            assert b.get("/me", headers=_bearer(token)).status_code == 200  # now cached on B
            assert api.http.post("/auth/logout", headers=_bearer(token)).status_code == 204
            started = time.monotonic()
            while b.get("/me", headers=_bearer(token)).status_code != 401:
                assert time.monotonic() - started < CACHE_BOUND_S
                time.sleep(0.1)
    finally:
        second.stop()


def _config_fields(server) -> dict:
    config = server.app.state.config
    return {name: getattr(config, name) for name in config.__dataclass_fields__}


def test_expired_token_is_refused_within_the_cache_bound(own) -> None:
    server, _clock, api = own
    token = _login(api, "qa1").json()["access_token"]
    assert api.http.get("/me", headers=_bearer(token)).status_code == 200
    db = server.app.state.db
    with db.session() as s:
        s.execute(
            update(t.tokens)
            .where(t.tokens.c.token_hash == storage.token_hash(token))
            .values(expires_at=storage._naive(server.app.state.config.clock()).replace(year=2020))
        )
        s.commit()
    assert _refused_within(api, token) <= CACHE_BOUND_S


def test_deleted_and_disabled_users_are_refused(own) -> None:
    server, clock, api = own
    db = server.app.state.db
    with db.session() as s:
        for name in ("temp1", "temp2"):
            storage.create_user(s, name, "demo", name, ["reviewer"], ["credit_review"], now=clock())
        s.commit()
    deleted = _login(api, "temp1").json()["access_token"]
    disabled = _login(api, "temp2").json()["access_token"]
    assert api.http.get("/me", headers=_bearer(deleted)).status_code == 200
    assert api.http.get("/me", headers=_bearer(disabled)).status_code == 200
    with db.session() as s:
        s.execute(delete(t.users).where(t.users.c.id == "u_temp1"))
        row = s.execute(select(t.users.c.data).where(t.users.c.id == "u_temp2")).scalar_one()
        s.execute(
            update(t.users).where(t.users.c.id == "u_temp2").values(data={**row, "disabled": True})
        )
        s.commit()
    assert _refused_within(api, deleted) <= CACHE_BOUND_S
    assert _refused_within(api, disabled) <= CACHE_BOUND_S
    assert_problem(_login(api, "temp2"), 401, "unauthenticated")  # and cannot log in again
    assert_problem(_login(api, "temp1"), 401, "unauthenticated")


def test_login_throttling_per_user_and_address(own) -> None:
    """5 failures → the 6th attempt is 429 with Retry-After (even with the right password);
    another user from the same address is not slowed; the next lock doubles; the state is in
    the database (a second instance refuses too)."""
    server, clock, api = own
    clock.advance(seconds=16 * 60)  # failures of earlier tests from this address no longer count
    for _ in range(5):
        assert_problem(_login(api, "agent2", "wrong"), 401, "unauthenticated")
    r = _login(api, "agent2", "demo")
    body = assert_problem(r, 429, "too_many_requests")
    assert int(r.headers["Retry-After"]) == 60 and body["status"] == 429
    started = time.monotonic()
    assert _login(api, "senior1").status_code == 200  # same address, another user
    assert time.monotonic() - started < 5
    # an unknown username from the locked address is suspect: refused without hashing
    assert _login(api, "nobody-here", "x").status_code == 429
    second = start_server(
        server.app.state.config.__class__(**{**_config_fields(server), "port": 0})
    )
    try:
        with httpx.Client(base_url=second.url + "/v1", timeout=10) as b:
            r2 = b.post("/auth/token", json={"username": "agent2", "password": "demo"})
            assert r2.status_code == 429 and 0 < int(r2.headers["Retry-After"]) <= 60
    finally:
        second.stop()
    clock.advance(seconds=61)
    try:
        assert_problem(_login(api, "agent2", "wrong"), 401)  # checked again, and locked again
        r = _login(api, "agent2", "demo")
        assert r.status_code == 429 and int(r.headers["Retry-After"]) == 120  # doubled
        clock.advance(seconds=121)
        assert _login(api, "agent2", "demo").status_code == 200  # the lock ended
        user_key, address_key = throttle.keys("agent2", "127.0.0.1")
        with server.app.state.db.read() as s:
            left = set(s.execute(select(t.login_throttle.c.key)).scalars())
        assert user_key not in left and address_key in left  # success clears the user only
    finally:
        clock.advance(seconds=15 * 60)  # the address's bucket no longer counts for later tests
