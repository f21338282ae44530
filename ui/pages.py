"""Builds the page widgets the shell asks for, by page name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.rules.pii import sees_full_names
from ui.case.builders import OWN_PAGES, build_own_page
from ui.case.wiring import open_case
from ui.context import AppContext
from ui.inbox.page import InboxPage
from ui.inbox.source import InboxSource
from ui.navigation import spec


class PlaceholderPage(QWidget):
    """Stands in for a page a later pass builds (case, call, appeals, …)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"placeholder-{name}")
        title = QLabel(spec(name).title(), self)
        title.setObjectName("pageTitle")
        note = QLabel(self.tr("This page is not available in this version yet."), self)
        note.setObjectName("emptyState")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(title)
        layout.addWidget(note, 1)


def build_page(name: str, context: AppContext, parent: QWidget) -> QWidget:
    if name == "inbox":
        page = InboxPage(
            InboxSource(context.store),
            context.clock,
            context.keeper,
            context.user.id,
            runner=context.runner,
            korean_amounts=context.lang == "ko",
            mask_names=not sees_full_names(context.user.roles),
            parent=parent,
        )
        context.bridge.sig_cases_changed.connect(page.on_cases_changed)
        context.bridge.sig_sync_finished.connect(page.on_sync_finished)
        page.refresh_queues()
        page.load_now()  # the last known state at once, from the local store
        page.alerts.prime(context.clock.now())
        page.sig_case_opened.connect(lambda case_id: open_case(page, case_id))
        return page
    if name in OWN_PAGES:
        return build_own_page(name, context, parent)
    if name in ("decision", "approvals", "checkpoint"):
        from ui.decision.build import build_review_page

        return build_review_page(name, context, parent)
    if name == "wall":
        from ui.wall.build import build_wall_page

        return build_wall_page(context, parent)
    if name == "ops":
        from ui.ops.build import build_ops_page

        return build_ops_page(context, parent)
    if name == "call":
        from ui.call.build import build_call_page

        return build_call_page(context, parent)
    return PlaceholderPage(name, parent)
