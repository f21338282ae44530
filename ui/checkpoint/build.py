"""Builds the checkpoint page for the shell and wires it to the sync bridge."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.checkpoint.page import CheckpointPage
from ui.context import AppContext
from ui.decision.build import actor_of, wire_actions
from ui.decision.source import DecisionSource


def build_checkpoint_page(context: AppContext, parent: QWidget) -> CheckpointPage:
    actor = actor_of(context, DecisionSource(context.store))
    page = CheckpointPage(context.store, context.clock, actor, context.lang, context.runner, parent)
    wire_actions(page, context)
    page.show_entity(None)
    return page
