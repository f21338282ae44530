"""The wall reads durations without zero parts and never "0:00" (issue 24)."""

from __future__ import annotations

from widgets.ops_models import age_text


def test_oldest_wait_reads_as_a_duration(lang_ko):
    assert age_text(None) == "—" and age_text(0) == "—"  # nobody waiting, not "0:00"
    assert age_text(249) == "4분 9초"
    assert age_text(3_900) == "1시간 5분"
    assert age_text(2 * 86_400 + 3_600) == "2일 1시간"


def test_oldest_wait_in_english():
    assert age_text(3_900) == "1 h 5 min"


def test_live_calls_show_the_agent_by_name_and_the_queue_by_its_word(qapp, lang_ko):
    from widgets.ops_models import LiveCallsModel

    model = LiveCallsModel()
    model.people = {"u_agent1": "김하늘"}
    calls = [{"id": "c1", "queue": "msp_general", "agent_id": "u_agent1", "state": "connected"}]
    model.set_calls(calls, {"msp_general": "MSP 일반 문의"}, {"c1": 30.0})
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "김하늘" in cells and "agent1" not in cells and "u_agent1" not in cells
    assert "MSP 일반 문의" in cells
