"""Words for values: every enum, level, role, queue id, signal type and product a person sees.

One lookup per kind, in Korean and English (the words of ``shared/GLOSSARY.md``), the language
passed in. Tables are keyed by the enum's class name (or a kind name for values that are plain
strings on the wire: queue ids, signal types, products), so this module imports nothing of the
domain and every layer (rules, commands, server, ``dosctl``, the workstation) can use it.
An unknown value comes back unchanged: a new code shows as itself rather than vanishing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum

NO_VALUE = "—"

Pair = tuple[str, str]  # (Korean, English)

LABELS: dict[str, dict[str, Pair]] = {
    # -- app/domain/enums.py -------------------------------------------------------------------
    "Role": {
        "agent": ("상담원", "Agent"),
        "reviewer": ("검토자", "Reviewer"),
        "senior_reviewer": ("선임 검토자", "Senior reviewer"),
        "qa": ("품질 관리(QA)", "QA"),
        "ops_admin": ("운영 관리자", "Operations admin"),
        "supervisor": ("슈퍼바이저", "Supervisor"),
        "auditor": ("감사자", "Auditor"),
    },
    "Priority": {
        "p0": ("P0", "P0"),
        "p1": ("P1", "P1"),
        "p2": ("P2", "P2"),
        "p3": ("P3", "P3"),
    },
    "CaseStatus": {
        "open": ("신규", "Open"),
        "pending": ("검토 중", "In review"),
        "awaiting_docs": ("서류 대기", "Awaiting docs"),
        "escalated": ("에스컬레이션", "Escalated"),
        "approved": ("승인", "Approved"),
        "rejected": ("거부", "Rejected"),
        "closed": ("종료", "Closed"),
        "archived": ("보관", "Archived"),
    },
    "TaskStatus": {
        "open": ("할당 대기", "Unassigned"),
        "assigned": ("할당됨", "Assigned"),
        "completed": ("완료", "Completed"),
        "cancelled": ("취소", "Cancelled"),
    },
    "TaskType": {
        "review": ("검토", "Review"),
        "appeal_review": ("이의 제기 검토", "Appeal review"),
        "qa_review": ("QA 검토", "QA review"),
    },
    "Action": {
        "approve": ("승인", "Approve"),
        "deny": ("거부", "Deny"),
        "request_docs": ("서류 요청", "Request documents"),
        "escalate": ("에스컬레이션", "Escalate"),
        "comment": ("코멘트", "Comment"),
        "close": ("종료", "Close"),
        "docs_received": ("서류 접수", "Documents received"),
        "assign": ("할당", "Assign"),
        "reassign": ("재할당", "Reassign"),
        "open_case": ("케이스 생성", "Open a case"),
        "notify_customer": ("고객 통지", "Notify the customer"),
        "next_task": ("다음 케이스 가져오기", "Take the next task"),
        "view": ("조회", "View"),
        "unmask": ("개인정보 마스킹 해제", "Unmask identifiers"),
        "submit_appeal": ("이의 제기 접수", "Submit an appeal"),
        "resolve_appeal": ("이의 제기 결정", "Resolve an appeal"),
        "qa_sample": ("QA 샘플링", "QA sampling"),
        "qa_review": ("QA 검토", "QA review"),
        "checkpoint_feedback": ("체크포인트 피드백", "Checkpoint feedback"),
        "approval_response": ("승인 요청 응답", "Respond to an approval request"),
        "approval_escalate": ("승인 요청 에스컬레이션", "Escalate an approval request"),
        "decision_ask": ("의사결정 질문", "Ask a decision question"),
        "after_call_work": ("후처리", "After-call work"),
        "flag_call": ("통화 플래그", "Flag a call"),
        "view_audit": ("감사 로그 조회", "View the audit log"),
        "view_ops": ("운영 현황 조회", "View operations"),
    },
    "EscalationTarget": {
        "senior_reviewer": ("선임 검토자", "Senior reviewer"),
        "ops_admin": ("운영 관리자", "Operations admin"),
    },
    "EscalationLevel": {
        "L1": ("1단계(검토자)", "L1 (reviewer)"),
        "L2": ("2단계(선임 검토자)", "L2 (senior reviewer)"),
        "L3": ("3단계(운영 관리자)", "L3 (operations admin)"),
    },
    "FinalDecision": {
        "approve": ("승인", "Approve"),
        "deny": ("거부", "Deny"),
        "info_provided": ("정보 안내", "Information provided"),
    },
    "AppealStatus": {
        "submitted": ("접수", "Submitted"),
        "in_review": ("검토 중", "In review"),
        "resolved": ("결정 완료", "Resolved"),
    },
    "AppealResolution": {
        "uphold": ("유지", "Uphold"),
        "overturn": ("번복", "Overturn"),
        "partial": ("조건부 승인", "Partial"),
    },
    "QABand": {
        "excellent": ("우수", "Excellent"),
        "good": ("양호", "Good"),
        "needs_improvement": ("개선 필요", "Needs improvement"),
        "poor": ("미흡", "Poor"),
    },
    "SlaState": {
        "on_track": ("정상", "On track"),
        "warning": ("위반 임박", "At risk"),
        "breached": ("위반", "Breached"),
        "paused": ("일시정지", "Paused"),
        "met": ("준수", "Met"),
    },
    "ApprovalLevel": {
        "TEAM_LEAD": ("팀장급", "Team lead"),
        "DEPARTMENT": ("부서장급", "Department head"),
        "DIVISION": ("본부장급", "Division head"),
        "EXECUTIVE": ("임원급", "Executive"),
    },
    "ApprovalStatus": {
        "PENDING": ("승인 대기", "Pending"),
        "APPROVED": ("승인", "Approved"),
        "REJECTED": ("거절", "Rejected"),
        "MODIFIED": ("수정 후 승인", "Approved with changes"),
        "ESCALATED": ("에스컬레이션", "Escalated"),
        "TIMEOUT": ("시간 초과", "Timed out"),
        "EXPIRED": ("만료", "Expired"),
    },
    "DecisionType": {
        "CAPACITY": ("처리 용량", "Capacity"),
        "GO_NOGO": ("추진 여부", "Go / no-go"),
        "HEADCOUNT": ("인력 충원", "Headcount"),
        "COMPETENCY_GAP": ("역량 격차", "Competency gap"),
    },
    "OptionType": {
        "CONSERVATIVE": ("보수적", "Conservative"),
        "BALANCED": ("균형", "Balanced"),
        "AGGRESSIVE": ("적극적", "Aggressive"),
    },
    "Level3": {
        "LOW": ("낮음", "Low"),
        "MEDIUM": ("보통", "Medium"),
        "HIGH": ("높음", "High"),
    },
    "ChangeDirection": {
        "POSITIVE": ("개선", "Better"),
        "NEGATIVE": ("악화", "Worse"),
        "NEUTRAL": ("변화 없음", "No change"),
    },
    "ClaimStatus": {
        "VERIFIED": ("검증됨", "Verified"),
        "PARTIAL": ("일부 검증", "Partly verified"),
        "UNVERIFIED": ("미검증", "Unverified"),
        "ASSUMPTION": ("가정", "Assumption"),
    },
    "CheckpointMode": {
        "scheduled": ("정기", "Scheduled"),
        "event": ("이벤트", "Event"),
    },
    "CheckpointStatus": {
        "open": ("응답 대기", "Open"),
        "answered": ("응답 완료", "Answered"),
        "skipped": ("건너뜀", "Skipped"),
        "escalated": ("에스컬레이션", "Escalated"),
    },
    "Severity": {
        "info": ("정보", "Info"),
        "warning": ("주의", "Warning"),
        "critical": ("심각", "Critical"),
    },
    "SignalValidity": {
        "confirmed": ("확인됨", "Confirmed"),
        "disputed": ("이견 있음", "Disputed"),
        "needs_more_data": ("추가 데이터 필요", "Needs more data"),
    },
    "PriorityOverride": {
        "high": ("높음", "High"),
        "medium": ("보통", "Medium"),
        "low": ("낮음", "Low"),
    },
    "ProposalDecisionKind": {
        "approve": ("승인", "Approve"),
        "modify": ("수정 후 승인", "Approve with changes"),
        "reject": ("거절", "Reject"),
    },
    "CallFlow": {
        "msp": ("MSP", "MSP"),
        "general": ("일반", "General"),
        "after_hours": ("업무시간 외", "After hours"),
        "emergency": ("긴급 장애", "Emergency"),
    },
    "AgentState": {
        "available": ("응대 가능", "Available"),
        "on_call": ("통화 중", "On call"),
        "after_call_work": ("후처리", "After-call work"),
        "break": ("휴식", "Break"),
        "offline": ("오프라인", "Offline"),
    },
    "CallState": {
        "ringing": ("수신 중", "Ringing"),
        "connected": ("통화 중", "Connected"),
        "acw": ("후처리", "After-call work"),
        "ended": ("종료", "Ended"),
    },
    "ParticipantRole": {
        "AGENT": ("상담원", "Agent"),
        "CUSTOMER": ("고객", "Customer"),
    },
    "Sentiment": {
        "POSITIVE": ("긍정", "Positive"),
        "NEUTRAL": ("중립", "Neutral"),
        "NEGATIVE": ("부정", "Negative"),
    },
    "RelevanceLevel": {
        "HIGH": ("높음", "High"),
        "MEDIUM": ("보통", "Medium"),
        "LOW": ("낮음", "Low"),
    },
    "TriggerSource": {
        "ISSUE_DETECTION": ("이슈 감지", "Issue detection"),
        "RULE_EVALUATION": ("규칙 평가", "Rule evaluation"),
        "OTHER": ("기타", "Other"),
    },
    "CustomerTier": {
        "msp": ("MSP", "MSP"),
        "general": ("일반", "General"),
        "unregistered": ("미등록", "Unregistered"),
        "vip": ("VIP", "VIP"),
    },
    "EntityKind": {
        "user": ("사용자", "User"),
        "queue": ("큐", "Queue"),
        "case": ("케이스", "Case"),
        "task": ("태스크", "Task"),
        "appeal": ("이의 제기", "Appeal"),
        "checkpoint": ("체크포인트", "Checkpoint"),
        "decision": ("의사결정", "Decision"),
        "approval": ("승인 요청", "Approval request"),
        "call": ("통화", "Call"),
        "knowledge_article": ("지식 문서", "Knowledge article"),
        "qa_review": ("QA 검토", "QA review"),
        "generated": ("생성 콘텐츠", "Generated content"),
    },
    "ChangeOp": {
        "upsert": ("반영", "Upsert"),
        "delete": ("삭제", "Delete"),
    },
    "OutboxStatus": {
        "pending": ("전송 대기", "Waiting to send"),
        "inflight": ("전송 중", "Sending"),
        "applied": ("반영됨", "Applied"),
        "conflict": ("충돌", "Conflict"),
        "rejected": ("반영 실패", "Not applied"),
        "discarded": ("폐기", "Discarded"),
    },
    "AlertKind": {
        "sla_warning": ("SLA 위반 임박", "SLA at risk"),
        "sla_breach": ("SLA 위반", "SLA breached"),
        "critical_signal": ("심각 신호", "Critical signal"),
        "negative_sentiment": ("고객 부정 감정", "Negative sentiment"),
        "p0_arrival": ("P0 케이스 도착", "P0 case arrived"),
        "docs_overdue": ("서류 기한 초과", "Documents overdue"),
        "checkpoint_halted": ("체크포인트로 워크플로 중단", "Workflow halted at a checkpoint"),
        "approval_expired": ("승인 요청 만료", "Approval request expired"),
        "call_queue_breach": ("통화 큐 SLA 위반", "Call queue SLA breached"),
        "callback_due": ("콜백 시각 도래", "Callback due"),
    },
    # -- app/domain/decisions.py ---------------------------------------------------------------
    "MetricType": {
        "UTILIZATION": ("가동률", "Utilization"),
        "COST": ("비용", "Cost"),
        "REVENUE": ("매출", "Revenue"),
        "MARGIN": ("마진", "Margin"),
        "RISK": ("위험", "Risk"),
        "TIME": ("소요 시간", "Time"),
        "QUALITY": ("품질", "Quality"),
    },
    "WorkflowStatus": {
        "RUNNING": ("진행 중", "Running"),
        "PAUSED_FOR_HITL": ("승인 대기로 일시정지", "Paused for approval"),
        "COMPLETED": ("완료", "Completed"),
        "FAILED": ("실패", "Failed"),
    },
    "StepType": {
        "QUERY_DECOMPOSITION": ("질의 분해", "Query decomposition"),
        "KG_QUERY": ("지식 그래프 조회", "Knowledge graph query"),
        "OPTION_GENERATION": ("대안 생성", "Option generation"),
        "IMPACT_SIMULATION": ("영향 시뮬레이션", "Impact simulation"),
        "PROBABILITY_CALCULATION": ("확률 계산", "Probability calculation"),
        "VALIDATION": ("검증", "Validation"),
        "HITL_APPROVAL": ("담당자 승인", "Human approval"),
        "FINALIZATION": ("확정", "Finalization"),
    },
    "DecisionError": {
        "E001": ("E001", "E001"),
        "E002": ("E002", "E002"),
        "E003": ("E003", "E003"),
        "E004": ("E004", "E004"),
        "E005": ("E005", "E005"),
        "E006": ("E006", "E006"),
        "E007": ("E007", "E007"),
        "E008": ("E008", "E008"),
    },
    # -- app/domain/generated.py ---------------------------------------------------------------
    "GeneratedKind": {
        "narrative_report": ("서술형 보고서", "Narrative report"),
        "strategy": ("전략", "Strategy"),
    },
    "GeneratedStatus": {
        "pending": ("검토 대기", "Pending"),
        "approved": ("승인", "Approved"),
        "rejected": ("거절", "Rejected"),
        "changes_requested": ("수정 요청", "Changes requested"),
    },
    # -- commands and rules --------------------------------------------------------------------
    "NewDecision": {
        "approve": ("승인", "Approve"),
        "approve_conditional": ("조건부 승인", "Approve with conditions"),
    },
    "Disposition": {
        "resolved": ("해결", "Resolved"),
        "info_provided": ("정보 안내", "Information provided"),
        "callback_scheduled": ("콜백 예약", "Callback scheduled"),
        "escalated": ("에스컬레이션", "Escalated"),
        "case_opened": ("케이스 생성 요청", "Case requested"),
        "unresolved": ("미해결", "Unresolved"),
    },
    "InteractionKind": {
        "call": ("전화 상담", "Call"),
        "case": ("케이스", "Case"),
    },
    "FlagReason": {
        "negative_sentiment": ("고객 부정 감정", "Negative sentiment"),
        "escalation": ("에스컬레이션 요청", "Escalation requested"),
        "new_case": ("케이스 생성 요청", "New case requested"),
    },
    "CheckpointChoice": {
        "decide_proposals": ("제안 승인·수정·거절", "Decide the proposals"),
        "request_analysis": ("추가 분석 요청", "Request more analysis"),
        "skip_review": ("이번 검토 건너뛰기", "Skip this review"),
        "root_cause": ("근본 원인 분석 요청", "Request a root-cause analysis"),
        "generate_fix": ("즉시 개선안 생성", "Generate a fix now"),
        "pause_and_escalate": (
            "워크플로 일시정지 및 에스컬레이션",
            "Pause the workflow and escalate",
        ),
        "monitor": ("확인 후 모니터링 유지", "Acknowledge and keep monitoring"),
    },
    "PiiKind": {
        "resident_id": ("주민등록번호", "Resident registration number"),
        "account_id": ("계좌번호", "Account number"),
        "phone": ("전화번호", "Phone number"),
        "card_number": ("카드 번호", "Card number"),
    },
    # -- plain strings on the wire -------------------------------------------------------------
    "queue": {
        "credit_review": ("여신 심사", "Credit review"),
        "senior_review": ("선임 심사", "Senior review"),
        "appeals": ("이의 제기 심사", "Appeals"),
        "ops_escalation": ("운영 관리자 에스컬레이션", "Operations escalation"),
        "qa_review": ("품질 검토(QA)", "QA review"),
        "customer_service": ("고객 문의", "Customer service"),
        "msp_emergency": ("MSP 긴급 장애", "MSP emergency"),
        "msp_general": ("MSP 일반 문의", "MSP general"),
        "general": ("일반 고객", "General customers"),
        "after_hours": ("업무시간 외", "After hours"),
    },
    "signal_type": {
        "fraud_pattern": ("부정 거래 패턴", "Fraud pattern"),
        "docs_overdue": ("서류 기한 초과", "Documents overdue"),
        "negative_sentiment_rise": ("부정 감정 증가", "Rising negative sentiment"),
        "override_rate_spike": ("판정 번복률 급증", "Override rate spike"),
        "sla_breach_cluster": ("SLA 위반 집중", "SLA breach cluster"),
    },
    "product": {
        "credit_loan": ("신용대출", "Credit loan"),
        "jeonse_loan": ("전세자금대출", "Jeonse loan"),
        "business_loan": ("사업자대출", "Business loan"),
        "mortgage": ("주택담보대출", "Mortgage"),
        "refinance": ("대환대출", "Refinancing"),
        "auto_loan": ("자동차대출", "Car loan"),
        "credit_line": ("마이너스통장", "Credit line"),
    },
    "automatic_decision": {
        "approve": ("자동 승인", "Auto-approve"),
        "deny": ("자동 거부", "Auto-deny"),
        "refer": ("심사 회부", "Refer to review"),
    },
    "qa_sample_reason": {
        "random": ("무작위", "Random"),
        "new_reviewer": ("신규 검토자", "New reviewer"),
        "borderline": ("경계 점수", "Borderline score"),
        "complex": ("복잡 케이스", "Complex case"),
        "high_amount": ("고액", "High amount"),
        "vip": ("VIP", "VIP"),
        "appealed": ("이의 제기됨", "Appealed"),
        "targeted": ("중점 대상", "Targeted"),  # a targeted pick whose reason was not kept
    },
    "sub_query": {  # app/decisions/decompose.py SUB_QUERIES kinds
        "supply": ("공급", "Supply"),
        "demand": ("수요", "Demand"),
        "gap": ("격차", "Gap"),
        "bottleneck": ("병목", "Bottleneck"),
        "opportunity": ("영업 기회", "Opportunity"),
        "competency_match": ("역량 매칭", "Competency match"),
        "history": ("과거 실적", "Track record"),
        "cost": ("비용", "Cost"),
        "required": ("필요 역량", "Required skills"),
        "held": ("보유 역량", "Skills held"),
    },
    "timeline_kind": {  # TimelineEntry.kind besides an action's name
        "system": ("시스템 기록", "System"),
        "note": ("메모", "Note"),
        "comment": ("코멘트", "Comment"),
    },
    "generated_decision": {
        "approve": ("승인", "Approve"),
        "reject": ("거절", "Reject"),
        "request_changes": ("수정 요청", "Request changes"),
    },
    "qa_review_status": {
        "open": ("평가 대기", "Open"),
        "done": ("평가 완료", "Done"),
    },
    "cadence": {
        "weekly": ("매주", "Weekly"),
        "biweekly": ("격주", "Every two weeks"),
        "on_demand": ("요청 시", "On demand"),
    },
    "checkpoint_outcome": {
        "halt_and_escalate_to_audit": (
            "워크플로 중단 및 감사 에스컬레이션",
            "Workflow halted and escalated to audit",
        ),
        "skipped": ("건너뜀", "Skipped"),
        "escalate": ("에스컬레이션", "Escalate"),
        "unanswered_48h": ("48시간 무응답", "unanswered for 48 h"),
    },
}


def _pick(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def label_of(kind: str, value: object, lang: str = "ko") -> str:
    """The word for ``value`` of ``kind`` (an enum class name or a table name above) in ``lang``
    ("ko" or "en"); "—" for no value, the value itself when the table does not know it."""
    if value is None or value == "":
        return NO_VALUE
    raw = value.value if isinstance(value, Enum) else str(value)
    pair = LABELS.get(kind, {}).get(raw)
    return raw if pair is None else _pick(pair, lang)


def label(value: Enum | None, lang: str = "ko") -> str:
    """The word for an enum member in ``lang``: ``label(CaseStatus.PENDING, "ko")`` → 검토 중."""
    if value is None:
        return NO_VALUE
    return label_of(type(value).__name__, value, lang)


def has_label(kind: str, raw: str) -> bool:
    return raw in LABELS.get(kind, {})


def kind_of(values: Iterable[str]) -> str | None:
    """The table that names every one of ``values`` (the smallest, when several do): how a
    message that only has the wire tokens (pydantic's "Input should be 'a' or 'b'") finds
    their words."""
    wanted = set(values)
    fits = [kind for kind, table in LABELS.items() if wanted and wanted <= table.keys()]
    return min(fits, key=lambda kind: len(LABELS[kind]), default=None)


def choice_words(values: Iterable[str], kind: str | None = None) -> Pair:
    """Allowed values as a person reads them, in Korean and English: "유지, 번복, 조건부 승인"
    and "Uphold, Overturn, Partial" (``kind`` found by ``kind_of`` when not given)."""
    values = list(values)
    kind = kind or kind_of(values) or ""
    ko, en = ([label_of(kind, v, lang) for v in values] for lang in ("ko", "en"))
    return ", ".join(ko), ", ".join(en)


def roles_label(roles: Iterable[object], lang: str = "ko") -> str:
    """Several roles as words: "검토자, 감사자"."""
    words = [label_of("Role", r, lang) for r in roles]
    return ", ".join(words) if words else NO_VALUE


def queue_label(
    queue_id: str | None, lang: str = "ko", names: Mapping[str, str] | None = None
) -> str:
    """A queue id as its name: the table's word first, then the stored queue name, then the id."""
    if not queue_id:
        return NO_VALUE
    pair = LABELS["queue"].get(queue_id)
    if pair is not None:
        return _pick(pair, lang)
    if names and names.get(queue_id):
        return names[queue_id]
    return queue_id


UNKNOWN_PERSON: Pair = ("알 수 없는 사용자", "unknown user")
SYSTEM_PERSON: Pair = ("시스템", "system")


def person_name(user_id: str | None, names: Mapping[str, str], lang: str = "ko") -> str:
    """A user id as the person's display name (``names``: id → display name, from the store or
    the server's users). Never the raw id: an unknown user reads "알 수 없는 사용자"."""
    if not user_id:
        return NO_VALUE
    if user_id == "system":
        return _pick(SYSTEM_PERSON, lang)
    name = names.get(user_id)
    return name if name else _pick(UNKNOWN_PERSON, lang)


def user_with_roles(display_name: str, roles: Iterable[object], lang: str = "ko") -> str:
    """The status bar's "박지훈 (검토자)"."""
    return f"{display_name} ({roles_label(roles, lang)})"
