"""The seed's error codes from the steps that raise them: E002 without data in the horizon, E003
when there is nothing to close, E004 without a baseline; the failing step is recorded and the
execution is FAILED with the code."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from app.decisions.workflow import run_to_approval, start
from app.domain.decisions import DecisionError, WorkflowStatus
from server.demo.hr_org import demo_graph

NOW = datetime(2026, 12, 7, 1, tzinfo=UTC)
GRAPH = demo_graph(NOW)


def run(query: str, graph=GRAPH, start_week: str = "2026-12-07", **context):
    decision = start("EXE-E", NOW)
    rng = np.random.default_rng(1)
    return run_to_approval(decision, query, context, graph, start_week, NOW, rng,
                           requester_id="u", request_id="APR-E")  # fmt: skip


def test_the_demo_question_pauses_for_approval() -> None:
    decision = run("향후 12주간 AI팀의 가동률 병목 구간을 분석해줘")
    assert decision.execution.status is WorkflowStatus.PAUSED_FOR_HITL
    assert decision.execution.current_step == 7
    request = decision.approval_request
    assert request.expires_at - request.created_at == timedelta(hours=24)
    assert request.required_level.value == "DIVISION"  # the recommended option costs ≥ 1억원
    kg = decision.execution.results["KG_QUERY"]
    assert kg["org_unit_name"] == "AI팀" and kg["bottleneck_weeks"]


def test_e002_no_weeks_in_the_graph() -> None:
    decision = run("가동률 병목은?", start_week="2031-01-06")
    assert decision.execution.status is WorkflowStatus.FAILED
    assert decision.execution.error_code is DecisionError.E002
    assert decision.execution.results["KG_QUERY"]["status"] == "failed"


def test_e003_nothing_to_close() -> None:
    decision = run("가동률 병목은?", org_unit_id="ORG-DATA-001")  # a unit with spare people
    assert decision.execution.error_code is DecisionError.E003
    assert (
        decision.execution.results["OPTION_GENERATION"]["error"]["hint_ko"]
        == "컨텍스트 데이터 확인"
    )


def test_e004_no_baseline_revenue() -> None:
    graph = dataclasses.replace(GRAPH, projects=(), _ids={})
    decision = run("AI팀 가동률 병목은?", graph=graph)
    assert decision.execution.error_code is DecisionError.E004


def test_e008_a_fault_of_the_run_itself() -> None:
    broken = dataclasses.replace(  # a week that is not text: the run itself fails, not the data
        GRAPH, availability=(*GRAPH.availability[:-1], dataclasses.replace(
            GRAPH.availability[-1], week=None)), _ids={}
    )  # fmt: skip
    decision = run("AI팀 가동률 병목은?", graph=broken)
    assert decision.execution.status is WorkflowStatus.FAILED
    assert decision.execution.error_code is DecisionError.E008
    assert decision.execution.results["KG_QUERY"]["error"]["hint_ko"] == "로그 확인 후 재시도"


def test_e005_claims_without_graph_rows() -> None:
    from app.decisions.chances import probabilities
    from app.decisions.decompose import decompose
    from app.decisions.errors import WorkflowError
    from app.decisions.evidence import validate
    from app.decisions.facts import query_graph
    from app.decisions.impact import simulate
    from app.decisions.plans import generate_options, measures

    dq = decompose("AI팀 가동률 병목은?", {}, GRAPH)
    facts = query_graph(dq, GRAPH, "2026-12-07")
    plans, options = measures(facts), generate_options(facts)
    comparison = simulate(facts, options, plans, np.random.default_rng(3))
    _per_option, probability = probabilities(facts, options, plans)
    result, _text = validate(GRAPH, facts, options, plans, comparison, probability)
    assert result.evidence_link_rate == 1.0
    unlinked = dataclasses.replace(facts, evidence={})  # the rows are not in the graph
    foreign = dataclasses.replace(facts, evidence={"supply": ("availability:NOPE", "x:y")})
    for bare in (unlinked, foreign):
        with pytest.raises(WorkflowError) as caught:
            validate(GRAPH, bare, options, plans, comparison, probability)
        assert caught.value.code is DecisionError.E005
