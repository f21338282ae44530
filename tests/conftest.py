"""Suite-wide setup: offscreen Qt, an isolated keyring file backend, and no stray network."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keyring: the OS keychain cannot run here; use keyring's own plaintext file backend from
# keyrings.alt (the one mock the developers' guide allows), in a per-run directory.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
