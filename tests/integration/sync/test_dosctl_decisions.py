"""dosctl decisions ask / show against the real server with the demo HR graph loaded: an online
question returns its execution id and ``show`` follows it to the approval pause; a question
without a keyword is refused locally with E001 (nothing queued); an offline question waits in
the outbox and runs when the connection returns."""

from __future__ import annotations

import time

import pytest

from app.domain.enums import EntityKind
from server import storage
from server.demo.hr_org import demo_graph
from server.hr.load import store_graph
from tests.integration.sync.test_dosctl import Cli

QUESTION = "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘"


@pytest.fixture(scope="module")
def graph_loaded(server):
    db = server.app.state.db
    with db.session() as s:
        store_graph(s, demo_graph(server.app.state.config.clock()))
        s.commit()
    return db


def show_until(cli: Cli, execution_id: str, status: str) -> dict:
    deadline = time.monotonic() + 20
    while True:
        code, view = cli.json("decisions", "show", execution_id)
        if (code == 0 and view["status"] == status) or time.monotonic() > deadline:
            return view
        time.sleep(0.1)  # the server runs the steps in the background; 20 s deadline


def test_ask_then_show_follows_it_to_the_approval(
    server, graph_loaded, capsys, monkeypatch, tmp_path
) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "s1", server.url)
    cli.login("senior1")
    code, asked = cli.json("decisions", "ask", QUESTION, "--org-unit", "ORG-AI-001")
    assert code == 0 and asked["status"] == "accepted", asked
    execution_id = asked["execution_id"]
    view = show_until(cli, execution_id, "PAUSED_FOR_HITL")
    assert view["status"] == "PAUSED_FOR_HITL" and view["query_type"] == "CAPACITY"
    assert [o["type"] for o in view["options"]] == ["CONSERVATIVE", "BALANCED", "AGGRESSIVE"]
    assert view["approval_status"] == "PENDING" and view["required_level"]
    code, out, _ = cli("decisions", "show", execution_id)
    assert code == 0 and "OPT-02" in out and "PAUSED_FOR_HITL" in out


def test_a_question_without_keywords_is_refused_locally(
    server, graph_loaded, capsys, monkeypatch, tmp_path
) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "s1", server.url)
    cli.login("senior1")
    code, _, err = cli("decisions", "ask", "안녕하세요")
    assert code == 1 and "E001" in err and "query" in err
    _, status = cli.json("status")
    assert status["pending"] == []


def test_offline_question_waits_in_the_outbox(
    server, graph_loaded, proxy, capsys, monkeypatch, tmp_path
) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "s1", proxy.url)
    cli.login("senior1")
    proxy.down = True
    question = "개발팀 2명 증원이 타당한가요?"
    code, asked = cli.json("decisions", "ask", question)
    assert code == 0 and asked["status"] == "queued", asked
    _, status = cli.json("status")
    assert [p["intent"] for p in status["pending"]] == ["decision.ask"]
    proxy.down = False
    code, out, _ = cli("sync")
    assert code == 0 and "1 applied" in out
    with graph_loaded.read() as s:
        asked_now = [d for d in storage.query(s, EntityKind.DECISION)
                     if (d.get("query") or {}).get("original_query") == question]  # fmt: skip
    assert len(asked_now) == 1
    view = show_until(cli, asked_now[0]["id"], "PAUSED_FOR_HITL")
    assert view["query_type"] == "HEADCOUNT" and view["status"] == "PAUSED_FOR_HITL"
