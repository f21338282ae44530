"""ChatOps cells in words: names instead of ids, alert kinds and yes / no in words, durations."""

from __future__ import annotations

from ui.chatops.words import as_text, cell

NAMES = {"queue": {"credit_review": "여신 심사"}, "user": {"u_reviewer1": "김검토"}}


def test_cells_read_as_words(qapp) -> None:
    assert cell("queue", "credit_review", NAMES) == "여신 심사"
    assert cell("skill", "credit_review", NAMES) == "여신 심사"
    assert cell("assignee", "u_reviewer1", NAMES) == "김검토"
    assert cell("queue", "unknown_queue", NAMES) == "unknown_queue"
    assert cell("kind", "sla_breach") == "SLA breach"  # the shared alert-kind words
    assert cell("leader", True) == "yes" and cell("oldest_s", None) == "—"
    assert cell("remaining_s", -90) == "1 min 30 s over" and cell("priority", "p1") == "P1"
    text = as_text("질문", "요약", ["queue", "waiting"], [["credit_review", 3]], NAMES)
    assert text.splitlines() == ["질문", "요약", "Queue\tWaiting", "여신 심사\t3"]


def test_items_of_one_row_per_item_answers_read_as_words(qapp, lang_ko) -> None:
    """Service health and audit status list their items by key; the table shows words."""
    assert cell("item", "pending") == "체인 대기"
    assert cell("item", "verified") == "검증됨" and cell("item", "subscribers") == "이벤트 구독자"
    assert cell("item", "a_key_no_one_named") == "a_key_no_one_named"  # unknown: as it is
