"""The demo's decision executions, produced by running seed 002's workflow (app.decisions) on
the demo organisation's HR graph (server/demo/hr_org.py) at start — not written by hand. Three
questions (CAPACITY, GO_NOGO, HEADCOUNT) run to step 7 and wait for approval; the COMPETENCY_GAP
example is left for a user to ask."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from functools import lru_cache

from app.decisions.workflow import start
from app.domain.wire import to_wire
from server.demo.hr_org import demo_graph, monday_of
from server.jobs.decisions import decision_wire, run_workflow

REQUESTER = "u_admin1"
AI_TEAM = "ORG-AI-001"
QUESTIONS = [
    ("EXE-DEMO-001", "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘", {"org_unit_id": AI_TEAM}),
    ("EXE-DEMO-002", "보험사 AI 상담 자동화 기회를 수주해도 될까요? 성공 확률은?", {}),
    ("EXE-DEMO-003", "개발팀 2명 증원이 타당한가요?", {}),
]


def demo_decisions(now: datetime) -> tuple[list[dict], list[dict]]:
    """(decision entities, approval entities): the questions asked five hours ago.

    The workflow is deterministic for a given ``now`` (its generator is seeded by the execution
    id), so a process that seeds several databases at one time (the test suite) runs it once;
    each caller gets its own copy."""
    return copy.deepcopy(_demo_decisions(now))


@lru_cache(maxsize=4)
def _demo_decisions(now: datetime) -> tuple[list[dict], list[dict]]:
    asked = now - timedelta(hours=5)
    graph = demo_graph(now)
    first = monday_of(now).isoformat()
    decisions, approvals = [], []
    for execution_id, query, context in QUESTIONS:
        decision = start(execution_id, asked)
        run_workflow(decision, query, context, graph, first, asked, requester_id=REQUESTER)
        if decision.approval_request is None:  # the demo graph must carry every question
            raise RuntimeError(f"demo question {execution_id} failed: {decision.execution.results}")
        decisions.append(decision_wire(decision))
        approvals.append(to_wire(decision.approval_request))
    return decisions, approvals
