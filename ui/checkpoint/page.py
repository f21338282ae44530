"""The checkpoint page (seed 001). A Scheduled Checkpoint is laid out as the seed's presentation
protocol: observation window, signal summary table, top-3 patterns with evidence and impact,
improvement proposals with confidence, then the feedback choices. An Event Checkpoint is a
prominent alert (signal, CRITICAL, evidence, detected time) with the four immediate choices and a
countdown to the 48 h halt-and-escalate. Feedback is saved offline through the outbox."""

from __future__ import annotations

import functools
import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain.checkpoints import Checkpoint
from app.domain.enums import CheckpointMode, CheckpointStatus, EntityKind
from app.domain.people import User
from app.rules import checkpoints as rules
from app.rules.errors import RuleError, ValidationFailed
from app.services.decision_actions import checkpoint_feedback
from app.store.lookups import get_checkpoint, get_user
from app.store.models import CheckpointRow
from app.store.store import Store
from app.text.labels import label, label_of, person_name, queue_label
from ui.checkpoint.feedback_form import FeedbackForm
from ui.checkpoint.feedback_words import feedback_lines
from ui.checkpoint.models import SignalsModel
from ui.runner import OperationRunner
from widgets.clock import Clock
from widgets.countdown import CountdownLabel
from widgets.formatting import local_time, zone_label
from widgets.palette import css_color, css_size, hex_of, size_of
from widgets.table_view import make_table


def alert_style() -> str:
    """The event alert's frame, in the active theme's alert colours."""
    return (
        f"QFrame#eventAlert {{ background: {hex_of('alert.background')}; "
        f"border: 2px solid {hex_of('alert.border')}; border-radius: 6px; }}"
    )


def first_open(store: Store) -> str | None:
    """The open checkpoint to answer first: events before scheduled, then oldest due."""
    with store.session() as s:
        stmt = (
            select(CheckpointRow.id)
            .where(CheckpointRow.status == CheckpointStatus.OPEN.value)
            .order_by(CheckpointRow.mode, CheckpointRow.due_at, CheckpointRow.id)
            .limit(1)
        )
        return s.execute(stmt).scalar_one_or_none()


class CheckpointPage(QWidget):
    sig_action_saved = Signal(int)
    """Emitted with the outbox id after feedback was saved."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        actor: User,
        lang: str,
        runner: OperationRunner,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("checkpointPage")
        self.store, self.clock, self.actor, self.lang = store, clock, actor, lang
        self.checkpoint: Checkpoint | None = None
        self.form: FeedbackForm | None = None
        self.countdown: CountdownLabel | None = None
        self.halt_note: QLabel | None = None
        self.signals = SignalsModel(self)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setAccessibleName(self.tr("Checkpoint form"))
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

    # -- loading --------------------------------------------------------------------------------
    def show_entity(self, checkpoint_id: str | None) -> None:
        checkpoint_id = checkpoint_id or first_open(self.store)
        with self.store.session() as s:
            self.checkpoint = get_checkpoint(s, checkpoint_id) if checkpoint_id else None
        self._build()

    def reload(self) -> None:
        self.show_entity(self.checkpoint.id if self.checkpoint else None)

    def on_sync_finished(self, _at=None) -> None:
        if self.checkpoint is None:
            self.reload()

    def on_entities_changed(self, changed: dict) -> None:
        ids = set(changed.get(EntityKind.CHECKPOINT.value, ()))
        if self.checkpoint is None or self.checkpoint.id in ids:
            self.reload()

    def _build(self) -> None:
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 10, 16, 16)
        cp = self.checkpoint
        self.form = None
        self.halt_note = None
        self.countdown = CountdownLabel(
            self.clock,
            content,
            warn_within=rules.EVENT_TIMEOUT / 4,
            point_size=size_of("countdown"),
        )
        self.countdown.sig_deadline_reached.connect(self._on_deadline_reached)
        self.countdown.hide()
        if cp is None:
            title = QLabel(self.tr("No open checkpoint."), content)
            title.setObjectName("emptyState")
            column.addWidget(title)
            self.countdown.set_deadline(None)
            self._scroll.setWidget(content)
            return
        event = cp.mode is CheckpointMode.EVENT
        title = QLabel(
            self.tr("Event checkpoint {id}") if event else self.tr("Scheduled checkpoint {id}"),
            content,
        )
        title.setText(title.text().format(id=cp.id))
        title.setObjectName("pageTitle")
        column.addWidget(title)
        state = self.tr("Status: {status} · cadence {cadence} · answered by {who}").format(
            status=label(cp.status, self.lang),
            cadence=label_of("cadence", cp.cadence, self.lang),
            who=self._person(cp.answered_by),
        )
        column.addWidget(QLabel(state, content))
        row = QHBoxLayout()
        left = QVBoxLayout()
        if event:
            left.addWidget(self._alert(cp, content))
            left.addWidget(self._patterns(cp, content))
        else:
            left.addWidget(self._summary(cp, content))
        left.addStretch(1)
        row.addLayout(left, 5)
        if cp.status is CheckpointStatus.OPEN:
            self.form = FeedbackForm(cp, self.lang, content)
            self.form.sig_feedback_submitted.connect(self._on_feedback_submitted)
            row.addWidget(self.form, 4)
        else:
            words = "".join(f"<br>• {html.escape(line)}" for line in feedback_lines(cp.feedback))
            done = QLabel(
                self.tr("<b>Feedback saved</b>") + words,
                content,
            )
            done.setObjectName("checkpointFeedback")
            done.setWordWrap(True)
            row.addWidget(done, 4)
        column.addLayout(row, 1)
        self.countdown.set_deadline(
            rules.event_deadline(cp) if event and cp.status is CheckpointStatus.OPEN else None
        )
        self._scroll.setWidget(content)

    def _summary(self, cp: Checkpoint, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QLabel(
            self.tr("<h3>Observation summary (OW: {start} ~ {end})</h3>").format(
                start=local_time(cp.window.start), end=local_time(cp.window.end)
            ),
            box,
        )
        layout.addWidget(head)
        layout.addWidget(QLabel(self.tr("<b>Signal summary</b>"), box))
        self.signals.set_signals(cp.signals)
        # every column as wide as its header and values (the table scrolls sideways if need be)
        table = make_table(box, self.signals, name="signalsTable", row_pad=None, stretch=None)
        rows = max(len(cp.signals), 1)  # every row shown, at any font size (issue 22)
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + table.verticalHeader().defaultSectionSize() * rows
            + table.horizontalScrollBar().sizeHint().height()  # room for it when shown
            + 2 * table.frameWidth()
            + 2
        )
        layout.addWidget(table)
        layout.addWidget(self._patterns(cp, box))
        return box

    def _patterns(self, cp: Checkpoint, parent: QWidget) -> QLabel:
        patterns = "".join(
            self.tr("<li><b>{name}</b><br>Evidence: {evidence}<br>Impact: {impact}</li>").format(
                name=html.escape(p.name),
                evidence=html.escape(p.evidence),
                impact=html.escape(p.impact),
            )
            for p in cp.patterns[:3]
        )
        label = QLabel(self.tr("<b>Top-3 patterns</b>") + f"<ol>{patterns}</ol>", parent)
        label.setWordWrap(True)
        return label

    def _alert(self, cp: Checkpoint, parent: QWidget) -> QWidget:
        frame = QFrame(parent)
        frame.setObjectName("eventAlert")
        frame.setStyleSheet(alert_style())
        layout = QVBoxLayout(frame)
        critical = [s for s in cp.signals if s.severity.value == "critical"] or cp.signals
        head = QLabel(self.tr("⚠ ALERT: Critical anomaly detected"), frame)
        head.setStyleSheet(f"{css_size('heading')} font-weight: bold; {css_color('alert.text')}")
        layout.addWidget(head)
        for s in critical:
            detected = s.detected_at or cp.created_at or cp.window.end
            text = self.tr(
                "<b>Signal</b>: {type} in {nodes}<br><b>Severity</b>: {severity}<br>"
                "<b>Evidence</b>: {evidence}<br><b>Detected</b>: {at} ({zone})"
            ).format(
                type=html.escape(label_of("signal_type", s.type, self.lang)),
                nodes=html.escape(", ".join(queue_label(n, self.lang) for n in s.affected_nodes)),
                severity=html.escape(label_of("Severity", s.severity, self.lang)),
                evidence=html.escape(s.evidence),
                at=local_time(detected),
                zone=zone_label(detected),
            )
            label = QLabel(text, frame)
            label.setWordWrap(True)
            label.setStyleSheet(css_size("subheading"))
            layout.addWidget(label)
        self.countdown.setParent(frame)
        self.countdown.show()
        layout.addWidget(self.countdown)
        self.halt_note = QLabel(
            self.tr("Unanswered 48 h after detection: {action}.").format(
                action=label_of("checkpoint_outcome", rules.HALT_AND_ESCALATE, self.lang)
            ),
            frame,
        )
        self.halt_note.setWordWrap(True)
        layout.addWidget(self.halt_note)
        if cp.workflow_paused:
            layout.addWidget(QLabel(self.tr("The workflow is paused."), frame))
        return frame

    def _person(self, user_id: str | None) -> str:
        if not user_id:
            return "—"
        with self.store.session() as s:
            user = get_user(s, user_id)
        names = {user_id: user.display_name} if user else {}
        return person_name(user_id, names, self.lang)

    # -- handlers -------------------------------------------------------------------------------
    def _on_deadline_reached(self) -> None:
        now = self.clock.now()
        if self.halt_note and self.checkpoint and rules.overdue_action(self.checkpoint, now):
            self.halt_note.setText(
                self.tr("Overdue: {action} — halted and escalated to audit.").format(
                    action=label_of("checkpoint_outcome", "unanswered_48h", self.lang)
                )
            )

    def _on_feedback_submitted(self, feedback: dict, choice: str) -> None:
        assert self.checkpoint is not None and self.form is not None
        work = functools.partial(
            checkpoint_feedback,
            self.store,
            self.actor,
            self.checkpoint.id,
            feedback,
            self.clock.now(),
            choice=choice or None,
        )
        op = self.runner.op(work).success(self._on_saved).failure(self._on_refused)
        op.run("checkpoint.feedback")

    def _on_saved(self, result) -> None:
        self.sig_action_saved.emit(result.outbox_id)
        self.reload()

    def _on_refused(self, exc: Exception) -> None:
        if self.form is None:
            return
        if isinstance(exc, ValidationFailed):
            self.form.show_errors(exc.messages(self.lang))
        else:
            text = exc.text(self.lang) if isinstance(exc, RuleError) else str(exc)
            self.form.show_errors({"": text})
