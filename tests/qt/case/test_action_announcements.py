"""Issue 22: every action a user starts on the case, appeals, QA, sync-problems, inbox and
operations pages is announced once, politely, from the runner's success path
(``ui.runner``), named in words of its own — the same real pages and clicks as
tests/qt/case/test_actions_use_runner.py."""

from __future__ import annotations

import pytest

from tests.qt.case.test_actions_use_runner import ACTIONS
from ui import op_words
from widgets.a11y import announcer


@pytest.fixture
def heard(qapp):
    said: list[tuple[str, bool]] = []
    announcer().sig_announced.connect(lambda text, assertive: said.append((text, assertive)))
    yield said
    announcer().sig_announced.disconnect()


@pytest.mark.parametrize(("op", "user", "trigger"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_the_result_of_the_action_is_announced_once(
    qtbot, qloop, make_context, heard, op, user, trigger
) -> None:
    context = make_context(user)
    finished: list[tuple[str, bool]] = []
    context.runner.sig_op_finished.connect(lambda name, ok: finished.append((name, ok)))
    page = trigger(qtbot, context)  # noqa: F841 — the page lives until its operation finished
    qtbot.waitUntil(lambda: finished != [], timeout=20_000)
    assert finished == [(op, True)]
    words = op_words.action_words(op, "en")
    assert words != op_words.action_words("unknown.thing", "en"), f"{op} has no words of its own"
    assert heard == [(f"{words}: done.", False)]
