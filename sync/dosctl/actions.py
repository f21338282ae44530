"""Run one user intent the offline-first way: service → outbox → push → report the outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from app.domain.enums import OutboxStatus
from app.rules.errors import RuleError, ValidationFailed
from app.store.local_models import OutboxRow
from sync.api import ApiClient
from sync.dosctl.context import CommandError, Ctx
from sync.dosctl.output import record
from sync.problems import ApiProblem, NetworkError

SHOWN = ("id", "case_id", "status", "version", "assignee_id", "priority", "outcome", "updated_at")


def outbox_id_of(result: Any) -> int | None:
    for name in ("outbox_id", "outbox_row_id"):
        value = getattr(result, name, None)
        if value is not None:
            return int(value)
    row = getattr(result, "outbox", None) or getattr(result, "row", None)
    return int(row.id) if row is not None and getattr(row, "id", None) is not None else None


def run_intent(ctx: Ctx, label: str, call: Callable[..., Any], *args: Any, **kw: Any) -> int:
    """``call(store, actor, *args, now=..., **kw)``; then sync and say what became of it."""
    actor = ctx.actor()
    try:
        result = call(ctx.store, actor, *args, now=ctx.server_now(), **kw)
    except ValidationFailed as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in exc.messages("en").items())
        raise CommandError(f"{label}: invalid input", detail) from exc
    except RuleError as exc:
        raise CommandError(f"{label}: {exc.code}", exc.text("en")) from exc
    outbox_id = outbox_id_of(result)
    outcome = ctx.sync()
    row = _row(ctx, outbox_id) if outbox_id is not None else None
    if row is None or row.status == OutboxStatus.APPLIED.value:
        pushed = getattr(outcome.pushed, "entities", None) or {}
        entity = pushed.get(outbox_id) or _entity(ctx, row)
        data = {"status": "applied", "outbox_id": outbox_id, "entity": entity}
        shown = {k: entity.get(k) for k in SHOWN if k in entity} if entity else {}
        ctx.out.emit(data, f"{label}: done\n{record(shown)}" if shown else f"{label}: done")
        return 0
    if row.status in (OutboxStatus.CONFLICT.value, OutboxStatus.REJECTED.value):
        problem = ApiProblem.from_dict(row.problem or {}, status=(row.problem or {}).get("status"))
        ctx.out.problem(problem, prefix=f"{label}: {row.status}")
        return 1
    why = str(outcome.error) if outcome.error else "not sent yet"
    data = {"status": "queued", "outbox_id": outbox_id, "reason": why}
    ctx.out.emit(data, f"{label}: queued (server unreachable: {why}); `dosctl sync` sends it")
    return 0


def _row(ctx: Ctx, outbox_id: int) -> OutboxRow | None:
    with ctx.store.session() as s:
        return s.get(OutboxRow, outbox_id)


def _entity(ctx: Ctx, row: OutboxRow | None) -> dict[str, Any]:
    if row is None:
        return {}
    from app.domain.enums import EntityKind
    from app.store.lookups import get_data

    with ctx.store.session() as s:
        return get_data(s, EntityKind(row.entity_kind), row.entity_id) or {}


def online(ctx: Ctx, what: str, call: Callable[[ApiClient], Awaitable[Any]]) -> Any:
    """A call only the server can answer (reports, ``tasks next``, admin operations)."""
    session = ctx.session()

    async def run() -> Any:
        async with session.client() as api:
            return await call(api)

    try:
        return asyncio.run(run())
    except NetworkError as exc:
        raise CommandError(f"{what} needs the server", f"{ctx.server}: {exc}") from exc
