"""dosctl against the real server: reads from the store, writes through services + outbox,
queues while the server is down, reports refusals with the server's reason."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from sync.dosctl.cli import main
from tests.integration.sync.helpers import ROOT, api_get, make_task
from tests.reason_codes import APPROVE_CODE


class Cli:
    def __init__(self, capsys, monkeypatch, data_dir, server_url: str) -> None:
        self.capsys, self.monkeypatch = capsys, monkeypatch
        self.base = ["--server", server_url, "--data-dir", str(data_dir)]

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        self.capsys.readouterr()
        code = main([*self.base, *argv])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *argv: str) -> tuple[int, dict]:
        code, out, _ = self(*argv[:0], "--json", *argv)
        return code, json.loads(out)

    def login(self, username: str) -> None:
        code, out, err = self("login", "--username", username, "--password-stdin", stdin="demo\n")
        assert code == 0, err
        assert username in out


APPROVE = ["--limit", "30000000", "--rate", "4.5", "--conditions", "보증인 필요",
           "--note", "소득 안정성 우수", "--reason-codes", APPROVE_CODE]  # fmt: skip


def test_login_show_and_approve(server, capsys, monkeypatch, tmp_path) -> None:
    ids = make_task(server.url, "u_reviewer1", priority="p1", tag="cli1")
    cli = Cli(capsys, monkeypatch, tmp_path / "r1", server.url)
    cli.login("reviewer1")
    from sync.auth import load_token

    token = load_token(server.url, "reviewer1")
    assert token
    for stored in (tmp_path / "r1").iterdir():  # the store (db, WAL) never holds the token
        assert token.encode() not in stored.read_bytes()
    code, out, _ = cli("cases", "show", "--id", ids["case_id"])
    assert code == 0 and "pending" in out and "sla_remaining" in out
    code, task = cli.json("tasks", "show", "--id", ids["task_id"])
    assert code == 0 and task["status"] == "assigned"
    code, result = cli.json("tasks", "do", "approve", "--id", ids["task_id"], *APPROVE)
    assert code == 0 and result["status"] == "applied"
    assert api_get(server.url, "admin1", f"/cases/{ids['case_id']}")["status"] == "approved"
    code, out, err = cli("tasks", "do", "approve", "--id", ids["task_id"], *APPROVE)
    assert code == 1 and "already completed" in err  # refused locally: nothing queued
    code, out, _ = cli("logout")
    assert code == 0 and "reviewer1" in out
    code, _, err = cli("tasks", "show", "--id", ids["task_id"])
    assert code == 1 and "not logged in" in err


def test_invalid_input_exits_non_zero_with_the_reason(server, capsys, monkeypatch, tmp_path):
    ids = make_task(server.url, "u_reviewer1", tag="cli2")
    cli = Cli(capsys, monkeypatch, tmp_path / "r1", server.url)
    cli.login("reviewer1")
    args = ["--limit", "1000", "--rate", "45", "--reason-codes", "X", "--note", "n"]
    code, _, err = cli("tasks", "do", "approve", "--id", ids["task_id"], *args)
    assert code == 1 and "invalid input" in err and "rate" in err
    assert "reason_codes" in err and "X" in err  # not a catalogue code: refused, not queued
    code, status = cli.json("status")
    assert code == 0 and status["pending"] == [], status
    code, _, err = cli("tasks", "do", "comment", "--id", ids["task_id"], "--rate", "3")
    assert code == 1 and "--rate" in err


def test_server_down_queues_then_sync_sends(server, proxy, capsys, monkeypatch, tmp_path) -> None:
    ids = make_task(server.url, "u_reviewer1", tag="cli3")
    cli = Cli(capsys, monkeypatch, tmp_path / "r1", proxy.url)
    cli.login("reviewer1")
    cli("sync")
    proxy.down = True
    code, out, _ = cli(
        "tasks", "do", "comment", "--id", ids["task_id"], "--body", "서류 3일 내 제출"
    )
    assert code == 0 and "queued" in out
    code, status = cli.json("status")
    assert status["online"] is False
    assert [p["intent"] for p in status["pending"]] == ["task.comment"]
    code, _, err = cli("sync")
    assert code == 1 and "unreachable" in err
    proxy.down = False
    code, out, _ = cli("sync")
    assert code == 0 and "1 applied" in out
    _, status = cli.json("status")
    assert status["pending"] == [] and status["refused"] == []
    timeline = api_get(server.url, "admin1", f"/cases/{ids['case_id']}")["timeline"]
    assert [e["body"] for e in timeline if e["kind"] == "comment"] == ["서류 3일 내 제출"]


def test_conflict_is_listed_with_the_servers_reason(
    server, proxy, capsys, monkeypatch, tmp_path
) -> None:
    ids = make_task(server.url, None, tag="cli4")
    late = Cli(capsys, monkeypatch, tmp_path / "late", proxy.url)
    late.login("reviewer1")
    early = Cli(capsys, monkeypatch, tmp_path / "early", server.url)
    early.login("reviewer2")
    proxy.down = True
    code, out, _ = late("tasks", "do", "approve", "--id", ids["task_id"], *APPROVE)
    assert code == 0 and "queued" in out
    deny = ["--reason-codes", "CREDIT-DENY-SCORE-001", "--note", "점수 미달",
            "--improvement-advice", "6개월 후 재신청"]  # fmt: skip
    code, _, err = early("tasks", "do", "deny", "--id", ids["task_id"], *deny)
    assert code == 0, err
    proxy.down = False
    code, _, err = late("sync")
    assert code == 1
    code, status = late.json("status")
    (refused,) = status["refused"]
    assert refused["status"] == "conflict" and refused["code"] == "conflict"
    assert "u_reviewer2" in refused["reason"]
    assert refused["input"]["limit"] == 30000000  # what was typed is kept
    code, case = late.json("cases", "show", "--id", ids["case_id"])
    assert case["status"] == "rejected" and case["decided_by"] == "u_reviewer2"


def test_console_script_runs(tmp_path) -> None:
    env = {"RWS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "sync.dosctl.cli", "--server", "http://127.0.0.1:9", "status"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "online        False" in done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["cases", "open", "--decision", "d", "--priority", "p1"],
        ["cases", "assign", "--id", "c", "--to", "u"],
        ["cases", "close", "--id", "c", "--resolution", "r", "--final-decision", "approve"],
        ["cases", "notify-customer", "--id", "c", "--template", "t", "--eta", "+2h"],
        ["tasks", "next", "--queue", "credit_review"],
        ["tasks", "do", "request_docs", "--id", "t", "--docs", "a,b", "--deadline", "2026-12-01"],
        ["tasks", "do", "escalate", "--id", "t", "--to", "senior_reviewer", "--reason", "r",
         "--urgent"],
        ["appeals", "submit", "--case", "c", "--reason", "r"],
        ["appeals", "resolve", "--id", "a", "--resolution", "overturn", "--new-decision",
         "approve", "--limit", "25000000", "--rate", "6.0"],
        ["ops", "queues", "ls"],
        ["ops", "queues", "stats", "--queue", "q"],
        ["ops", "sla", "report", "--from", "2025-11-01", "--to", "2025-11-03"],
        ["ops", "reassign", "--from", "u1", "--to", "u2"],
    ],
)  # fmt: skip
def test_runbook_syntax_parses(argv: list[str]) -> None:
    from sync.dosctl.cli import build_parser

    args = build_parser().parse_args(argv)
    assert callable(args.handler)


def test_appeal_case_and_ops_commands(server, capsys, monkeypatch, tmp_path) -> None:
    ids = make_task(server.url, "u_reviewer1", tag="cli5")
    reviewer = Cli(capsys, monkeypatch, tmp_path / "rev", server.url)
    reviewer.login("reviewer1")
    deny = ["--reason-codes", "CREDIT-DENY-DTI-001", "--note", "DTI 48%",
            "--improvement-advice", "6개월 후 재신청 권장"]  # fmt: skip
    assert reviewer.json("tasks", "do", "deny", "--id", ids["task_id"], *deny)[0] == 0
    code, notified = reviewer.json(
        "cases", "notify-customer", "--id", ids["case_id"], "--template", "deny_notice"
    )
    assert code == 0 and notified["status"] == "applied", notified
    agent = Cli(capsys, monkeypatch, tmp_path / "agent", server.url)
    agent.login("agent1")
    code, submitted = agent.json(
        "appeals", "submit", "--case", ids["case_id"], "--reason", "추가 소득 증빙 제출"
    )
    assert code == 0 and submitted["status"] == "applied", submitted
    appeal_id = submitted["entity"]["id"]
    assert not appeal_id.startswith("local")  # the server's id replaced the local one
    senior = Cli(capsys, monkeypatch, tmp_path / "senior", server.url)
    senior.login("senior1")
    code, appeal = senior.json("appeals", "show", "--id", appeal_id)
    assert code == 0 and appeal["case_id"] == ids["case_id"]
    code, resolved = senior.json(
        "appeals", "resolve", "--id", appeal_id, "--resolution", "uphold",
        "--message", "원래 거부 사유가 여전히 유효합니다.", "--reason-codes", "CREDIT-DENY-DTI-001",
    )  # fmt: skip
    assert code == 0 and resolved["status"] == "applied", resolved
    assert api_get(server.url, "admin1", f"/appeals/{appeal_id}")["resolution"] == "uphold"
    admin = Cli(capsys, monkeypatch, tmp_path / "admin", server.url)
    admin.login("admin1")
    code, out, _ = admin("ops", "queues", "ls")
    assert code == 0 and "credit_review" in out and "여신 심사" in out
    code, stats = admin.json("ops", "queues", "stats", "--queue", "credit_review")
    assert code == 0 and "AGENTS_ONLINE" in stats["metrics"]
    code, _ = admin.json("ops", "sla", "report", "--from", "2026-11-01", "--to", "2026-11-30")
    assert code == 0
    code, opened = admin.json(
        "cases", "open", "--decision", "dec-cli5", "--priority", "p1",
        "--customer", '{"customer_id": "c-9", "name": "홍길동"}',
        "--application", '{"amount": 30000000}',
    )  # fmt: skip
    assert code == 0 and opened["case"]["priority"] == "p1"
    code, assigned = admin.json(
        "cases", "assign", "--id", opened["case"]["id"], "--to", "u_reviewer2"
    )
    assert code == 0 and assigned["status"] == "applied", assigned
    code, moved = admin.json("ops", "reassign", "--from", "u_reviewer2", "--to", "u_reviewer1")
    assert code == 0 and moved["related"]


def test_appeal_seed_rules_end_to_end(server, capsys, monkeypatch, tmp_path) -> None:
    """Seed 000 "Appeals 처리" through dosctl: one appeal per decision, the original decider may
    not resolve (독립성), and an overturn approves the case with the new terms ("원래 결정을
    번복하여 승인") — before issue 14's stage 2 the second appeal was accepted and the case
    stayed rejected."""
    ids = make_task(server.url, "u_senior1", tag="cli-appeal")
    decider = Cli(capsys, monkeypatch, tmp_path / "decider", server.url)
    decider.login("senior1")
    deny = ["--reason-codes", "CREDIT-DENY-DTI-001", "--note", "DTI 48%",
            "--improvement-advice", "6개월 후 재신청 권장"]  # fmt: skip
    code, denied = decider.json("tasks", "do", "deny", "--id", ids["task_id"], *deny)
    assert code == 0 and denied["status"] == "applied", denied
    reviewer = Cli(capsys, monkeypatch, tmp_path / "rev", server.url)
    reviewer.login("reviewer1")
    agent = Cli(capsys, monkeypatch, tmp_path / "agent", server.url)
    agent.login("agent1")
    submit = ["appeals", "submit", "--case", ids["case_id"], "--reason", "추가 소득 증빙 제출"]
    code, submitted = agent.json(*submit)
    assert code == 0 and submitted["status"] == "applied", submitted
    appeal_id = submitted["entity"]["id"]
    code, out, err = agent(*submit)  # the same decision again: refused by the command
    assert code != 0 and "conflict" in out + err and appeal_id in out + err
    code, out, err = reviewer(*submit)  # another user, another store: still one per decision
    assert code != 0 and "conflict" in out + err
    assert api_get(server.url, "admin1", f"/cases/{ids['case_id']}")["appeal_ids"] == [appeal_id]
    overturn = ["appeals", "resolve", "--id", appeal_id, "--resolution", "overturn",
                "--message", "추가 소득 증빙 확인, 승인 기준 충족", "--new-decision", "approve",
                "--limit", "25000000", "--rate", "6.0"]  # fmt: skip
    assert decider.json("appeals", "show", "--id", appeal_id)[0] == 0  # pulls the appeal
    code, out, err = decider(*overturn)  # senior1 made the decision: not independent
    assert code != 0 and "appeal_not_independent" in out + err
    senior = Cli(capsys, monkeypatch, tmp_path / "senior", server.url)
    senior.login("senior2")
    assert senior.json("appeals", "show", "--id", appeal_id)[0] == 0
    code, resolved = senior.json(*overturn)
    assert code == 0 and resolved["status"] == "applied", resolved
    case = api_get(server.url, "admin1", f"/cases/{ids['case_id']}")
    assert case["status"] == "approved" and case["final_decision"] == "approve"
    assert case["approved_terms"] == {"limit": 25_000_000, "rate": 6.0, "conditions": []}
    assert api_get(server.url, "admin1", f"/appeals/{appeal_id}")["resolution"] == "overturn"
