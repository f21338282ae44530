"""HITL checkpoints (seed 001): scheduled and event checkpoints with signals, patterns and
proposals, built with app.domain.checkpoints and to_wire."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.checkpoints import Checkpoint, ObservationWindow, Pattern, Proposal, Signal
from app.domain.enums import CheckpointMode, CheckpointStatus, Severity
from app.domain.wire import to_wire


def _id(at: datetime, n: int) -> str:
    return f"HC-{at:%Y-%m-%d}-{n:03d}"


def demo_checkpoints(now: datetime) -> list[dict]:
    week_start = now - timedelta(days=7)
    signals = [
        Signal(
            "AS-001",
            "sla_breach_cluster",
            14,
            Severity.CRITICAL,
            ["credit_review", "reviewer2"],
            "P1 사례 14건이 24시간 SLA 초과 (주간 평균 3건)",
            "고객 대기 증가, 민원 위험",
            unresolved_streak=3,
        ),
        Signal(
            "AS-002",
            "override_rate_spike",
            9,
            Severity.WARNING,
            ["model:credit-risk-v3.2.1"],
            "자동 심사 거절 건의 수동 승인 전환율 31% (기준 15%)",
            "모델 임계값 재검토 필요",
            unresolved_streak=2,
        ),
        Signal(
            "AS-003",
            "docs_overdue",
            6,
            Severity.WARNING,
            ["credit_review"],
            "자영업자 서류 요청 6건이 기한 경과",
            "SLA 일시정지 장기화",
        ),
        Signal(
            "AS-004",
            "negative_sentiment_rise",
            21,
            Severity.INFO,
            ["general"],
            "일반 고객 큐 부정 감정 통화 비율 18% → 27%",
            "이중 청구 관련 민원 증가",
        ),
    ]
    patterns = [
        Pattern("월말 P1 적체", "매월 마지막 주 P1 유입 40% 증가, 심사 인력 동일", "SLA 위반 집중"),
        Pattern(
            "경계 점수 수동 승인 증가", "590~610점 구간 수동 승인 비율 상승", "모델 재보정 필요"
        ),
        Pattern("서류 대기 장기화", "자영업자 소득 증빙 평균 9일 소요", "큐 체류 시간 증가"),
    ]
    proposals = [
        Proposal("IP-001", "월말 주간 P1 전담 심사역 1명 추가 배치", 0.82),
        Proposal("IP-002", "경계 점수 구간 590~610점 자동 승인 기준 재보정 검토", 0.64),
        Proposal("IP-003", "자영업자 서류 요청 시 홈택스 연동 간편 제출 안내", 0.71),
    ]
    scheduled_open = Checkpoint(
        _id(now, 1),
        CheckpointMode.SCHEDULED,
        ObservationWindow(week_start, now),
        signals,
        patterns,
        proposals,
        CheckpointStatus.OPEN,
        created_at=now,
        due_at=now + timedelta(days=2),
        consecutive_unresolved=1,
        cadence="weekly",
    )
    scheduled_answered = Checkpoint(
        _id(week_start, 1),
        CheckpointMode.SCHEDULED,
        ObservationWindow(week_start - timedelta(days=7), week_start),
        signals[:2],
        patterns[:2],
        proposals[:2],
        CheckpointStatus.ANSWERED,
        created_at=week_start,
        due_at=week_start + timedelta(days=2),
        cadence="weekly",
        answered_by="u_senior1",
        answered_at=week_start + timedelta(hours=20),
    )
    scheduled_skipped = Checkpoint(
        _id(week_start - timedelta(days=7), 1),
        CheckpointMode.SCHEDULED,
        ObservationWindow(week_start - timedelta(days=14), week_start - timedelta(days=7)),
        signals[1:3],
        patterns[1:],
        proposals[1:],
        CheckpointStatus.SKIPPED,
        created_at=week_start - timedelta(days=7),
        due_at=week_start - timedelta(days=5),
    )
    event_open = Checkpoint(
        _id(now, 2),
        CheckpointMode.EVENT,
        ObservationWindow(now - timedelta(hours=6), now),
        [
            Signal(
                "AS-001",
                "fraud_pattern",
                4,
                Severity.CRITICAL,
                ["credit_review"],
                "동일 기기에서 4개 명의로 고액 대출 신청",
                "부정 대출 위험",
            )
        ],
        [Pattern("기기 공유 신청", "동일 디바이스 ID 4건", "명의도용 의심")],
        [Proposal("IP-001", "해당 4건 자동 보류 및 FDS 조사 의뢰", 0.9)],
        CheckpointStatus.OPEN,
        created_at=now - timedelta(hours=30),
        cadence="on_demand",
        workflow_paused=True,
    )
    return [to_wire(c) for c in (scheduled_open, scheduled_answered, scheduled_skipped, event_open)]
