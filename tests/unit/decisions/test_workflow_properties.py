"""Steps 2-6 over generated HR graphs (Hypothesis): the options stay ordered by aggressiveness
(cost, added FTE and risk never fall from CONSERVATIVE to AGGRESSIVE), impact scores and their
intervals stay in 0-100, every VERIFIED claim's evidence rows exist in the graph, and changing
the graph (more demand) changes the options and the numbers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.decisions.graph import (
    Availability,
    CostRate,
    Demand,
    Employee,
    HRGraph,
    OrgUnit,
    Project,
    ProjectOutcome,
    graph_of,
)
from app.decisions.workflow import run_to_approval, start
from app.domain.decisions import WorkflowStatus
from app.domain.enums import ClaimStatus, Level3
from tests.hypothesis_profiles import budget

NOW = datetime(2026, 12, 7, 1, tzinfo=UTC)
START = date(2026, 12, 7)
QUERY = "향후 가동률 병목 구간을 분석해줘"


@st.composite
def graphs(draw) -> HRGraph:
    weeks = [(START + timedelta(weeks=w)).isoformat() for w in range(draw(st.integers(4, 10)))]
    n_units = draw(st.integers(2, 4))
    units = [OrgUnit(f"U{u}", f"조직{u}팀") for u in range(n_units)]
    employees, availability, demands, projects, outcomes = [], [], [], [], []
    for u, unit in enumerate(units):
        heads = draw(st.integers(2, 8))
        supply = [0.0] * len(weeks)
        for e in range(heads):
            emp = Employee(f"E{u}-{e}", f"직원{u}{e}", unit.org_unit_id, "대리", "ACTIVE",
                           draw(st.integers(1_000_000, 5_000_000)))  # fmt: skip
            employees.append(emp)
            for w, week in enumerate(weeks):
                fte = draw(st.sampled_from([1.0, 1.0, 0.8, 0.5]))
                availability.append(Availability(f"AV{u}-{e}-{w}", emp.employee_id, week, fte))
                supply[w] += fte
        project = Project(f"P{u}", f"과제{u}", unit.org_unit_id, "ACTIVE",
                          draw(st.integers(50, 3000)) * 1_000_000)  # fmt: skip
        projects.append(project)
        for w, week in enumerate(weeks):
            share = draw(st.floats(0.4, 1.6)) if u else draw(st.floats(0.7, 1.8))
            if u == 0 and w == 1:
                share = max(share, 1.3)  # unit 0 has a bottleneck
            demands.append(Demand(f"D{u}-{w}", project.project_id, unit.org_unit_id, week,
                                  round(supply[w] * share, 1)))  # fmt: skip
        if draw(st.booleans()):
            outcomes.append(
                ProjectOutcome(
                    f"O{u}",
                    f"H{u}",
                    unit.org_unit_id,
                    draw(st.sampled_from(["SUCCESS", "PARTIAL", "FAILED"])),
                )
            )
    rates = [
        CostRate("R-I", "INTERNAL", draw(st.integers(500_000, 4_000_000)), draw(st.integers(0, 2)),
                 0, draw(st.floats(0.5, 1.0))),
        CostRate("R-C", "CONTRACTOR", draw(st.integers(1_000_000, 9_000_000)),
                 draw(st.integers(0, 3)), 0, draw(st.floats(0.5, 1.0))),
        CostRate("R-H", "HIRE", draw(st.integers(1_000_000, 6_000_000)), draw(st.integers(0, 12)),
                 draw(st.integers(0, 30_000_000)), draw(st.floats(0.5, 1.0))),
        CostRate("R-T", "TRAINING", draw(st.integers(0, 1_000_000)), draw(st.integers(0, 6)),
                 draw(st.integers(0, 5_000_000)), draw(st.floats(0.5, 1.0))),
    ]  # fmt: skip
    return graph_of({"org_units": units, "employees": employees, "availability": availability,
                     "demands": demands, "projects": projects, "project_outcomes": outcomes,
                     "cost_rates": rates})  # fmt: skip


def run(graph: HRGraph):
    decision = start("EXE-T", NOW)
    run_to_approval(decision, QUERY, {"org_unit_id": "U0", "horizon_weeks": 12}, graph,
                    START.isoformat(), NOW, np.random.default_rng(7), requester_id="u_t",
                    request_id="APR-T")  # fmt: skip
    return decision


def more_demand(graph: HRGraph) -> HRGraph:
    demands = tuple(
        dataclasses.replace(d, quantity_fte=d.quantity_fte + 2.0) if d.org_unit_id == "U0" else d
        for d in graph.demands
    )
    return dataclasses.replace(graph, demands=demands, _ids={})


@settings(max_examples=budget(25))
@given(graphs())
def test_options_impact_and_evidence_over_generated_graphs(graph: HRGraph) -> None:
    decision = run(graph)
    assert decision.execution.status is WorkflowStatus.PAUSED_FOR_HITL, decision.execution.results
    options = decision.option_set.options
    assert [o.risk_level for o in options] == [Level3.LOW, Level3.MEDIUM, Level3.HIGH]
    costs = [o.estimated_cost for o in options]
    assert costs == sorted(costs) and costs[0] > 0
    added = decision.option_set.context["added_fte"]
    assert added == sorted(added)
    for analysis in decision.comparison.analyses:
        low, high = analysis.confidence_interval
        assert 0 <= low <= analysis.overall_impact_score <= high <= 100
        assert all(len(v) == len(decision.execution.results["KG_QUERY"]["weeks"])
                   for v in analysis.time_series.values())  # fmt: skip
    assert 0 <= decision.probability.overall_probability <= 1
    rows = graph.row_ids()
    verified = [c for c in decision.validation.validations if c.status is ClaimStatus.VERIFIED]
    assert verified
    for claim in verified:
        assert len(claim.evidence) >= 2 and set(claim.evidence) <= rows
        text = decision.execution.results["VALIDATION"]["response_text"]
        assert text[claim.begin_char : claim.end_char] == claim.text

    changed = run(more_demand(graph))
    assert changed.execution.status is WorkflowStatus.PAUSED_FOR_HITL
    assert [o.estimated_cost for o in changed.option_set.options] != costs
    assert changed.option_set.options[-1].estimated_cost > costs[-1]
    before = [m.as_is_value for m in decision.comparison.analyses[0].metrics]
    after = [m.as_is_value for m in changed.comparison.analyses[0].metrics]
    assert before != after
