"""The new alert kinds (API.md "Live events") render in both languages from code + params."""

from __future__ import annotations

from app.rules.alert_severity import SEVERITY
from ui.alert_words import kind_label
from ui.look import install_language
from ui.wall.alert_strip import alert_text

ALERT = {
    "kind": "approval_expired",
    "entity_id": "AR-7",
    "code": "approval_expired",
    "params": {"request_id": "AR-7", "hours": 24},
    "message": "승인 요청 AR-7이 24시간 동안 응답이 없어 만료되었습니다",
}


def test_new_kinds_in_english_and_korean(qapp, lang_ko) -> None:
    assert alert_text(ALERT).startswith("승인 요청 AR-7이 24시간")  # said once
    assert alert_text(ALERT).count("AR-7") == 1
    assert kind_label("callback_due") == "콜백 기한 경과"
    install_language(qapp, "en")
    assert alert_text(ALERT) == "Approval request AR-7 expired after 24 h without an answer"
    breach = {"kind": "sla_breach", "entity_id": "C-1001", "priority": "p0",
              "code": "sla_breach", "params": {"case_id": "C-1001", "priority": "P0"}}  # fmt: skip
    assert alert_text(breach) == "SLA breached: C-1001 (P0)"  # not "SLA breach · C-1001 (P0) — …"
    install_language(qapp, "ko")
    assert alert_text(breach) == "SLA 위반: C-1001 (P0)"
    free = {"kind": "sla_breach", "entity_id": "C-7", "message": "SLA 위반: C-7"}  # no code
    assert alert_text(free) == "SLA 위반 · C-7"  # the kind in the UI language, said once
    silent = {"kind": "p0_arrival", "entity_id": "C-7", "priority": "p0"}
    assert alert_text(silent).endswith(" · C-7 (P0)")  # no message: kind and subject
    install_language(qapp, "en")
    for kind in ("checkpoint_halted", "approval_expired", "call_queue_breach", "callback_due"):
        assert kind in SEVERITY and kind_label(kind) != kind


def test_a_coded_alert_about_a_call_never_shows_the_calls_id(qapp, lang_ko) -> None:
    mood = {
        "kind": "negative_sentiment",
        "entity_id": "call-7f3e9a0c2d4b4e1f9a8bda13",
        "code": "negative_sentiment",
        "params": {"customer": "최*연", "queue": "general"},
    }
    text = alert_text(mood)
    assert text.startswith("부정 감정 감지: 최*연") and "da13" not in text and " — " not in text


def test_appeals_tile_shows_the_submission_rate(qtbot, lang_ko) -> None:
    from app.rules import ops_metrics as om
    from ui.wall.panels import TrendsPanel

    panel = TrendsPanel()
    qtbot.addWidget(panel)
    health = om.AppealsHealth(4, 25.0, om.WARNING, 30.0, om.OK, submission_rate=12.5)
    panel.set_appeals(health)
    assert panel.overturn.status.text().endswith("4건 처리 · 거부 중 이의 제기 12%")


def test_rejected_cases_from_the_store(tmp_path) -> None:
    from datetime import timedelta

    from tests.qt.data import NOW, build_store, case_wire, upsert_case
    from ui.ops_source import WallSource

    store = build_store(tmp_path / "s.sqlite3", 0)
    try:
        for i, (status, final) in enumerate(
            [("rejected", None), ("closed", "deny"), ("closed", "approve"), ("open", None)], 1
        ):
            case = case_wire(i, NOW)
            case.update(status=status, final_decision=final, version=2,
                        decided_at=(NOW - timedelta(days=2)).isoformat())  # fmt: skip
            upsert_case(store, case)
        old = case_wire(5, NOW)
        old.update(status="rejected", version=2,
                   decided_at=(NOW - timedelta(days=40)).isoformat())  # fmt: skip
        upsert_case(store, old)
        ids = WallSource(lambda: None, store).rejected_case_ids(NOW)
        assert sorted(ids) == ["C-00001", "C-00002"]
    finally:
        store.close()
