"""Signing out revokes the token on the server (POST /v1/auth/logout) before the keyring forgets
it — the workstation's sign-out (sync.auth.logout) and ``dosctl logout``."""

from __future__ import annotations

import asyncio

import httpx

from sync.auth import load_token, login, logout
from tests.integration.sync.test_dosctl import Cli


def _me(url: str, token: str) -> int:
    return httpx.get(url + "/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def test_sign_out_revokes_then_forgets(server) -> None:
    asyncio.run(login(server.url, "reviewer2", "demo"))
    token = load_token(server.url, "reviewer2")
    assert token and _me(server.url, token) == 200
    assert asyncio.run(logout(server.url, "reviewer2")) is True
    assert load_token(server.url, "reviewer2") is None
    assert _me(server.url, token) == 401


def test_sign_out_with_the_server_down_still_forgets(server, proxy) -> None:
    asyncio.run(login(proxy.url, "senior1", "demo"))
    token = load_token(proxy.url, "senior1")
    proxy.down = True
    assert asyncio.run(logout(proxy.url, "senior1", timeout=2.0)) is False  # not confirmed
    assert load_token(proxy.url, "senior1") is None
    assert _me(server.url, token) == 200  # the server never heard of it: the token lives on


def test_dosctl_logout_revokes_the_token(server, capsys, monkeypatch, tmp_path) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "ws", server.url)
    cli.login("reviewer1")
    token = load_token(server.url, "reviewer1")
    code, out, _err = cli("logout")
    assert code == 0 and "logged out reviewer1" in out
    assert _me(server.url, token) == 401
    code, _out, err = cli("sync")
    assert code == 1 and "not logged in" in err
