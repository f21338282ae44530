"""GET /ops/tools, POST /ops/ask ``{question}``, POST /ops/tools/{name} ``{args}`` (API.md
"Operations", seed 003 ChatOps).

Read-only: a tool reads in a read transaction and never changes an entity; a fix it suggests is a
``proposal`` in its answer with status ``needs_approval`` (a record in the audit event, not an
action). Every call — answered, denied or refused for bad arguments — is one audit event
``ops_tool`` on entity ``ops_tool`` / the tool's name, with who, the arguments, the question and
the sha256 digest of the answer, in the server's hash chain.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from fastapi import APIRouter, Path, Request
from pydantic import Field, ValidationError
from starlette.concurrency import run_in_threadpool

from app.domain.enums import EntityKind
from app.ops_tools import routing
from app.ops_tools.catalog import BY_NAME, Tool, tools_for
from app.ops_tools.schemas import Answer
from server import storage
from server.audit_chain import append_audit
from server.idempotency import User
from server.ops_tools.fetch import Ctx, run
from server.problems import ProblemError
from server.routes.models import Strict

router = APIRouter(tags=["operations"])
AUDIT_ACTION = "ops_tool"


class AskBody(Strict):
    question: str = Field(min_length=1, max_length=500)
    client_cursor: str | None = Field(default=None, min_length=1, max_length=512)


class ToolBody(Strict):
    args: dict = Field(default_factory=dict, max_length=20)


def digest(answer: dict | None) -> str | None:
    if answer is None:
        return None
    raw = json.dumps(answer, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def _audit(request: Request, user: dict, tool: str, data: dict, now: datetime) -> None:
    with request.app.state.db.session() as s:
        append_audit(s, user["id"], AUDIT_ACTION, "ops_tool", tool, data, now)
        s.commit()


def _tool(name: str) -> Tool:
    tool = BY_NAME.get(name)
    if tool is None:
        raise ProblemError(404, "not_found", f"no diagnostic tool {name!r}")
    return tool


def _args(tool: Tool, raw: dict):
    try:
        return tool.args.model_validate(raw)
    except ValidationError as exc:
        errors = {".".join(str(p) for p in e["loc"]) or "args": e["msg"] for e in exc.errors()}
        raise ProblemError(
            422, "validation", f"arguments of {tool.name} are not valid", errors=errors
        ) from exc


async def _call(request: Request, user: dict, tool: Tool, raw: dict, question: str = "") -> dict:
    """Check the role and the arguments, run the tool, audit the call (every outcome)."""
    now = request.app.state.config.clock()
    record = {"args": raw, "question": question} if question else {"args": raw}
    outcome, answer = "forbidden", None
    try:
        if not tool.allowed(user.get("roles") or []):
            raise ProblemError(403, "forbidden", f"your role may not run {tool.name}")
        outcome = "validation"
        args = _args(tool, raw)
        outcome = "error"
        result: Answer = await run_in_threadpool(
            run, Ctx(request.app.state, user, now), tool.name, args
        )
        answer = result.model_dump(mode="json")
        outcome = "ok"
        return answer
    finally:
        data = {**record, "outcome": outcome, "answer_digest": digest(answer)}
        if answer and answer.get("proposals"):
            data["proposals"] = answer["proposals"]  # suggested fixes: records needing approval
        await run_in_threadpool(_audit, request, user, tool.name, data, now)


@router.get("/ops/tools", summary="The diagnostic tools the caller may run")
def list_tools(user: User) -> list[dict]:
    return [
        {"name": t.name, "title_en": t.title_en, "title_ko": t.title_ko, **t.schema()}
        for t in tools_for(user.get("roles") or [])
    ]


def _queue_names(request: Request) -> dict[str, list[str]]:
    with request.app.state.db.read() as s:
        return {q["id"]: [q.get("name") or ""] for q in storage.query(s, EntityKind.QUEUE)}


@router.post("/ops/ask", summary="Route a question (Korean or English) to a tool and run it")
async def ask(request: Request, body: AskBody, user: User) -> dict:
    allowed = tools_for(user.get("roles") or [])
    names = await run_in_threadpool(_queue_names, request)
    r = await run_in_threadpool(routing.route, body.question, allowed, names)
    alternatives = [{"tool": a.tool, "confidence": a.confidence} for a in r.alternatives]
    if r.tool is None:
        alternatives = [{"tool": t.name, "confidence": 0.0} for t in allowed]
        now = request.app.state.config.clock()
        data = {"question": body.question, "outcome": "no_match", "answer_digest": None}
        await run_in_threadpool(_audit, request, user, "-", data, now)
        return {"tool": None, "confidence": 0.0, "args": {}, "alternatives": alternatives,
                "answer": None}  # fmt: skip
    args = dict(r.args)
    if r.tool == "sync_state" and body.client_cursor is not None:
        args["client_cursor"] = body.client_cursor
    answer = await _call(request, user, BY_NAME[r.tool], args, body.question)
    return {"tool": r.tool, "confidence": r.confidence, "args": args,
            "alternatives": alternatives, "matched": r.matched, "answer": answer}  # fmt: skip


@router.post("/ops/tools/{name}", summary="Run one diagnostic tool")
async def run_tool(
    request: Request, body: ToolBody, user: User, name: str = Path(min_length=1, max_length=64)
) -> dict:
    tool = _tool(name)
    return {"tool": tool.name, "answer": await _call(request, user, tool, body.args)}
