"""The server's one argon2 hasher: RFC 9106's low-memory profile unless REVIEWER_ARGON2_PROFILE
names another (the suite runs CHEAPEST); a hash verifies under any profile, its cost in the hash."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters, profiles

from server import passwords


def test_the_default_profile_is_rfc_9106_low_memory(monkeypatch) -> None:
    monkeypatch.delenv(passwords.PROFILE_ENV, raising=False)
    strong = passwords._hasher_from_env().hash("demo")
    assert extract_parameters(strong).memory_cost == profiles.RFC_9106_LOW_MEMORY.memory_cost
    # a hash made under one profile verifies under another: the parameters travel in the hash
    assert passwords.verify(strong, "demo") and not passwords.verify(strong, "wrong")


def test_an_unknown_profile_stops_the_server(monkeypatch) -> None:
    monkeypatch.setenv(passwords.PROFILE_ENV, "FASTEST_PLEASE")
    with pytest.raises(SystemExit, match="REVIEWER_ARGON2_PROFILE"):
        passwords._hasher_from_env()


def test_an_unknown_user_costs_a_verification_and_is_refused() -> None:
    assert passwords.verify(None, "demo") is False
    assert passwords.verify(passwords.hash_password("demo"), "demo") is True
