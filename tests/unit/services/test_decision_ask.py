"""app.services.decision_ask on a real store: a question is read by the same decomposition rule
as the server (E001 refused here, nothing written), a good one becomes one outbox row with the
exact POST /v1/decisions body, and only the roles that may ask can."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.rules.errors import Forbidden, ValidationFailed
from app.services.decision_ask import decision_ask
from app.store.local_models import OutboxRow
from app.store.lookups import get_user
from tests.qt.decision.demo_data import NOW, seed


@pytest.fixture
def seeded(store):
    seed(store)
    return store


def rows(store) -> list[OutboxRow]:
    with store.session() as s:
        out = list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())
        s.expunge_all()
    return out


def user(store, uid):
    with store.session() as s:
        return get_user(s, uid)


def test_a_question_becomes_one_outbox_row_with_the_api_body(seeded) -> None:
    form = {"query": "  향후 12주간 AI팀의   가동률 병목은? ", "horizon_weeks": 12,
            "org_unit_id": "ORG-AI-001"}  # fmt: skip
    result = decision_ask(seeded, user(seeded, "u_senior1"), form, NOW)
    [row] = rows(seeded)
    assert row.id == result.outbox_id and row.intent == "decision.ask"
    assert (row.method, row.path, row.if_match) == ("POST", "/v1/decisions", None)
    context = {"org_unit_id": "ORG-AI-001", "horizon_weeks": 12}
    assert row.payload == {"query": "향후 12주간 AI팀의 가동률 병목은?", "context": context}


@pytest.mark.parametrize(
    ("form", "field", "code"),
    [
        ({"query": "안녕하세요"}, "query", "E001"),
        ({"query": ""}, "query", "required"),
        ({"query": "가동률 " * 300}, "query", "too_long"),
        ({"query": "가동률은?", "horizon_weeks": 99}, "horizon_weeks", "out_of_range"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(seeded, form, field, code) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decision_ask(seeded, user(seeded, "u_senior1"), form, NOW)
    assert caught.value.errors[field].code == code
    assert rows(seeded) == []


def test_only_the_roles_that_may_ask(seeded) -> None:
    from app.domain.enums import Role
    from app.domain.people import User

    reviewer = User("u_r", "검토자", [Role.REVIEWER])
    with pytest.raises(Forbidden):
        decision_ask(seeded, reviewer, {"query": "가동률은?"}, NOW)
    assert rows(seeded) == []
