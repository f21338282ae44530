"""Call simulator: replays Korean call scripts (``resources/calls/*.json``) as live calls.

Each call goes ringing → connected → acw → ended (``call.state`` events, ``call`` entity in the
change feed). Every script turn becomes a few ``Utterance`` partials (growing ``PartialContent``,
same ``Id`` / ``TranscriptId``) and then the final ``Transcript`` with that ``Id``, its
``Sentiment`` from ``app.text.sentiment`` and ``IssuesDetected`` character offsets of the turn's
``issues`` substrings; a turn's ``categories`` add a ``Categories`` segment; the call ends with a
``PostContactSummary``. Identifiers spoken in a turn are redacted to ``[PII]`` before the
segment is stored, published or used in an alert (``app.rules.pii.redact_segment``: Contact
Lens ``Redaction`` offsets, partials included). Segments are stored with
``storage.append_segment`` (a final replaces its partials) and published as
``call.segment`` ``{contact_id, segment}`` events.

Wrap-up is enforced (``app.rules.agent_state``): after the call the agent's lane holds in
``acw`` until the agent's after-call work is recorded (the call ended with a disposition) or
the wrap-up limit (``acw_s``, simulated seconds) runs out; only then does the call end and the
agent's next call start — the next call is never assigned over an open wrap-up. A new call is
never connected to an agent who chose Break or Offline (``POST /v1/agents/me/state``): it keeps
ringing in its queue until the agent is Available again.

Time: every wait is ``duration / speed`` seconds of real time (1.0 = real time). The simulator
runs in daemon threads, one *lane* per demo agent, each looping over the scripts with a pause
between calls; ``stop()`` ends them promptly (a call in progress is left where it was).
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.calls import (
    Call,
    CallCustomer,
    Categories,
    CategoryDetail,
    CharacterOffsets,
    IssueDetected,
    PointOfInterest,
    PostContactSummary,
    Segment,
    Transcript,
    Utterance,
    segment_key,
    segment_to_wire,
)
from app.domain.enums import AlertKind, CallFlow, CallState, EntityKind, ParticipantRole, Sentiment
from app.domain.wire import format_time, to_wire
from app.rules import call_queues
from app.rules.agent_state import (
    WRAP_UP_LIMIT,
    WrapUp,
    chosen_state,
    may_assign,
    wrap_up_open,
)
from app.rules.alert_text import render as render_alert
from app.rules.calendar import next_business_start
from app.rules.pii import mask_name, redact_segment
from app.text.sentiment import label as sentiment_label
from app.text.sentiment import score
from server import storage
from server.events import EventBus

log = logging.getLogger(__name__)

SCRIPTS_DIR = Path(__file__).resolve().parents[1] / "resources" / "calls"
QUEUES = {"msp_emergency", "msp_general", "general", "after_hours"}
DEMO_AGENTS = ("u_agent1", "u_agent2")
CUSTOMER_PARTICIPANT = "customer"
IVR_PARTICIPANT = "ivr"


def fits_the_clock(script: dict, at: datetime) -> bool:
    """Whether the business calendar routes the script's customer to the script's flow at
    ``at`` (``app.rules.call_queues.route``: after hours outside 평일 09:00~18:00)."""
    tier = script["customer"]["tier"]
    flow, _queue = call_queues.route(tier, script["flow"] == CallFlow.EMERGENCY, at)
    return flow == script["flow"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def validate_script(script: dict) -> dict:
    """Raise ValueError unless ``script`` has the fields the simulator needs."""
    for key in ("id", "flow", "queue", "customer", "turns", "summary"):
        if key not in script:
            raise ValueError(f"call script {script.get('id')!r}: missing {key!r}")
    CallFlow(script["flow"])
    if script["queue"] not in QUEUES:
        raise ValueError(f"call script {script['id']!r}: unknown queue {script['queue']!r}")
    for i, turn in enumerate(script["turns"]):
        ParticipantRole(turn["role"])
        if int(turn.get("duration_ms", 0)) <= 0:
            raise ValueError(f"{script['id']} turn {i}: duration_ms must be positive")
        for issue in turn.get("issues", []):
            if issue not in turn["text"]:
                raise ValueError(f"{script['id']} turn {i}: issue {issue!r} not in text")
    return script


def load_scripts(directory: Path = SCRIPTS_DIR) -> list[dict]:
    """All ``*.json`` scripts of ``directory``, validated, sorted by file name."""
    out = []
    for path in sorted(directory.glob("*.json")):
        out.append(validate_script(json.loads(path.read_text(encoding="utf-8"))))
    return out


def partial_texts(text: str, parts: int) -> list[str]:
    """Growing prefixes of ``text`` cut at word boundaries (the last is not the whole text)."""
    words = text.split(" ")
    if len(words) < 2 or parts < 1:
        return [text[: max(1, len(text) // 2)]]
    cuts = sorted({max(1, round(len(words) * k / (parts + 1))) for k in range(1, parts + 1)})
    return [" ".join(words[:c]) for c in cuts if c < len(words)]


def turn_segments(
    script: dict, index: int, begin_ms: int, agent_participant: str, parts: int = 3
) -> list[Segment]:
    """The segments of one turn: partials, the final Transcript, then Categories if any —
    identifiers already redacted (each partial on its own, as a real-time redactor must)."""
    turn = script["turns"][index]
    text: str = turn["text"]
    role = ParticipantRole(turn["role"])
    participant = agent_participant if role is ParticipantRole.AGENT else CUSTOMER_PARTICIPANT
    duration = int(turn["duration_ms"])
    seg_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{script['id']}/{index}/{uuid.uuid4()}"))
    out: list[Segment] = []
    for prefix in partial_texts(text, parts):
        end = begin_ms + max(1, duration * len(prefix) // max(1, len(text)))
        out.append(Utterance(seg_id, seg_id, participant, role, prefix, begin_ms, end))
    issues = []
    for issue in turn.get("issues", []):
        start = text.find(issue)
        issues.append(IssueDetected(CharacterOffsets(start, start + len(issue))))
    sentiment = sentiment_label(score(text))
    end_ms = begin_ms + duration
    out.append(Transcript(seg_id, participant, role, text, begin_ms, end_ms, sentiment, issues))
    if turn.get("categories"):
        names = list(turn["categories"])
        poi = {n: CategoryDetail([PointOfInterest(begin_ms, end_ms)]) for n in names}
        out.append(Categories(names, poi))
    return [redact_segment(seg) for seg in out]


class CallSimulator:
    """Replays ``scripts`` as live calls into ``db`` and ``bus`` (see the module docstring)."""

    def __init__(
        self,
        db: Any,
        bus: EventBus,
        scripts: Sequence[dict] | None = None,
        speed: float = 1.0,
        clock: Callable[[], datetime] = _utc_now,
        *,
        agents: Sequence[str] = DEMO_AGENTS,
        ring_s: float = 4.0,
        acw_s: float = WRAP_UP_LIMIT.total_seconds(),
        pause_s: float = 30.0,
        partials: int = 3,
        by_calendar: bool = False,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.db = db
        self.bus = bus
        self.scripts = list(scripts if scripts is not None else load_scripts())
        self.speed = speed
        self.clock = clock
        self.agents = list(agents)
        self.ring_s, self.acw_s, self.pause_s = ring_s, acw_s, pause_s
        self.partials = partials
        self.by_calendar = by_calendar  # play only scripts whose flow the clock would choose
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._counter = itertools.count(1)
        self._count_lock = threading.Lock()
        self.completed = 0

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self, *, loop: bool = True) -> None:
        """Start one daemon thread per agent lane."""
        for lane, agent in enumerate(self.agents or [None]):
            t = threading.Thread(
                target=self._lane, args=(lane, agent, loop), name=f"call-sim-{lane}", daemon=True
            )
            self._threads.append(t)
            t.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _lane(self, lane: int, agent: str | None, loop: bool) -> None:
        n = len(self.scripts)
        order = [self.scripts[(lane * max(1, n // 2) + k) % n] for k in range(n)] if n else []
        # An agent's lane opens with a call the agent answers (after-hours calls go to the IVR
        # callback queue with no agent), so a freshly started demo shows a live call at once.
        order.sort(key=lambda script: agent is not None and script["flow"] == CallFlow.AFTER_HOURS)
        try:
            while not self._stop.is_set():
                for script in order:
                    if self._stop.is_set():
                        return
                    if self.by_calendar and not fits_the_clock(script, self.clock()):
                        continue
                    self.run_call(script, agent)
                    if self._sleep(self.pause_s * 1000):
                        return
                if not loop:
                    return
        except Exception:  # keep the server alive; the lane just ends
            log.exception("call simulator lane %s failed", lane)

    def _sleep(self, ms: float) -> bool:
        """Wait ``ms`` of simulated time; True when stopped meanwhile."""
        return self._stop.wait(ms / 1000.0 / self.speed)

    # -- one call -----------------------------------------------------------------------------
    def new_call_id(self) -> str:
        with self._count_lock:
            n = next(self._counter)
        return f"call_{self.clock():%Y%m%d%H%M%S}_{n:04d}_{uuid.uuid4().hex[:6]}"

    def run_call(self, script: dict, agent: str | None = None, call_id: str | None = None) -> str:
        """Play one script to the end (or until stopped); returns the call id."""
        call_id = call_id or self.new_call_id()
        after_hours = script["flow"] == CallFlow.AFTER_HOURS
        agent_id = None if after_hours else agent
        c = script["customer"]
        call = Call(
            id=call_id,
            queue=script["queue"],
            flow=CallFlow(script["flow"]),
            state=CallState.RINGING,
            customer=CallCustomer(
                c["name"], c["tier"], c["account_id"], c.get("phone", ""), c.get("customer_id")
            ),
            started_at=self.clock(),
            script_id=script["id"],
        )
        self._save_call(call)
        if self._sleep(self.ring_s * 1000):
            return call_id
        if agent_id is not None and self._await_agent(agent_id):
            return call_id
        call.state, call.agent_id, call.connected_at = CallState.CONNECTED, agent_id, self.clock()
        self._save_call(call)
        participant = agent_id or IVR_PARTICIPANT
        begin = 0
        alerted = False
        for index, turn in enumerate(script["turns"]):
            segments = turn_segments(script, index, begin, participant, self.partials)
            partials = [s for s in segments if isinstance(s, Utterance)]
            step = int(turn["duration_ms"]) / (len(partials) + 1)
            for seg in segments:
                self._emit(call_id, seg)
                if isinstance(seg, Utterance) and self._sleep(step):
                    return call_id
                if isinstance(seg, Transcript):
                    if self._sleep(step):
                        return call_id
                    if (
                        seg.Sentiment is Sentiment.NEGATIVE
                        and seg.ParticipantRole is ParticipantRole.CUSTOMER
                    ):
                        if not alerted:
                            self._negative_alert(call, seg)
                            alerted = True
                        if call.current_sentiment is not Sentiment.NEGATIVE:
                            call.current_sentiment = Sentiment.NEGATIVE
                            self._save_call(call, publish_state=False)
                    elif seg.ParticipantRole is ParticipantRole.CUSTOMER:
                        call.current_sentiment = seg.Sentiment
            begin += int(turn["duration_ms"]) + 400
        call.state, call.acw_at = CallState.ACW, self.clock()
        if script.get("callback") or after_hours:
            call.callback_at = next_business_start(self.clock()) + timedelta(minutes=30)
        self._save_call(call)
        self._emit(call_id, redact_segment(PostContactSummary(script["summary"])))
        if self._hold_wrap_up(call_id):
            return call_id
        self._end_call(call_id)
        self.completed += 1
        return call_id

    def agent_may_take(self, agent_id: str) -> bool:
        """Whether a new call may be connected to ``agent_id`` now (``may_assign``): the state
        the agent chose (``agent_state`` on their user: Break and Offline take no calls); the
        lane's own call and wrap-up are already over when it asks."""
        with self.db.session() as s:
            user = storage.get(s, EntityKind.USER, agent_id) or {}
        return may_assign(chosen_state(user.get("agent_state")), False, None, self.clock())

    def _await_agent(self, agent_id: str) -> bool:
        """Keep the call ringing (waiting in its queue) while its agent is on Break or Offline;
        True when stopped meanwhile."""
        while not self.agent_may_take(agent_id):
            if self._sleep(500.0):
                return True
        return False

    def _hold_wrap_up(self, call_id: str) -> bool:
        """Wait while the agent's wrap-up is open (not submitted, not timed out by the rule);
        True when stopped meanwhile. Time here is simulated: the limit counts waited time."""
        since = self.clock()
        waited_ms = 0.0
        step_ms = 500.0
        while True:
            with self.db.session() as s:
                current = storage.get(s, EntityKind.CALL, call_id) or {}
            submitted = bool(current.get("disposition")) or current.get("state") in (
                CallState.ENDED.value,
                None,
            )
            wrap = WrapUp(call_id, since, submitted)
            limit = timedelta(seconds=self.acw_s)
            if not wrap_up_open(wrap, since + timedelta(milliseconds=waited_ms), limit):
                return False
            if self._sleep(step_ms):
                return True
            waited_ms += step_ms

    # -- storage and events ---------------------------------------------------------------------
    def _save_call(self, call: Call, *, publish_state: bool = True) -> dict:
        now = self.clock()
        with self.db.session() as s:
            current = storage.get(s, EntityKind.CALL, call.id)
            data = to_wire(call)
            if current:  # keep what agents (after-call work) and the scheduler wrote
                keep = ("summary", "disposition", "follow_up", "case_id", "escalation_log")
                data.update({k: current[k] for k in keep if current.get(k)})
            stored = storage.put(s, EntityKind.CALL, data, actor="system:simulator", now=now)
            changed = s.info.get("changed", [])
            s.commit()
        self._publish_change(changed)
        if publish_state:
            self.bus.publish("call.state", self._state_payload(stored))
        return stored

    def _end_call(self, call_id: str) -> None:
        now = self.clock()
        with self.db.session() as s:
            current = storage.get(s, EntityKind.CALL, call_id)
            if current is None or current.get("state") == CallState.ENDED.value:
                return  # the agent's after-call work already ended it
            current.update(state=CallState.ENDED.value, ended_at=format_time(now))
            stored = storage.put(s, EntityKind.CALL, current, actor="system:simulator", now=now)
            changed = s.info.get("changed", [])
            s.commit()
        self._publish_change(changed)
        self.bus.publish("call.state", self._state_payload(stored))

    @staticmethod
    def _state_payload(call: dict) -> dict:
        keys = ("id", "state", "queue", "flow", "agent_id", "started_at", "updated_at", "version")
        return {"contact_id": call["id"], **{k: call.get(k) for k in keys}}

    def _publish_change(self, changed: list) -> None:
        if changed:
            self.bus.publish("change", {"seq": max(seq for _k, _i, seq in changed)})

    def _emit(self, call_id: str, segment: Segment) -> None:
        wire = segment_to_wire(segment)
        with self.db.session() as s:
            storage.append_segment(s, call_id, segment_key(segment), wire)
            s.commit()
        self.bus.publish("call.segment", {"contact_id": call_id, "segment": wire})

    def _negative_alert(self, call: Call, seg: Transcript) -> None:
        # the queue as its id: each client names it in its own language (app.rules.alert_text)
        params = {"customer": mask_name(call.customer.name), "queue": call.queue}
        data = {
            "kind": AlertKind.NEGATIVE_SENTIMENT.value,
            "entity": EntityKind.CALL.value,
            "id": call.id,
            "code": "negative_sentiment",  # each client renders it (app.rules.alert_text)
            "params": params,
            "message": render_alert("negative_sentiment", params, "ko"),
            "segment_id": seg.Id,
            "text": seg.Content,
            "agent_id": call.agent_id,
        }
        with self.db.session() as s:
            storage.add_alert(s, data["kind"], data["entity"], call.id, data, self.clock())
            s.commit()
        self.bus.publish("alert", data)
