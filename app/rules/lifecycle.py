"""Case states and transitions of the runbook ("케이스 라이프사이클" and "조치 수행").

```
[open] → [pending] → [awaiting_docs] → [escalated] → [closed]
   ↓         ↓              ↓              ↓            ↓
[rejected] [approved]   [rejected]    [approved]   [archived]
```

The transition table, action: from → to (``=`` keeps the status; anything unlisted is refused):

| action                              | from                                   | to            |
|-------------------------------------|----------------------------------------|---------------|
| assign, reassign, next_task         | open                                   | pending       |
|                                     | pending, awaiting_docs, escalated      | =             |
| approve                             | open, pending, escalated               | approved      |
| deny                                | open, pending, awaiting_docs, escalated| rejected      |
| request_docs                        | open, pending, escalated               | awaiting_docs |
| docs_received                       | awaiting_docs                          | pending       |
| escalate                            | open, pending, awaiting_docs, escalated| escalated     |
| comment, notify_customer            | every status but archived              | =             |
| close                               | open, pending, approved, rejected      | closed        |
| submit_appeal, resolve_appeal       | rejected, closed                       | =             |
| qa_sample, qa_review                | approved, rejected, closed             | =             |
| view, view_audit, unmask            | every status                           | =             |
| (archive(), not an Action)          | closed                                 | archived      |

Choices: approve/deny from ``open`` is the reviewer acting directly on an unassigned case; deny
from ``awaiting_docs`` is the runbook's "기한 내 미제출 시 … 거부" (diagram: awaiting_docs →
rejected), approve needs ``docs_received`` first. ``escalated`` → ``escalated`` is L2→L3.
request_docs from ``escalated`` is the senior reviewer asking; docs_received returns to
``pending`` and the case keeps its escalation level (the queue stays the senior one). ``close``
from ``open``/``pending`` is the P3 "info_provided" path. ``closed`` and ``archived`` are terminal:
they refuse every task action except a comment on a closed case (the audit trail may still grow);
``archived`` refuses every change. Archiving is a system step after a retention period, not a user
action, so it is ``archive(status)`` rather than an ``Action``. Other actions (open_case,
after_call_work, checkpoint/approval actions, view_ops) are not case transitions.
"""

from __future__ import annotations

from app.domain.enums import Action, CaseStatus
from app.rules.errors import InvalidTransition

S = CaseStatus
A = Action

_KEEP = object()  # marker: the action leaves the status as it is

_WORKING = (S.OPEN, S.PENDING, S.AWAITING_DOCS, S.ESCALATED)
_DECIDED = (S.APPROVED, S.REJECTED)
_NOT_ARCHIVED = (*_WORKING, *_DECIDED, S.CLOSED)

# action -> {from status: to status (or _KEEP)}
_TABLE: dict[Action, dict[CaseStatus, object]] = {
    A.ASSIGN: {S.OPEN: S.PENDING, S.PENDING: _KEEP, S.AWAITING_DOCS: _KEEP, S.ESCALATED: _KEEP},
    A.APPROVE: {S.OPEN: S.APPROVED, S.PENDING: S.APPROVED, S.ESCALATED: S.APPROVED},
    A.DENY: {s: S.REJECTED for s in _WORKING},
    A.REQUEST_DOCS: {s: S.AWAITING_DOCS for s in (S.OPEN, S.PENDING, S.ESCALATED)},
    A.DOCS_RECEIVED: {S.AWAITING_DOCS: S.PENDING},
    A.ESCALATE: {s: S.ESCALATED for s in _WORKING},
    A.COMMENT: {s: _KEEP for s in _NOT_ARCHIVED},
    A.NOTIFY_CUSTOMER: {s: _KEEP for s in _NOT_ARCHIVED},
    A.CLOSE: {s: S.CLOSED for s in (S.OPEN, S.PENDING, *_DECIDED)},
    A.SUBMIT_APPEAL: {S.REJECTED: _KEEP, S.CLOSED: _KEEP},
    A.VIEW: {s: _KEEP for s in CaseStatus},
}
_TABLE[A.REASSIGN] = _TABLE[A.ASSIGN]
_TABLE[A.NEXT_TASK] = _TABLE[A.ASSIGN]
_TABLE[A.RESOLVE_APPEAL] = _TABLE[A.SUBMIT_APPEAL]
_TABLE[A.QA_SAMPLE] = {s: _KEEP for s in (*_DECIDED, S.CLOSED)}
_TABLE[A.QA_REVIEW] = _TABLE[A.QA_SAMPLE]
_TABLE[A.VIEW_AUDIT] = _TABLE[A.VIEW]
_TABLE[A.UNMASK] = _TABLE[A.VIEW]

# where an action would lead, for the error message when it is refused
_INTENDED: dict[Action, CaseStatus] = {
    A.APPROVE: S.APPROVED,
    A.DENY: S.REJECTED,
    A.REQUEST_DOCS: S.AWAITING_DOCS,
    A.DOCS_RECEIVED: S.PENDING,
    A.ESCALATE: S.ESCALATED,
    A.CLOSE: S.CLOSED,
    A.ASSIGN: S.PENDING,
    A.REASSIGN: S.PENDING,
    A.NEXT_TASK: S.PENDING,
}

TERMINAL = frozenset({S.CLOSED, S.ARCHIVED})
ACTIVE_STATUSES = frozenset(s.value for s in _WORKING)
"""What a reviewer works on (status values); the inbox shows these unless the user picks
otherwise, and the case page's J / K walk them when no inbox is open."""


def transition(status: CaseStatus, action: Action) -> CaseStatus:
    """The status after ``action``; raises InvalidTransition naming both states."""
    status, action = CaseStatus(status), Action(action)
    target = _TABLE.get(action, {}).get(status)
    if target is None:
        intended = _INTENDED.get(action, status)
        raise InvalidTransition(status.value, intended.value, via=action.value)
    return status if target is _KEEP else target  # type: ignore[return-value]


def allowed_actions(status: CaseStatus) -> frozenset[Action]:
    """Every action the case's status permits (roles are app.rules.access's business)."""
    status = CaseStatus(status)
    return frozenset(action for action, row in _TABLE.items() if status in row)


def is_terminal(status: CaseStatus) -> bool:
    """closed and archived: the case's decision is final and no task action applies."""
    return CaseStatus(status) in TERMINAL


def archive(status: CaseStatus) -> CaseStatus:
    """closed → archived (the retention step); anything else raises InvalidTransition."""
    status = CaseStatus(status)
    if status is not S.CLOSED:
        raise InvalidTransition(status.value, S.ARCHIVED.value, via="archive")
    return S.ARCHIVED
