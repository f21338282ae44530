"""Question routing (seed 003 ChatOps): each of the ten operators' questions, phrased two ways in
Korean and once in English, reaches its tool; arguments come out of the text."""

from __future__ import annotations

import pytest

from app.ops_tools.catalog import BY_NAME, TOOLS, tools_for
from app.ops_tools.routing import extract_args, route

QUESTIONS = [
    ("service_health", "서버 헬스 체크 결과 알려줘"),
    ("service_health", "데이터베이스 연결이랑 인스턴스 목록 보여줘"),
    ("service_health", "Is the service healthy and is the database up?"),
    ("sync_state", "내 동기화 상태 어때?"),
    ("sync_state", "아웃박스에 반영 실패한 거 있어?"),
    ("sync_state", "Is my workstation in sync, anything pending in the outbox?"),
    ("cache_state", "로컬 캐시 크기 알려줘"),
    ("cache_state", "오프라인 검색 색인 상태는?"),
    ("cache_state", "How big is the local cache and how many rows per entity?"),
    ("queue_health", "큐 대기 현황 보여줘"),
    ("queue_health", "큐마다 적체가 얼마나 쌓였어?"),
    ("queue_health", "How long is the oldest item waiting in each queue?"),
    ("breaching_cases", "4시간 안에 SLA 위반될 케이스 알려줘"),
    ("breaching_cases", "마감 임박한 케이스 목록"),
    ("breaching_cases", "Which cases breach within 4 hours?"),
    ("availability", "지금 누가 가용해?"),
    ("availability", "credit_review 스킬 가진 사람 중 여유 있는 사람"),
    ("availability", "Who is available for each skill right now?"),
    ("sla_today", "오늘 SLA 준수율 얼마야?"),
    ("sla_today", "목표 대비 SLA 달성률은?"),
    ("sla_today", "What is today's SLA compliance against target?"),
    ("scheduled_jobs", "예약 작업 마지막 실행 언제야?"),
    ("scheduled_jobs", "스케줄러 배치 실패한 거 있어?"),
    ("scheduled_jobs", "When did the scheduled jobs last run and when is the next run?"),
    ("recent_alerts", "최근 24시간 알림 몇 건?"),
    ("recent_alerts", "오늘 경보 종류별로 보여줘"),
    ("recent_alerts", "How many alerts fired in the last 24 hours?"),
    ("audit_status", "감사 체인 무결성 확인해줘"),
    ("audit_status", "감사 로그 위변조 없지?"),
    ("audit_status", "Is the audit chain verified?"),
]


def test_every_tool_has_three_phrasings() -> None:
    per_tool = {t.name: [q for n, q in QUESTIONS if n == t.name] for t in TOOLS}
    assert len(TOOLS) == 10
    assert all(len(qs) == 3 for qs in per_tool.values()), per_tool


@pytest.mark.parametrize(("tool", "question"), QUESTIONS)
def test_question_reaches_its_tool(tool: str, question: str) -> None:
    r = route(question)
    assert r.tool == tool, (question, r)
    assert 0 < r.confidence <= 1


def test_arguments_are_extracted_in_korean_and_english() -> None:
    names = {"credit_review": ["Credit review", "신용 심사"]}
    assert extract_args("4시간 안에 위반될 케이스", names) == {"hours": 4}
    assert extract_args("cases breaching within 6 hours", names)["hours"] == 6
    assert extract_args("신용 심사 큐 적체", names)["queue"] == "credit_review"
    assert extract_args("목표 95% 대비 준수율", names)["target_percent"] == 95.0
    r = route("credit_review 큐에서 2시간 안에 위반될 케이스", queue_names=names)
    assert r.tool == "breaching_cases" and r.args == {"hours": 2, "queue": "credit_review"}
    # a tool only gets the arguments it takes
    assert route("감사 체인 24시간 검증").args == {}


def test_tell_me_is_not_an_alert() -> None:
    # Kiwi reads 알려줘 (tell me) and a lone 알림 (alert) as the same verb 알리-
    told = route("4시간 안에 위반될 케이스 알려줘")
    assert told.tool == "breaching_cases" and not told.alternatives
    assert route("최근 알림 알려줘").tool == "recent_alerts"


def test_unknown_and_ambiguous_questions() -> None:
    nothing = route("점심 메뉴 추천해줘")
    assert nothing.tool is None and nothing.confidence == 0 and nothing.ambiguous
    mixed = route("알림 감사")
    assert mixed.ambiguous and mixed.alternatives
    assert {mixed.tool, *(a.tool for a in mixed.alternatives)} >= {"recent_alerts", "audit_status"}


def test_routing_only_among_the_callers_tools() -> None:
    agent_tools = tools_for(["agent"])
    assert {t.name for t in agent_tools} == {"sync_state", "cache_state"}
    assert route("감사 체인 무결성 확인해줘", agent_tools).tool != "audit_status"
    schema = BY_NAME["breaching_cases"].schema()
    assert schema["parameters"]["properties"]["hours"]["maximum"] == 168
