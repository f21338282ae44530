"""The SLA countdowns of the inbox's rows between ticks.

A row's clock is evaluated once (``app.rules.sla.face``) and then moved forward by wall time
until its state may change (``app.rules.sla.steady_seconds``): a tick costs a subtraction per
row, not a calendar walk.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.cases import SlaInfo
from app.rules.sla import SlaFace, budget_seconds, is_stopped, steady_seconds
from widgets.sla_countdown import SlaCell, cell_for


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in ascending ``rows``."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


class Track:
    """A row's SLA clock evaluated once, moved forward by wall time until its state changes
    (``app.rules.sla.steady_seconds``): a tick costs a subtraction per row, not a calendar walk."""

    __slots__ = ("at", "budget", "fraction", "remaining", "state", "stopped", "until")

    def __init__(self, sla: SlaInfo, view: SlaFace, at: datetime) -> None:
        self.at, self.state = at, view.state
        self.remaining, self.fraction = view.remaining.total_seconds(), view.elapsed_fraction
        self.budget, self.stopped = budget_seconds(sla), is_stopped(sla)
        steady_s = steady_seconds(sla, at)
        self.until = at + timedelta(seconds=steady_s) if steady_s < 1e12 else None

    def cell_at(self, now: datetime) -> SlaCell | None:
        """The cell at ``now``, or None once the clock may have changed state."""
        if self.until is not None and now >= self.until:
            return None
        if self.stopped or now == self.at:
            return cell_for(self.state, self.remaining, self.fraction)
        d = (now - self.at).total_seconds()
        moved = d / self.budget if self.budget > 0 else 0.0
        return cell_for(self.state, self.remaining - d, self.fraction + moved)
