"""One decision option (seed 002 DecisionOption) as a card: type, name, description, actions,
cost and benefit in KRW, risk, implementation time, prerequisites, trade-offs and the five
scores; the recommended option is marked with the reason; the card shows its rank under the
current what-if weights. Three of these sit side by side on the decision page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import DecisionOption
from app.text.formats import quantity
from app.text.labels import label as word
from app.text.labels import label_of
from widgets import palette
from widgets.formatting import format_krw, language
from widgets.palette import Roles

translate = QCoreApplication.translate

SCORE_LABELS = {
    "impact": lambda: translate("OptionCard", "Impact"),
    "feasibility": lambda: translate("OptionCard", "Feasibility"),
    "risk": lambda: translate("OptionCard", "Risk"),
    "cost": lambda: translate("OptionCard", "Cost"),
    "time": lambda: translate("OptionCard", "Time"),
}
TYPE_COLOURS = Roles(
    {k: f"option.{k.lower()}" for k in ("CONSERVATIVE", "BALANCED", "AGGRESSIVE")}, as_hex=True
)
STYLE = """
QFrame#optionCard {{ background: {surface}; border: 1px solid {border}; border-radius: 6px; }}
QFrame#optionCard[recommended="true"] {{ border: 2px solid {recommended}; }}
QFrame#optionCard[selected="true"] {{ background: {selected}; }}
QLabel#optionName {{ font-size: {card_title:g}pt; font-weight: bold; }}
QLabel#optionMuted {{ color: {muted}; }}
QLabel#optionRecommended {{ background: {badge_bg}; color: {badge}; padding: 3px 6px;
    border-radius: 3px; }}
QProgressBar {{ border: 1px solid {border}; border-radius: 3px; background: {track};
    max-height: 10px; }}
QProgressBar::chunk {{ background: {chunk}; }}
"""


def card_style() -> str:
    """The card's style sheet in the active theme's colours."""
    h = palette.hex_of
    return STYLE.format(
        surface=h("surface"), border=h("border"), recommended=h("accent.blue"),
        selected=h("surface.selected"), muted=h("muted"), badge_bg=h("badge.background"),
        badge=h("badge.text"), track=h("track"), chunk=h("accent.sky"),
        card_title=palette.size_of("card_title"),
    )  # fmt: skip


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items) or "—"


class OptionCard(QFrame):
    """A card for one option; click to select it for the approval form."""

    sig_option_selected = Signal(str)
    """Emitted with the option id when the user clicks the card."""

    def __init__(
        self,
        option: DecisionOption,
        *,
        recommended: bool = False,
        reason: str = "",
        korean_units: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.option = option
        self.setObjectName("optionCard")
        self.setProperty("recommended", recommended)
        self.setProperty("selected", False)
        self.setStyleSheet(card_style())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        kind = option.option_type.value
        self.type_label = QLabel(f"● {label_of('OptionType', kind, language())}", self)
        self.type_label.setStyleSheet(f"color: {TYPE_COLOURS[kind]}; font-weight: bold;")
        self.rank_label = QLabel(self)
        self.rank_label.setObjectName("optionMuted")
        self.rank_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        name = QLabel(f"{option.option_id} · {option.name}", self)
        name.setObjectName("optionName")
        name.setWordWrap(True)
        self.recommended_label = QLabel(self)
        self.recommended_label.setObjectName("optionRecommended")
        self.recommended_label.setWordWrap(True)
        self.recommended_label.setVisible(recommended)
        if recommended:
            self.recommended_label.setText(
                translate("OptionCard", "★ Recommended: {reason}").format(reason=reason)
            )
        description = QLabel(option.description, self)
        description.setWordWrap(True)
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(2)
        k = korean_units
        benefit = format_krw(option.estimated_benefit, korean_units=k)
        rows = [
            (translate("OptionCard", "Cost"), format_krw(option.estimated_cost, korean_units=k)),
            (translate("OptionCard", "Benefit"), benefit),
            (translate("OptionCard", "Risk"), word(option.risk_level, language())),
            (translate("OptionCard", "Time to implement"),
             quantity(option.implementation_time, "ko" if k else "en")),
        ]  # fmt: skip
        for r, (label, value) in enumerate(rows):
            key = QLabel(label, self)
            key.setObjectName("optionMuted")
            val = QLabel(value, self)
            val.setStyleSheet("font-weight: bold;")
            facts.addWidget(key, r // 2, (r % 2) * 2)
            facts.addWidget(val, r // 2, (r % 2) * 2 + 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(5)
        head = QGridLayout()
        head.addWidget(self.type_label, 0, 0)
        head.addWidget(self.rank_label, 0, 1)
        layout.addLayout(head)
        layout.addWidget(name)
        layout.addWidget(self.recommended_label)
        layout.addWidget(description)
        layout.addLayout(facts)
        for title, items in (
            (translate("OptionCard", "Actions"), option.actions),
            (translate("OptionCard", "Prerequisites"), option.prerequisites),
            (translate("OptionCard", "Trade-offs"), option.trade_offs),
        ):
            label = QLabel(f"<b>{title}</b><br>{bullet_list(items).replace(chr(10), '<br>')}")
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self._scores(option.scores))
        layout.addStretch(1)

    def _scores(self, scores: dict[str, float]) -> QGridLayout:
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.score_bars: dict[str, QProgressBar] = {}
        for r, key in enumerate(("impact", "feasibility", "risk", "cost", "time")):
            value = float(scores.get(key, 0.0))
            value = value * 100 if value <= 1.0 else value
            label = QLabel(SCORE_LABELS[key](), self)
            label.setObjectName("optionMuted")
            bar = QProgressBar(self)
            bar.setRange(0, 100)
            bar.setValue(round(value))
            bar.setTextVisible(False)
            bar.setAccessibleName(f"{SCORE_LABELS[key]()} {value:.0f}")
            number = QLabel(f"{value:.0f}", self)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, r, 0)
            grid.addWidget(bar, r, 1)
            grid.addWidget(number, r, 2)
            self.score_bars[key] = bar
        grid.setColumnStretch(1, 1)
        return grid

    # -- state ----------------------------------------------------------------------------------
    def set_rank(self, rank: int, score: float) -> None:
        """Rank (1 = best) and weighted impact score under the current weights."""
        self.rank = rank
        self.rank_label.setText(
            translate("OptionCard", "#{rank} · score {score:.1f}").format(rank=rank, score=score)
        )

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_option_selected.emit(self.option.option_id)
        super().mousePressEvent(event)
