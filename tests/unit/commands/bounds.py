"""Values just inside and just outside every field's bounds, read from each command's schema
(the same JSON schema the server publishes in OpenAPI). Shared by the unit test and the test
against the real server."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.commands import COMMANDS
from app.commands.fields import DAY_WINDOW
from tests.reason_codes import APPROVE_CODE, DENY_CODE, valid_code

TODAY = date(2026, 11, 23)  # Monday (KST)

# A valid body per command; each probe changes one field of it.
VALID: dict[str, dict[str, Any]] = {
    "approve": {
        "limit": 30_000_000,
        "rate": 4.5,
        "note": "소득 확인",
        "reason_codes": [APPROVE_CODE],
    },
    "deny": {"reason_codes": [DENY_CODE], "note": "DTI 초과", "improvement_advice": "재신청"},
    "request_docs": {
        "docs": ["재직증명서"],
        "deadline": (TODAY + timedelta(days=7)).isoformat(),
        "note": "소득 확인",
    },
    "escalate": {"to": "senior_reviewer", "reason": "정책 예외"},
    "comment": {"body": "메모"},
    "close": {"resolution": "안내 완료", "final_decision": "approve"},
    "docs_received": {},
    "notify_customer": {"template": "notice", "eta": "+2h"},
    "assign": {"to": "u_reviewer1"},
    "reassign": {"from": "u_reviewer1", "to": "u_reviewer2"},
    "next_task": {"queue_id": "credit_review"},
    "appeal_submit": {"case_id": "C-1", "reason": "소득 증빙 추가", "evidence": ["급여명세서"]},
    "appeal_resolve": {
        "resolution": "overturn",
        "message": "승인 기준 충족",
        "reason_codes": [],  # an overturn needs none; uphold's rule is in check_at
        "limit": 25_000_000,
        "rate": 6.0,
        "conditions": ["연대보증인 1인"],
    },
    "after_call_work": {
        "summary": "연회비 환불 등록",
        "disposition": "callback_scheduled",
        "follow_up": "결과 안내",
        "callback_at": "2026-11-24T10:00:00+09:00",
    },
    "call_flag": {"reason": "negative_sentiment", "note": "항의", "segment_id": "s-9"},
    "qa_review": {
        "case_id": "C-1",
        "scores": {
            "procedure": 18,
            "judgement": 18.5,
            "documentation": 17,
            "timeliness": 19,
            "communication": 16,
        },
        "notes": "양호",
    },
    "checkpoint_feedback": {
        "checkpoint_id": "HC-2026-11-21-001",
        "mode": "scheduled",
        "signals_reviewed": ["AS-001"],
        "user_assessment": {"signal_validity": "confirmed"},
        "proposal_decisions": [{"proposal_id": "IP-001", "decision": "modify"}],
    },
}

# Fields whose rule also needs today's date or another field (``check_at``): a value inside the
# schema's bounds may still be refused there; their own unit tests cover those rules.
CHECKED_LATER = {
    ("request_docs", "deadline"),
    ("appeal_resolve", "new_decision"),
    ("appeal_resolve", "resolution"),  # uphold needs reason codes, partial conditions
}


def _unwrap(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in prop:  # optional: the non-null alternative
        inner = next(p for p in prop["anyOf"] if p.get("type") != "null")
        prop = {**inner, **{k: v for k, v in prop.items() if k != "anyOf"}}
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].rsplit("/", 1)[-1]], **prop}
    return prop


def probes(prop: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """(inside, outside) values for one field's JSON schema."""
    inside: list[Any] = []
    outside: list[Any] = []
    kind = prop.get("type")
    if "enum" in prop:
        return list(prop["enum"]), ["not-a-choice", 1]
    if kind == "integer":
        lo, hi = prop.get("exclusiveMinimum"), prop.get("maximum")
        inside += [lo + 1, hi]
        outside += [lo, hi + 1, 2**63, "100", True]
    elif kind == "number" and "minimum" in prop:
        lo, hi = prop["minimum"], prop["maximum"]
        inside += [lo, hi, lo + 0.5]
        outside += [lo - 0.01, hi + 0.01, float("inf"), float("nan"), "4.5", True]
    elif kind == "number":
        lo, hi = prop["exclusiveMinimum"], prop["exclusiveMaximum"]
        inside += [lo + 0.01, hi - 0.01]
        outside += [lo, hi, float("inf"), float("nan"), "4.5"]
    elif kind == "object":
        outside += ["not-an-object", []]
    elif kind == "string" and prop.get("format") == "date-time":
        inside += ["2026-11-24T09:00:00+09:00", "2026-11-23T23:59:00Z"]
        outside += ["1970-01-01T00:00:00Z", "2101-01-01T00:00:00Z", "1999-12-31T23:59:59Z"]
        outside += ["2026-11-30", "2026-11-30T09:00:00", "garbage", 20261130]
    elif kind == "string" and prop.get("format") == "date":
        lo, hi = (date.fromisoformat(prop[k]) for k in ("x-min", "x-max"))
        inside += [hi.isoformat()] if prop.get("x-kind") == "date" else []
        outside += [(lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat()]
        outside += ["2026-11-30T00:00:00Z", "garbage", 20261130]
    elif kind == "string":
        n = prop["maxLength"]
        if prop.get("examples"):  # a patterned id: its example, then broken ones
            inside += list(prop["examples"])
            outside += ["u" * (n + 1), "", "a b", prop["examples"][0] + "0"]
        elif prop.get("x-kind") == "eta":
            inside += ["+9999d", "2026-11-30T09:00:00+09:00"]
            outside += ["+10000d", "garbage", "1970-01-01T00:00:00Z", "2026-11-30T09:00:00"]
        elif "pattern" in prop:
            inside += ["u" * n]
            outside += ["u" * (n + 1), "", "a b"]
        else:
            inside += ["가" * n]
            outside += ["가" * (n + 1), 42]
            if prop.get("x-not-blank"):
                outside += ["   "]
    elif kind == "array" and ("$ref" in prop["items"] or "examples" in prop["items"]):
        n = prop["maxItems"]  # items of a pattern / objects: an example, too many, a wrong type
        example = prop["items"].get("examples", [None])[0]
        inside += [[]] + ([[example]] if example else [])
        outside += ["A,B", [1]]
        if example:
            prefix = example[:3]
            outside += [[f"{prefix}{i:03d}" for i in range(n + 1)], [example + "0"]]
    elif kind == "array":
        items = prop["items"]
        m, n = prop.get("minItems", 0), prop["maxItems"]
        inside += [[f"X-{i}" for i in range(n)], ["가" * items["maxLength"]]]
        outside += [[f"X-{i}" for i in range(n + 1)], ["가" * (items["maxLength"] + 1)], [" "]]
        outside += ["A,B"]
        if m:
            outside += [[]]
    elif kind == "boolean":
        inside += [True, False]
        outside += ["true", 1]
    return inside, outside


def code_probes(name: str, prop: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """(inside, outside) values of a ``reason_codes`` list: codes of the command's catalogue
    (app/rules/reason_codes.py) up to the list's bounds; a made-up code is outside."""
    code = valid_code(name, resolution=VALID[name].get("resolution"))
    m, n, most = prop.get("minItems", 0), prop["maxItems"], prop["items"]["maxLength"]
    inside: list[Any] = [[code], [code] * n]
    outside: list[Any] = [[code] * (n + 1), ["가" * (most + 1)], [" "], "A,B", ["A01"]]
    outside += [[code, "NOT-A-CATALOGUE-CODE"]] + ([[]] if m else [])
    return inside, outside


def cases() -> list[tuple[str, str, Any, bool]]:
    """(command, field, value, inside?) for every field of every command."""
    out = []
    for name, cmd in COMMANDS.items():
        schema = cmd.input.model_json_schema(by_alias=True)
        defs = schema.get("$defs", {})
        for field, raw in schema["properties"].items():
            prop = _unwrap(raw, defs)
            inside, outside = code_probes(name, prop) if field == "reason_codes" else probes(prop)
            assert inside or outside, (name, field, prop)
            out += [(name, field, v, True) for v in inside]
            out += [(name, field, v, False) for v in outside]
            for sub, raw_sub in prop.get("properties", {}).items():  # a nested object's fields
                inside, outside = probes(_unwrap(raw_sub, defs))
                out += [(name, f"{field}.{sub}", v, True) for v in inside]
                out += [(name, f"{field}.{sub}", v, False) for v in outside]
            items = prop.get("items") or {}
            item = _unwrap(items, defs) if "$ref" in items else {}
            for sub, raw_sub in item.get("properties", {}).items():  # fields of a list's items
                inside, outside = probes(_unwrap(raw_sub, defs))
                out += [(name, f"{field}[0].{sub}", v, True) for v in inside]
                out += [(name, f"{field}[0].{sub}", v, False) for v in outside]
        out.append((name, "unknown_field", 1, False))
    return out


def body(name: str, field: str, value: Any) -> dict[str, Any]:
    """The valid body of ``name`` with ``field`` (``outer.inner`` for a nested field) set."""
    if "[0]." in field:
        outer, inner = field.split("[0].", 1)
        first = {**VALID[name][outer][0], inner: value}
        return {**VALID[name], outer: [first, *VALID[name][outer][1:]]}
    if "." in field:
        outer, inner = field.split(".", 1)
        return {**VALID[name], outer: {**VALID[name][outer], inner: value}}
    return {**VALID[name], field: value}


def case_id(case: tuple[str, str, Any, bool]) -> str:
    name, field, value, ok = case
    text = repr(value)
    text = text if len(text) < 24 else f"{text[:12]}…({len(text)})"
    return f"{name}.{field}={text}:{'in' if ok else 'out'}"


__all__ = ["CHECKED_LATER", "DAY_WINDOW", "TODAY", "VALID", "body", "case_id", "cases"]
