"""The palette's case search over a real SQLite store file: by id (exact id first) and by
customer name; nothing for blank text."""

from __future__ import annotations

from sqlalchemy import select

from app.store.case_search import find_cases
from app.store.models import CaseRow
from tests.qt.data import NOW, build_store  # Qt-free: domain objects into a real store file


def test_finds_cases_by_id_and_customer(tmp_path):
    store = build_store(tmp_path / "search.sqlite3", 60)
    try:
        with store.session() as s:
            first_id, name = s.execute(select(CaseRow.id, CaseRow.customer_name).limit(1)).one()
            by_id = find_cases(s, first_id, NOW)
            assert by_id and by_id[0].id == first_id
            by_name = find_cases(s, name, NOW)
            assert by_name and all(name in r.customer_name for r in by_name)
            assert len(find_cases(s, "", NOW)) == 0
            assert find_cases(s, "no-such-case-or-customer", NOW) == []
    finally:
        store.close()
