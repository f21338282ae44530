from __future__ import annotations

from app.store.masking import mask_identifier


def test_keeps_last_four_digits() -> None:
    assert mask_identifier("110-123-456789") == "••••••••••6789"
    assert mask_identifier("1234567890") == "••••••7890"


def test_short_or_empty_values_are_fully_masked() -> None:
    assert mask_identifier("1234") == "••••"
    assert mask_identifier("") == ""
    assert mask_identifier(None) == ""


def test_digits_after_letters() -> None:
    assert mask_identifier("AC-99-1-2345") == "••••••••2345"
