"""The new alert kinds (API.md "Live events") render in both languages from code + params."""

from __future__ import annotations

from ui.look import install_language
from ui.wall.alert_strip import SEVERITY, alert_text, kind_label

ALERT = {
    "kind": "approval_expired",
    "entity_id": "AR-7",
    "code": "approval_expired",
    "params": {"request_id": "AR-7", "hours": 24},
    "message": "승인 요청 AR-7이(가) 24시간 동안 응답이 없어 만료되었습니다",
}


def test_new_kinds_in_english_and_korean(qapp, lang_ko) -> None:
    assert alert_text(ALERT).startswith("승인 요청 만료 · AR-7 — 승인 요청 AR-7")
    assert kind_label("callback_due") == "콜백 기한 경과"
    install_language(qapp, "en")
    assert alert_text(ALERT) == (
        "Approval expired · AR-7 — Approval request AR-7 expired after 24 h without an answer"
    )
    for kind in ("checkpoint_halted", "approval_expired", "call_queue_breach", "callback_due"):
        assert kind in SEVERITY and kind_label(kind) != kind
