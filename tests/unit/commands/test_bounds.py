"""For every field of every command: a value just inside its bounds is accepted and a value just
outside is refused with that field named (shared/API.md "Bounds"), both by the schema (the
server's request model) and by the workstation's form validation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.commands import COMMANDS, forms, parse
from app.rules.errors import ValidationFailed
from tests.unit.commands.bounds import CHECKED_LATER, TODAY, VALID, body, case_id, cases

CASES = cases()


def names(key: str, field: str) -> bool:
    """Does the error key ``key`` name ``field`` (or one of its items: ``field[0]``)?"""
    return key == field or key.startswith(field + "[")


def test_the_probes_cover_every_field_of_every_command() -> None:
    seen = {(name, field) for name, field, _v, _ok in CASES}
    for name, cmd in COMMANDS.items():
        for attr, info in cmd.input.model_fields.items():
            assert (name, info.alias or attr) in seen
    assert all(any(ok for n, _f, _v, ok in CASES if n == name) for name in VALID)


@pytest.mark.parametrize("name", list(VALID))
def test_the_valid_bodies_are_valid(name: str) -> None:
    parse(COMMANDS[name].input, VALID[name])


@pytest.mark.parametrize(
    ("name", "field", "value", "inside"), CASES, ids=[case_id(c) for c in CASES]
)
def test_just_inside_is_accepted_just_outside_is_refused_by_field(
    name: str, field: str, value: Any, inside: bool
) -> None:
    model = COMMANDS[name].input
    data = body(name, field, value)
    if inside:
        parsed = parse(model, data)
        assert parsed.check_at(TODAY) == {} or (name, field) in CHECKED_LATER
    else:
        with pytest.raises(ValidationFailed) as info:
            parse(model, data)
        assert any(names(k, field) for k in info.value.errors), info.value.errors
        assert info.value.status == 422 and info.value.code == "validation"
        error = next(e for k, e in info.value.errors.items() if names(k, field))
        assert error.ko and error.en  # a message in both languages


@pytest.mark.parametrize("name", [n for n in VALID if forms.fields_of(n)])
def test_the_form_says_the_same_as_the_schema(name: str) -> None:
    for cname, field, value, inside in CASES:
        if cname != name:
            continue
        errors = forms.validate(name, body(name, field, value), TODAY)
        if inside and (name, field) not in CHECKED_LATER:
            assert not any(names(k, field) for k in errors), (field, value, errors)
        if not inside:
            assert any(names(k, field) for k in errors), (field, value)


def test_deadline_relative_window_is_one_to_thirty_days() -> None:
    model = COMMANDS["request_docs"].input
    for days, ok in ((0, False), (1, True), (30, True), (31, False)):
        data = parse(model, {**VALID["request_docs"], "deadline": _day(days)})
        assert (data.check_at(TODAY) == {}) is ok, days


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()
