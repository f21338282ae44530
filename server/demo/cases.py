"""Generated credit-review cases: realistic Korean customers, applications and SLA clocks.

``build_case`` returns the wire dicts of a case and its review task directly (the shape of
``to_wire(Case)`` / ``to_wire(Task)``; tests round-trip them through ``from_wire``), so that
``seed_cases`` can build 100 000 of them and write them with one ``bulk_insert`` per kind.
"""

from __future__ import annotations

import bisect
import random
import time
from collections.abc import Sequence
from datetime import datetime, timedelta

from app.domain.enums import CaseStatus, EntityKind, Priority
from app.rules.reason_codes import AUTO_CODES
from app.rules.sla import PRIORITY_SLA, WARNING_FRACTION
from server import storage

SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류"
    "나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)
GIVEN = [
    "민준",
    "서연",
    "도윤",
    "지우",
    "하준",
    "서윤",
    "시우",
    "하은",
    "주원",
    "지유",
    "지호",
    "수아",
    "예준",
    "지민",
    "건우",
    "채원",
    "현우",
    "다은",
    "우진",
    "예린",
    "선우",
    "소율",
    "연우",
    "윤서",
    "정훈",
    "미경",
    "영수",
    "은정",
    "상철",
    "혜진",
    "성민",
    "지현",
    "재원",
    "수빈",
    "동현",
    "유진",
]
EMPLOYMENT = ["회사원", "공무원", "자영업", "전문직", "프리랜서", "중소기업 대표", "교사", "간호사"]
PURPOSES = [
    ("생활자금", "credit_loan"),
    ("전세자금", "jeonse_loan"),
    ("사업운영자금", "business_loan"),
    ("주택구입", "mortgage"),
    ("대환대출", "refinance"),
    ("자동차 구입", "auto_loan"),
    ("교육비", "credit_loan"),
    ("의료비", "credit_loan"),
    ("한도 증액", "credit_line"),
]
REASONS = {c.code: c.ko for c in AUTO_CODES}  # the automatic decision's reasons
DENY_CODES = ["DTI_EXCEEDED", "CREDIT_SCORE_LOW", "INCOME_UNVERIFIED", "DELINQUENCY_HISTORY"]
PRIORITY_WEIGHTS = [(Priority.P0, 6), (Priority.P1, 24), (Priority.P2, 40), (Priority.P3, 30)]
STATUS_WEIGHTS = [
    (CaseStatus.OPEN, 34),
    (CaseStatus.PENDING, 16),
    (CaseStatus.AWAITING_DOCS, 10),
    (CaseStatus.ESCALATED, 6),
    (CaseStatus.APPROVED, 14),
    (CaseStatus.REJECTED, 10),
    (CaseStatus.CLOSED, 7),
    (CaseStatus.ARCHIVED, 3),
]
ACTIVE = {CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.AWAITING_DOCS, CaseStatus.ESCALATED}
REVIEWERS = ["u_reviewer1", "u_reviewer2"]
SENIORS = ["u_senior1", "u_senior2"]
MODEL_VERSION = "credit-risk-v3.2.1"
POLICY_VERSION = "CRP-2026.10"


class FastRandom(random.Random):
    """``random.Random`` with cheaper ``randint`` / ``choice`` (bulk seeding of 100 000 cases;
    the distribution is uniform enough for demo data)."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start) // step))


def _ft(value: datetime) -> str:
    """Fast ``format_time`` for aware UTC datetimes (second precision)."""
    return value.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def fake_account(rng: random.Random) -> str:
    bank = rng.choice(["110", "352", "220", "301", "123"])
    return f"{bank}-{rng.randint(100, 999)}-{rng.randint(100000, 999999)}"


def fake_phone(rng: random.Random) -> str:
    return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"


def fake_resident_id(rng: random.Random) -> str:
    year = rng.randint(1958, 2002)
    gender = rng.choice("12") if year < 2000 else rng.choice("34")
    birth = f"{year % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return f"{birth}-{gender}{rng.randint(0, 999999):06d}"


def sla_dict(priority: Priority, started: datetime, *, paused_since=None, met_at=None, now=None):
    budget = PRIORITY_SLA[priority]
    due = started + budget
    breached = None
    if met_at is None and paused_since is None and now is not None and now >= due:
        breached = _ft(due)
    return {
        "policy": priority.value,
        "started_at": _ft(started),
        "due_at": _ft(due),
        "paused_since": _ft(paused_since) if paused_since else None,
        "paused_total_s": 0.0,
        "warning_at": _ft(started + budget * WARNING_FRACTION),
        "breached_at": breached,
        "met_at": _ft(met_at) if met_at else None,
    }


def _cumulative(pairs) -> tuple[list, list[float]]:
    total, acc, values = sum(w for _, w in pairs), [], []
    running = 0.0
    for value, weight in pairs:
        running += weight / total
        values.append(value)
        acc.append(running)
    return values, acc


_CUMULATIVE: dict[int, tuple[list, list[float]]] = {}


def _weighted(rng: random.Random, pairs):
    table = _CUMULATIVE.get(id(pairs))
    if table is None:
        table = _CUMULATIVE[id(pairs)] = _cumulative(pairs)
    values, acc = table
    return values[min(bisect.bisect_left(acc, rng.random()), len(values) - 1)]


def build_case(
    rng: random.Random,
    case_id: str,
    now: datetime,
    *,
    priority: Priority | None = None,
    status: CaseStatus | None = None,
    queue_id: str = "credit_review",
) -> tuple[dict, dict | None]:
    """One case (wire dict) and, for an active case, its review task."""
    priority = priority or _weighted(rng, PRIORITY_WEIGHTS)
    status = status or _weighted(rng, STATUS_WEIGHTS)
    budget_h = PRIORITY_SLA[priority].total_seconds() / 3600
    if status in ACTIVE:
        created = now - timedelta(hours=rng.uniform(0.05, budget_h * 1.15))
    else:
        created = now - timedelta(days=rng.uniform(1, 60))
    score = rng.randint(520, 860)
    purpose, product = rng.choice(PURPOSES)
    amount = rng.choice([500, 1000, 1500, 2000, 3000, 5000, 8000, 12000, 20000]) * 10_000
    if priority is Priority.P0:
        amount = max(amount, 100_000_000)
    self_employed = rng.random() < 0.2
    income = rng.randrange(28_000_000, 180_000_000, 1_000_000)
    codes = rng.sample(sorted(REASONS), k=rng.randint(1, 2))
    name = fake_name(rng)
    decided = status in {
        CaseStatus.APPROVED,
        CaseStatus.REJECTED,
        CaseStatus.CLOSED,
        CaseStatus.ARCHIVED,
    }
    decided_at = created + timedelta(hours=rng.uniform(0.5, budget_h * 0.9)) if decided else None
    assignee = None
    escalation = "L1"
    if status is CaseStatus.ESCALATED:
        assignee, escalation, queue_id = rng.choice(SENIORS), "L2", "senior_review"
    elif status is not CaseStatus.OPEN:
        assignee = rng.choice(REVIEWERS)
    paused = None
    docs_deadline = None
    documents: list[dict] = []
    if status is CaseStatus.AWAITING_DOCS:
        paused = created + timedelta(hours=rng.uniform(0.1, budget_h * 0.5))
        deadline = (paused + timedelta(days=rng.choice([3, 5, 7, 14]))).date()
        docs_deadline = deadline.isoformat()
        for doc in ("소득금액증명원", "사업자등록증명원", "재직증명서")[: rng.randint(1, 3)]:
            documents.append({"name": doc, "requested_at": _ft(paused), "received_at": None})
    final = None
    approved_terms = None
    reason_codes: list[str] = []
    if status in (CaseStatus.APPROVED, CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        final = "approve"
        approved_terms = {
            "limit": amount,
            "rate": round(rng.uniform(3.9, 11.5), 2),
            "conditions": [],
        }
    elif status is CaseStatus.REJECTED:
        final = "deny"
        reason_codes = rng.sample(DENY_CODES, k=rng.randint(1, 2))
    sla = sla_dict(priority, created, paused_since=paused, met_at=decided_at, now=now)
    case = {
        "id": case_id,
        "decision_id": f"DEC-{created:%Y%m%d}-{rng.randint(0, 999999):06d}",
        "priority": priority.value,
        "status": status.value,
        "queue_id": queue_id,
        "customer": {
            "customer_id": f"CUS-{rng.randint(0, 99_999_999):08d}",
            "name": name,
            "tier": "vip" if priority is Priority.P0 and rng.random() < 0.5 else "general",
            "account_id": fake_account(rng),
            "phone": fake_phone(rng),
            "resident_id": fake_resident_id(rng),
            "vip": False,
            "years_with_bank": rng.randint(0, 25),
            "delinquencies": rng.choice([0, 0, 0, 0, 1, 2]),
        },
        "application": {
            "amount": amount,
            "purpose": purpose,
            "term_months": rng.choice([12, 24, 36, 60, 120]),
            "product": product,
            "credit_score": score,
            "annual_income": income,
            "dti_percent": round(rng.uniform(12, 58), 1),
            "employment": "자영업" if self_employed else rng.choice(EMPLOYMENT),
            "self_employed": self_employed,
            "collateral": "",
            "collateral_value": None,
            "inquiry_only": False,
        },
        "decision_context": {
            "automatic_decision": "refer",
            "score": round(rng.uniform(0.3, 0.7), 3),
            "reason_codes": codes,
            "model_version": MODEL_VERSION,
            "policy_version": POLICY_VERSION,
            "fraud_suspected": "FRAUD_CHECK" in codes,
            "system_error": False,
            "policy_exception": "POLICY_EXCEPTION" in codes,
            "missing_info": "DOCS_MISSING" in codes,
            "legal_deadline": None,
        },
        "sla": sla,
        "assignee_id": assignee,
        "escalation_level": escalation,
        "created_at": _ft(created),
        "decided_at": _ft(decided_at) if decided_at else None,
        "decided_by": assignee if decided else None,
        "final_decision": final,
        "approved_terms": approved_terms,
        "reason_codes": reason_codes,
        "note": "",
        "improvement_advice": "",
        "resolution": "",
        "documents": documents,
        "docs_deadline": docs_deadline,
        "timeline": [
            {
                "at": _ft(created),
                "actor_id": "system",
                "kind": "system",
                "body": "자동 심사 결과 수동 검토로 이관: " + ", ".join(REASONS[c] for c in codes),
                "data": {},
            }
        ],
        "version": 1,
        "updated_at": _ft(decided_at or created),
    }
    case["customer"]["vip"] = case["customer"]["tier"] == "vip"
    task = None
    if status in ACTIVE:
        task = {
            "id": f"task-{case_id}",
            "case_id": case_id,
            "type": "review",
            "status": "open" if assignee is None else "assigned",
            "queue_id": queue_id,
            "priority": priority.value,
            "assignee_id": assignee,
            "due_at": sla["due_at"],
            "completed_at": None,
            "completed_by": None,
            "outcome": None,
            "version": 1,
            "updated_at": case["updated_at"],
        }
    return case, task


CASE_DEFAULTS = {"task_ids": list, "appeal_ids": list, "notifications": list}
CASE_NONE = ("appeal", "qa_review_id")
TASK_NONE = ("created_at", "appeal_id", "qa_review_id")


def link(cases: list[dict], tasks: list[dict], appeals: Sequence[dict] = ()) -> None:
    """Each case lists its tasks (``task_ids``) and appeals (``appeal_ids``), as the server's
    routes keep them (the commands find a case's tasks there: close, assign), and every case
    and task carries each field of the domain dataclasses, so the stored JSON is exactly the
    domain's wire form (``breach_history``, ``notifications``, …)."""
    by_id = {c["id"]: c for c in cases}
    for case in cases:
        for key, make in CASE_DEFAULTS.items():
            case.setdefault(key, make())
        for key in CASE_NONE:
            case.setdefault(key, None)
        if isinstance(case.get("sla"), dict):
            case["sla"].setdefault("breach_history", [])
    for task in tasks:
        for key in TASK_NONE:
            task.setdefault(key, None)
    for kind, items in (("task_ids", tasks), ("appeal_ids", appeals)):
        for item in items:
            case = by_id.get(item["case_id"])
            if case is not None and item["id"] not in case[kind]:
                case[kind].append(item["id"])


def generate_cases(n: int, now: datetime, seed: int = 7) -> tuple[list[dict], list[dict]]:
    """``n`` cases (every priority and state once before random draws) and their tasks."""
    rng = FastRandom(seed)
    prefix = f"CASE-{now:%y%m}-{seed % 100:02d}"
    combos = [(p, s) for p in Priority for s in CaseStatus]
    cases, tasks = [], []
    for i in range(n):
        p, s = combos[i] if i < len(combos) else (None, None)
        case, task = build_case(rng, f"{prefix}{i:07d}", now, priority=p, status=s)
        cases.append(case)
        if task is not None:
            tasks.append(task)
    link(cases, tasks)
    return cases, tasks


def seed_cases(db, n: int, now: datetime, seed: int = 7) -> dict:
    """Insert ``n`` generated cases (+ review tasks) with one bulk insert per kind.

    Returns counts and timings: ``{"cases", "tasks", "build_s", "insert_s"}``.
    """
    t0 = time.perf_counter()
    cases, tasks = generate_cases(n, now, seed)
    t1 = time.perf_counter()
    storage.bulk_insert(db, EntityKind.CASE, cases, now=now)
    if tasks:
        storage.bulk_insert(db, EntityKind.TASK, tasks, now=now)
    from server.demo.audit import append_demo_audit, case_events

    audited = append_demo_audit(db, case_events(cases, now), now)  # every decided case
    t2 = time.perf_counter()
    return {"cases": len(cases), "tasks": len(tasks), "audit": audited, "build_s": t1 - t0,
            "insert_s": t2 - t1}  # fmt: skip
