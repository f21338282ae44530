"""A KPI tile for dashboards: a caption, a big value and a status line.

The status is never colour alone (colour-blind-safe, readable from across a room): each level has
an Okabe-Ito colour, a shape (● ok, ▲ warning, ◆ critical) and a word, and the tile's
``level`` property lets a style sheet add more. ``set_value`` only repaints what changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from widgets.palette import Roles

translate = QCoreApplication.translate

LEVEL_COLORS = Roles(
    {lv: f"level.{lv}" for lv in ("ok", "warning", "critical", "unknown")}, as_hex=True
)
"""``#rrggbb`` by level: bluish green, orange, vermillion, grey (the palette's active theme)."""
LEVEL_SHAPES = {"ok": "●", "warning": "▲", "critical": "◆", "unknown": "○"}


def level_word(level: str) -> str:
    words = {
        "ok": translate("KpiTile", "OK"),
        "warning": translate("KpiTile", "Warning"),
        "critical": translate("KpiTile", "Critical"),
        "unknown": translate("KpiTile", "No data"),
    }
    return words.get(level, words["unknown"])


def level_cue(level: str) -> str:
    """Shape and word, e.g. "▲ Warning"."""
    return f"{LEVEL_SHAPES.get(level, '○')} {level_word(level)}"


class KpiTile(QFrame):
    """``KpiTile("Service level")``; ``set_value("84 %", "warning", "target 80 %")``."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setProperty("level", "unknown")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("kpiCaption")
        self.value = QLabel("—", self)
        self.value.setObjectName("kpiValue")
        self.status = QLabel(level_cue("unknown"), self)
        self.status.setObjectName("kpiStatus")
        for label in (self.caption, self.value, self.status):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.status.setWordWrap(True)  # a long note wraps ("Critical · target 80%"), never cut
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.status)
        self._state: tuple[str, str, str] = ("—", "unknown", "")
        self._paint_level("unknown")

    def set_value(self, text: str, level: str = "unknown", note: str = "") -> None:
        state = (text, level, note)
        if state == self._state:
            return
        self._state = state
        self.value.setText(text)
        cue = level_cue(level)
        self.status.setText(f"{cue} · {note}" if note else cue)
        self.setAccessibleName(f"{self.caption.text()}: {text}, {level_word(level)}")
        self._paint_level(level)

    def level(self) -> str:
        return self._state[1]

    def _paint_level(self, level: str) -> None:
        self.setProperty("level", level)
        color = LEVEL_COLORS.get(level, LEVEL_COLORS["unknown"])
        self.status.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.setStyleSheet(f"#kpiTile {{ border: 2px solid {color}; border-radius: 6px; }}")
