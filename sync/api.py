"""Typed client of the backend API (shared/API.md), asyncio + httpx.

One ``ApiClient`` per server: base URL (or several instances' URLs, comma-separated, with
fail-over: ``sync.failover``), timeouts, TLS verification on, ``Authorization: Bearer``,
``Idempotency-Key`` and ``If-Match`` headers. Every error answer becomes an ``ApiProblem``;
every transport failure a ``NetworkError``. No retries here: ``sync.retry`` decides.
"""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from json import detect_encoding as json_detect_encoding
from typing import Any

import anyio
import httpx
from httpcore._backends.anyio import AnyIOBackend, AnyIOStream
from httpcore._utils import is_socket_readable

from app.domain.wire import parse_time
from sync.failover import FailoverTransport, split_urls
from sync.feed_json import parse_changes_body
from sync.problems import ApiProblem, NetworkError

# httpcore runs ``import sniffio`` on every async request; sniffio is not installed (anyio no
# longer needs it), so each failed import scanned sys.path: ~40 % of the client's CPU per request
# (py-spy). A None entry makes that import fail at once, which httpcore reads as "asyncio".
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]


class _Stream(AnyIOStream):
    """httpcore's anyio stream, with the raw socket looked up once.

    Before every request httpcore asks each pooled connection whether it ``has_expired``, i.e.
    ``get_extra_info("is_readable")``; anyio's ``extra()`` builds its attribute table on every
    call (with 8 keep-alive connections ~20 % of the client's CPU per push, py-spy)."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._sock = stream.extra(anyio.abc.SocketAttribute.raw_socket, None)

    def get_extra_info(self, info: str) -> Any:
        if info == "socket":
            return self._sock
        if info == "is_readable":
            return is_socket_readable(self._sock)
        return super().get_extra_info(info)

    async def start_tls(self, *args: Any, **kwargs: Any) -> Any:
        tls = await super().start_tls(*args, **kwargs)
        return _Stream(tls._stream) if isinstance(tls, AnyIOStream) else tls


class _Backend(AnyIOBackend):
    async def connect_tcp(self, *args: Any, **kwargs: Any) -> Any:
        stream = await super().connect_tcp(*args, **kwargs)
        return _Stream(stream._stream) if isinstance(stream, AnyIOStream) else stream


def default_transport(verify: bool | str = True) -> httpx.AsyncHTTPTransport:
    """httpx's own transport (same pool, limits and TLS), on :class:`_Stream` connections."""
    transport = httpx.AsyncHTTPTransport(verify=verify)
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = _Backend()  # pinned httpx / httpcore; else httpx's default
    return transport


DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
USER_AGENT = "reviewer-workstation-sync/1"


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def etag(version: int | str) -> str:
    """``If-Match`` value for an entity version: ``"7"`` (quoted, as API.md writes it)."""
    text = str(version)
    return text if text.startswith('"') else f'"{text}"'


@dataclass(slots=True)
class Change:
    seq: int
    entity: str
    id: str
    op: str  # upsert | delete
    version: int | None
    data: dict[str, Any] | None
    data_text: str | None = None  # ``data`` exactly as the body spelled it (sync.feed_json)


@dataclass(slots=True)
class ChangesPage:
    changes: list[Change]
    cursor: str | None
    has_more: bool
    server_time: datetime | None
    reset: bool = False
    remaining: int | None = None  # changes after this page (progress of a long first pull)


@dataclass(slots=True)
class Mutation:
    """200 of a state-changing call: the primary entity and the other entities it changed."""

    data: dict[str, Any] | None
    related: list[dict[str, Any]] = field(default_factory=list)
    replayed: bool = False
    status: int = 200


@dataclass(slots=True)
class TokenGrant:
    access_token: str
    token_type: str
    expires_in: int | None
    user: dict[str, Any]


class ApiClient:
    """``async with ApiClient(url, token=...) as api: await api.get_case("c1")``."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        urls = split_urls(base_url) or [base_url.rstrip("/")]
        self.base_url = urls[0]
        self.bearer = token
        self.on_transport_error: Callable[[str], Any] | None = None
        """Told at once when a request fails in transport (the sync engine marks offline)."""
        transport = transport or default_transport(verify)
        if len(urls) > 1:  # several instances of one backend (sync.failover)
            transport = FailoverTransport(urls, transport)
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/v1",
            timeout=timeout,
            verify=verify,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )

    @property
    def http(self) -> httpx.AsyncClient:
        return self._http

    async def __aenter__(self) -> ApiClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.bearer}"} if self.bearer else {}

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
        if_match: int | str | None = None,
        auth: bool = True,
    ) -> httpx.Response:
        headers = self.auth_headers() if auth else {}
        if path.startswith("/v1/"):  # outbox rows may carry the full API path
            path = path[3:]
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        if if_match is not None:
            headers["If-Match"] = etag(if_match)
        params = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = await self._http.request(
                method, path, json=json, params=params or None, headers=headers
            )
        except httpx.TransportError as exc:
            error = NetworkError(f"{method} {path}: {type(exc).__name__}: {exc}", cause=exc)
            if self.on_transport_error is not None:
                self.on_transport_error(str(error))
            raise error from exc
        if response.status_code >= 400:
            raise ApiProblem.from_response(response)
        return response

    async def get_json(self, path: str, **params: Any) -> Any:
        response = await self.request("GET", path, params=params)
        return response.json() if response.content else None

    async def mutate(
        self,
        path: str,
        body: dict[str, Any] | None,
        *,
        idempotency_key: str,
        if_match: int | str | None = None,
        method: str = "POST",
    ) -> Mutation:
        """A state-changing call; the caller owns the key so a retry reuses it."""
        response = await self.request(
            method, path, json=body or {}, idempotency_key=idempotency_key, if_match=if_match
        )
        replayed = response.headers.get("idempotent-replayed", "").lower() == "true"
        if response.status_code == 204 or not response.content:
            return Mutation(None, [], replayed, response.status_code)
        payload = response.json()
        if isinstance(payload, dict) and "data" in payload:
            return Mutation(payload["data"], payload.get("related") or [], replayed)
        return Mutation(payload, [], replayed, response.status_code)

    # auth -------------------------------------------------------------------------------------
    async def token(self, username: str, password: str) -> TokenGrant:
        response = await self.request(
            "POST", "/auth/token", json={"username": username, "password": password}, auth=False
        )
        body = response.json()
        return TokenGrant(
            access_token=body["access_token"],
            token_type=body.get("token_type", "bearer"),
            expires_in=body.get("expires_in"),
            user=body.get("user") or {},
        )

    async def logout(self) -> None:
        """POST /v1/auth/logout: the server refuses this token from now on (204)."""
        await self.request("POST", "/auth/logout")

    async def me(self) -> dict[str, Any]:
        return await self.get_json("/me")

    async def healthz(self) -> dict[str, Any]:
        response = await self.request("GET", "/healthz", auth=False)
        return response.json()

    # change feed ------------------------------------------------------------------------------
    async def changes(self, since: str | None = None, limit: int = 500) -> ChangesPage:
        """One page of the feed, decoded once; each change keeps its ``data`` text too."""
        response = await self.request("GET", "/changes", params={"since": since, "limit": limit})
        content = response.content
        text = content.decode(json_detect_encoding(content), "surrogatepass")
        body, data_texts = parse_changes_body(text)
        return parse_changes(body, data_texts)

    # reads ------------------------------------------------------------------------------------
    async def get_case(self, case_id: str) -> dict[str, Any]:
        return await self.get_json(f"/cases/{case_id}")

    async def get_task(self, task_id: str) -> dict[str, Any]:
        return await self.get_json(f"/tasks/{task_id}")

    async def get_appeal(self, appeal_id: str) -> dict[str, Any]:
        return await self.get_json(f"/appeals/{appeal_id}")

    async def queues(self) -> list[dict[str, Any]]:
        return _items(await self.get_json("/queues"))

    async def queue_stats(self, queue_id: str) -> dict[str, Any]:
        return await self.get_json(f"/queues/{queue_id}/stats")

    async def sla_report(self, date_from: str, date_to: str) -> Any:
        return await self.get_json("/ops/sla-report", **{"from": date_from, "to": date_to})

    async def call_segments(self, call_id: str, after: str | None = None) -> list[dict[str, Any]]:
        return _items(await self.get_json(f"/calls/{call_id}/segments", after=after))

    # mutations (each takes the caller's idempotency key) --------------------------------------
    async def next_task(self, queue_id: str, *, idempotency_key: str) -> Mutation:
        return await self.mutate(
            "/tasks/next", {"queue_id": queue_id}, idempotency_key=idempotency_key
        )

    async def task_action(
        self, task_id: str, action: str, body: dict[str, Any], *, key: str, version: int | None
    ) -> Mutation:
        path = f"/tasks/{task_id}/actions/{action}"
        return await self.mutate(path, body, idempotency_key=key, if_match=version)

    # online only, never queued ----------------------------------------------------------------
    async def unmask(self, case_id: str, field: str, reason: str) -> dict[str, Any]:
        """``POST /cases/{id}/unmask`` → ``{field, value}``: one full identifier, audited on the
        server. Not an outbox mutation (no Idempotency-Key replay: the value must not be stored
        anywhere); the caller keeps the value in memory only."""
        response = await self.request(
            "POST", f"/cases/{case_id}/unmask", json={"field": field, "reason": reason}
        )
        return response.json()


def _items(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, dict):
        for name in ("items", "data", "segments", "queues"):
            if isinstance(body.get(name), list):
                return body[name]
    return body if isinstance(body, list) else []


def parse_changes(body: dict[str, Any], data_texts: list[str | None] | None = None) -> ChangesPage:
    items = body.get("changes") or []
    texts = data_texts if data_texts is not None and len(data_texts) == len(items) else None
    changes = [
        Change(
            seq=int(c["seq"]),
            entity=str(c["entity"]),
            id=str(c["id"]),
            op=str(c.get("op", "upsert")),
            version=c.get("version"),
            data=c.get("data"),
            data_text=texts[n] if texts is not None else None,
        )
        for n, c in enumerate(items)
    ]
    server_time = body.get("server_time")
    return ChangesPage(
        changes=changes,
        cursor=body.get("cursor"),
        has_more=bool(body.get("has_more")),
        server_time=parse_time(server_time) if server_time else None,
        reset=bool(body.get("reset")),
        remaining=_count(body.get("remaining")),
    )


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
