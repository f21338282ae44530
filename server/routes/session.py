"""POST /auth/token, POST /auth/logout, GET /me, GET /healthz."""

# FastAPI reads these annotations at runtime; the models are module-level, so postponed
# evaluation is safe.
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.domain.wire import format_time
from server.auth import current_user, login, logout, public_user

router = APIRouter(tags=["auth"])


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


@router.post(
    "/auth/token",
    summary="Log in",
    responses={401: {"description": "wrong username or password"},
               429: {"description": "too many failed logins (Retry-After)"}},
)  # fmt: skip
async def token(request: Request, body: TokenRequest) -> dict:
    return await login(request, body.username, body.password)


@router.post(
    "/auth/logout",
    status_code=204,
    summary="Log out: the bearer token is refused from now on (on every instance)",
    responses={401: {"description": "missing, invalid or expired bearer token"}},
)
async def sign_out(request: Request, user: Annotated[dict, Depends(current_user)]) -> Response:
    await logout(request)
    return Response(status_code=204)


@router.get("/me", summary="The caller")
def me(user: Annotated[dict, Depends(current_user)]) -> dict:
    return public_user(user)


@router.get("/healthz", summary="Health (no auth)")
def healthz(request: Request) -> dict:
    return {"status": "ok", "time": format_time(request.app.state.config.clock())}
