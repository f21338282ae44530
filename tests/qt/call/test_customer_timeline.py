"""The customer's prior-interaction timeline on the call page's customer card (issue 17, item 6),
over the real demo server: when the call opens, the card lists the caller's earlier calls and
cases as the change feed sent them to the agent — newest first, each with its date, channel or
type and its disposition or status in words, and no customer identifier in full."""

from __future__ import annotations

import asyncio

from app.text.labels import label_of
from server.simulator import load_scripts
from tests.qt.call.conftest import agent_engine, agent_page
from ui.call.source import CallSource
from ui.call.timeline import INTERACTION_ROLE
from widgets.clock import Clock


def test_the_card_shows_the_callers_history(
    qtbot, qloop, qtmodeltester, tmp_path, day_server, lang_ko
):
    clock = Clock()
    page, store, session = agent_page(qtbot, tmp_path, day_server.url, clock)
    assert page.card.no_history.isVisible() and not page.card.timeline.isVisible()
    engine = agent_engine(page, store, session)
    model = page.card.timeline.model()
    try:
        engine.start()
        day_server.sim.start(loop=False)
        qtbot.waitUntil(lambda: page.call is not None, timeout=30_000)
        script = {s["id"]: s for s in load_scripts()}[page.call.script_id]
        customer = script["customer"]
        qtbot.waitUntil(lambda: model.rowCount() >= 3, timeout=30_000)  # 2 calls + 1 case
        qtmodeltester.check(model)
        assert page.card.timeline.isVisible() and not page.card.no_history.isVisible()
        items = [model.index(r, 0).data(INTERACTION_ROLE) for r in range(model.rowCount())]
        assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
        assert {i.kind for i in items} == {"call", "case"}
        assert page.call.id not in {i.id for i in items}  # the call on the line is not history
        texts = [model.index(r, 0).data() for r in range(model.rowCount())]
        for item, text in zip(items, texts, strict=True):
            if item.kind == "call":
                assert "전화 상담" in text and label_of("Disposition", item.outcome) in text
                assert label_of("CallFlow", item.channel) in text
            else:
                assert "케이스" in text and label_of("CaseStatus", item.outcome) in text
                assert label_of("product", item.channel) in text
            assert "_" not in text  # words, never raw values
            for secret in (customer["account_id"], customer["phone"]):
                assert secret not in text
                assert secret not in str(model.index(texts.index(text), 0).data(3) or "")
        # the cases came through the server's masking: only the last 4 characters
        source = CallSource(store)
        case_id = next(i.id for i in items if i.kind == "case")
        with store.session() as s:
            from app.store.lookups import get_case

            kept = get_case(s, case_id)
        assert kept.customer.account_id != customer["account_id"]
        assert kept.customer.account_id.endswith(customer["account_id"][-4:])
        assert [i.id for i in source.timeline(page.call)] == [i.id for i in items]
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        page.bridge.detach()
        clock.stop()
        store.close()
