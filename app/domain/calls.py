"""Contact-center calls and transcript segments.

Segments follow Amazon Connect Contact Lens real-time analysis for voice field for field
(shared/API.md), so the dataclass fields keep the wire's PascalCase names: a real Contact Lens
feed maps onto them without loss. A segment on the wire is an object with exactly one key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.enums import (
    CallFlow,
    CallState,
    ParticipantRole,
    RelevanceLevel,
    Sentiment,
    TriggerSource,
)
from app.domain.wire import from_wire, to_wire


@dataclass(slots=True)
class CharacterOffsets:
    BeginOffsetChar: int
    EndOffsetChar: int


@dataclass(slots=True)
class IssueDetected:
    CharacterOffsets: CharacterOffsets


@dataclass(slots=True)
class Redaction:
    """Contact Lens ``Redaction``: where the ``[PII]`` tags of the redacted text are."""

    CharacterOffsets: list[CharacterOffsets] = field(default_factory=list)


@dataclass(slots=True)
class Utterance:
    """A partial; replaced by the final Transcript with the same Id."""

    Id: str
    TranscriptId: str
    ParticipantId: str
    ParticipantRole: ParticipantRole
    PartialContent: str
    BeginOffsetMillis: int
    EndOffsetMillis: int
    Redaction: Redaction = field(default_factory=Redaction)


@dataclass(slots=True)
class Transcript:
    Id: str
    ParticipantId: str
    ParticipantRole: ParticipantRole
    Content: str
    BeginOffsetMillis: int
    EndOffsetMillis: int
    Sentiment: Sentiment = Sentiment.NEUTRAL
    IssuesDetected: list[IssueDetected] = field(default_factory=list)
    Redaction: Redaction = field(default_factory=Redaction)


@dataclass(slots=True)
class PointOfInterest:
    BeginOffsetMillis: int
    EndOffsetMillis: int


@dataclass(slots=True)
class CategoryDetail:
    PointsOfInterest: list[PointOfInterest] = field(default_factory=list)


@dataclass(slots=True)
class Categories:
    MatchedCategories: list[str] = field(default_factory=list)
    MatchedDetails: dict[str, CategoryDetail] = field(default_factory=dict)


@dataclass(slots=True)
class PostContactSummary:
    Content: str
    Status: str = "COMPLETED"  # COMPLETED | FAILED
    FailureCode: str | None = None


Segment = Utterance | Transcript | Categories | PostContactSummary

SEGMENT_TYPES: dict[str, type] = {
    "Utterance": Utterance,
    "Transcript": Transcript,
    "Categories": Categories,
    "PostContactSummary": PostContactSummary,
}


def parse_segment(data: dict[str, Any]) -> Segment:
    """Parse one wire segment; exactly one known key is required."""
    if not isinstance(data, dict) or len(data) != 1:
        raise ValueError("a segment is an object with exactly one key")
    ((key, body),) = data.items()
    cls = SEGMENT_TYPES.get(key)
    if cls is None:
        raise ValueError(f"unknown segment type {key!r}")
    return from_wire(cls, body)


def segment_to_wire(segment: Segment) -> dict[str, Any]:
    body = to_wire(segment)
    if isinstance(segment, PostContactSummary) and segment.FailureCode is None:
        body.pop("FailureCode")
    if isinstance(segment, Utterance | Transcript) and not segment.Redaction.CharacterOffsets:
        body.pop("Redaction")  # optional in Contact Lens: only a redacted text carries it
    return {type(segment).__name__: body}


def segment_key(segment: Segment) -> str:
    """The id a segment is de-duplicated by within its call (partials share the final's Id)."""
    if isinstance(segment, Utterance | Transcript):
        return segment.Id
    if isinstance(segment, Categories):
        return "categories:" + ",".join(sorted(segment.MatchedCategories))
    return "summary"


@dataclass(slots=True)
class CallCustomer:
    name: str = ""
    tier: str = "unregistered"  # msp | general | unregistered
    account_id: str = ""
    phone: str = ""
    customer_id: str | None = None


@dataclass(slots=True)
class Call:
    id: str
    queue: str
    flow: CallFlow
    state: CallState
    customer: CallCustomer = field(default_factory=CallCustomer)
    agent_id: str | None = None
    started_at: datetime | None = None
    connected_at: datetime | None = None
    ended_at: datetime | None = None
    acw_at: datetime | None = None  # when wrap-up (after-call work) began
    script_id: str = ""
    summary: str = ""
    disposition: str = ""
    follow_up: str = ""
    callback_at: datetime | None = None
    case_id: str | None = None
    current_sentiment: Sentiment | None = None
    version: int = 1
    updated_at: datetime | None = None


@dataclass(slots=True)
class RecommendationTrigger:
    source: TriggerSource
    segment_id: str | None = None
    text: str = ""


@dataclass(slots=True)
class Recommendation:
    """Amazon Q in Connect recommendation fields, snake_case."""

    recommendation_id: str
    article_id: str
    title: str
    excerpt: str
    relevance_level: RelevanceLevel
    relevance_score: float
    trigger: RecommendationTrigger
