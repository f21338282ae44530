"""Seed 001 checkpoints raised by the clock (``app.rules.checkpoint_schedule``): an SC at the
end of each observation window of the cadence (its review document from the cadence's
template, disputed signals carried, 3-SC promotion applied) and an EC at once for each critical
signal — observed in the current window so far or promoted in a new SC. Each creation is an
audit event (``hitl_checkpoint_created``); an EC raises a ``critical_signal`` alert."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.checkpoints import Checkpoint
from app.domain.enums import AlertKind, CheckpointMode, CheckpointStatus, EntityKind
from app.domain.wire import format_time, from_wire, parse_time, to_wire
from app.rules import checkpoint_schedule as rules
from server import storage
from server import tables as t
from server.jobs import alert

ACTOR = "system:scheduler"
DEFAULT_CADENCE = "weekly"
ANCHOR_KEY = "sc_first_window_start"  # where the first window starts when there is no SC yet


def _alerts_since(s, start: datetime) -> list[dict]:
    rows = s.execute(
        select(t.alerts.c.kind, t.alerts.c.at, t.alerts.c.data).where(
            t.alerts.c.at >= storage._naive(start)
        )
    )
    return [
        {"kind": r.kind, "at": storage._aware(r.at), "queue_id": (r.data or {}).get("queue_id")}
        for r in rows
    ]


def _week_start(now: datetime) -> datetime:
    local = now.astimezone(rules.KST)
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def _anchor(s, now: datetime) -> datetime:
    """The first window's start: the Monday 00:00 KST of the first run, kept in the meta table
    (so a restart in a later week still closes the first window)."""
    raw = storage.get_meta(s, ANCHOR_KEY)
    if raw:
        return parse_time(raw)
    start = _week_start(now)
    storage.set_meta(s, ANCHOR_KEY, format_time(start))
    return start


def _save(s, cp: Checkpoint, now: datetime, extra: dict | None = None) -> None:
    data = {**to_wire(cp), **(extra or {})}
    storage.put(s, EntityKind.CHECKPOINT, data, actor=ACTOR, now=now)
    audit = {"mode": cp.mode.value, "signals": [sig.id for sig in cp.signals]}
    storage.append_audit(s, ACTOR, "hitl_checkpoint_created", "checkpoint", cp.id, audit, now)


def _ec(s, signal, ids: list[str], made: list[Checkpoint], now: datetime, source: str) -> dict:
    ec = rules.build_ec(rules.next_id(ids, now), signal, now)
    ids.append(ec.id)
    made.append(ec)
    _save(s, ec, now, {"raised_by": source})
    params = {"checkpoint_id": ec.id, "signal_id": signal.id, "type": signal.type}
    return alert(AlertKind.CRITICAL_SIGNAL, "checkpoint", ec.id, "ec_created", params,
                 action="event_checkpoint")  # fmt: skip


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    all_cps = [from_wire(Checkpoint, d) for d in storage.query(s, EntityKind.CHECKPOINT)]
    ids = [c.id for c in all_cps]
    scs = sorted(
        (c for c in all_cps if c.mode is CheckpointMode.SCHEDULED), key=lambda c: c.window.end
    )
    last = scs[-1] if scs else None
    cadence = last.cadence if last else DEFAULT_CADENCE
    anchor = _anchor(s, now)
    windows = rules.windows_due(last.window.end if last else None, cadence, now, anchor)
    current_start = windows[-1].end if windows else (last.window.end if last else anchor)
    since = min([w.start for w in windows] + [current_start])
    alerts = _alerts_since(s, since)
    out: list[dict] = []
    made: list[Checkpoint] = []
    for window in windows:
        answered = [c for c in scs if c.status is CheckpointStatus.ANSWERED]
        carried = rules.carried_signals(answered[-1] if answered else None)
        signals = rules.merge_carried(rules.observe(alerts, window.start, window.end), carried)
        sc = rules.build_sc(rules.next_id(ids, now), window, signals, scs, cadence, now)
        ids.append(sc.id)
        _save(s, sc, now, {"review_document": rules.review_document(sc)})
        scs.append(sc)
        for signal in rules.promoted(signals, sc.signals):
            out.append(_ec(s, signal, ids, made, now, f"promoted:{sc.id}"))
    # "Critical 심각도 이상 신호 감지 시 즉시": the current window so far, once per signal
    recent_ecs = made + [
        c
        for c in all_cps
        if c.mode is CheckpointMode.EVENT and c.created_at and c.created_at >= current_start
    ]
    observed = rules.observe(alerts, current_start, now + timedelta(microseconds=1))
    for signal in rules.event_signals(observed, recent_ecs):
        out.append(_ec(s, signal, ids, made, now, "observed"))
    return out
