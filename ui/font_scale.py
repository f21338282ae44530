"""The user's font scale, read in one place: ``--font-scale`` for one run (``2`` or ``200%``),
else the ``display/font_scale`` setting (QSettings), else 1.0. ``ui.look.apply_font`` multiplies
the desktop's font size by it, so a user with low vision gets 200 % on any desktop."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)

SETTINGS_KEY = "display/font_scale"
"""QSettings key of the user's font scale (a factor: 1.5, 2.0)."""

MIN_SCALE, MAX_SCALE = 0.75, 3.0


def parse_scale(text: str) -> float:
    """ "2", "2.0" or "200%" → 2.0; ValueError (with the allowed range) for anything else."""
    raw = str(text).strip()
    try:
        factor = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ValueError(f"font scale must be a number such as 1.5 or 150%, got {text!r}") from None
    if not MIN_SCALE <= factor <= MAX_SCALE:
        raise ValueError(
            f"font scale must be between {MIN_SCALE:g} and {MAX_SCALE:g} "
            f"({MIN_SCALE:.0%}–{MAX_SCALE:.0%}), got {text!r}"
        )
    return factor


def font_scale(settings: QSettings, cli_scale: float | None = None) -> float:
    """``cli_scale`` (already checked by the option parser), else the setting, else 1.0; a
    setting out of range is logged and 1.0 used, and the setting kept as it was."""
    if cli_scale is not None:
        return cli_scale
    raw = settings.value(SETTINGS_KEY, "")
    if raw in (None, ""):
        return 1.0
    try:
        return parse_scale(str(raw))
    except ValueError as exc:
        log.warning("%s; using 100%%", exc)
        return 1.0


def save_font_scale(settings: QSettings, text: str) -> float:
    """Remember the scale ``text`` for the next start; ValueError when it is not one."""
    factor = parse_scale(text)
    settings.setValue(SETTINGS_KEY, factor)
    return factor
