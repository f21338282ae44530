"""Live events: the SSE stream ``GET /v1/events`` (httpx-sse ``aconnect_sse``).

Reconnects forever until stopped, resuming with ``Last-Event-ID``; honours the server's
``retry:`` field; a heartbeat timeout (no bytes at all for ``heartbeat_timeout_s``, the read
timeout of the stream) drops the connection and reconnects. ``call.segment`` events go to
``on_segment`` as they arrive (the engine stores them, de-duplicated by (call, segment id));
``change`` → ``on_change`` (pull now); ``alert``, ``queue.stats``, ``call.state`` → callbacks.
Events whose numeric id is not above the last one seen are dropped (a resumed stream never
delivers a duplicate). httpx-sse >= 0.4.3 splits lines on CR/LF only, so U+2028 in a transcript
stays inside its line.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import ServerSentEvent, aconnect_sse

from sync.problems import ApiProblem, NetworkError
from sync.retry import RetryPolicy

log = logging.getLogger(__name__)
Handler = Callable[..., Any]


@dataclass
class LiveHandlers:
    on_segment: Handler | None = None  # (contact_id: str, segment: dict, event_id: str)
    on_change: Handler | None = None  # (seq: int | None)
    on_alert: Handler | None = None  # (data: dict)
    on_queue_stats: Handler | None = None  # (data: dict)
    on_call_state: Handler | None = None  # (data: dict)
    on_decision_step: Handler | None = None  # (data: {execution_id, step, status})
    on_connected: Handler | None = None  # ()
    on_disconnected: Handler | None = None  # (error: BaseException | None)


async def _call(handler: Handler | None, *args: Any) -> None:
    if handler is None:
        return
    result = handler(*args)
    if inspect.isawaitable(result):
        await result


def _event_number(event_id: str | None) -> int | None:
    try:
        return int(event_id) if event_id else None
    except ValueError:
        return None


class LiveStream:
    def __init__(
        self,
        http: httpx.AsyncClient,
        handlers: LiveHandlers,
        *,
        headers: Callable[[], dict[str, str]] = dict,
        path: str = "/events",
        heartbeat_timeout_s: float = 45.0,
        reconnect_s: float = 3.0,
        last_event_id: str | None = None,
        backoff: RetryPolicy | None = None,
        relogin: Callable[[], Any] | None = None,
    ) -> None:
        self._http = http
        self.handlers = handlers
        self._headers = headers
        self.path = path
        self.heartbeat_timeout_s = heartbeat_timeout_s
        self.reconnect_s = reconnect_s
        self.last_event_id = last_event_id
        self._backoff = backoff or RetryPolicy(base_s=1.0, cap_s=30.0)
        self._relogin = relogin
        self.connections = 0
        self.connected = False
        self._nudge: asyncio.Event | None = None

    def wake(self) -> None:
        """Reconnect now if waiting between attempts (the engine saw the server come back)."""
        if self._nudge is not None:
            self._nudge.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Stay connected until ``stop`` is set (or the task is cancelled)."""
        failures = 0
        self._nudge = asyncio.Event()
        while not stop.is_set():
            self._nudge.clear()
            error: BaseException | None = None
            try:
                await self.run_once(stop)
                failures = 0
            except ApiProblem as exc:
                error = exc
                if exc.status == 401 and self._relogin is not None:
                    result = self._relogin()
                    if inspect.isawaitable(result):
                        result = await result
                    if not result:
                        await _call(self.handlers.on_disconnected, exc)
                        return
            except NetworkError as exc:
                error = exc
            finally:
                if self.connected:
                    self.connected = False
            await _call(self.handlers.on_disconnected, error)
            if stop.is_set():
                break
            wait = (
                self.reconnect_s
                if error is None
                else max(self.reconnect_s, self._backoff.backoff(failures))
            )
            failures += 1 if error is not None else 0
            await self._pause(stop, wait)

    async def _pause(self, stop: asyncio.Event, seconds: float) -> None:
        """Wait ``seconds``, less when stopped or woken (``wake``)."""
        nudge = self._nudge or asyncio.Event()
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(nudge.wait())]
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def run_once(self, stop: asyncio.Event | None = None) -> None:
        """One connection: read events until the stream ends, breaks or ``stop`` is set."""
        headers = dict(self._headers())
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        hb = self.heartbeat_timeout_s
        timeout = httpx.Timeout(connect=min(hb, 10.0), read=hb, write=10.0, pool=10.0)
        try:
            async with aconnect_sse(
                self._http, "GET", self.path, headers=headers, timeout=timeout
            ) as source:
                response = source.response
                if response.status_code >= 400:
                    await response.aread()
                    raise ApiProblem.from_response(response)
                self.connections += 1
                self.connected = True
                await _call(self.handlers.on_connected)
                async for event in source.aiter_sse():
                    await self.dispatch(event)
                    if stop is not None and stop.is_set():
                        return
        except httpx.TransportError as exc:  # includes the heartbeat ReadTimeout
            raise NetworkError(f"event stream: {type(exc).__name__}: {exc}", cause=exc) from exc

    async def dispatch(self, event: ServerSentEvent) -> None:
        if event.retry is not None:
            self.reconnect_s = max(0.05, event.retry / 1000.0)
        if event.id:
            number, last = _event_number(event.id), _event_number(self.last_event_id)
            if number is not None and last is not None and number <= last:
                return  # already seen before a reconnect
            self.last_event_id = event.id
        if not event.data:
            return
        try:
            data = json.loads(event.data)
        except ValueError:
            log.warning("event %s: data is not JSON", event.event)
            return
        kind = event.event
        h = self.handlers
        if kind == "call.segment":
            await _call(h.on_segment, str(data.get("contact_id")), data.get("segment"), event.id)
        elif kind == "change":
            await _call(h.on_change, data.get("seq") if isinstance(data, dict) else None)
        elif kind == "alert":
            await _call(h.on_alert, data)
        elif kind == "queue.stats":
            await _call(h.on_queue_stats, data)
        elif kind == "call.state":
            await _call(h.on_call_state, data)
        elif kind == "decision.step":
            await _call(h.on_decision_step, data)
