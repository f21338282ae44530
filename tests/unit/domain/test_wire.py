from __future__ import annotations

from datetime import UTC, datetime

from app.domain.calls import Transcript, Utterance, parse_segment, segment_to_wire
from app.domain.cases import Application, Case, Customer, SlaInfo
from app.domain.enums import CaseStatus, ParticipantRole, Priority, Sentiment
from app.domain.wire import format_time, from_wire, parse_time, to_wire


def test_time_round_trip_is_utc_with_z() -> None:
    t = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    assert format_time(t) == "2026-11-21T09:30:00Z"
    assert parse_time("2026-11-21T18:30:00+09:00") == t


def test_case_round_trips_through_the_wire() -> None:
    now = datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    case = Case(
        id="case_vip_001",
        decision_id="dec-1",
        priority=Priority.P0,
        status=CaseStatus.OPEN,
        queue_id="credit_review",
        customer=Customer(customer_id="c1", name="김민수", account_id="110-123-456789"),
        application=Application(amount=500_000_000, credit_score=850),
        sla=SlaInfo(policy="p0", started_at=now, due_at=now),
    )
    wire = to_wire(case)
    assert wire["priority"] == "p0"
    assert wire["sla"]["due_at"] == "2026-11-21T00:00:00Z"
    back = from_wire(Case, wire | {"unknown_future_field": 1})
    assert back == case


def test_segments_keep_the_contact_lens_shape() -> None:
    wire = {
        "Transcript": {
            "Id": "s1",
            "ParticipantId": "CUSTOMER",
            "ParticipantRole": "CUSTOMER",
            "Content": "한도를 올리고 싶어요\u2028감사합니다",
            "BeginOffsetMillis": 0,
            "EndOffsetMillis": 1200,
            "Sentiment": "NEGATIVE",
            "IssuesDetected": [{"CharacterOffsets": {"BeginOffsetChar": 0, "EndOffsetChar": 3}}],
        }
    }
    seg = parse_segment(wire)
    assert isinstance(seg, Transcript)
    assert seg.Sentiment is Sentiment.NEGATIVE
    assert seg.IssuesDetected[0].CharacterOffsets.EndOffsetChar == 3
    assert segment_to_wire(seg) == wire
    partial = parse_segment(
        {
            "Utterance": {
                "Id": "s1",
                "TranscriptId": "s1",
                "ParticipantId": "AGENT",
                "ParticipantRole": "AGENT",
                "PartialContent": "네 고객님",
                "BeginOffsetMillis": 0,
                "EndOffsetMillis": 400,
            }
        }
    )
    assert isinstance(partial, Utterance) and partial.ParticipantRole is ParticipantRole.AGENT


def test_segment_with_two_keys_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        parse_segment({"Transcript": {}, "Utterance": {}})
