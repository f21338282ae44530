"""The appeals page against a real store: submit within the 30-day window only, the queue,
the original decision beside the appeal, independence refused with the reason shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.commands import forms
from app.domain.enums import CaseStatus, FinalDecision
from app.domain.people import User
from app.rules import appeals
from app.rules.errors import Forbidden
from app.services.appeal_actions import resolve_appeal
from app.store.apply import apply_changes
from app.store.local_models import OutboxRow
from tests.qt.case.seed import LATE, REJECTED
from tests.qt.data import NOW
from tests.reason_codes import UPHOLD_CODE
from tests.unit.store import builders as b
from ui.appeals.page import AppealsPage


def make_page(qtbot, make_context, user="senior2", lang="en") -> AppealsPage:
    page = AppealsPage(make_context(user, lang))
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    return page


def outbox(store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())


def test_queue_model_and_side_by_side(qtbot, qtmodeltester, make_context):
    page = make_page(qtbot, make_context)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 2
    with qtbot.waitSignal(page.sig_appeal_selected) as shown:
        page.select_row(1)
    assert shown.args == ["A-2"]
    assert page.original.value("Decided by") == "senior1"
    assert page.details.value("Reason") == "재검토 요청"
    assert page.details.value("Status") in ("Submitted", "In review")  # words, not submitted
    assert page.model.index(1, 5).data() in ("Submitted", "In review")
    assert page.original.value("Amount").startswith("₩")  # an amount with its currency


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_resolving_your_own_decision_is_refused_with_the_reason(qtbot, make_context, seeded, lang):
    page = make_page(qtbot, make_context, "senior1", lang)
    page.select_appeal("A-2")
    senior1 = User("senior1", "senior1", roles=["senior_reviewer"])
    reason = appeals.check_resolver(senior1, "senior1").text(lang)
    assert not page.independence.isHidden() and page.independence.text() == reason
    assert not page.resolve_form.submit_button.isEnabled()
    assert page.resolve_form.submit_button.toolTip() == reason
    with pytest.raises(Forbidden):
        resolve_appeal(
            seeded,
            senior1,
            "A-2",
            {"resolution": "uphold", "message": "m", "reason_codes": [UPHOLD_CODE]},
            NOW,
        )
    page.select_appeal("A-1")  # decided by reviewer1: senior1 may resolve it
    assert page.independence.isHidden() and page.resolve_form.submit_button.isEnabled()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_resolve_validates_by_the_field_then_writes_the_outbox_row(
    qtbot, make_context, seeded, lang
):
    page = make_page(qtbot, make_context, "senior2", lang)
    page.select_appeal("A-1")
    form = page.resolve_form
    form.fields.set_values({"resolution": "overturn", "message": "재심사 결과 승인"})
    with qtbot.waitSignal(form.sig_form_refused):
        form.submit_button.click()
    expected = forms.validate("appeal_resolve", form.payload(), NOW.date())
    assert form.fields.error_of("limit") == expected["limit"].text(lang)
    assert form.fields.rows["reason_codes"].isHidden()  # overturn needs no reason codes
    form.fields.set_values({"limit": "20,000,000", "rate": "6.5"})
    with qtbot.waitSignal(page.sig_appeal_written):
        form.submit_button.click()
        # an overturn reverses a decision: confirmed with a summary first (issue 17)
        assert form.confirmation is not None and "A-1" in form.confirmation.text()
        form.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert not page.done.isHidden() and "A-1" in page.done.text()
    (row,) = outbox(seeded)
    assert row.path == "/v1/appeals/A-1/resolve"
    assert row.payload == {
        "resolution": "overturn",
        "message": "재심사 결과 승인",
        "limit": 20_000_000,
        "rate": 6.5,
        "new_decision": "approve",
        "reason_codes": [],  # the command's parsed body: its list defaults are sent too
        "conditions": [],
    }


def test_submit_only_within_the_window_and_the_reason_by_the_case_field(
    qtbot, make_context, seeded
):
    page = make_page(qtbot, make_context, "reviewer1", "ko")
    form = page.submit_form
    assert page.resolve_form.isHidden()  # a reviewer may submit, not resolve
    form.fields.set_values({"case_id": LATE, "reason": "소득 증빙 추가", "evidence": "급여명세서"})
    with qtbot.waitSignal(form.sig_form_refused):
        form.submit_button.click()
    assert form.fields.error_of("case_id") == "이의 제기 기한(결정 후 30일)이 지났습니다."
    assert form.fields.values()["reason"] == "소득 증빙 추가"  # the input is kept
    # C-102's decision already has its appeal (A-1): one appeal per decision (issue 14; this
    # test used to submit a second one for C-102, which was accepted)
    form.fields.set_values({"case_id": REJECTED})
    with qtbot.waitSignal(form.sig_form_refused):
        form.submit_button.click()
    assert "A-1" in form.fields.error_of("case_id")
    fresh = b.case("C-106", status=CaseStatus.REJECTED, decided_by="reviewer1")
    fresh.decided_at, fresh.final_decision = NOW - timedelta(days=1), FinalDecision.DENY
    with seeded.transaction() as session:
        apply_changes(session, [b.upsert(fresh)])
    form.fields.set_values({"case_id": "C-106"})
    with qtbot.waitSignal(page.sig_appeal_written):
        form.submit_button.click()
    (row,) = outbox(seeded)
    assert row.path == "/v1/appeals"
    assert row.payload == {
        "case_id": "C-106",
        "reason": "소득 증빙 추가",
        "evidence": ["급여명세서"],
    }
    assert page.model.rowCount() == 3  # the local appeal joins the queue, pending sync
