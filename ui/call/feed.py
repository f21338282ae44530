"""Moves a call's segments into the transcript model.

The sync engine stores every ``call.segment`` event (de-duplicated) on its writer, then the
bridge emits ``sig_call_segments_received(call_id, [segment])`` with the segment itself; the
feed applies that payload to the model (``on_segments_received``), which de-duplicates — no
store re-read, no timer. The store is read only when a call opens and after a backfill or the
call's end (``poll()``: what changed since the last read — new rows by ``seq``, replaced
partials by ``received_at``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.enums import ParticipantRole
from ui.call.source import CallSource
from widgets.transcript_model import TranscriptModel, Turn


class CallFeed(QObject):
    sig_segments_applied = Signal(int)
    """Emitted with the number of segments that changed the transcript in one read."""

    def __init__(self, source: CallSource, model: TranscriptModel, parent: QObject | None = None):
        super().__init__(parent)
        self._source = source
        self.model = model
        self.call_id: str | None = None
        self._seq = 0
        self._received: datetime | None = None

    def open(self, call_id: str | None) -> None:
        """Show ``call_id`` (None: nothing); reads everything stored for it at once."""
        self.call_id = call_id
        self._seq, self._received = 0, None
        self.model.clear()
        if call_id:
            self.poll()

    def on_segments_received(self, call_id: str, segments: list[dict[str, Any]]) -> int:
        """The bridge's ``sig_call_segments_received``: apply the segments of the call shown."""
        if not call_id or call_id != self.call_id or not segments:
            return 0
        changed = self.model.apply_many(list(segments))
        if changed:
            self.sig_segments_applied.emit(changed)
        return changed

    def poll(self) -> int:
        if not self.call_id:
            return 0
        batch = self._source.segments_since(self.call_id, self._seq, self._received)
        self._seq, self._received = batch.last_seq, batch.last_received
        if not batch.wires:
            return 0
        changed = self.model.apply_many(batch.wires)
        if changed:
            self.sig_segments_applied.emit(changed)
        return changed


def latest_customer_query(
    turns: list[Turn], count: int = 2, issue_turns: int = 6
) -> tuple[str, str]:
    """(search text, trigger shown) from the latest customer turns.

    The issues detected in the last ``issue_turns`` customer turns (newest first) lead the
    query, then the words of the last ``count`` turns; the trigger shown is the newest issue
    (else the newest turn).
    """
    finals = [t for t in turns if t.final and t.role is ParticipantRole.CUSTOMER]
    if not finals:
        return "", ""
    issues = [t.text[b:e] for t in reversed(finals[-issue_turns:]) for b, e in t.issues if e > b]
    recent = finals[-count:]
    trigger = issues[0] if issues else recent[-1].text
    query = " ".join(issues + [t.text for t in recent])
    return query, trigger
