"""Issue 22: alerts (assertive when critical) and sync state changes are announced to screen
readers (QAccessibleAnnouncementEvent); names carry values; masked numbers read as their end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.domain.enums import Role
from app.rules.pii import mask_identifier
from tests.qt.test_shell import make_window
from widgets.a11y import announcer, ending_in
from widgets.info_panels import InfoGroup
from widgets.transcript_model import TranscriptModel


@pytest.fixture
def heard(qapp):
    """(text, assertive) of every announcement raised during the test."""
    said: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: said.append((text, assertive)))
    yield said
    announcer().sig_announced.disconnect()


def test_alerts_are_announced_assertive_when_critical(qtbot, qloop, small_store, clock, heard):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    window.notify("P0 case CASE-1 breached its SLA", "critical")
    window.context.bridge.sig_alert_received.emit({"message": "Queue backlog rising"})
    assert ("P0 case CASE-1 breached its SLA", True) in heard
    assert ("Queue backlog rising", False) in heard


def test_sync_state_changes_are_announced(qtbot, qloop, small_store, clock, heard):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    window.context.bridge._on_engine_state("online", "")
    assert any("Online" in text or "온라인" in text for text, _ in heard)
    assert "Online" in window.status.connection.accessibleName() or "온라인" in (
        window.status.connection.accessibleName()
    )
    window.status.set_outbox(3, 1)
    assert "3" in window.status.pending.accessibleName()
    assert "1" in window.status.problems.accessibleName()


def test_masked_numbers_are_read_as_their_last_digits(lang_ko):
    assert ending_in("•••-••••-4418") == "끝자리 4418"
    assert ending_in("010-****-4418") == "끝자리 4418"
    assert ending_in("김하늘") == "김하늘"


def test_case_sections_read_masked_values_by_their_end(qtbot):
    group = InfoGroup("Customer")
    qtbot.addWidget(group)
    group.set_rows([("Phone", mask_identifier("010-1234-4418")), ("Name", "김하늘")])
    names = [w.accessibleName() for w in group.findChildren(QLabel) if w.accessibleName()]
    assert "Phone: ending in 4418" in names
    assert "Name: 김하늘" in names
    assert not any("•" in name for name in names)


def test_the_transcript_column_has_a_real_header():
    model = TranscriptModel()
    header = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header and header != "1"
