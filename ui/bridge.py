"""The Qt bridge: sync engine callbacks and store changes become documented Qt signals.

How a user action flows: a page asks the operation runner (``bridge.runner``, ``ui.runner``)
to run an app service; the service runs on the one store writer thread (shared with the sync
engine) and commits its change and outbox row in one transaction; back on the GUI thread the
runner calls :meth:`SyncBridge.announce_local` with the ids the transaction wrote
(``app.store.changes``) — which emits the change signals below, tells the engine to push soon
and refreshes the outbox count — and then the page's success or failure callback.

How server changes flow: the engine applies pulled pages on the same writer and calls
``_on_pulled`` with the ids each pull changed; a live ``call.segment`` is stored, then handed
here with the segment itself (``on_live_segment`` → ``sig_call_segments_received``). Either way
pages get the ids (and segments) in the signal and update only those rows; nobody polls the
store for changes.

The engine (``sync/``, Qt-free) calls plain listeners on the asyncio loop — which under qasync
is the Qt main thread — so the bridge emits directly; were a listener ever called from another
thread, Qt's automatic connection type would queue the emission to the receivers' (GUI) thread.
Pages never talk to the engine: what they need of it (its API client, the writer) is a bridge
method.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy import func, select

from app.domain.enums import OutboxStatus
from app.store import changes, quarantine
from app.store.changes import Changes
from app.store.local_models import OutboxRow
from app.store.store import Store
from app.store.sync_state import get_state
from sync import state as sync_state
from sync.writer import StoreWriter
from ui.runner import OperationRunner

ACTIVE = (OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value)
PROBLEMS = (OutboxStatus.CONFLICT.value, OutboxStatus.REJECTED.value)


class SyncBridge(QObject):
    """Signals of the sync engine and of the local store's sync bookkeeping."""

    sig_connection_changed = Signal(str, str)
    """Emitted with (state, detail): offline / connecting / syncing / online / error."""

    sig_entities_changed = Signal(object)
    """Emitted with {entity kind: set of ids} after a pull or a local write (a user action
    through the runner) committed changes."""

    sig_cases_changed = Signal(object)
    """Emitted with the set of case ids a pull or a local write changed (a subset of
    sig_entities_changed)."""

    sig_appeals_changed = Signal(object)
    """Emitted with the set of appeal ids a pull or a local write changed."""

    sig_sync_finished = Signal(object)
    """Emitted with the time (UTC) of each completed sync cycle."""

    sig_outbox_changed = Signal(int, int)
    """Emitted with (pending actions, sync problems) whenever they may have changed."""

    sig_pull_progress = Signal(int, int)
    """Emitted with (changes applied, total of this pull or -1) after each page of a pull of
    more than one page (the first start's long pull: "loading 1,200 of 31,000")."""

    sig_alert_received = Signal(object)
    """Emitted with the data of a live ``alert`` event."""

    sig_decision_step = Signal(object)
    """Emitted with a live ``decision.step`` event ``{execution_id, step, status}``."""

    sig_call_segments_received = Signal(str, object)
    """Emitted with (call id, [wire segments]) after the live stream stored new or changed
    transcript segments of that call (``LiveHandlers.on_segment``; the engine calls it only
    once the segment is committed). The call page applies the segments from this payload — no
    store re-read, no poll."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._engine: Any = None
        self._detach = None
        self.state = "offline"
        self.first_sync_done = False
        self.runner = OperationRunner(self)
        """Every user action's store write goes through it (``ui.runner``)."""
        self.pulling = False
        """True while a pull of several pages is under way (after its first page)."""

    def attach(self, engine: Any) -> None:
        """Listen to a ``sync.engine.SyncEngine``."""
        self._engine = engine
        self._detach = engine.add_listener(self._on_engine_state)
        engine.parts.changed.append(self._on_pulled)
        progress = getattr(engine.parts.puller, "progress", None)
        if isinstance(progress, list):
            progress.append(self._on_pull_progress)
        state = str(getattr(engine.state, "value", engine.state))
        if state == "offline" and not engine.detail:
            state = "connecting"  # not started yet: nothing has failed (the first start)
        self._on_engine_state(state, engine.detail)

    def detach(self) -> None:
        if self._detach is not None:
            self._detach()
            self._detach = None
        if self._engine is not None and self._on_pulled in self._engine.parts.changed:
            self._engine.parts.changed.remove(self._on_pulled)
        progress = getattr(getattr(self._engine, "parts", None), "puller", None)
        progress = getattr(progress, "progress", None)
        if isinstance(progress, list) and self._on_pull_progress in progress:
            progress.remove(self._on_pull_progress)
        self._engine = None

    @property
    def engine(self) -> Any:
        return self._engine

    @property
    def writer(self) -> StoreWriter:
        """The one store writer thread (the runner's; the engine is built with it)."""
        return self.runner.writer

    def api(self) -> Any:
        """The engine's ``sync.api.ApiClient`` (its token and connections) for online-only
        calls, or None without an engine."""
        parts = getattr(self._engine, "parts", None)
        return getattr(getattr(parts, "puller", None), "api", None)

    def request_sync(self) -> None:
        if self._engine is not None:
            self._engine.request_pull()

    # -- store facts ----------------------------------------------------------------------------
    def outbox_counts(self) -> tuple[int, int]:
        """(pending actions, sync problems): refused actions and server changes not applied."""
        with self._store.session() as session:
            rows = session.execute(
                select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
            ).all()
            not_applied = quarantine.count(session)
        counts = dict(rows)
        return (
            sum(counts.get(s, 0) for s in ACTIVE),
            sum(counts.get(s, 0) for s in PROBLEMS) + not_applied,
        )

    def last_sync_at(self) -> datetime | None:
        with self._store.session() as session:
            raw = get_state(session, sync_state.LAST_SYNC_AT)
        if not raw:
            return None
        value = datetime.fromisoformat(str(raw))
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    def server_offset_s(self) -> float:
        with self._store.session() as session:
            return float(get_state(session, sync_state.SERVER_OFFSET, 0.0) or 0.0)

    def refresh_outbox(self) -> None:
        self.sig_outbox_changed.emit(*self.outbox_counts())

    # -- engine callbacks -----------------------------------------------------------------------
    def _on_engine_state(self, state: Any, detail: str) -> None:
        self.state = str(getattr(state, "value", state))
        self.sig_connection_changed.emit(self.state, detail or "")

    def _emit_changes(self, changed: dict[str, set[str]]) -> None:
        if not changed:
            return
        self.sig_entities_changed.emit(changed)
        cases = set(changed.get("case", set()))
        if cases:
            self.sig_cases_changed.emit(cases)
        appeals = set(changed.get("appeal", set()))
        if appeals:
            self.sig_appeals_changed.emit(appeals)

    def announce_local(self, changed: Changes | None, result: Any = None) -> None:
        """For ``ui.runner``, on the GUI thread after a user action's work returned: emit what
        its committed transactions wrote, tell the engine to push when it added outbox rows,
        and refresh the outbox count. The one place this is done."""
        entities = {k: set(v) for k, v in (changed.entities if changed else {}).items() if v}
        new_rows = entities.pop(changes.OUTBOX, set())
        self._emit_changes(entities)
        if new_rows and self._engine is not None:
            self._engine.notify_local_write()  # only new rows: no push (nor sync) for nothing
        self.refresh_outbox()

    def _on_pull_progress(self, done: int, total: int | None) -> None:
        if total is None or total > done or self.pulling:
            self.pulling = total is None or total > done
            self.sig_pull_progress.emit(done, -1 if total is None else total)

    def _on_pulled(self, result: Any) -> None:
        changed: dict[str, set[str]] = dict(getattr(result, "changed", {}) or {})
        self._emit_changes({str(k): set(v) for k, v in changed.items() if v})
        self.first_sync_done = True
        self.sig_sync_finished.emit(datetime.now(UTC))
        self.refresh_outbox()

    def on_live_alert(self, data: dict) -> None:
        """For ``LiveHandlers.on_alert``."""
        self.sig_alert_received.emit(data)

    def on_live_decision_step(self, data: dict) -> None:
        """For ``LiveHandlers.on_decision_step``."""
        self.sig_decision_step.emit(data)

    def on_live_segment(self, call_id: str, segment: Any = None, _event_id: Any = None) -> None:
        """For ``LiveHandlers.on_segment`` (sync.wiring calls it after storing the segment)."""
        self.sig_call_segments_received.emit(str(call_id), [segment] if segment else [])
