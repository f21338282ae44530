"""Real data for the call page tests: a script of resources/calls turned into segments exactly as
the server's simulator does (``server.simulator.turn_segments``), a real local store holding the
call, its segments and the knowledge articles (applied like pulled change-feed pages)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.calls import Call, CallCustomer, PostContactSummary, segment_to_wire
from app.domain.enums import CallFlow, CallState
from app.domain.people import KnowledgeArticle
from app.domain.wire import from_wire, to_wire
from app.store.apply import apply_changes
from app.store.segments import store_segment
from app.store.store import Store
from server.demo.people import queue_dicts
from server.simulator import SCRIPTS_DIR, turn_segments

ROOT = Path(__file__).resolve().parents[3]
AGENT = "u_agent1"
_seq = [0]


def load_script(name: str) -> dict[str, Any]:
    return json.loads((SCRIPTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def script_segments(script: dict[str, Any], *, summary: bool = True) -> list[dict[str, Any]]:
    """Partials, finals and categories of every turn, then the PostContactSummary."""
    out: list[dict[str, Any]] = []
    begin = 0
    for index, turn in enumerate(script["turns"]):
        out += [segment_to_wire(s) for s in turn_segments(script, index, begin, AGENT, 3)]
        begin += int(turn["duration_ms"]) + 400
    if summary:
        out.append(segment_to_wire(PostContactSummary(script["summary"])))
    return out


def call_wire(
    call_id: str,
    script: dict[str, Any],
    started: datetime,
    state: CallState = CallState.CONNECTED,
    agent: str | None = AGENT,
    version: int = 1,
) -> dict[str, Any]:
    c = script["customer"]
    call = Call(
        id=call_id,
        queue=script["queue"],
        flow=CallFlow(script["flow"]),
        state=state,
        customer=CallCustomer(c["name"], c["tier"], c["account_id"], c.get("phone", "")),
        agent_id=agent,
        started_at=started,
        connected_at=started + timedelta(seconds=4),
        script_id=script["id"],
        version=version,
        updated_at=started,
    )
    return to_wire(call)


def apply(store: Store, entity: str, items: list[dict[str, Any]]) -> None:
    changes = []
    for data in items:
        _seq[0] += 1
        changes.append(
            {
                "seq": _seq[0],
                "entity": entity,
                "id": data["id"],
                "op": "upsert",
                "version": data.get("version", 1),
                "data": data,
            }
        )
    with store.transaction() as session:
        apply_changes(session, changes)


def knowledge() -> list[dict[str, Any]]:
    out = []
    for path in sorted((ROOT / "resources" / "knowledge").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            out.append(to_wire(from_wire(KnowledgeArticle, item)))
    return out


def seed_reference(store: Store) -> None:
    """Queues and knowledge articles, as the demo server syncs them."""
    apply(store, "queue", queue_dicts())
    apply(store, "knowledge_article", knowledge())


def store_segments(
    store: Store,
    call_id: str,
    wires: list[dict[str, Any]],
    now: datetime,
    bridge: Any = None,
) -> int:
    """Store segments as the engine's live consumer does; with ``bridge``, then hand each one
    that changed the store to it the way sync.wiring does (``on_live_segment`` →
    ``sig_call_segments_received`` with the segment)."""
    stored = []
    with store.transaction() as session:
        for i, wire in enumerate(wires):
            at = now + timedelta(microseconds=i)
            if store_segment(session, call_id, wire, at) is not None:
                stored.append(wire)
    for wire in stored if bridge is not None else ():
        bridge.on_live_segment(call_id, wire, None)
    return len(stored)
