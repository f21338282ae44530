"""Priority hints for the runbook's four scenarios and its P0-P3 features."""

from __future__ import annotations

from datetime import date

from app.domain.cases import Application, Customer, DecisionContext
from app.domain.enums import CustomerTier, Priority
from app.rules.priority import REASON_LABELS, REASON_PRIORITY, suggest_priority


def general(**kw: object) -> Customer:
    return Customer(customer_id="c1", name="홍길동", **kw)  # type: ignore[arg-type]


def test_p0_scenario_vip_500m_loan() -> None:
    # "VIP 고객 (거래 3년, 연체 0회), 신청액: 5억원"
    customer = general(tier=CustomerTier.VIP, vip=True, years_with_bank=3)
    hint = suggest_priority(
        customer, Application(amount=500_000_000, credit_score=850), DecisionContext()
    )
    assert hint.priority is Priority.P0
    assert hint.reasons == ["high_amount", "vip"]


def test_p1_scenario_credit_score_598_policy_exception() -> None:
    # "신용점수: 598점 (기준 600점 미달)", 3,000만원, 기타 조건 양호
    app = Application(amount=30_000_000, credit_score=598, annual_income=60_000_000)
    hint = suggest_priority(general(), app, DecisionContext(policy_exception=True))
    assert hint.priority is Priority.P1
    assert hint.reasons == ["borderline_score", "policy_exception"]
    # the credit score alone is enough to call it borderline
    assert suggest_priority(general(), app, DecisionContext()).priority is Priority.P1


def test_p1_borderline_model_score_bounds() -> None:
    app = Application(amount=10_000_000)
    for score, expected in ((0.45, Priority.P1), (0.55, Priority.P1), (0.56, Priority.P2)):
        hint = suggest_priority(general(), app, DecisionContext(score=score))
        assert hint.priority is expected, score
    for credit, expected in ((589, Priority.P2), (590, Priority.P1), (600, Priority.P2)):
        app = Application(amount=10_000_000, credit_score=credit)
        assert suggest_priority(general(), app, DecisionContext()).priority is expected, credit


def test_p2_scenario_self_employed_missing_documents() -> None:
    app = Application(amount=20_000_000, credit_score=680, self_employed=True)
    hint = suggest_priority(general(), app, DecisionContext(missing_info=True))
    assert hint.priority is Priority.P2
    assert hint.reasons == ["missing_info"]


def test_p3_scenario_inquiry() -> None:
    # "고객 문의: 대출 한도 확인, 신청 아님"
    hint = suggest_priority(general(), Application(amount=0, inquiry_only=True), DecisionContext())
    assert hint.priority is Priority.P3
    assert hint.reasons == ["inquiry"]


def test_otherwise_standard_review_p2() -> None:
    hint = suggest_priority(general(), Application(amount=50_000_000), DecisionContext())
    assert hint.priority is Priority.P2
    assert hint.reasons == ["standard_review"]


def test_each_p0_feature_alone() -> None:
    app = Application(amount=10_000_000)
    at_limit = suggest_priority(general(), Application(amount=100_000_000), DecisionContext())
    assert (at_limit.priority, at_limit.reasons) == (Priority.P0, ["high_amount"])
    for ctx, code in (
        (DecisionContext(fraud_suspected=True), "fraud_suspected"),
        (DecisionContext(system_error=True), "system_error"),
        (DecisionContext(legal_deadline=date(2026, 3, 12)), "legal_deadline"),
    ):
        hint = suggest_priority(general(), app, ctx)
        assert (hint.priority, hint.reasons) == (Priority.P0, [code])
    just_under = suggest_priority(general(), Application(amount=99_999_999), DecisionContext())
    assert just_under.priority is Priority.P2
    assert suggest_priority(general(vip=True), app, DecisionContext()).priority is Priority.P0


def test_legal_deadline_counts_only_when_imminent_if_today_is_known() -> None:
    app = Application(amount=10_000_000)
    ctx = DecisionContext(legal_deadline=date(2026, 4, 30))
    assert suggest_priority(general(), app, ctx, today=date(2026, 4, 25)).priority is Priority.P0
    assert suggest_priority(general(), app, ctx, today=date(2026, 3, 1)).priority is Priority.P2


def test_most_urgent_reason_wins_and_all_are_listed() -> None:
    ctx = DecisionContext(missing_info=True, policy_exception=True, fraud_suspected=True)
    hint = suggest_priority(general(), Application(amount=10_000_000), ctx)
    assert hint.priority is Priority.P0
    assert hint.reasons == ["fraud_suspected", "policy_exception", "missing_info"]


def test_every_reason_has_both_labels() -> None:
    assert set(REASON_LABELS) == set(REASON_PRIORITY)
    for labels in REASON_LABELS.values():
        assert labels["ko"] and labels["en"]
    hint = suggest_priority(general(vip=True), Application(amount=1), DecisionContext())
    assert hint.labels("ko") == ["VIP 고객"]
    assert hint.labels("en") == ["VIP customer"]
