"""dosctl ops ask "…" | ops tools ls | ops tools run NAME [--arg k=v]: the ChatOps diagnostics
(seed 003) from the shell. The server routes the question and runs the tool (audited there);
for ``sync_state`` and ``cache_state`` this machine's own half is printed under it."""

from __future__ import annotations

import argparse
import json

from app.store import diagnostics
from sync import ops_client
from sync.dosctl.actions import online
from sync.dosctl.context import CommandError, Ctx
from sync.dosctl.output import table

LOCAL = {"sync_state": diagnostics.local_sync, "cache_state": diagnostics.local_cache}


def _table(columns: list[str], rows: list[list]) -> str:
    if not rows:
        return "—"
    return table([dict(zip(columns, r, strict=False)) for r in rows], columns)


def render(reply: dict, local: diagnostics.Local | None = None) -> str:
    """The answer as text: tool and confidence, the summary in Korean and English, the table,
    suggested fixes (needing approval), alternatives when the question was ambiguous."""
    lines = []
    if reply.get("tool") is None:
        names = ", ".join(a["tool"] for a in reply.get("alternatives") or [])
        return f"질문을 이해하지 못했습니다 / no tool matched. 가능한 도구 / tools: {names}"
    conf = reply.get("confidence")
    head = reply["tool"] + ("" if conf is None else f" (신뢰도 {round(conf * 100)}%)")
    lines.append(head)
    answer = reply.get("answer") or {}
    lines += [answer.get("summary_ko", ""), answer.get("summary_en", "")]
    tab = answer.get("table") or {}
    lines.append(_table(tab.get("columns") or [], tab.get("rows") or []))
    if local is not None:
        lines += [local[1], local[0], _table(local[2], local[3])]
    for p in answer.get("proposals") or []:
        lines.append(f"제안(승인 필요) / proposal (needs approval): {p['action']} {p['target']} — "
                     f"{p['reason_ko']}")  # fmt: skip
    alts = reply.get("alternatives") or []
    if alts:
        lines.append("다른 후보 / alternatives: " + ", ".join(
            f"{a['tool']} {round(a['confidence'] * 100)}%" for a in alts))  # fmt: skip
    return "\n".join(x for x in lines if x)


def ask(ctx: Ctx, a: argparse.Namespace) -> int:
    question = " ".join(a.question).strip()
    if not question:
        raise CommandError("질문을 입력하세요", "a question is required")
    cursor = diagnostics.cursor(ctx.store)
    reply = online(ctx, "ops ask", lambda api: ops_client.ask(api, question, cursor))
    local = LOCAL[reply["tool"]](ctx.store) if reply.get("tool") in LOCAL else None
    data = {**reply, "local": None if local is None else {"columns": local[2], "rows": local[3]}}
    ctx.out.emit(data, render(reply, local))
    return 0


def tools_ls(ctx: Ctx, a: argparse.Namespace) -> int:
    rows = online(ctx, "ops tools", ops_client.tools)
    ctx.out.emit(rows, table(rows, ["name", "title_ko", "title_en"]))
    return 0


def _args(pairs: list[str]) -> dict:
    out: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            ko, en = "--arg 형식은 이름=값입니다", "--arg needs name=value"
            raise CommandError(f"{ko}: {pair}", f"{en}: {pair}")
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def tools_run(ctx: Ctx, a: argparse.Namespace) -> int:
    args = _args(a.arg or [])
    cursor = diagnostics.cursor(ctx.store) if a.name == "sync_state" else None
    if cursor and "client_cursor" not in args:
        args["client_cursor"] = cursor
    reply = online(ctx, "ops tools run", lambda api: ops_client.run_tool(api, a.name, args))
    local = LOCAL[a.name](ctx.store) if a.name in LOCAL else None
    ctx.out.emit(reply, render({**reply, "confidence": None}, local))
    return 0


def add_commands(ops: argparse._SubParsersAction, add) -> None:  # type: ignore[type-arg]
    r = add(ops, "ask", ask, help="ask an operational question (Korean or English)")
    r.add_argument("question", nargs="+")
    tools = ops.add_parser("tools").add_subparsers(dest="subsub", required=True)
    add(tools, "ls", tools_ls)
    r = add(tools, "run", tools_run)
    r.add_argument("name")
    r.add_argument("--arg", action="append", help="name=value (JSON values allowed)")
