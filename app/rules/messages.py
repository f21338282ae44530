"""Labels the rules put into their ko/en messages: actions, roles and KRW amounts."""

from __future__ import annotations

from app.domain.enums import Action, Role
from app.text.formats import money
from app.text.labels import label_of


def action_label(action: Action | str, lang: str = "ko") -> str:
    """The ko/en name of an action (the raw value if unknown)."""
    return label_of("Action", action, lang)


def role_label(role: Role | str, lang: str = "ko") -> str:
    """The ko/en name of a role (the raw value if unknown)."""
    return label_of("Role", role, lang)


def format_krw_ko(amount: int) -> str:
    """Korean reading of a KRW amount: 150_000_000 → "1억 5,000만원" (``app.text.formats``)."""
    return money(amount, "ko")


def format_krw_en(amount: int) -> str:
    """100_000_000 → "₩100,000,000"."""
    return money(amount, "en")
