"""The demo callers' history (issue 17: the customer's prior-interaction timeline on the call
page): for each scripted caller, earlier calls that ended with a disposition, and for a few of
them a decided case — linked by the opaque ``customer_id`` only. Identifiers go through the
server's masking like every other entity (``storage.bulk_insert``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.calls import Call, CallCustomer
from app.domain.enums import CallFlow, CallState
from app.domain.wire import to_wire
from server.demo.cases import generate_cases

DISPOSITIONS = ("info_provided", "resolved", "callback_scheduled", "unresolved", "escalated")
DECIDED = ("approved", "rejected", "closed")


def _customer(script: dict) -> dict:
    c = script["customer"]
    return {k: c.get(k) or "" for k in ("customer_id", "name", "tier", "account_id", "phone")}


def past_calls(scripts: list[dict], now: datetime) -> list[dict]:
    """One or two ended calls per scripted caller, 3 to 40 days ago."""
    out = []
    for n, script in enumerate(scripts):
        for k in range(1 + n % 2):
            started = now - timedelta(days=3 + 9 * k + n, hours=2 * n + 1)
            call = Call(
                id=f"call_past_{script['id']}_{k}",
                queue=script["queue"],
                flow=CallFlow(script["flow"]),
                state=CallState.ENDED,
                customer=CallCustomer(**_customer(script)),
                agent_id="u_agent2" if k else "u_agent1",
                started_at=started,
                connected_at=started + timedelta(seconds=9),
                ended_at=started + timedelta(minutes=6 + n),
                disposition=DISPOSITIONS[(n + k) % len(DISPOSITIONS)],
                summary="이전 상담",
                script_id=script["id"],
            )
            out.append(to_wire(call))
    return out


def past_cases(scripts: list[dict], now: datetime) -> tuple[list[dict], list[dict]]:
    """A decided case for every other scripted caller (with its review task)."""
    callers = [s for i, s in enumerate(scripts) if i % 2 == 1]
    cases, tasks = generate_cases(3 * len(callers) + 24, now, seed=17)
    decided = [c for c in cases if c["status"] in DECIDED][: len(callers)]
    for case, script in zip(decided, callers, strict=False):
        case["customer"] = {**case["customer"], **_customer(script)}
    kept = {c["id"] for c in decided}
    return decided, [t for t in tasks if t.get("case_id") in kept]
