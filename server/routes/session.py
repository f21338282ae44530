"""POST /auth/token, GET /me, GET /healthz."""

# FastAPI reads these annotations at runtime; the models are module-level, so postponed
# evaluation is safe.
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from app.domain.wire import format_time
from server.auth import current_user, login, public_user

router = APIRouter(tags=["auth"])


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


@router.post("/auth/token", summary="Log in")
async def token(request: Request, body: TokenRequest) -> dict:
    return await run_in_threadpool(login, request, body.username, body.password)


@router.get("/me", summary="The caller")
def me(user: Annotated[dict, Depends(current_user)]) -> dict:
    return public_user(user)


@router.get("/healthz", summary="Health (no auth)")
def healthz(request: Request) -> dict:
    return {"status": "ok", "time": format_time(request.app.state.config.clock())}
