"""The wall's settings file entries: the supervisor's thresholds (``app.rules.wallboard``) and
the breach sound's mute, under ``wall/`` in the workstation's QSettings:

    [wall]
    thresholds\\service_level_target=80
    thresholds\\service_level_margin=10
    thresholds\\wait_warning_s=60
    thresholds\\wait_critical_s=180
    thresholds\\abandon_warning=5
    thresholds\\abandon_critical=10
    sound_muted=false

A value that is not a number, or thresholds that cannot work together (``Thresholds.problems``),
are logged and the defaults used; the file is left as it was (nothing typed is lost).
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace

from PySide6.QtCore import QSettings

from app.rules.wallboard import DEFAULT_THRESHOLDS, Thresholds

log = logging.getLogger(__name__)
PREFIX = "wall/thresholds/"
MUTE_KEY = "wall/sound_muted"
FIELDS = tuple(f.name for f in fields(Thresholds))


def load_thresholds(settings: QSettings) -> Thresholds:
    values: dict[str, float] = {}
    for name in FIELDS:
        raw = settings.value(PREFIX + name)
        if raw is None or raw == "":
            continue
        try:
            values[name] = float(raw)
        except (TypeError, ValueError):
            log.warning("wall threshold %s=%r is not a number; using the defaults", name, raw)
            return DEFAULT_THRESHOLDS
    chosen = replace(DEFAULT_THRESHOLDS, **values)
    problems = chosen.problems()
    if problems:
        log.warning("wall thresholds %s cannot be used (%s); using the defaults", values, problems)
        return DEFAULT_THRESHOLDS
    return chosen


def save_thresholds(settings: QSettings, thresholds: Thresholds) -> None:
    """ValueError (naming the fields) for thresholds that cannot work; nothing is written."""
    problems = thresholds.problems()
    if problems:
        raise ValueError(problems)
    for name in FIELDS:
        settings.setValue(PREFIX + name, getattr(thresholds, name))
    settings.sync()


def load_muted(settings: QSettings) -> bool:
    return str(settings.value(MUTE_KEY, "false")).lower() in ("true", "1", "yes")


def save_muted(settings: QSettings, muted: bool) -> None:
    settings.setValue(MUTE_KEY, "true" if muted else "false")
    settings.sync()
