"""The call page's window onto the local store: short indexed reads, plain data out.

Segments are read by arrival (``seq``) *and* by ``received_at``: a final Transcript replaces its
partial in the same row (same ``seq``, newer ``received_at``), so "what changed since" needs both.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select

from app.domain.calls import Call
from app.domain.enums import CallState
from app.domain.people import KnowledgeArticle
from app.domain.wire import from_wire
from app.store import acw_drafts
from app.store.knowledge import ArticleHit, search_articles
from app.store.local_models import CallSegmentRow
from app.store.lookups import get_article, get_call
from app.store.models import CallRow, CaseRow, QueueRow, UserRow
from app.store.store import Store
from app.text.korean import morphemes

LIVE_STATES = (CallState.RINGING.value, CallState.CONNECTED.value, CallState.ACW.value)
CLOSED_CASE = ("approved", "rejected", "closed", "archived")


@dataclass(frozen=True, slots=True)
class SegmentBatch:
    """Segments changed since the last read, and where the next read starts."""

    wires: list[dict[str, Any]]
    last_seq: int
    last_received: datetime | None


@dataclass(frozen=True, slots=True)
class Interaction:
    """One earlier contact with the customer on the card's timeline: a past call (``kind``
    "call": ``channel`` its flow, ``outcome`` its disposition, else its state) or a case
    ("case": ``channel`` its product, ``outcome`` its status). Values are raw; the view words
    them (app/text/labels.py). No customer identifier is held here."""

    at: datetime | None
    kind: str
    id: str
    channel: str
    outcome: str


@dataclass(frozen=True, slots=True)
class CaseLine:
    id: str
    status: str
    priority: str
    queue_id: str


def _segments_stmt(changed: bool) -> Any:
    seg = CallSegmentRow
    cond = seg.seq > bindparam("seq")
    if changed:
        cond = or_(cond, seg.received_at >= bindparam("received", type_=seg.received_at.type))
    return (
        select(seg.seq, seg.received_at, seg.data)
        .where(seg.call_id == bindparam("call_id"), cond)
        .order_by(seg.seq)
    )


_SEGMENTS_AFTER = _segments_stmt(changed=False)
_SEGMENTS_CHANGED = _segments_stmt(changed=True)


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


class CallSource:
    """Reads for the call page; each call opens a short session."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def store(self) -> Store:
        return self._store

    def call(self, call_id: str) -> Call | None:
        with self._store.session() as s:
            return get_call(s, call_id)

    def segments_since(
        self, call_id: str, last_seq: int = 0, last_received: datetime | None = None
    ) -> SegmentBatch:
        """Segments of ``call_id`` stored after ``last_seq`` or replaced since
        ``last_received``. Runs on every stored live segment: one prepared statement on a
        pooled Core connection (no ORM session)."""
        params: dict[str, Any] = {"call_id": call_id, "seq": last_seq}
        if last_received is None:
            stmt = _SEGMENTS_AFTER
        else:
            stmt, params["received"] = _SEGMENTS_CHANGED, last_received
        with self._store.engine.connect() as conn:
            rows = conn.execute(stmt, params).all()
        seq, received = last_seq, last_received
        for r in rows:
            seq = max(seq, r.seq)
            if received is None or r.received_at > received:
                received = r.received_at
        return SegmentBatch([r.data for r in rows], seq, received)

    def acw_draft(self, call_id: str) -> dict | None:
        """The after-call work the agent left unsaved on ``call_id`` (``app.store.acw_drafts``)."""
        return acw_drafts.load(self._store, call_id)

    def chosen_agent_state(self, user_id: str) -> str | None:
        """The state the agent last chose as the server keeps it (``agent_state`` on the synced
        user; ``app.rules.agent_state.chosen_state`` reads it)."""
        with self._store.session() as s:
            data = s.execute(select(UserRow.data).where(UserRow.id == user_id)).scalar()
        return (data or {}).get("agent_state") if isinstance(data, dict) else None

    def live_calls(self) -> list[Call]:
        stmt = (
            select(CallRow.data)
            .where(CallRow.state.in_(LIVE_STATES))
            .order_by(CallRow.started_at.desc(), CallRow.id)
        )
        with self._store.session() as s:
            return [from_wire(Call, d) for d in s.execute(stmt).scalars()]

    def assigned_call(self, agent_id: str) -> Call | None:
        """The newest live call assigned to ``agent_id`` (ringing calls have no agent yet)."""
        stmt = (
            select(CallRow.data)
            .where(CallRow.agent_id == agent_id, CallRow.state.in_(LIVE_STATES))
            .order_by(CallRow.started_at.desc())
            .limit(1)
        )
        with self._store.session() as s:
            data = s.execute(stmt).scalar_one_or_none()
        return from_wire(Call, data) if data else None

    def past_calls(self, call: Call, limit: int = 5) -> list[Call]:
        """Earlier calls of the same customer: the same customer id (an opaque reference), else
        the same account as the server sent it (masked, so only a weak match)."""
        if call.customer.customer_id:
            key, value = "$.customer.customer_id", call.customer.customer_id
        elif call.customer.account_id:
            key, value = "$.customer.account_id", call.customer.account_id
        else:
            return []
        stmt = (
            select(CallRow.data)
            .where(func.json_extract(CallRow.data, key) == value, CallRow.id != call.id)
            .order_by(CallRow.started_at.desc())
            .limit(limit)
        )
        with self._store.session() as s:
            return [from_wire(Call, d) for d in s.execute(stmt).scalars()]

    def timeline(self, call: Call, limit: int = 8) -> list[Interaction]:
        """The customer's earlier calls and their cases (open or not), newest first — what the
        change feed sent this workstation, identifiers as the server masked them."""
        out = [
            Interaction(
                p.started_at,
                "call",
                p.id,
                p.flow.value,
                p.disposition or p.state.value,
            )
            for p in self.past_calls(call, limit)
        ]
        conds = self._customer_conditions(call)
        if conds:
            stmt = select(CaseRow.data).where(or_(*conds)).order_by(CaseRow.updated_at.desc())
            with self._store.session() as s:
                for data in s.execute(stmt.limit(limit)).scalars():
                    when = data.get("created_at") or data.get("updated_at")
                    out.append(
                        Interaction(
                            _time(when),
                            "case",
                            str(data.get("id") or ""),
                            str((data.get("application") or {}).get("product") or ""),
                            str(data.get("status") or ""),
                        )
                    )
        floor = datetime.min.replace(tzinfo=UTC)
        out.sort(key=lambda i: i.at or floor, reverse=True)
        return out[:limit]

    def _customer_conditions(self, call: Call) -> list[Any]:
        """Same customer: the same opaque customer id, or the same account digits."""
        acct = digits(call.customer.account_id)
        conds = []
        if call.customer.customer_id:
            conds.append(
                func.json_extract(CaseRow.data, "$.customer.customer_id")
                == call.customer.customer_id
            )
        if len(acct) >= 6:
            raw = func.json_extract(CaseRow.data, "$.customer.account_id")
            conds.append(func.replace(func.replace(raw, "-", ""), " ", "") == acct)
        return conds

    def open_cases(self, call: Call, limit: int = 5) -> list[CaseLine]:
        """Open cases of the same customer: same customer id, or the same account digits."""
        conds = self._customer_conditions(call)
        if not conds:
            return []
        stmt = (
            select(CaseRow.id, CaseRow.status, CaseRow.priority_rank, CaseRow.queue_id)
            .where(or_(*conds), CaseRow.status.not_in(CLOSED_CASE))
            .order_by(CaseRow.priority_rank, CaseRow.due_at)
            .limit(limit)
        )
        with self._store.session() as s:
            return [
                CaseLine(r.id, r.status, f"P{r.priority_rank}", r.queue_id) for r in s.execute(stmt)
            ]

    def queue_info(self, queue_id: str) -> tuple[str, str]:
        """(display name, SLA policy) of a queue; the id itself when not synced yet."""
        with self._store.session() as s:
            row = s.execute(
                select(QueueRow.name, QueueRow.sla_policy).where(QueueRow.id == queue_id)
            ).first()
        if row is None:
            return queue_id, queue_id
        return row.name or queue_id, row.sla_policy or queue_id

    def search(self, text: str, limit: int = 5) -> list[ArticleHit]:
        """Articles for the conversation: the full-text hits (bm25, any morpheme), re-ranked by
        the query words found in each title, rarer title words counting more — so 연회비 in
        "연회비 이중 청구 환불 처리" beats 카드, which half the card articles carry."""
        with self._store.session() as s:
            hits = search_articles(s, text, max(limit * 4, 20))
        if not hits:
            return []
        wanted = set(morphemes(text))
        titles = {h.id: set(morphemes(h.title)) for h in hits}
        df = Counter(t for terms in titles.values() for t in terms)

        def title_score(hit: ArticleHit) -> float:
            return sum(math.log(1 + len(hits) / df[t]) for t in titles[hit.id] & wanted)

        return sorted(hits, key=lambda h: (-title_score(h), h.rank))[:limit]

    def article(self, article_id: str) -> KnowledgeArticle | None:
        with self._store.session() as s:
            return get_article(s, article_id)
