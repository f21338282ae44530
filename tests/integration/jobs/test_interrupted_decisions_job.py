"""A decision question whose run stopped with its server (still RUNNING ten minutes after its
last stored step) is FAILED with E008 at the step it stopped at; a run still moving is left
alone; the job changes nothing on a second tick."""

from __future__ import annotations

from datetime import timedelta

from app.decisions.decompose import decompose
from app.decisions.workflow import start
from app.domain.enums import EntityKind
from server.jobs.decisions import decision_wire
from tests.integration.jobs.conftest import T0


def _running(execution_id: str) -> dict:
    decision = start(execution_id, T0)
    decision.query = decompose("향후 12주간 AI팀의 가동률 병목은?")
    decision.execution.results["QUERY_DECOMPOSITION"] = {"status": "done"}
    decision.execution.current_step = 2
    return decision_wire(decision)


def test_an_interrupted_run_fails_with_e008_and_a_moving_one_is_left(env) -> None:
    env.clock.now = T0
    env.put(EntityKind.DECISION, _running("EXE-OLD"))
    env.at(T0 + timedelta(minutes=9))
    env.clock.now = T0 + timedelta(minutes=9)
    env.put(EntityKind.DECISION, _running("EXE-NEW"))
    env.at(T0 + timedelta(minutes=11))
    old = env.get(EntityKind.DECISION, "EXE-OLD")
    assert old["status"] == "FAILED" and old["execution"]["status"] == "FAILED"
    assert old["execution"]["error_code"] == "E008"
    assert old["execution"]["results"]["KG_QUERY"]["error"]["code"] == "E008"
    assert old["execution"]["results"]["QUERY_DECOMPOSITION"] == {"status": "done"}
    assert env.get(EntityKind.DECISION, "EXE-NEW")["execution"]["status"] == "RUNNING"
    version = old["version"]
    env.at(T0 + timedelta(minutes=12))
    assert env.get(EntityKind.DECISION, "EXE-OLD")["version"] == version
