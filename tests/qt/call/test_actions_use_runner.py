"""Every action of the call page goes through the operation runner (``ui.runner``): a recording
hook of the real runner (``sig_op_started`` / ``sig_op_finished``) sees each one queued — the
click returns before the service ran — and finished with success. Real page, real store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from app.domain.enums import CallState
from tests.qt.call.conftest import CALL_ID, make_page
from tests.qt.call.helpers import apply, call_wire, script_segments, store_segments
from tests.qt.data import NOW
from ui.call.page import CallPage
from ui.call.suggestions import Suggestion


def flag(qtbot, page: CallPage, angry: dict) -> None:
    page.sentiment.flag_button.click()


def acw(qtbot, page: CallPage, angry: dict) -> None:
    wire = call_wire(CALL_ID, angry, NOW - timedelta(minutes=2), CallState.ACW, version=2)
    apply(page.source.store, "call", [wire])
    page.bridge.sig_entities_changed.emit({"call": {CALL_ID}})
    page.acw.disposition.setCurrentIndex(page.acw.disposition.findData("escalated"))
    page.acw.follow_up.setPlainText("상급자 검토 후 환불 결과 전화 안내")
    page.acw.save_button.click()


def rate(qtbot, page: CallPage, angry: dict) -> None:
    page.actions.rate(Suggestion("KB-CARD-003", "연회비 이중 청구 환불 처리"), True)


ACTIONS: list[tuple[str, Callable]] = [
    ("call.flag", flag),
    ("call.after_call_work", acw),
    ("knowledge.feedback", rate),
]


@pytest.mark.parametrize(("op", "trigger"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_the_call_action_goes_through_the_runner(
    qtbot, qloop, call_store, clock, angry, op, trigger
) -> None:
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    wires = script_segments(angry)
    store_segments(call_store, CALL_ID, wires, NOW, bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    runner = page.bridge.runner
    started: list[str] = []
    finished: list[tuple[str, bool]] = []
    runner.sig_op_started.connect(started.append)
    runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    trigger(qtbot, page, angry)
    assert started == [op]
    assert runner.running() == 1  # queued: the click returned before the write
    qtbot.waitUntil(lambda: finished != [], timeout=20_000)
    assert finished == [(op, True)]
    page.shutdown()
