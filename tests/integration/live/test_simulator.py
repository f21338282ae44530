"""The call simulator replaying Korean scripts into a real server, read back over SSE."""

from __future__ import annotations

import threading

import httpx
from httpx_sse import connect_sse

from app.rules.alert_text import render
from server.simulator import CallSimulator, load_scripts, partial_texts, validate_script

QUEUES = {"msp_emergency", "msp_general", "general", "after_hours"}


def _scripts() -> dict[str, dict]:
    return {s["id"]: s for s in load_scripts()}


def test_scripts_cover_the_seed_flows() -> None:
    scripts = _scripts()
    assert len(scripts) >= 6
    assert {s["queue"] for s in scripts.values()} == QUEUES
    assert {"msp", "general", "after_hours", "emergency"} <= {s["flow"] for s in scripts.values()}
    for s in scripts.values():
        assert 10 <= len(s["turns"]) <= 20, s["id"]
        assert s["customer"]["tier"] in ("msp", "general", "unregistered")
        validate_script(s)


def test_partials_grow_and_stop_short_of_the_final() -> None:
    text = "지금 운영 서버 전체가 접속이 안 돼요"
    parts = partial_texts(text, 3)
    assert len(parts) == 3
    assert all(text.startswith(p) and p != text for p in parts)
    assert [len(p) for p in parts] == sorted(len(p) for p in parts)


def _collect_call(url: str, token: str) -> list:
    headers = {"Authorization": f"Bearer {token}", "Last-Event-ID": "0"}
    events = []
    with (
        httpx.Client(timeout=30) as client,
        connect_sse(client, "GET", f"{url}/v1/events", headers=headers) as source,
    ):
        for sse in source.iter_sse():
            if not sse.data:  # SSE spec: a block with no data dispatches no event
                continue
            events.append((sse.event, sse.json()))
            if sse.event == "call.state" and sse.json()["state"] == "ended":
                break
    return events


def test_angry_customer_call_over_sse(live_server, token, clock) -> None:
    app = live_server.app
    script = _scripts()["angry_customer_fee"]
    sim = CallSimulator(
        app.state.db, app.state.bus, [script], speed=200, clock=clock, ring_s=1, acw_s=1
    )
    worker = threading.Thread(target=sim.run_call, args=(script, "u_agent1", "call_test_1"))
    worker.start()
    events = _collect_call(live_server.url, token)
    worker.join(10)

    states = [d["state"] for t, d in events if t == "call.state"]
    assert states == ["ringing", "connected", "acw", "ended"]
    segments = [d["segment"] for t, d in events if t == "call.segment"]
    assert all(d["contact_id"] == "call_test_1" for t, d in events if t == "call.segment")
    first_final = next(i for i, s in enumerate(segments) if "Transcript" in s)
    partials = segments[:first_final]
    final = segments[first_final]["Transcript"]
    assert partials and all("Utterance" in p for p in partials)
    assert {p["Utterance"]["Id"] for p in partials} == {final["Id"]}
    assert all(p["Utterance"]["TranscriptId"] == final["Id"] for p in partials)
    assert all(final["Content"].startswith(p["Utterance"]["PartialContent"]) for p in partials)
    finals = [s["Transcript"] for s in segments if "Transcript" in s]
    assert len(finals) == len(script["turns"])
    customer = [f for f in finals if f["ParticipantRole"] == "CUSTOMER"]
    assert "NEGATIVE" in {f["Sentiment"] for f in customer}
    issue_turn = finals[1]
    (issue,) = issue_turn["IssuesDetected"]
    offsets = issue["CharacterOffsets"]
    expected = script["turns"][1]["issues"][0]
    assert issue_turn["Content"][offsets["BeginOffsetChar"] : offsets["EndOffsetChar"]] == expected
    assert any(
        "Categories" in s and "해지위험" in s["Categories"]["MatchedCategories"] for s in segments
    )
    assert "PostContactSummary" in segments[-1]
    assert segments[-1]["PostContactSummary"]["Status"] == "COMPLETED"
    alerts = [d for t, d in events if t == "alert"]
    assert [a["kind"] for a in alerts] == ["negative_sentiment"]
    assert alerts[0]["id"] == "call_test_1"
    # carried as code + params, rendered in each user's language (no raw queue id)
    assert alerts[0]["code"] == "negative_sentiment"
    english = render("negative_sentiment", alerts[0]["params"], "en")
    assert english.startswith("Negative sentiment: ") and script["queue"] not in english

    # the stored transcript: finals replaced their partials; summary last
    headers = {"Authorization": f"Bearer {token}"}
    r = httpx.get(f"{live_server.url}/v1/calls/call_test_1/segments", headers=headers, timeout=30)
    r.raise_for_status()
    body = r.json()
    stored = body if isinstance(body, list) else body.get("segments", body.get("data"))
    kinds = [next(iter(s)) for s in stored]
    assert "Utterance" not in kinds
    assert kinds.count("Transcript") == len(script["turns"])
    assert kinds[-1] == "PostContactSummary"
    call = httpx.get(f"{live_server.url}/v1/calls/call_test_1", headers=headers, timeout=30).json()
    call = call.get("data", call)
    assert call["state"] == "ended" and call["agent_id"] == "u_agent1"


def test_looping_simulator_stops_cleanly(live_server, clock) -> None:
    app = live_server.app
    scripts = load_scripts()
    sim = CallSimulator(
        app.state.db,
        app.state.bus,
        scripts,
        speed=2000,
        clock=clock,
        ring_s=0.5,
        acw_s=0.5,
        pause_s=0.5,
    )
    sim.start()
    assert sim.running
    deadline = threading.Event()
    deadline.wait(1.5)
    sim.stop(timeout=5)
    assert not sim.running
    assert sim.completed >= 1
