"""The workstation's forms for the commands: which fields an action's form has (name, kind,
required, choices — read from the command's input model), tidying what a person typed
(``normalise``) and the field messages in Korean and English (``validate``). Replaces the
hand-written app/rules/action_input.py: the bounds now live only in the command's model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from app.commands import COMMANDS
from app.commands.base import CommandInput
from app.commands.fields import LABELS, MAX_ITEMS, MAX_TEXT
from app.commands.parse import choices, errors_of, field_kind
from app.domain.enums import Action
from app.rules.errors import FieldError, ValidationFailed

FIELD_LABELS = LABELS
__all__ = ["FIELD_LABELS", "MAX_ITEMS", "MAX_TEXT", "Field", "fields_of", "normalise", "validate"]


@dataclass(frozen=True, slots=True)
class Field:
    """One form field: ``kind`` is text | int | rate | list | date | choice | bool | eta."""

    name: str
    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()


def model_of(action: Action | str) -> type[CommandInput] | None:
    """The input model of a command, by its name ("appeal_resolve") or its action."""
    cmd = COMMANDS.get(str(action.value if isinstance(action, Action) else action))
    if cmd is None:
        cmd = next((c for c in COMMANDS.values() if c.action.value == str(action)), None)
    return cmd.input if cmd is not None else None


def fields_of(action: Action | str) -> tuple[Field, ...]:
    """The form of ``action`` (empty when no command of this stage has one)."""
    model = model_of(action)
    if model is None:
        return ()
    out = []
    for attr, info in model.model_fields.items():
        name = info.alias or attr
        kind = field_kind(model, name)
        out.append(
            Field(
                name,
                "text" if kind == "id" else kind,
                info.is_required(),
                choices(model, name),
            )
        )
    return tuple(out)


FORMS: dict[Action, tuple[Field, ...]] = {
    cmd.action: fields_of(name) for name, cmd in COMMANDS.items() if fields_of(name)
}


def validate(
    action: Action | str, payload: Mapping[str, Any], today: date
) -> dict[str, FieldError]:
    """Field errors of ``payload`` for ``action`` (empty dict = valid), including the rules
    that need today's date (e.g. a deadline 1-30 days ahead) for the fields that are valid."""
    model = model_of(action)
    if model is None:
        return {}
    try:
        parsed = model.model_validate(dict(payload))
    except ValidationError as exc:
        errors = errors_of(model, exc)
        partial = model.model_construct(
            **{k: v for k, v in payload.items() if k not in errors and k in model.model_fields}
        )
        try:
            later = partial.check_at(today)
        except (AttributeError, TypeError, ValueError):
            later = {}
        return {**{k: v for k, v in later.items() if k not in errors}, **errors}
    return parsed.check_at(today)


# --- normalisation -------------------------------------------------------------------------

_TRUE = {"true", "1", "yes", "y", "on", "예"}
_FALSE = {"false", "0", "no", "n", "off", "아니오"}


def _norm_list(value: Any) -> Any:
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, list | tuple):
        out: list[Any] = []
        for item in value:
            item = item.strip() if isinstance(item, str) else item
            if item == "" or item in out:
                continue  # drop blanks (a trailing comma) and repeats
            out.append(item)
        return out
    return value


def _norm_int(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        if re.fullmatch(r"\d+", text):
            return int(text)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _norm_rate(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        try:
            number = float(text)
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    return value


def _norm_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _norm_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


_NORM = {
    "list": _norm_list,
    "int": _norm_int,
    "rate": _norm_rate,
    "date": _norm_date,
    "bool": _norm_bool,
}


def _norm(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.kind in _NORM:
        return _NORM[field.kind](value)
    if isinstance(value, str):
        value = value.strip()
        if field.kind == "choice":
            value = value.lower()
        if value == "" and not field.required:
            return None
    return value


def normalise(action: Action | str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """Tidy user input: strip text, split comma lists, parse ISO dates, "4.5" → 4.5,
    "30,000,000" → 30000000, "P0" → "p0". Values that cannot be read unambiguously are left as
    they are for ``validate`` to report; unknown fields pass through untouched; blank optional
    fields are dropped."""
    form = {f.name: f for f in fields_of(action)}
    out: dict[str, Any] = {}
    for name, value in payload.items():
        field = form.get(name)
        if field is None:
            out[name] = value.strip() if isinstance(value, str) else value
            continue
        tidy = _norm(field, value)
        if tidy is not None:
            out[name] = tidy
    return out


def require_valid(action: Action | str, payload: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The normalised payload, with optional lists defaulted to []; raises ValidationFailed."""
    clean = normalise(action, payload)
    errors = validate(action, clean, today)
    if errors:
        raise ValidationFailed(errors)
    for field in fields_of(action):
        if field.kind == "list" and field.name not in clean:
            clean[field.name] = []
    return clean
