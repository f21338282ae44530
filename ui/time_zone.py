"""The display time zone, read in one place: ``--tz`` for one run, else the ``display/time_zone``
setting (QSettings), else Asia/Seoul. Everything a user reads as a time goes through
``widgets.formatting`` (``local_time``, ``zone_label``), which this sets; the business rules keep
their own zone (``app.rules.zone.KST``).
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSettings

from app.rules.zone import DEFAULT_DISPLAY_ZONE
from widgets.formatting import set_display_zone

log = logging.getLogger(__name__)

SETTINGS_KEY = "display/time_zone"
"""QSettings key of the user's display zone (an IANA name such as ``Asia/Seoul``)."""


def workstation_settings() -> QSettings:
    """The workstation's settings store (the one ``ui/app.py`` keeps the server URL in)."""
    return QSettings("reviewer-workstation", "workstation")


def apply_time_zone(settings: QSettings, cli_zone: str | None = None) -> ZoneInfo:
    """Set the display zone from ``cli_zone`` (already checked by the option parser) or the
    setting; a setting the zone database does not know is logged and the default used, and
    the setting is kept as it was (nothing the user typed is lost)."""
    if cli_zone:
        return set_display_zone(cli_zone)
    name = str(settings.value(SETTINGS_KEY, "") or "").strip()
    if name:
        try:
            return set_display_zone(name)
        except ValueError as exc:
            log.warning("%s; showing times in %s", exc, DEFAULT_DISPLAY_ZONE)
    return set_display_zone(DEFAULT_DISPLAY_ZONE)


def save_time_zone(settings: QSettings, name: str) -> ZoneInfo:
    """Remember ``name`` as the display zone and use it now; ValueError for an unknown zone
    (the setting is left unchanged)."""
    zone = set_display_zone(name)
    settings.setValue(SETTINGS_KEY, zone.key)
    return zone
