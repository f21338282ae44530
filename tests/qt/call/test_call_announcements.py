"""Issue 22 on the call page: new transcript finals are announced (a setting, off by default),
so is the result of an action; the drafted summary is left alone while the agent is in it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.enums import CallState
from tests.qt.call.conftest import CALL_ID, make_page
from tests.qt.call.helpers import apply, call_wire, script_segments, store_segments
from tests.qt.data import NOW
from ui.accessibility import announce_transcript, set_announce_transcript
from widgets.a11y import announcer


@pytest.fixture
def heard(qapp):
    """(text, assertive) of every announcement raised during the test."""
    said: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: said.append((text, assertive)))
    yield said
    announcer().sig_announced.disconnect()


@pytest.fixture
def transcript_setting():
    before = announce_transcript()
    yield
    set_announce_transcript(before)


def _finals(angry):
    return [t["text"] for t in angry["turns"]]


@pytest.mark.parametrize("on", [False, True])
def test_new_transcript_finals_are_announced_only_when_the_setting_is_on(
    qtbot, qloop, call_store, clock, angry, heard, transcript_setting, on
):
    set_announce_transcript(on)
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    wires = script_segments(angry, summary=False)
    store_segments(call_store, CALL_ID, wires, NOW, bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    spoken = [text for text, _ in heard]
    lines = [t for t in _finals(angry) if any(t in s for s in spoken)]
    if on:
        assert lines == _finals(angry)  # every final line, in order, politely
        assert not any(a for text, a in heard if any(t in text for t in lines))
    else:
        assert lines == []


def test_an_action_result_is_announced(qtbot, qloop, call_store, clock, angry, heard):
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    store_segments(
        call_store, CALL_ID, script_segments(angry, summary=False), NOW, bridge=page.bridge
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    apply(call_store, "call", [call_wire(CALL_ID, angry, NOW, CallState.ACW, version=2)])
    page.bridge.sig_entities_changed.emit({"call": {CALL_ID}})
    with qtbot.waitSignal(page.actions.sig_action_failed, timeout=20_000):
        page.acw.save_button.click()  # no disposition yet: refused, and said at once
    refused = [(text, a) for text, a in heard if text.startswith("After-call work failed: ")]
    assert len(refused) == 1 and refused[0][1] is True  # once, from the runner, assertively
    page.acw.disposition.setCurrentIndex(page.acw.disposition.findData("escalated"))
    heard.clear()
    with qtbot.waitSignal(page.actions.sig_action_saved, timeout=20_000):
        page.acw.save_button.click()
    qtbot.waitUntil(lambda: bool(heard), timeout=20_000)
    assert [said for said in heard if "After-call work" in said[0]] == [
        ("After-call work: done.", False)  # the runner's sentence; the banner stays quiet
    ]


def test_the_drafted_summary_is_not_rewritten_while_the_agent_is_in_it(
    qtbot, qloop, call_store, clock, angry
):
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    wires = script_segments(angry, summary=False)
    half = len(wires) // 2
    store_segments(call_store, CALL_ID, wires[:half], NOW, bridge=page.bridge)
    qtbot.waitUntil(lambda: bool(page.acw.summary.toPlainText()), timeout=20_000)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.acw.summary.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: page.acw.summary.hasFocus(), timeout=20_000)
    cursor = page.acw.summary.textCursor()
    cursor.setPosition(5)
    page.acw.summary.setTextCursor(cursor)
    before = page.acw.summary.toPlainText()
    store_segments(call_store, CALL_ID, wires, NOW + timedelta(seconds=1), bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    assert page.acw.summary.toPlainText() == before
    assert page.acw.summary.textCursor().position() == 5
    page.acw.save_button.setFocus()  # leaving the field lets the next final redraft it
    qtbot.waitUntil(lambda: not page.acw.summary.hasFocus(), timeout=20_000)
