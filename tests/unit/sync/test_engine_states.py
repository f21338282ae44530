"""SyncEngine's state machine with scripted parts (no network)."""

from __future__ import annotations

import asyncio
import time

from sync.engine import EngineParts, SyncEngine, SyncState
from sync.problems import ApiProblem, NetworkError


class Part:
    def __init__(self, *outcomes: BaseException | None) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    async def push(self) -> int:
        return await self._next()

    async def pull(self) -> int:
        return await self._next()

    async def _next(self) -> int:
        self.calls += 1
        if self.outcomes:
            outcome = self.outcomes.pop(0)
            if outcome is not None:
                raise outcome
        return self.calls


def _engine(pusher: Part, puller: Part) -> tuple[SyncEngine, list[SyncState]]:
    closed: list[bool] = []

    async def close() -> None:
        closed.append(True)

    engine = SyncEngine(
        EngineParts(puller=puller, pusher=pusher, close=close),
        offline_retry_s=0.01,
        periodic_s=30,
        rng=lambda: 0.0,
    )
    seen: list[SyncState] = []
    engine.add_listener(lambda state, _detail: seen.append(state))
    return engine, seen


def test_offline_then_online_then_clean_stop() -> None:
    async def main() -> list[SyncState]:
        engine, seen = _engine(Part(NetworkError("down"), NetworkError("down")), Part())
        engine.start()
        await engine.wait_idle(5)
        assert engine.state == SyncState.ONLINE
        engine.notify_local_write()
        await engine.wait_idle(5)
        await engine.stop()
        assert engine.state == SyncState.OFFLINE
        return seen

    seen = asyncio.run(main())
    assert seen[:3] == [SyncState.CONNECTING, SyncState.SYNCING, SyncState.OFFLINE]
    assert SyncState.ONLINE in seen and seen[-1] == SyncState.OFFLINE


def test_login_refused_is_an_error_state_and_a_wake_retries() -> None:
    async def main() -> SyncEngine:
        refused = ApiProblem(status=401, code="unauthenticated", title="Unauthorized")
        engine, _seen = _engine(Part(refused), Part())
        engine.start()
        deadline = time.monotonic() + 30  # a bound for a loaded machine, not a timing check
        while engine.state != SyncState.ERROR and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert engine.state == SyncState.ERROR and "Unauthorized" in engine.detail
        engine.notify_local_write()  # e.g. after a new login
        await engine.wait_idle(5)
        assert engine.state == SyncState.ONLINE
        await engine.stop()
        return engine

    assert asyncio.run(main()).cycles >= 1


def test_listener_errors_do_not_stop_the_engine() -> None:
    async def main() -> SyncState:
        engine, _ = _engine(Part(), Part())
        engine.add_listener(lambda *_: 1 / 0)
        engine.start()
        await engine.wait_idle(5)
        state = engine.state
        await engine.stop()
        return state

    assert asyncio.run(main()) == SyncState.ONLINE


def test_connection_lost_is_offline_at_once_and_the_probe_brings_it_back() -> None:
    """A dropped stream marks offline without waiting for a cycle; the health probe (with
    backoff) keeps failing while the server is away and the engine syncs when it answers."""
    up = [True]
    probes: list[bool] = []

    async def probe() -> None:
        probes.append(up[0])
        if not up[0]:
            raise NetworkError("refused")

    async def main() -> None:
        pusher, puller = Part(), Part()
        engine = SyncEngine(
            EngineParts(puller=puller, pusher=pusher, probe=probe),
            periodic_s=300,  # the periodic safety sync never runs during this test
            rng=lambda: 0.5,
            probe_cap_s=0.05,
        )
        engine.start()
        await engine.wait_idle(5)
        assert engine.state == SyncState.ONLINE and probes == []
        pulls = puller.calls
        up[0] = False
        engine.connection_lost("event stream: RemoteProtocolError")
        assert engine.state == SyncState.OFFLINE  # synchronously, not after a cycle
        deadline = time.monotonic() + 5
        while len(probes) < 3:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        assert engine.state == SyncState.OFFLINE and puller.calls == pulls  # no full syncs
        up[0] = True
        await engine.wait_idle(5)
        assert engine.state == SyncState.ONLINE and puller.calls == pulls + 1  # caught up
        assert probes[-1] is True
        await engine.stop()

    asyncio.run(main())
