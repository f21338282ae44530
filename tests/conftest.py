"""Suite-wide setup: offscreen Qt, an isolated keyring file backend, and no stray network."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keyring: the OS keychain cannot run here; use keyring's own plaintext file backend from
# keyrings.alt (the one mock the developers' guide allows), in a per-run directory.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

# Hypothesis: derandomised by default (profile "ci"), HYPOTHESIS_PROFILE=explore for long random
# runs; loaded here so it is in force before any test module builds its @settings.
from tests import hypothesis_profiles


def pytest_report_header(config: object) -> str:
    return f"hypothesis profile: {hypothesis_profiles.PROFILE}"
