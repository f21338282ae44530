"""When HITL checkpoints (seed 001) are raised, and what goes into them — pure, time passed in.

* **Observation** — the signals of a window are the alerts raised in it, one signal per alert
  kind and queue (:func:`observe`): its count, the affected queue, and a severity by
  ``SEVERITY_RULES`` (e.g. ten SLA breaches of one queue in a window are critical).
* **SC at the end of each observation window** ("Observation Window 종료 시 (weekly / biweekly /
  on_demand)"): weekly windows are 7 days, biweekly 14, each starting where the last SC's
  window ended; ``on_demand`` raises none by itself (:func:`windows_due`). An SC is answered
  within ``SC_ANSWER_WINDOW``; unanswered it is skipped, or escalated with a critical signal
  (``app.rules.checkpoints.overdue_action``: "critical 미응답은 에스컬레이션").
* **Disputed signals carried** ("다음 SC에서 추가 데이터로 재검토"): the signals a user marked
  ``disputed`` in the last answered SC go into the next SC again, with the new window's count
  (:func:`carried_signals`).
* **3-SC promotion** ("동일 신호 3회 연속 SC에서 미해결 → warning → critical 자동 승격"):
  ``app.rules.checkpoints.promote_signals`` on the new SC's signals; a promoted signal raises an
  EC like any critical one.
* **EC on a critical signal** ("Critical 심각도 이상 신호 감지 시 즉시"): every critical signal not
  already in an open EC raises one (:func:`event_signals`).
* **Review document** ("SC 수행 시 해당 주기의 템플릿을 기반으로 리뷰 문서를 생성한다"):
  :func:`review_document` fills the cadence's template (the seed's presentation protocol).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from app.domain.checkpoints import Checkpoint, ObservationWindow, Signal
from app.domain.enums import CheckpointMode, CheckpointStatus, Severity
from app.rules import checkpoints as cp
from app.rules.zone import KST
from app.text.labels import label_of, queue_label

PERIODS = {"weekly": timedelta(days=7), "biweekly": timedelta(days=14)}
SC_ANSWER_WINDOW = timedelta(days=2)
# alert kind → (count at which it is a warning, count at which critical; None: never)
SEVERITY_RULES: dict[str, tuple[int | None, int | None]] = {
    "sla_breach": (1, 10),
    "sla_warning": (5, None),
    "docs_overdue": (3, None),
    "negative_sentiment": (5, 20),
    "call_queue_breach": (1, 5),
    "callback_due": (1, 5),
    "approval_expired": (1, None),
    "p0_arrival": (None, None),
}
OWN_KINDS = frozenset({"critical_signal", "checkpoint_halted"})  # raised by checkpoints themselves
TEMPLATES = {
    "weekly": ("주간 리뷰", "references/weekly_review.template.md"),
    "biweekly": ("격주 리뷰", "references/biweekly_review.template.md"),
    "on_demand": ("수시 리뷰", "references/workflow_improvement_report.template.md"),
}


def _severity(kind: str, count: int) -> Severity:
    warn, crit = SEVERITY_RULES.get(kind, (1, None))
    if crit is not None and count >= crit:
        return Severity.CRITICAL
    if warn is not None and count >= warn:
        return Severity.WARNING
    return Severity.INFO


def observe(alerts: Iterable[Mapping], start: datetime, end: datetime) -> list[Signal]:
    """One signal per (alert kind, queue) among the alerts ``at`` in ``[start, end)``; ids
    ``AS-001``… in (kind, queue) order. Each alert is ``{kind, at: datetime, queue_id?}``;
    the checkpoints' own alerts (``OWN_KINDS``) are not observations."""
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], datetime] = {}
    for a in alerts:
        if a["kind"] in OWN_KINDS or not (start <= a["at"] < end):
            continue
        key = (a["kind"], a.get("queue_id") or "")
        counts[key] += 1
        first[key] = min(first.get(key, a["at"]), a["at"])
    out = []
    for n, (kind, queue) in enumerate(sorted(counts), start=1):
        count = counts[(kind, queue)]
        out.append(
            Signal(
                id=f"AS-{n:03d}",
                type=kind,
                count=count,
                severity=_severity(kind, count),
                affected_nodes=[queue] if queue else [],
                evidence=f"{label_of('signal_type', kind)} {count}건 ({queue_label(queue)})",
                detected_at=first[(kind, queue)],
            )
        )
    return out


def windows_due(
    last_end: datetime | None, cadence: str, now: datetime, first_start: datetime
) -> list[ObservationWindow]:
    """The observation windows that ended by ``now`` since ``last_end`` (the end of the last
    SC's window; ``first_start`` when there is none) — each gets its SC. A server down for
    several windows raises one SC per missed window when it comes back."""
    period = PERIODS.get(cadence)
    if period is None:
        return []
    start = last_end or first_start
    out = []
    while start + period <= now:
        out.append(ObservationWindow(start, start + period))
        start += period
    return out


def carried_signals(last_answered: Checkpoint | None) -> list[Signal]:
    """The signals the user disputed in the last answered SC, to be reviewed again."""
    if last_answered is None or not last_answered.feedback:
        return []
    feedback = last_answered.feedback
    if (feedback.get("user_assessment") or {}).get("signal_validity") != "disputed":
        return []
    reviewed = set(feedback.get("signals_reviewed") or [s.id for s in last_answered.signals])
    return [s for s in last_answered.signals if s.id in reviewed]


def merge_carried(observed: Sequence[Signal], carried: Sequence[Signal]) -> list[Signal]:
    """Observed signals plus the carried ones not observed again (same type and nodes); the
    carried keep their severity and are renumbered after the observed."""
    keys = {cp.signal_key(s) for s in observed}
    out = list(observed)
    for s in carried:
        if cp.signal_key(s) not in keys:
            n = len(out) + 1
            note = "다음 SC에서 추가 데이터로 재검토 (이의 제기된 신호)"
            out.append(dataclasses.replace(s, id=f"AS-{n:03d}", count=0, impact=note))
    return out


def build_sc(
    checkpoint_id: str,
    window: ObservationWindow,
    signals: Sequence[Signal],
    previous_scs: Sequence[Checkpoint],
    cadence: str,
    now: datetime,
) -> Checkpoint:
    """The new SC: signals promoted by their streak over ``previous_scs`` (oldest first)."""
    promoted = cp.promote_signals(previous_scs, signals)
    return Checkpoint(
        id=checkpoint_id,
        mode=CheckpointMode.SCHEDULED,
        window=window,
        signals=promoted,
        status=CheckpointStatus.OPEN,
        created_at=now,
        due_at=now + SC_ANSWER_WINDOW,
        consecutive_unresolved=max((s.unresolved_streak for s in promoted), default=0),
        cadence=cadence,
    )


def promoted(before: Sequence[Signal], after: Sequence[Signal]) -> list[Signal]:
    """Signals that were warnings before promotion and are critical after it."""
    was = {s.id: s.severity for s in before}
    return [
        s for s in after if s.severity is Severity.CRITICAL and was.get(s.id) is Severity.WARNING
    ]


def event_signals(signals: Iterable[Signal], open_ecs: Iterable[Checkpoint]) -> list[Signal]:
    """Critical signals that no open EC already covers (same type and nodes)."""
    covered = {cp.signal_key(s) for ec in open_ecs for s in ec.signals}
    out, seen = [], set()
    for s in signals:
        key = cp.signal_key(s)
        if s.severity is Severity.CRITICAL and key not in covered and key not in seen:
            seen.add(key)
            out.append(s)
    return out


def build_ec(checkpoint_id: str, signal: Signal, now: datetime) -> Checkpoint:
    start = signal.detected_at or now
    return Checkpoint(
        id=checkpoint_id,
        mode=CheckpointMode.EVENT,
        window=ObservationWindow(min(start, now), now),
        signals=[dataclasses.replace(signal, id="AS-001")],
        status=CheckpointStatus.OPEN,
        created_at=now,
        cadence="on_demand",
    )


def next_id(existing_ids: Iterable[str], now: datetime) -> str:
    """``HC-YYYY-MM-DD-NNN`` (the KST date), one more than the day's highest."""
    prefix = f"HC-{now.astimezone(KST):%Y-%m-%d}-"
    used = [int(i[len(prefix) :]) for i in existing_ids if i.startswith(prefix)]
    return f"{prefix}{max(used, default=0) + 1:03d}"


def review_document(checkpoint: Checkpoint) -> str:
    """The review document of an SC from its cadence's template (the seed's presentation
    protocol: observation summary, top-3 patterns, proposals when auto_propose, the request)."""
    title, template = TEMPLATES.get(checkpoint.cadence, TEMPLATES["on_demand"])
    w = checkpoint.window
    fmt = "%Y-%m-%d %H:%M"
    lines = [
        f"# {title} — {checkpoint.id}",
        f"<!-- template: {template} -->",
        "",
        f"## Observation Summary (OW: {w.start.astimezone(KST):{fmt}} ~ "
        f"{w.end.astimezone(KST):{fmt}})",
        "",
        "### 신호 요약",
        "| Type | Count | Severity | Affected Nodes |",
        "|------|-------|----------|----------------|",
    ]
    for s in checkpoint.signals:
        nodes = ", ".join(s.affected_nodes) or "—"
        lines.append(f"| {s.type} | {s.count} | {s.severity.value} | {nodes} |")
    lines += ["", "### Top-3 패턴 상세"]
    for n, p in enumerate(checkpoint.patterns[:3], start=1):
        lines += [f"{n}. **{p.name}**", f"   - 근거: {p.evidence}", f"   - 영향: {p.impact}"]
    if not checkpoint.patterns:
        lines.append("—")
    if checkpoint.auto_propose:
        lines += ["", "### 개선 제안 (auto_propose=true인 경우)"]
        for n, p in enumerate(checkpoint.proposals, start=1):
            lines.append(f"{n}. [{p.id}] {p.summary} (확신도: {p.confidence:.0%})")
        if not checkpoint.proposals:
            lines.append("—")
    lines += [
        "",
        "### 피드백 요청",
        "다음 중 선택해 주세요:",
        "a) 제안 승인/수정/거부",
        "b) 추가 분석 요청",
        "c) 이번 리뷰 건너뛰기",
    ]
    return "\n".join(lines) + "\n"
