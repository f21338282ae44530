"""Step 2, KG_QUERY: the numbers each sub-query asks for, computed over the graph's rows, each
with the rows it rests on (evidence ids ``table:key``, app.decisions.graph.row_id).

Supply of a unit in a week = available FTE of its ACTIVE employees; demand = its projects' FTE
need (GO_NOGO adds the opportunity's required FTE over its weeks); gap = demand − supply; a
bottleneck week has demand above supply. COMPETENCY_GAP looks at the skill alone: supply = the
unit's people at the required level, demand = the FTE the requirements ask for. Spare capacity
of the other units = their supply − assigned FTE. No supply or no demand for the unit in the
horizon → E002.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from app.decisions.errors import WorkflowError
from app.decisions.graph import CostRate, HRGraph, Opportunity, row_id
from app.domain.decisions import DecisionError, DecomposedQuery
from app.domain.enums import DecisionType
from app.text import josa


@dataclass(frozen=True, slots=True)
class Facts:
    query_type: DecisionType
    org_unit_id: str
    org_unit_name: str
    weeks: tuple[str, ...]
    supply: tuple[float, ...]
    demand: tuple[float, ...]
    headcount: int  # active employees of the unit
    weekly_cost: int  # KRW, the unit's active employees
    revenue_per_fte_week: float  # KRW
    quality: float  # 0-100, mean competency level of the unit × 20
    spare_fte: float  # mean spare FTE per week in the other units
    donors: tuple[tuple[str, float], ...]  # (unit name, mean spare FTE), largest first
    rates: dict[str, CostRate]
    target_fte: float  # what the options must add (gap, asked head count or skill shortfall)
    competency_match: float | None  # 0-1
    history_success: float | None  # 0-1
    history_count: int
    opportunity: Opportunity | None = None
    competency_names: tuple[str, ...] = ()
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def gap(self) -> tuple[float, ...]:
        return tuple(round(d - s, 4) for s, d in zip(self.supply, self.demand, strict=True))

    @property
    def bottleneck_weeks(self) -> tuple[str, ...]:
        return tuple(w for w, g in zip(self.weeks, self.gap, strict=True) if g > 1e-9)

    @property
    def peak_gap(self) -> float:
        return max([0.0, *self.gap])


def _e002(en: str, ko: str) -> WorkflowError:
    return WorkflowError(DecisionError.E002, ko, en)


def horizon(graph: HRGraph, start_week: str, weeks: int) -> list[str]:
    """The first ``weeks`` weeks of the graph on or after ``start_week``."""
    return [w for w in graph.weeks() if w >= start_week][:weeks]


def _unit_loads(graph: HRGraph, weeks: list[str]) -> tuple[dict, dict, dict]:
    """(supply, demand, assigned) as {unit: {week: fte}} plus evidence per unit and week."""
    active = {e.employee_id: e.org_unit_id for e in graph.employees if e.status == "ACTIVE"}
    in_range = set(weeks)
    supply: dict = defaultdict(lambda: defaultdict(float))
    demand: dict = defaultdict(lambda: defaultdict(float))
    assigned: dict = defaultdict(lambda: defaultdict(float))
    for a in graph.availability:
        if a.week in in_range and a.employee_id in active:
            supply[active[a.employee_id]][a.week] += a.available_fte
    for d in graph.demands:
        if d.week in in_range:
            demand[d.org_unit_id][d.week] += d.quantity_fte
    for s in graph.assignments:
        if s.week in in_range and s.employee_id in active:
            assigned[active[s.employee_id]][s.week] += s.fte
    return supply, demand, assigned


def _pick_unit(dq: DecomposedQuery, graph: HRGraph, supply: dict, demand: dict, weeks) -> str:
    unit = dq.constraints.get("org_unit_id")
    if unit:
        if graph.unit(unit) is None:
            raise _e002(
                f"unknown org unit {unit}",
                josa.fill("조직 {unit}이 지식 그래프에 없습니다.", unit=unit),
            )
        return unit
    opp_id = dq.constraints.get("opportunity_id")
    if opp_id:
        opp = next((o for o in graph.opportunities if o.opportunity_id == opp_id), None)
        if opp:
            return opp.org_unit_id
    candidates = [u.org_unit_id for u in graph.org_units if sum(supply[u.org_unit_id].values())]
    if not candidates:
        raise _e002(
            "no unit has supply in the horizon", "기간 내 가용 인력이 있는 조직이 없습니다."
        )

    def peak(unit_id: str) -> float:
        return max(
            demand[unit_id][w] / supply[unit_id][w] if supply[unit_id][w] else 0 for w in weeks
        )

    return max(candidates, key=lambda u: (peak(u), u))


def _opportunity(dq: DecomposedQuery, graph: HRGraph, unit: str) -> Opportunity | None:
    opp_id = dq.constraints.get("opportunity_id")
    pool = [o for o in graph.opportunities if o.opportunity_id == opp_id] or sorted(
        (o for o in graph.opportunities if o.org_unit_id == unit),
        key=lambda o: (-o.deal_value, o.opportunity_id),
    )
    return pool[0] if pool else None


def _held(graph: HRGraph, unit: str | None) -> dict[str, list]:
    """competency → [(employee, level)] of active employees (of ``unit`` when given)."""
    people = {
        e.employee_id
        for e in graph.employees
        if e.status == "ACTIVE" and (unit is None or e.org_unit_id == unit)
    }
    out: dict[str, list] = defaultdict(list)
    for pc in graph.person_competencies:
        if pc.employee_id in people:
            out[pc.competency_id].append(pc)
    return out


def query_graph(dq: DecomposedQuery, graph: HRGraph, start_week: str) -> Facts:
    """Run the sub-queries of ``dq`` over ``graph`` from ``start_week``; E002 without data."""
    weeks = horizon(graph, start_week, int(dq.constraints.get("horizon_weeks", 12)))
    if not weeks:
        raise _e002(
            f"the graph has no weeks on or after {start_week}",
            f"{start_week} 이후의 주간 데이터가 지식 그래프에 없습니다.",
        )
    supply, demand, assigned = _unit_loads(graph, weeks)
    unit = _pick_unit(dq, graph, supply, demand, weeks)
    qtype = dq.query_type
    unit_row = graph.unit(unit)
    members = [e for e in graph.employees if e.org_unit_id == unit and e.status == "ACTIVE"]
    member_ids = {e.employee_id for e in members}
    s = [round(supply[unit][w], 4) for w in weeks]
    d = [round(demand[unit][w], 4) for w in weeks]
    if not sum(s):
        raise _e002(
            f"{unit}: no available FTE in the horizon",
            f"{unit_row.name}: 기간 내 가용 인력이 없습니다.",
        )
    evidence: dict[str, list[str]] = defaultdict(list)
    for a in graph.availability:
        if a.employee_id in member_ids and a.week in weeks:
            evidence["supply"].append(row_id("availability", a))
    for dm in graph.demands:
        if dm.org_unit_id == unit and dm.week in weeks:
            evidence["demand"].append(row_id("demands", dm))
            if d[weeks.index(dm.week)] > s[weeks.index(dm.week)]:
                evidence["bottleneck"].append(row_id("demands", dm))
    evidence["headcount"] = [row_id("employees", e) for e in members]
    opp = _opportunity(dq, graph, unit) if qtype is DecisionType.GO_NOGO else None
    if qtype is DecisionType.GO_NOGO:
        if opp is None:
            raise _e002(f"{unit}: no opportunity", f"{unit_row.name}: 영업 기회가 없습니다.")
        evidence["opportunity"].append(row_id("opportunities", opp))
        start = opp.start_week or weeks[0]
        for i, w in enumerate(weeks):
            if start <= w and sum(1 for x in weeks if start <= x <= w) <= opp.duration_weeks:
                d[i] = round(d[i] + opp.required_fte, 4)
    if not sum(d):
        raise _e002(
            f"{unit}: no demand in the horizon", f"{unit_row.name}: 기간 내 수요가 없습니다."
        )
    # spare capacity of the other units
    donors = []
    for other in graph.org_units:
        oid = other.org_unit_id
        if oid == unit or not supply[oid]:
            continue
        spare = sum(max(0.0, supply[oid][w] - assigned[oid][w]) for w in weeks) / len(weeks)
        if spare > 0.05:
            donors.append((other.name, round(spare, 2)))
            evidence["spare"] += [row_id("org_units", other)]
    donors.sort(key=lambda x: (-x[1], x[0]))
    # revenue per FTE-week from the unit's projects' budgets and their total demand
    budgets = [p for p in graph.projects if p.org_unit_id == unit and p.budget > 0]
    need = defaultdict(float)
    for dm in graph.demands:
        need[dm.project_id] += dm.quantity_fte
    fte_weeks = sum(need[p.project_id] for p in budgets)
    rpf = sum(p.budget for p in budgets) / fte_weeks if fte_weeks else 0.0
    evidence["revenue"] = [row_id("projects", p) for p in budgets]
    if opp is not None and opp.required_fte and opp.duration_weeks:
        rpf = max(rpf, opp.deal_value / (opp.required_fte * opp.duration_weeks))
    # competencies: held in the unit vs required by its projects (and the opportunity)
    held = _held(graph, unit)
    project_ids = {p.project_id for p in graph.projects if p.org_unit_id == unit}
    reqs = [
        r
        for r in graph.required_competencies
        if (opp is not None and r.opportunity_id == opp.opportunity_id)
        or (opp is None and r.project_id in project_ids)
    ]
    wanted = dq.constraints.get("competency_ids") or []
    if qtype is DecisionType.COMPETENCY_GAP and wanted:
        reqs = [r for r in graph.required_competencies if r.competency_id in wanted] or reqs
    shortfall = needed = able_total = 0.0
    matched = []
    for r in reqs:
        able = [pc for pc in held.get(r.competency_id, []) if pc.level >= r.minimum_level]
        matched.append(min(1.0, len(able) / r.fte) if r.fte else 1.0)
        shortfall += max(0.0, r.fte - len(able))
        needed += r.fte
        able_total += min(len(able), r.fte)
        evidence["competency"] += [row_id("required_competencies", r)]
        evidence["competency"] += [row_id("person_competencies", pc) for pc in able]
    match = round(sum(matched) / len(matched), 4) if matched else None
    levels = [pc.level for pcs in held.values() for pc in pcs]
    quality = round(sum(levels) / len(levels) * 20, 2) if levels else 60.0
    evidence["quality"] = [row_id("person_competencies", pc) for pcs in held.values() for pc in pcs]
    outcomes = [o for o in graph.project_outcomes if o.org_unit_id == unit] or list(
        graph.project_outcomes
    )
    score = {"SUCCESS": 1.0, "PARTIAL": 0.5, "FAILED": 0.0}
    hist = round(sum(score[o.outcome] for o in outcomes) / len(outcomes), 4) if outcomes else None
    evidence["history"] = [row_id("project_outcomes", o) for o in outcomes]
    rates = {r.kind: r for r in sorted(graph.cost_rates, key=lambda r: r.rate_id, reverse=True)}
    evidence["rates"] = [row_id("cost_rates", r) for r in rates.values()]
    peak = max([0.0, *(dd - ss for ss, dd in zip(s, d, strict=True))])
    if qtype is DecisionType.HEADCOUNT and dq.constraints.get("headcount"):
        target = float(dq.constraints["headcount"])
    elif qtype is DecisionType.COMPETENCY_GAP:
        # the skill's own market: people at the level (supply) against the FTE required
        target = shortfall
        if needed:
            s = [round(able_total, 4)] * len(weeks)
            d = [round(needed, 4)] * len(weeks)
            evidence["supply"] = [e for e in evidence["competency"] if "person_" in e]
            evidence["demand"] = [e for e in evidence["competency"] if "required_" in e]
            evidence["bottleneck"] = list(evidence["demand"]) if target > 0 else []
    else:
        target = peak
    names = {c.competency_id: c.name for c in graph.competencies}
    return Facts(
        query_type=qtype,
        org_unit_id=unit,
        org_unit_name=unit_row.name,
        weeks=tuple(weeks),
        supply=tuple(s),
        demand=tuple(d),
        headcount=len(members),
        weekly_cost=sum(e.weekly_cost for e in members),
        revenue_per_fte_week=round(rpf, 2),
        quality=quality,
        spare_fte=round(sum(x for _n, x in donors), 2),
        donors=tuple(donors),
        rates=rates,
        target_fte=round(math.ceil(target * 10) / 10, 1),
        competency_match=match,
        history_success=hist,
        history_count=len(outcomes),
        opportunity=opp,
        competency_names=tuple(dict.fromkeys(names.get(r.competency_id, "") for r in reqs)),
        evidence={k: tuple(dict.fromkeys(v)) for k, v in evidence.items()},
    )


def facts_wire(f: Facts) -> dict:
    """What the execution keeps of step 2 (results["KG_QUERY"])."""
    return {
        "org_unit_id": f.org_unit_id,
        "org_unit_name": f.org_unit_name,
        "weeks": list(f.weeks),
        "supply_fte": list(f.supply),
        "demand_fte": list(f.demand),
        "gap_fte": list(f.gap),
        "bottleneck_weeks": list(f.bottleneck_weeks),
        "peak_gap_fte": f.peak_gap,
        "target_fte": f.target_fte,
        "headcount": f.headcount,
        "spare_fte": f.spare_fte,
        "donors": [list(d) for d in f.donors],
        "competency_match": f.competency_match,
        "history_success": f.history_success,
        "opportunity_id": f.opportunity.opportunity_id if f.opportunity else None,
        "evidence_rows": sum(len(v) for v in f.evidence.values()),
    }
