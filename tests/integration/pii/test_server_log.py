"""``reviewer-server --demo`` as its own process, logging at debug level to a file: after a
session that puts identifiers where a server logs them (a query string in the access log, an
unmask), the log holds none of the demo's full identifiers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from server import pii
from server.runner import free_port
from server.storage import ServerDB
from tests.integration.pii.leaks import find_leaks
from tests.integration.sync.helpers import ROOT, wait_healthy


def test_server_log_holds_no_full_identifier(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'logged.sqlite3'}"
    port = free_port()
    log_path = tmp_path / "server.log"
    cmd = [sys.executable, "-m", "server.cli", "--demo", "--port", str(port), "--db", db_url,
           "--log-level", "debug", "--speed", "50"]  # fmt: skip
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, timeout=60)
        with httpx.Client(base_url=url + "/v1", timeout=30) as http:
            token = http.post("/auth/token", json={"username": "admin1", "password": "demo"})
            http.headers["Authorization"] = "Bearer " + token.json()["access_token"]
            case = http.get("/cases/case_vip_001").json()
            assert "•" in case["customer"]["phone"]
            r = http.post(
                "/cases/case_vip_001/unmask", json={"field": "phone", "reason": "콜백 확인"}
            )
            phone = r.json()["value"]
            # an agent pasting the number into a search: the query string is in the access log
            assert http.get("/knowledge/search", params={"q": phone}).status_code == 200
            spoken = "공일공 이팔사육 육이구공"
            assert http.get("/knowledge/search", params={"q": spoken}).is_success
            assert http.get("/calls", params={"state": "live"}).status_code == 200
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(30)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    assert "/v1/knowledge/search?q=[PII]" in text  # logged, with the number redacted
    db = ServerDB(db_url)
    try:
        with db.read() as s:
            full = pii.all_full_values(s)
    finally:
        db.dispose()
    assert phone in full
    assert not find_leaks(text, full), find_leaks(text, full)[:5]
