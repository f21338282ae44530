"""The SQL that fetches the HR graph rows a decision needs (SQLite and PostgreSQL alike): the
week-bound tables (availability, demands, assignments) only within the question's horizon, the
rest whole. Returns an app.decisions.graph.HRGraph for the pure workflow steps."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.decisions.graph import TABLES, HRGraph, graph_of
from server.hr.tables import HR_TABLES

WEEKLY = ("availability", "demands", "assignments")


def _rows(session: Session, name: str, first_week: str | None, last_week: str | None) -> list:
    table = HR_TABLES[name]
    cls = TABLES[name]
    stmt = select(*table.c)
    if name in WEEKLY and first_week:
        stmt = stmt.where(table.c.week >= first_week)
    if name in WEEKLY and last_week:
        stmt = stmt.where(table.c.week <= last_week)
    stmt = stmt.order_by(*table.primary_key.columns)
    names = [f.name for f in dataclasses.fields(cls)]
    return [cls(**{n: r._mapping[n] for n in names}) for r in session.execute(stmt)]


def graph_weeks(session: Session, first_week: str) -> list[str]:
    """The distinct weeks on or after ``first_week`` that hold availability (the supply)."""
    table = HR_TABLES["availability"]
    stmt = select(table.c.week).where(table.c.week >= first_week).distinct().order_by(table.c.week)
    return [w for (w,) in session.execute(stmt)]


def fetch_graph(
    session: Session, first_week: str | None = None, last_week: str | None = None
) -> HRGraph:
    """All graph rows, the weekly ones within [first_week, last_week] (ISO Mondays)."""
    return graph_of({name: _rows(session, name, first_week, last_week) for name in TABLES})


def row_counts(session: Session) -> dict[str, int]:
    return {
        name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for name, table in HR_TABLES.items()
    }


def fetch_names(session: Session) -> HRGraph:
    """Only the named nodes the question is read against (units, competencies, opportunities)."""
    return graph_of(
        {name: _rows(session, name, None, None)
         for name in ("org_units", "competencies", "opportunities")}
    )  # fmt: skip
