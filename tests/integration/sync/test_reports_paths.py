"""One SLA report for the workstation and dosctl (KST days, both inclusive, stated in the
answer), and the stored operations reports through HTTP (JSON, CSV) and dosctl."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta

import httpx

from app.domain.wire import format_time
from app.rules.zone import KST
from server.jobs import reports as report_job
from sync.dosctl.cli import main
from tests.integration.sync.helpers import api_get, make_task
from ui.ops.report import windows


def _dosctl(capsys, monkeypatch, url: str, data_dir, *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("demo\n"))
    base = ["--server", url, "--data-dir", str(data_dir)]
    capsys.readouterr()
    code = main([*base, *argv])
    return code, capsys.readouterr().out


def _login(capsys, monkeypatch, url, data_dir) -> None:
    code, _ = _dosctl(capsys, monkeypatch, url, data_dir, "login", "--username", "admin1",
                      "--password-stdin")  # fmt: skip
    assert code == 0


def test_sla_report_is_the_same_from_the_ui_and_dosctl(server, capsys, monkeypatch, tmp_path):
    for n in range(3):
        make_task(server.url, "u_reviewer1", priority=("p0", "p1", "p2")[n], tag=f"rep{n}")
    today = datetime.now(UTC).astimezone(KST).date()
    first, last = today - timedelta(days=1), today
    ((_label, start, end),) = windows(first, last, "range")  # what the ops desk asks
    ui = api_get(server.url, "admin1", "/ops/sla-report", **{
        "from": format_time(start), "to": format_time(end)})  # fmt: skip
    _login(capsys, monkeypatch, server.url, tmp_path)
    argv = ["--json", "ops", "sla", "report", "--from", first.isoformat(), "--to", last.isoformat()]
    code, out = _dosctl(capsys, monkeypatch, server.url, tmp_path, *argv)
    assert code == 0
    cli = json.loads(out)
    for report in (ui, cli):
        report.pop("generated_at")
    assert ui == cli
    assert (cli["first_day"], cli["last_day"]) == (first.isoformat(), last.isoformat())
    assert "inclusive" in cli["boundaries"]
    assert sum(line["total"] for line in cli["by_priority"]) >= 3
    http = api_get(server.url, "admin1", "/ops/sla-report", **{
        "from": first.isoformat(), "to": last.isoformat()})  # fmt: skip
    http.pop("generated_at")
    assert http == cli  # plain dates over HTTP mean the same KST days
    _code, human = _dosctl(capsys, monkeypatch, server.url, tmp_path, "ops", "sla", "report",
                           "--from", first.isoformat(), "--to", last.isoformat())  # fmt: skip
    assert "inclusive" in human.splitlines()[0]


def test_stored_reports_listed_shown_and_exported(server, capsys, monkeypatch, tmp_path):
    db = server.app.state.db
    t0 = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    with db.session() as s:
        report_job.run(s, None, t0)  # records where reporting starts
        report_job.run(s, t0, t0 + timedelta(days=1))
        s.commit()
    listed = api_get(server.url, "admin1", "/ops/reports", period="daily")
    assert "daily-2026-01-05" in [r["id"] for r in listed]
    full = api_get(server.url, "admin1", "/ops/reports/daily-2026-01-05")
    assert full["first_day"] == "2026-01-05" and "appeals" in full and "qa_bands" in full
    with httpx.Client(base_url=server.url + "/v1", timeout=10) as http:
        token = http.post("/auth/token", json={"username": "admin1", "password": "demo"}).json()
        auth = {"Authorization": "Bearer " + token["access_token"]}
        csv = http.get("/ops/reports/daily-2026-01-05", params={"format": "csv"}, headers=auth)
        missing = http.get("/ops/reports/daily-1999-01-01", headers=auth)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.startswith("\ufeffsection,key,total,met,breached,in_progress,value")
    assert missing.status_code == 404
    _login(capsys, monkeypatch, server.url, tmp_path)
    code, out = _dosctl(capsys, monkeypatch, server.url, tmp_path, "ops", "reports", "ls")
    assert code == 0 and "daily-2026-01-05" in out
    code, out = _dosctl(capsys, monkeypatch, server.url, tmp_path, "ops", "reports", "show",
                        "--id", "daily-2026-01-05")  # fmt: skip
    assert code == 0 and out.startswith("daily-2026-01-05: ") and "submission_rate" in out
    code, out = _dosctl(capsys, monkeypatch, server.url, tmp_path, "ops", "reports", "show",
                        "--id", "daily-2026-01-05", "--csv")  # fmt: skip
    assert code == 0 and out.startswith("section,key,total")
