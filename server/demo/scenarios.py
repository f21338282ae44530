"""The runbook's four scenarios, rejected cases with and without appeals, and a QA sample."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.domain.enums import CaseStatus, Priority
from app.domain.wire import format_time
from server.demo.cases import build_case, sla_dict

APPEAL_REASON = "부업 소득(연 1,800만 원)이 반영되지 않았습니다. 종합소득세 신고서를 첨부합니다."


def _patch(case: dict, **fields) -> dict:
    for key, value in fields.items():
        if isinstance(value, dict) and isinstance(case.get(key), dict):
            case[key].update(value)
        else:
            case[key] = value
    return case


def runbook_cases(now: datetime) -> tuple[list[dict], list[dict]]:
    """case_vip_001 (P0 VIP 5억원), P1 598점 3,000만원, P2 자영업 2,000만원 서류 대기,
    P3 단순 문의 (customer_service)."""
    rng = random.Random(2026)
    out: list[tuple[dict, dict | None]] = []

    vip, vip_task = build_case(
        rng, "case_vip_001", now, priority=Priority.P0, status=CaseStatus.OPEN
    )
    started = now - timedelta(hours=3.2)  # the runbook's example: 3.2 h elapsed of 4 h
    _patch(
        vip,
        decision_id="DEC-20261121-000501",
        customer={
            "name": "장영호",
            "tier": "vip",
            "vip": True,
            "years_with_bank": 18,
            "delinquencies": 0,
        },
        application={
            "amount": 500_000_000,
            "purpose": "사업확장자금",
            "product": "business_loan",
            "term_months": 60,
            "credit_score": 812,
            "annual_income": 620_000_000,
            "dti_percent": 31.5,
            "employment": "중견기업 대표",
            "self_employed": False,
            "collateral": "서울 강남구 상가 건물",
            "collateral_value": 1_200_000_000,
        },
        decision_context={"reason_codes": ["HIGH_AMOUNT", "VIP_CUSTOMER"], "score": 0.62},
        sla=sla_dict(Priority.P0, started, now=now),
        created_at=format_time(started),
    )
    vip_task["due_at"] = vip["sla"]["due_at"]
    out.append((vip, vip_task))

    p1, p1_task = build_case(
        rng, "case_p1_borderline_001", now, priority=Priority.P1, status=CaseStatus.OPEN
    )
    _patch(
        p1,
        customer={"name": "이정민"},
        application={
            "amount": 30_000_000,
            "purpose": "생활자금",
            "credit_score": 598,
            "annual_income": 46_000_000,
            "dti_percent": 38.2,
            "employment": "회사원",
            "self_employed": False,
        },
        decision_context={"reason_codes": ["BORDERLINE_SCORE"], "score": 0.51},
    )
    out.append((p1, p1_task))

    p2, p2_task = build_case(
        rng, "case_p2_selfemployed_001", now, priority=Priority.P2, status=CaseStatus.AWAITING_DOCS
    )
    _patch(
        p2,
        customer={"name": "김태호"},
        application={
            "amount": 20_000_000,
            "purpose": "사업운영자금",
            "product": "business_loan",
            "employment": "자영업 (음식점)",
            "self_employed": True,
            "credit_score": 671,
        },
        decision_context={"reason_codes": ["SELF_EMPLOYED_INCOME", "DOCS_MISSING"]},
        assignee_id="u_reviewer1",
    )
    p2_task.update(assignee_id="u_reviewer1", status="assigned")
    out.append((p2, p2_task))

    p3, p3_task = build_case(
        rng,
        "case_p3_inquiry_001",
        now,
        priority=Priority.P3,
        status=CaseStatus.OPEN,
        queue_id="customer_service",
    )
    _patch(
        p3,
        customer={"name": "박소연"},
        application={
            "amount": 0,
            "purpose": "대출 금리 인하 요구권 문의",
            "product": "inquiry",
            "inquiry_only": True,
        },
        decision_context={"reason_codes": ["POLICY_EXCEPTION"], "automatic_decision": "inquiry"},
    )
    out.append((p3, p3_task))
    return [c for c, _ in out], [t for _, t in out if t]


def rejected_with_appeals(now: datetime) -> tuple[list[dict], list[dict]]:
    """Rejected cases: appealed (inside the window), not appealed (inside), and one whose
    30-day window has closed. Returns (cases, appeals)."""
    rng = random.Random(30)
    cases, appeals = [], []
    specs = [
        ("case_rej_appealed_001", 5, True),
        ("case_rej_appealed_002", 12, True),
        ("case_rej_open_window_001", 9, False),
        ("case_rej_window_closed_001", 41, False),
    ]
    for case_id, days_ago, appealed in specs:
        case, _ = build_case(rng, case_id, now, priority=Priority.P2, status=CaseStatus.REJECTED)
        decided = now - timedelta(days=days_ago)
        _patch(
            case,
            decided_at=format_time(decided),
            decided_by="u_reviewer2",
            created_at=format_time(decided - timedelta(hours=20)),
            reason_codes=["DTI_EXCEEDED"],
            note="DTI 52%로 내부 기준 40% 초과",
            improvement_advice="기존 카드론 상환 후 DTI 40% 이하에서 재신청을 권장합니다.",
        )
        cases.append(case)
        if appealed:
            appeals.append(
                {
                    "id": f"APL-{case_id[-3:]}-{days_ago:02d}",
                    "case_id": case_id,
                    "reason": APPEAL_REASON,
                    "evidence": ["2025년 종합소득세 신고서.pdf", "부업 계약서.pdf"],
                    "status": "submitted",
                    "submitted_by": "u_agent2",
                    "submitted_at": format_time(now - timedelta(days=days_ago - 2)),
                    "original_decider_id": "u_reviewer2",
                    "assignee_id": None,
                    "resolution": None,
                    "message": "",
                    "reason_codes": [],
                    "new_decision": None,
                    "limit": None,
                    "rate": None,
                    "conditions": [],
                    "resolved_by": None,
                    "resolved_at": None,
                    "version": 1,
                    "updated_at": format_time(now - timedelta(days=days_ago - 2)),
                }
            )
    return cases, appeals


def qa_reviews(now: datetime, case_ids: list[str]) -> list[dict]:
    """A QA sample over decided cases: two scored reviews and two still open."""
    notes = ["근거 서류 확인 절차 준수, 고객 안내 문구 명확", "DTI 산정 근거 기록 누락", "", ""]
    scores = [
        {"procedure": 5, "judgement": 4, "documentation": 5, "timeliness": 4, "communication": 5},
        {"procedure": 3, "judgement": 3, "documentation": 2, "timeliness": 4, "communication": 3},
        {},
        {},
    ]
    out = []
    for i, case_id in enumerate(case_ids[:4]):
        total = round(sum(scores[i].values()) / 25 * 100, 1) if scores[i] else None
        band = None if total is None else ("excellent" if total >= 90 else "needs_improvement")
        out.append(
            {
                "id": f"QA-{now:%Y%m}-{i + 1:03d}",
                "case_id": case_id,
                "reviewer_id": "u_qa1",
                "reviewed_user_id": "u_reviewer2",
                "scores": scores[i],
                "total": total,
                "band": band,
                "notes": notes[i],
                "sample_reason": "random" if i % 2 else "targeted",
                "status": "done" if scores[i] else "open",
                "created_at": format_time(now - timedelta(days=2)),
                "version": 1,
                "updated_at": format_time(now - timedelta(days=1)),
            }
        )
    return out
