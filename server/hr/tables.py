"""SQLAlchemy Core tables of the HR knowledge graph, one per row type of app.decisions.graph
(columns named as its fields; weeks as ISO date text, so they sort and compare the same on
SQLite and PostgreSQL). They live in ``server.tables.metadata``, so the schema is created with
the rest."""

from __future__ import annotations

import dataclasses

from sqlalchemy import BigInteger, Column, Float, Index, String, Table

from app.decisions.graph import TABLES
from server.tables import metadata

_TYPES = {"str": lambda: String(200), "int": lambda: BigInteger(), "float": lambda: Float()}
_KEYS = {"person_competencies": ("employee_id", "competency_id")}
_INDEXES = {
    "employees": [("org_unit_id",)],
    "demands": [("org_unit_id", "week"), ("project_id",)],
    "availability": [("week", "employee_id")],
    "assignments": [("week", "employee_id")],
    "required_competencies": [("opportunity_id",), ("project_id",)],
}


def _table(name: str, cls: type) -> Table:
    fields = dataclasses.fields(cls)
    keys = _KEYS.get(name, (fields[0].name,))
    columns = [
        Column(
            f.name,
            String(10) if "week" in f.name and f.type == "str" else _TYPES[f.type](),
            primary_key=f.name in keys,
            nullable=not (f.name in keys or f.default is dataclasses.MISSING),
        )
        for f in fields
    ]
    indexes = [Index(f"ix_hr_{name}_{'_'.join(cols)}", *cols) for cols in _INDEXES.get(name, [])]
    return Table(f"hr_{name}", metadata, *columns, *indexes)


HR_TABLES: dict[str, Table] = {name: _table(name, cls) for name, cls in TABLES.items()}
