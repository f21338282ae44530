"""The SC / EC lettered choice of a checkpoint answer (seed 001 forms), which the seed's feedback
JSON has no field for: it travels beside the JSON (the ``choice`` query parameter of
``POST /v1/checkpoints/{id}/feedback``, docs/API-EXTENSIONS.md) and must belong to the form of
the checkpoint's mode — SC a/b/c, EC a/b/c/d."""

from __future__ import annotations

from app.domain.enums import CheckpointMode
from app.rules.checkpoints import EC_CHOICES, SC_CHOICES, CheckpointChoice
from app.rules.errors import FieldError, ValidationFailed
from app.text.labels import choice_words, label

CHOICES_OF = {CheckpointMode.SCHEDULED: SC_CHOICES, CheckpointMode.EVENT: EC_CHOICES}


def choice_error(value: str | None, mode: CheckpointMode) -> FieldError | None:
    """Why ``value`` is not a choice of a ``mode`` checkpoint (None: fine, or no choice)."""
    if value is None or value == "":
        return None
    allowed = CHOICES_OF[CheckpointMode(mode)]
    if value in {c.value for c in allowed}:
        return None
    ko_names, en_names = choice_words([c.value for c in allowed], "CheckpointChoice")
    kind = CheckpointMode(mode)
    return FieldError(
        "invalid_choice",
        f"{label(kind, 'ko')} 체크포인트의 선택지는 {ko_names} 중 하나입니다.",
        f"{label(kind, 'en')} checkpoints take one of: {en_names}",
    )


def parse_choice(value: str | None, mode: CheckpointMode) -> CheckpointChoice | None:
    """The choice as an enum; raises ValidationFailed (field ``choice``) when it does not fit."""
    error = choice_error(value, mode)
    if error is not None:
        raise ValidationFailed({"choice": error})
    return CheckpointChoice(value) if value else None


def feedback_path(checkpoint_id: str, choice: CheckpointChoice | None) -> str:
    """The request path of a checkpoint answer, with the choice as its query parameter."""
    path = f"/v1/checkpoints/{checkpoint_id}/feedback"
    return f"{path}?choice={choice.value}" if choice else path
