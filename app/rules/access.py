"""RBAC per the runbook roles (reviewer, senior_reviewer, qa, ops_admin, auditor) plus agent and
supervisor (shared/API.md "Roles"). A user may hold several roles; any one that allows suffices.

Permission matrix (x = allowed):

| action              | agent | reviewer | senior | qa | ops_admin | supervisor | auditor |
|---------------------|-------|----------|--------|----|-----------|------------|---------|
| view                |   x   |    x     |   x    | x  |     x     |     x      |    x    |
| view_audit          |       |          |        |    |     x     |            |    x    |
| view_ops            |       |          |        |    |     x     |     x      |         |
| comment             |   x   |    x     |   x    |    |     x     |            |         |
| after_call_work     |   x   |          |        |    |           |            |         |
| flag_call           |   x   |          |        |    |           |     x      |         |
| submit_appeal       |   x   |    x     |   x    |    |     x     |            |         |
| approve/deny        |       |    x     |   x    |    |     x     |            |         |
| request_docs        |       |    x     |   x    |    |     x     |            |         |
| escalate            |       |    x     |   x    |    |     x     |            |         |
| next_task           |       |    x     |   x    |    |     x     |            |         |
| close               |       |    x     |   x    |    |     x     |            |         |
| notify_customer     |       |    x     |   x    |    |     x     |            |         |
| docs_received       |       |    x     |   x    |    |     x     |            |         |
| resolve_appeal      |       |          |   x    |    |           |            |         |
| approval_response   |       |          |   x    |    |           |            |         |
| unmask              |       |    x     |   x    |    |     x     |            |         |
| qa_sample           |       |          |        | x  |     x     |            |         |
| qa_review           |       |          |        | x  |           |            |         |
| assign/reassign     |       |          |        |    |     x     |            |         |
| open_case           |       |          |        |    |     x     |            |         |
| checkpoint_feedback |       |          |        |    |     x     |            |         |
| approval_escalate   |       |          |        |    |     x     |            |         |
| decision_ask        |       |          |   x    |    |     x     |            |         |

Supervisor: watches queue dashboards (seed 004); read-only on cases and **no unmask** — the wall
screen shows identifiers masked (account ID last 4 digits only). auditor: read-only everywhere.

Decision authority (approve / deny), by the amount at stake (the larger of the requested amount
and an approved limit), exclusive upper bound:

| role            | may decide amounts below |
|-----------------|--------------------------|
| reviewer        | 1억원 (100,000,000 KRW)  |
| senior_reviewer | 10억원 (1,000,000,000 KRW) |
| ops_admin       | no limit                 |

Above the limit the reviewer escalates (runbook: "고액 거래 (권한 초과)").
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.enums import Action, Role
from app.rules.errors import ALLOWED, Verdict
from app.rules.messages import action_label, format_krw_en, format_krw_ko, role_label

A = Action
_REVIEWER = frozenset(
    {
        A.VIEW,
        A.COMMENT,
        A.SUBMIT_APPEAL,
        A.APPROVE,
        A.DENY,
        A.REQUEST_DOCS,
        A.ESCALATE,
        A.NEXT_TASK,
        A.CLOSE,
        A.NOTIFY_CUSTOMER,
        A.DOCS_RECEIVED,
        A.UNMASK,  # shared/API.md: reviewer, senior_reviewer, ops_admin; audited, rate-limited
    }
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.AGENT: frozenset({A.VIEW, A.AFTER_CALL_WORK, A.FLAG_CALL, A.SUBMIT_APPEAL, A.COMMENT}),
    Role.REVIEWER: _REVIEWER,
    Role.SENIOR_REVIEWER: _REVIEWER | {A.RESOLVE_APPEAL, A.APPROVAL_RESPONSE, A.DECISION_ASK},
    Role.QA: frozenset({A.VIEW, A.QA_SAMPLE, A.QA_REVIEW}),
    Role.OPS_ADMIN: _REVIEWER
    | {
        A.ASSIGN,
        A.REASSIGN,
        A.OPEN_CASE,
        A.QA_SAMPLE,
        A.VIEW_AUDIT,
        A.VIEW_OPS,
        A.CHECKPOINT_FEEDBACK,
        A.APPROVAL_ESCALATE,
        A.DECISION_ASK,
    },
    Role.SUPERVISOR: frozenset({A.VIEW, A.VIEW_OPS, A.FLAG_CALL}),  # "may flag any call"
    Role.AUDITOR: frozenset({A.VIEW, A.VIEW_AUDIT}),
}

AUTHORITY_LIMITS: dict[Role, int | None] = {
    Role.REVIEWER: 100_000_000,  # < 1억원
    Role.SENIOR_REVIEWER: 1_000_000_000,  # < 10억원
    Role.OPS_ADMIN: None,  # unlimited
}
DECISION_ACTIONS = frozenset({A.APPROVE, A.DENY})


def _roles(roles: Iterable[Role | str]) -> list[Role]:
    out = []
    for r in roles:
        try:
            out.append(Role(r))
        except ValueError:
            continue  # an unknown role grants nothing
    return out


def roles_allowed(action: Action) -> list[Role]:
    """The roles that may perform ``action``, in Role order."""
    return [role for role in Role if Action(action) in PERMISSIONS[role]]


def can(roles: Iterable[Role], action: Action) -> Verdict:
    """Whether any of ``roles`` may perform ``action`` (ignoring amounts)."""
    held = _roles(roles)
    action = Action(action)
    if any(action in PERMISSIONS[r] for r in held):
        return ALLOWED
    allowed = roles_allowed(action)
    ko_roles = ", ".join(role_label(r) for r in allowed) or "없음"
    en_roles = ", ".join(role_label(r, "en") for r in allowed) or "none"
    return Verdict(
        False,
        "forbidden",
        f"'{action_label(action)}' 권한이 없습니다 (허용 역할: {ko_roles}).",
        f"you may not do '{action_label(action, 'en')}' (allowed roles: {en_roles})",
    )


def authority_limit(roles: Iterable[Role]) -> int | None:
    """The highest limit among ``roles`` (exclusive KRW bound); None = unlimited, 0 = no role
    carries decision authority."""
    limits = [AUTHORITY_LIMITS[r] for r in _roles(roles) if r in AUTHORITY_LIMITS]
    if not limits:
        return 0
    if any(limit is None for limit in limits):
        return None
    return max(limit for limit in limits if limit is not None)


def can_decide(roles: Iterable[Role], amount: int) -> Verdict:
    """Whether ``roles`` may approve or deny a case of ``amount`` KRW (see the limit table)."""
    limit = authority_limit(roles)
    if limit is None:
        return ALLOWED
    if limit == 0:
        return Verdict(
            False,
            "forbidden",
            "승인/거부 결정 권한이 없습니다.",
            "you have no authority to approve or deny",
        )
    if amount < limit:
        return ALLOWED
    return Verdict(
        False,
        "forbidden",
        f"결정 권한 초과: {format_krw_ko(limit)} 미만만 결정할 수 있습니다 "
        f"(이 케이스 {format_krw_ko(amount)}). 에스컬레이션하세요.",
        f"above your authority: you may decide amounts below {format_krw_en(limit)}, "
        f"this case is {format_krw_en(amount)}. Escalate it.",
    )


def can_act(roles: Iterable[Role], action: Action, *, amount: int | None = None) -> Verdict:
    """``can`` and, for approve/deny with an ``amount``, ``can_decide`` too."""
    held = _roles(roles)
    verdict = can(held, action)
    if not verdict or amount is None or Action(action) not in DECISION_ACTIONS:
        return verdict
    return can_decide(held, amount)
