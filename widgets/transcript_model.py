"""The transcript of a call as a list model of turns, fed with Contact Lens segments.

One row per turn (``Utterance`` / ``Transcript`` sharing an ``Id``), ordered by
``BeginOffsetMillis``. A partial ``Utterance`` is shown greyed until the final ``Transcript`` with
the same Id replaces it *in place* (``dataChanged`` on that row, never a reset); a new turn is
inserted with ``beginInsertRows`` (at the end in the normal case). Segments are de-duplicated by
key, so a segment delivered twice (SSE replay, backfill after a reconnect) changes nothing, and
an older partial arriving after its final is ignored. ``Categories`` become chips on the turn
their first point of interest falls in; ``PostContactSummary`` is kept as :attr:`summary`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.calls import (
    Categories,
    PostContactSummary,
    Segment,
    Transcript,
    Utterance,
    parse_segment,
)
from app.domain.enums import ParticipantRole, Sentiment

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

TURN_ROLE = Qt.ItemDataRole.UserRole + 60
"""Item data role giving the :class:`Turn` of a row."""


@dataclass(slots=True)
class Turn:
    key: str
    role: ParticipantRole
    text: str
    begin_ms: int
    end_ms: int
    final: bool = False
    sentiment: Sentiment | None = None
    issues: list[tuple[int, int]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def clock_text(ms: int) -> str:
    """``BeginOffsetMillis`` as mm:ss (h:mm:ss from the first hour on)."""
    seconds = max(0, int(ms)) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def speaker_label(role: ParticipantRole) -> str:
    if role is ParticipantRole.AGENT:
        return translate("Transcript", "Agent")
    return translate("Transcript", "Customer")


def turn_as_text(turn: Turn) -> str:
    """One line for the clipboard: ``[01:23] Customer: …``."""
    return f"[{clock_text(turn.begin_ms)}] {speaker_label(turn.role)}: {turn.text}"


class TranscriptModel(QAbstractListModel):
    """Turns of one call; feed with :meth:`apply` / :meth:`apply_many`."""

    sig_turn_finalised = Signal(int)
    """Emitted with the row of a turn whose final Transcript just arrived."""

    sig_summary_received = Signal(str)
    """Emitted with the text of a completed PostContactSummary."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._turns: list[Turn] = []
        self._sort: list[tuple[int, str]] = []  # (begin_ms, key) per row, kept sorted
        self._rows: dict[str, int] = {}
        self._categories_seen: set[str] = set()
        self.summary: str = ""
        self.segments: list[Segment] = []  # parsed finals + categories + summary, for drafting

    # -- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._turns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._turns):
            return None
        turn = self._turns[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return turn.text
        if role == TURN_ROLE:
            return turn
        if role == Qt.ItemDataRole.ToolTipRole:
            return clock_text(turn.begin_ms)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return turn_as_text(turn)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The one column's header (hidden on screen, read by screen readers): not Qt's "1"."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("Transcript", "Who said what, and when")
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- reading ---------------------------------------------------------------------------------
    def turn(self, row: int) -> Turn:
        return self._turns[row]

    def turns(self) -> list[Turn]:
        return list(self._turns)

    def row_of(self, key: str) -> int:
        return self._rows.get(key, -1)

    def customer_values(self) -> list[tuple[int, Sentiment]]:
        """(begin_ms, sentiment) of the customer's final turns, in time order."""
        return [
            (t.begin_ms, t.sentiment or Sentiment.NEUTRAL)
            for t in self._turns
            if t.final and t.role is ParticipantRole.CUSTOMER
        ]

    def find(self, needle: str) -> list[int]:
        """Rows whose text contains ``needle`` (case-insensitive), in order."""
        if not needle:
            return []
        low = needle.casefold()
        return [i for i, t in enumerate(self._turns) if low in t.text.casefold()]

    # -- feeding ---------------------------------------------------------------------------------
    def clear(self) -> None:
        self.beginResetModel()  # a different call: nothing of the old one survives
        self._turns.clear()
        self._sort.clear()
        self._rows.clear()
        self._categories_seen.clear()
        self.summary = ""
        self.segments.clear()
        self.endResetModel()

    def apply(self, wire: dict[str, Any] | Segment) -> bool:
        """Apply one segment (wire dict or parsed); True when the model changed."""
        return self.apply_many([wire]) > 0

    def apply_many(self, items: list[dict[str, Any] | Segment]) -> int:
        """Apply segments in order; new turns at the end are inserted in one batch."""
        changed = 0
        pending: list[Turn] = []  # new turns that go after every existing row
        for item in items:
            seg = parse_segment(item) if isinstance(item, dict) else item
            if isinstance(seg, Utterance | Transcript):
                result = self._apply_turn(seg, pending)
            elif isinstance(seg, Categories):
                result = self._apply_categories(seg, pending)
            elif isinstance(seg, PostContactSummary):
                result = self._apply_summary(seg)
            else:
                result = False
            changed += int(result)
        self._flush(pending)
        return changed

    def _apply_turn(self, seg: Utterance | Transcript, pending: list[Turn]) -> bool:
        final = isinstance(seg, Transcript)
        text = seg.Content if isinstance(seg, Transcript) else seg.PartialContent
        row = self._rows.get(seg.Id)
        waiting = next((t for t in pending if t.key == seg.Id), None)
        current = waiting or (self._turns[row] if row is not None else None)
        if current is not None:
            if current.final and not final:
                return False  # a late partial never replaces the final
            if current.final and current.text == text:
                return False  # the same final again
            if not final and current.text == text:
                return False
        turn = current or Turn(seg.Id, seg.ParticipantRole, text, seg.BeginOffsetMillis, 0)
        turn.text, turn.final, turn.end_ms = text, final, seg.EndOffsetMillis
        if isinstance(seg, Transcript):
            turn.sentiment = seg.Sentiment
            turn.issues = [
                (i.CharacterOffsets.BeginOffsetChar, i.CharacterOffsets.EndOffsetChar)
                for i in seg.IssuesDetected
            ]
            self.segments.append(seg)
        if current is None:
            self._insert_new(turn, pending)
        elif row is not None:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DisplayRole, TURN_ROLE])
            if final:
                self.sig_turn_finalised.emit(row)
        return True

    def _insert_new(self, turn: Turn, pending: list[Turn]) -> None:
        last = pending[-1] if pending else (self._turns[-1] if self._turns else None)
        if last is None or (last.begin_ms, last.key) <= (turn.begin_ms, turn.key):
            pending.append(turn)
            return
        self._flush(pending)  # out of order (a backfilled older turn): insert where it belongs
        pos = bisect.bisect_left(self._sort, (turn.begin_ms, turn.key))
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._turns.insert(pos, turn)
        self._sort.insert(pos, (turn.begin_ms, turn.key))
        self._reindex(pos)
        self.endInsertRows()
        if turn.final:
            self.sig_turn_finalised.emit(pos)

    def _flush(self, pending: list[Turn]) -> None:
        if not pending:
            return
        first = len(self._turns)
        self.beginInsertRows(QModelIndex(), first, first + len(pending) - 1)
        for turn in pending:
            self._rows[turn.key] = len(self._turns)
            self._turns.append(turn)
            self._sort.append((turn.begin_ms, turn.key))
        self.endInsertRows()
        for row in range(first, first + len(pending)):
            if self._turns[row].final:
                self.sig_turn_finalised.emit(row)
        pending.clear()

    def _reindex(self, start: int) -> None:
        for i in range(start, len(self._turns)):
            self._rows[self._turns[i].key] = i

    def _apply_categories(self, seg: Categories, pending: list[Turn]) -> bool:
        key = ",".join(sorted(seg.MatchedCategories))
        if not key or key in self._categories_seen:
            return False
        self._categories_seen.add(key)
        self.segments.append(seg)
        candidates = self._turns + pending  # pending turns go after every existing row
        pos = self._row_for_categories(seg, candidates)
        if pos < 0:
            return True
        turn = candidates[pos]
        turn.categories.extend(c for c in seg.MatchedCategories if c not in turn.categories)
        if pos < len(self._turns):
            idx = self.index(pos)
            self.dataChanged.emit(idx, idx, [TURN_ROLE])
        return True

    @staticmethod
    def _row_for_categories(seg: Categories, turns: list[Turn]) -> int:
        """The turn the first point of interest falls in, else the latest final turn."""
        points = [p for d in seg.MatchedDetails.values() for p in d.PointsOfInterest]
        if points and turns:
            at = min(p.BeginOffsetMillis for p in points)
            for i in range(len(turns) - 1, -1, -1):
                t = turns[i]
                if t.begin_ms <= at <= max(t.end_ms, t.begin_ms):
                    return i
        for i in range(len(turns) - 1, -1, -1):
            if turns[i].final:
                return i
        return len(turns) - 1

    def _apply_summary(self, seg: PostContactSummary) -> bool:
        if seg.Status != "COMPLETED" or seg.Content == self.summary:
            return False
        self.summary = seg.Content
        self.segments.append(seg)
        self.sig_summary_received.emit(seg.Content)
        return True
