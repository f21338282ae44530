"""A checkpoint's saved feedback (the seed 001 JSON) in words for the page: which signals were
reviewed, the verdict on them, the priority override, each proposal's decision — never the raw
dict."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _validity(value: str) -> str:
    return {
        "confirmed": translate("FeedbackWords", "confirmed"),
        "disputed": translate("FeedbackWords", "disputed"),
        "needs_more_data": translate("FeedbackWords", "needs more data"),
    }.get(value, value)


def _decision(value: str) -> str:
    return {
        "approve": translate("FeedbackWords", "approved"),
        "modify": translate("FeedbackWords", "modified"),
        "reject": translate("FeedbackWords", "rejected"),
    }.get(value, value)


def feedback_lines(feedback: dict | None) -> list[str]:
    """One sentence per part of the feedback; ["No feedback recorded."] when there is none."""
    if not feedback:
        return [translate("FeedbackWords", "No feedback recorded.")]
    lines = []
    signals = feedback.get("signals_reviewed") or []
    lines.append(translate("FeedbackWords", "Signals reviewed: {n}").format(n=len(signals)))
    assessment = feedback.get("user_assessment") or {}
    if assessment.get("signal_validity"):
        lines.append(
            translate("FeedbackWords", "Signal validity: {v}").format(
                v=_validity(str(assessment["signal_validity"]))
            )
        )
    if assessment.get("priority_override"):
        lines.append(
            translate("FeedbackWords", "Priority changed to {p}").format(
                p=str(assessment["priority_override"]).upper()
            )
        )
    if assessment.get("additional_context"):
        lines.append(
            translate("FeedbackWords", "Context: {text}").format(
                text=assessment["additional_context"]
            )
        )
    for item in feedback.get("proposal_decisions") or []:
        line = translate("FeedbackWords", "Proposal {id}: {decision}").format(
            id=item.get("proposal_id", "—"), decision=_decision(str(item.get("decision", "")))
        )
        if item.get("modification_notes"):
            line += f" — {item['modification_notes']}"
        lines.append(line)
    if not feedback.get("proposal_decisions"):
        lines.append(translate("FeedbackWords", "No proposal decided."))
    return lines
