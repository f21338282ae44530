"""The ops desk tests use the wall's real-server fixtures."""

from tests.qt.wall.conftest import api_for, demo, live_clock  # noqa: F401
