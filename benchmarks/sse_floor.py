"""The floor of ``transcript_latency_p95_ms`` in its own process: bus publish → the SSE event
parsed by the client's ``LiveStream`` and nothing else (no store, no Qt, no server or engine
sharing this interpreter's GIL).

``python -m benchmarks.sse_floor URL USERNAME CALL_ID COUNT TIMEOUT_S``: the token comes from the
keyring the harness set up (``benchmarks.fixtures``: the environment is inherited), never from
the command line. Prints ``{"ready": true}`` once the stream is connected, then, when COUNT
``call.segment`` events of CALL_ID were parsed (or TIMEOUT_S passed), one JSON line
``{"parsed": {segment id: CLOCK_MONOTONIC ms}}``; the harness stamps each publish with the same
system-wide clock (``benchmarks.harness.now_ms``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from typing import Any

from benchmarks.harness import now_ms


async def listen(url: str, username: str, call_id: str, count: int, timeout_s: float) -> dict:
    from sync.api import ApiClient
    from sync.auth import Session
    from sync.live import LiveHandlers, LiveStream

    parsed: dict[str, float] = {}
    done = asyncio.Event()
    stop = asyncio.Event()

    def on_segment(contact_id: str, segment: dict[str, Any], _event_id: str) -> None:
        if contact_id != call_id:
            return
        ((_kind, body),) = segment.items()
        parsed.setdefault(str(body.get("Id")), now_ms())
        if len(parsed) >= count:
            done.set()

    def on_connected() -> None:
        print(json.dumps({"ready": True}), flush=True)

    session = Session(url, username)
    async with ApiClient(url, token=session.token()) as api:
        handlers = LiveHandlers(on_segment=on_segment, on_connected=on_connected)
        stream = LiveStream(api.http, handlers, headers=api.auth_headers)
        task = asyncio.create_task(stream.run(stop))
        with contextlib.suppress(TimeoutError):  # report what arrived
            await asyncio.wait_for(done.wait(), timeout_s)
        stop.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return parsed


def main(argv: list[str]) -> int:
    url, username, call_id, count, timeout_s = argv
    parsed = asyncio.run(listen(url, username, call_id, int(count), float(timeout_s)))
    print(json.dumps({"parsed": parsed}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
