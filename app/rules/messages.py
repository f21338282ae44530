"""Labels the rules put into their ko/en messages: actions, roles and KRW amounts."""

from __future__ import annotations

from app.domain.enums import Action, Role

ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.APPROVE: ("승인", "approve"),
    Action.DENY: ("거부", "deny"),
    Action.REQUEST_DOCS: ("서류 요청", "request documents"),
    Action.ESCALATE: ("에스컬레이션", "escalate"),
    Action.COMMENT: ("코멘트", "comment"),
    Action.CLOSE: ("종료", "close"),
    Action.DOCS_RECEIVED: ("서류 접수", "documents received"),
    Action.ASSIGN: ("할당", "assign"),
    Action.REASSIGN: ("재할당", "reassign"),
    Action.OPEN_CASE: ("케이스 생성", "open a case"),
    Action.NOTIFY_CUSTOMER: ("고객 통지", "notify the customer"),
    Action.NEXT_TASK: ("다음 케이스 가져오기", "take the next task"),
    Action.VIEW: ("조회", "view"),
    Action.UNMASK: ("개인정보 마스킹 해제", "unmask identifiers"),
    Action.SUBMIT_APPEAL: ("이의 제기 접수", "submit an appeal"),
    Action.RESOLVE_APPEAL: ("이의 제기 결정", "resolve an appeal"),
    Action.QA_SAMPLE: ("QA 샘플링", "QA sampling"),
    Action.QA_REVIEW: ("QA 검토", "QA review"),
    Action.CHECKPOINT_FEEDBACK: ("체크포인트 피드백", "checkpoint feedback"),
    Action.APPROVAL_RESPONSE: ("승인 요청 응답", "respond to an approval request"),
    Action.APPROVAL_ESCALATE: ("승인 요청 상향", "escalate an approval request"),
    Action.DECISION_ASK: ("의사결정 질문", "ask a decision question"),
    Action.AFTER_CALL_WORK: ("통화 후 처리", "after-call work"),
    Action.FLAG_CALL: ("통화 플래그", "flag a call"),
    Action.VIEW_AUDIT: ("감사 로그 조회", "view the audit log"),
    Action.VIEW_OPS: ("운영 현황 조회", "view operations"),
}

ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.AGENT: ("상담원", "agent"),
    Role.REVIEWER: ("검토자", "reviewer"),
    Role.SENIOR_REVIEWER: ("선임 검토자", "senior reviewer"),
    Role.QA: ("품질 관리", "QA"),
    Role.OPS_ADMIN: ("운영 관리자", "operations admin"),
    Role.SUPERVISOR: ("슈퍼바이저", "supervisor"),
    Role.AUDITOR: ("감사자", "auditor"),
}


def _pick(pair: tuple[str, str] | None, fallback: str, lang: str) -> str:
    if pair is None:
        return fallback
    return pair[1] if lang == "en" else pair[0]


def action_label(action: Action | str, lang: str = "ko") -> str:
    """The ko/en name of an action (the raw value if unknown)."""
    return _pick(ACTION_LABELS.get(action), str(action), lang)  # type: ignore[call-overload]


def role_label(role: Role | str, lang: str = "ko") -> str:
    """The ko/en name of a role (the raw value if unknown)."""
    return _pick(ROLE_LABELS.get(role), str(role), lang)  # type: ignore[call-overload]


def format_krw_ko(amount: int) -> str:
    """Korean reading of a KRW amount: 100_000_000 → "1억원", 150_000_000 → "1억 5,000만원",
    30_000_000 → "3,000만원", 12_345 → "12,345원"."""
    sign = "-" if amount < 0 else ""
    amount = abs(int(amount))
    eok, rest = divmod(amount, 100_000_000)
    man, won = divmod(rest, 10_000)
    if won or not (eok or man):
        return f"{sign}{amount:,}원"
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    return sign + " ".join(parts) + "원"


def format_krw_en(amount: int) -> str:
    """100_000_000 → "100,000,000 KRW"."""
    return f"{int(amount):,} KRW"
