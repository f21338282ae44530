"""POST /v1/decisions through the real server (SQLite and, where installed, PostgreSQL): the
question is decomposed at once (E001 is a 422 naming ``query``), runs in the background over
the HR graph in the database, publishes ``decision.step`` per step, pauses for approval with a
request at the level the rules give, and an approval response resumes it to COMPLETED with a
decision log and a final report in Korean and English."""

from __future__ import annotations

import time

import httpx
import pytest
from conftest import assert_problem
from httpx_sse import connect_sse

from app.domain.decisions import StepType
from server.demo.hr_org import demo_graph
from server.hr.load import store_graph

QUESTION = "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘"


@pytest.fixture(scope="module")
def hr_graph(server, db, clock):
    with db.session() as s:
        store_graph(s, demo_graph(clock()))
        s.commit()
    return True


def wait_for(api, execution_id: str, status: str) -> dict:
    deadline = time.monotonic() + 20
    while True:
        r = api.get(f"/decisions/{execution_id}", "senior2")
        assert r.status_code == 200, r.text
        body = r.json()
        if body["execution"]["status"] == status or time.monotonic() > deadline:
            return body
        time.sleep(0.05)  # polling a server-side run, with a 20 s deadline


def step_events(url: str, token: str, after: int, execution_id: str) -> list[dict]:
    """decision.step events of ``execution_id`` since event ``after``, up to HITL_APPROVAL."""
    out: list[dict] = []
    headers = {"Authorization": f"Bearer {token}", "Last-Event-ID": str(after)}
    with (
        httpx.Client(timeout=20) as client,
        connect_sse(client, "GET", f"{url}/v1/events", headers=headers) as source,
    ):
        for sse in source.iter_sse():
            if sse.event != "decision.step" or sse.json()["execution_id"] != execution_id:
                continue
            out.append(sse.json())
            if sse.json()["step"] == StepType.HITL_APPROVAL.value:
                break
    return out


def test_ask_pause_approve_completed_with_a_decision_log(server, api, hr_graph) -> None:
    after = server.app.state.bus.last_id
    r = api.post("/decisions", {"query": QUESTION, "context": {"org_unit_id": "ORG-AI-001"}},
                 "senior2")  # fmt: skip
    assert r.status_code == 202, r.text
    execution_id = r.json()["execution_id"]
    decision = wait_for(api, execution_id, "PAUSED_FOR_HITL")
    assert decision["execution"]["status"] == "PAUSED_FOR_HITL", decision["execution"]
    assert decision["query"]["query_type"] == "CAPACITY"
    assert [s["kind"] for s in decision["query"]["sub_queries"]] == [
        "supply", "demand", "gap", "bottleneck"
    ]  # fmt: skip
    options = decision["option_set"]["options"]
    assert [o["option_type"] for o in options] == ["CONSERVATIVE", "BALANCED", "AGGRESSIVE"]
    assert [o["estimated_cost"] for o in options] == sorted(o["estimated_cost"] for o in options)
    for analysis in decision["comparison"]["analyses"]:
        low, high = analysis["confidence_interval"]
        assert low <= analysis["overall_impact_score"] <= high and high - low > 0
    kg = decision["execution"]["results"]["KG_QUERY"]
    assert kg["org_unit_name"] == "AI팀" and kg["bottleneck_weeks"]
    assert decision["validation"]["verified_claims"] >= 2
    request = decision["approval_request"]
    assert request["status"] == "PENDING" and request["execution_id"] == execution_id

    events = step_events(server.url, api.token("senior2"), after, execution_id)
    assert [e["step"] for e in events] == [s.value for s in StepType][:7]
    assert [e["status"] for e in events] == ["done"] * 6 + ["waiting"]

    chosen = decision["option_set"]["recommendation"]
    body = {"status": "APPROVED", "approval_level": request["required_level"],
            "selected_option_id": chosen, "rationale": "병목 구간 대응이 시급함",
            "conditions": ["외주 인력 품질 관리 필수"]}  # fmt: skip
    r = api.post(f"/approvals/{request['id']}/responses", body, "senior2",
                 version=request["version"])  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["decision_log"]["selected_option_id"] == chosen
    done = api.get(f"/decisions/{execution_id}", "senior2").json()
    assert done["execution"]["status"] == "COMPLETED"
    final = done["execution"]["results"]["FINALIZATION"]
    assert "병목 구간 대응이 시급함" in final["report_ko"] and "Chosen option" in final["report_en"]
    log = api.get(f"/decision-logs/{execution_id}", "senior2").json()
    assert log["final_status"] == "APPROVED" and log["conditions"] == ["외주 인력 품질 관리 필수"]
    assert log["impact_score"] is not None and log["evidence_link_rate"] > 0


def test_a_question_without_keywords_is_e001_naming_the_field(api, hr_graph) -> None:
    body = assert_problem(api.post("/decisions", {"query": "안녕하세요"}, "senior2"), 422, "E001")
    assert "query" in body["errors"] and "더 구체적인 키워드 포함" in body["detail"]


def test_role_and_bounds_are_checked(api, hr_graph) -> None:
    assert_problem(api.post("/decisions", {"query": QUESTION}, "reviewer1"), 403, "forbidden")
    body = assert_problem(api.post("/decisions", {"query": QUESTION, "extra": 1}, "senior2"), 422)
    assert "extra" in str(body["errors"])
    body = assert_problem(
        api.post("/decisions", {"query": QUESTION, "context": {"horizon_weeks": 99}}, "senior2"),
        422,
    )
    assert "horizon_weeks" in str(body["errors"])
    body = assert_problem(api.post("/decisions", {"query": "x" * 1001}, "senior2"), 422)
    assert "query" in str(body["errors"])
    body = assert_problem(
        api.post("/decisions", {"query": QUESTION, "context": {"org_unit_id": "NOPE"}}, "senior2"),
        422,
    )
    assert "context.org_unit_id" in body["errors"]
