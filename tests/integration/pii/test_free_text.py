"""Identifiers that people type reach no one either: a case opened with full identifiers answers
masked (the server keeps the full values to itself), and a number typed into a comment is
redacted in the case, its task, the change feed, the audit log and the alerts."""

from __future__ import annotations

import uuid

from server import pii
from tests.integration.pii.conftest import Demo
from tests.integration.pii.leaks import find_leaks

TYPED = "고객이 010-9876-5432 로 콜백 요청, 계좌 110-555-123456 확인"
CUSTOMER = {
    "customer_id": "CUS-55500001",
    "name": "홍길동",
    "account_id": "110-555-123456",
    "phone": "010-9876-5432",
    "resident_id": "880202-1234568",
}


def test_typed_identifiers_are_masked_and_redacted_everywhere(demo: Demo) -> None:
    with demo.client("admin1") as admin:
        r = admin.post(
            "/cases",
            json={
                "decision_id": f"D-{uuid.uuid4().hex[:8]}",
                "priority": "p2",
                "queue_id": "credit_review",
                "customer": CUSTOMER,
                "application": {"amount": 10_000_000, "purpose": "생활자금", "term_months": 12},
                "decision_context": {"automatic_decision": "refer", "score": 0.5},
            },
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert r.status_code == 200, r.text
        case, task = r.json()["data"], r.json()["related"][0]
        assert case["customer"]["customer_id"] == "CUS-55500001"
        assert case["customer"]["phone"].endswith("5432") and "•" in case["customer"]["phone"]
        assert not find_leaks(r.text, list(CUSTOMER.values())[2:])
        with demo.running.app.state.db.read() as s:
            for field in ("account_id", "phone", "resident_id"):
                assert pii.full_value(s, "case", case["id"], field) == CUSTOMER[field]
        r = admin.post(
            f"/tasks/{task['id']}/actions/comment",
            json={"body": TYPED},
            headers={"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{task["version"]}"'},
        )
        assert r.status_code == 200, r.text
        texts = [r.text, admin.get(f"/cases/{case['id']}").text]
        texts.append(admin.get(f"/tasks/{task['id']}").text)
        texts.append(admin.get("/changes", params={"limit": 1000}).text)
        texts.append(admin.get("/audit", params={"entity": "task", "id": task["id"]}).text)
        texts.append(admin.get("/audit", params={"entity": "case", "id": case["id"]}).text)
    joined = "\n".join(texts)
    assert "[PII] 로 콜백 요청" in joined
    full = [*demo.full_values, *list(CUSTOMER.values())[2:], "010-9876-5432"]
    for text in texts:
        assert not find_leaks(text, full), find_leaks(text, full)[:3]
