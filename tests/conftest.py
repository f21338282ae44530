"""Suite-wide setup: offscreen Qt, an isolated keyring file backend, and no stray network."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every test process gets its own home for settings and files: QSettings (XDG_CONFIG_HOME) and
# the keyring file (XDG_DATA_HOME) never leak between runs, between tests of two processes running
# side by side (pytest-xdist), or into the developer's own settings.
_HOME = tempfile.mkdtemp(prefix="rws-test-home-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _var, _sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
    os.environ[_var] = os.path.join(_HOME, _sub)
    os.makedirs(os.environ[_var], exist_ok=True)
# argon2 at its cheapest (server/passwords.py): every demo user is hashed per seeded server and
# verified per sign-in, hundreds of times in the suite; the parameters live in each hash.
os.environ.setdefault("REVIEWER_ARGON2_PROFILE", "CHEAPEST")
# keyring: the OS keychain cannot run here; use keyring's own plaintext file backend from
# keyrings.alt (the one mock the developers' guide allows), in that per-process directory.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

# Hypothesis: derandomised by default (profile "ci"), HYPOTHESIS_PROFILE=explore for long random
# runs; loaded here so it is in force before any test module builds its @settings.
from tests import hypothesis_profiles  # noqa: E402


def pytest_report_header(config: object) -> str:
    return f"hypothesis profile: {hypothesis_profiles.PROFILE}"
