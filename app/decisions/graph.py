"""The HR knowledge graph's node and relation rows (seed 002 §4), as plain frozen dataclasses.

One dataclass per table of ``docs/HR_GRAPH.md``; field names are the CSV / JSON column names and
the SQL column names. Weeks are the ISO date of their Monday (``2026-12-07``), so text order is
time order. ``row_from_mapping`` turns one loaded record into a row with clear field errors.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

EMPLOYEE_STATUSES = ("ACTIVE", "LEAVE", "LEFT")
RATE_KINDS = ("INTERNAL", "CONTRACTOR", "HIRE", "TRAINING")
OUTCOMES = ("SUCCESS", "PARTIAL", "FAILED")


@dataclass(frozen=True, slots=True)
class OrgUnit:
    org_unit_id: str
    name: str
    parent_id: str = ""
    level: int = 1


@dataclass(frozen=True, slots=True)
class Employee:  # BELONGS_TO OrgUnit
    employee_id: str
    name: str
    org_unit_id: str
    grade: str = ""
    status: str = "ACTIVE"
    weekly_cost: int = 0  # KRW, fully loaded


@dataclass(frozen=True, slots=True)
class Competency:
    competency_id: str
    name: str
    category: str = ""


@dataclass(frozen=True, slots=True)
class PersonCompetency:  # HAS_COMPETENCY
    employee_id: str
    competency_id: str
    level: int  # 1-5


@dataclass(frozen=True, slots=True)
class Project:
    project_id: str
    name: str
    org_unit_id: str
    status: str = "ACTIVE"
    budget: int = 0  # KRW over the project


@dataclass(frozen=True, slots=True)
class Demand:  # a project's need of its unit in one week
    demand_id: str
    project_id: str
    org_unit_id: str
    week: str
    quantity_fte: float


@dataclass(frozen=True, slots=True)
class Availability:
    availability_id: str
    employee_id: str
    week: str
    available_fte: float


@dataclass(frozen=True, slots=True)
class Assignment:  # ASSIGNED_TO Employee, WORKS_ON Project, per week
    assignment_id: str
    employee_id: str
    project_id: str
    week: str
    fte: float


@dataclass(frozen=True, slots=True)
class Opportunity:  # OWNS (OrgUnit → Opportunity)
    opportunity_id: str
    name: str
    org_unit_id: str
    deal_value: int
    stage: str = "PROPOSAL"
    start_week: str = ""
    duration_weeks: int = 12
    required_fte: float = 1.0


@dataclass(frozen=True, slots=True)
class RequiredCompetency:  # REQUIRES (Project or Opportunity → Competency)
    requirement_id: str
    competency_id: str
    minimum_level: int
    project_id: str = ""
    opportunity_id: str = ""
    fte: float = 1.0


@dataclass(frozen=True, slots=True)
class CostRate:
    rate_id: str
    kind: str  # INTERNAL, CONTRACTOR, HIRE, TRAINING
    weekly_cost: int  # KRW per FTE-week
    lead_weeks: int = 0  # weeks before the capacity arrives
    one_off_cost: int = 0  # KRW per person (recruiting fee, course fee)
    productivity: float = 1.0  # 0-1 of a settled employee


@dataclass(frozen=True, slots=True)
class ProjectOutcome:  # historical project results
    outcome_id: str
    project_id: str
    org_unit_id: str
    outcome: str  # SUCCESS, PARTIAL, FAILED
    planned_weeks: int = 0
    actual_weeks: int = 0
    margin_pct: float = 0.0


TABLES: dict[str, type] = {
    "org_units": OrgUnit,
    "employees": Employee,
    "competencies": Competency,
    "person_competencies": PersonCompetency,
    "projects": Project,
    "demands": Demand,
    "availability": Availability,
    "assignments": Assignment,
    "opportunities": Opportunity,
    "required_competencies": RequiredCompetency,
    "cost_rates": CostRate,
    "project_outcomes": ProjectOutcome,
}
REQUIRED_TABLES = ("org_units", "employees", "availability", "demands")
KEY = {name: dataclasses.fields(cls)[0].name for name, cls in TABLES.items()}
KEY["person_competencies"] = "employee_id"  # (employee_id, competency_id) is the key


@dataclass(frozen=True, slots=True)
class HRGraph:
    org_units: tuple[OrgUnit, ...] = ()
    employees: tuple[Employee, ...] = ()
    competencies: tuple[Competency, ...] = ()
    person_competencies: tuple[PersonCompetency, ...] = ()
    projects: tuple[Project, ...] = ()
    demands: tuple[Demand, ...] = ()
    availability: tuple[Availability, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    required_competencies: tuple[RequiredCompetency, ...] = ()
    cost_rates: tuple[CostRate, ...] = ()
    project_outcomes: tuple[ProjectOutcome, ...] = ()
    _ids: dict = field(default_factory=dict, compare=False, repr=False)

    def row_ids(self) -> set[str]:
        """Every row's evidence id ``table:key`` (the ids validation links claims to)."""
        if not self._ids:
            ids = {row_id(name, row) for name in TABLES for row in getattr(self, name)}
            self._ids["all"] = ids
        return self._ids["all"]

    def weeks(self) -> list[str]:
        return sorted({a.week for a in self.availability} | {d.week for d in self.demands})

    def unit(self, org_unit_id: str) -> OrgUnit | None:
        return next((u for u in self.org_units if u.org_unit_id == org_unit_id), None)


def row_id(table: str, row: Any) -> str:
    """The evidence id of a row: ``employees:E-0001``; person competencies by both keys."""
    if table == "person_competencies":
        return f"{table}:{row.employee_id}/{row.competency_id}"
    return f"{table}:{getattr(row, KEY[table])}"


def graph_of(tables: Mapping[str, Sequence[Any]]) -> HRGraph:
    return HRGraph(**{name: tuple(tables.get(name, ())) for name in TABLES})


class RowError(ValueError):
    """A record that cannot be a row: ``errors`` maps field → message."""

    def __init__(self, table: str, index: int, errors: dict[str, str]) -> None:
        self.table, self.index, self.errors = table, index, errors
        detail = "; ".join(f"{k}: {v}" for k, v in errors.items())
        super().__init__(f"{table} row {index}: {detail}")


def _convert(name: str, kind: str, value: Any) -> Any:
    if kind == "str":
        text = "" if value is None else str(value).strip()
        if len(text) > 200:
            raise ValueError("at most 200 characters")
        return text
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("a number is required")
    if kind == "int":
        number = float(value)
        if not math.isfinite(number) or number != int(number) or abs(number) > 2**53:
            raise ValueError(f"not a whole number: {value!r}")
        return int(number)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _check(table: str, row: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    for f in dataclasses.fields(row):
        value = getattr(row, f.name)
        if isinstance(value, (int, float)) and value < 0 and f.name != "margin_pct":
            errors[f.name] = "must not be negative"
        if f.name == "week" or (f.name == "start_week" and value):
            try:
                if date.fromisoformat(value).weekday() != 0:
                    errors[f.name] = "a week is the ISO date of its Monday"
            except ValueError:
                errors[f.name] = "a week is an ISO date (YYYY-MM-DD)"
    if table == "employees" and row.status not in EMPLOYEE_STATUSES:
        errors["status"] = f"one of {', '.join(EMPLOYEE_STATUSES)}"
    if table == "cost_rates" and row.kind not in RATE_KINDS:
        errors["kind"] = f"one of {', '.join(RATE_KINDS)}"
    if table == "project_outcomes" and row.outcome not in OUTCOMES:
        errors["outcome"] = f"one of {', '.join(OUTCOMES)}"
    for name in ("level", "minimum_level"):
        if hasattr(row, name) and not 1 <= getattr(row, name) <= 5 and table != "org_units":
            errors[name] = "a level is 1-5"
    one_person = ("available_fte", "productivity") + (("fte",) if table == "assignments" else ())
    for name in one_person:
        if hasattr(row, name) and getattr(row, name) > 1.0:
            errors.setdefault(name, "at most 1 (one person's full time)")
    for name in ("quantity_fte", "required_fte", "fte", "margin_pct"):
        if hasattr(row, name) and abs(getattr(row, name)) > 1e5:
            errors.setdefault(name, "at most 100000")
    key = dataclasses.fields(row)[0].name
    if not getattr(row, key):
        errors[key] = "required"
    return errors


def row_from_mapping(table: str, record: Mapping[str, Any], index: int) -> Any:
    """One row of ``table`` from a CSV / JSON record; RowError names every bad field."""
    cls = TABLES[table]
    fields = {f.name: f for f in dataclasses.fields(cls)}
    errors: dict[str, str] = {}
    unknown = {str(k) for k in record if k not in fields}
    for name in sorted(unknown):
        errors[name] = "unknown column" if name != "None" else "more cells than the header has"
    values: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in record or record[name] in (None, ""):
            if f.default is dataclasses.MISSING:
                errors[name] = "required"
            continue
        kind = f.type if isinstance(f.type, str) else f.type.__name__
        if isinstance(record[name], (dict, list, bool)):
            errors[name] = "a single text or number"
            continue
        try:
            values[name] = _convert(name, kind, record[name])
        except (TypeError, ValueError) as exc:
            errors[name] = str(exc)
    if errors:
        raise RowError(table, index, errors)
    row = cls(**values)
    errors = _check(table, row)
    if errors:
        raise RowError(table, index, errors)
    return row


def check_references(graph: HRGraph) -> list[str]:
    """Dangling references (an employee of an unknown unit, …), as readable messages."""
    units = {u.org_unit_id for u in graph.org_units}
    people = {e.employee_id for e in graph.employees}
    comps = {c.competency_id for c in graph.competencies}
    projects = {p.project_id for p in graph.projects}
    opps = {o.opportunity_id for o in graph.opportunities}
    refs = [
        ("org_units", "parent_id", units | {""}),
        ("employees", "org_unit_id", units),
        ("person_competencies", "employee_id", people),
        ("person_competencies", "competency_id", comps),
        ("projects", "org_unit_id", units),
        ("demands", "project_id", projects),
        ("demands", "org_unit_id", units),
        ("availability", "employee_id", people),
        ("assignments", "employee_id", people),
        ("assignments", "project_id", projects),
        ("opportunities", "org_unit_id", units),
        ("required_competencies", "competency_id", comps),
        ("required_competencies", "project_id", projects | {""}),
        ("required_competencies", "opportunity_id", opps | {""}),
        ("project_outcomes", "org_unit_id", units),
    ]
    out = []
    for table, column, known in refs:
        for n, row in enumerate(getattr(graph, table), start=1):
            if getattr(row, column) not in known:
                out.append(f"{table} row {n}: {column} {getattr(row, column)!r} is not known")
    return out
