"""The decision page reads every amount one way, whatever unit the seed wrote it in (issue 24:
만원 / 억원 / 백만원 were mixed on the page)."""

from __future__ import annotations

from widgets.metrics_matrix import compact_value, unit_text


def test_money_in_any_seed_unit_reads_in_won_with_man_and_eok():
    assert compact_value(148_000_000, "원", True) == "1억 4,800만원"
    assert compact_value(100, "백만원", True) == "1억원"
    assert compact_value(1_200, "만원", True) == "1,200만원"
    assert compact_value(1.5, "억원", True) == "1억 5,000만원"
    assert compact_value(100, "백만원", False) == "₩100,000,000"
    assert unit_text("백만원") == "원" and unit_text("%") == "%"
    assert compact_value(84.5, "%", True) == "84.5"
