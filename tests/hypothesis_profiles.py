"""Hypothesis profiles for the suite (loaded by ``tests/conftest.py`` before any test imports).

- ``ci`` (the default, also on a developer's machine): derandomised, so every run of the suite
  draws the same examples and a red CI is reproducible on any machine with the same code.
- ``explore``: random draws, many more examples, falsifying blobs printed. Run it by hand or from
  a scheduled job: ``HYPOTHESIS_PROFILE=explore .venv/bin/pytest tests/unit``. A failure it finds is
  pinned as an ``@example`` in the test before the code is fixed, so ``ci`` keeps checking it.

Tests that set their own example count call :func:`budget` so ``explore`` scales them too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXPLORE_FACTOR = 25

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, max_examples=200, print_blob=True
)
settings.register_profile(
    "explore",
    derandomize=False,
    database=None,
    deadline=None,
    max_examples=200 * EXPLORE_FACTOR,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def budget(examples: int) -> int:
    """``examples`` under ``ci``; :data:`EXPLORE_FACTOR` times as many when exploring."""
    return examples * EXPLORE_FACTOR if PROFILE == "explore" else examples
