"""``reviewer-server load-hr DIR``: a good directory replaces the stored graph; a bad one prints
each problem (table, row, column) and changes nothing. Real SQLite file, real CLI entry point."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from app.decisions.graph import TABLES
from server.cli import main
from server.demo.hr_org import demo_graph, write_dir
from server.hr.fetch import fetch_graph, row_counts
from server.storage import ServerDB

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


def _db(tmp_path: Path) -> tuple[str, ServerDB]:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    return url, ServerDB(url)


def test_load_hr_stores_the_graph_and_sql_reads_it_back(tmp_path: Path, capsys) -> None:
    graph = demo_graph(NOW)
    write_dir(graph, tmp_path / "hr")
    url, db = _db(tmp_path)
    assert main(["load-hr", str(tmp_path / "hr"), "--db", url]) == 0
    assert "employees 110" in capsys.readouterr().out
    with db.read() as s:
        stored = fetch_graph(s)
        for name in TABLES:
            assert set(getattr(stored, name)) == set(getattr(graph, name)), name
        weeks = graph.weeks()
        bounded = fetch_graph(s, weeks[2], weeks[3])
    assert {a.week for a in bounded.availability} == {weeks[2], weeks[3]}
    assert set(bounded.employees) == set(graph.employees)
    db.dispose()


def test_a_bad_file_names_the_problems_and_loads_nothing(tmp_path: Path, capsys) -> None:
    url, db = _db(tmp_path)
    write_dir(demo_graph(NOW), tmp_path / "good")
    assert main(["load-hr", str(tmp_path / "good"), "--db", url]) == 0
    with db.read() as s:
        before = row_counts(s)
    bad = tmp_path / "bad"
    write_dir(demo_graph(NOW, seed=7), bad)
    rows = list(csv.DictReader((bad / "availability.csv").open(encoding="utf-8")))
    rows[0]["week"] = "2026-12-08"  # a Tuesday
    rows[1]["available_fte"] = "1.5"
    rows[2]["employee_id"] = "EMP-9999"  # nobody
    with (bad / "availability.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(list(rows[0]))
        for n, row in enumerate(rows):
            extra = ["extra"] if n == 3 else []  # row 4 has more cells than the header
            writer.writerow([*row.values(), *extra])
    assert main(["load-hr", str(bad), "--db", url]) == 2
    err = capsys.readouterr().err
    assert "availability row 1: week: a week is the ISO date of its Monday" in err
    assert "availability row 2: available_fte" in err
    assert "availability row 4: None: more cells than the header has" in err
    with db.read() as s:
        assert row_counts(s) == before  # nothing changed
    (bad / "demands.csv").unlink()
    assert main(["load-hr", str(bad), "--db", url]) == 2
    assert "demands: required" in capsys.readouterr().err
    db.dispose()
