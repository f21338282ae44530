"""Several server URLs (comma-separated ``--server`` / ``RWS_SERVER``): the client goes on with
the next instance it can reach — dosctl's commands, the engine's pull and the event stream,
which resumes with ``Last-Event-ID`` (no event lost or twice).

The first "instance" is a FaultProxy in front of the real server; closing it is an instance
that went away (connections cut, new ones refused)."""

from __future__ import annotations

import asyncio
import time

import pytest

from server.runner import free_port
from sync.api import ApiClient
from sync.failover import FailoverTransport, split_urls
from sync.live import LiveHandlers
from tests.integration.sync.helpers import Workstation, api_get, make_task
from tests.integration.sync.test_dosctl import APPROVE, Cli


def test_split_urls() -> None:
    assert split_urls(" http://a:1/, http://b:2 ,") == ["http://a:1", "http://b:2"]
    assert split_urls("http://a:1") == ["http://a:1"]


def test_dosctl_with_a_dead_first_url(server, capsys, monkeypatch, tmp_path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    ids = make_task(server.url, "u_reviewer1", priority="p1", tag="fo1")
    cli = Cli(capsys, monkeypatch, tmp_path / "r1", f"{dead},{server.url}")
    cli.login("reviewer1")
    code, result = cli.json("tasks", "do", "approve", "--id", ids["task_id"], *APPROVE)
    assert code == 0 and result["status"] == "applied"
    assert api_get(server.url, "admin1", f"/cases/{ids['case_id']}")["status"] == "approved"


def test_api_client_moves_on_and_stays(server, proxy) -> None:
    async def main() -> None:
        async with ApiClient(f"{proxy.url},{server.url}") as api:
            transport = api.http._transport
            assert isinstance(transport, FailoverTransport)
            assert (await api.healthz())["status"] == "ok"
            assert transport.current_url.endswith(f":{proxy.port}")
            proxy.close()
            assert (await api.healthz())["status"] == "ok"
            assert transport.current_url.endswith(f":{server.port}")

    asyncio.run(main())


async def _until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)


@pytest.fixture
def quick_retry(server):
    bus = server.app.state.bus
    saved, bus.retry_ms = bus.retry_ms, 200
    yield
    bus.retry_ms = saved


def test_event_stream_and_pull_fail_over(server, proxy, tmp_path, quick_retry) -> None:
    bus = server.app.state.bus
    ws = Workstation(tmp_path, server.url, "agent1")
    urls = f"{proxy.url},{server.url}"
    seen: list[tuple[int, str]] = []
    connects: list[int] = []

    def on_alert(data: dict) -> None:
        if str(data.get("kind", "")).startswith("fo-"):
            seen.append((int(engine.live.last_event_id), data["kind"]))

    handlers = LiveHandlers(on_alert=on_alert, on_connected=lambda: connects.append(1))

    async def main() -> None:
        nonlocal engine
        engine = ws.engine(url=urls, live=True, live_handlers=handlers, heartbeat_timeout_s=5)
        engine.live.reconnect_s = 0.05
        engine.start()
        await _until(lambda: connects)
        for n in range(3):
            bus.publish("alert", {"kind": f"fo-{n}"})
        await _until(lambda: len(seen) >= 3)
        assert any(path == "/v1/events" for _m, path in proxy.requests)
        proxy.close()  # instance one is gone: its stream is cut, new connections refused
        for n in range(3, 6):
            bus.publish("alert", {"kind": f"fo-{n}"})
        await _until(lambda: len(seen) >= 6)
        assert len(connects) >= 2
        task = make_task(server.url, "u_agent1", tag="fo-pull")
        await engine.sync_once()  # the pull goes to the second instance too
        assert ws.local("task", task["task_id"]) is not None
        await engine.stop()

    engine = None
    asyncio.run(main())
    assert [k for _i, k in seen] == [f"fo-{n}" for n in range(6)]  # each once, in order
    ids = [i for i, _k in seen]
    assert ids == sorted(set(ids))
    ws.close()
