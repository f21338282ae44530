"""Claim validation: status by evidence count, link rate and hallucination risk."""

from __future__ import annotations

import pytest

from app.domain.decisions import Claim
from app.domain.enums import ClaimStatus
from app.rules.validation import classify, looks_like_assumption, summarise


def test_status_by_evidence_count() -> None:
    assert classify(2) is ClaimStatus.VERIFIED
    assert classify(3) is ClaimStatus.VERIFIED
    assert classify(1) is ClaimStatus.PARTIAL
    assert classify(0) is ClaimStatus.UNVERIFIED
    assert classify(5, assumption=True) is ClaimStatus.ASSUMPTION


def test_summary_counts_rates_and_issues() -> None:
    claims = [
        Claim("가동률 92%", evidence=["EV-1", "EV-2"]),
        Claim("가용 인력 8명", evidence=["EV-1"]),
        Claim("필요 인력 10명"),
        Claim("단가가 유지된다고 가정", status=ClaimStatus.ASSUMPTION),
    ]
    result = summarise(claims)
    assert [c.status for c in result.validations] == [
        ClaimStatus.VERIFIED,
        ClaimStatus.PARTIAL,
        ClaimStatus.UNVERIFIED,
        ClaimStatus.ASSUMPTION,
    ]
    assert (result.total_claims, result.verified_claims, result.partial_claims) == (4, 1, 1)
    assert (result.unverified_claims, result.assumption_claims) == (1, 1)
    assert result.evidence_link_rate == pytest.approx(2 / 3)  # assumptions excluded
    assert result.hallucination_risk == pytest.approx((1.0 + 0.5) / 3)
    assert any("환각" in issue for issue in result.overall_issues)


def test_duplicate_evidence_counts_once() -> None:
    result = summarise([Claim("x", evidence=["EV-1", "EV-1"])])
    assert result.validations[0].status is ClaimStatus.PARTIAL
    assert result.hallucination_risk == 0.5


def test_all_verified_means_no_risk() -> None:
    result = summarise([Claim("a", evidence=["1", "2"]), Claim("b", evidence=["3", "4"])])
    assert result.evidence_link_rate == 1.0
    assert result.hallucination_risk == 0.0
    assert result.overall_issues == []


def test_empty_and_assumption_only() -> None:
    assert summarise([]).evidence_link_rate == 0.0
    only = summarise([Claim("가정", status=ClaimStatus.ASSUMPTION)])
    assert only.hallucination_risk == 0.0 and only.assumption_claims == 1


def test_assumption_markers() -> None:
    assert looks_like_assumption("외주 단가가 유지된다고 가정하면")
    assert looks_like_assumption("Assuming rates stay flat")
    assert not looks_like_assumption("현재 가용 인력은 8명입니다")
