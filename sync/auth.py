"""Login and the access token.

The token lives in the OS keyring only — never in the store, logs or settings:
service name ``reviewer-workstation``, username ``f"{server_url}|{user}"`` (server URL without a
trailing slash). Tests use keyrings.alt's PlaintextKeyring in a temporary directory.
On 401 the engine calls a *re-login callback* (the UI shows its login dialog, dosctl tells the
user to run ``dosctl login``); ``Session.relogin`` wraps it for ``RetryPolicy.run``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import keyring
import keyring.errors

from sync.api import ApiClient
from sync.problems import ApiProblem, NetworkError, NotLoggedIn

KEYRING_SERVICE = "reviewer-workstation"
log = logging.getLogger(__name__)


def keyring_username(server_url: str, user: str) -> str:
    return f"{server_url.rstrip('/')}|{user}"


def save_token(server_url: str, user: str, token: str) -> None:
    keyring.set_password(KEYRING_SERVICE, keyring_username(server_url, user), token)


def load_token(server_url: str, user: str) -> str | None:
    return keyring.get_password(KEYRING_SERVICE, keyring_username(server_url, user))


def delete_token(server_url: str, user: str) -> bool:
    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_username(server_url, user))
    except keyring.errors.PasswordDeleteError:
        return False
    return True


ReloginCallback = Callable[["Session"], Awaitable[str | None]]
"""Asks the user again; returns a fresh token (already saved) or None to give up."""


@dataclass
class Session:
    """Who is signed in to which server; the token is read from the keyring when needed."""

    server_url: str
    username: str
    user: dict[str, Any] = field(default_factory=dict)
    on_relogin: ReloginCallback | None = None

    def token(self) -> str:
        token = load_token(self.server_url, self.username)
        if not token:
            raise NotLoggedIn(f"not logged in to {self.server_url} as {self.username}")
        return token

    def client(self, **kwargs: Any) -> ApiClient:
        return ApiClient(self.server_url, token=self.token(), **kwargs)

    async def relogin(self, api: ApiClient | None = None) -> bool:
        """For ``RetryPolicy.run(relogin=...)``: True when a new token is in place."""
        if self.on_relogin is None:
            return False
        token = await self.on_relogin(self)
        if not token:
            return False
        if api is not None:
            api.bearer = token
        return True


async def login(server_url: str, username: str, password: str, **client_kwargs: Any) -> Session:
    """POST /v1/auth/token; the token goes to the keyring, the user profile is returned."""
    async with ApiClient(server_url, **client_kwargs) as api:
        grant = await api.token(username, password)
    save_token(server_url, username, grant.access_token)
    log.info("logged in to %s as %s", server_url, username)  # never the token
    return Session(server_url.rstrip("/"), username, grant.user)


async def logout(server_url: str, username: str, **client_kwargs: Any) -> bool:
    """Sign out: the server revokes the token (POST /v1/auth/logout), then the keyring forgets
    it. The token is forgotten even when the server cannot be reached or already refuses it
    (expired, revoked); returns whether the server confirmed the revocation."""
    token = load_token(server_url, username)
    revoked = False
    if token:
        try:
            async with ApiClient(server_url, token=token, **client_kwargs) as api:
                await api.logout()
            revoked = True
        except ApiProblem as exc:
            revoked = exc.status == 401  # the server refuses it already
        except NetworkError:
            log.warning("sign-out: %s unreachable; the token is only forgotten here", server_url)
    delete_token(server_url, username)
    return revoked
