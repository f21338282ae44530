"""Reason codes read as words beside the code, in both languages; the automatic decision's codes
are in the one catalogue (the demo draws from it) but a user never picks them."""

from __future__ import annotations

from app.rules.reason_codes import AUTO_CODES, codes_for, codes_text
from server.demo.cases import REASONS


def test_codes_read_as_words_with_the_code_beside_them() -> None:
    assert codes_text(["DOCS_MISSING", "HIGH_AMOUNT"], "ko") == (
        "서류 미비 (DOCS_MISSING), 고액 신청 (HIGH_AMOUNT)"
    )
    assert codes_text(["DOCS_MISSING"], "en") == "Documents missing (DOCS_MISSING)"
    assert codes_text(["CREDIT-DENY-DTI-001"], "en") == "DTI above the policy (CREDIT-DENY-DTI-001)"
    assert codes_text(["NOT-A-CODE"], "ko") == "NOT-A-CODE"  # unknown: the code, said once


def test_the_demo_draws_from_the_catalogue_and_nobody_picks_automatic_codes() -> None:
    assert set(REASONS) == {c.code for c in AUTO_CODES}
    pickable = {c.code for a in ("approve", "deny", "appeal_resolve") for c in codes_for(a)}
    assert not pickable & set(REASONS)
