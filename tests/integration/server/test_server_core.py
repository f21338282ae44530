"""Auth, problem+json for malformed input, idempotency and the change feed, over real HTTP."""

from __future__ import annotations

import base64
import json
import threading
import uuid

from conftest import Api, assert_problem
from sqlalchemy import insert

from server import tables as t
from server.feed import compact
from server.storage import ServerDB, _naive


def test_healthz_and_openapi_need_no_auth(api: Api) -> None:
    assert api.get("/healthz", None).json()["status"] == "ok"
    assert "/v1/tasks/next" in api.http.get("/openapi.json").json()["paths"]


def test_login_me_and_wrong_password(api: Api) -> None:
    r = api.http.post("/auth/token", json={"username": "senior1", "password": "demo"})
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0
    assert body["user"]["roles"] == ["senior_reviewer"]
    assert body["user"]["approval_level"] == "DEPARTMENT"
    me = api.http.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["id"] == "u_senior1"
    bad = api.http.post("/auth/token", json={"username": "senior1", "password": "nope"})
    assert_problem(bad, 401, "unauthenticated")
    assert_problem(
        api.http.post("/auth/token", json={"username": "ghost", "password": "x"}),
        401,
        "unauthenticated",
    )


def test_missing_or_bad_token_is_401(api: Api) -> None:
    assert_problem(api.http.get("/me"), 401, "unauthenticated")
    assert_problem(api.http.get("/me", headers={"Authorization": "Bearer nope"}), 401)
    assert_problem(api.http.get("/changes", headers={"Authorization": "Basic x"}), 401)


def test_token_expires(api: Api, clock) -> None:
    token = api.http.post("/auth/token", json={"username": "qa1", "password": "demo"}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert api.http.get("/me", headers=headers).status_code == 200
    clock.advance(seconds=token["expires_in"] + 1)
    try:
        assert_problem(api.http.get("/me", headers=headers), 401, "unauthenticated")
    finally:
        clock.advance(seconds=-(token["expires_in"] + 1))


def test_malformed_json_wrong_types_unknown_fields(api: Api) -> None:
    headers = api.headers(
        "admin1", Idempotency_Key=str(uuid.uuid4()), Content_Type="application/json"
    )
    r = api.http.post("/cases", content=b"{not json", headers=headers)
    assert_problem(r, 422, "validation")
    r = api.post("/tasks/next", {"queue_id": 5}, "reviewer1")
    assert "queue_id" in assert_problem(r, 422, "validation")["errors"]
    r = api.post("/tasks/next", {"queue_id": "credit_review", "extra": 1}, "reviewer1")
    assert "extra" in assert_problem(r, 422, "validation")["errors"]
    r = api.post("/cases", [1, 2], "admin1")
    assert_problem(r, 422, "validation")


def test_404_405_and_bad_query_are_problems(api: Api) -> None:
    assert_problem(api.get("/nowhere"), 404, "not_found")
    assert_problem(api.get("/cases/C-missing"), 404, "not_found")
    assert_problem(api.http.delete("/cases/x", headers=api.headers("admin1")), 405)
    assert_problem(api.get("/changes", params={"limit": 0}), 422, "validation")
    assert_problem(api.get("/changes", params={"limit": 1001}), 422, "validation")
    assert_problem(api.get("/changes", params={"limit": "many"}), 422, "validation")


def test_idempotency_key_missing(api: Api) -> None:
    r = api.post("/tasks/next", {"queue_id": "credit_review"}, "reviewer1", key=None)
    assert_problem(r, 400, "idempotency_key_missing")


def test_replay_same_body_and_reuse_other_body(api: Api) -> None:
    key = str(uuid.uuid4())
    body = {
        "decision_id": "D-idem",
        "priority": "p2",
        "queue_id": "credit_review",
        "customer": {"customer_id": "CU-2", "name": "박"},
        "application": {"amount": 1000},
    }
    first = api.post("/cases", body, key=key)
    assert first.status_code == 200 and "Idempotent-Replayed" not in first.headers
    again = api.post("/cases", body, key=key)
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    r = api.post("/cases", {**body, "priority": "p3"}, key=key)
    assert_problem(r, 422, "idempotency_key_reused")
    # the replay changed nothing: still version 1
    assert api.get(f"/cases/{first.json()['data']['id']}").json()["version"] == 1


def test_errors_are_replayed_too(api: Api) -> None:
    key = str(uuid.uuid4())
    bad = {"queue_id": "credit_review", "surprise": True}
    first = api.post("/tasks/next", bad, "reviewer1", key=key)
    assert_problem(first, 422, "validation")
    again = api.post("/tasks/next", bad, "reviewer1", key=key)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() and again.status_code == 422


def test_same_key_in_progress_is_409_while_its_transaction_runs(api: Api, db: ServerDB) -> None:
    """PostgreSQL: the claim is a transaction-level advisory lock on (user, key); while another
    transaction holds it, the key is 409 in progress. SQLite serialises writers, so there the
    same key sent twice at once runs once: the later request waits and replays the answer."""
    if db.is_sqlite:
        key, body = str(uuid.uuid4()), {"queue_id": "credit_review"}
        answers: list = []
        both = [
            threading.Thread(
                target=lambda: answers.append(api.post("/tasks/next", body, "reviewer2", key=key))
            )
            for _ in range(2)
        ]
        for t_ in both:
            t_.start()
        for t_ in both:
            t_.join(60)
        assert len(answers) == 2 and answers[0].status_code == answers[1].status_code
        assert answers[0].status_code in (200, 204)
        replayed = [a.headers.get("Idempotent-Replayed") for a in answers]
        assert sorted(replayed, key=str) == sorted([None, "true"], key=str)
        return
    from sqlalchemy import func, select

    from server.idempotency import _KEY_CLASS, _lock_id

    key, body = str(uuid.uuid4()), {"queue_id": "credit_review"}
    with db.session() as s:
        s.execute(select(func.pg_advisory_xact_lock(_KEY_CLASS, _lock_id("u_reviewer2", key))))
        r = api.post("/tasks/next", body, "reviewer2", key=key)
        assert_problem(r, 409, "idempotency_key_in_progress")
        assert r.headers.get("Retry-After")
    # the holder ended (as a killed process's connection would): the key runs at once
    assert api.post("/tasks/next", body, "reviewer2", key=key).status_code in (200, 204)


def test_stale_in_progress_row_is_taken_over_at_once(api: Api, db: ServerDB, clock) -> None:
    """A committed ``in_progress`` row (left by an older server killed mid-request) no longer
    blocks its key: nothing is running it, so the first retry runs."""
    from server.idempotency import body_hash

    key, body = str(uuid.uuid4()), {"queue_id": "credit_review"}
    raw = json.dumps(body).encode()
    with db.session() as s:
        s.execute(
            insert(t.idempotency).values(
                key=key,
                user="u_reviewer2",
                method="POST",
                path="/v1/tasks/next",
                body_hash=body_hash("POST", "/v1/tasks/next", raw),
                state="in_progress",
                created_at=_naive(clock()),
            )
        )
        s.commit()
    first = api.post("/tasks/next", body, "reviewer2", key=key)
    assert first.status_code in (200, 204), first.text
    again = api.post("/tasks/next", body, "reviewer2", key=key)
    assert again.headers["Idempotent-Replayed"] == "true" and again.status_code == first.status_code


def test_concurrent_same_key_runs_once(api: Api) -> None:
    key = str(uuid.uuid4())
    body = {
        "decision_id": "D-race",
        "priority": "p3",
        "queue_id": "customer_service",
        "customer": {"customer_id": "CU-3", "name": "최"},
        "application": {"amount": 5},
    }
    results: list = []

    def fire() -> None:
        results.append(api.post("/cases", body, key=key))

    threads = [threading.Thread(target=fire) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    codes = sorted(r.status_code for r in results)
    assert set(codes) <= {200, 409}
    ids = {r.json()["data"]["id"] for r in results if r.status_code == 200}
    assert len(ids) == 1  # one case, every 200 is the same response
    for r in results:
        if r.status_code == 409:
            assert r.json()["code"] == "idempotency_key_in_progress"


def _all_changes(api: Api, since: str | None = None, limit: int = 1000) -> tuple[list, str]:
    out, cursor = [], since
    while True:
        params = {"limit": limit, **({"since": cursor} if cursor else {})}
        page = api.get("/changes", "reviewer1", params=params).json()
        out += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return out, cursor


def test_change_feed_paging_and_order(api: Api) -> None:
    full, cursor = _all_changes(api)
    paged, cursor2 = _all_changes(api, limit=7)
    assert [c["seq"] for c in paged[: len(full)]] == [c["seq"] for c in full]
    seqs = [c["seq"] for c in full]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert {"seq", "entity", "id", "op", "version", "data"} <= set(full[0])
    case, task = api.new_case()
    newer, _ = _all_changes(api, since=cursor)
    assert {(c["entity"], c["id"]) for c in newer} >= {("case", case["id"]), ("task", task["id"])}
    assert all(c["seq"] > seqs[-1] for c in newer)
    page = api.get("/changes", "reviewer1", params={"since": cursor2}).json()
    assert page["reset"] is False and page["server_time"].endswith("Z")


def test_unknown_cursor_resets(api: Api, db: ServerDB) -> None:
    for cursor in ("garbage!", base64.urlsafe_b64encode(b'{"db":"other","seq":3}').decode()):
        page = api.get("/changes", "reviewer1", params={"since": cursor, "limit": 5}).json()
        assert page["reset"] is True and page["changes"][0]["seq"] >= 1


def test_commit_order_under_concurrent_writers(api: Api, db: ServerDB) -> None:
    _, cursor = _all_changes(api)
    threads = [threading.Thread(target=api.new_case) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    newer, _ = _all_changes(api, since=cursor)
    seqs = [c["seq"] for c in newer]
    if db.is_sqlite:  # one writer at a time: dense seqs
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no gaps, no reordering
    else:  # concurrent writers, sparse seqs (server/feed_seq.py): increasing, each once
        assert seqs == sorted(set(seqs))
    assert sum(1 for c in newer if c["entity"] == "case") == 8


def test_compaction_floor_resets_old_cursors(api: Api, db: ServerDB) -> None:
    first = api.get("/changes", "reviewer1", params={"limit": 1}).json()
    case, task = api.new_case()
    api.post(f"/tasks/{task['id']}/actions/comment", {"body": "x"}, "reviewer1")
    compact(db, keep=1)
    page = api.get("/changes", "reviewer1", params={"since": first["cursor"]}).json()
    assert page["reset"] is True
    full, _ = _all_changes(api)
    latest = [c for c in full if c["id"] == case["id"]]
    assert len(latest) == 1 and latest[0]["version"] == 2  # superseded rows gone, state kept
