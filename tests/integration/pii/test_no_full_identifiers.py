"""No full customer identifier leaves the server, for any role: every answer of a demo session
(``/changes`` page by page, every case, every call, every transcript, alerts), every SSE event,
and ``dosctl --json`` output are searched with one regex per identifier kind, for Korean digit
words read aloud, and literally for the demo's full values (the server-only table)."""

from __future__ import annotations

import io
import json
import sys

import httpx
import pytest
from httpx_sse import connect_sse

from app.rules.pii import TAG
from sync.dosctl.cli import main as dosctl
from tests.integration.pii.conftest import END_QUEUE, ROLES, Demo
from tests.integration.pii.leaks import find_leaks


def _changes(http: httpx.Client) -> tuple[list[str], list[dict]]:
    texts, changes, since = [], [], None
    while True:
        r = http.get("/changes", params={"since": since, "limit": 200} if since else {"limit": 200})
        assert r.status_code == 200, r.text
        texts.append(r.text)
        body = r.json()
        changes.extend(body["changes"])
        since = body["cursor"]
        if not body["has_more"]:
            return texts, changes


def _events(demo: Demo, http: httpx.Client) -> list[str]:
    """Every event of the session, replayed from the start, up to the session's last one."""
    out: list[str] = []
    headers = {"Authorization": http.headers["Authorization"], "Last-Event-ID": "0"}
    with (
        httpx.Client(timeout=30) as client,
        connect_sse(client, "GET", f"{demo.url}/v1/events", headers=headers) as source,
    ):
        for sse in source.iter_sse():
            out.append(f"{sse.event} {sse.data}")
            if sse.event == "queue.stats" and END_QUEUE in sse.data:
                return out
    raise AssertionError("the event stream ended before the session's last event")


def _session(demo: Demo, username: str) -> dict[str, list[str]]:
    """Every answer a user of this role can get in the demo, by source."""
    got: dict[str, list[str]] = {"changes": [], "cases": [], "calls": [], "events": []}
    with demo.client(username) as http:
        texts, changes = _changes(http)
        got["changes"] = texts
        case_ids = sorted({c["id"] for c in changes if c["entity"] == "case"})
        assert len(case_ids) >= 60
        for case_id in case_ids:
            r = http.get(f"/cases/{case_id}")
            assert r.status_code == 200, r.text
            got["cases"].append(r.text)
        for params in ({}, {"state": "live"}):
            r = http.get("/calls", params=params)
            assert r.status_code == 200
            got["calls"].append(r.text)
        for call_id in demo.call_ids:
            for path in (f"/calls/{call_id}", f"/calls/{call_id}/segments"):
                r = http.get(path)
                assert r.status_code == 200, r.text
                got["calls"].append(r.text)
        r = http.get("/alerts")
        if r.status_code == 200:
            got["calls"].append(r.text)
        got["other"] = []
        paths = {"task": "/tasks/{}", "appeal": "/appeals/{}", "checkpoint": "/checkpoints/{}",
                 "decision": "/decisions/{}", "generated": "/generated/{}"}  # fmt: skip
        for change in changes:
            if change["entity"] in paths:
                r = http.get(paths[change["entity"]].format(change["id"]))
                if r.status_code == 200:  # what the role may read
                    got["other"].append(r.text)
            if change["entity"] == "decision":
                r = http.get(f"/decision-logs/{change['id']}")
                if r.status_code == 200:
                    got["other"].append(r.text)
        for queue in http.get("/queues").json():
            got["other"].append(http.get(f"/queues/{queue['id']}/stats").text)
        got["events"] = _events(demo, http)
    return got


@pytest.mark.parametrize("username", list(ROLES))
def test_no_full_identifier_in_any_answer_or_event(demo: Demo, username: str) -> None:
    got = _session(demo, username)
    for source, texts in got.items():
        assert texts, source
        for text in texts:
            leaks = find_leaks(text, demo.full_values)
            assert not leaks, f"{username} {source}: {leaks[:5]}"
    # the session really carried identifiers and transcripts, masked and redacted
    cases = "".join(got["cases"])
    assert cases.count("••••") >= 3 * 60
    segments = "".join(got["calls"])
    assert TAG in segments and '"Redaction"' in segments
    events = "".join(got["events"])
    assert "call.segment" in events and TAG in events


def test_the_regexes_catch_every_full_value_the_server_holds(demo: Demo) -> None:
    """The search above is not vacuous: each full value, as it would appear in JSON, is
    caught by the regex of its kind alone (no literal list needed)."""
    assert len(demo.full_values) >= 3 * 60
    missed = [v for v in demo.full_values if not find_leaks(json.dumps(v))]
    assert not missed


def test_customer_id_is_opaque(demo: Demo) -> None:
    """API.md: customer_id is not masked and never encodes a resident or account number."""
    with demo.client("admin1") as http:
        _, changes = _changes(http)
    digits = {"".join(ch for ch in v if ch.isdigit()) for v in demo.full_values}
    ids = [
        (c["data"].get("customer") or {}).get("customer_id")
        for c in changes
        if c["entity"] in ("case", "call") and c["data"]
    ]
    ids = [i for i in ids if i]
    assert len(ids) >= 60
    for customer_id in ids:
        own = "".join(ch for ch in customer_id if ch.isdigit())
        assert not any(own and own in d for d in digits if len(d) > 8), customer_id


def test_live_transcript_partials_and_finals_are_redacted_with_offsets(demo: Demo) -> None:
    with demo.client("agent1") as http:
        segs = [
            seg
            for call_id in demo.call_ids
            for seg in http.get(f"/calls/{call_id}/segments").json()
        ]
        events = _events(demo, http)
    redacted = [
        body
        for seg in segs
        for kind, body in seg.items()
        if kind == "Transcript" and body.get("Redaction")
    ]
    assert len(redacted) >= 2  # the phone number and the account said in the demo calls
    for body in redacted:
        for off in body["Redaction"]["CharacterOffsets"]:
            assert body["Content"][off["BeginOffsetChar"] : off["EndOffsetChar"]] == TAG
    partials = [
        json.loads(e.split(" ", 1)[1])["segment"]["Utterance"]
        for e in events
        if e.startswith("call.segment") and '"Utterance"' in e and TAG in e
    ]
    assert partials, "a partial with the number being said is redacted too"
    for body in partials:
        for off in body["Redaction"]["CharacterOffsets"]:
            assert body["PartialContent"][off["BeginOffsetChar"] : off["EndOffsetChar"]] == TAG


class Cli:
    def __init__(self, capsys, monkeypatch, data_dir, server_url: str) -> None:
        self.capsys, self.monkeypatch = capsys, monkeypatch
        self.base = ["--server", server_url, "--data-dir", str(data_dir)]

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        self.capsys.readouterr()
        code = dosctl([*self.base, *argv])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.mark.parametrize("username", list(ROLES))
def test_dosctl_json_output_has_no_full_identifier(
    demo: Demo, username: str, capsys, monkeypatch, tmp_path
) -> None:
    cli = Cli(capsys, monkeypatch, tmp_path / username, demo.url)
    code, _, err = cli("login", "--username", username, "--password-stdin", stdin="demo\n")
    assert code == 0, err
    outputs = []
    for argv in (
        ("sync",),
        ("cases", "show", "--id", "case_vip_001"),
        ("cases", "show", "--id", "case_p1_borderline_001"),
        ("cases", "show", "--id", "case_p2_selfemployed_001"),
        ("status",),
    ):
        code, out, err = cli("--json", *argv)
        assert code == 0, (argv, err)
        json.loads(out)
        outputs.append(out + err)
    assert "••••" in outputs[1]  # the case's identifiers, masked
    for text in outputs:
        assert not find_leaks(text, demo.full_values), text[:500]
