"""What-if weights: seven sliders, one per seed 002 metric, normalised to 100 % and reset to the
seed's defaults; the page re-ranks the options live through app.rules.options."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from app.rules.options import METRIC_WEIGHTS, normalise_weights
from app.text.labels import label_of
from widgets.formatting import language


class WeightsPanel(QWidget):
    sig_weights_changed = Signal(object)
    """Emitted with {metric: weight} (normalised, sum 1) whenever a slider moves or on reset."""

    def __init__(self, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sliders: dict[str, QSlider] = {}
        self._shares: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        for row, key in enumerate(METRIC_WEIGHTS):
            word = label_of("MetricType", key, language())  # never the METRIC token
            label = QLabel(names.get(key, word) if language() == "ko" else word, self)
            label.setToolTip(names.get(key, word))
            slider = QSlider(Qt.Orientation.Horizontal, self)
            slider.setRange(0, 100)
            slider.setAccessibleName(self.tr("Weight of {metric}").format(metric=word))
            share = QLabel(self)
            share.setMinimumWidth(share.fontMetrics().averageCharWidth() * 8)
            share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(share, row, 2)
            self.sliders[key] = slider
            self._shares[key] = share
            slider.valueChanged.connect(self._on_slider_moved)
        grid.setColumnStretch(1, 1)
        self.reset_button = QPushButton(self.tr("Reset to the seed's weights"), self)
        self.reset_button.clicked.connect(self.reset)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("rankingNote")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.reset()

    def weights(self) -> dict[str, float]:
        raw = {k: float(s.value()) for k, s in self.sliders.items()}
        if not any(raw.values()):
            return normalise_weights(METRIC_WEIGHTS)
        return normalise_weights(raw)

    def set_raw(self, raw: dict[str, float]) -> None:
        """Set slider positions (0-100) in one go and emit once."""
        for key, slider in self.sliders.items():
            slider.blockSignals(True)
            slider.setValue(round(raw.get(key, 0.0)))
            slider.blockSignals(False)
        self._on_slider_moved()

    def reset(self) -> None:
        self.set_raw({k: v * 100 for k, v in METRIC_WEIGHTS.items()})

    def _on_slider_moved(self, _value: int = 0) -> None:
        weights = self.weights()
        for key, share in self._shares.items():
            share.setText(f"{weights[key] * 100:.0f}%")
        self.sig_weights_changed.emit(weights)
