"""Call segments: de-duplicated by (call, segment id); a final replaces its partial."""

from __future__ import annotations

from datetime import timedelta

from app.domain.calls import Transcript, Utterance, segment_to_wire
from app.domain.enums import ParticipantRole, Sentiment
from app.store.segments import call_segments, store_segment
from app.store.store import Store
from tests.unit.store.builders import T0


def _partial(seg_id: str, text: str) -> dict:
    return segment_to_wire(Utterance(seg_id, seg_id, "c1", ParticipantRole.CUSTOMER, text, 0, 900))


def _final(seg_id: str, text: str, begin: int = 0) -> dict:
    return segment_to_wire(
        Transcript(
            seg_id, "c1", ParticipantRole.CUSTOMER, text, begin, begin + 1000, Sentiment.NEGATIVE
        )
    )


def test_final_replaces_partial_in_place_and_duplicates_are_ignored(store: Store) -> None:
    with store.transaction() as s:
        assert store_segment(s, "call_1", _partial("s1", "대출 한도"), T0) is not None
        assert store_segment(s, "call_1", _final("s0", "안녕하세요", 0), T0) is not None
        assert store_segment(s, "call_1", _final("s1", "대출 한도를 올리고 싶어요"), T0)
        assert store_segment(s, "call_1", _final("s1", "대출 한도를 올리고 싶어요"), T0) is None
        # a late partial never overwrites the final
        assert store_segment(s, "call_1", _partial("s1", "대출"), T0 + timedelta(seconds=1)) is None
    with store.session() as s:
        rows = call_segments(s, "call_1")
        assert [(r.segment_key, r.kind, r.seq) for r in rows] == [
            ("s1", "Transcript", 1),
            ("s0", "Transcript", 2),
        ]
        assert rows[0].data["Transcript"]["Content"] == "대출 한도를 올리고 싶어요"
        assert rows[0].role == "CUSTOMER"
        assert [r.segment_key for r in call_segments(s, "call_1", after_seq=1)] == ["s0"]
        assert call_segments(s, "call_2") == []
