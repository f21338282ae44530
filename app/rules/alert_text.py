"""Texts of the alerts the time-driven rules raise: each alert carries a ``code`` and ``params``
(shared/API.md "Live events") and every client renders it in its own language from here.

``render(code, params, lang)`` fills the template; unknown codes fall back to the code itself,
missing parameters to "—" (a newer server may send a code an older client does not know).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date

from app.text.formats import form_date
from app.text.josa import vfill
from app.text.labels import label_of, queue_label

TEXTS: dict[str, tuple[str, str]] = {
    "sla_warning": (
        "SLA 80% 경과: {case_id} ({priority})",
        "80 % of the SLA used: {case_id} ({priority})",
    ),
    "sla_breach": ("SLA 위반: {case_id} ({priority})", "SLA breached: {case_id} ({priority})"),
    "docs_overdue": (
        "서류 제출 기한({deadline})이 지났습니다: {case_id}",
        "The document deadline ({deadline}) passed: {case_id}",
    ),
    "approval_expired": (
        "승인 요청 {request_id}가 {hours}시간 동안 응답이 없어 만료되었습니다",
        "Approval request {request_id} expired after {hours} h without an answer",
    ),
    "call_queue_breach": (
        "{queue} 큐 대기 SLA({limit}) 초과: {contact_id}",
        "{queue} queue wait SLA ({limit}) passed: {contact_id}",
    ),
    "negative_sentiment": (
        "부정 감정 감지: {customer} ({queue})",
        "Negative sentiment: {customer} ({queue})",
    ),
    "callback_due": (
        "콜백 약속 시간이 지났습니다: {contact_id}",
        "The promised callback is overdue: {contact_id}",
    ),
    "emergency_unanswered": (
        "긴급 통화 {contact_id}: 모든 담당자가 응답하지 않아 일반 고객 큐 담당자와 슈퍼바이저에게 "
        "알립니다",
        "Emergency call {contact_id}: nobody answered; the general queue and the supervisor are "
        "told",
    ),
    "sc_created": (
        "정기 체크포인트 {checkpoint_id}가 생성되었습니다 (신호 {signals}건)",
        "Scheduled checkpoint {checkpoint_id} created ({signals} signals)",
    ),
    "ec_created": (
        "심각 신호 {signal_id}: 이벤트 체크포인트 {checkpoint_id}가 생성되었습니다",
        "Critical signal {signal_id}: event checkpoint {checkpoint_id} created",
    ),
    "critical_unanswered": (
        "체크포인트 {checkpoint_id}의 심각 신호가 응답 없이 기한을 넘겨 에스컬레이션되었습니다",
        "Checkpoint {checkpoint_id}: critical signal unanswered past its deadline, escalated",
    ),
    "checkpoint_halted": (
        "이벤트 체크포인트 {checkpoint_id}가 {hours}시간 미응답으로 중단되고 감사로 "
        "에스컬레이션되었습니다",
        "Event checkpoint {checkpoint_id} unanswered for {hours} h: halted and escalated to audit",
    ),
    "report_ready": (
        "{period} 운영 보고서가 생성되었습니다 ({label})",
        "{period} operations report generated ({label})",
    ),
}


_WORDS = {"priority": "Priority", "severity": "Severity", "level": "ApprovalLevel"}
"""Parameters that carry a value of a kind: rendered as its word, never the raw value."""


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "—"


def render(code: str, params: Mapping[str, object] | None = None, lang: str = "ko") -> str:
    """The alert's text in ``lang`` ("ko" or "en")."""
    pair = TEXTS.get(code)
    if pair is None:
        return code
    template = pair[1] if lang == "en" else pair[0]
    values = _Defaults(params or {})
    for key, kind in _WORDS.items():
        if key in values:
            values[key] = label_of(kind, values[key], lang)
    if "queue" in values:
        values["queue"] = queue_label(str(values["queue"]), lang)
    if "deadline" in values:
        with contextlib.suppress(ValueError):  # an ISO date: as people write dates
            values["deadline"] = form_date(date.fromisoformat(str(values["deadline"])), lang)
    return vfill(template, (), values)
