"""dosctl audit verify: ask the server to check its audit chain against the signed head."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from sync.dosctl.context import Ctx
from sync.dosctl.output import record


def verify(ctx: Ctx, args: argparse.Namespace) -> int:
    """GET /v1/audit/verify (auditor, ops_admin); exit 1 unless the chain is verified."""
    session = ctx.session()

    async def run() -> dict[str, Any]:
        async with session.client(timeout=120.0) as api:
            return await api.get_json("/audit/verify", full="true" if args.full else None)

    result = asyncio.run(run())
    verdict = "verified" if result.get("verified") else "NOT VERIFIED"
    keys = ["rows", "head_hash", "checked_from"] + (["problem"] if result.get("problem") else [])
    keys += ["pending"] if result.get("pending") else []  # committed, not chained yet
    ctx.out.emit(result, f"audit chain: {verdict}\n" + record(result, keys))
    return 0 if result.get("verified") else 1
