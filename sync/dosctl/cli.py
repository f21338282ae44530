"""``dosctl`` — the runbook's CLI (shared/seeds/000, "도구 및 명령어"), offline-first.

Reads come from the local store (after a best-effort pull); writes go through app.services into
the outbox and are then pushed. With the server down an action is queued and dosctl says so;
``dosctl status`` lists pending and refused actions with the server's reason. ``--json`` prints
machine-readable output; failures exit non-zero with the problem's title and detail.

Global: ``--server URL`` (env RWS_SERVER), ``--data-dir DIR`` (env RWS_DATA_DIR).
Exit codes: 0 ok (an action queued offline included), 1 refused / failed (``sync``: work still
pending; ``audit verify``: the chain does not verify), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.rules.reason_codes import codes_for
from app.text import log_redaction
from sync.dosctl import (
    cmd_account,
    cmd_audit,
    cmd_cases,
    cmd_chatops,
    cmd_decisions,
    cmd_ops,
    cmd_tasks,
)
from sync.dosctl.context import CommandError, Ctx
from sync.dosctl.output import Out
from sync.problems import ApiProblem, NetworkError

Handler = Callable[[Ctx, argparse.Namespace], int]


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _codes_help(*catalogues: tuple[str, str | None]) -> str:
    """The --reason-codes help: the codes of the one catalogue (app/rules/reason_codes.py) the
    workstation's picker offers and the server enforces."""
    parts = []
    for action, resolution in catalogues:
        codes = ", ".join(c.code for c in codes_for(action, resolution))
        parts.append(f"{resolution or action}: {codes}")
    return "comma-separated, from the catalogue — " + "; ".join(parts)


def _add(sub: argparse._SubParsersAction, name: str, handler: Handler, **kw: str):  # type: ignore[type-arg]
    parser = sub.add_parser(name, **kw)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dosctl", description="HITL Ops v2 command line")
    p.add_argument("--server", default=None, help="backend URL (env RWS_SERVER)")
    p.add_argument("--data-dir", default=None, help="local store directory (env RWS_DATA_DIR)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    top = p.add_subparsers(dest="command", required=True)

    login = _add(top, "login", cmd_account.login, help="sign in (token kept in the keyring)")
    login.add_argument("--username", required=True)
    login.add_argument("--password-stdin", action="store_true")
    _add(top, "logout", cmd_account.logout, help="revoke the token on the server and forget it")
    _add(top, "sync", cmd_account.sync, help="push queued actions and pull changes")
    _add(top, "status", cmd_account.status, help="connection, pending and refused actions")

    cases = top.add_parser("cases").add_subparsers(dest="sub", required=True)
    c = _add(cases, "open", cmd_cases.open_case)
    c.add_argument("--decision", required=True)
    c.add_argument("--priority", required=True, choices=["p0", "p1", "p2", "p3"])
    c.add_argument("--queue", default="credit_review")
    c.add_argument("--customer", default="{}", help="JSON object")
    c.add_argument("--application", default="{}", help="JSON object")
    c.add_argument("--context", default="{}", help="decision_context JSON object")
    _add(cases, "show", cmd_cases.show).add_argument("--id", required=True)
    c = _add(cases, "assign", cmd_cases.assign)
    c.add_argument("--id", required=True)
    c.add_argument("--to", required=True)
    c = _add(cases, "close", cmd_cases.close)
    c.add_argument("--id", required=True)
    c.add_argument("--resolution", required=True)
    c.add_argument("--final-decision", choices=["approve", "deny", "info_provided"])
    c = _add(cases, "notify-customer", cmd_cases.notify)
    c.add_argument("--id", required=True)
    c.add_argument("--template", required=True)
    c.add_argument("--eta")

    tasks = top.add_parser("tasks").add_subparsers(dest="sub", required=True)
    _add(tasks, "next", cmd_tasks.next_task).add_argument("--queue", required=True)
    _add(tasks, "show", cmd_tasks.show).add_argument("--id", required=True)
    do = _add(tasks, "do", cmd_tasks.do)
    do.add_argument("action", choices=["approve", "deny", "request_docs", "escalate", "comment"])
    do.add_argument("--id", required=True)
    do.add_argument("--limit", type=int)
    do.add_argument("--rate", type=float)
    do.add_argument("--conditions", type=_csv, action="extend", default=None)
    do.add_argument("--note")
    do.add_argument(
        "--reason-codes",
        type=_csv,
        action="extend",
        default=None,
        help=_codes_help(("approve", None), ("deny", None)),
    )
    do.add_argument("--improvement-advice")
    do.add_argument("--docs", type=_csv, action="extend", default=None)
    do.add_argument("--deadline")
    do.add_argument("--to", choices=["senior_reviewer", "ops_admin"])
    do.add_argument("--reason")
    do.add_argument("--priority", choices=["p0", "p1", "p2", "p3"])
    do.add_argument("--recommendation")
    do.add_argument("--urgent", action="store_true", default=None)
    do.add_argument("--context")
    do.add_argument("--impact")
    do.add_argument("--body")

    appeals = top.add_parser("appeals").add_subparsers(dest="sub", required=True)
    a = _add(appeals, "submit", cmd_cases.appeal_submit)
    a.add_argument("--case", required=True)
    a.add_argument("--reason", required=True)
    a.add_argument("--evidence", type=_csv, action="extend", default=None)
    _add(appeals, "show", cmd_cases.appeal_show).add_argument("--id", required=True)
    a = _add(appeals, "resolve", cmd_cases.appeal_resolve)
    a.add_argument("--id", required=True)
    a.add_argument("--resolution", required=True, choices=["uphold", "overturn", "partial"])
    a.add_argument("--message", default="")
    a.add_argument(
        "--reason-codes",
        type=_csv,
        action="extend",
        default=None,
        help=_codes_help(("appeal_resolve", "uphold"), ("appeal_resolve", "overturn")),
    )
    a.add_argument("--new-decision")
    a.add_argument("--limit", type=int)
    a.add_argument("--rate", type=float)
    a.add_argument("--conditions", type=_csv, action="extend", default=None)

    decisions = top.add_parser("decisions").add_subparsers(dest="sub", required=True)
    d = _add(decisions, "ask", cmd_decisions.ask, help="ask a decision question (seed 002)")
    d.add_argument("query", help='e.g. "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘"')
    d.add_argument("--org-unit", default=None, help="org unit id of the HR graph")
    d.add_argument("--horizon", type=int, default=None, help="weeks (1-52, default 12)")
    d.add_argument("--opportunity", default=None, help="opportunity id (go/no-go)")
    _add(decisions, "show", cmd_decisions.show).add_argument("id")

    audit = top.add_parser("audit").add_subparsers(dest="sub", required=True)
    v = _add(audit, "verify", cmd_audit.verify, help="check the server's audit chain")
    v.add_argument("--full", action="store_true", help="re-hash from the first row")

    ops = top.add_parser("ops").add_subparsers(dest="sub", required=True)
    queues = ops.add_parser("queues").add_subparsers(dest="subsub", required=True)
    _add(queues, "ls", cmd_ops.queues_ls)
    _add(queues, "stats", cmd_ops.queue_stats).add_argument("--queue", required=True)
    sla = ops.add_parser("sla").add_subparsers(dest="subsub", required=True)
    r = _add(sla, "report", cmd_ops.sla_report)
    r.add_argument("--from", dest="date_from", required=True)
    r.add_argument("--to", dest="date_to", required=True)
    reps = ops.add_parser("reports").add_subparsers(dest="subsub", required=True)
    r = _add(reps, "ls", cmd_ops.reports_ls)
    r.add_argument("--period", choices=["daily", "weekly", "monthly"])
    r.add_argument("--limit", type=int, default=30)
    r = _add(reps, "show", cmd_ops.reports_show)
    r.add_argument("--id", required=True)
    r.add_argument("--csv", action="store_true", help="the report as CSV (UTF-8)")
    r = _add(ops, "reassign", cmd_ops.reassign)
    r.add_argument("--from", dest="from_user", required=True)
    r.add_argument("--to", dest="to_user", required=True)
    cmd_chatops.add_commands(ops, _add)
    return p


def main(argv: list[str] | None = None) -> int:
    log_redaction.install()  # a warning printed by dosctl carries no customer identifier
    args = build_parser().parse_args(argv)
    out = Out(args.json)
    data_dir = args.data_dir or os.environ.get("RWS_DATA_DIR")
    ctx = Ctx(out, server_arg=args.server)
    if data_dir:
        ctx.data_dir = Path(data_dir)
    try:
        return int(args.handler(ctx, args) or 0)
    except CommandError as exc:
        out.fail(exc.title, exc.detail)
        return exc.code
    except ApiProblem as exc:
        out.problem(exc)
        return 1
    except NetworkError as exc:
        out.fail("server unreachable", f"{ctx.server}: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
