"""The fact checker (seed 003): every quantity of a text is a claim; annotated ones are compared
with the KPI store at the precision they are written with, the others are unverified."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.rules import fact_check, kpi

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_quantities_skip_dates_and_read_units() -> None:
    text = "2026년 11월 16일~22일(3분기 아님): 412건, 92.3%, 0.3%p, 18억 원, 5.2분, 1,200명"
    found = [(text[b:e], v) for b, e, v, _d in fact_check.quantities(text)]
    assert found == [("412건", 412), ("92.3%", 92.3), ("0.3%p", 0.3), ("18억 원", 1.8e9),
                     ("5.2분", 5.2), ("1,200명", 1200)]  # fmt: skip


@pytest.mark.parametrize(("stated", "decimals", "stored", "ok"), [
    (47.8, 1, 47.83, True), (48.0, 0, 47.6, True), (47.8, 1, 47.9, False), (3.0, 0, None, False),
])  # fmt: skip
def test_precision_of_the_statement(stated, decimals, stored, ok) -> None:
    assert fact_check.matches(stated, stored, decimals) is ok


def test_annotated_figures_are_checked_and_the_rest_unverified() -> None:
    body = "접수 412건, 준수율 92.3%, 다음 주 예상 95%."
    week = "weekly:2026-11-16"
    figures = [("412건", f"cases_created@{week}"), ("92.3%", f"sla_compliance_pct@{week}")]
    claims = fact_check.annotate(body, figures)
    store = {"cases_created@weekly:2026-11-16": 412, "sla_compliance_pct@weekly:2026-11-16": 90.1}
    result = fact_check.check(body, claims, lambda names: {n: store.get(n) for n in names}, NOW)
    assert [(c.text, c.matches, c.stored_value) for c in result.claims] == [
        ("412건", True, 412),
        ("92.3%", False, 90.1),
        ("95%", False, None),
    ]
    assert [c.text for c in fact_check.unverified(result)] == ["92.3%", "95%"]
    with pytest.raises(ValueError):
        fact_check.annotate(body, [("413건", "cases_created@weekly:2026-11-16")])


def test_period_keys() -> None:
    start, end = kpi.period_bounds("weekly:2026-11-16")
    assert (end - start).days == 7 and kpi.period_key("weekly", start) == "weekly:2026-11-16"
    assert kpi.period_bounds("monthly:2026-11")[0].isoformat() == "2026-10-31T15:00:00+00:00"
    for bad in ("weekly:2026-11-17", "yearly:2026", "daily:nope"):
        with pytest.raises(ValueError):
            kpi.period_bounds(bad)
    assert kpi.lookup(kpi.KpiInputs(), ["nope@daily:2026-11-16", "cases_created@x:1"], NOW) == {
        "nope@daily:2026-11-16": None, "cases_created@x:1": None}  # fmt: skip
