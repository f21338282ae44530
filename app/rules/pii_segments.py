"""Transcript redaction of Contact Lens segments: :func:`app.rules.pii_redaction.redact` applied
to a segment's text, its ``Redaction`` and ``IssuesDetected`` offsets moved to the new text.

Apart from the text rule so that what needs only the text rule (the log filter every process
installs at start, ``app.text.log_redaction``) does not load the call domain with it."""

from __future__ import annotations

from dataclasses import replace

from app.domain.calls import (
    CharacterOffsets,
    IssueDetected,
    PostContactSummary,
    Redaction,
    Segment,
    Transcript,
    Utterance,
    parse_segment,
    segment_to_wire,
)
from app.rules.pii_redaction import Redacted, redact, remap_offsets


def _offsets(spans: list[Redacted]) -> list[CharacterOffsets]:
    return [CharacterOffsets(s.begin, s.end) for s in spans]


def _merged(text: str, old: Redaction, spans: list[Redacted], partial: bool) -> Redaction:
    """Earlier redactions of ``text`` moved to the new text, plus the new ones."""
    moved = [
        CharacterOffsets(*remap_offsets(text, o.BeginOffsetChar, o.EndOffsetChar, partial=partial))
        for o in old.CharacterOffsets
    ]
    both = {(o.BeginOffsetChar, o.EndOffsetChar): o for o in [*moved, *_offsets(spans)]}
    return Redaction([both[k] for k in sorted(both)])


def redact_segment(segment: Segment) -> Segment:
    """The segment with identifiers in its text replaced by ``[PII]``: ``Redaction`` offsets
    set (Transcript and the partial Utterance), ``IssuesDetected`` offsets moved to the
    redacted text; a PostContactSummary's content redacted too. Idempotent."""
    if isinstance(segment, Utterance):
        text, spans = redact(segment.PartialContent, partial=True)
        if not spans:
            return segment
        red = _merged(segment.PartialContent, segment.Redaction, spans, True)
        return replace(segment, PartialContent=text, Redaction=red)
    if isinstance(segment, Transcript):
        original = segment.Content
        text, spans = redact(original)
        if not spans:
            return segment
        issues = [
            IssueDetected(
                CharacterOffsets(
                    *remap_offsets(
                        original,
                        i.CharacterOffsets.BeginOffsetChar,
                        i.CharacterOffsets.EndOffsetChar,
                    )
                )
            )
            for i in segment.IssuesDetected
        ]
        red = _merged(original, segment.Redaction, spans, False)
        return replace(segment, Content=text, IssuesDetected=issues, Redaction=red)
    if isinstance(segment, PostContactSummary):
        text, spans = redact(segment.Content)
        return replace(segment, Content=text) if spans else segment
    return segment


def redact_wire_segment(wire: dict) -> dict:
    """:func:`redact_segment` on a segment in its wire shape (``{"Transcript": {...}}``)."""
    return segment_to_wire(redact_segment(parse_segment(wire)))
