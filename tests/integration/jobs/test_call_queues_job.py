"""Seed 004 call-queue SLA, callback promise and emergency ladder driven by Scheduler.tick."""

from __future__ import annotations

from datetime import timedelta

from app.domain.enums import EntityKind, Role
from app.domain.wire import format_time
from server import storage
from server.simulator import fits_the_clock, load_scripts
from tests.integration.jobs.conftest import T0


def _call(id: str, queue: str, flow: str, **kw) -> dict:
    return {
        "id": id,
        "queue": queue,
        "flow": flow,
        "state": "ringing",
        "customer": {"name": "고객", "tier": "msp"},
        "started_at": format_time(T0),
        **kw,
    }


def test_queue_breach_and_callback_alerts_once_across_a_restart(env) -> None:
    env.put(EntityKind.CALL, _call("call_g", "msp_general", "msp"))
    env.at(T0)
    env.at(T0 + timedelta(minutes=14))
    assert env.alerts("callback_due") == []
    env.restart()  # down from 14 to 40 min: the 15-min promise and the 30-min SLA passed
    env.at(T0 + timedelta(minutes=40))
    env.at(T0 + timedelta(minutes=41))
    (callback,) = env.alerts("callback_due")
    (breach,) = env.alerts("call_queue_breach")
    assert callback["code"] == "callback_due" and callback["params"]["contact_id"] == "call_g"
    assert breach["params"]["queue"] == "msp_general" and breach["queue_id"] == "msp_general"


def test_emergency_ladder_logged_step_by_step(env) -> None:
    with env.db.session() as s:
        for name, roles, skills in [
            ("eng1", [Role.AGENT], ["msp_emergency"]),
            ("eng2", [Role.AGENT], ["msp_emergency"]),
            ("eng3", [Role.AGENT], ["msp_emergency"]),
            ("gen1", [Role.AGENT], ["general"]),
            ("sup1", [Role.SUPERVISOR], ["general"]),
        ]:
            storage.create_user(s, name, "pw", name, roles, skills, now=T0)
        s.commit()
    env.put(EntityKind.CALL, _call("call_e", "msp_emergency", "emergency"))
    env.at(T0)
    log = env.get(EntityKind.CALL, "call_e")["escalation_log"]
    assert [(e["step"], e["targets"]) for e in log] == [(1, ["u_eng1"])]
    env.at(T0 + timedelta(minutes=3))
    env.at(T0 + timedelta(minutes=5))
    log = env.get(EntityKind.CALL, "call_e")["escalation_log"]
    assert [e["rung"] for e in log] == ["ts_primary", "ts_secondary"]
    assert env.alerts("call_queue_breach") == []
    env.at(T0 + timedelta(minutes=9))
    log = env.get(EntityKind.CALL, "call_e")["escalation_log"]
    assert [e["targets"] for e in log[2:]] == [["u_eng3"], ["u_gen1", "u_sup1"]]
    (final,) = [a for a in env.alerts("call_queue_breach") if a["code"] == "emergency_unanswered"]
    assert final["to"] == ["u_gen1", "u_sup1"]
    with env.db.read() as s:
        audit = storage.audit_events(s, "call", "call_e")
    assert [a["action"] for a in audit] == ["emergency_ladder_step"] * 4
    env.at(T0 + timedelta(minutes=16))  # the 15-min emergency SLA passes too
    assert [a["code"] for a in env.alerts("call_queue_breach")] == [
        "emergency_unanswered",
        "call_queue_breach",
    ]


def test_simulator_plays_only_the_flow_the_calendar_chooses() -> None:
    scripts = {s["id"]: s for s in load_scripts()}
    night = T0 + timedelta(hours=10)  # 20:00 KST
    assert fits_the_clock(scripts["msp_general_inquiry"], T0)
    assert not fits_the_clock(scripts["msp_general_inquiry"], night)
    assert fits_the_clock(scripts["after_hours_callback"], night)
    assert not fits_the_clock(scripts["after_hours_callback"], T0)
    assert fits_the_clock(scripts["msp_emergency_outage"], night)


def test_the_simulator_keeps_the_ladder_log(env) -> None:
    from app.domain.calls import Call
    from app.domain.enums import CallFlow, CallState
    from server.simulator import CallSimulator

    env.put(EntityKind.CALL, _call("call_k", "msp_emergency", "emergency"))
    env.at(T0)
    sim = CallSimulator(env.db, env.bus, scripts=[], clock=env.clock)
    call = Call("call_k", "msp_emergency", CallFlow.EMERGENCY, CallState.CONNECTED, started_at=T0)
    sim._save_call(call)  # the call is answered: the simulator saves its own view of it
    env.at(T0 + timedelta(minutes=1))
    log = env.get(EntityKind.CALL, "call_k")["escalation_log"]
    assert [e["rung"] for e in log] == ["ts_primary"]  # logged once, not again
