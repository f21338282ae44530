"""Page ``call``: the live call workspace (seed 004 상담원 화면).

Left: who is calling (customer card, SLA) and after-call work. Centre: the live transcript with
search. Right: sentiment (mood, alert, chart), knowledge suggestions, the opened article.
Agents get the call assigned to them opened automatically (with a notification); supervisors
pick from the live calls. Nothing waits on the network: the transcript comes from the local
store, suggestions fall back to the local index, actions go to the outbox.

Wrap-up (app.rules.agent_state): the after-call work form is kept in the store as the agent types
(``app.store.acw_drafts``); the next call waits while the previous call's work is unsaved — even
when the server timed the wrap-up out — and opens once it is saved. The header shows the agent's
state. Notifications float over the top of the page, newest first, without moving the layout.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.calls import Call
from app.domain.enums import Action, CallState
from app.rules.access import can
from app.rules.agent_state import (
    AgentState,
    WrapUp,
    chosen_state,
    may_choose,
    next_call_waits,
    state_of,
)
from app.rules.pii import mask_call_id, mask_name, sees_full_names
from app.services.call_actions import draft_summary
from app.text.labels import label_of
from ui.accessibility import announce_transcript
from ui.call.actions import CallActions
from ui.call.acw import AfterCallWorkPanel
from ui.call.agent_state import AgentStateChooser
from ui.call.customer_card import CustomerCard
from ui.call.feed import CallFeed
from ui.call.remote import CallRemote
from ui.call.sentiment_pane import SentimentPane
from ui.call.source import CallSource
from ui.call.suggestions import ArticlePane, SuggestionsPane
from ui.context import UserInfo
from ui.tasks import TaskKeeper
from widgets.a11y import announce
from widgets.banner import NotificationBanner
from widgets.clock import Clock
from widgets.formatting import language
from widgets.transcript import TranscriptSearchBar, TranscriptView
from widgets.transcript_model import TranscriptModel, turn_as_text

OFFLINE_STATES = ("offline", "error")


class CallPage(QWidget):
    """Page ``call``."""

    sig_call_opened = Signal(str)
    """Emitted with the call id each time a call is shown ("" for none)."""

    sig_notice = Signal(str, str)
    """Emitted with (severity, text) for each notification the page raises."""

    def __init__(
        self,
        source: CallSource,
        remote: CallRemote,
        clock: Clock,
        keeper: TaskKeeper,
        user: UserInfo,
        lang: str = "ko",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callPage")
        self.source, self.remote, self.clock, self.user, self.lang = (
            source,
            remote,
            clock,
            user,
            lang,
        )
        self.call: Call | None = None
        self.is_agent = bool(can(user.roles, Action.AFTER_CALL_WORK))
        self.model = TranscriptModel(self)
        self.feed = CallFeed(source, self.model, self)
        self.banner = NotificationBanner(self, newest_first=True)  # floats: see _place_banner
        self.title = QLabel(self.tr("Live call"), self)
        self.title.setObjectName("pageTitle")
        self.picker = QComboBox(self)
        self.picker.setObjectName("callPicker")
        self.picker.setAccessibleName(self.tr("Live calls"))
        self.picker.setMinimumContentsLength(28)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("callState")
        self.agent_state_label = QLabel(self)
        self.agent_state_label.setObjectName("agentState")
        self.agent_state_label.setAccessibleName(self.tr("Your state"))
        self.waiting_call_id: str | None = None
        self.chosen = AgentState.AVAILABLE  # what the agent chose, as the server keeps it
        self.chooser = AgentStateChooser(self)
        longest = max(
            (
                self.tr("{state} · next call waiting").format(state=self.agent_state_text(st))
                for st in AgentState
            ),
            key=self.agent_state_label.fontMetrics().horizontalAdvance,
        )
        self.agent_state_label.setMinimumWidth(
            self.agent_state_label.fontMetrics().horizontalAdvance(longest) + 12
        )  # a fixed place: the floating banner beside it never covers it
        self.agent_state_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.offline_label = QLabel(
            self.tr("⚠ Offline — transcript kept, catching up on reconnect"), self
        )
        self.offline_label.setObjectName("offlineNotice")
        self.offline_label.hide()
        self.card = CustomerCard(self)
        self.card.mask_names = not sees_full_names(user.roles)  # supervisors: 김*훈, no call ids
        self.acw = AfterCallWorkPanel(lang, self)
        self.transcript = TranscriptView(self)
        self.transcript.setModel(self.model)
        self.search = TranscriptSearchBar(self.transcript, self)
        self.sentiment = SentimentPane(self)
        self.suggestions = SuggestionsPane(self)
        self.article = ArticlePane(self)
        self.article.hide()
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.actions = CallActions(self, keeper)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(600)
        self._auto_draft = ""
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(400)
        self._build()
        self._wire()
        self._apply_access()

    # -- construction -----------------------------------------------------------------------------
    def _build(self) -> None:
        head = QHBoxLayout()
        head.setContentsMargins(16, 10, 16, 4)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.picker)
        head.addWidget(self.state_label)
        head.addStretch(1)
        head.addWidget(self.offline_label)
        head.addSpacing(12)
        head.addWidget(self.agent_state_label)
        head.addSpacing(8)
        head.addWidget(self.chooser)
        left = QWidget(self)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(self.card)
        lcol.addWidget(self.acw, 1)
        center = QWidget(self)
        ccol = QVBoxLayout(center)
        ccol.setContentsMargins(0, 0, 0, 0)
        ccol.addWidget(self.search)
        ccol.addWidget(self.transcript, 1)
        ccol.addWidget(self.empty)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setObjectName("callRightColumn")
        right.addWidget(self.sentiment)
        right.addWidget(self.suggestions)
        right.addWidget(self.article)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setStretchFactor(2, 3)
        right.setChildrenCollapsible(False)
        self.columns = QSplitter(Qt.Orientation.Horizontal, self)
        self.columns.setObjectName("callColumns")
        for widget in (left, center, right):
            self.columns.addWidget(widget)
        self.columns.setStretchFactor(0, 0)
        self.columns.setStretchFactor(1, 1)
        self.columns.setStretchFactor(2, 0)
        char = self.fontMetrics().averageCharWidth()
        self.columns.setSizes([char * 46, char * 80, char * 58])
        self.columns.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        body = QHBoxLayout()
        body.setContentsMargins(12, 4, 12, 12)
        body.addWidget(self.columns)
        layout.addLayout(body, 1)

    def _wire(self) -> None:
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search.focus)
        self.picker.activated.connect(self._on_call_picked)
        self.model.sig_turn_finalised.connect(self._on_turn_finalised)
        self.model.sig_summary_received.connect(self._on_summary_received)
        self.model.rowsInserted.connect(self._on_rows_inserted)
        self._suggest_timer.timeout.connect(self.actions.refresh_suggestions)
        self.sentiment.sig_alert_raised.connect(self._on_alert_raised)
        self.sentiment.sig_flag_requested.connect(self.actions.flag)
        self.suggestions.sig_article_requested.connect(self._on_article_requested)
        self.suggestions.sig_add_to_summary.connect(self.add_to_summary)
        self.article.sig_add_to_summary.connect(self.add_to_summary)
        self.article.sig_feedback_given.connect(self.actions.rate)
        self.chooser.sig_state_chosen.connect(self.actions.choose_state)
        self.acw.sig_save_requested.connect(self.actions.save_acw)
        self.acw.sig_redraft_requested.connect(lambda: self._draft(force=True))
        self.acw.sig_form_edited.connect(self._draft_timer.start)
        self._draft_timer.timeout.connect(self.actions.keep_draft)
        self.actions.sig_action_saved.connect(self._on_action_saved)
        self.clock.sig_tick.connect(self._on_tick)

    def _apply_access(self) -> None:
        verdict = can(self.user.roles, Action.AFTER_CALL_WORK)
        why = verdict.text(self.lang) if not verdict else ""
        self.sentiment.set_actions_allowed(bool(verdict), why)
        self.acw.setEnabled(bool(verdict) and self.call is not None)  # no call, no form
        self.acw.setToolTip(why)
        self.picker.setVisible(not self.is_agent)
        self.chooser.setVisible(self.is_agent)

    def connect_bridge(self, bridge) -> None:
        """Listen to the sync bridge: pulled call changes, stored live segments (the segments
        come in the signal) and the connection state."""
        bridge.sig_entities_changed.connect(self.on_entities_changed)
        bridge.sig_call_segments_received.connect(self.feed.on_segments_received)
        bridge.sig_connection_changed.connect(self.on_connection_changed)
        self.on_connection_changed(bridge.state, "")

    # -- opening calls ----------------------------------------------------------------------------
    def load_now(self, call_id: str | None = None) -> None:
        """Show ``call_id``, else the agent's assigned call, else the newest live call."""
        self.refresh_picker()
        self._read_chosen()
        if call_id:
            self.open_call(call_id)
            return
        call = self.source.assigned_call(self.user.id) if self.is_agent else None
        if call is None and not self.is_agent:
            live = self.source.live_calls()
            call = live[0] if live else None
        self.open_call(call.id if call else None)

    def open_call(self, call_id: str | None) -> None:
        call = self.source.call(call_id) if call_id else None
        self.call = call
        self.sentiment.reset()
        self.article.hide()
        self.suggestions.set_suggestions([], "")
        self._auto_draft = ""
        now = self.clock.now()
        self._draft_timer.stop()
        if call is None:
            self.card.clear()
            self.acw.reset([], now)
            self._apply_access()
            self.feed.open(None)
            self._show_empty(True)
            self.state_label.setText("")
            self._show_agent_state()
            self.sig_call_opened.emit("")
            return
        queue_name, policy = self.source.queue_info(call.queue)
        cases = self.source.open_cases(call)
        self.card.set_call(call, queue_name, policy, cases, self.source.timeline(call), now)
        self.acw.reset([c.id for c in cases], now)
        kept = self.source.acw_draft(call.id) if self.is_agent else None
        if kept is not None and not call.disposition:
            self.acw.restore(kept)  # the agent's unsaved work on this call, as they left it
        self._apply_access()
        self._show_empty(False)
        self.feed.open(call.id)
        self._select_in_picker(call.id)
        self._on_call_updated(call, opened=True)
        self.actions.backfill()
        self._suggest_timer.start()
        self.sig_call_opened.emit(call.id)

    def refresh_picker(self) -> None:
        current = self.call.id if self.call else None
        self.picker.blockSignals(True)
        self.picker.clear()
        for call in self.source.live_calls():
            text = f"{self._who(call)} · {self.card.flow_text(call.flow)}"
            self.picker.addItem(f"{text} · {self.state_text(call.state)}", call.id)
        if current and self.picker.findData(current) < 0 and self.call is not None:
            self.picker.addItem(
                f"{self._who(self.call)} · {self.state_text(self.call.state)}", current
            )
        self.picker.blockSignals(False)
        if current:
            self._select_in_picker(current)

    def _who(self, call: Call) -> str:
        """The caller as the picker names them: the name (masked for a supervisor-only user),
        else a short call reference — never a raw call id on a shared screen."""
        if self.card.mask_names:
            return mask_name(call.customer.name) or mask_call_id(call.id)
        return call.customer.name or call.id

    def _select_in_picker(self, call_id: str) -> None:
        i = self.picker.findData(call_id)
        if i >= 0:
            self.picker.setCurrentIndex(i)

    def state_text(self, state: CallState) -> str:
        return {
            CallState.RINGING: self.tr("ringing"),
            CallState.CONNECTED: self.tr("on call"),
            CallState.ACW: self.tr("wrap-up"),
            CallState.ENDED: self.tr("ended"),
        }[state]

    def _show_empty(self, empty: bool) -> None:
        if empty:
            self.empty.setText(
                self.tr("No call assigned to you yet. It opens here when one is connected.")
                if self.is_agent
                else self.tr("No live call. Pick one from the list when calls come in.")
            )
        self.empty.setVisible(empty)
        self.transcript.setVisible(not empty)
        self.search.setVisible(not empty)

    def _on_call_updated(self, call: Call, *, opened: bool = False) -> None:
        self.call = call
        self.state_label.setText(self.state_text(call.state))
        self.state_label.setProperty("state", call.state.value)
        if call.state in (CallState.ACW, CallState.ENDED):
            self.sentiment.finish()
        if call.state is CallState.ACW:
            self.acw.start_timer(self.clock.now())
            self._draft()
            if not opened:
                self.notify("info", self.tr("The call ended — after-call work is open."))
        if call.state is CallState.ENDED:
            self.feed.poll()
            if call.disposition:
                self.acw.mark_saved(self.tr("After-call work saved."))
            elif not opened and self.wrap_up_waits():
                self.notify(
                    "warning",
                    self.tr(
                        "Wrap-up time is over. Your after-call work is kept: save it to take "
                        "the next call."
                    ),
                )
        self._show_agent_state()

    # -- handlers ---------------------------------------------------------------------------------
    def on_entities_changed(self, changed: dict) -> None:
        if self.user.id in set(changed.get("user", set())):
            self._read_chosen()
        ids = set(changed.get("call", set()))
        if not ids:
            return
        self.refresh_picker()
        if self.call is not None and self.call.id in ids:
            fresh = self.source.call(self.call.id)
            if fresh is not None:
                self._on_call_updated(fresh)
        if self.is_agent:
            self._open_assigned()

    def wrap_up_waits(self) -> bool:
        """Whether this call's after-call work holds the next call (app.rules.agent_state)."""
        if self.call is None or not self.is_agent:
            return False
        if self.acw.saving:
            return True  # the save's outcome comes first (a refusal keeps the agent here)
        saved = self.acw.saved or bool(self.call.disposition)
        return next_call_waits(self.acw.dirty, saved)

    def agent_situation(self) -> tuple[bool, WrapUp | None, datetime]:
        """(on a call, the wrap-up holding the agent, now) for app.rules.agent_state."""
        call, now = self.call, self.clock.now()
        on_call = call is not None and call.state in (CallState.RINGING, CallState.CONNECTED)
        holding = call is not None and (
            (call.state is CallState.ACW and not self.acw.saved) or self.wrap_up_waits()
        )
        wrap = WrapUp(call.id, now) if holding and call is not None else None
        return on_call, wrap, now

    def agent_state(self) -> AgentState:
        """The agent's state now: on a call, in after-call work, else the state they chose."""
        on_call, wrap, now = self.agent_situation()
        return state_of(self.chosen, on_call, wrap, now)

    def _read_chosen(self) -> None:
        if self.is_agent:
            self.chosen = chosen_state(self.source.chosen_agent_state(self.user.id))
            self.chooser.set_chosen(self.chosen)
            self._show_agent_state()

    def on_agent_state_answer(self, entity: dict | None, error: str) -> None:
        """The server's answer to the agent's choice: the user entity, or why not."""
        if entity is None:
            self.chooser.set_chosen(self.chosen)  # back to what holds
            self.notify("warning", error)
            return
        self.chosen = chosen_state(entity.get("agent_state"))
        self.chooser.set_chosen(self.chosen)
        self._show_agent_state()
        self.notify(
            "info", self.tr("Your state: {state}").format(state=self.agent_state_text(self.chosen))
        )

    def agent_state_text(self, state: AgentState) -> str:
        return label_of("AgentState", state.value, language())

    def _show_agent_state(self) -> None:
        if not self.is_agent:
            self.agent_state_label.hide()
            return
        state = self.agent_state()
        on_call, wrap, now = self.agent_situation()
        allowed = may_choose(self.chosen, on_call, wrap, now)
        self.chooser.set_allowed(
            allowed,
            self.tr("Your state can change after the call and its after-call work."),
        )
        text = self.agent_state_text(state)
        if self.waiting_call_id:
            text = self.tr("{state} · next call waiting").format(state=text)
        self.agent_state_label.setText(text)
        self.agent_state_label.setProperty("state", state.value)
        QTimer.singleShot(0, self._place_banner)

    def _open_assigned(self) -> None:
        """Open the call newly assigned to this agent unless they are still on another one or
        its after-call work is unsaved (then the next call waits, with a word)."""
        assigned = self.source.assigned_call(self.user.id)
        if assigned is None or (self.call is not None and assigned.id == self.call.id):
            return
        busy = self.call is not None and self.call.state in (CallState.CONNECTED, CallState.ACW)
        if busy or self.wrap_up_waits():
            if self.wrap_up_waits() and self.waiting_call_id != assigned.id:
                self.waiting_call_id = assigned.id
                self.notify(
                    "warning",
                    self.tr("Next call waiting. Save the after-call work to take it."),
                )
                self._show_agent_state()
            return
        self.waiting_call_id = None
        self.banner.clear()  # news of the previous call (wrap-up, waiting) is stale now
        self.open_call(assigned.id)
        name = assigned.customer.name or assigned.id
        self.notify("warning", self.tr("New call assigned: {name}").format(name=name))
        QApplication.alert(self.window(), 3000)

    def on_connection_changed(self, state: str, _detail: str) -> None:
        offline = state in OFFLINE_STATES
        was_offline = self.offline_label.isVisible()
        self.offline_label.setVisible(offline)
        QTimer.singleShot(0, self._place_banner)  # the header's right part changed
        if offline and not was_offline and self.call is not None:
            self.notify(
                "warning",
                self.tr(
                    "Connection lost. The transcript is kept; missing turns arrive on reconnect."
                ),
            )
        if state == "online" and was_offline:
            self.actions.backfill()

    def _on_call_picked(self, index: int) -> None:
        call_id = self.picker.itemData(index)
        if call_id and (self.call is None or call_id != self.call.id):
            self.open_call(call_id)

    def _on_turn_finalised(self, row: int) -> None:
        turn = self.model.turn(row)
        if turn.begin_ms < self.sentiment.last_begin():
            self.sentiment.rebuild(self.model.turns())
        else:
            self.sentiment.add_turn(turn)
        if turn.role.value == "CUSTOMER":
            self._suggest_timer.start()
        if announce_transcript():  # a setting, off by default (agents listen to the call)
            announce(self.transcript, turn_as_text(turn))
        self._draft()  # the summary drafts itself as the call goes, until the agent edits it

    def _on_rows_inserted(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        if self.empty.isVisible() and self.call is not None:
            self._show_empty(False)

    def _on_summary_received(self, _text: str) -> None:
        self._draft()

    def _draft(self, *, force: bool = False) -> None:
        if not force and self.acw.summary.hasFocus():
            return  # never rewrite (or move the cursor of) the summary the agent is in
        text = draft_summary(self.model.segments, self.lang)
        current = self.acw.summary.toPlainText().strip()
        if force or not current or current == self._auto_draft.strip():
            self.acw.set_draft(text, force=True)
            self._auto_draft = text

    def _on_alert_raised(self, trend: float) -> None:
        self.notify(
            "warning",
            self.tr("Customer sentiment is turning negative (trend {trend:+.2f}).").format(
                trend=trend
            ),
        )
        QApplication.alert(self.window(), 3000)

    def _on_article_requested(self, suggestion) -> None:
        self.article.show_article(suggestion, self.source.article(suggestion.article_id))

    def add_to_summary(self, suggestion) -> None:
        """A reference line (the article's title and id) goes into the after-call summary;
        the agent's cursor and focus stay where they are, the draft is kept in the store."""
        if self.call is None or not self.acw.isEnabled() or self.acw.saved:
            self.notify("info", self.tr("There is no after-call summary to add to."))
            return
        article = self.source.article(suggestion.article_id)
        title = article.title if article is not None else suggestion.title
        line = self.tr("Article: {title} ({id})").format(title=title, id=suggestion.article_id)
        if self.acw.add_reference(line):
            self.notify("info", self.tr("Added to the summary: {title}").format(title=title))
        else:
            self.notify("info", self.tr("Already in the summary: {title}").format(title=title))

    def _on_tick(self, now) -> None:
        if self.call is None or self.call.state in (CallState.RINGING, CallState.CONNECTED):
            self.card.tick(now)  # the SLA countdown stops with the call
        self.acw.tick(now)

    def _on_action_saved(self, intent: str, _result) -> None:
        if intent != "call.after_call_work" or self.call is None:
            return
        self._show_agent_state()
        if self.is_agent:
            self._open_assigned()  # the next call waited for this

    def notify(self, severity: str, text: str) -> None:
        self.banner.show_message(text, severity)
        self._place_banner()
        QTimer.singleShot(0, self._place_banner)  # again once the header's layout settled
        self.sig_notice.emit(severity, text)

    def _place_banner(self) -> None:
        """The banner floats in the header row, between the call's state and the agent's
        state: showing or hiding it never moves what the agent is about to click."""
        left = self.state_label.geometry().right() + 24
        right = self.agent_state_label.geometry().left() - 16
        if self.offline_label.isVisible():
            right = self.offline_label.geometry().left() - 16
        if right - left < 360:  # a narrow window: the right part of the header row
            left, right = self.width() // 3, self.width() - 16
        height = self.banner.sizeHint().height()
        top = max(2, (self.columns.geometry().top() - height) // 2)
        self.banner.setGeometry(left, top, right - left, height)
        self.banner.raise_()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_banner()

    def screenshot_ready(self) -> bool:
        """For ``--screenshot``: a call is showing with a few turns (transcript, chart, card)."""
        return self.call is not None and self.model.rowCount() >= 6

    def show_entity(self, call_id: str) -> None:
        """``--page call --id CALL_ID`` (MainWindow.show_page)."""
        self.open_call(call_id)

    def shutdown(self) -> None:
        self._suggest_timer.stop()
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.actions.keep_draft()
