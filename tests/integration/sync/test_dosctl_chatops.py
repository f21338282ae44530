"""dosctl ops ask / ops tools against the real server (seed 003 ChatOps): a Korean question is
answered by its tool with the confidence shown, the local half of sync_state comes from this
machine's store, a role without the tool is refused with the server's reason."""

from __future__ import annotations

from tests.integration.sync.test_dosctl import Cli


def test_ops_ask_in_korean_and_english(server, capsys, monkeypatch, tmp_path) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "admin", server.url)
    cli.login("admin1")
    code, out, err = cli("ops", "ask", "4시간", "안에", "위반될", "케이스", "알려줘")
    assert code == 0, err
    assert out.startswith("breaching_cases (신뢰도 ") and "4시간 안에 위반될 케이스" in out
    code, reply = cli.json("ops", "ask", "Is the audit chain verified?")
    assert code == 0 and reply["tool"] == "audit_status"
    assert reply["answer"]["verified"] is True and 0 < reply["confidence"] <= 1


def test_ops_ask_sync_state_adds_this_machines_half(server, capsys, monkeypatch, tmp_path) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "rev", server.url)
    cli.login("reviewer1")
    assert cli("ops", "queues", "ls")[0] == 0  # pulls the feed: the store now has a cursor
    code, reply = cli.json("ops", "ask", "내 동기화 상태 어때?")
    assert code == 0 and reply["tool"] == "sync_state"
    assert reply["args"]["client_cursor"]  # the store's cursor went along
    assert reply["answer"]["lag"] is not None
    local = {row[0]: row[1] for row in reply["local"]["rows"]}
    assert local["pending"] == 0 and local["failed"] == 0


def test_ops_tools_ls_and_a_denied_run(server, capsys, monkeypatch, tmp_path) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / "agent", server.url)
    cli.login("agent1")
    code, tools = cli.json("ops", "tools", "ls")
    assert code == 0 and {t["name"] for t in tools} == {"sync_state", "cache_state"}
    code, out, err = cli("ops", "tools", "run", "audit_status")
    assert code != 0 and "forbidden" in (out + err)
    code, out, err = cli("ops", "tools", "run", "cache_state")
    assert code == 0 and "knowledge_fts" in out
