"""Input parsing with the workstation's messages: a pydantic ValidationError becomes
``ValidationFailed`` whose FieldErrors say, in Korean and English, which field is wrong and why
(the same codes the case page's forms have always shown: required, invalid_type, too_long,
too_many, empty_item, out_of_range, invalid_choice, unknown_field)."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from app.commands.base import CommandInput
from app.commands.fields import LABELS, MAX_ITEMS, MAX_TEXT, MONEY_MAX, RATE_RANGE
from app.rules.errors import FieldError, ValidationFailed
from app.text.labels import choice_words as words_of

_TYPES: dict[str, tuple[str, str]] = {
    "text": ("문자열", "text"),
    "id": ("문자열", "text"),
    "int": ("정수(원)", "a whole number of KRW"),
    "rate": ("숫자(%)", "a number (percent)"),
    "list": ("문자열 목록", "a list of text"),
    "date": ("날짜(YYYY-MM-DD)", "a date (YYYY-MM-DD)"),
    "bool": ("참/거짓", "true or false"),
    "eta": ('"+2h" 같은 상대 시간 또는 시간대가 있는 시각', 'like "+2h" or a zoned time'),
    "choice": ("선택 항목", "one of the choices"),
    "time": ("시간대가 있는 시각", "a time with its zone"),
    "score": ("숫자(점)", "a number (points)"),
}


def label(name: str) -> tuple[str, str]:
    return LABELS.get(name, (name, name))


def model_field(model: type[CommandInput], name: str) -> Any:
    """The pydantic FieldInfo of ``name`` (its wire name: ``from`` finds ``from_``)."""
    for attr, info in model.model_fields.items():
        if name in (attr, info.alias):
            return info
    return None


def _kind_in(meta: Any) -> str | None:
    extra = getattr(meta, "json_schema_extra", None)
    if isinstance(extra, dict) and "x-kind" in extra:
        return str(extra["x-kind"])
    for inner in getattr(meta, "__metadata__", ()):
        found = _kind_in(inner)
        if found:
            return found
    for arg in typing.get_args(meta) if not isinstance(meta, type) else ():
        found = _kind_in(arg)
        if found:
            return found
    return None


def field_kind(model: type[CommandInput], name: str) -> str:
    """text | int | rate | list | date | choice | bool | eta | id (``x-kind`` of the field)."""
    info = model_field(model, name)
    if info is None:
        return "text"
    found = _kind_in(info)
    for meta in () if found else info.metadata:
        found = found or _kind_in(meta)
    return found or _kind_in(info.annotation) or "text"


def _choice_enum(model: type[CommandInput], name: str) -> type | None:
    info = model_field(model, name)
    ann = getattr(info, "annotation", None)
    for arg in (ann, *getattr(ann, "__args__", ())):
        if isinstance(arg, type) and hasattr(arg, "__members__"):
            return arg
    return None


def choices(model: type[CommandInput], name: str) -> tuple[str, ...]:
    """The wire values a choice field takes (its enum's values)."""
    enum = _choice_enum(model, name)
    return () if enum is None else tuple(m.value for m in enum)  # type: ignore[attr-defined]


def choice_words(model: type[CommandInput], name: str) -> tuple[str, str]:
    """The choices a person reads in an invalid_choice message, as their words
    (``app/text/labels.py``) in Korean and English: "선임 검토자, 운영 관리자"."""
    enum = _choice_enum(model, name)
    return words_of(choices(model, name), enum.__name__ if enum is not None else None)


def _range(kind: str) -> tuple[str, str]:
    if kind == "rate":
        lo, hi = RATE_RANGE
        return (
            f"{lo:g}% 초과 {hi:g}% 미만이어야 합니다.",
            f"must be above {lo:g}% and below {hi:g}%",
        )
    if kind == "score":
        return "점수는 0-20 사이입니다.", "a score is between 0 and 20"
    if kind == "int":
        return (
            f"0보다 커야 하고 {MONEY_MAX:,}원 이하여야 합니다.",
            f"must be greater than 0 and at most {MONEY_MAX:,} KRW",
        )
    return "허용 범위를 벗어났습니다.", "out of range"


def _nested(model: type[CommandInput], name: str) -> type[CommandInput] | None:
    info = model_field(model, name)
    ann = getattr(info, "annotation", None)
    return ann if isinstance(ann, type) and issubclass(ann, CommandInput) else None


def _item_model(model: type[CommandInput], name: str) -> type[CommandInput] | None:
    info = model_field(model, name)
    for arg in typing.get_args(getattr(info, "annotation", None)):
        if isinstance(arg, type) and issubclass(arg, CommandInput):
            return arg
    return None


def field_error(model: type[CommandInput], err: Mapping[str, Any]) -> tuple[str, FieldError]:
    """The field name and message of one pydantic error."""
    raw = list(err.get("loc", ()))
    loc = [str(p) for p in raw]
    name = loc[0] if loc else "body"
    if len(raw) > 1 and isinstance(raw[1], str):  # a field of a nested object: "scores.procedure"
        sub = _nested(model, name)
        if sub is not None:
            inner, problem = field_error(sub, {**err, "loc": tuple(raw[1:])})
            return f"{name}.{inner}", problem
    if len(raw) > 1 and isinstance(raw[1], int):
        sub = _item_model(model, name)
        if sub is not None and len(raw) > 2:  # a field of a list item: "proposal_decisions[0].id"
            inner, problem = field_error(sub, {**err, "loc": tuple(raw[2:])})
            return f"{name}[{raw[1]}].{inner}", problem
        if sub is not None or getattr(model, "ITEM_PATHS", False):  # the item: "signals[0]"
            _, problem = field_error(model, {**err, "loc": (raw[0], "")})
            return f"{name}[{raw[1]}]", problem
    item = len(loc) > 1
    typ = str(err.get("type", ""))
    ko_l, en_l = getattr(model, "LABELS", {}).get(name) or label(name)
    kind = field_kind(model, name)

    def fe(code: str, ko: str, en: str) -> tuple[str, FieldError]:
        return name, FieldError(code, f"{ko_l}: {ko}", f"{en_l}: {en}")

    if typ == "extra_forbidden":
        return name, FieldError(
            "unknown_field",
            f"{name}: 이 조치에서 사용하지 않는 항목입니다.",
            f"{name}: not a field of this action",
        )
    if typ in ("missing", "required"):
        return fe("required", "필수 입력입니다.", "required")
    if typ == "empty_item" or (item and typ == "required"):
        return fe("empty_item", "빈 항목이 있습니다.", "an item is empty")
    if typ == "too_short" and kind == "list":
        return fe("required", "최소 1개 이상 입력하세요.", "enter at least one")
    if typ == "too_long" and kind == "list":
        most = int((err.get("ctx") or {}).get("max_length", MAX_ITEMS))
        return fe("too_many", f"최대 {most}개까지 입력할 수 있습니다.", f"at most {most} items")
    if typ == "string_too_long":
        if item:
            return fe("too_long", "항목이 너무 깁니다.", "an item is too long")
        limit = int((err.get("ctx") or {}).get("max_length", MAX_TEXT))
        got = err.get("input")
        n = len(got) if isinstance(got, str) else 0
        return fe(
            "too_long",
            f"{limit:,}자 이하로 입력하세요 (현재 {n:,}자).",
            f"at most {limit} characters (got {n})",
        )
    if typ in ("string_too_short", "string_pattern_mismatch"):
        return fe("invalid_value", "올바른 값을 입력하세요.", "not a valid value")
    if typ in ("enum", "literal_error"):
        ko_options, en_options = choice_words(model, name)
        return fe(
            "invalid_choice",
            f"다음 중 하나여야 합니다: {ko_options}.",
            f"must be one of {en_options}",
        )
    if typ in ("greater_than", "greater_than_equal", "less_than", "less_than_equal") or (
        typ == "finite_number" and kind == "score"
    ):
        ko, en = _range(kind)
        return fe("out_of_range", ko, en)
    if typ == "finite_number":
        return fe("out_of_range", "유한한 숫자여야 합니다.", "must be a finite number")
    if typ == "unknown_code":
        codes = (err.get("ctx") or {}).get("codes", "")
        return fe(
            "unknown_code",
            f"목록에 없는 코드입니다: {codes}",
            f"not in the catalogue: {codes}",
        )
    if typ == "out_of_range":
        ctx = err.get("ctx") or {}
        lo, hi = ctx.get("lo", ""), ctx.get("hi", "")
        return fe("out_of_range", f"{lo}~{hi} 사이여야 합니다.", f"must be between {lo} and {hi}")
    ko_k, en_k = _TYPES.get(kind, _TYPES["text"])
    if item:
        ko_k, en_k = _TYPES["list"]
    return fe("invalid_type", f"{ko_k} 형식이어야 합니다.", f"must be {en_k}")


def errors_of(model: type[CommandInput], exc: ValidationError) -> dict[str, FieldError]:
    out: dict[str, FieldError] = {}
    for err in exc.errors():
        name, problem = field_error(model, err)
        out.setdefault(name, problem)
    return out


def parse(model: type[CommandInput], data: Mapping[str, Any] | CommandInput) -> Any:
    """``data`` as ``model``; raises ValidationFailed with every field's message."""
    if isinstance(data, model):
        return data
    if not isinstance(data, Mapping):
        raise ValidationFailed({"body": FieldError("invalid_type", "형식 오류", "not an object")})
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise ValidationFailed(errors_of(model, exc)) from None
