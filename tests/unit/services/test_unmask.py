"""app/services/unmask.py: the local guard of an unmask (role, field, reason) before any request."""

from __future__ import annotations

import asyncio

import pytest

from app.domain.enums import Role
from app.domain.people import User
from app.rules.errors import Forbidden, ValidationFailed
from app.services.unmask import prepare, unmask


def _user(*roles: Role) -> User:
    return User(id="u_x", display_name="x", roles=list(roles), skills=[])


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.SENIOR_REVIEWER, Role.OPS_ADMIN])
def test_allowed_roles_pass_with_a_reason(role: Role) -> None:
    req = prepare(_user(role), "C-1", "resident_id", "  본인 확인  ")
    assert (req.case_id, req.field, req.reason) == ("C-1", "resident_id", "본인 확인")


@pytest.mark.parametrize("role", [Role.AGENT, Role.SUPERVISOR, Role.AUDITOR, Role.QA])
def test_other_roles_are_refused_before_any_request(role: Role) -> None:
    with pytest.raises(Forbidden):
        prepare(_user(role), "C-1", "phone", "본인 확인")


def test_field_and_reason_are_checked() -> None:
    with pytest.raises(ValidationFailed) as err:
        prepare(_user(Role.REVIEWER), "C-1", "password", " ")
    assert set(err.value.errors) == {"field", "reason"}
    with pytest.raises(ValidationFailed):
        prepare(_user(Role.REVIEWER), "C-1", "phone", "x" * 501)


def test_unmask_calls_fetch_only_after_the_guard() -> None:
    calls: list[tuple[str, str, str]] = []

    async def fetch(case_id: str, field: str, reason: str) -> dict:
        calls.append((case_id, field, reason))
        return {"field": field, "value": "010-1234-5678"}

    value = asyncio.run(unmask(fetch, _user(Role.REVIEWER), "C-1", "phone", "콜백 확인"))
    assert value == "010-1234-5678" and calls == [("C-1", "phone", "콜백 확인")]
    with pytest.raises(Forbidden):
        asyncio.run(unmask(fetch, _user(Role.SUPERVISOR), "C-1", "phone", "콜백 확인"))
    assert len(calls) == 1
