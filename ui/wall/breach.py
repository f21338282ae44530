"""Flash and sound on breach (issue 17, next to Genesys-style wallboards).

:class:`BreachWatch` is given the bands of the watched cells — (queue id, metric) → level — after
every snapshot and every tick of the clock (waits run between polls). A cell that turns critical
(``app.rules.wallboard.new_breaches``) is a new breach: it flashes for ``flash_s`` (the palette's
flash wash, blinking every ``blink_ms``), the chime plays once, and the wall announces it
assertively (``widgets.a11y.announce``). A breach that stays is not repeated; one that clears and
comes back is new again. The cells present at the first look are a starting state, not news:
a wall switched on during a bad hour does not ring for every cell.

:class:`Chime` plays ``resources/sounds/breach.wav`` with QSoundEffect when Qt Multimedia is
installed (PySide6-Addons), else ``QApplication.beep()``; muted by the setting, it stays silent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.rules import wallboard as wb
from widgets.a11y import announce

try:  # Qt Multimedia ships in PySide6-Addons, which the workstation does not require
    from PySide6.QtMultimedia import QSoundEffect
except ImportError:  # pragma: no cover - depends on the installed wheels
    QSoundEffect = None

SOUND = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "breach.wav"
FLASH_S = 12.0
BLINK_MS = 500

Cell = tuple[str, str]


class Chime(QObject):
    sig_played = Signal()
    """Emitted each time the chime sounds (not when muted)."""

    def __init__(self, muted: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = muted
        self.plays = 0
        self._effect = None
        if QSoundEffect is not None and SOUND.exists():
            self._effect = QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(SOUND)))

    def play(self) -> None:
        if self.muted:
            return
        if self._effect is not None:
            self._effect.play()
        else:
            QApplication.beep()
        self.plays += 1
        self.sig_played.emit()


class BreachWatch(QObject):
    sig_new_breaches = Signal(object)
    """Emitted with the set of (queue id, metric) cells that just breached."""

    sig_flash_changed = Signal()
    """Emitted when the flashing cells or the blink phase change (repaint them)."""

    def __init__(
        self,
        page: QWidget,
        chime: Chime,
        describe: Callable[[Cell], str],
        *,
        flash_s: float = FLASH_S,
        blink_ms: int = BLINK_MS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(page)
        self.page, self.chime, self.describe = page, chime, describe
        self.flash_s = flash_s
        self._mono = monotonic
        self._critical: set[Cell] | None = None  # None: nothing looked at yet
        self._until: dict[Cell, float] = {}
        self.phase = False
        self._blink = QTimer(self)
        self._blink.setInterval(blink_ms)
        self._blink.timeout.connect(self._on_blink)

    def update(self, levels: Mapping[Cell, str]) -> set[Cell]:
        """Look at the bands now; flash, sound and announce the new breaches (returned)."""
        now_critical = wb.breached(levels)
        if self._critical is None:
            self._critical = now_critical
            return set()
        fresh = wb.new_breaches(self._critical, levels)
        self._critical = now_critical
        for cell in list(self._until):
            if cell not in now_critical:
                del self._until[cell]  # cleared: stop flashing at once
        if not fresh:
            return fresh
        until = self._mono() + self.flash_s
        for cell in fresh:
            self._until[cell] = until
        self.chime.play()
        words = "; ".join(self.describe(cell) for cell in sorted(fresh))
        announce(self.page, words, assertive=True)
        if not self._blink.isActive():
            self.phase = True
            self._blink.start()
        self.sig_flash_changed.emit()
        self.sig_new_breaches.emit(fresh)
        return fresh

    def flashing(self) -> set[Cell]:
        """The cells flashing now (a breach younger than ``flash_s``)."""
        now = self._mono()
        return {cell for cell, until in self._until.items() if until > now}

    def _on_blink(self) -> None:
        if not self.flashing():
            self._until.clear()
            self._blink.stop()
            self.phase = False
        else:
            self.phase = not self.phase
        self.sig_flash_changed.emit()

    def stop(self) -> None:
        self._blink.stop()
