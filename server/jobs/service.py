"""Starting the scheduler for a running app: every ``reviewer-server`` runs it (not only the
demo), on the app's one injected clock ``config.clock``; ``--no-scheduler`` leaves it out for a
read-only replica."""

from __future__ import annotations

from server.scheduler import Scheduler

INTERVAL_S = 30.0


def start_scheduler(app, *, interval_s: float = INTERVAL_S) -> Scheduler:
    """Start the tick loop on a daemon thread; ``app.state.scheduler`` holds it."""
    config = app.state.config
    sched = Scheduler(
        app.state.db, app.state.bus, config.clock, interval_s=interval_s / max(config.speed, 1.0)
    )
    sched.start()
    app.state.scheduler = sched
    return sched
