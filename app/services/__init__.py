"""One function per user intent. Each validates (form, role, state), then writes the optimistic
change and its outbox row in ONE transaction, or raises and writes nothing.

Modules: ``task_actions`` (approve, deny, request_docs, escalate, comment), ``case_actions``
(close, docs_received, assign, notify_customer), ``appeal_actions`` (submit_appeal,
resolve_appeal), ``problems`` (retry_as_new, copy_to_draft, discard), ``common`` (ActionResult).
"""
