"""ChatOps calls (API.md "Operations"): the tools the caller may run, a question, one tool.
Online only, never queued: a diagnostic answers now or not at all."""

from __future__ import annotations

from typing import Any

from sync.api import ApiClient


async def tools(api: ApiClient) -> list[dict[str, Any]]:
    return await api.get_json("/ops/tools")


async def ask(api: ApiClient, question: str, cursor: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"question": question}
    if cursor:
        body["client_cursor"] = cursor
    return (await api.request("POST", "/ops/ask", json=body)).json()


async def run_tool(api: ApiClient, name: str, args: dict[str, Any]) -> dict[str, Any]:
    return (await api.request("POST", f"/ops/tools/{name}", json={"args": args})).json()
