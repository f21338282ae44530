"""Claim validation (seed 002, Validator agent).

Status per claim (the seed's table): VERIFIED with >= 2 pieces of evidence, PARTIAL with 1,
UNVERIFIED with none, ASSUMPTION when the claim is marked as an assumption (kept as is).

The seed defines the rates only by name; ours, over the claims that need evidence (all but
assumptions, whose hallucination risk is "-" in the seed):
- evidence_link_rate = (verified + partial) / claims needing evidence
- hallucination_risk = (1.0 x unverified + 0.5 x partial + 0 x verified) / claims needing
  evidence, i.e. the seed's HIGH / MEDIUM / LOW risk as 1 / 0.5 / 0.
With no claim needing evidence both are 0.0 (nothing to link, nothing invented).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from app.domain.decisions import Claim, ValidationResult
from app.domain.enums import ClaimStatus

RISK_WEIGHT = {
    ClaimStatus.VERIFIED: 0.0,
    ClaimStatus.PARTIAL: 0.5,
    ClaimStatus.UNVERIFIED: 1.0,
}
HIGH_HALLUCINATION_RISK = 0.3  # above this the summary raises an overall issue

_ASSUMPTION_MARKERS = re.compile(r"(가정|전제로|assum(e|ing|ption))", re.IGNORECASE)


def looks_like_assumption(text: str) -> bool:
    """True when the sentence says it is an assumption (가정 / 전제로 / assume / assumption)."""
    return bool(_ASSUMPTION_MARKERS.search(text))


def classify(evidence_count: int, *, assumption: bool = False) -> ClaimStatus:
    """The seed's status for a claim with this many evidence links."""
    if assumption:
        return ClaimStatus.ASSUMPTION
    if evidence_count >= 2:
        return ClaimStatus.VERIFIED
    return ClaimStatus.PARTIAL if evidence_count == 1 else ClaimStatus.UNVERIFIED


def classify_claim(claim: Claim) -> Claim:
    """The claim with its status recomputed from its evidence (ASSUMPTION is kept)."""
    status = classify(len(set(claim.evidence)), assumption=claim.status is ClaimStatus.ASSUMPTION)
    return dataclasses.replace(claim, status=status, evidence=list(claim.evidence))


def summarise(claims: Iterable[Claim]) -> ValidationResult:
    """Counts, evidence link rate, hallucination risk and overall issues for these claims."""
    checked = [classify_claim(c) for c in claims]
    count = {s: sum(1 for c in checked if c.status is s) for s in ClaimStatus}
    needing = len(checked) - count[ClaimStatus.ASSUMPTION]
    if needing:
        linked = count[ClaimStatus.VERIFIED] + count[ClaimStatus.PARTIAL]
        link_rate = linked / needing
        risk = sum(RISK_WEIGHT[c.status] for c in checked if c.status in RISK_WEIGHT) / needing
    else:
        link_rate = risk = 0.0
    issues: list[str] = []
    if count[ClaimStatus.UNVERIFIED]:
        issues.append(f"근거 없는 주장 {count[ClaimStatus.UNVERIFIED]}개 (환각 위험)")
    if risk > HIGH_HALLUCINATION_RISK:
        issues.append(f"환각 위험도 {risk * 100:.1f}% — 검토 필요")
    if count[ClaimStatus.ASSUMPTION]:
        issues.append(f"가정으로 표시된 주장 {count[ClaimStatus.ASSUMPTION]}개")
    return ValidationResult(
        total_claims=len(checked),
        verified_claims=count[ClaimStatus.VERIFIED],
        partial_claims=count[ClaimStatus.PARTIAL],
        unverified_claims=count[ClaimStatus.UNVERIFIED],
        assumption_claims=count[ClaimStatus.ASSUMPTION],
        evidence_link_rate=round(link_rate, 6),
        hallucination_risk=round(risk, 6),
        validations=checked,
        overall_issues=issues,
    )
