"""The ChatOps page tests use the wall's real demo server fixtures."""

from tests.qt.wall.conftest import api_for, demo  # noqa: F401
