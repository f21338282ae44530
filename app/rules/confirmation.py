"""Which actions ask "are you sure?" with a summary before they run (issue 17): irreversible or
large ones — approving 1억원 or more (the amount at stake: the larger of the applied-for amount
and the approved limit), overturning an appeal, closing a case. Pure: no I/O."""

from __future__ import annotations

CONFIRM_FROM_KRW = 100_000_000
"""Approvals with this much at stake or more are confirmed first (1억원)."""


def needs_confirmation(action: str, *, amount_at_stake: int = 0, resolution: str = "") -> bool:
    """``action`` is the wire name (approve, close, appeal_resolve, …)."""
    if action == "approve":
        return amount_at_stake >= CONFIRM_FROM_KRW
    if action == "appeal_resolve":
        return resolution == "overturn"
    return action == "close"
