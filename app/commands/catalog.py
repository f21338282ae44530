"""docs/ACTIONS.md, rendered from the command modules (``scripts/gen_actions_md.py`` writes it;
``tests/unit/commands/test_catalog.py`` fails when the file is stale)."""

from __future__ import annotations

from typing import Any

from app.commands import COMMANDS
from app.commands.base import Command
from app.rules import access

HEADER = """# Actions — generated from app/commands (do not edit)

Regenerate with `.venv/bin/python scripts/gen_actions_md.py`. One row per intent of the command
layer: who may (roles of `app/rules/access.py` and the object rule of shared/API.md "Access to
objects"), the input fields with their bounds (the command's pydantic model, which is also the
server's request body and the workstation's form), what the effect does, and the runbook's rule
(seed 000) the command enforces. Unknown fields are refused (422) for every intent.

| intent | path | who may | fields (bounds) | effect | seed rule |
|---|---|---|---|---|---|
"""


def _bounds(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "anyOf" in prop:
        kinds = [p for p in prop["anyOf"] if p.get("type") != "null"]
        inner = _bounds({**kinds[0], **{k: v for k, v in prop.items() if k != "anyOf"}}, defs)
        return inner + ", or null"
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        return _bounds({**target, **{k: v for k, v in prop.items() if k != "$ref"}}, defs)
    parts = [str(prop.get("format") or prop.get("type", "value"))]
    if isinstance(prop.get("properties"), dict):  # a nested object: its fields, all required
        inner = "; ".join(f"`{k}` {_bounds(v, defs)}" for k, v in prop["properties"].items())
        parts = [f"object {{{inner}}}, no other field"]
    if "enum" in prop:
        parts = ["one of " + " / ".join(str(v) for v in prop["enum"])]
    for key, text in (
        ("exclusiveMinimum", "> {}"),
        ("minimum", "≥ {}"),
        ("exclusiveMaximum", "< {}"),
        ("maximum", "≤ {}"),
        ("minLength", "≥ {} chars"),
        ("maxLength", "≤ {} chars"),
        ("minItems", "≥ {} items"),
        ("maxItems", "≤ {} items"),
        ("pattern", "pattern `{}`"),
        ("x-min", "from {}"),
        ("x-max", "to {}"),
    ):
        if key in prop:
            parts.append(text.format(prop[key]))
    if prop.get("x-not-blank"):
        parts.append("not blank")
    items = prop.get("items")
    if isinstance(items, dict) and "maxLength" in items:
        parts.append(f"each ≤ {items['maxLength']} chars, not blank")
    return ", ".join(parts)


def fields_text(cmd: Command) -> str:
    schema = cmd.input.model_json_schema(by_alias=True)
    required = set(schema.get("required", []))
    defs = schema.get("$defs", {})
    out = []
    for name, prop in schema.get("properties", {}).items():
        flag = "" if name in required else "?"
        about = f" — {prop['description']}" if prop.get("description") else ""
        out.append(f"`{name}{flag}`: {_bounds(prop, defs)}{about}")
    return "<br>".join(out) or "—"


def row(cmd: Command) -> str:
    roles = ", ".join(r.value for r in access.roles_allowed(cmd.action))
    who = f"{roles} — {cmd.who_may}" if cmd.who_may else roles
    cells = [
        f"`{cmd.name}`",
        f"`POST /v1{cmd.path}`",
        who,
        fields_text(cmd),
        cmd.summary,
        cmd.seed_rule or "—",
    ]
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def render() -> str:
    return HEADER + "\n".join(row(c) for c in COMMANDS.values()) + "\n"
