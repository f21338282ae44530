"""The wall reads durations without zero parts and never "0:00" (issue 24)."""

from __future__ import annotations

from ui.wall.models import age_text


def test_oldest_wait_reads_as_a_duration(lang_ko):
    assert age_text(None) == "—" and age_text(0) == "—"  # nobody waiting, not "0:00"
    assert age_text(249) == "4분 9초"
    assert age_text(3_900) == "1시간 5분"
    assert age_text(2 * 86_400 + 3_600) == "2일 1시간"


def test_oldest_wait_in_english():
    assert age_text(3_900) == "1 h 5 min"
