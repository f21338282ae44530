"""The checkpoint page from a real store: the SC and EC forms produce the seed's feedback JSON
exactly (checked by the command's schema, app.commands.checkpoint_feedback), errors show next
to the fields,
the consequences show before saving, feedback is saved into the outbox, and the EC countdown
reaches the 48 h halt-and-escalate on an injected clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.commands.checkpoint_feedback import field_errors as validate_feedback
from app.domain.enums import EntityKind
from app.rules.checkpoints import HALT_AND_ESCALATE
from app.store.local_models import OutboxRow
from app.store.lookups import get_checkpoint
from tests.qt.decision.demo_data import checkpoint_ids
from ui.bridge import SyncBridge
from ui.checkpoint.page import CheckpointPage

SC, EC = checkpoint_ids()


def make_page(qtbot, store, clock, actor, cid) -> CheckpointPage:
    bridge = SyncBridge(store)  # its runner runs the page's writes
    page = CheckpointPage(store, clock, actor, "en", bridge.runner)
    bridge.setParent(page)
    qtbot.addWidget(page)
    page.show_entity(cid)
    return page


def saved_rows(store) -> list[OutboxRow]:
    with store.session() as s:
        rows = list(s.execute(select(OutboxRow)).scalars())
        s.expunge_all()
        return rows


def test_sc_form_builds_the_seed_json_and_saves_it(qtbot, qtmodeltester, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_admin1"], SC)
    qtmodeltester.check(page.signals)
    assert page.signals.rowCount() == 4
    assert page.signals.index(0, 3).data() == "▲▲ Critical"  # the word, not CRITICAL
    form = page.form
    form.submit.click()  # nothing chosen yet: errors next to the fields, nothing saved
    assert form.errors["choice"].isVisibleTo(form)
    assert form.errors["user_assessment.signal_validity"].isVisibleTo(form)
    assert saved_rows(dstore) == []
    form.choice_buttons["decide_proposals"].setChecked(True)
    assert not form.errors["choice"].isVisibleTo(form)  # chosen: "choose one" is gone
    form.validity_buttons["disputed"].setChecked(True)
    form.signal_boxes["AS-004"].setChecked(False)
    form.decisions[0].setCurrentIndex(form.decisions[0].findData("modify"))
    form.notes[0].setText("월말 2주만 배치")
    form.decisions[1].setCurrentIndex(form.decisions[1].findData("reject"))
    form.priority.setCurrentIndex(form.priority.findData("high"))
    expected = {
        "checkpoint_id": SC,
        "mode": "scheduled",
        "signals_reviewed": ["AS-001", "AS-002", "AS-003"],
        "user_assessment": {"signal_validity": "disputed", "priority_override": "high"},
        "proposal_decisions": [
            {
                "proposal_id": "IP-001",
                "decision": "modify",
                "modification_notes": "월말 2주만 배치",
            },
            {"proposal_id": "IP-002", "decision": "reject"},
        ],
    }
    assert form.feedback() == expected
    assert validate_feedback(form.feedback()) == {}
    assert "50%" in form.consequences.text()  # disputed lowers confidence, shown before saving
    assert "next scheduled checkpoint" in form.consequences.text()
    with qtbot.waitSignal(page.sig_action_saved):
        form.submit.click()
    (row,) = saved_rows(dstore)
    assert row.path == f"/v1/checkpoints/{SC}/feedback?choice=decide_proposals"
    assert row.payload == expected
    with dstore.session() as s:
        assert get_checkpoint(s, SC).status == "answered"
    assert page.form is None  # answered: the page shows the result, no form
    (shown,) = page.findChildren(QLabel, "checkpointFeedback")
    words = shown.text()  # in words, never the raw dict (issue 17)
    assert "Proposal IP-001: modified — 월말 2주만 배치" in words and "{" not in words
    assert "Signal validity: disputed" in words and "Signals reviewed: 3" in words


def test_ec_alert_choices_countdown_and_escalation(qtbot, dstore, clock, users, manual_time):
    page = make_page(qtbot, dstore, clock, users["u_admin1"], EC)
    assert list(page.form.choice_buttons) == [
        "root_cause", "generate_fix", "pause_and_escalate", "monitor"
    ]  # fmt: skip
    assert "18 h left" in page.countdown.text()  # raised 30 h ago, 48 h to answer
    from PySide6.QtWidgets import QLabel

    alert = "\n".join(w.text() for w in page.findChildren(QLabel))
    assert "<b>Severity</b>: Critical" in alert and "CRITICAL" not in alert  # the word, no token
    manual_time.advance(timedelta(hours=17, minutes=59, seconds=59))
    clock.tick()
    assert page.countdown.state == "warning"
    with qtbot.waitSignal(page.countdown.sig_deadline_reached):
        manual_time.advance(timedelta(seconds=1))
        clock.tick()
    assert "overdue" in page.countdown.text()
    assert "unanswered for 48 h" in page.halt_note.text() and "Overdue" in page.halt_note.text()
    assert HALT_AND_ESCALATE not in page.halt_note.text()  # no developer word on screen
    form = page.form
    form.choice_buttons["pause_and_escalate"].setChecked(True)
    form.validity_buttons["confirmed"].setChecked(True)
    form.context.setPlainText("FDS 팀 확인 요청")
    assert "workflow pauses" in form.consequences.text()
    with qtbot.waitSignal(page.sig_action_saved):
        form.submit.click()
    (row,) = saved_rows(dstore)
    assert row.payload == {
        "checkpoint_id": EC,
        "mode": "event",
        "signals_reviewed": ["AS-001"],
        "user_assessment": {
            "signal_validity": "confirmed",
            "additional_context": "FDS 팀 확인 요청",
        },
        "proposal_decisions": [],
    }
    assert validate_feedback(row.payload) == {}
    assert row.user_input["choice"] == "pause_and_escalate"
    assert row.path == f"/v1/checkpoints/{EC}/feedback?choice=pause_and_escalate"
    with dstore.session() as s:
        assert get_checkpoint(s, EC).workflow_paused
    assert row.entity_kind == EntityKind.CHECKPOINT.value
