"""What a screen reader is told when a user's action ends (issue 22): one sentence per outcome,
in the user's language, said by the operation runner (``ui.runner``) for every operation a user
started, so no page has to remember to.

An operation is named ``<area>.<intent>`` when it is run (``op.run("case.approve")``); the words
of the intent come from the glossary's action labels (``app.text.labels``) where the intent is an
action there, else from :data:`_WORDS` (translated like every user-facing string).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.rules.errors import RuleError, ValidationFailed
from app.text.labels import LABELS, label_of

_ACTIONS = {
    # operation name → the glossary's Action value (app/text/labels.py)
    "appeal.submit": "submit_appeal",
    "appeal.resolve": "resolve_appeal",
    "qa.sample": "qa_sample",
    "qa.review": "qa_review",
    "checkpoint.feedback": "checkpoint_feedback",
    "decision.ask": "decision_ask",
    "call.after_call_work": "after_call_work",
    "call.flag": "flag_call",
    "ops.reassign": "reassign",
}

_WORDS = {
    "approvals.generated_decision": QT_TRANSLATE_NOOP("Operation", "Decision on a generated case"),
    "knowledge.feedback": QT_TRANSLATE_NOOP("Operation", "Rating of a suggestion"),
    "alert.ack": QT_TRANSLATE_NOOP("Operation", "Alert acknowledgement"),
    "inbox.save_view": QT_TRANSLATE_NOOP("Operation", "Saving the filter"),
    "inbox.delete_view": QT_TRANSLATE_NOOP("Operation", "Deleting the saved filter"),
    "sync_problems.retry": QT_TRANSLATE_NOOP("Operation", "Retry of the action"),
    "sync_problems.draft": QT_TRANSLATE_NOOP("Operation", "Copy to a draft"),
    "sync_problems.discard": QT_TRANSLATE_NOOP("Operation", "Discarding the action"),
}


def action_words(name: str, lang: str) -> str:
    """The words of operation ``name`` ("case.approve" → "Approve" / "승인")."""
    if name in _WORDS:
        return QCoreApplication.translate("Operation", _WORDS[name])
    action = _ACTIONS.get(name, name.rpartition(".")[2])
    if action in LABELS["Action"]:
        return label_of("Action", action, lang)
    return QCoreApplication.translate("Operation", "The action")


def reason(error: BaseException, lang: str) -> str:
    """Why it was refused, as the form shows it (field messages, the rule's text)."""
    if isinstance(error, ValidationFailed):
        return " ".join(error.messages(lang).values()) or error.text(lang)
    if isinstance(error, RuleError):
        return error.text(lang)
    return QCoreApplication.translate("Operation", "Something went wrong; nothing was lost.")


def outcome(name: str, error: BaseException | None, lang: str) -> str:
    """The sentence said when operation ``name`` ended: "Approve: done." or "Approve failed: …"."""
    words = action_words(name, lang)
    if error is None:
        return QCoreApplication.translate("Operation", "{action}: done.").format(action=words)
    return QCoreApplication.translate("Operation", "{action} failed: {reason}").format(
        action=words, reason=reason(error, lang)
    )
