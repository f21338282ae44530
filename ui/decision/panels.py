"""Secondary panes of the decision page: success probability per option (factor bars, risk
factors with severity and mitigation) and the validator (claims, evidence links, rates,
unverified claims highlighted in the response text)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import Claim, DecisionExecution, ProbabilityResult
from app.rules import probability
from app.rules.probability import FACTOR_WEIGHTS
from app.text.labels import label as word
from widgets.formatting import language
from widgets.palette import Roles, alert_span_style, css_color
from widgets.table_model import TableModel
from widgets.table_view import make_table

STATUS_COLOURS = Roles({"VERIFIED": "ok", "PARTIAL": "warning", "UNVERIFIED": "error",
                        "ASSUMPTION": "muted"}, as_hex=True)  # fmt: skip
STATUS_GLYPHS = {"VERIFIED": "✔", "PARTIAL": "◐", "UNVERIFIED": "⚠", "ASSUMPTION": "◇"}


def per_option_probability(decision: DecisionExecution) -> dict[str, ProbabilityResult]:
    """Success probability per option from the comparison's factor scores; else the execution's
    single result under the recommended option."""
    summary = (decision.comparison.comparison_summary if decision.comparison else {}) or {}
    factors = summary.get("success_factors") or {}
    out = {oid: probability.success_probability(f) for oid, f in factors.items()}
    if not out and decision.probability and decision.option_set:
        out[decision.option_set.recommendation] = decision.probability
    return out


class ProbabilityPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setSpacing(12)

    def set_decision(self, decision: DecisionExecution) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        results = per_option_probability(decision)
        names = (
            {o.option_id: o.name for o in decision.option_set.options}
            if decision.option_set
            else {}
        )
        for option_id, result in results.items():
            self._row.addWidget(self._column(f"{option_id} {names.get(option_id, '')}", result), 1)

    def _column(self, title: str, result: ProbabilityResult) -> QWidget:
        box = QFrame(self)
        box.setObjectName("probabilityColumn")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        pattern = self.tr("<b>{title}</b><br>Success probability <b>{p:.0f}%</b> · confidence {c}")
        head = QLabel(
            pattern.format(
                title=html.escape(title), p=result.overall_probability * 100,
                c=word(result.confidence_level, language()),
            ),
            box,
        )  # fmt: skip
        head.setWordWrap(True)
        grid.addWidget(head, 0, 0, 1, 3)
        for r, f in enumerate(result.factor_results, start=1):
            bar = QProgressBar(box)
            bar.setRange(0, 100)
            bar.setValue(round(f.score * 100))
            bar.setFormat(f"{f.score * 100:.0f}%")
            bar.setAccessibleName(f"{f.name} {f.score * 100:.0f}%")
            # the three columns fit 1440 px without a scroll bar
            bar.setMinimumWidth(bar.fontMetrics().averageCharWidth() * 8)
            factor = QLabel(probability.FACTOR_NAMES_KO.get(f.name, f.name), box)
            factor.setWordWrap(True)
            grid.addWidget(factor, r, 0)
            grid.addWidget(bar, r, 1)
            grid.addWidget(QLabel(f"×{FACTOR_WEIGHTS[f.name]:.2f}", box), r, 2)
        risks = [
            f"<b style='{css_color('error' if rf.severity.value == 'HIGH' else 'warning')}'>"
            f"{'▲▲' if rf.severity.value == 'HIGH' else '▲'} {rf.severity.value}</b> "
            f"{html.escape(rf.name)} ({rf.impact * 100:.0f}%) — {html.escape(rf.mitigation)}"
            for rf in result.risk_factors
        ]
        text = "<br>".join(risks) if risks else self.tr("No risk factors.")
        label = QLabel(f"<b>{self.tr('Risk factors')}</b><br>{text}", box)
        label.setWordWrap(True)
        grid.addWidget(label, len(result.factor_results) + 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        return box


class ClaimsModel(TableModel):
    """Claims of the validated response: status, claim, evidence ids."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ClaimsModel", "Status"),
        QT_TRANSLATE_NOOP("ClaimsModel", "Claim"),
        QT_TRANSLATE_NOOP("ClaimsModel", "Evidence"),
    )

    def set_claims(self, claims: list[Claim]) -> None:
        self.set_rows(claims)

    def cell(self, claim: Claim, column: int, role: int) -> Any:
        status = claim.status.value
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{STATUS_GLYPHS[status]} {word(claim.status, language())}", claim.text,
                    ", ".join(claim.evidence) or "—")[column]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor(STATUS_COLOURS[status])
        if role == Qt.ItemDataRole.ToolTipRole:
            return claim.text
        return None


def highlighted(text: str, claims: list[Claim]) -> str:
    """The response as HTML with unverified claims marked (colour, wavy underline and ⚠)."""
    spans = sorted(
        (c for c in claims if c.begin_char is not None and c.end_char is not None),
        key=lambda c: c.begin_char,
    )
    out, pos = [], 0
    for c in spans:
        if c.begin_char < pos:
            continue
        out.append(html.escape(text[pos : c.begin_char]))
        piece = html.escape(text[c.begin_char : c.end_char])
        if c.status.value == "UNVERIFIED":
            piece = (f"<span style='{alert_span_style()} "
                     f"text-decoration: underline;'>⚠ {piece}</span>")  # fmt: skip
        elif c.status.value == "ASSUMPTION":
            piece = f"<i>{piece}</i>"
        out.append(piece)
        pos = c.end_char
    out.append(html.escape(text[pos:]))
    return "".join(out)


class ValidatorPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 5 + 15)
        self.claims = ClaimsModel(self)
        self.table = make_table(self, self.claims, name="claimsTable", stretch=1, row_pad=None)
        self.evidence = QLabel(self)
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.text, 1)
        left.addWidget(self.evidence)
        row = QHBoxLayout(self)
        row.addLayout(left, 2)
        row.addWidget(self.table, 3)

    def set_decision(self, decision: DecisionExecution) -> None:
        v = decision.validation
        if v is None:
            self.summary.setText(self.tr("No validation result."))
            return
        self.summary.setText(
            self.tr(
                "Evidence link rate <b>{link:.0f}%</b> · hallucination risk <b>{risk:.1f}%</b> · "
                "{total} claims: {ver} verified, {par} partial, {unv} unverified, {ass} assumptions"
            ).format(
                link=v.evidence_link_rate * 100, risk=v.hallucination_risk * 100,
                total=v.total_claims, ver=v.verified_claims, par=v.partial_claims,
                unv=v.unverified_claims, ass=v.assumption_claims,
            )
        )  # fmt: skip
        results = (decision.execution.results or {}).get("VALIDATION")
        if not isinstance(results, dict):  # a step's result is free-form in seed 002 (e.g. "done")
            results = {}
        text = str(results.get("response_text") or " ".join(c.text for c in v.validations))
        self.text.setHtml(highlighted(text, v.validations))
        self.claims.set_claims(v.validations)
        links = [
            f"<a href='#{html.escape(e['evidence_id'])}'>{html.escape(e['evidence_id'])}</a> "
            f"{html.escape(str(e.get('description', '')))} "
            f"<i>({html.escape(str(e.get('source', '')))})</i>"
            for e in results.get("evidence") or []
        ]
        self.evidence.setText(f"<b>{self.tr('Evidence')}</b><br>" + "<br>".join(links))
