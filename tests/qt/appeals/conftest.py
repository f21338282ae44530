"""Shares the seeded-store fixtures of tests/qt/case."""

from tests.qt.case.conftest import (  # noqa: F401
    make_context,
    seeded,
)
