"""Issue 17's pure rules: which actions ask for confirmation, the reason-code catalogue, the
recommended option's real place under what-if weights."""

from __future__ import annotations

from app.rules.confirmation import CONFIRM_FROM_KRW, needs_confirmation
from app.rules.options import rank_of
from app.rules.reason_codes import (
    APPROVE_CODES,
    DENY_CODES,
    code_label,
    codes_for,
    unknown_codes,
)


def test_approve_asks_from_1eok_and_overturn_and_close_always():
    assert CONFIRM_FROM_KRW == 100_000_000
    assert not needs_confirmation("approve", amount_at_stake=99_999_999)
    assert needs_confirmation("approve", amount_at_stake=100_000_000)
    assert needs_confirmation("appeal_resolve", resolution="overturn")
    assert not needs_confirmation("appeal_resolve", resolution="uphold")
    assert needs_confirmation("close")
    assert not needs_confirmation("deny") and not needs_confirmation("comment")


def test_the_catalogue_holds_the_seed_codes_and_no_free_text():
    assert "CREDIT-DENY-SCORE-001" in {c.code for c in DENY_CODES}  # seed 000's example
    assert "CREDIT-DENY-DTI-001" in {c.code for c in DENY_CODES}
    assert codes_for("approve") == APPROVE_CODES and codes_for("comment") == ()
    assert unknown_codes("approve", ["A01", "CREDIT-APPR-INCOME-001"]) == ["A01"]
    assert unknown_codes("deny", ["CREDIT-APPR-INCOME-001"]) == ["CREDIT-APPR-INCOME-001"]
    assert code_label("CREDIT-DENY-DTI-001", "ko") == "DTI 기준 초과"
    assert code_label("CREDIT-DENY-DTI-001", "en") == "DTI above the policy"
    assert code_label("A01") == "A01"
    codes = [c.code for c in (*APPROVE_CODES, *DENY_CODES)]
    assert len(codes) == len(set(codes))


def test_rank_of_is_the_real_place():
    ranking = [("OPT-01", 60.0), ("OPT-02", 58.8), ("OPT-03", 56.0)]
    assert rank_of(ranking, "OPT-02") == 2
    assert rank_of(ranking, "OPT-01") == 1
    assert rank_of(ranking, "OPT-09") is None
