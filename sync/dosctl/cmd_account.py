"""dosctl login / logout / sync / status."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any

from sqlalchemy import func, select

from app.domain.enums import OutboxStatus
from app.store import quarantine
from app.store.apply import reset_synced
from app.store.local_models import OutboxRow
from sync import auth, state
from sync.api import ApiClient
from sync.dosctl.context import PROFILE, SERVER_URL, USERNAME, CommandError, Ctx
from sync.dosctl.output import record, table
from sync.problems import ApiProblem, NetworkError

ACTIVE = (OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value)
REFUSED = (OutboxStatus.CONFLICT.value, OutboxStatus.REJECTED.value)


def _active_rows_of_others(ctx: Ctx, user_id: str) -> int:
    with ctx.store.session() as s:
        stmt = select(func.count(OutboxRow.id)).where(
            OutboxRow.status.in_(ACTIVE), OutboxRow.created_by != user_id
        )
        return int(s.execute(stmt).scalar_one())


def login(ctx: Ctx, args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {args.username}@{ctx.server}: ")
    if not password:
        raise CommandError("no password given")
    server = ctx.server
    session = asyncio.run(auth.login(server, args.username, password))
    if _active_rows_of_others(ctx, session.user.get("id", args.username)):
        raise CommandError(
            "another user's actions are still queued",
            "run `dosctl sync` as that user first (or `dosctl status` to see them)",
        )
    previous = state.get_value(ctx.store, SERVER_URL)
    with ctx.store.transaction() as s:
        if previous and previous != server:
            reset_synced(s)  # data of another server
            state.set_in(s, state.CURSOR, None)
        state.set_in(s, USERNAME, args.username)
        state.set_in(s, SERVER_URL, server)
        state.set_in(s, PROFILE, session.user)
        state.set_in(s, "user_id", session.user.get("id", args.username))
    outcome = ctx.sync()
    info = {"server": server, "username": args.username, "synced": outcome.ok}
    ctx.out.emit(info, f"logged in to {server} as {args.username}")
    return 0


def logout(ctx: Ctx, args: argparse.Namespace) -> int:
    username = state.get_value(ctx.store, USERNAME)
    revoked = False
    if username:
        revoked = asyncio.run(auth.logout(ctx.server, username, timeout=5.0))
        state.set_value(ctx.store, USERNAME, None)
    human = f"logged out{' ' + username if username else ''}"
    if username and not revoked:
        human += " (server unreachable: the token is forgotten here only)"
    ctx.out.emit({"logged_out": username, "revoked": revoked}, human)
    return 0


def _summary(outcome: Any) -> dict[str, Any]:
    pushed, pulled = outcome.pushed, outcome.pulled
    return {
        "applied": len(pushed.applied) if pushed else 0,
        "conflict": len(pushed.conflict) if pushed else 0,
        "rejected": len(pushed.rejected) if pushed else 0,
        "pulled_changes": pulled.changes if pulled else 0,
        "reset": bool(pulled and pulled.reset),
    }


def sync(ctx: Ctx, args: argparse.Namespace) -> int:
    """Push and pull once; ends with what is still queued and why. Exit 1 while work remains
    (pending, conflict or rejected), 0 only when everything was sent."""
    outcome = ctx.sync(attempts=3)
    deferred = set(outcome.pushed.deferred) if outcome.pushed else set()
    pending = still_pending(ctx, deferred, outcome.error)
    if not outcome.ok:
        if pending:
            ctx.out.note(_pending_text(pending))
        raise_for(outcome.error)
    summary = {**_summary(outcome), "pending": pending}
    with ctx.store.session() as s:
        summary["not_applied"] = quarantine.count(s)
    human = (
        f"synced: {summary['applied']} applied, {summary['conflict']} conflict, "
        f"{summary['rejected']} rejected, {summary['pulled_changes']} changes pulled"
    )
    if summary["not_applied"]:
        human += f"; {summary['not_applied']} server changes not applied (see dosctl status)"
    if pending:
        human += "\n" + _pending_text(pending)
    ctx.out.emit(summary, human)
    return 1 if summary["conflict"] or summary["rejected"] or pending else 0


def still_pending(ctx: Ctx, deferred: set[int], error: BaseException | None) -> list[dict]:
    """Outbox rows not yet accepted by the server, each with why."""
    with ctx.store.session() as s:
        rows = s.execute(
            select(OutboxRow).where(OutboxRow.status.in_(ACTIVE)).order_by(OutboxRow.id)
        ).scalars()
        items = [_row(r) | {"next_attempt_at": _iso(r.next_attempt_at)} for r in rows]
    for item in items:
        if item["reason"]:
            continue
        if item["id"] in deferred:
            item["reason"] = "waits behind an earlier action on the same item"
        elif error is not None:
            item["reason"] = f"not sent: {_short(error)}"
        else:
            item["reason"] = "not sent yet"
    return items


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _short(error: BaseException) -> str:
    if isinstance(error, ApiProblem):
        return f"{error.status} {error.title or error.code}"
    if isinstance(error, NetworkError):
        return "server unreachable"
    return type(error).__name__


def _pending_text(pending: list[dict]) -> str:
    cols = ["id", "intent", "entity", "attempts", "next_attempt_at", "reason"]
    return f"still pending ({len(pending)}):\n" + table(pending, cols)


def raise_for(error: BaseException | None) -> None:
    if isinstance(error, ApiProblem):
        raise error
    if isinstance(error, NetworkError):
        raise CommandError("server unreachable", "queued actions stay queued; try again later")
    raise CommandError("sync failed", str(error))


def _row(row: OutboxRow) -> dict[str, Any]:
    problem = row.problem or {}
    reason = " — ".join(x for x in (problem.get("title"), problem.get("detail")) if x)
    return {
        "id": row.id,
        "status": row.status,
        "intent": row.intent,
        "entity": f"{row.entity_kind}/{row.entity_id}",
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "reason": reason or None,
        "code": problem.get("code"),
        "attempts": row.attempts,
        "input": row.user_input,
    }


def _reachable(server: str) -> bool:
    async def probe() -> bool:
        async with ApiClient(server, timeout=2.0) as api:
            await api.healthz()
        return True

    try:
        return asyncio.run(probe())
    except (NetworkError, ApiProblem):
        return False


def _kept_aside(row: quarantine.FeedQuarantineRow) -> dict[str, Any]:
    return {
        "entity": f"{row.entity}/{row.entity_id}",
        "seq": row.seq,
        "version": row.version,
        "reason": row.reason,
        "field": row.field,
        "detail": row.detail,
        "seen_at": row.seen_at.isoformat() if row.seen_at else None,
    }


def status(ctx: Ctx, args: argparse.Namespace) -> int:
    with ctx.store.session() as s:
        rows = s.execute(
            select(OutboxRow).where(OutboxRow.status.in_(ACTIVE + REFUSED)).order_by(OutboxRow.id)
        ).scalars()
        items = [_row(r) for r in rows]
        kept_aside = [_kept_aside(r) for r in quarantine.list_entries(s)]
    info = {
        "server": ctx.server,
        "online": _reachable(ctx.server),
        "user": state.get_value(ctx.store, USERNAME),
        "last_sync_at": state.get_value(ctx.store, state.LAST_SYNC_AT),
        "server_time_offset_s": state.get_value(ctx.store, state.SERVER_OFFSET),
        "pending": [i for i in items if i["status"] in ACTIVE],
        "refused": [i for i in items if i["status"] in REFUSED],
        "not_applied": kept_aside,  # feed entries this client could not apply (kept aside)
    }
    head = {k: info[k] for k in ("server", "online", "user", "last_sync_at")}
    parts = [record(head)]
    cols = ["id", "status", "intent", "entity", "created_at"]
    parts.append(f"\npending ({len(info['pending'])}):")
    if info["pending"]:
        parts.append(table(info["pending"], cols))
    parts.append(f"\nrefused ({len(info['refused'])}):")
    if info["refused"]:
        parts.append(table(info["refused"], [*cols[:4], "code", "reason"]))
    parts.append(f"\nserver changes not applied ({len(kept_aside)}):")
    if kept_aside:
        parts.append(table(kept_aside, ["entity", "seq", "reason", "detail"]))
    ctx.out.emit(info, "\n".join(parts))
    return 0
