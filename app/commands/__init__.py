"""The command layer: every user intent defined ONCE, shared by the server, the workstation's
services and dosctl (shared/DESIGN.md "commands/").

One module per intent. Each module holds:

- ``<Name>Input`` — a pydantic model (subclass of :class:`base.CommandInput`) with the field
  types of :mod:`app.commands.fields` (bounds of shared/API.md; unknown fields refused). The
  server uses it as the request body (so it is in the OpenAPI document); the workstation's forms
  validate with it (:mod:`app.commands.forms` turns its errors into Korean / English field
  messages). Rules that need today's date go in ``check_at(today)``.
- ``guard(state, input, actor, now)`` — raises RuleError (403 forbidden, 409 conflict, 422
  validation / invalid_transition): role, object (shared/API.md "Access to objects", see
  :func:`guards.task_object`), authority (the amount at stake = max(applied-for amount, approved
  limit)), lifecycle state (app.rules.lifecycle) and the runbook rules of the intent, each cited
  from seed 000 in the module's docstring.
- ``effect(state, input, actor, now) -> Result`` — pure: no I/O, no clock reads, never changes
  ``state`` (it works on a deep copy). Returns new versions of the entities (``cases``,
  ``tasks``; ``primary`` is what the server answers as ``data``), audit events and alerts. Ids of
  new entities are derived (:func:`base.derived_id`) so both sides create the same row.
- ``COMMAND`` — a :class:`base.Command` naming the intent, its path, who may, what it does and
  the seed rule; ``docs/ACTIONS.md`` is generated from these (``scripts/gen_actions_md.py``).

The state is made of the domain dataclasses (``app.domain.cases``): the server converts its
stored JSON with ``from_wire`` / ``to_wire`` (:class:`base.CaseState`, :class:`base.UserWork`,
:class:`base.QueueWork`).

Who calls what:
- server route: parse (FastAPI, the Input model) → load under the lock → :func:`run` (guard +
  effect) → persist the result's entities, audit and alerts → respond;
- workstation service (``app.services``): load from the store → :func:`run` → write the result's
  entities optimistically + one outbox row, in one transaction;
- dosctl: calls the services.

Porting another intent (appeals, QA, checkpoints, approvals, after-call work, call flags): add a
module with the four names above, register it in ``COMMANDS`` below, route the server and the
service through :func:`run`, delete their own effect code, and regenerate docs/ACTIONS.md.

This package imports app.domain and app.rules only (never app.store, app.services, sync, Qt).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.commands import (
    after_call_work,
    appeal_resolve,
    appeal_submit,
    approve,
    assign,
    call_flag,
    checkpoint_feedback,
    close,
    comment,
    deny,
    docs_received,
    escalate,
    next_task,
    notify_customer,
    qa_review,
    reassign,
    request_docs,
)
from app.commands.base import Actor, Command, CommandInput, Result
from app.commands.parse import parse

COMMANDS: dict[str, Command] = {
    m.COMMAND.name: m.COMMAND
    for m in (
        approve,
        deny,
        request_docs,
        escalate,
        comment,
        close,
        docs_received,
        notify_customer,
        assign,
        reassign,
        next_task,
        appeal_submit,
        appeal_resolve,
        after_call_work,
        call_flag,
        qa_review,
        checkpoint_feedback,
    )
}


def command(name: str) -> Command:
    return COMMANDS[name]


def run(
    cmd: Command, state: Any, data: Mapping[str, Any] | CommandInput, actor: Actor, now: datetime
) -> Result:
    """Parse ``data`` (ValidationFailed with field messages), guard, then the pure effect."""
    parsed = parse(cmd.input, data)
    cmd.guard(state, parsed, actor, now)
    return cmd.effect(state, parsed, actor, now)


__all__ = ["COMMANDS", "Actor", "Command", "CommandInput", "Result", "command", "parse", "run"]
