"""Load an organisation's HR knowledge graph from a directory of CSV / JSON files
(docs/HR_GRAPH.md): ``<table>.csv`` (UTF-8, header row) or ``<table>.json`` (a list of objects)
per table. Every row is checked (types, bounds, weeks on Mondays, references between tables)
before anything is written; then the graph replaces the stored one in one transaction. A bad
file changes nothing and every problem is reported with its table, row and column."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from app.decisions.graph import (
    REQUIRED_TABLES,
    TABLES,
    HRGraph,
    RowError,
    check_references,
    graph_of,
    row_from_mapping,
    row_id,
)
from server.hr.tables import HR_TABLES

MAX_ERRORS = 50
MAX_ROWS = 1_000_000


class HRLoadError(ValueError):
    """The graph could not be loaded; ``problems`` lists every reason found (up to 50)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _records(path: Path) -> list[Mapping[str, Any]]:
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise HRLoadError([f"{path.name}: a JSON file holds a list of objects"])
        return data
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def parse_tables(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> HRGraph:
    """Rows of each table from plain records; HRLoadError with every problem found."""
    problems: list[str] = []
    rows: dict[str, list] = {}
    for name in REQUIRED_TABLES:
        if not tables.get(name):
            problems.append(f"{name}: required, with at least one row")
    for name, records in tables.items():
        if name not in TABLES:
            problems.append(f"{name}: unknown table (known: {', '.join(TABLES)})")
            continue
        if len(records) > MAX_ROWS:
            problems.append(f"{name}: more than {MAX_ROWS} rows")
            continue
        out, seen = [], set()
        for n, record in enumerate(records, start=1):
            try:
                row = row_from_mapping(name, record, n)
            except RowError as exc:
                problems.append(str(exc))
                if len(problems) >= MAX_ERRORS:
                    raise HRLoadError(problems) from None
                continue
            key = row_id(name, row)
            if key in seen:
                problems.append(f"{name} row {n}: duplicate key {key!r}")
            seen.add(key)
            out.append(row)
        rows[name] = out
    if problems:
        raise HRLoadError(problems[:MAX_ERRORS])
    graph = graph_of(rows)
    dangling = check_references(graph)
    if dangling:
        raise HRLoadError(dangling[:MAX_ERRORS])
    return graph


def read_dir(directory: Path) -> HRGraph:
    """The graph in ``directory`` (see the module docstring)."""
    if not directory.is_dir():
        raise HRLoadError([f"{directory}: not a directory"])
    tables: dict[str, list] = {}
    problems = []
    for path in sorted(directory.iterdir()):
        if path.suffix not in (".csv", ".json"):
            continue
        if path.stem in tables:
            problems.append(f"{path.stem}: both a .csv and a .json file")
            continue
        try:
            tables[path.stem] = _records(path)
        except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
            problems.append(f"{path.name}: cannot be read ({exc})")
        except HRLoadError as exc:
            problems += exc.problems
    if problems:
        raise HRLoadError(problems)
    return parse_tables(tables)


def store_graph(session, graph: HRGraph) -> dict[str, int]:
    """Replace the stored graph with ``graph`` (the caller commits); counts per table."""
    counts = {}
    for name, table in HR_TABLES.items():
        session.execute(delete(table))
        rows = getattr(graph, name)
        if rows:
            session.execute(insert(table), [dataclasses.asdict(r) for r in rows])
        counts[name] = len(rows)
    return counts


def load_dir(db, directory: Path) -> dict[str, int]:
    """Read, check and store the graph in ``directory`` in one transaction."""
    graph = read_dir(directory)
    with db.session() as s:
        counts = store_graph(s, graph)
        s.commit()
    return counts


HR_EMPTY = (
    "no HR knowledge graph is loaded: run `reviewer-server load-hr DIR` (docs/HR_GRAPH.md) / "
    "HR 지식 그래프가 없습니다: reviewer-server load-hr DIR로 적재하세요."
)
