"""Field types with their bounds (shared/API.md "Bounds"), used by every command's input model.

Each type is an ``Annotated`` pydantic type: the bounds appear in the OpenAPI schema
(``maxLength``, ``maxItems``, ``exclusiveMinimum``, ``maximum``…), the server refuses a value
out of bounds with 422, and the workstation's forms show the same refusal in Korean or English
(:mod:`app.commands.forms`). ``x-kind`` tells the forms which editor a field needs:
text | int | rate | list | date | choice | bool | eta | id.

| type        | accepts                                           | bounds                   |
|-------------|---------------------------------------------------|--------------------------|
| Money       | a JSON integer (no string, no bool)               | 0 < x ≤ 10^13 KRW        |
| Rate        | a finite JSON number                              | 0 < x < 30 (percent)     |
| Text        | a string, not blank                               | ≤ 4,000 characters       |
| OptText     | a string (may be blank)                           | ≤ 4,000 characters       |
| ShortText   | a string (may be blank)                           | ≤ 200 characters         |
| Template    | a string, not blank                               | ≤ 200 characters         |
| Codes       | a list of non-blank strings                       | 1..50 items, each ≤ 200  |
| OptCodes    | a list of non-blank strings                       | 0..50 items, each ≤ 200  |
| UserId      | an id string [A-Za-z0-9_.:@-]                     | 1..128 characters        |
| Day         | a date YYYY-MM-DD (not a time)                    | 2000-01-01 … 2100-12-31  |
| Flag        | a JSON boolean                                    |                          |
| Eta         | +<n>m / +<n>h / +<n>d, or an RFC 3339 time with   | n ≤ 9999; ≤ 40 chars     |
|             | its zone, within 2000 … 2100                      |                          |
| EntityId    | an id string [A-Za-z0-9_.:@-] (case, call, …)     | 1..128 characters        |
| Moment      | an RFC 3339 time with its zone (not a bare date)  | 2000-01-01 … 2100-12-31  |
| Evidence    | a list of non-blank strings (document names)      | 0..20 items, each ≤ 200  |
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

from app.rules import reason_codes

MAX_TEXT = 4000
MAX_ITEMS = 50
MAX_ITEM = 200
MAX_ID = 128
MONEY_MAX = 10**13
RATE_RANGE = (0.0, 30.0)  # both exclusive
DAY_WINDOW = (date(2000, 1, 1), date(2100, 12, 31))
_ETA = re.compile(r"^\+\d{1,4}[mhd]$")
ID_PATTERN = r"^[A-Za-z0-9_.:@-]+$"


def kind(name: str, **extra: Any) -> dict[str, Any]:
    """The ``json_schema_extra`` of a field: its form kind (and extras such as choices)."""
    return {"x-kind": name, **extra}


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("required", "required")
    return value


def _item_not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_item", "an item is empty")
    return value


def known_codes(action: str, codes: list[str], resolution: str | None = None) -> list[str]:
    """``codes`` when every one is in the reason-code catalogue of ``action``
    (app.rules.reason_codes, the one rule), else a 422 naming the field and the unknown codes —
    on the server, in the workstation's forms and in dosctl alike."""
    unknown = reason_codes.unknown_codes(action, codes, resolution)
    if unknown:
        raise PydanticCustomError(
            "unknown_code",
            "not in the reason-code catalogue: {codes}",
            {"codes": ", ".join(unknown)},
        )
    return codes


def _day(value: Any) -> Any:
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "a date (YYYY-MM-DD), not a time")
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_type", "a date (YYYY-MM-DD)") from None
    if not isinstance(value, date):
        raise PydanticCustomError("date_type", "a date (YYYY-MM-DD)")
    lo, hi = DAY_WINDOW
    if not lo <= value <= hi:
        raise PydanticCustomError(
            "out_of_range", "a date between {lo} and {hi}", {"lo": str(lo), "hi": str(hi)}
        )
    return value


def _eta(value: str) -> str:
    if _ETA.match(value):
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise PydanticCustomError("eta_type", 'like "+2h" or a time with its zone')
    lo, hi = DAY_WINDOW
    if not lo <= parsed.date() <= hi:
        raise PydanticCustomError(
            "out_of_range", "a date between {lo} and {hi}", {"lo": str(lo), "hi": str(hi)}
        )
    return value


def _moment(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise PydanticCustomError("time_type", "a time with its zone (RFC 3339)") from None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise PydanticCustomError("time_type", "a time with its zone (RFC 3339)")
    lo, hi = DAY_WINDOW
    if not lo <= value.date() <= hi:
        raise PydanticCustomError(
            "out_of_range", "a date between {lo} and {hi}", {"lo": str(lo), "hi": str(hi)}
        )
    return value


Money = Annotated[
    int,
    Strict(),
    Field(gt=0, le=MONEY_MAX, json_schema_extra=kind("int")),
]
Rate = Annotated[
    float,
    Strict(),
    Field(gt=RATE_RANGE[0], lt=RATE_RANGE[1], allow_inf_nan=False, json_schema_extra=kind("rate")),
]
Text = Annotated[
    str,
    Strict(),
    Field(max_length=MAX_TEXT, json_schema_extra=kind("text", **{"x-not-blank": True})),
    AfterValidator(_not_blank),
]
OptText = Annotated[str, Strict(), Field(max_length=MAX_TEXT, json_schema_extra=kind("text"))]
ShortText = Annotated[str, Strict(), Field(max_length=MAX_ITEM, json_schema_extra=kind("text"))]
Template = Annotated[
    str,
    Strict(),
    Field(max_length=MAX_ITEM, json_schema_extra=kind("text", **{"x-not-blank": True})),
    AfterValidator(_not_blank),
]
Item = Annotated[str, Strict(), Field(max_length=MAX_ITEM), AfterValidator(_item_not_blank)]
Codes = Annotated[
    list[Item], Field(min_length=1, max_length=MAX_ITEMS, json_schema_extra=kind("list"))
]
OptCodes = Annotated[list[Item], Field(max_length=MAX_ITEMS, json_schema_extra=kind("list"))]
UserId = Annotated[
    str,
    Strict(),
    Field(min_length=1, max_length=MAX_ID, pattern=ID_PATTERN, json_schema_extra=kind("id")),
]
Day = Annotated[
    date,
    BeforeValidator(_day),
    Field(
        json_schema_extra=kind("date", **{"x-min": str(DAY_WINDOW[0]), "x-max": str(DAY_WINDOW[1])})
    ),
]
Flag = Annotated[bool, Strict(), Field(json_schema_extra=kind("bool"))]
Eta = Annotated[
    str, Strict(), Field(max_length=40, json_schema_extra=kind("eta")), AfterValidator(_eta)
]

EntityId = UserId
Moment = Annotated[
    datetime,
    BeforeValidator(_moment),
    Field(
        json_schema_extra=kind("time", **{"x-min": str(DAY_WINDOW[0]), "x-max": str(DAY_WINDOW[1])})
    ),
]
MAX_EVIDENCE = 20
Evidence = Annotated[list[Item], Field(max_length=MAX_EVIDENCE, json_schema_extra=kind("list"))]

LABELS: dict[str, tuple[str, str]] = {
    "limit": ("한도", "Limit"),
    "rate": ("금리", "Rate"),
    "note": ("사유/상세 설명", "Note"),
    "reason_codes": ("사유 코드", "Reason codes"),
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
    "queue_id": ("큐", "Queue"),
    "case_id": ("케이스", "Case"),
    "evidence": ("증빙", "Evidence"),
    "message": ("고객 안내 메시지", "Message"),
    "new_decision": ("새 결정", "New decision"),
    "summary": ("통화 요약", "Summary"),
    "disposition": ("처리 결과", "Disposition"),
    "follow_up": ("후속 조치", "Follow-up"),
    "callback_at": ("콜백 시각", "Callback at"),
    "segment_id": ("발화", "Segment"),
    "scores": ("점수", "Scores"),
    "notes": ("메모", "Notes"),
    "procedure": ("절차 준수", "Procedure"),
    "judgement": ("판단", "Judgement"),
    "documentation": ("문서화", "Documentation"),
    "timeliness": ("적시성", "Timeliness"),
    "communication": ("고객 소통", "Communication"),
}
