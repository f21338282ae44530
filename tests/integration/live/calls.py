"""What the live-server call tests share: the MSP script, a call as the server stores it, and a
deadline wait on a condition."""

from __future__ import annotations

import threading

from server import storage
from server.simulator import load_scripts


def msp_script() -> dict:
    return {s["id"]: s for s in load_scripts()}["msp_general_inquiry"]


def stored_call(db, call_id: str) -> dict:
    with db.session() as s:
        return storage.get(s, "call", call_id) or {}


def wait_until(predicate, timeout: float = 20.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        done.wait(0.05)
    raise AssertionError("condition not met within the deadline")
