"""The agent's state choice in the call page's header (Amazon Connect's status menu): Available,
Break or Offline, reached with the keyboard (Alt+S, then the arrow keys or F4 / Space and
Enter). The choice goes to the server, which decides (``POST /v1/agents/me/state``; the rule is
``app.rules.agent_state.check_choice``); during a call or an open wrap-up the menu is greyed out
with the reason, since On call and After-call work are the system's.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.rules.agent_state import CHOOSABLE, AgentState
from app.text.labels import label_of
from widgets.formatting import language


class AgentStateChooser(QWidget):
    sig_state_chosen = Signal(str)
    """Emitted with the state value (``available`` | ``break`` | ``offline``) the agent chose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentStateChooser")
        self.combo = QComboBox(self)
        self.combo.setObjectName("agentStateCombo")
        self.combo.setAccessibleName(self.tr("Choose your state"))
        for state in CHOOSABLE:
            self.combo.addItem(label_of("AgentState", state.value, language()), state.value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.caption = QLabel(self.tr("&State"), self)
        self.caption.setBuddy(self.combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.caption)
        row.addWidget(self.combo)
        self.chosen = AgentState.AVAILABLE
        self.combo.activated.connect(self._on_activated)

    def set_chosen(self, state: AgentState) -> None:
        """Show ``state`` as the current choice (the server's answer or the synced user)."""
        self.chosen = state
        i = self.combo.findData(state.value)
        if i >= 0 and i != self.combo.currentIndex():
            self.combo.setCurrentIndex(i)

    def set_allowed(self, allowed: bool, why: str = "") -> None:
        if not allowed and self.combo.hasFocus():
            self.combo.clearFocus()  # Qt would hand the focus on, into the after-call form
        self.combo.setEnabled(allowed)
        self.combo.setToolTip("" if allowed else why)
        self.caption.setEnabled(allowed)

    def _on_activated(self, index: int) -> None:
        value = self.combo.itemData(index)
        if value and value != self.chosen.value:
            self.sig_state_chosen.emit(value)
