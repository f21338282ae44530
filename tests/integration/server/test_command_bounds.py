"""The bounds probes of tests/unit/commands/bounds.py against the real server: every value just
outside a field's bounds is 422 ``validation`` naming the field (never 500, never stored); every
value just inside passes the schema (the auditor then gets 403 — nothing is changed)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from conftest import Api, assert_problem

from app.commands import COMMANDS
from tests.unit.commands.bounds import body, case_id, cases

PROBES = [
    c
    for c in cases()
    if not (isinstance(c[2], float) and not math.isfinite(c[2]))  # not JSON: sent raw below
    and c[1] != "deadline"  # its 1-30 day window is checked after parsing (unit tests)
]


@pytest.fixture(scope="module")
def ids(api: Api) -> dict[str, str]:
    case, task = api.new_case()
    return {"task": task["id"], "case": case["id"]}


def path(name: str, ids: dict[str, str]) -> str:
    cmd = COMMANDS[name]
    return "/" + cmd.path.lstrip("/").replace("{id}", ids.get(cmd.on, "x"))


@pytest.mark.parametrize(
    ("name", "field", "value", "inside"), PROBES, ids=[case_id(c) for c in PROBES]
)
def test_probe(api: Api, ids, name: str, field: str, value: Any, inside: bool) -> None:
    r = api.post(path(name, ids), body(name, field, value), "auditor1")
    if inside:
        assert_problem(r, 403, "forbidden")  # parsed, then refused by role: nothing written
        return
    errors = assert_problem(r, 422, "validation")["errors"]
    # the server's request validation names list items "a.0.b" (the forms: "a[0].b")
    dotted = field.replace("[0]", ".0")
    assert any(k in (field, dotted) or k.startswith((field + ".", field + "[")) for k in errors), (
        errors
    )


def test_non_finite_numbers_are_422_not_500(api: Api, ids) -> None:
    raw = json.dumps(body("approve", "rate", 4.5)).replace("4.5", "1e999")
    r = api.http.post(
        path("approve", ids),
        content=raw,
        headers=api.headers(
            "reviewer1", Idempotency_Key="k-1e999", Content_Type="application/json"
        ),
    )
    assert "rate" in assert_problem(r, 422, "validation")["errors"]


def test_openapi_lists_the_command_models_with_their_bounds(api: Api) -> None:
    spec = api.get("/openapi.json", None).json()
    schemas = spec["components"]["schemas"]
    limit = schemas["ApproveInput"]["properties"]["limit"]
    assert limit["exclusiveMinimum"] == 0 and limit["maximum"] == 10**13
    assert schemas["ApproveInput"]["additionalProperties"] is False
    assert schemas["EscalateInput"]["properties"]["reason"]["maxLength"] == 4000
