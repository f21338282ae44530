"""The sentiment pane: the customer's current mood in large type (text + colour + symbol), the
negative-trend alert with one-click "Flag supervisor" / "Escalate", and the chart.

The headline follows the customer's latest turns (the rule's trend): the alert goes once the
customer calms down (the trend back above the re-arm level). At the call's end the headline
stops: it says the call ended and names the last mood; the alert and its buttons go.

Values, trend and the alert threshold are app.rules.call_sentiment's; this pane only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import ParticipantRole, Sentiment
from app.rules import call_sentiment as rules
from ui.call.common import section_title
from widgets.palette import Roles, hex_of
from widgets.sentiment_chart import SentimentChart
from widgets.transcript_model import Turn

MOOD_COLORS = Roles(
    {s: f"sentiment.{s.value.lower()}" for s in Sentiment}, as_hex=True
)  # by the active theme
MOOD_SYMBOLS = {Sentiment.NEGATIVE: "▼", Sentiment.NEUTRAL: "●", Sentiment.POSITIVE: "▲"}


class SentimentPane(QWidget):
    sig_flag_requested = Signal(str)
    """Emitted with the flag reason ("negative_sentiment" or "escalation") on a button click."""

    sig_alert_raised = Signal(float)
    """Emitted with the customer's trend when it crosses the alert threshold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sentimentPane")
        self._customer: list[float] = []
        self._last_begin = -1
        self.ended = False
        self.alert_state = rules.AlertState()
        self.mood = QLabel(self)
        self.mood.setObjectName("moodIndicator")
        self.mood.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mood.setWordWrap(True)  # "Call ended · last mood: …" wraps at a large font
        self.mood.setMinimumHeight(self.fontMetrics().height() * 3)
        font = self.mood.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.mood.setFont(font)
        self.mood_caption = section_title(self.tr("Customer mood now"), self)
        self.alert = QFrame(self)
        self.alert.setObjectName("sentimentAlert")
        self.alert_text = QLabel(self.alert)
        self.alert_text.setWordWrap(True)
        self.flag_button = QPushButton(self.tr("Flag supervisor"), self.alert)
        self.flag_button.setObjectName("flagSupervisor")
        self.escalate_button = QPushButton(self.tr("Escalate"), self.alert)
        self.escalate_button.setObjectName("escalateCall")
        row = QHBoxLayout(self.alert)
        row.setContentsMargins(10, 6, 8, 6)
        row.addWidget(self.alert_text, 1)
        row.addWidget(self.flag_button)
        row.addWidget(self.escalate_button)
        self.alert.hide()
        self.chart = SentimentChart(rules.ALERT_THRESHOLD, self)
        self.chart.setMinimumHeight(self.fontMetrics().lineSpacing() * 11)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.mood_caption)
        layout.addWidget(self.mood)
        layout.addWidget(self.alert)
        layout.addWidget(self.chart, 1)
        self.flag_button.clicked.connect(lambda: self._on_flag_clicked("negative_sentiment"))
        self.escalate_button.clicked.connect(lambda: self._on_flag_clicked("escalation"))
        self._show_mood(None)

    # -- feeding ----------------------------------------------------------------------------------
    def reset(self) -> None:
        self.ended = False
        self._customer.clear()
        self._last_begin = -1
        self.alert_state = rules.AlertState()
        self.chart.clear_data()
        self.alert.hide()
        self._show_mood(None)

    def rebuild(self, turns: list[Turn]) -> None:
        """All final turns again (after an out-of-order insert)."""
        armed, ended = self.alert_state, self.ended
        self.reset()
        self.alert_state = armed  # an alert already raised for this call is not raised again
        self.ended = ended
        for turn in turns:
            if turn.final:
                self.add_turn(turn, alert=False)
        if self.alert_state.raised and rules.is_alarming(self._customer) and not self.ended:
            self._show_alert(rules.trend(self._customer) or 0.0)
        if self.ended:
            self._show_mood(rules.mood(self._customer))

    def add_turn(self, turn: Turn, *, alert: bool = True) -> None:
        """One final turn, in time order (the page calls ``rebuild`` otherwise)."""
        value = rules.value_of(turn.sentiment)
        x = turn.begin_ms / 60_000.0
        self._last_begin = max(self._last_begin, turn.begin_ms)
        if turn.role is ParticipantRole.AGENT:
            self.chart.append("agent", x, value)
            return
        self._customer.append(value)
        self.chart.append("customer", x, value)
        self.chart.append("trend", x, rules.trend(self._customer) or 0.0)
        if self.ended:
            return  # the headline stopped with the call
        self._show_mood(rules.mood(self._customer))
        if alert and self.alert_state.update(self._customer):
            trend = rules.trend(self._customer) or 0.0
            self._show_alert(trend)
            self.sig_alert_raised.emit(trend)
        elif not rules.is_alarming(self._customer) and self.alert_state.armed:
            self.alert.hide()  # the customer calmed down: the alert and its buttons go

    def finish(self) -> None:
        """The call ended: the headline stops on the last mood; no alert is left to act on."""
        self.ended = True
        self.alert.hide()
        self._show_mood(rules.mood(self._customer))

    def last_begin(self) -> int:
        return self._last_begin

    def customer_values(self) -> list[float]:
        return list(self._customer)

    def set_actions_allowed(self, allowed: bool, why: str = "") -> None:
        for button in (self.flag_button, self.escalate_button):
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else why)

    def mark_flagged(self, reason: str) -> None:
        if reason not in ("negative_sentiment", "escalation"):
            return
        button = self.flag_button if reason == "negative_sentiment" else self.escalate_button
        button.setEnabled(False)
        button.setText(
            self.tr("Flagged ✓") if button is self.flag_button else self.tr("Escalated ✓")
        )

    # -- showing ----------------------------------------------------------------------------------
    def mood_text(self, mood: Sentiment | None) -> str:
        if mood is None:
            if self.ended:
                return self.tr("Call ended")
            return self.tr("Waiting for the customer")
        word = {
            Sentiment.NEGATIVE: self.tr("Negative"),
            Sentiment.NEUTRAL: self.tr("Neutral"),
            Sentiment.POSITIVE: self.tr("Positive"),
        }[mood]
        if self.ended:
            return self.tr("Call ended · last mood: {mood}").format(mood=word)
        return f"{MOOD_SYMBOLS[mood]} {word}"

    def _show_mood(self, mood: Sentiment | None) -> None:
        self.mood.setText(self.mood_text(mood))
        self.mood.setProperty("mood", mood.value.lower() if mood else "none")
        self.mood.setProperty("ended", self.ended)
        live = mood in MOOD_COLORS and not self.ended
        color = MOOD_COLORS[mood] if live else hex_of("sentiment.neutral")
        self.mood.setStyleSheet(
            f"QLabel#moodIndicator {{ color: {color}; border: 2px solid {color};"
            " border-radius: 8px; padding: 6px; }"
        )
        self.mood.setAccessibleName(self.mood_text(mood))

    def _show_alert(self, trend: float) -> None:
        self.alert_text.setText(
            self.tr("⚠ The customer is turning negative (trend {trend:+.2f}).").format(trend=trend)
        )
        self.alert.show()

    def _on_flag_clicked(self, reason: str) -> None:
        self.sig_flag_requested.emit(reason)
