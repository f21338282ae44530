"""The case detail page (``--page case --id CASE_ID``): SLA header, every section of the case, the
timeline, and the runbook actions as forms (A approve, D deny, R request docs, E escalate,
C comment; J / K next / previous case in the inbox order)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain.cases import Case, Task
from app.domain.enums import Action
from app.rules import access
from app.rules.lifecycle import ACTIVE_STATUSES
from app.services.common import today_kst
from app.services.problems import get_draft
from app.store.inbox import InboxFilter, inbox_ids
from app.store.lookups import appeals_for_case, get_case, tasks_for_case
from app.store.models import CaseRow, UserRow
from app.text.labels import label
from ui.case import confirm
from ui.case.action_form import ActionForm
from ui.case.actions import BY_ACTION, SPECS, action_title, availability, open_task_of
from ui.case.timeline import TimelineModel
from ui.case.unmask_panel import UnmaskPanel
from ui.context import AppContext
from ui.wiring import domain_user
from widgets import case_sections as sections
from widgets.flow_layout import FlowLayout
from widgets.info_panels import InfoGroup, SlaBadge
from widgets.reflow_area import ReflowArea
from widgets.table_view import set_up_table

NAV_IDS = 2_000_000  # J / K without an inbox walk the whole active list, as the inbox would


class CasePage(QWidget):
    """Page ``case``. ``show_case(id)`` loads a case from the local store."""

    sig_case_loaded = Signal(str)
    """Emitted with the case id each time the page (re)loaded a case."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePage")
        # the page itself takes the keyboard when shown, so A / D / R / E / C work at once
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Case page"))  # a Tab stop, so it has a name
        self.context = context
        self.user = domain_user(context)
        self.case: Case | None = None
        self.awaited: str | None = None  # a case asked for before it synced (--page case --id)
        self.task: Task | None = None
        self._names: dict[str, str] = {}
        self._hooked = False
        self.title = QLabel(self.tr("No case open"), self)
        self.title.setObjectName("pageTitle")
        self.status = QLabel(self)
        self.status.setObjectName("caseStatus")
        self.sla = SlaBadge(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingSync")
        self.notice = QLabel(self)
        self.notice.setObjectName("caseNotice")
        self.notice.setWordWrap(True)
        self.actions_by: dict[Action, QAction] = {}
        self.buttons: dict[Action, QToolButton] = {}
        self.forms: dict[Action, ActionForm] = {}
        self.form_stack = QStackedWidget(self)
        self.timeline = TimelineModel(self)
        self.timeline_view = QTableView(self)
        self.groups = {
            key: InfoGroup(title, self)
            for key, title in (
                ("decision", self.tr("Decision context")),
                ("application", self.tr("Application")),
                ("credit", self.tr("Credit and income")),
                ("customer", self.tr("Customer")),
                ("outcome", self.tr("Review outcome")),
                ("documents", self.tr("Documents")),
                ("tasks", self.tr("Tasks")),
                ("appeals", self.tr("Related appeals")),
            )
        }
        self.unmask_button = QPushButton(self.tr("Unmask identifiers"), self)
        self.unmask_button.setObjectName("unmaskButton")
        self.unmask_panel = UnmaskPanel(context, self)
        self._build()
        context.bridge.sig_cases_changed.connect(self._on_cases_changed)
        context.bridge.sig_sync_finished.connect(self._on_sync_finished)
        context.clock.sig_tick.connect(self._on_tick)

    # -- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.status)
        head.addWidget(self.sla)
        head.addStretch(1)
        head.addWidget(self.pending)
        bar_row = QWidget(self)
        bar = FlowLayout(bar_row)  # the action buttons wrap at a large font (issue 22)
        bar.setContentsMargins(0, 0, 0, 0)
        menu = QMenu(self)
        for spec in SPECS:
            text = action_title(spec.action)
            action = QAction(f"{text} ({spec.shortcut})" if spec.shortcut else text, self)
            action.setObjectName(f"case_{spec.action.value}")
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, a=spec.action: self.open_action(a))
            self.addAction(action)
            menu.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"button_{spec.action.value}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.actions_by[spec.action], self.buttons[spec.action] = action, button
            bar.add(button)
            form = ActionForm(
                spec,
                self.context.store,
                self.user,
                self.context.lang,
                self.context.clock.now,
                self.context.runner,
            )
            form.sig_action_submitted.connect(self._on_action_submitted)
            form.set_confirmation(
                lambda values, a=spec.action: confirm.summary(
                    a, self.case, values, self.context.lang, today_kst(self.context.clock.now())
                )
            )
            form.sig_form_cancelled.connect(self.close_form)
            self.forms[spec.action] = form
        more = QToolButton(self)
        more.setText(self.tr("All actions"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setMenu(menu)
        bar.add(more)
        hint = QLabel(
            self.tr(
                "Choose an action above or press its key: A approve, D deny, R request "
                "documents, E escalate, C comment. J / K: next / previous case."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("emptyState")
        hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.form_stack.addWidget(hint)
        for form in self.forms.values():
            self.form_stack.addWidget(form)
        self.groups["customer"].add_footer(self.unmask_button)
        self.groups["customer"].add_footer(self.unmask_panel)
        self.unmask_panel.hide()
        self.unmask_button.clicked.connect(self._on_unmask_clicked)
        self.unmask_button.setVisible(bool(access.can(self.user.roles, Action.UNMASK)))
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setChildrenCollapsible(False)
        body.addWidget(self._sections_area())
        body.addWidget(self._right_column())
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([600, 400])  # 3 : 2 from the start (size hints gave the forms half and
        # clipped the sections with a scroll bar at 1440 px)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(head)
        layout.addWidget(bar_row)
        layout.addWidget(self.notice)
        layout.addWidget(body, 1)
        self.notice.hide()

    def _sections_area(self) -> QScrollArea:
        """The case's sections, two a row when they fit side by side, else one (issue 22)."""
        order = ("decision", "application", "credit", "customer", "outcome", "documents")
        return ReflowArea([self.groups[k] for k in (*order, "tasks", "appeals")], self)

    def _right_column(self) -> QSplitter:
        box = QGroupBox(self.tr("Action"), self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.form_stack)
        view = set_up_table(
            self.timeline_view,
            self.timeline,
            name="caseTimeline",
            accessible_name=self.tr("Notes, comments and audit trail"),
            row_pad=10,
        )
        trail = QGroupBox(self.tr("Notes, comments and audit trail"), self)
        QVBoxLayout(trail).addWidget(view)
        column = QSplitter(Qt.Orientation.Vertical, self)
        column.setChildrenCollapsible(False)
        column.addWidget(box)
        column.addWidget(trail)
        column.setStretchFactor(0, 3)
        column.setStretchFactor(1, 2)
        return column

    # -- loading --------------------------------------------------------------------------------
    def select_case(self, case_id: str) -> bool:
        """Same as :meth:`show_case` (the shell's ``show_page(name, id)`` calls this name)."""
        return self.show_case(case_id)

    def show_case(self, case_id: str) -> bool:
        if self.case is None or self.case.id != case_id:
            self.close_form()
            self.notice.hide()
        store = self.context.store
        with store.session() as s:
            case = get_case(s, case_id)
            if case is None:  # not synced yet: it opens by itself when a pull brings it
                self.awaited = case_id
                self.title.setText(
                    self.tr("Case {id} has not arrived yet; it opens as soon as it syncs").format(
                        id=case_id
                    )
                )
                return False
            tasks = tasks_for_case(s, case_id)
            appeals = appeals_for_case(s, case_id)
            pending = s.execute(
                select(CaseRow.pending_sync).where(CaseRow.id == case_id)
            ).scalar_one_or_none()
            self._names = dict(s.execute(select(UserRow.id, UserRow.display_name)).all())
        self.case, self.task = case, open_task_of(tasks)
        self.awaited = None
        self._fill(case, tasks, appeals, int(pending or 0))
        self.sig_case_loaded.emit(case_id)
        return True

    def reload(self) -> None:
        if self.case is not None:
            self.show_case(self.case.id)

    def _fill(self, case: Case, tasks: list[Task], appeals: list, pending: int) -> None:
        lang = self.context.lang
        korean = lang == "ko"
        self.title.setText(
            self.tr("Case {id} · {name}").format(id=case.id, name=case.customer.name)
        )
        self.status.setText(
            f"{case.priority.value.upper()} · {sections.status_text(case.status.value)}"
            f" · {label(case.escalation_level, lang)}"
        )
        self.sla.set_sla(case.sla, self.context.clock.now())
        self.pending.setText(
            self.tr("⟳ Pending sync ({n})").format(n=pending) if pending else self.tr("✓ Synced")
        )
        self.pending.setProperty("pending", bool(pending))
        g = self.groups
        g["decision"].set_rows(sections.decision_rows(case))
        g["application"].set_rows(sections.application_rows(case, korean))
        g["credit"].set_rows(sections.credit_rows(case, korean))
        g["customer"].set_rows(sections.customer_rows(case))
        g["outcome"].set_rows(sections.outcome_rows(case, self._names, lang))
        g["documents"].set_rows(sections.document_rows(case))
        g["tasks"].set_rows(sections.task_rows(tasks, self._names))
        g["appeals"].set_rows(sections.appeal_rows(appeals))
        self.timeline.set_entries(case.timeline, self._names, lang)
        self._update_actions()

    def _update_actions(self) -> None:
        case, lang = self.case, self.context.lang
        for spec in SPECS:
            action = self.actions_by[spec.action]
            if case is None:
                action.setEnabled(False)
                continue
            verdict = availability(spec, case, self.task, self.user)
            action.setEnabled(bool(verdict))
            keys = f" — {spec.shortcut}" if spec.shortcut else ""
            why = verdict.text(lang) if not verdict else action_title(spec.action) + keys
            action.setToolTip(why)
            self.buttons[spec.action].setToolTip(why)
            self.forms[spec.action].set_target(
                (self.task.id if self.task else "") if spec.on_task else case.id
            )

    # -- actions --------------------------------------------------------------------------------
    def open_action(self, action: Action) -> ActionForm | None:
        """Show the form of ``action`` if it is allowed now."""
        qaction = self.actions_by[action]
        if self.case is None or not qaction.isEnabled():
            return None
        form = self.forms[action]
        spec = BY_ACTION[action]
        intent = f"{'task' if spec.on_task else 'case'}.{action.value}"
        draft = get_draft(self.context.store, intent, form.target_id)
        if draft and not form.values():  # "copy to a new draft" from Sync problems
            form.fields.set_values(draft)
        self.form_stack.setCurrentWidget(form)
        form.fields.focus_first()
        return form

    def close_form(self) -> None:
        had_focus = self.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self.form_stack.setCurrentIndex(0)
        if had_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # the action keys work again

    def focus_target(self) -> QWidget:
        """Where the keyboard goes when the page is shown: the page (its action keys)."""
        return self

    def current_form(self) -> ActionForm | None:
        widget = self.form_stack.currentWidget()
        return widget if isinstance(widget, ActionForm) else None

    def step(self, delta: int) -> str | None:
        """J / K: the next / previous case in the inbox's order."""
        order = self._inbox_order()
        if not order:
            return None
        current = self.case.id if self.case else None
        index = order.index(current) + delta if current in order else 0
        index = max(0, min(index, len(order) - 1))
        target = order[index]
        self.show_case(target)
        inbox = getattr(self.window(), "inbox", lambda: None)()
        if inbox is not None:
            inbox.select_case(target)
        return target

    def _inbox_order(self) -> list[str]:
        inbox = getattr(self.window(), "inbox", lambda: None)()
        if inbox is not None and inbox.model.rowCount():
            return [inbox.model.id_at(r) for r in range(inbox.model.rowCount())]
        f = InboxFilter(me=self.user.id, statuses=ACTIVE_STATUSES)
        with self.context.store.engine.connect() as conn:  # Core: light for long id lists
            return inbox_ids(conn, f, self.context.clock.now(), 0, NAV_IDS)

    def _hook_navigation(self) -> None:
        """J / K belong to the window (its next_case / previous_case actions); follow them when
        this page is showing, or own them when the page stands alone."""
        if self._hooked:
            return
        self._hooked = True
        window = self.window()
        for name, delta in (("next_case", 1), ("previous_case", -1)):
            shell = window.findChild(QAction, name) if window is not self else None
            if shell is not None:
                shell.triggered.connect(lambda _=False, d=delta: self._on_shell_move(d))
                continue
            own = QAction(self)
            own.setObjectName(f"case_{name}")
            own.setShortcut(QKeySequence("J" if delta > 0 else "K"))
            own.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            own.triggered.connect(lambda _=False, d=delta: self.step(d))
            self.addAction(own)

    # -- handlers -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self._hook_navigation()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.unmask_panel.hide_value()  # leaving the page takes a full value off the screen
        super().hideEvent(event)

    def _on_shell_move(self, delta: int) -> None:
        if self.isVisible() and self.current_form() is None:
            self.step(delta)

    def _on_action_submitted(self, action: Action, _result) -> None:
        """The runner already announced the write (the bridge's change signals reload this page
        and update every other page that shows the case); the form closes and the page says the
        action is saved and waits to sync."""
        case_id = self.case.id if self.case else ""
        self.notice.setText(
            self.tr("{action}: saved for case {id} — waiting to sync.").format(
                action=action_title(action), id=case_id
            )
        )
        self.notice.show()
        self.close_form()
        if self.isVisible():
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # the action keys work again
        self.reload()

    def _on_unmask_clicked(self) -> None:
        """Ask for the identifier and a reason; the value comes from the server, for 60 s."""
        if self.case is not None:
            c = self.case.customer
            have = {"resident_id": c.resident_id, "account_id": c.account_id, "phone": c.phone}
            self.unmask_panel.open_for(self.case.id, [k for k, v in have.items() if v])

    def _on_cases_changed(self, case_ids: set[str]) -> None:
        if self.awaited is not None and self.awaited in case_ids:
            self.show_case(self.awaited)
        elif self.case is not None and self.case.id in case_ids and self.current_form() is None:
            self.reload()

    def _on_sync_finished(self, _at) -> None:
        if self.awaited is not None:
            self.show_case(self.awaited)
        elif self.current_form() is None:
            self.reload()

    def _on_tick(self, now) -> None:
        if self.case is not None and self.isVisible():
            self.sla.set_sla(self.case.sla, now)
