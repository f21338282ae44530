"""Fault 10: the SSE stream dropped mid-call resumes with Last-Event-ID — no missing or
duplicated segment, U+2028 inside a transcript intact; a silent link trips the heartbeat."""

from __future__ import annotations

import asyncio
import time

import pytest

from app.store.segments import call_segments
from sync.live import LiveHandlers
from tests.integration.sync.helpers import Workstation

LS = "\u2028"


@pytest.fixture(autouse=True)
def quick_retry(server):
    """The server's ``retry:`` field (honoured by the client) at 200 ms instead of 3 s."""
    bus = server.app.state.bus
    saved, bus.retry_ms = bus.retry_ms, 200
    yield
    bus.retry_ms = saved


def _transcript(n: int, text: str) -> dict:
    return {
        "Transcript": {
            "Id": f"seg-{n}", "ParticipantId": "c", "ParticipantRole": "CUSTOMER",
            "Content": text, "BeginOffsetMillis": n * 1000, "EndOffsetMillis": n * 1000 + 900,
            "Sentiment": "NEUTRAL", "IssuesDetected": [],
        }
    }  # fmt: skip


def _partial(n: int, text: str) -> dict:
    return {
        "Utterance": {
            "Id": f"seg-{n}", "TranscriptId": f"seg-{n}", "ParticipantId": "c",
            "ParticipantRole": "CUSTOMER", "PartialContent": text,
            "BeginOffsetMillis": n * 1000, "EndOffsetMillis": n * 1000 + 400,
        }
    }  # fmt: skip


async def _until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)


def test_sse_drop_mid_call_resumes_without_gaps_or_duplicates(server, proxy, tmp_path) -> None:
    bus = server.app.state.bus
    call_id = "call-sse-drop"
    ws = Workstation(tmp_path, proxy.url, "agent1")
    seen: list[tuple[str, str]] = []
    connects: list[int] = []

    def on_segment(cid: str, wire: dict, event_id: str) -> None:
        if cid == call_id:
            seen.append((event_id, next(iter(wire.values()))["Id"]))

    handlers = LiveHandlers(on_segment=on_segment, on_connected=lambda: connects.append(1))

    async def main() -> None:
        engine = ws.engine(live=True, live_handlers=handlers, heartbeat_timeout_s=5)
        engine.live.reconnect_s = 0.05
        engine.start()
        await _until(lambda: connects)
        for n in range(1, 6):
            bus.publish("call.segment", {"contact_id": call_id, "segment": _partial(n, "음")})
            text = f"문장 {n}{LS}다음 줄 {n}"
            bus.publish("call.segment", {"contact_id": call_id, "segment": _transcript(n, text)})
        await _until(lambda: len(seen) >= 10)
        proxy.drop_all()  # mid-call
        for n in range(6, 11):
            text = f"문장 {n}{LS}다음 줄 {n}"
            bus.publish("call.segment", {"contact_id": call_id, "segment": _transcript(n, text)})
        await _until(lambda: len(seen) >= 15)
        await asyncio.sleep(0.3)  # a duplicate would arrive now
        assert len(connects) >= 2
        await engine.stop()

    asyncio.run(main())
    ids = [int(e) for e, _ in seen]
    assert ids == sorted(set(ids)), "no event twice, in order"
    assert len(seen) == 15
    with ws.store.session() as s:
        rows = call_segments(s, call_id)
    assert [r.segment_key for r in rows] == [f"seg-{n}" for n in range(1, 11)]
    assert all(r.kind == "Transcript" for r in rows)
    assert rows[3].data["Transcript"]["Content"] == f"문장 4{LS}다음 줄 4"
    assert rows[9].data["Transcript"]["Content"].split(LS) == ["문장 10", "다음 줄 10"]
    ws.close()


def test_silent_link_trips_the_heartbeat_and_reconnects(server, proxy, tmp_path) -> None:
    bus = server.app.state.bus
    ws = Workstation(tmp_path, proxy.url, "agent1")
    got: list[str] = []
    connects: list[int] = []
    handlers = LiveHandlers(
        on_alert=lambda data: got.append(data.get("kind", "")),
        on_connected=lambda: connects.append(1),
    )

    async def main() -> None:
        engine = ws.engine(live=True, live_handlers=handlers, heartbeat_timeout_s=1.0)
        engine.live.reconnect_s = 0.05
        engine.start()
        await _until(lambda: connects)
        bus.publish("alert", {"kind": "critical_signal"})  # an event id to resume from
        await _until(lambda: "critical_signal" in got)
        proxy.stall_all()  # bytes stop; the socket stays open
        bus.publish("alert", {"kind": "sla_warning", "case_id": "c-x"})
        await _until(lambda: "sla_warning" in got, timeout=8)
        assert len(connects) >= 2
        assert engine.live.reconnect_s == 0.2  # the server's retry: field
        await engine.stop()

    asyncio.run(main())
    ws.close()
