"""Labels the rules put into their ko/en messages: actions, roles and KRW amounts."""

from __future__ import annotations

from app.domain.enums import Action, Role
from app.text.labels import label_of


def action_label(action: Action | str, lang: str = "ko") -> str:
    """The ko/en name of an action (the raw value if unknown)."""
    return label_of("Action", action, lang)


def role_label(role: Role | str, lang: str = "ko") -> str:
    """The ko/en name of a role (the raw value if unknown)."""
    return label_of("Role", role, lang)


def format_krw_ko(amount: int) -> str:
    """Korean reading of a KRW amount: 100_000_000 → "1억원", 150_000_000 → "1억 5,000만원",
    30_000_000 → "3,000만원", 12_345 → "12,345원"."""
    sign = "-" if amount < 0 else ""
    amount = abs(int(amount))
    eok, rest = divmod(amount, 100_000_000)
    man, won = divmod(rest, 10_000)
    if won or not (eok or man):
        return f"{sign}{amount:,}원"
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    return sign + " ".join(parts) + "원"


def format_krw_en(amount: int) -> str:
    """100_000_000 → "100,000,000 KRW"."""
    return f"{int(amount):,} KRW"
