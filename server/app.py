"""``create_app(config)``: the FastAPI application of the reference server (shared/API.md)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, FastAPI

from server import audit_anchor, auth, openapi_problems, problems
from server.audit_chain import anchor_unanchored
from server.audit_chainer import AuditChainer
from server.config import ServerConfig
from server.events import EventBus
from server.events import router as events_router
from server.feed import router as feed_router
from server.idempotency import Replay, on_replay
from server.request_guard import RequestGuard
from server.storage import ServerDB

log = logging.getLogger(__name__)


def _routers() -> list[APIRouter]:
    from server.ops_tools import routes as ops_tools
    from server.routes import (
        agents,
        alerts,
        appeals,
        audit,
        calls,
        cases,
        checkpoints,
        decisions,
        generated,
        knowledge_feedback,
        ops,
        qa,
        reports,
        session,
        tasks,
        unmask,
    )

    return [
        session.router,
        feed_router,
        cases.router,
        unmask.router,
        tasks.router,
        appeals.router,
        qa.router,
        checkpoints.router,
        decisions.router,
        calls.router,
        agents.router,
        knowledge_feedback.router,
        generated.router,
        ops.router,
        ops_tools.router,
        reports.router,
        audit.router,
        alerts.router,
        events_router,
    ]


def create_app(config: ServerConfig, db: ServerDB | None = None) -> FastAPI:
    app = FastAPI(
        title="Reviewer Workstation reference server",
        version="1.0.0",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.db = db or ServerDB(config.db_url)
    if app.state.db.is_sqlite:
        app.state.bus = EventBus(retention_s=config.event_retention_s)
    else:  # several instances may share the database: events go through it
        from server.pg_events import PgEventBus

        app.state.bus = PgEventBus(
            app.state.db, config.event_retention_s, poll_s=config.event_poll_s
        )
    app.state.authenticate = auth.authenticate
    audit_anchor.configure(config.db_url, config.audit_key_file)
    anchor_unanchored(app.state.db, config.clock())  # a chain from before signed heads
    if not app.state.db.is_sqlite:  # audit events are chained after their commit: its thread
        app.state.audit_chainer = AuditChainer(app.state.db).start()
    problems.install(app)
    app.add_exception_handler(Replay, on_replay)
    v1 = APIRouter(prefix="/v1")
    for router in _routers():
        v1.include_router(router)
    app.include_router(v1)
    app.add_middleware(RequestGuard)  # body ≤ 1 MiB, numbers in JSON bodies within bounds
    openapi_problems.install(app)
    # API.md: "GET /openapi.json is served" — also under /v1 for clients that prefix every path.
    app.add_api_route("/v1/openapi.json", lambda: app.openapi(), include_in_schema=False)
    return app


def stop_chainer(app: FastAPI) -> None:
    """At shutdown: the audit chainer's thread (PostgreSQL) ends; rows it left pending are
    chained by the next reader or another instance."""
    chainer = getattr(app.state, "audit_chainer", None)
    if chainer is not None:
        chainer.stop()
