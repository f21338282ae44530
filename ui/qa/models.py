"""QA tables: the QA tasks (open and done reviews) and the results per reviewed reviewer."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)

from app.domain.enums import QABand
from app.domain.people import QAReview
from app.rules import qa
from app.text.labels import label_of, person_name
from widgets.formatting import language
from widgets.table_model import TableModel

translate = QCoreApplication.translate


def band_text(band: QABand | None) -> str:
    if band is None:
        return ""
    return label_of("QABand", band, language())


def band_of(review: QAReview) -> QABand | None:
    if review.band is not None:
        return review.band
    return qa.band(review.total) if review.total is not None else None


class _Table(TableModel):
    """Rows of cell values, shown as they are."""

    CONTEXT = "QAModels"

    def cell(self, row: tuple, column: int, role: int) -> Any:
        return row[column] if role == Qt.ItemDataRole.DisplayRole else None


class QATasksModel(_Table):
    """Columns: case, sample reason, reviewed user, status, total, band."""

    HEADERS = (
        QT_TRANSLATE_NOOP("QAModels", "Case"),
        QT_TRANSLATE_NOOP("QAModels", "Sampled as"),
        QT_TRANSLATE_NOOP("QAModels", "Decided by"),
        QT_TRANSLATE_NOOP("QAModels", "Status"),
        QT_TRANSLATE_NOOP("QAModels", "Total"),
        QT_TRANSLATE_NOOP("QAModels", "Band"),
    )
    NUMERIC = frozenset({4})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._reviews: list[QAReview] = []

    def set_reviews(self, reviews: list[QAReview], names: dict[str, str] | None = None) -> None:
        lang, names = language(), names or {}
        self._reviews = sorted(reviews, key=lambda r: (r.status != "open", r.case_id))
        self.set_rows(
            (
                r.case_id,
                label_of("qa_sample_reason", r.sample_reason, lang),
                person_name(r.reviewed_user_id, names, lang) if r.reviewed_user_id else "",
                label_of("qa_review_status", r.status, lang),
                "" if r.total is None else f"{r.total:g}",
                band_text(band_of(r)),
            )
            for r in self._reviews
        )

    def review(self, row: int) -> QAReview | None:
        return self._reviews[row] if 0 <= row < len(self._reviews) else None


class ReviewerResultsModel(_Table):
    """Per reviewed reviewer: reviews, average total and how many fell in each band."""

    HEADERS = (
        QT_TRANSLATE_NOOP("QAModels", "Reviewer"),
        QT_TRANSLATE_NOOP("QAModels", "Reviews"),
        QT_TRANSLATE_NOOP("QAModels", "Average"),
        QT_TRANSLATE_NOOP("QAModels", "Excellent"),
        QT_TRANSLATE_NOOP("QAModels", "Good"),
        QT_TRANSLATE_NOOP("QAModels", "Needs improvement"),
        QT_TRANSLATE_NOOP("QAModels", "Poor"),
    )
    NUMERIC = frozenset(range(1, 7))

    def set_reviews(self, reviews: list[QAReview], names: dict[str, str] | None = None) -> None:
        totals: dict[str, list[float]] = defaultdict(list)
        bands: dict[str, Counter] = defaultdict(Counter)
        for r in reviews:
            if r.total is None:
                continue
            who = r.reviewed_user_id or "—"
            totals[who].append(r.total)
            bands[who][band_of(r)] += 1
        self.set_rows(
            (
                person_name(who, names or {}, language()) if who != "—" else who,
                len(values),
                f"{sum(values) / len(values):.1f}",
                *(bands[who][b] for b in QABand),
            )
            for who, values in sorted(totals.items())
        )
