"""The wall's alert banner: the most urgent open alert in large type, with how many more wait.

It stays as long as the server lists the alert as open — only a supervisor's acknowledgement at
the desk (``POST /v1/alerts/{id}/ack``) removes it; the wall itself needs no click.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.rules.alert_severity import SEVERITY, most_urgent
from app.rules.pii import shared_subject, shared_text
from ui.alert_words import alert_message, alert_time, kind_label
from ui.wall.style import wall_theme
from widgets.a11y import announce
from widgets.formatting import local_time
from widgets.kpi_tile import LEVEL_COLORS, LEVEL_SHAPES
from widgets.palette import hex_of

translate = QCoreApplication.translate


def alert_text(alert: dict[str, Any]) -> str:
    """The alert once, in the UI language, fit for a shared screen (case ids, never raw call
    ids; identifiers redacted: ``app.rules.pii.shared_subject`` / ``shared_text``). A message
    rendered from its ``code`` that names its subject says it all ("SLA breached: C-1001 (P0)")
    and is shown alone — not after "SLA breach · C-1001 (P0) — " again. A free-text server
    message (no code) that names the subject only restates it, maybe in another language: the
    kind and subject are shown. A message rendered from its ``code`` is shown alone whatever it
    names: its words say what happened and to whom ("Negative sentiment: 최*연 (General)"), where
    the subject would be a call's id. Otherwise "kind · subject (P0) — message"."""
    what = kind_label(str(alert.get("kind") or ""))
    subject = shared_subject(alert)
    prio = str(alert.get("priority") or "").upper()
    message = shared_text(alert_message(alert))
    if message and alert.get("code"):
        return message
    text = f"{what} · {subject}" + (f" ({prio})" if prio else "")
    if message and subject and subject in message:
        return text
    return f"{text} — {message}" if message else text


class AlertStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallAlertStrip")
        self.icon = QLabel(self)
        self.icon.setObjectName("wallAlertIcon")
        self.text = QLabel(self)
        self.text.setObjectName("wallAlertText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        # a long alert is cut at its own edge, never drawn under "+n more"
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.more = QLabel(self)
        self.more.setObjectName("wallAlertMore")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addSpacing(16)
        layout.addWidget(self.more)
        self._ids: list[str] = []
        self.hide()

    def alert_ids(self) -> list[str]:
        return list(self._ids)

    def set_alerts(self, alerts: list[dict[str, Any]]) -> None:
        ordered = most_urgent(alerts)
        before = set(self._ids)
        self._ids = [str(a.get("id")) for a in ordered]
        for alert in ordered:  # most urgent first; a breach interrupts (issue 22)
            if str(alert.get("id")) not in before:
                level = SEVERITY.get(str(alert.get("kind")), "warning")
                announce(self, alert_text(alert), assertive=level == "critical")
        if not ordered:
            self.hide()
            return
        top = ordered[0]
        level = SEVERITY.get(str(top.get("kind")), "warning")
        color = LEVEL_COLORS[level]
        wash = hex_of(
            "alert.background" if level == "critical" else "warning.background", wall_theme()
        )
        self.setStyleSheet(
            f"#wallAlertStrip {{ border-left: 14px solid {color}; background: {wash}; }}"
            f"#wallAlertIcon {{ color: {color}; }}"
        )
        self.icon.setText(LEVEL_SHAPES[level])
        at = alert_time(top)
        when = local_time(at, "%H:%M") if at else ""
        self.text.setText(f"{alert_text(top)}  {when}".strip())
        rest = len(ordered) - 1
        self.more.setText(translate("Alerts", "+{n} more").format(n=rest) if rest else "")
        self.setAccessibleName(self.text.text())
        self.show()
