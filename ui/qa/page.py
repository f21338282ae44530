"""The QA page (``--page qa``): draw a sample (5 % + targeted, seed shown), score a sampled case
with the band shown live, and see results per reviewer."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDate, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Action
from app.domain.people import QA_DIMENSIONS, QAReview
from app.rules import access, qa
from app.rules.errors import RuleError, ValidationFailed
from app.services import qa_actions
from app.store.lookups import user_names
from app.text.labels import label_of
from ui.context import AppContext
from ui.qa.models import QATasksModel, ReviewerResultsModel, band_text
from ui.runner import Op
from ui.wiring import domain_user
from widgets.a11y import label_for
from widgets.formatting import display_zone
from widgets.palette import css_color
from widgets.table_view import make_table


def _table(parent: QWidget, model, name: str) -> QTableView:
    # columns as wide as their headers and values (a large font never cuts a header), the
    # last one taking the rest
    return make_table(parent, model, name=name)


class QAPage(QWidget):
    """Page ``qa``."""

    sig_sample_drawn = Signal(object)
    """Emitted with the ``qa_actions.SampleResult`` of a sample run."""

    sig_review_saved = Signal(str)
    """Emitted with the QA review id after its scores were written locally."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaPage")
        self.context = context
        self.user = domain_user(context)
        self.review: QAReview | None = None
        self.tasks = QATasksModel(self)
        self.results = ReviewerResultsModel(self)
        today = context.clock.now().astimezone(display_zone()).date()
        self.date_from = QDateEdit(QDate(today - timedelta(days=7)), self)
        self.date_to = QDateEdit(QDate(today), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.targets = {t: QCheckBox(self._target_text(t), self) for t in qa.ALL_TARGETS}
        for box in self.targets.values():
            box.setChecked(True)
        self.seed = QLabel(self)
        self.seed.setObjectName("qaSeed")
        self.run_button = QPushButton(self.tr("Run sample"), self)
        self.run_button.setObjectName("runSample")
        self.sample_result = QLabel(self)
        self.sample_result.setWordWrap(True)
        self.scores = {name: QDoubleSpinBox(self) for name in QA_DIMENSIONS}
        for box in self.scores.values():
            box.setRange(0, qa.DIMENSION_MAX)
            box.setDecimals(1)
            box.setSingleStep(1)
            box.valueChanged.connect(self._on_score_changed)
        self.band = QLabel(self)
        self.band.setObjectName("qaBand")
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.review_title = QLabel(self)
        self.review_problem = QLabel(self)
        self.review_problem.setStyleSheet(css_color("error") + " font-weight: bold;")
        self.review_problem.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save review (Ctrl+Enter)"), self)
        self.save_button.setShortcut("Ctrl+Return")
        self.save_button.setObjectName("saveReview")
        self.tasks_view = _table(self, self.tasks, "qaTasks")
        for fit in (0, 5):  # the case id and the band are read whole ("CASE-2612-…" was cut)
            self.tasks_view.horizontalHeader().setSectionResizeMode(
                fit, QHeaderView.ResizeMode.ResizeToContents
            )
        self.results_view = _table(self, self.results, "qaResults")
        self.tasks_view.setAccessibleName(self.tr("QA tasks"))
        self.results_view.setAccessibleName(self.tr("Results per reviewer"))
        self._build()
        self._apply_access()
        self.tasks_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.run_button.clicked.connect(self.run_sample)
        self.save_button.clicked.connect(self.save_review)
        self.date_from.dateChanged.connect(self._on_period_changed)
        self.date_to.dateChanged.connect(self._on_period_changed)
        context.bridge.sig_sync_finished.connect(self._on_sync_finished)
        self._on_period_changed()
        self._on_score_changed()
        self.reload()

    def _target_text(self, target: str) -> str:
        return {
            qa.NEW_REVIEWER: self.tr("New reviewer"),
            qa.BORDERLINE_SCORE: self.tr("Borderline score"),
            qa.COMPLEX: self.tr("Complex case"),
            qa.HIGH_AMOUNT: self.tr("High amount"),
            qa.VIP: self.tr("VIP"),
            qa.APPEALED: self.tr("Appealed"),
        }[target]

    def _build(self) -> None:
        sample = QGroupBox(self.tr("Weekly sample: 5 % random + targeted"), self)
        grid = QGridLayout(sample)
        since, until = QLabel(self.tr("From"), self), QLabel(self.tr("To (exclusive)"), self)
        label_for(since, self.date_from)
        label_for(until, self.date_to)
        grid.addWidget(since, 0, 0)
        grid.addWidget(self.date_from, 0, 1)
        grid.addWidget(until, 0, 2)
        grid.addWidget(self.date_to, 0, 3)
        grid.addWidget(self.seed, 0, 4)
        grid.addWidget(self.run_button, 0, 6)
        grid.setColumnStretch(5, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Targets:"), self))
        for box in self.targets.values():
            row.addWidget(box)
        row.addStretch(1)
        grid.addLayout(row, 1, 0, 1, 7)
        grid.addWidget(self.sample_result, 2, 0, 1, 7)
        review = QGroupBox(self.tr("Review"), self)
        form = QFormLayout(review)
        form.addRow(self.review_title)
        for name, box in self.scores.items():
            form.addRow(self._dimension_text(name) + " (0-20)", box)
        form.addRow(self.tr("Total and band"), self.band)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.review_problem)
        form.addRow(self.save_button)
        tasks = QGroupBox(self.tr("QA tasks"), self)
        QVBoxLayout(tasks).addWidget(self.tasks_view)
        middle = QSplitter(Qt.Orientation.Horizontal, self)
        middle.addWidget(tasks)
        middle.addWidget(review)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)
        results = QGroupBox(self.tr("Results per reviewer"), self)
        QVBoxLayout(results).addWidget(self.results_view)
        title = QLabel(self.tr("Quality assurance"), self)
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(sample)
        layout.addWidget(middle, 3)
        layout.addWidget(results, 2)

    def _dimension_text(self, name: str) -> str:
        return {
            "procedure": self.tr("Procedure"),
            "judgement": self.tr("Judgement"),
            "documentation": self.tr("Documentation"),
            "timeliness": self.tr("Timeliness"),
            "communication": self.tr("Communication"),
        }[name]

    def _apply_access(self) -> None:
        lang = self.context.lang
        for button, action in ((self.run_button, Action.QA_SAMPLE), (self.save_button, None)):
            verdict = access.can(self.user.roles, action or Action.QA_REVIEW)
            button.setEnabled(bool(verdict) and (action is not None or self.review is not None))
            button.setToolTip("" if verdict else verdict.text(lang))

    # -- period and sample ----------------------------------------------------------------------
    def period(self) -> tuple[datetime, datetime]:
        """The chosen dates as UTC instants (midnights of the display zone)."""

        def instant(d: QDate) -> datetime:
            local = datetime.combine(d.toPython(), time(0), tzinfo=display_zone())
            return local.astimezone(UTC)

        return instant(self.date_from.date()), instant(self.date_to.date())

    def run_sample(self) -> Op:
        """Draw the sample on the runner; the result is shown when it comes back."""
        start, end = self.period()
        targeted = [t for t, box in self.targets.items() if box.isChecked()]
        form = {"from": start, "to": end, "rate": qa.QA_RATE, "targeted": targeted}
        op = self.context.runner.op(
            qa_actions.run_sample, self.context.store, self.user, form, self.context.clock.now()
        )
        return op.success(self._on_sample_drawn).failure(self._on_sample_refused).run("qa.sample")

    def _on_sample_drawn(self, result: qa_actions.SampleResult) -> None:
        self.sample_result.setText(
            self.tr("Picked {n} of {m} decided cases (seed {seed}); pending sync.").format(
                n=len(result.picked), m=result.population, seed=result.seed
            )
        )
        self.reload()
        self.sig_sample_drawn.emit(result)

    def _on_sample_refused(self, exc: Exception) -> None:
        self.sample_result.setText(_error_text(exc, self.context.lang))

    # -- review ---------------------------------------------------------------------------------
    def score_values(self) -> dict[str, float]:
        return {name: box.value() for name, box in self.scores.items()}

    def save_review(self) -> Op | None:
        """Write the scores on the runner; the page hears back when they are stored."""
        if self.review is None:
            return None
        form = {"scores": self.score_values(), "notes": self.notes.toPlainText()}
        review_id = self.review.id
        op = self.context.runner.op(
            qa_actions.submit_review,
            self.context.store,
            self.user,
            review_id,
            form,
            self.context.clock.now(),
        )
        op.success(lambda _result: self._on_review_saved(review_id))
        return op.failure(self._on_review_refused).run("qa.review")

    def _on_review_saved(self, review_id: str) -> None:
        self.review_problem.setText("")
        self.reload()
        self.sig_review_saved.emit(review_id)

    def _on_review_refused(self, exc: Exception) -> None:
        self.review_problem.setText(_error_text(exc, self.context.lang))

    def select_review(self, row: int) -> None:
        if 0 <= row < self.tasks.rowCount():
            self.tasks_view.selectRow(row)

    def show_review(self, review: QAReview | None) -> None:
        self.review = review
        self.review_title.setText(
            self.tr("Case {case} · sampled as {reason}").format(
                case=review.case_id,
                reason=label_of("qa_sample_reason", review.sample_reason, self.context.lang),
            )
            if review
            else self.tr("Select a QA task to score it.")
        )
        for name, box in self.scores.items():
            box.setValue(float((review.scores or {}).get(name, 0.0)) if review else 0.0)
        self.notes.setPlainText(review.notes if review else "")
        self.review_problem.setText("")
        self._apply_access()

    def reload(self) -> None:
        keep = self.review.id if self.review else None
        reviews = qa_actions.reviews(self.context.store)
        with self.context.store.session() as session:
            names = user_names(session)
        self.tasks.set_reviews(reviews, names)
        self.results.set_reviews(reviews, names)
        rows = [self.tasks.review(r) for r in range(self.tasks.rowCount())]
        match = next((i for i, r in enumerate(rows) if r and r.id == keep), -1)
        if match >= 0:
            self.select_review(match)
        else:
            self.show_review(None)

    # -- handlers -------------------------------------------------------------------------------
    def _on_period_changed(self, *_: object) -> None:
        start, end = self.period()
        self.seed.setText(self.tr("Seed: {seed}").format(seed=qa_actions.seed_for(start, end)))

    def _on_score_changed(self, *_: object) -> None:
        total = qa.total(self.score_values())
        self.band.setText(f"{total:g} / 100 · {band_text(qa.band(total))}")

    def _on_selection_changed(self, selected: QItemSelection, _deselected) -> None:
        rows = {i.row() for i in selected.indexes()}
        self.show_review(self.tasks.review(min(rows)) if rows else None)

    def _on_sync_finished(self, _at) -> None:
        """Drop local reviews the server has superseded (a store write: on the runner)."""
        op = self.context.runner.op(qa_actions.prune_local_reviews, self.context.store)
        op.background().success(self._on_pruned).run("qa.prune")

    def _on_pruned(self, _result: object) -> None:
        self.reload()


def _error_text(exc: Exception, lang: str) -> str:
    if isinstance(exc, ValidationFailed):
        return "\n".join(exc.messages(lang).values())
    return exc.text(lang) if isinstance(exc, RuleError) else str(exc)
