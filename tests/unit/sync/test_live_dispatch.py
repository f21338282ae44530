"""LiveStream.dispatch: event routing, `retry:`, Last-Event-ID bookkeeping, duplicates dropped."""

from __future__ import annotations

import asyncio
import json

import httpx
from httpx_sse import ServerSentEvent

from sync.live import LiveHandlers, LiveStream


def _stream(calls: list) -> LiveStream:
    handlers = LiveHandlers(
        on_segment=lambda cid, seg, eid: calls.append(("segment", cid, seg, eid)),
        on_change=lambda seq: calls.append(("change", seq)),
        on_alert=lambda data: calls.append(("alert", data)),
        on_queue_stats=lambda data: calls.append(("stats", data)),
        on_call_state=lambda data: calls.append(("state", data)),
    )
    return LiveStream(httpx.AsyncClient(), handlers, last_event_id="4")


def _event(eid: str, kind: str, data: dict, retry: int | None = None) -> ServerSentEvent:
    return ServerSentEvent(event=kind, data=json.dumps(data), id=eid, retry=retry)


def test_routing_retry_and_duplicates() -> None:
    calls: list = []
    live = _stream(calls)
    seg = {"Transcript": {"Id": "s1", "Content": "가\u2028나"}}

    async def main() -> None:
        await live.dispatch(_event("3", "alert", {"kind": "old"}))  # before Last-Event-ID
        await live.dispatch(_event("5", "call.segment", {"contact_id": "c1", "segment": seg}))
        await live.dispatch(_event("5", "call.segment", {"contact_id": "c1", "segment": seg}))
        await live.dispatch(_event("6", "change", {"seq": 99}, retry=1500))
        await live.dispatch(_event("7", "alert", {"kind": "sla_breach"}))
        await live.dispatch(_event("8", "queue.stats", {"queue": "q"}))
        await live.dispatch(_event("9", "call.state", {"id": "c1", "state": "acw"}))
        await live.dispatch(ServerSentEvent(event="alert", data="not json", id="10"))

    asyncio.run(main())
    assert calls == [
        ("segment", "c1", seg, "5"),
        ("change", 99),
        ("alert", {"kind": "sla_breach"}),
        ("stats", {"queue": "q"}),
        ("state", {"id": "c1", "state": "acw"}),
    ]
    assert live.reconnect_s == 1.5 and live.last_event_id == "10"
    assert calls[0][2]["Transcript"]["Content"] == "가\u2028나"


def test_wake_reconnects_at_once_instead_of_after_the_backoff() -> None:
    """The engine saw the server come back: the stream retries now, not after its long wait."""
    from server.runner import free_port

    attempts: list[object] = []

    async def main() -> None:
        port = free_port()  # nothing listens there: every attempt is refused at once
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}/v1") as http:
            handlers = LiveHandlers(on_disconnected=lambda error: attempts.append(error))
            stream = LiveStream(http, handlers, reconnect_s=600.0)  # a wait no test outlives
            stop = asyncio.Event()
            task = asyncio.ensure_future(stream.run(stop))
            while not attempts:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)
            assert len(attempts) == 1  # waiting its 600 s
            stream.wake()
            await asyncio.wait_for(_until(lambda: len(attempts) >= 2), 20)
            stop.set()
            stream.wake()
            await asyncio.wait_for(task, 20)

    async def _until(predicate) -> None:
        while not predicate():
            await asyncio.sleep(0.01)

    asyncio.run(main())
    assert all(error is not None for error in attempts)
