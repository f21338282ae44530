"""The operation runner (``ui.runner``) against a real store file: the work runs on the one
writer thread, the result and the ids its transaction committed come back on the GUI thread
(change signals first, then the success callback), and a refusal reaches the failure callback
with nothing announced."""

from __future__ import annotations

import threading

from app.domain.enums import Action, EntityKind
from app.rules.errors import ValidationFailed
from app.services import task_actions
from tests.qt.case.seed import OPEN_CASE
from tests.qt.data import NOW
from tests.unit.store import builders as b
from ui.wiring import domain_user


def test_a_service_runs_on_the_writer_and_its_changes_come_back_on_the_gui_thread(
    qtbot, make_context
) -> None:
    context = make_context("reviewer1")
    runner, bridge = context.runner, context.bridge
    threads: list[str] = []
    seen: list[tuple[str, object]] = []
    form = {"body": "고객과 통화함"}

    def work():
        threads.append(threading.current_thread().name)
        return task_actions.comment(context.store, domain_user(context), "T-100", form, NOW)

    bridge.sig_cases_changed.connect(lambda ids: seen.append(("cases", set(ids))))
    bridge.sig_outbox_changed.connect(lambda pending, _p: seen.append(("outbox", pending)))
    with qtbot.waitSignal(runner.sig_op_finished, timeout=20_000) as finished:
        runner.op(work).success(lambda r: seen.append(("success", r.case_id))).run("comment")
        assert runner.running() == 1  # queued, not run on the GUI thread
    assert finished.args == ["comment", True]
    assert threads[0].startswith("sync-writer") and threads[0] != threading.main_thread().name
    assert seen == [("cases", {OPEN_CASE}), ("outbox", 1), ("success", OPEN_CASE)]
    assert runner.running() == 0


def test_a_refusal_reaches_the_failure_path_and_announces_nothing(qtbot, make_context) -> None:
    context = make_context("reviewer1")
    changed: list[object] = []
    errors: list[Exception] = []
    context.bridge.sig_entities_changed.connect(changed.append)
    op = context.runner.op(
        task_actions.approve, context.store, domain_user(context), "T-100", {}, NOW
    )
    with qtbot.waitSignal(context.runner.sig_op_finished, timeout=20_000) as finished:
        op.success(lambda _r: errors.append(AssertionError("succeeded"))).failure(errors.append)
        op.run("approve")
    assert finished.args == ["approve", False]
    assert len(errors) == 1 and isinstance(errors[0], ValidationFailed)
    assert "limit" in errors[0].messages("en")
    assert changed == []


def test_every_entity_the_transaction_wrote_is_in_the_signal(qtbot, make_context) -> None:
    context = make_context("admin1")
    from app.domain.wire import to_wire
    from app.store.apply import write_local

    def work() -> None:
        with context.store.transaction() as s:
            write_local(s, EntityKind.CASE, to_wire(b.case("C-900")))
            write_local(s, EntityKind.CALL, to_wire(b.call("CALL-900")))

    with qtbot.waitSignal(context.bridge.sig_entities_changed, timeout=20_000) as changed:
        context.runner.op(work).run(Action.COMMENT.value)
    assert changed.args == [{"case": {"C-900"}, "call": {"CALL-900"}}]


def test_only_a_new_outbox_row_wakes_the_sync_engine(qtbot, make_context) -> None:
    """A write that adds no outbox row (the QA page's prune after every sync, a saved inbox
    view) must not ask the engine for a push: that would start another sync cycle, whose end
    prunes again — a busy loop. A service that queues an action does wake it."""
    from app.services import qa_actions
    from sync.engine import EngineParts, SyncEngine

    context = make_context("qa1")
    engine = SyncEngine(EngineParts(puller=None, pusher=None))  # never started: triggers only
    context.bridge.attach(engine)
    with qtbot.waitSignal(context.runner.sig_op_finished, timeout=20_000):
        context.runner.op(qa_actions.prune_local_reviews, context.store).run("qa.prune")
    assert not engine._wake.is_set()
    reviewer = make_context("reviewer1")
    reviewer.bridge.attach(engine)
    form = {"body": "고객과 통화함"}
    with qtbot.waitSignal(reviewer.runner.sig_op_finished, timeout=20_000):
        op = reviewer.runner.op(
            task_actions.comment, reviewer.store, domain_user(reviewer), "T-100", form, NOW
        )
        op.run("case.comment")
    assert engine._wake.is_set()
    context.bridge.detach()
    reviewer.bridge.detach()
