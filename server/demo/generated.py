"""Seed 003 generated content awaiting human approval: a narrative backtest report and a
generated strategy, each with a fact check of the figures it states against stored values.
``seed_demo`` stores them as the change feed's ``generated`` entities (GET /v1/generated/{id},
POST /v1/generated/{id}/decision — docs/API-EXTENSIONS.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.generated import (
    FactCheckResult,
    FactClaim,
    GeneratedContent,
    GeneratedKind,
    GeneratedStatus,
)
from app.domain.wire import to_wire

REPORT = (
    "2026년 3분기 경계 점수 구간(590~610점) 자동 승인 기준 백테스트 결과, 승인율은 41.2%에서 "
    "47.8%로 6.6%p 상승했고 90일 연체율은 1.9%로 기존 대비 0.3%p 증가에 그쳤습니다. "
    "예상 순이자이익 증가는 분기 18억 원입니다."
)
STRATEGY = (
    "월말 주간 P1 적체 해소 전략: 매월 마지막 주에 선임 심사역 1명을 P1 전담으로 배치하고, "
    "자영업자 서류 요청은 홈택스 간편 제출 링크로 안내합니다. 시뮬레이션상 SLA 위반율은 "
    "7.4%에서 3.9%로 낮아집니다."
)


def _claim(text: str, body: str, metric: str, stated, stored) -> FactClaim:
    begin = body.find(text)
    return FactClaim(text, metric, stated, stored, stated == stored, begin, begin + len(text))


def demo_generated(now: datetime) -> list[dict]:
    checked = now - timedelta(minutes=40)
    report = GeneratedContent(
        "GEN-RPT-2026-0042",
        GeneratedKind.NARRATIVE_REPORT,
        "3분기 경계 점수 자동 승인 백테스트",
        REPORT,
        source_ref="BT-2026-Q3-017",
        prompt_version="report-v4",
        model="ko-llm-2026-09",
        generated_at=now - timedelta(hours=1),
        status=GeneratedStatus.PENDING,
        fact_check=FactCheckResult(
            checked,
            [
                _claim("47.8%", REPORT, "approval_rate", 47.8, 47.8),
                _claim(
                    "1.9%", REPORT, "delinquency_90d", 1.9, 2.1
                ),  # mismatch: the reviewer sees it
                _claim("18억 원", REPORT, "nii_delta_krw", 1_800_000_000, 1_800_000_000),
            ],
            source="backtest BT-2026-Q3-017",
        ),
    )
    strategy = GeneratedContent(
        "GEN-STR-2026-0007",
        GeneratedKind.STRATEGY,
        "월말 P1 적체 해소 전략",
        STRATEGY,
        source_ref="HC-2026-11-23-001",
        prompt_version="strategy-v2",
        model="ko-llm-2026-09",
        generated_at=now - timedelta(hours=2),
        status=GeneratedStatus.PENDING,
        fact_check=FactCheckResult(
            checked,
            [
                _claim("7.4%", STRATEGY, "sla_breach_rate", 7.4, 7.4),
                _claim("3.9%", STRATEGY, "sla_breach_rate_sim", 3.9, 3.9),
            ],
            source="checkpoint HC-2026-11-23-001",
        ),
    )
    return [to_wire(report), to_wire(strategy)]
