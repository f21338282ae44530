"""The call page's operations, each with a success and a failure path (Anki's CollectionOp
habit): after-call work, flag / escalate, article feedback, suggestions and the transcript
backfill. The user's actions go through the operation runner (``ui.runner``: the store writer,
then the bridge told what changed); the network runs on the qasync loop; widgets are touched
only in the success / failure callbacks, on the UI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.domain.calls import Call
from app.domain.people import User
from app.rules.agent_state import AgentState, ChoiceRefused, WrapUp, check_choice
from app.rules.errors import RuleError, ValidationFailed
from app.services import call_actions
from app.store import acw_drafts
from sync.problems import ApiProblem, NetworkError
from ui.call.acw import AfterCallWorkPanel
from ui.call.feed import CallFeed, latest_customer_query
from ui.call.remote import CallRemote
from ui.call.sentiment_pane import SentimentPane
from ui.call.source import CallSource
from ui.call.suggestions import Suggestion, SuggestionsPane
from ui.context import UserInfo
from ui.runner import Op
from ui.tasks import Latest, TaskKeeper
from widgets.clock import Clock
from widgets.transcript_model import TranscriptModel

MAX_SUGGESTIONS = 6
translate = QCoreApplication.translate


class CallView(Protocol):
    """What the operations read and touch of the call page (``ui.call.page.CallPage``, which
    owns them): its parts, never the page module, so the two do not import each other."""

    call: Call | None
    user: UserInfo
    lang: str
    clock: Clock
    source: CallSource
    remote: CallRemote
    model: TranscriptModel
    feed: CallFeed
    acw: AfterCallWorkPanel
    sentiment: SentimentPane
    suggestions: SuggestionsPane

    def notify(self, severity: str, text: str) -> None: ...

    def agent_situation(self) -> tuple[bool, WrapUp | None, Any]: ...

    def on_agent_state_answer(self, entity: dict | None, error: str) -> None: ...


class CallActions(QObject):
    sig_action_saved = Signal(str, object)
    """Emitted with (intent, ActionResult) once a service wrote its outbox row."""

    sig_action_failed = Signal(str, object)
    """Emitted with (intent, {field: message}) when a service refused the input."""

    sig_suggestions_shown = Signal(str, int)
    """Emitted with (origin "server" | "local", count) each time suggestions are shown."""

    sig_backfilled = Signal(int)
    """Emitted with the number of segments a backfill added to the store."""

    def __init__(self, page: CallView, keeper: TaskKeeper) -> None:
        super().__init__(page)  # the page, a QWidget, owns the actions
        self.page = page
        self.keeper = keeper
        self._latest = Latest(keeper, owner=self)
        self._state_latest = Latest(keeper, owner=self)  # the agent's last choice wins

    def _actor(self) -> User:
        u = self.page.user
        return User(id=u.id, display_name=u.display_name, roles=list(u.roles))

    def _run(
        self,
        intent: str,
        work: Callable[..., Any],
        args: tuple,
        done: Callable[[Any], None] | None = None,
    ) -> Op:
        op = self.page.remote.runner.op(work, *args)
        op.success(lambda result: self._on_saved(intent, result, done))
        op.failure(lambda exc: self._on_failed(intent, exc))
        return op.run(intent)

    def _on_saved(self, intent: str, result: Any, done: Callable[[Any], None] | None) -> None:
        if done is not None:
            done(result)
        self.sig_action_saved.emit(intent, result)

    def _on_failed(self, intent: str, exc: Exception) -> None:
        page = self.page
        if intent == "call.after_call_work":
            page.acw.saving = False
        if isinstance(exc, ValidationFailed):
            self.sig_action_failed.emit(intent, exc.messages(page.lang))
            if intent == "call.after_call_work":
                page.acw.show_errors(exc.messages(page.lang))
            return
        text = exc.text(page.lang) if isinstance(exc, RuleError) else str(exc)
        self.sig_action_failed.emit(intent, {"": text})
        page.notify("warning", text, spoken=False)  # the runner said it

    # -- user intents -----------------------------------------------------------------------------
    def save_acw(self, form: dict) -> Op | None:
        call = self.page.call
        if call is None:
            return None
        now = self.page.clock.now()
        saved = translate("CallPage", "Saved — waiting to sync.")

        wants_case = self.page.acw.new_case.isChecked()

        def done(_result: Any) -> None:
            self.page.acw.saving = False
            self.drop_draft(call.id)
            self.page.acw.mark_saved(saved)
            saved_note = translate("CallPage", "After-call work saved.")
            self.page.notify("info", saved_note, spoken=False)  # the runner said it
            if wants_case:  # agents cannot open cases (ops_admin): ask for one via the flag
                self.flag("new_case")

        args = (self.page.source.store, self._actor(), call.id, form, now)
        self.page.acw.saving = True  # the next call waits for the outcome (page.wrap_up_waits)
        return self._run("call.after_call_work", call_actions.save_after_call_work, args, done)

    def keep_draft(self) -> asyncio.Task | None:
        """Keep the after-call work form as typed in the store (on the single writer)."""
        page = self.page
        if page.call is None or page.acw.saved or not page.acw.dirty:
            return None
        args = (page.source.store, page.call.id, page.user.id, page.acw.draft_state())

        async def work() -> None:
            await page.remote.write(acw_drafts.save, *args, page.clock.now())

        return self.keeper.start(work(), name="acw-draft")

    def drop_draft(self, call_id: str) -> asyncio.Task:
        """The after-call work of ``call_id`` was saved: its draft goes."""

        async def work() -> None:
            await self.page.remote.write(acw_drafts.discard, self.page.source.store, call_id)

        return self.keeper.start(work(), name="acw-draft-drop")

    def flag(self, reason: str) -> Op | None:
        call = self.page.call
        if call is None:
            return None
        turns = [t for t in self.page.model.turns() if t.final]
        form = {"reason": reason, "note": "", "segment_id": turns[-1].key if turns else None}
        trend = self.page.sentiment.customer_values()[-3:]
        form["note"] = f"customer trend {sum(trend) / len(trend):+.2f}" if trend else ""
        text = (
            translate("CallPage", "Supervisor flagged.")
            if reason != "escalation"
            else translate("CallPage", "Call escalated to the supervisor.")
        )

        def done(_result: Any) -> None:
            self.page.sentiment.mark_flagged(reason)
            self.page.notify("info", text, spoken=False)  # the runner said it

        args = (self.page.source.store, self._actor(), call.id, form, self.page.clock.now())
        return self._run("call.flag", call_actions.flag_supervisor, args, done)

    def rate(self, suggestion: Suggestion, helpful: bool) -> Op | None:
        call = self.page.call
        if call is None:
            return None
        form = {
            "article_id": suggestion.article_id,
            "recommendation_id": suggestion.recommendation_id,
            "helpful": helpful,
        }
        args = (self.page.source.store, self._actor(), call.id, form, self.page.clock.now())
        return self._run("knowledge.feedback", call_actions.rate_suggestion, args)

    def choose_state(self, value: str) -> asyncio.Task | None:
        """The agent chose Available / Break / Offline: checked by the rule here (for a word in
        the agent's language at once), decided by the server; the page shows the answer."""
        page = self.page
        on_call, wrap, now = page.agent_situation()
        try:
            check_choice(AgentState(value), on_call, wrap, now)
        except ChoiceRefused as exc:
            page.on_agent_state_answer(None, exc.text(page.lang))
            return None
        remote, lang = page.remote, page.lang
        offline = translate(
            "CallPage", "Not connected: your state can change once the connection is back."
        )

        async def work() -> tuple[dict | None, str]:
            try:
                entity = await remote.choose_state(value)
            except ApiProblem as exc:
                return None, problem_text(exc, lang)
            except NetworkError:
                return None, offline
            return entity, "" if entity is not None else offline

        return self._state_latest.run(work, lambda r: page.on_agent_state_answer(*r))

    # -- background -------------------------------------------------------------------------------
    def refresh_suggestions(self) -> asyncio.Task | None:
        """Server recommendations when online, else the local index; the latest request wins."""
        page = self.page
        if page.call is None:
            return None
        call_id = page.call.id
        query, trigger = latest_customer_query(page.model.turns())
        remote, source = page.remote, page.source

        async def work() -> tuple[str, str, list[Suggestion]]:
            if remote.online():
                recs = await remote.recommendations(call_id)
                if recs:
                    rows = [Suggestion.from_wire(r) for r in recs[:MAX_SUGGESTIONS]]
                    return call_id, "server", rows
            if not query:
                return call_id, "local", []
            hits = await asyncio.to_thread(source.search, query, MAX_SUGGESTIONS)
            return call_id, "local", [Suggestion(h.id, h.title, trigger=trigger) for h in hits]

        def show(result: tuple[str, str, list[Suggestion]]) -> None:
            shown_for, origin, rows = result
            if page.call is None or page.call.id != shown_for:
                return
            page.suggestions.set_suggestions(rows, origin)
            self.sig_suggestions_shown.emit(origin, len(rows))

        return self._latest.run(work, show)

    def backfill(self) -> asyncio.Task | None:
        """After opening a call or a reconnect: fetch the transcript so far, store what is
        missing, and read it into the model (in order, without duplicates)."""
        page = self.page
        if page.call is None or page.remote.api() is None:
            return None
        call_id = page.call.id

        async def work() -> None:
            added = await page.remote.backfill(call_id)
            if added is None:
                return
            if page.call is not None and page.call.id == call_id:
                page.feed.poll()
            self.sig_backfilled.emit(added)

        return self.keeper.start(work(), name="call-backfill")


def problem_text(problem: ApiProblem, lang: str) -> str:
    """A refusal in the user's language: the server writes rule errors as "English / 한국어"."""
    en, sep, ko = (problem.detail or "").partition(" / ")
    if sep:
        return en if lang == "en" else ko
    return problem.detail or problem.message()
