"""Issue 22: the result of every action a user started is announced from the operation
runner's one success/failure path (``ui.runner``) — politely when it was saved, assertively when
it was refused, one sentence in the user's language — on the decision, approvals and checkpoint
pages alike, with no page announcing it a second time. Real pages, real runner, real store."""

from __future__ import annotations

import pytest

from tests.qt.decision.test_actions_use_runner import approve, checkpoint, decision_page, generated
from ui.bridge import SyncBridge
from widgets.a11y import announcer


@pytest.fixture
def heard(qapp):
    """(text, assertive) of every announcement raised during the test."""
    said: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: said.append((text, assertive)))
    yield said
    announcer().sig_announced.disconnect()


@pytest.fixture
def runner(dstore):
    bridge = SyncBridge(dstore)
    yield bridge.runner
    bridge.runner.close()
    bridge.deleteLater()


def _finish(qtbot, runner, trigger, *args) -> list[tuple[str, bool]]:
    finished: list[tuple[str, bool]] = []
    runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    trigger(qtbot, *args, runner)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    return finished


@pytest.mark.parametrize(
    ("trigger", "words"),
    [
        (approve, "Respond to an approval request"),
        (generated, "Decision on a generated case"),
        (checkpoint, "Checkpoint feedback"),
    ],
    ids=["decision", "approvals", "checkpoint"],
)
def test_a_saved_action_is_announced_once_politely(
    qtbot, dstore, clock, users, runner, heard, trigger, words
):
    finished = _finish(qtbot, runner, trigger, dstore, clock, users)
    assert finished[0][1] is True
    assert heard == [(f"{words}: done.", False)]


def test_a_refused_action_is_announced_assertively_with_the_reason(
    qtbot, dstore, clock, users, runner, heard
):
    page = decision_page(qtbot, dstore, clock, users["u_senior1"], runner)
    page.show()
    page.form.rationale.setPlainText("")  # the rule asks for a rationale
    finished: list[tuple[str, bool]] = []
    runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    page.form.submit.click()
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert finished == [("decision.approval_response", False)]
    assert len(heard) == 1
    text, assertive = heard[0]
    assert assertive is True
    assert text.startswith("Respond to an approval request failed: ")
    shown = [label.text() for label in page.form.errors.values() if label.text()]
    assert shown and all(message in text for message in shown)  # the reason the form shows


def test_the_sentence_is_in_the_users_language(qtbot, dstore, clock, users, runner, heard, lang_ko):
    finished = _finish(qtbot, runner, generated, dstore, clock, users)
    assert finished[0][1] is True
    assert heard == [("생성된 케이스 결정: 완료했습니다.", False)]


def test_housekeeping_in_the_background_is_not_announced(qtbot, dstore, runner, heard):
    finished: list[tuple[str, bool]] = []
    runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    runner.op(lambda: None).background().run("qa.prune")
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert finished == [("qa.prune", True)] and heard == []
