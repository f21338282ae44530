"""The decision page (seed 002): question and sub-queries, the workflow's steps, the THREE
OPTIONS SIDE BY SIDE, and below them the metrics matrix, charts, what-if weights, success
probability and validator in tabs beside the approval form. Everything comes from the local
store; actions go through app.services.decision_actions (optimistic change + outbox row), run by
the operation runner (``ui.runner``) on the store writer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import WorkflowStatus, default_steps
from app.domain.enums import Action
from app.domain.people import User
from app.rules import access
from app.rules.errors import RuleError, ValidationFailed
from app.rules.options import METRIC_WEIGHTS, normalise_weights, rank_of, rank_options
from app.services import decision_actions
from app.text.josa import fill
from app.text.labels import label, label_of
from ui.decision.approval_form import ApprovalForm
from ui.decision.ask_dialog import AskController
from ui.decision.charts import ImpactChart, ProjectionChart
from ui.decision.panels import ProbabilityPanel, ValidatorPanel
from ui.decision.source import DecisionSource, DecisionView
from ui.decision.whatif import WeightsPanel
from ui.runner import Op, OperationRunner
from widgets.clock import Clock
from widgets.metrics_matrix import MetricsMatrixModel, MetricsMatrixView
from widgets.option_card import OptionCard
from widgets.palette import css_color


class DecisionPage(QWidget):
    sig_action_saved = Signal(int)
    """Emitted with the outbox id after an approval response or escalation was saved."""

    sig_approvals_requested = Signal()
    """Emitted when the user asks for the approvals inbox."""

    def __init__(
        self,
        source: DecisionSource,
        clock: Clock,
        actor: User,
        lang: str,
        runner: OperationRunner,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPage")
        self.source, self.clock, self.actor, self.lang = source, clock, actor, lang
        self.runner = runner
        self.view: DecisionView | None = None
        self.cards: list[OptionCard] = []
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.steps = QLabel(self)
        self.steps.setObjectName("workflowSteps")
        self.steps.setWordWrap(True)
        self.cards_row = QHBoxLayout()
        self.cards_row.setSpacing(10)
        self.matrix_model = MetricsMatrixModel(self, korean=lang == "ko")
        self.matrix = MetricsMatrixView(self.matrix_model, self)
        self.matrix.setAccessibleName(self.tr("Metrics of the three options"))
        self.impact_chart = ImpactChart(self)
        self.projection = ProjectionChart(self)
        self.weights = WeightsPanel({}, self)
        self.probability = ProbabilityPanel(self)
        self.validator = ValidatorPanel(self)
        self.form = ApprovalForm(clock, lang, self)
        char = self.fontMetrics().averageCharWidth()  # widths follow the font (issue 22)
        self.form.setMinimumWidth(max(self.form.minimumSizeHint().width(), char * 60))
        self.tabs = QTabWidget(self)
        self.tabs.setMinimumHeight(self.fontMetrics().lineSpacing() * 25)
        charts = QWidget(self)
        chart_row = QHBoxLayout(charts)
        chart_row.addWidget(self.impact_chart, 2)
        chart_row.addWidget(self.projection, 3)
        whatif = QWidget(self)
        whatif_row = QHBoxLayout(whatif)
        whatif_row.addWidget(self.weights, 1)
        self.whatif_chart = ImpactChart(self)
        whatif_row.addWidget(self.whatif_chart, 1)
        self.tabs.addTab(self.matrix, self.tr("Metrics As-Is → To-Be"))
        self.tabs.addTab(charts, self.tr("Charts"))
        self.tabs.addTab(whatif, self.tr("What-if weights"))
        self.tabs.addTab(self.probability, self.tr("Success probability"))
        self.tabs.addTab(self.validator, self.tr("Validation"))
        self.empty = QLabel(self.tr("No decision is waiting for approval."), self)
        self.empty.setObjectName("emptyState")
        self.empty.hide()
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.tabs)
        bottom.addWidget(self.form)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 1)
        bottom.setChildrenCollapsible(False)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 10, 16, 16)
        self.inbox_button = QPushButton(self.tr("Approvals inbox"), self)
        self.inbox_button.clicked.connect(self.sig_approvals_requested)
        self.asker = AskController(self)  # "Ask a decision question" (ui/decision/ask_dialog)
        self.asker.sig_asked.connect(self.sig_action_saved)
        self.ask_button = QPushButton(self.tr("Ask a decision question"), self)
        self.ask_button.setObjectName("askDecisionButton")
        self.ask_button.clicked.connect(self.ask)
        self.ask_button.setVisible(bool(access.can(actor.roles, Action.DECISION_ASK)))
        self.live = QLabel(self)
        self.live.setObjectName("decisionLive")
        self.live.setWordWrap(True)
        self.live.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.inbox_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(head)
        column.addWidget(self.subtitle)
        column.addWidget(self.steps)
        column.addWidget(self.live)
        column.addWidget(self.empty)
        column.addLayout(self.cards_row)
        column.addWidget(bottom, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.form.footer)  # Submit stays in sight at any height (issue 17)
        self.weights.sig_weights_changed.connect(self._on_weights_changed)
        self.form.sig_response_submitted.connect(self._on_response_submitted)
        self.form.sig_escalation_requested.connect(self._on_escalation_requested)

    # -- loading --------------------------------------------------------------------------------
    def show_entity(self, execution_id: str | None) -> None:
        """Show ``execution_id`` (default: the oldest execution paused for approval)."""
        asked = execution_id
        execution_id = execution_id or self.source.first_pending()
        self.view = self.source.load(execution_id, self.clock.now()) if execution_id else None
        # an id asked for (--id) that has not synced yet opens when it arrives, not another one
        self.awaited = asked if asked and self.view is None else None
        self._fill()

    def ask(self) -> None:
        """Open the "Ask a decision question" dialog."""
        self.asker.open_dialog()

    def reload(self) -> None:
        self.show_entity(self.view.decision.id if self.view else getattr(self, "awaited", None))

    def on_sync_finished(self, _at=None) -> None:
        if self.view is None or self._refresh_actor():  # the first sync may bring what the
            self.reload()  # store lacked: the executions, or the user's approval level

    def _refresh_actor(self) -> bool:
        """Re-read the signed-in user from the store (synced roles / approval level); True when
        it changed. The page may be built before the first pull brought the user's row."""
        fresh = self.source.user(self.actor.id, self.actor)
        changed = fresh != self.actor
        self.actor = fresh
        return changed

    def on_outbox_changed(self, _pending: int = 0, _problems: int = 0) -> None:
        """The server answered (or refused) one of our rows: show its truth."""
        if self.view is not None and self.view.pending_sync:
            self.reload()

    def on_entities_changed(self, changed: dict) -> None:
        if self.asker.on_entities_changed(changed):  # the asked question's execution arrived
            return
        mine = self.actor.id in set(changed.get("user", ())) and self._refresh_actor()
        if (
            mine
            or self.view is None
            or set(changed.get("decision", ())) | set(changed.get("approval", ()))
        ):
            self.reload()

    def _fill(self) -> None:
        view = self.view
        self.empty.setVisible(view is None)
        for card in self.cards:
            self.cards_row.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        if view is None:
            self.title.setText(self.tr("Decisions"))
            return
        d = view.decision
        query = d.query
        self.title.setText(query.original_query if query else d.id)
        kind = query.query_type.value if query else ""
        subs = " → ".join(
            f"{label_of('sub_query', s.kind, self.lang)}: {s.description}"
            for s in (query.sub_queries if query else [])
        )
        self.subtitle.setText(
            self.tr("{id} · type {type} · confidence {conf:.0f}% · sub-queries: {subs}").format(
                id=d.id, type=label_of("DecisionType", kind, self.lang),
                conf=(query.confidence if query else 0) * 100, subs=subs,
            )
        )  # fmt: skip
        self._fill_steps(view)
        options = d.option_set.options if d.option_set else []
        for option in options:
            card = OptionCard(
                option,
                recommended=option.option_id == d.option_set.recommendation,
                reason=d.option_set.recommendation_reason,
                korean_units=self.lang == "ko",
                parent=self,
            )
            card.sig_option_selected.connect(self._on_option_selected)
            self.cards_row.addWidget(card, 1)
            self.cards.append(card)
        analyses = d.comparison.analyses if d.comparison else []
        kinds = [o.option_type.value for o in options]
        names = {m.metric_type.value: m.name for a in analyses for m in a.metrics}
        self.weights.hide()
        self.weights.deleteLater()
        self.weights = WeightsPanel(names, self)
        self.weights.sig_weights_changed.connect(self._on_weights_changed)
        self.tabs.widget(2).layout().insertWidget(0, self.weights, 1)
        self.matrix_model.set_analyses(analyses)
        self.impact_chart.set_analyses(analyses, kinds)
        self.whatif_chart.set_analyses(analyses, kinds)
        self.projection.set_analyses(analyses, kinds)
        self.probability.set_decision(d)
        self.validator.set_decision(d)
        level = self.actor.approval_level
        self.form.set_request(
            view.request,
            options,
            level,
            may_escalate=bool(access.can(self.actor.roles, Action.APPROVAL_ESCALATE)),
            pending_sync=view.pending_sync,
        )
        if view.request and view.request.selected_option_id:
            self._on_option_selected(view.request.selected_option_id)
        elif d.option_set:
            self._on_option_selected(d.option_set.recommendation)
        self.form.set_log(view.log, view.log_is_local)
        self._on_weights_changed(self.weights.weights())

    def _fill_steps(self, view: DecisionView) -> None:
        execution = view.execution
        parts = []
        for step in default_steps():
            n = step.step_number
            if execution.status is WorkflowStatus.COMPLETED or n < execution.current_step:
                mark = "✔"
            elif n == execution.current_step:
                mark = "◆" if execution.status is WorkflowStatus.PAUSED_FOR_HITL else "▶"
            else:
                mark = "○"
            style = "font-weight:bold;" if n == execution.current_step else css_color("muted")
            name = label(step.step_type, self.lang)  # the step's word, not the seed's mixed name
            parts.append(f"<span style='{style}'>{mark} {n}. {name}</span>")
        state = label(execution.status, self.lang)
        sync = self.tr(" (pending sync)") if view.pending_sync else ""
        self.steps.setText(
            self.tr("Workflow {state}{sync}: ").format(state=state, sync=sync) + "  ".join(parts)
        )

    # -- handlers -------------------------------------------------------------------------------
    def _on_option_selected(self, option_id: str) -> None:
        for card in self.cards:
            card.set_selected(card.option.option_id == option_id)
        self.form.select_option(option_id)

    def _on_weights_changed(self, weights: dict) -> None:
        if self.view is None or self.view.decision.comparison is None:
            return
        comparison = self.view.decision.comparison
        ranking = rank_options(comparison, weights)
        scores = dict(ranking)
        for rank, (option_id, _score) in enumerate(ranking, start=1):
            for card in self.cards:
                if card.option.option_id == option_id:
                    card.set_rank(rank, scores[option_id])
        ordered = [scores[a.option_id] for a in comparison.analyses]
        self.whatif_chart.set_scores(ordered)
        self.matrix_model.set_weights(weights)
        self.ranking = [oid for oid, _ in ranking]
        recommended = self.view.decision.option_set.recommendation
        place = rank_of(ranking, recommended)
        seed = normalise_weights(METRIC_WEIGHTS)
        moved = any(abs(weights.get(k, 0.0) - v) > 1e-6 for k, v in seed.items())
        if not ranking or place is None or (place == 1 and not moved):
            self.weights.note.setText("")
        elif place == 1:
            self.weights.note.setText(
                fill(
                    self.tr("With these weights the recommended {rec} ranks first."),
                    rec=recommended,
                )
            )
        else:
            self.weights.note.setText(
                fill(
                    self.tr(
                        "⚠ With these weights {top} ranks first; the recommended {rec} ranks #{n}."
                    ),
                    top=ranking[0][0],
                    rec=recommended,
                    n=place,
                )
            )

    def _run(self, action, form) -> Op:
        """Save on the runner (the store writer); the form hears back on the GUI thread."""
        request_id = self.view.request.request_id
        op = self.runner.op(
            action, self.source.store, self.actor, request_id, form, self.clock.now()
        )
        op.success(self._on_saved).failure(self._on_refused)
        return op.run(f"decision.{action.__name__}")

    def _on_refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationFailed):
            self.form.show_errors(exc.messages(self.lang))
        else:
            text = exc.text(self.lang) if isinstance(exc, RuleError) else str(exc)
            self.form.show_message(text, error=True)

    def _on_saved(self, result) -> None:
        self.reload()
        self.form.show_message(self.tr("Saved. It will be sent when the server is reachable."))
        self.sig_action_saved.emit(result.outbox_id)

    def _on_response_submitted(self, form: dict) -> None:
        if self.view and self.view.request:
            self._run(decision_actions.approval_response, form)

    def _on_escalation_requested(self, reason: str) -> None:
        if self.view and self.view.request:
            self._run(decision_actions.approval_escalate, {"reason": reason})
