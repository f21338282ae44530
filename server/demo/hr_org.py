"""The demo organisation's HR knowledge graph, generated deterministically (seeded
``random.Random``) from the Monday of the demo's start week: a 디지털사업본부 with five teams,
~110 people with competencies, 16 weeks of availability, project demand and assignments,
opportunities with their requirements, cost rates and historical project outcomes.

The AI팀's demand rises above its supply in weeks 5-8 (the bottleneck of the seed's example
question); the 데이터팀 and 컨설팅팀 have spare capacity to lend. ``write_dir`` writes the graph
in the load format of docs/HR_GRAPH.md (the test of ``reviewer-server load-hr`` uses it)."""

from __future__ import annotations

import csv
import dataclasses
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.decisions.graph import (
    TABLES,
    Assignment,
    Availability,
    Competency,
    CostRate,
    Demand,
    Employee,
    HRGraph,
    Opportunity,
    OrgUnit,
    PersonCompetency,
    Project,
    ProjectOutcome,
    RequiredCompetency,
    graph_of,
)

WEEKS = 16
SEED = 2002
ROOT = OrgUnit("ORG-HQ", "디지털사업본부", "", 1)
# unit id, name, head count, main competencies, demand as a share of supply per week (1-16)
UNITS = [
    ("ORG-AI-001", "AI팀", 22, ["CMP-ML", "CMP-MLOPS", "CMP-DA"],
     [0.86, 0.88, 0.9, 0.94, 1.12, 1.18, 1.15, 1.08, 0.97, 0.93, 0.9, 0.88, 0.86, 0.85,
      0.85, 0.84]),
    ("ORG-DATA-001", "데이터팀", 24, ["CMP-DE", "CMP-DA", "CMP-ML"],
     [0.72, 0.7, 0.7, 0.68, 0.66, 0.66, 0.7, 0.72, 0.74, 0.75, 0.76, 0.76, 0.78, 0.78, 0.8, 0.8]),
    ("ORG-DEV-001", "개발팀", 26, ["CMP-BE", "CMP-FE", "CMP-PM"],
     [0.92, 0.95, 0.97, 1.0, 1.02, 1.04, 1.06, 1.05, 1.0, 0.96, 0.94, 0.92, 0.9, 0.9, 0.9, 0.9]),
    ("ORG-CLOUD-001", "클라우드팀", 18, ["CMP-CLOUD", "CMP-MLOPS", "CMP-BE"],
     [0.84, 0.85, 0.86, 0.88, 0.9, 0.92, 0.93, 0.92, 0.9, 0.88, 0.86, 0.85, 0.84, 0.84,
      0.84, 0.84]),
    ("ORG-CONS-001", "컨설팅팀", 20, ["CMP-PM", "CMP-DA", "CMP-DE"],
     [0.7, 0.72, 0.74, 0.74, 0.72, 0.7, 0.68, 0.68, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.8, 0.8]),
]  # fmt: skip
COMPETENCIES = [
    Competency("CMP-ML", "머신러닝", "AI"),
    Competency("CMP-MLOPS", "MLOps", "AI"),
    Competency("CMP-DE", "데이터 엔지니어링", "데이터"),
    Competency("CMP-DA", "데이터 분석", "데이터"),
    Competency("CMP-BE", "백엔드 개발", "개발"),
    Competency("CMP-FE", "프론트엔드 개발", "개발"),
    Competency("CMP-CLOUD", "클라우드 인프라", "인프라"),
    Competency("CMP-PM", "프로젝트 관리", "관리"),
]
COST_RATES = [
    CostRate("RATE-INTERNAL", "INTERNAL", 2_600_000, 1, 0, 0.85),
    CostRate("RATE-CONTRACTOR", "CONTRACTOR", 4_800_000, 2, 0, 0.8),
    CostRate("RATE-HIRE", "HIRE", 3_000_000, 8, 15_000_000, 0.9),
    CostRate("RATE-TRAINING", "TRAINING", 400_000, 4, 3_000_000, 0.7),
]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "은우", "지민", "시우", "수아", "예준",
         "하은", "주원", "지유", "현우", "채원", "지호", "다은", "준서", "소율"]  # fmt: skip
GRADES = [("사원", 2_300_000), ("대리", 2_700_000), ("과장", 3_100_000), ("차장", 3_500_000),
          ("부장", 3_900_000)]  # fmt: skip
PROJECT_NAMES = {
    "ORG-AI-001": ["고객 이탈 예측 모델", "상담 요약 LLM", "추천 엔진 고도화"],
    "ORG-DATA-001": ["데이터 레이크 이전", "실시간 파이프라인"],
    "ORG-DEV-001": ["모바일 뱅킹 개편", "심사 포털 구축", "API 게이트웨이"],
    "ORG-CLOUD-001": ["쿠버네티스 전환", "재해 복구 센터"],
    "ORG-CONS-001": ["데이터 거버넌스 컨설팅", "AI 도입 전략"],
}


def monday_of(now: datetime) -> date:
    """The Monday of ``now``'s business week (Asia/Seoul, as server.jobs.decisions reads it)."""
    day = now.astimezone(ZoneInfo("Asia/Seoul")).date()
    return day - timedelta(days=day.weekday())


def demo_graph(now: datetime, *, seed: int = SEED, weeks: int = WEEKS) -> HRGraph:
    """The demo organisation with ``weeks`` weeks starting the Monday of ``now``'s week."""
    rng = random.Random(seed)
    start = monday_of(now)
    week_ids = [(start + timedelta(weeks=w)).isoformat() for w in range(weeks)]
    units = [ROOT] + [OrgUnit(uid, name, ROOT.org_unit_id, 2) for uid, name, *_ in UNITS]
    employees, skills, availability = [], [], []
    projects, demands, assignments, outcomes = [], [], [], []
    n = 0
    for uid, _name, heads, main, shares in UNITS:
        members = []
        for _ in range(heads):
            n += 1
            grade, cost = GRADES[min(4, int(rng.random() ** 1.6 * 5))]
            status = "LEAVE" if rng.random() < 0.03 else "ACTIVE"
            emp = Employee(f"EMP-{n:04d}", rng.choice(SURNAMES) + rng.choice(GIVEN), uid, grade,
                           status, cost + rng.randrange(0, 400_000, 10_000))  # fmt: skip
            employees.append(emp)
            members.append(emp)
            for k, comp in enumerate(main):
                if k == 0 or rng.random() < 0.55:
                    skills.append(PersonCompetency(emp.employee_id, comp, rng.randint(2, 5)))
        supply = []
        for w, week in enumerate(week_ids):
            total = 0.0
            for emp in members:
                if emp.status != "ACTIVE":
                    continue
                fte = 0.0 if rng.random() < 0.04 else (0.8 if rng.random() < 0.1 else 1.0)
                availability.append(
                    Availability(f"AV-{emp.employee_id}-{w + 1:02d}", emp.employee_id, week, fte)
                )
                total += fte
            supply.append(total)
        names = PROJECT_NAMES[uid]
        unit_projects = []
        for p, pname in enumerate(names, start=1):
            pid = f"PRJ-{uid[4:-4]}-{p:02d}"
            budget = rng.randrange(400, 1500) * 1_000_000
            unit_projects.append(Project(pid, pname, uid, "ACTIVE", budget))
        projects += unit_projects
        split = [rng.uniform(0.6, 1.4) for _ in unit_projects]
        for w, week in enumerate(week_ids):
            need = supply[w] * shares[w % len(shares)]
            free = {e.employee_id: 1.0 for e in members if e.status == "ACTIVE"}
            for proj, part in zip(unit_projects, split, strict=True):
                qty = round(need * part / sum(split), 1)
                demands.append(Demand(f"DM-{proj.project_id[4:]}-{w + 1:02d}", proj.project_id,
                                      uid, week, qty))  # fmt: skip
                left = qty
                for emp_id in list(free):
                    if left <= 0.05:
                        break
                    take = round(min(free[emp_id], left), 1)
                    if take <= 0:
                        continue
                    assignments.append(Assignment(
                        f"AS-{emp_id[4:]}-{proj.project_id[4:]}-{w + 1:02d}", emp_id,
                        proj.project_id, week, take))  # fmt: skip
                    free[emp_id] -= take
                    left -= take
                    if free[emp_id] <= 0.05:
                        del free[emp_id]
        for h in range(3):
            planned = rng.randint(8, 30)
            result = rng.choices(["SUCCESS", "PARTIAL", "FAILED"], [0.6, 0.28, 0.12])[0]
            late = {"SUCCESS": 0, "PARTIAL": 3, "FAILED": 8}[result] + rng.randint(0, 3)
            outcomes.append(ProjectOutcome(
                f"OUT-{uid[4:-4]}-{h + 1:02d}", f"PRJ-HIST-{uid[4:-4]}-{h + 1:02d}", uid,
                result, planned, planned + late,
                round({"SUCCESS": 18, "PARTIAL": 9, "FAILED": -6}[result] + rng.uniform(-4, 4), 1),
            ))  # fmt: skip
    opportunities = [
        Opportunity("OPP-2026-001", "보험사 AI 상담 자동화", "ORG-AI-001", 1_800_000_000,
                    "PROPOSAL", week_ids[3], 12, 6.0),
        Opportunity("OPP-2026-002", "공공 데이터 플랫폼 구축", "ORG-DATA-001", 950_000_000,
                    "NEGOTIATION", week_ids[2], 10, 4.0),
    ]  # fmt: skip
    required = [
        RequiredCompetency("REQ-001", "CMP-ML", 4, opportunity_id="OPP-2026-001", fte=3.0),
        RequiredCompetency("REQ-002", "CMP-MLOPS", 3, opportunity_id="OPP-2026-001", fte=2.0),
        RequiredCompetency("REQ-003", "CMP-PM", 3, opportunity_id="OPP-2026-001", fte=1.0),
        RequiredCompetency("REQ-004", "CMP-DE", 5, opportunity_id="OPP-2026-002", fte=10.0),
        RequiredCompetency("REQ-005", "CMP-CLOUD", 3, opportunity_id="OPP-2026-002", fte=1.0),
    ]
    for p, proj in enumerate(projects, start=1):
        main = next(u[3] for u in UNITS if u[0] == proj.org_unit_id)
        required.append(RequiredCompetency(f"REQ-P{p:03d}", main[0], 3, project_id=proj.project_id,
                                           fte=2.0))  # fmt: skip
    return graph_of({
        "org_units": units, "employees": employees, "competencies": COMPETENCIES,
        "person_competencies": skills, "projects": projects, "demands": demands,
        "availability": availability, "assignments": assignments,
        "opportunities": opportunities, "required_competencies": required,
        "cost_rates": COST_RATES, "project_outcomes": outcomes,
    })  # fmt: skip


def write_dir(graph: HRGraph, directory: Path) -> None:
    """Write ``graph`` as one CSV file per table (the load format of docs/HR_GRAPH.md)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, cls in TABLES.items():
        names = [f.name for f in dataclasses.fields(cls)]
        with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            for row in getattr(graph, name):
                writer.writerow([getattr(row, n) for n in names])
