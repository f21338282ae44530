"""Accessibility settings of the workstation (issue 22), kept with its other settings.

``announce_transcript``: have screen readers speak each new final line of a live call's
transcript. Off by default: most agents hear the call itself and would hear it twice.
"""

from __future__ import annotations

from ui.time_zone import workstation_settings

ANNOUNCE_TRANSCRIPT = "accessibility/announce_transcript"


def announce_transcript() -> bool:
    return workstation_settings().value(ANNOUNCE_TRANSCRIPT, False, type=bool)


def set_announce_transcript(on: bool) -> None:
    settings = workstation_settings()
    settings.setValue(ANNOUNCE_TRANSCRIPT, bool(on))
    settings.sync()
