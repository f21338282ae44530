"""The transcript model fed with the simulator's segments of a real call script: partials are
replaced in place, duplicates and late partials change nothing, out-of-order turns land where
they belong, categories become chips; qtmodeltester checks the model throughout."""

from __future__ import annotations

import random
import time

from PySide6.QtCore import QModelIndex

from app.domain.enums import ParticipantRole, Sentiment
from tests.qt.call.helpers import script_segments
from widgets.transcript_model import TURN_ROLE, TranscriptModel, clock_text


def finals_of(wires):
    return [w["Transcript"] for w in wires if "Transcript" in w]


def test_partials_are_replaced_in_place_by_the_final(qtbot, qtmodeltester, angry):
    model = TranscriptModel()
    qtmodeltester.check(model)
    wires = script_segments(angry)
    first_turn = [w for w in wires[:4]]  # three partials and the final of turn 0
    assert [next(iter(w)) for w in first_turn] == ["Utterance"] * 3 + ["Transcript"]
    with qtbot.waitSignal(model.rowsInserted):
        model.apply(first_turn[0])
    assert model.rowCount() == 1 and not model.turn(0).final
    for partial in first_turn[1:3]:
        with qtbot.waitSignal(model.dataChanged):
            assert model.apply(partial)
    inserted = []
    model.rowsInserted.connect(lambda *a: inserted.append(a))
    with qtbot.waitSignal(model.sig_turn_finalised) as finalised:
        model.apply(first_turn[3])
    assert finalised.args == [0] and inserted == []
    turn = model.index(0).data(TURN_ROLE)
    assert turn.final and turn.text == first_turn[3]["Transcript"]["Content"]
    assert model.apply(first_turn[1]) is False  # a late partial never replaces the final
    assert model.apply(first_turn[3]) is False  # nor does the same final again
    qtmodeltester.check(model)


def test_whole_call_then_a_replay_after_reconnect_adds_nothing(qtbot, qtmodeltester, angry):
    model = TranscriptModel()
    wires = script_segments(angry)
    model.apply_many(wires)
    finals = finals_of(wires)
    assert model.rowCount() == len(angry["turns"]) == len(finals)
    assert [model.turn(r).text for r in range(model.rowCount())] == [f["Content"] for f in finals]
    assert all(model.turn(r).final for r in range(model.rowCount()))
    assert model.summary == angry["summary"]
    chips = [c for r in range(model.rowCount()) for c in model.turn(r).categories]
    assert chips == ["이중청구", "불만고객", "해지위험", "민원위험"]
    customer = model.turn(1)
    assert customer.role is ParticipantRole.CUSTOMER and customer.issues
    b, e = customer.issues[0]
    assert customer.text[b:e] == angry["turns"][1]["issues"][0]
    changes = []
    model.rowsInserted.connect(lambda *a: changes.append("insert"))
    model.dataChanged.connect(lambda *a: changes.append("data"))
    model.modelReset.connect(lambda *a: changes.append("reset"))
    shuffled = list(wires)
    random.Random(4).shuffle(shuffled)
    assert model.apply_many(wires + shuffled) == 0
    assert changes == []
    qtmodeltester.check(model)


def test_out_of_order_turns_are_inserted_by_time(qtbot, qtmodeltester, angry):
    model = TranscriptModel()
    qtmodeltester.check(model)
    finals = [w for w in script_segments(angry) if "Transcript" in w]
    order = [0, 1, 4, 5, 2, 3, 6]  # turns 2 and 3 arrive late (backfill after a reconnect)
    for i in order:
        model.apply(finals[i])
    begins = [model.turn(r).begin_ms for r in range(model.rowCount())]
    assert begins == sorted(begins) and model.rowCount() == len(order)
    assert [model.row_of(finals[i]["Transcript"]["Id"]) for i in range(7)] == list(range(7))


def test_customer_values_search_and_times(angry):
    model = TranscriptModel()
    model.apply_many(script_segments(angry))
    values = model.customer_values()
    assert len(values) == sum(t["role"] == "CUSTOMER" for t in angry["turns"])
    assert Sentiment.NEGATIVE in {s for _, s in values}
    assert model.find("연회비") and model.find("연회비") == sorted(model.find("연회비"))
    assert model.find("") == []
    assert clock_text(65_000) == "01:05" and clock_text(3_725_000) == "1:02:05"
    assert model.data(QModelIndex()) is None


def test_a_two_hour_call_appends_in_batches_quickly(qtbot, angry):
    model = TranscriptModel()
    base = script_segments(angry, summary=False)
    wires = []
    for lap in range(60):  # ~720 turns, ~2 h of conversation, ids unique per lap
        for w in base:
            ((kind, body),) = w.items()
            body = dict(body)
            if "Id" in body:
                body["Id"] = f"{lap}-{body['Id']}"
                body["BeginOffsetMillis"] += lap * 120_000
                if "TranscriptId" in body:
                    body["TranscriptId"] = body["Id"]
            wires.append({kind: body})
    inserts = []
    model.rowsInserted.connect(lambda _p, first, last: inserts.append(last - first + 1))
    started = time.perf_counter()
    model.apply_many(wires)
    assert time.perf_counter() - started < 2.0
    assert model.rowCount() == 60 * len(angry["turns"])
    assert inserts == [model.rowCount()]  # one batch, not one insert per turn
