"""Priority hints of the runbook ("케이스 우선순위") for a new case.

| priority | reason codes (runbook 특징)                                                    |
|----------|--------------------------------------------------------------------------------|
| P0       | high_amount (>= 1억원), vip, fraud_suspected, legal_deadline (법적 기한 임박), |
|          | system_error (시스템 오류로 인한 잘못된 거부)                                  |
| P1       | borderline_score (model score 0.45-0.55, or a credit score 590-599 just under  |
|          | the 600 cutoff: the runbook's "598점 (기준 600)" example), policy_exception    |
| P2       | missing_info (일부 정보 부족), else standard_review (표준 검토)                |
| P3       | inquiry (단순 문의 / 정보 제공 요청, not an application)                       |

Every matching reason is reported; the priority is the most urgent one that matched. A hint is a
suggestion: the case's priority is whatever the creator or ops_admin sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.cases import Application, Customer, DecisionContext
from app.domain.enums import CustomerTier, Priority

HIGH_AMOUNT_KRW = 100_000_000  # 1억원
BORDERLINE_SCORE = (0.45, 0.55)  # inclusive
CREDIT_SCORE_CUTOFF = 600  # the runbook's "기준 600"
CREDIT_SCORE_MARGIN = 10  # 590-599 counts as borderline
LEGAL_DEADLINE_WINDOW = timedelta(days=7)  # "임박" when ``today`` is given

REASON_PRIORITY: dict[str, Priority] = {
    "high_amount": Priority.P0,
    "vip": Priority.P0,
    "fraud_suspected": Priority.P0,
    "system_error": Priority.P0,
    "legal_deadline": Priority.P0,
    "borderline_score": Priority.P1,
    "policy_exception": Priority.P1,
    "missing_info": Priority.P2,
    "standard_review": Priority.P2,
    "inquiry": Priority.P3,
}

REASON_LABELS: dict[str, dict[str, str]] = {
    "high_amount": {"ko": "고액 거래 (1억원 이상)", "en": "High amount (100M KRW or more)"},
    "vip": {"ko": "VIP 고객", "en": "VIP customer"},
    "fraud_suspected": {"ko": "사기 의심 (긴급 확인)", "en": "Suspected fraud (urgent check)"},
    "system_error": {
        "ko": "시스템 오류로 인한 잘못된 거부",
        "en": "Wrongful denial caused by a system error",
    },
    "legal_deadline": {"ko": "법적 기한 임박", "en": "Legal deadline imminent"},
    "borderline_score": {"ko": "경계선 스코어", "en": "Borderline score"},
    "policy_exception": {"ko": "정책 예외 요청", "en": "Policy exception requested"},
    "missing_info": {"ko": "일부 정보 부족 (보완 가능)", "en": "Missing information (fixable)"},
    "standard_review": {"ko": "표준 검토", "en": "Standard review"},
    "inquiry": {"ko": "단순 문의", "en": "Simple inquiry"},
}


@dataclass(frozen=True, slots=True)
class PriorityHint:
    """The suggested priority and the reason codes behind it, most urgent first."""

    priority: Priority
    reasons: list[str] = field(default_factory=list)

    def labels(self, lang: str = "ko") -> list[str]:
        return [reason_label(code, lang) for code in self.reasons]


def reason_label(code: str, lang: str = "ko") -> str:
    """The ko/en label of a reason code (the code itself if unknown)."""
    labels = REASON_LABELS.get(code)
    if labels is None:
        return code
    return labels["en" if lang == "en" else "ko"]


def _borderline(application: Application, ctx: DecisionContext) -> bool:
    lo, hi = BORDERLINE_SCORE
    if ctx.score is not None and lo <= ctx.score <= hi:
        return True
    score = application.credit_score
    return score is not None and CREDIT_SCORE_CUTOFF - CREDIT_SCORE_MARGIN <= score < (
        CREDIT_SCORE_CUTOFF
    )


def suggest_priority(
    customer: Customer,
    application: Application,
    ctx: DecisionContext,
    *,
    today: date | None = None,
) -> PriorityHint:
    """The runbook's priority for a case. With ``today``, a legal deadline counts only when it is
    within 7 days (임박); without it, any legal deadline on the case counts."""
    found: list[str] = []
    if not application.inquiry_only and application.amount >= HIGH_AMOUNT_KRW:
        found.append("high_amount")
    if customer.vip or customer.tier == CustomerTier.VIP:
        found.append("vip")
    if ctx.fraud_suspected:
        found.append("fraud_suspected")
    if ctx.system_error:
        found.append("system_error")
    if ctx.legal_deadline is not None and (
        today is None or ctx.legal_deadline - today <= LEGAL_DEADLINE_WINDOW
    ):
        found.append("legal_deadline")
    if _borderline(application, ctx):
        found.append("borderline_score")
    if ctx.policy_exception:
        found.append("policy_exception")
    if ctx.missing_info:
        found.append("missing_info")
    if application.inquiry_only:
        found.append("inquiry")
    if not found:
        found.append("standard_review")
    # stable sort: most urgent first, runbook order within a priority
    found.sort(key=lambda code: REASON_PRIORITY[code].rank)
    return PriorityHint(priority=REASON_PRIORITY[found[0]], reasons=found)
