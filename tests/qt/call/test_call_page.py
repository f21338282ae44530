"""The call page over a real store, fed the way the sync engine feeds it (segments stored as
they arrive): live transcript, sentiment alert, local suggestions, after-call work saved offline,
a reconnect replay without duplicates, search and copy, supervisors and call assignment."""

from __future__ import annotations

import random
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from app.domain.enums import CallState, Role
from app.rules.pii import mask_name
from app.store.local_models import OutboxRow
from tests.qt.call.conftest import CALL_ID, make_page
from tests.qt.call.helpers import apply, call_wire, script_segments, store_segments
from tests.qt.data import NOW


def test_live_transcript_partials_then_finals_and_the_sentiment_alert(
    qtbot, qloop, call_store, clock, angry
):
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    assert page.call is not None and page.call.id == CALL_ID  # assigned to u_agent1
    assert page.model.rowCount() == 0
    wires = script_segments(angry, summary=False)
    store_segments(
        call_store, CALL_ID, wires[:1], NOW, bridge=page.bridge
    )  # the first partial only
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    assert not page.model.turn(0).final
    with qtbot.waitSignal(page.sentiment.sig_alert_raised, timeout=20_000):
        store_segments(call_store, CALL_ID, wires, NOW + timedelta(seconds=1), bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    assert all(t.final for t in page.model.turns())
    assert page.sentiment.alert.isVisible() or not page.isVisible()
    assert page.sentiment.mood.property("mood") == "negative"
    assert "▼" in page.sentiment.mood.text()  # a symbol and words, not colour alone
    assert page.sentiment.chart.count("customer") == sum(
        t["role"] == "CUSTOMER" for t in angry["turns"]
    )
    page.sentiment.chart.flush()
    x, _y = page.sentiment.chart.values("customer")
    assert str(x.dtype) == "float64"
    with qtbot.waitSignal(page.actions.sig_action_saved) as saved:
        page.sentiment.flag_button.click()
    assert saved.args[0] == "call.flag"
    with call_store.session() as s:
        row = s.execute(select(OutboxRow)).scalar_one()
    assert row.path == f"/v1/calls/{CALL_ID}/flag" and row.payload["reason"] == "negative_sentiment"
    assert not page.sentiment.flag_button.isEnabled()


def test_suggestions_for_a_known_question_from_the_local_index(
    qtbot, qloop, call_store, clock, angry
):
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    wires = script_segments(angry, summary=False)
    first_customer_final = next(
        i
        for i, w in enumerate(wires)
        if w.get("Transcript", {}).get("ParticipantRole") == "CUSTOMER"
    )
    with qtbot.waitSignal(page.actions.sig_suggestions_shown, timeout=30_000) as shown:
        store_segments(
            call_store, CALL_ID, wires[: first_customer_final + 1], NOW, bridge=page.bridge
        )
    qtbot.waitUntil(lambda: page.suggestions.model.rowCount() > 0, timeout=30_000)
    assert shown.args[0] == "local"  # offline: no engine, the local full-text index answers
    ids = [
        page.suggestions.model.suggestion(r).article_id
        for r in range(page.suggestions.model.rowCount())
    ]
    assert ids[0] == "KB-CARD-003"  # 연회비 이중 청구 환불 처리
    top = page.suggestions.model.suggestion(0)
    assert top.trigger == angry["turns"][1]["issues"][0]
    page.suggestions._on_activated(page.suggestions.model.index(0))
    assert page.article.isVisibleTo(page) and "연회비" in page.article.browser.toPlainText()
    with qtbot.waitSignal(page.actions.sig_action_saved) as saved:
        page.article.helpful.click()
    assert saved.args[0] == "knowledge.feedback"


def test_after_call_work_is_drafted_and_saved_offline_to_the_outbox(
    qtbot, qloop, call_store, clock, angry
):
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    store_segments(
        call_store, CALL_ID, script_segments(angry, summary=False), NOW, bridge=page.bridge
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    acw = call_wire(CALL_ID, angry, NOW - timedelta(minutes=2), CallState.ACW, version=2)
    apply(call_store, "call", [acw])
    page.bridge.sig_entities_changed.emit({"call": {CALL_ID}})
    assert "문의: 카드 연회비가" in page.acw.summary.toPlainText()  # drafted locally
    clock.tick()
    page.acw.tick(clock.now() + timedelta(seconds=75))
    assert "01:15" in page.acw.timer_label.text()
    store_segments(
        call_store, CALL_ID, script_segments(angry)[-1:], NOW, bridge=page.bridge
    )  # PostContactSummary
    qtbot.waitUntil(lambda: page.acw.summary.toPlainText() == angry["summary"], timeout=20_000)
    with qtbot.waitSignal(page.actions.sig_action_failed) as failed:
        page.acw.save_button.click()  # no disposition yet
    assert "disposition" in failed.args[1] and page.acw.errors.isVisibleTo(page)
    page.acw.disposition.setCurrentIndex(page.acw.disposition.findData("escalated"))
    page.acw.follow_up.setPlainText("상급자 검토 후 환불 결과 전화 안내")
    with qtbot.waitSignal(page.actions.sig_action_saved, timeout=20_000):
        page.acw.save_button.click()
    with call_store.session() as s:
        row = s.execute(select(OutboxRow)).scalar_one()
    assert (row.method, row.path, row.status) == (
        "POST",
        f"/v1/calls/{CALL_ID}/after-call-work",
        "pending",
    )
    assert row.payload == {
        "summary": angry["summary"],
        "disposition": "escalated",
        "follow_up": "상급자 검토 후 환불 결과 전화 안내",
    }
    assert not page.acw.save_button.isEnabled()


def test_reconnect_replay_and_out_of_order_backfill_make_no_duplicates(
    qtbot, qloop, call_store, clock, angry
):
    page = make_page(qtbot, call_store, clock)
    page.load_now()
    wires = script_segments(angry)
    finals = [w for w in wires if "Transcript" in w]
    store_segments(call_store, CALL_ID, wires[: len(wires) // 2], NOW, bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() > 3, timeout=20_000)
    with qtbot.waitSignal(page.sig_notice):
        page.bridge._on_engine_state("offline", "network down")
    assert page.offline_label.isVisibleTo(page)
    before = [t.text for t in page.model.turns()]
    assert before  # the transcript is kept while offline
    replay = list(wires)
    random.Random(7).shuffle(replay)  # everything again, in any order (SSE replay + backfill)
    store_segments(call_store, CALL_ID, replay, NOW + timedelta(seconds=5), bridge=page.bridge)
    page.bridge._on_engine_state("online", "")
    assert not page.offline_label.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(finals), timeout=20_000)
    texts = [t.text for t in page.model.turns()]
    assert texts == [f["Transcript"]["Content"] for f in finals]
    assert len({t.key for t in page.model.turns()}) == len(texts)
    assert page.sentiment.chart.count("customer") == sum(
        t["role"] == "CUSTOMER" for t in angry["turns"]
    )


def test_search_copy_and_jump_to_live(qtbot, qloop, call_store, clock, angry):
    page = make_page(qtbot, call_store, clock)
    with qtbot.waitActive(page):  # keyboard focus needs the active window
        page.show()
        page.activateWindow()
    page.load_now()
    store_segments(call_store, CALL_ID, script_segments(angry), NOW, bridge=page.bridge)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(angry["turns"]), timeout=20_000)
    page.transcript.setFocus()
    qtbot.keyClick(page.transcript, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.edit.hasFocus()
    page.search.edit.setText("환불")  # QTest types ASCII only
    matches = page.search.matches()
    assert len(matches) >= 2
    first = page.search.next_match()
    second = page.search.next_match()
    assert (first, second) == (matches[0], matches[1])
    assert page.search.previous_match() == matches[0]
    assert not page.transcript.following  # reading an older turn stops auto-follow
    assert page.transcript.jump_button.isVisible()
    page.transcript.jump_button.click()
    assert page.transcript.following and page.transcript.at_bottom()
    page.transcript.selectionModel().clearSelection()
    for row in (1, 3):
        page.transcript.selectionModel().select(
            page.model.index(row), page.transcript.selectionModel().SelectionFlag.Select
        )
    text = page.transcript.copy_selection()
    assert QGuiApplication.clipboard().text() == text
    lines = text.splitlines()
    assert (lines[0].startswith("[00:") and "Customer" in lines[0]) or "고객" in lines[0]
    assert angry["turns"][3]["text"] in lines[1]


def test_supervisor_picks_from_live_calls_and_cannot_act(qtbot, qloop, call_store, clock, angry):
    other = call_wire("call_other", angry, NOW - timedelta(minutes=1), agent="u_agent2")
    apply(call_store, "call", [other])
    page = make_page(qtbot, call_store, clock, roles=(Role.SUPERVISOR,), user_id="u_sup")
    page.load_now()
    assert page.picker.isVisibleTo(page) and page.picker.count() == 2
    assert page.call.id == "call_other"  # the newest live call
    page.picker.setCurrentIndex(page.picker.findData(CALL_ID))
    page.picker.activated.emit(page.picker.currentIndex())
    assert page.call.id == CALL_ID
    assert not page.acw.isEnabled() and not page.sentiment.flag_button.isEnabled()
    assert page.card.account.text().endswith("4418") and "2209" not in page.card.account.text()
    # a supervisor's screen is shared: names masked (최*연), never a raw call id
    name = angry["customer"]["name"]
    assert page.card.name.text() == mask_name(name) and name not in page.card.name.text()
    items = [page.picker.itemText(i) for i in range(page.picker.count())]
    assert all(name not in t and "call_" not in t and mask_name(name) in t for t in items)
    agent = make_page(qtbot, call_store, clock)  # the agent on the call sees the name
    agent.load_now()
    assert agent.card.name.text() == name


def test_an_assigned_call_opens_with_a_notification(qtbot, qloop, tmp_path, clock, angry):
    from app.store.store import Store
    from tests.qt.call.helpers import seed_reference

    store = Store.open(tmp_path / "assign.sqlite3")
    seed_reference(store)
    try:
        page = make_page(qtbot, store, clock)
        page.load_now()
        assert page.call is None and page.empty.isVisibleTo(page)
        apply(store, "call", [call_wire("call_new", angry, NOW, CallState.CONNECTED)])
        with qtbot.waitSignal(page.sig_notice) as notice:
            page.bridge.sig_entities_changed.emit({"call": {"call_new"}})
        assert page.call.id == "call_new" and notice.args[0] == "warning"
        assert angry["customer"]["name"] in notice.args[1]
        assert page.card.name.text() == angry["customer"]["name"]
    finally:
        store.close()
