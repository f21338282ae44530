"""Builds the inbox page from the window's context (the ``ui.page_table`` builder)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.rules.pii import sees_full_names
from ui.context import AppContext
from ui.inbox.page import InboxPage
from ui.inbox.source import InboxSource
from ui.wiring import open_case


def build_page(context: AppContext, parent: QWidget) -> InboxPage:
    page = InboxPage(
        InboxSource(context.store),
        context.clock,
        context.keeper,
        context.user.id,
        runner=context.runner,
        korean_amounts=context.lang == "ko",
        mask_names=not sees_full_names(context.user.roles),
        synced=context.bridge.first_sync_done or context.bridge.last_sync_at() is not None,
        parent=parent,
    )
    context.bridge.sig_cases_changed.connect(page.on_cases_changed)
    context.bridge.sig_sync_finished.connect(page.on_sync_finished)
    context.bridge.sig_pull_progress.connect(page.on_pull_progress)
    page.refresh_queues()
    page.load_now()  # the last known state at once, from the local store
    page.alerts.prime(context.clock.now())
    page.sig_case_opened.connect(lambda case_id: open_case(page, case_id))
    return page
