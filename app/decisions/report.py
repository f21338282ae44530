"""Step 8, FINALIZATION: the final report of a decided execution, in Korean and English, from
the execution's own results and its approval (the decision log is app.rules.approvals'
``build_decision_log``)."""

from __future__ import annotations

from app.decisions.evidence import won
from app.domain.decisions import DecisionExecution
from app.domain.enums import ApprovalStatus

STATUS_KO = {
    ApprovalStatus.APPROVED: "승인",
    ApprovalStatus.MODIFIED: "수정 후 승인",
    ApprovalStatus.REJECTED: "거절",
    ApprovalStatus.EXPIRED: "타임아웃",
    ApprovalStatus.TIMEOUT: "타임아웃",
}


def final_report(decision: DecisionExecution) -> dict[str, str]:
    """``{"ko": …, "en": …}``: question, status, chosen option with its numbers, conditions."""
    request = decision.approval_request
    options = decision.option_set
    status = request.status if request else ApprovalStatus.PENDING
    chosen = options.option(request.selected_option_id) if options and request else None
    analysis = (
        next(
            (a for a in decision.comparison.analyses if chosen and a.option_id == chosen.option_id),
            None,
        )
        if decision.comparison
        else None
    )
    last = request.responses[-1] if request and request.responses else None
    query = decision.query.original_query if decision.query else ""
    ko = [f"질문: {query}", f"결정: {STATUS_KO.get(status, status.value)}"]
    en = [f"Question: {query}", f"Decision: {status.value}"]
    if chosen:
        ko.append(
            f"선택한 대안: {chosen.option_id} {chosen.name} — 비용 {won(chosen.estimated_cost)}, "
            f"효과 {won(chosen.estimated_benefit)}, 소요 {chosen.implementation_time}"
        )
        en.append(f"Chosen option: {chosen.option_id} ({chosen.option_type.value}) — cost "
                  f"{chosen.estimated_cost:,} KRW, benefit {chosen.estimated_benefit:,} KRW, "
                  f"lead time {chosen.implementation_time.replace('주', ' weeks')}")  # fmt: skip
    if analysis:
        low, high = analysis.confidence_interval
        ko.append(
            f"영향 점수 {analysis.overall_impact_score:.1f}점 (90% 구간 {low:.1f}~{high:.1f})"
        )
        en.append(
            f"Impact score {analysis.overall_impact_score:.1f} (90% interval {low:.1f}-{high:.1f})"
        )
    if decision.probability:
        p = decision.probability.overall_probability * 100
        ko.append(f"성공 확률 {p:.0f}%")
        en.append(f"Success probability {p:.0f}%")
    if decision.validation:
        rate = decision.validation.evidence_link_rate * 100
        risk = decision.validation.hallucination_risk * 100
        ko.append(f"근거 연결률 {rate:.0f}%, 환각 위험도 {risk:.0f}%")
        en.append(f"Evidence link rate {rate:.0f}%, hallucination risk "
                  f"{decision.validation.hallucination_risk * 100:.0f}%")  # fmt: skip
    if last:
        ko.append(f"결정 근거: {last.rationale}")
        en.append(f"Rationale: {last.rationale}")
        if last.conditions:
            ko.append("조건: " + "; ".join(last.conditions))
            en.append("Conditions: " + "; ".join(last.conditions))
    return {"ko": "\n".join(ko), "en": "\n".join(en)}
