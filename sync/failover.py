"""Several server URLs for one backend (README "Running several instances").

``--server`` / ``RWS_SERVER`` (and the workstation's server field) may name several instances
of one backend, comma-separated: ``http://127.0.0.1:8765,http://127.0.0.1:8766``. The client
sends every request to the instance that answered last; when that one cannot be reached
(connection refused or connect timeout: the request never arrived, so any method may go
elsewhere) it tries the next, and stays there. The event stream reconnects through the same
transport, with ``Last-Event-ID``, which every instance honours. A request cut off mid-way is not
retried here: it surfaces as a network error, and the outbox sends it again with its
Idempotency-Key.
"""

from __future__ import annotations

import httpx


def split_urls(server: str) -> list[str]:
    """``"a, b,"`` → ``["a", "b"]`` (trailing slashes dropped)."""
    return [u.strip().rstrip("/") for u in server.split(",") if u.strip()]


class FailoverTransport(httpx.AsyncBaseTransport):
    """Sends each request to the current instance; moves to the next one it can reach."""

    def __init__(self, urls: list[str], inner: httpx.AsyncBaseTransport) -> None:
        if not urls:
            raise ValueError("no server URL")
        self.urls = [httpx.URL(u) for u in urls]
        self.inner = inner
        self.current = 0

    @property
    def current_url(self) -> str:
        return str(self.urls[self.current])

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        failure: Exception | None = None
        for step in range(len(self.urls)):
            index = (self.current + step) % len(self.urls)
            target = self.urls[index]
            request.url = request.url.copy_with(
                scheme=target.scheme, host=target.host, port=target.port
            )
            request.headers["Host"] = target.netloc.decode("ascii")
            try:
                response = await self.inner.handle_async_request(request)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                failure = exc
                continue
            self.current = index
            return response
        assert failure is not None
        raise failure

    async def aclose(self) -> None:
        await self.inner.aclose()
