"""Masking of customer identifiers for display (seed 004: account ID, last 4 digits only).

Form chosen: every character before the last four digits becomes ``•``, separators included,
so the length of the original stays visible but nothing else does:
``"110-123-456789"`` → ``"••••••••••6789"``. Values with fewer than 5 digits are fully masked
(showing them would show all of them).
"""

from __future__ import annotations

MASK = "•"
KEEP = 4


def mask_identifier(value: str | None) -> str:
    """Keep only the last 4 digits of ``value``; everything before them becomes ``•``."""
    if not value:
        return ""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) <= KEEP:
        return MASK * len(value)
    keep_from = digits[-KEEP]
    tail = "".join(ch for ch in value[keep_from:] if ch.isdigit())
    return MASK * keep_from + tail
