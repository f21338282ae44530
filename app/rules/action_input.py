"""The fields each runbook action requires ("필수 입력"), with ko/en messages.

| action          | required                                        | optional              |
|-----------------|-------------------------------------------------|-----------------------|
| approve         | limit (int > 0), rate (0 < rate < 30), note,    | conditions (list)     |
|                 | reason_codes (>= 1: "Reason Codes (승인 근거)")  |                       |
| deny            | reason_codes (>= 1), note, improvement_advice   |                       |
| request_docs    | docs (>= 1), deadline (1-30 days after today),  |                       |
|                 | note                                            |                       |
| escalate        | to (senior_reviewer / ops_admin), reason        | priority (p0-p3),     |
|                 |                                                 | recommendation,       |
|                 |                                                 | urgent (bool), note,  |
|                 |                                                 | context, impact       |
| comment         | body                                            |                       |
| close           | resolution, final_decision                      |                       |
|                 | (approve / deny / info_provided)                |                       |
| notify_customer | template                                        | eta ("+2h", "+30m",   |
|                 |                                                 | "+1d", RFC 3339 time) |
| docs_received   |                                                 | docs, note            |
| assign          | to                                              | note                  |
| reassign        | from, to                                        |                       |

Free text is at most 4000 characters (MAX_TEXT). A field the action does not know is an
``unknown_field`` error under its own name. Actions not in the table carry no form here (their
own rules modules validate them) and ``validate`` returns no errors for them.
``validate`` is strict about types; call ``normalise`` first (``require_valid`` does both).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.enums import Action, EscalationTarget, FinalDecision, Priority
from app.rules.errors import FieldError, ValidationFailed

MAX_TEXT = 4000
MAX_ITEMS = 50
DEADLINE_DAYS = (1, 30)
RATE_RANGE = (0.0, 30.0)  # exclusive
_ETA = re.compile(r"^\+\d{1,4}[mhd]$")


@dataclass(frozen=True, slots=True)
class Field:
    """One form field: ``kind`` is text | int | rate | list | date | choice | bool | eta."""

    name: str
    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()


def _f(name: str, kind: str = "text", required: bool = True, choices=()) -> Field:
    return Field(name, kind, required, tuple(choices))


FORMS: dict[Action, tuple[Field, ...]] = {
    Action.APPROVE: (
        _f("limit", "int"),
        _f("rate", "rate"),
        _f("note"),
        _f("reason_codes", "list"),
        _f("conditions", "list", required=False),
    ),
    Action.DENY: (_f("reason_codes", "list"), _f("note"), _f("improvement_advice")),
    Action.REQUEST_DOCS: (_f("docs", "list"), _f("deadline", "date"), _f("note")),
    Action.ESCALATE: (
        _f("to", "choice", choices=[t.value for t in EscalationTarget]),
        _f("reason"),
        _f("priority", "choice", required=False, choices=[p.value for p in Priority]),
        _f("recommendation", required=False),
        _f("urgent", "bool", required=False),
        _f("note", required=False),
        _f("context", required=False),
        _f("impact", required=False),
    ),
    Action.COMMENT: (_f("body"),),
    Action.CLOSE: (
        _f("resolution"),
        _f("final_decision", "choice", choices=[d.value for d in FinalDecision]),
    ),
    Action.NOTIFY_CUSTOMER: (_f("template"), _f("eta", "eta", required=False)),
    Action.DOCS_RECEIVED: (_f("docs", "list", required=False), _f("note", required=False)),
    Action.ASSIGN: (_f("to"), _f("note", required=False)),
    Action.REASSIGN: (_f("from"), _f("to")),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "limit": ("한도", "Limit"),
    "rate": ("금리", "Rate"),
    "note": ("사유/상세 설명", "Note"),
    "reason_codes": ("Reason Codes", "Reason codes"),
    "conditions": ("승인 조건", "Conditions"),
    "improvement_advice": ("개선 방안", "Improvement advice"),
    "docs": ("필요 서류", "Documents"),
    "deadline": ("제출 기한", "Deadline"),
    "to": ("대상", "Target"),
    "from": ("기존 담당자", "From"),
    "reason": ("에스컬레이션 사유", "Reason"),
    "priority": ("우선순위", "Priority"),
    "recommendation": ("권고", "Recommendation"),
    "urgent": ("긴급", "Urgent"),
    "context": ("맥락", "Context"),
    "impact": ("영향", "Impact"),
    "body": ("내용", "Body"),
    "resolution": ("처리 결과", "Resolution"),
    "final_decision": ("최종 결정", "Final decision"),
    "template": ("템플릿", "Template"),
    "eta": ("예상 시간", "ETA"),
}


def _label(name: str) -> tuple[str, str]:
    return FIELD_LABELS.get(name, (name, name))


def _err(code: str, name: str, ko: str, en: str) -> FieldError:
    lk, le = _label(name)
    return FieldError(code, ko.format(f=lk), en.format(f=le))


def _required(name: str) -> FieldError:
    return _err("required", name, "{f}: 필수 입력입니다.", "{f}: required")


def _type(name: str, ko_kind: str, en_kind: str) -> FieldError:
    return _err(
        "invalid_type", name, "{f}: " + ko_kind + " 형식이어야 합니다.", "{f}: must be " + en_kind
    )


def _check_text(name: str, value: Any, required: bool) -> FieldError | None:
    if not isinstance(value, str):
        return _type(name, "문자열", "text")
    if required and not value.strip():
        return _required(name)
    if len(value) > MAX_TEXT:
        return _err(
            "too_long",
            name,
            "{f}: " + f"{MAX_TEXT:,}자 이하로 입력하세요 (현재 {len(value):,}자).",
            "{f}: at most " + f"{MAX_TEXT} characters (got {len(value)})",
        )
    return None


def _check_list(name: str, value: Any, required: bool) -> FieldError | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return _type(name, "문자열 목록", "a list of text")
    items = [v for v in value if v.strip()]
    if len(items) != len(value):
        return _err("empty_item", name, "{f}: 빈 항목이 있습니다.", "{f}: an item is empty")
    if required and not items:
        return _err("required", name, "{f}: 최소 1개 이상 입력하세요.", "{f}: enter at least one")
    if len(items) > MAX_ITEMS:
        return _err(
            "too_many",
            name,
            "{f}: " + f"최대 {MAX_ITEMS}개까지 입력할 수 있습니다.",
            "{f}: at most " + f"{MAX_ITEMS} items",
        )
    if any(len(v) > MAX_TEXT for v in items):
        return _err("too_long", name, "{f}: 항목이 너무 깁니다.", "{f}: an item is too long")
    return None


def _check_int(name: str, value: Any) -> FieldError | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return _type(name, "정수(원)", "a whole number of KRW")
    if value <= 0:
        return _err("out_of_range", name, "{f}: 0보다 커야 합니다.", "{f}: must be greater than 0")
    return None


def _check_rate(name: str, value: Any) -> FieldError | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return _type(name, "숫자(%)", "a number (percent)")
    lo, hi = RATE_RANGE
    if not lo < value < hi:
        return _err(
            "out_of_range",
            name,
            "{f}: " + f"{lo:g}% 초과 {hi:g}% 미만이어야 합니다.",
            "{f}: must be above " + f"{lo:g}% and below {hi:g}%",
        )
    return None


def _check_date(name: str, value: Any, today: date) -> FieldError | None:
    if isinstance(value, datetime) or not isinstance(value, date):
        return _type(name, "날짜(YYYY-MM-DD)", "a date (YYYY-MM-DD)")
    lo, hi = DEADLINE_DAYS
    days = (value - today).days
    if not lo <= days <= hi:
        return _err(
            "out_of_range",
            name,
            "{f}: " + f"오늘부터 {lo}~{hi}일 이내의 날짜여야 합니다 (입력: {value.isoformat()}).",
            "{f}: must be " + f"{lo}-{hi} days after today (got {value.isoformat()})",
        )
    return None


def _check_choice(field: Field, value: Any) -> FieldError | None:
    if not isinstance(value, str) or value not in field.choices:
        options = ", ".join(field.choices)
        return _err(
            "invalid_choice",
            field.name,
            "{f}: " + f"다음 중 하나여야 합니다: {options}.",
            "{f}: must be one of " + options,
        )
    return None


def _check_eta(name: str, value: Any) -> FieldError | None:
    if isinstance(value, str) and _ETA.match(value):
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return None
    return _type(name, '"+2h" 같은 상대 시간 또는 시간대가 있는 시각', 'like "+2h" or a zoned time')


def _check(field: Field, value: Any, today: date) -> FieldError | None:
    if value is None:
        return _required(field.name) if field.required else None
    kind = field.kind
    if kind == "text":
        return _check_text(field.name, value, field.required)
    if kind == "list":
        return _check_list(field.name, value, field.required)
    if kind == "int":
        return _check_int(field.name, value)
    if kind == "rate":
        return _check_rate(field.name, value)
    if kind == "date":
        return _check_date(field.name, value, today)
    if kind == "choice":
        return _check_choice(field, value)
    if kind == "bool":
        return None if isinstance(value, bool) else _type(field.name, "참/거짓", "true or false")
    if kind == "eta":
        return _check_eta(field.name, value)
    raise AssertionError(f"unknown field kind {kind}")


def fields_of(action: Action) -> tuple[Field, ...]:
    """The form of ``action`` (empty when the action carries none here)."""
    return FORMS.get(Action(action), ())


def validate(action: Action, payload: Mapping[str, Any], today: date) -> dict[str, FieldError]:
    """Field errors of ``payload`` for ``action`` (empty dict = valid)."""
    form = fields_of(action)
    if not form:
        return {}
    errors: dict[str, FieldError] = {}
    known = {f.name for f in form}
    for name in payload:
        if name not in known:
            errors[str(name)] = FieldError(
                "unknown_field",
                f"{name}: 이 조치에서 사용하지 않는 항목입니다.",
                f"{name}: not a field of {Action(action).value}",
            )
    for field in form:
        problem = _check(field, payload.get(field.name), today)
        if problem is not None:
            errors[field.name] = problem
    return errors


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


def _norm(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.kind == "list":
        return _norm_list(value)
    if field.kind == "int":
        return _norm_int(value)
    if field.kind == "rate":
        return _norm_rate(value)
    if field.kind == "date":
        return _norm_date(value)
    if field.kind == "bool":
        return _norm_bool(value)
    if isinstance(value, str):
        value = value.strip()
        if field.kind == "choice":
            value = value.lower()
        if value == "" and not field.required:
            return None
    return value


def normalise(action: Action, payload: Mapping[str, Any]) -> dict[str, Any]:
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


def require_valid(action: Action, payload: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The normalised payload, with optional lists defaulted to []; raises ValidationFailed."""
    clean = normalise(action, payload)
    errors = validate(action, clean, today)
    if errors:
        raise ValidationFailed(errors)
    for field in fields_of(action):
        if field.kind == "list" and field.name not in clean:
            clean[field.name] = []
    return clean
