"""GET /v1/events on a real server: ids, replay, heartbeat, U+2028, auth, shutdown."""

from __future__ import annotations

import json
import threading
import time

import httpx
from httpx_sse import connect_sse

from server.events import EventBus, encode_data

LINE_SEPARATORS = "첫 줄\u2028둘째 줄\u2029셋째\u0085끝"


def _read(url: str, token: str, n: int, last_id: int | None = None, timeout: float = 10):
    headers = {"Authorization": f"Bearer {token}"}
    if last_id is not None:
        headers["Last-Event-ID"] = str(last_id)
    out = []
    with (
        httpx.Client(timeout=timeout) as client,
        connect_sse(client, "GET", f"{url}/v1/events", headers=headers) as source,
    ):
        assert source.response.headers["content-type"].startswith("text/event-stream")
        for sse in source.iter_sse():
            out.append(sse)
            if len(out) >= n:
                break
    return out


def test_ids_increase_and_data_is_one_json_line(live_server, token) -> None:
    bus: EventBus = live_server.app.state.bus

    def publish() -> None:
        deadline = time.monotonic() + 20
        while not bus._subs and time.monotonic() < deadline:  # publish once the reader listens
            time.sleep(0.05)
        for i in range(5):
            bus.publish("queue.stats", {"queue_id": "general", "n": i, "text": "줄\n바꿈"})

    threading.Thread(target=publish, daemon=True).start()
    events = _read(live_server.url, token, 5)
    ids = [int(e.id) for e in events]
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert [e.json()["n"] for e in events] == [0, 1, 2, 3, 4]
    assert all(e.event == "queue.stats" and e.retry == bus.retry_ms for e in events)
    assert events[0].json()["text"] == "줄\n바꿈"


def test_last_event_id_replays_exactly_the_missed_events(live_server, token) -> None:
    bus: EventBus = live_server.app.state.bus
    first = bus.publish("change", {"seq": 1})
    missed = [bus.publish("change", {"seq": s}) for s in (2, 3, 4)]
    events = _read(live_server.url, token, 3, last_id=first)
    assert [int(e.id) for e in events] == missed
    assert [e.json()["seq"] for e in events] == [2, 3, 4]


def test_heartbeat_comment_arrives(live_server, token) -> None:
    """The fixture's heartbeat is 0.2 s; with the default 15 s the 5 s read timeout fails the
    test, so no wall-clock bound is needed (one would fail at random on a loaded machine)."""
    headers = {"Authorization": f"Bearer {token}"}
    seen = b""
    with (
        httpx.Client(timeout=5) as client,
        client.stream("GET", f"{live_server.url}/v1/events", headers=headers) as response,
    ):
        for chunk in response.iter_bytes():
            seen += chunk
            if seen.count(b": ping") >= 2:
                break
    assert seen.count(b": ping\n\n") >= 2


def test_line_separators_survive_the_round_trip(live_server, token) -> None:
    bus: EventBus = live_server.app.state.bus
    assert "\u2028" not in encode_data({"t": LINE_SEPARATORS})
    bus.publish("alert", {"kind": "negative_sentiment", "message": LINE_SEPARATORS})
    (event,) = _read(live_server.url, token, 1, last_id=0)
    assert event.json()["message"] == LINE_SEPARATORS
    # also through a plain str.splitlines-based reader (httpx iter_lines)
    headers = {"Authorization": f"Bearer {token}", "Last-Event-ID": "0"}
    with (
        httpx.Client(timeout=5) as client,
        client.stream("GET", f"{live_server.url}/v1/events", headers=headers) as response,
    ):
        for line in response.iter_lines():
            if line.startswith("data: "):
                assert json.loads(line[6:])["message"] == LINE_SEPARATORS
                break


def test_events_need_a_token(live_server) -> None:
    r = httpx.get(
        f"{live_server.url}/v1/events", headers={"Authorization": "Bearer nope"}, timeout=30
    )
    assert r.status_code == 401
    assert r.json()["code"] == "unauthenticated"


def test_stream_ends_when_the_bus_closes(live_server, token) -> None:
    """Heartbeats keep an open stream alive for ever, so the reader returns only if the server
    ends the stream; it runs in a thread with a generous bound instead of a timed assertion."""
    bus: EventBus = live_server.app.state.bus
    result: list = []
    reader = threading.Thread(
        target=lambda: result.append(_read(live_server.url, token, 100)), daemon=True
    )
    reader.start()
    deadline = time.monotonic() + 20
    while not bus._subs and time.monotonic() < deadline:  # close once the reader listens
        time.sleep(0.05)
    bus.close()
    reader.join(timeout=60)
    assert not reader.is_alive(), "the stream did not end when the bus closed"
    assert result == [[]]


def test_slow_subscriber_is_dropped_and_catches_up_by_replay() -> None:
    bus = EventBus(subscriber_queue=3)
    sub = bus.subscribe()
    ids = [bus.publish("change", {"seq": i}) for i in range(6)]
    assert sub.dropped and bus.subscriber_count == 0
    kept = [e.id for e in sub.take()]
    assert kept == ids[:3]
    again = bus.subscribe(last_event_id=kept[-1])
    assert [e.id for e in again.take()] == ids[3:]


def test_retention_drops_old_events() -> None:
    now = [0.0]
    bus = EventBus(retention_s=600, clock=lambda: now[0])
    bus.publish("change", {"seq": 1})
    now[0] = 601.0
    second = bus.publish("change", {"seq": 2})
    assert [e.id for e in bus.retained()] == [second]


def test_publish_is_thread_safe() -> None:
    bus = EventBus()
    threads = [
        threading.Thread(target=lambda: [bus.publish("change", {"seq": i}) for i in range(500)])
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [e.id for e in bus.retained()]
    assert ids == list(range(1, 2001))
