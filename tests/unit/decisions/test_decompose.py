"""Step 1 over real Kiwi morphemes: the seed's four example questions give the seed's types
(CAPACITY with its four sub-queries supply, demand, gap, bottleneck), constraints come from the
question and the graph, and a question without a keyword is E001 with the seed's hint."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.decisions.decompose import decompose
from app.decisions.errors import WorkflowError
from app.domain.decisions import DecisionError
from app.domain.enums import DecisionType
from server.demo.hr_org import demo_graph

GRAPH = demo_graph(datetime(2026, 12, 7, tzinfo=UTC))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("향후 12주간 AI팀의 가동률 병목은?", DecisionType.CAPACITY),
        ("이 프로젝트를 수주해도 될까요?", DecisionType.GO_NOGO),
        ("개발자 2명 증원이 타당한가요?", DecisionType.HEADCOUNT),
        ("데이터 엔지니어링 역량 갭을 분석해줘", DecisionType.COMPETENCY_GAP),
    ],
)
def test_the_seeds_examples_give_the_seeds_types(query: str, expected: DecisionType) -> None:
    assert decompose(query, graph=GRAPH).query_type is expected


def test_the_capacity_example_as_in_the_seed() -> None:
    result = decompose(
        "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘", {"org_unit_id": "ORG-AI-001"}, GRAPH
    )
    assert result.query_type is DecisionType.CAPACITY
    assert result.intent == "향후 12주간 조직별 인력 가동률 및 병목 구간 분석"
    assert [s.kind for s in result.sub_queries] == ["supply", "demand", "gap", "bottleneck"]
    assert result.execution_order == ["SQ-001", "SQ-002", "SQ-003", "SQ-004"]
    assert result.constraints["org_unit_id"] == "ORG-AI-001"
    assert result.constraints["horizon_weeks"] == 12
    assert set(result.constraints["keywords"]) == {"가동률", "병목", "12주"}
    assert 0.9 <= result.confidence <= 1.0


def test_constraints_from_the_question_and_the_graph() -> None:
    headcount = decompose("개발자 2명 증원이 타당한가요?", graph=GRAPH)
    assert headcount.constraints["headcount"] == 2
    assert headcount.constraints["org_unit_id"] == "ORG-DEV-001"  # 개발자 → 개발팀
    gap = decompose("데이터 엔지니어링 역량 갭을 분석해줘", graph=GRAPH)
    assert gap.constraints["competency_ids"] == ["CMP-DE"]
    deal = decompose("보험사 AI 상담 자동화 go/no-go 판단해줘", graph=GRAPH)
    assert deal.query_type is DecisionType.GO_NOGO
    assert deal.constraints["opportunity_id"] == "OPP-2026-001"
    eight = decompose("앞으로 8주 가동률은?", graph=GRAPH)
    assert eight.constraints["horizon_weeks"] == 8
    assert eight.intent.startswith("향후 8주간")
    # one keyword is less sure than three
    assert decompose("가동률은?").confidence < decompose("12주 가동률 병목은?").confidence


@pytest.mark.parametrize("query", ["안녕하세요", "", "   ", "x" * 1001])
def test_no_keyword_is_e001_with_the_seeds_hint(query: str) -> None:
    with pytest.raises(WorkflowError) as caught:
        decompose(query, graph=GRAPH)
    assert caught.value.code is DecisionError.E001
    assert caught.value.hint_ko == "더 구체적인 키워드 포함"
    assert "가동률" in caught.value.ko and caught.value.field == "query"
