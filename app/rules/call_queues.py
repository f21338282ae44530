"""Contact-center time rules of seed 004, pure (time passed in).

* **Routing by the business calendar** ("업무시간은 평일 09:00~18:00", KR public holidays from
  ``app.rules.calendar``): :func:`route` picks the flow and queue of an incoming call. Outside
  business hours every call takes the After Hours flow — except an MSP customer's emergency,
  which always goes to the Emergency flow (the after-hours "긴급 연락망").
* **Queue SLA** ("MSP Emergency Queue (SLA 15분)", "MSP General Queue (30분)", "General
  Customer Queue (1시간)", "After Hours Queue (다음 업무일)" — the budgets of
  ``app.rules.sla.QUEUE_POLICIES``): a contact still unanswered when its queue's due time passes
  → one ``call_queue_breach`` (:func:`queue_breaches`, over the window ``(before, now]``).
* **Callback promise** ("담당 엔지니어가 15분 내에 연락드리겠습니다", MSP General): a contact
  routed to MSP General must be reached by an engineer within 15 min of its start; an explicit
  ``callback_at`` (the after-hours callback) is a promise of its own. Not kept by then →
  ``callback_due`` (:func:`callbacks_due`).
* **Emergency ladder** ("1차 TS 정담당자 → 2차 부담당자 → 3차 파트 내 다른 구성원 → 최종
  General 담당자 + 관리자 알림"): an unanswered emergency contact climbs one rung every
  ``LADDER_STEP`` (3 min: the four rungs fit well inside the 15 min SLA — "각 단계별 대기시간
  최소화"); :func:`ladder_due` says which rungs are due and not yet logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.rules import calendar
from app.rules import sla as sla_rules

CALLBACK_PROMISE = timedelta(minutes=15)
PROMISE_QUEUE = "msp_general"
LADDER_STEP = timedelta(minutes=3)
LADDER = ("ts_primary", "ts_secondary", "part_member", "general_and_manager")
LADDER_KO = {
    "ts_primary": "1차: TS 정담당자",
    "ts_secondary": "2차: TS 부담당자",
    "part_member": "3차: 파트 내 다른 구성원",
    "general_and_manager": "최종: 일반 고객 큐 담당자 + 슈퍼바이저 알림",
}
QUEUE_LIMITS = {  # the queues' names live in app.text.labels ("queue")
    "msp_emergency": "15분",
    "msp_general": "30분",
    "general": "1시간",
    "after_hours": "다음 업무일",
}


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    queue: str
    started_at: datetime
    answered_at: datetime | None = None  # an agent or engineer reached the customer
    callback_at: datetime | None = None  # an explicit callback promise
    called_back_at: datetime | None = None
    emergency: bool = False
    ladder_logged: int = 0  # rungs already taken


# -- routing ----------------------------------------------------------------------------------
def route(tier: str, emergency: bool, at: datetime) -> tuple[str, str]:
    """``(flow, queue)`` of a call arriving at ``at`` from a ``tier`` customer (msp, general,
    unregistered) who chose the emergency option or not."""
    if tier == "msp" and emergency:
        return "emergency", "msp_emergency"
    if not calendar.is_business_time(at):
        return "after_hours", "after_hours"
    if tier == "msp":
        return "msp", "msp_general"
    return "general", "general"


# -- queue SLA --------------------------------------------------------------------------------
def queue_due(contact: Contact) -> datetime | None:
    """When the contact's wait passes its queue's SLA (None for a queue without one)."""
    if contact.queue not in sla_rules.QUEUE_POLICIES:
        return None
    return sla_rules.due_for(contact.queue, contact.started_at)


def _open_at(answered: datetime | None, t: datetime) -> bool:
    return answered is None or answered > t


def queue_breaches(contacts: list[Contact], before: datetime, now: datetime) -> list[Contact]:
    """Contacts whose queue SLA passed in ``(before, now]`` while they were unanswered."""
    out = []
    for c in contacts:
        due = queue_due(c)
        if due is not None and before < due <= now and _open_at(c.answered_at, due):
            out.append(c)
    return out


# -- callback promise -------------------------------------------------------------------------
def promised_by(contact: Contact) -> datetime | None:
    """The promised callback time: ``callback_at`` when set, else 15 min after an MSP General
    contact started; None when nothing was promised."""
    if contact.callback_at is not None:
        return contact.callback_at
    if contact.queue == PROMISE_QUEUE:
        return contact.started_at + CALLBACK_PROMISE
    return None


def callbacks_due(contacts: list[Contact], before: datetime, now: datetime) -> list[Contact]:
    """Contacts whose promise fell due in ``(before, now]`` and was not kept by then."""
    out = []
    for c in contacts:
        due = promised_by(c)
        if due is None or not (before < due <= now):
            continue
        kept = c.called_back_at if c.callback_at is not None else c.answered_at
        if _open_at(kept, due):
            out.append(c)
    return out


# -- emergency ladder -------------------------------------------------------------------------
def rung_at(contact: Contact, index: int) -> datetime:
    return contact.started_at + index * LADDER_STEP


def ladder_due(contact: Contact, now: datetime) -> list[tuple[int, str, datetime]]:
    """``(index, rung, due time)`` of the rungs due by ``now`` and not yet logged, for an
    emergency contact unanswered at each rung's time. A contact answered stops the climb."""
    if not contact.emergency:
        return []
    out = []
    for index in range(contact.ladder_logged, len(LADDER)):
        at = rung_at(contact, index)
        if at > now or not _open_at(contact.answered_at, at):
            break
        out.append((index, LADDER[index], at))
    return out


@dataclass(frozen=True, slots=True)
class Roster:
    """Who each rung calls: the customer's TS engineers, the rest of the part, the General
    desk and the managers told at the last rung."""

    ts_primary: str | None = None
    ts_secondary: str | None = None
    part: tuple[str, ...] = ()
    general: tuple[str, ...] = ()
    managers: tuple[str, ...] = ()


def roster(
    engineers: list[str],
    general: list[str],
    managers: list[str],
    primary: str | None = None,
    secondary: str | None = None,
) -> Roster:
    """The ladder's roster: the named TS engineers, or the first two engineers of the part."""
    rest = [e for e in sorted(engineers) if e not in (primary, secondary)]
    if primary is None and rest:
        primary = rest.pop(0)
    if secondary is None and rest:
        secondary = rest.pop(0)
    return Roster(primary, secondary, tuple(rest), tuple(sorted(general)), tuple(sorted(managers)))


def targets(rung: str, people: Roster) -> list[str]:
    """The people a rung tries (empty when the roster has nobody for it)."""
    if rung == "ts_primary":
        return [people.ts_primary] if people.ts_primary else []
    if rung == "ts_secondary":
        return [people.ts_secondary] if people.ts_secondary else []
    if rung == "part_member":
        return list(people.part)
    return list(people.general) + list(people.managers)
