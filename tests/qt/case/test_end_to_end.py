"""End to end against the real reference server on 127.0.0.1 (demo data): an approve made on the
case page reaches the server through the sync engine; an action taken while offline is pushed
on reconnect; a decision someone else made first surfaces in Sync problems."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

from app.domain.enums import Action
from app.services.common import today_kst
from app.store.lookups import get_case, get_task
from app.store.store import Store
from sync.auth import login
from sync.wiring import build_engine
from tests.reason_codes import DENY_CODE
from ui.bridge import SyncBridge
from ui.case.page import CasePage
from ui.context import AppContext, UserInfo
from ui.demo import start_demo_server
from ui.sync_problems.page import SyncProblemsPage
from ui.tasks import TaskKeeper
from widgets.clock import Clock

APPROVE = {
    "limit": "30,000,000",
    "rate": "4.9",
    "note": "소득 확인",
    "reason_codes": "CREDIT-APPR-INCOME-001",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_demo_server(tmp_path_factory.mktemp("server"), live=False)
    yield running
    running.stop()


def api(server, username: str) -> httpx.Client:
    client = httpx.Client(base_url=server.url + "/v1", timeout=10)
    grant = client.post("/auth/token", json={"username": username, "password": "demo"}).json()
    client.headers["Authorization"] = f"Bearer {grant['access_token']}"
    return client


def may_act(task: dict, case: dict, user_id: str) -> bool:
    """shared/API.md "Access to objects" for a demo reviewer (skill: credit_review)."""
    if task["assignee_id"] is not None:
        return task["assignee_id"] == user_id
    return task["queue_id"] == "credit_review" and case.get("escalation_level", "L1") == "L1"


def workable_task(client: httpx.Client, skip: set[str], *users: str) -> dict:
    """An open review task of a pending/open case below a reviewer's 1억원 authority that every
    one of ``users`` (default u_reviewer1) may act on."""
    users = users or ("u_reviewer1",)
    cursor, tasks, cases = None, {}, {}
    while True:
        page = client.get("/changes", params={"limit": 1000, "since": cursor or ""}).json()
        for ch in page["changes"]:
            (tasks if ch["entity"] == "task" else cases)[ch["id"]] = ch["data"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    for t in tasks.values():
        case = cases.get(t and t["case_id"])
        if (
            t
            and case
            and t["type"] == "review"
            and t["status"] in ("open", "assigned")
            and case["status"] in ("open", "pending")
            and case["application"]["amount"] < 100_000_000
            and case["id"] not in skip
            and all(may_act(t, case, u) for u in users)
        ):
            return t
    raise AssertionError("the demo data has no workable task left")


@dataclass
class Client:
    context: AppContext
    engine: object
    store: Store
    session: object

    def reconnect(self) -> None:
        """A new engine for the same store and sign-in (the old one was stopped)."""
        self.engine = build_engine(
            self.store,
            self.session,
            live=False,
            offline_retry_s=0.5,
            writer=self.context.bridge.writer,
        )


@pytest.fixture
def client(qtbot, qloop, tmp_path, server):
    made: list[Client] = []

    def make(username: str = "reviewer1") -> Client:
        signing_in = asyncio.ensure_future(login(server.url, username, "demo"))
        qtbot.waitUntil(signing_in.done, timeout=30_000)
        session = signing_in.result()
        store = Store.open(tmp_path / f"{username}-{len(made)}.sqlite3")
        bridge = SyncBridge(store)
        user = UserInfo.from_wire({"id": username, **session.user})
        context = AppContext(store, Clock(), TaskKeeper(), bridge, user, "en", server.url)
        engine = build_engine(  # as ui.app builds it: one writer for engine and user actions
            store, session, live=False, offline_retry_s=0.5, writer=bridge.writer
        )
        made.append(Client(context, engine, store, session))
        return made[-1]

    yield make
    for c in made:
        stopping = asyncio.ensure_future(c.engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        c.context.bridge.detach()
        c.context.bridge.runner.close()
        c.context.clock.stop()
        # QObjects without a parent are deleted here, on the GUI thread — never by a garbage
        # collection that happens to run in a sync worker thread
        c.context.bridge.deleteLater()
        c.context.clock.deleteLater()
        c.store.close()


def start_and_sync(qtbot, c: Client) -> None:
    c.context.bridge.attach(c.engine)
    with qtbot.waitSignal(c.context.bridge.sig_sync_finished, timeout=30_000):
        c.engine.start()


def stop(qtbot, c: Client) -> None:
    stopping = asyncio.ensure_future(c.engine.stop())
    qtbot.waitUntil(stopping.done, timeout=30_000)
    c.context.bridge.detach()


def case_page(qtbot, c: Client, case_id: str) -> CasePage:
    page = CasePage(c.context)
    qtbot.addWidget(page)
    assert page.show_case(case_id)
    return page


def server_status(http: httpx.Client, case_id: str) -> str:
    return http.get(f"/cases/{case_id}").json()["status"]


def test_an_approve_on_the_case_page_reaches_the_server(qtbot, client, server):
    http = api(server, "reviewer1")
    task = workable_task(http, set())
    c = client("reviewer1")
    start_and_sync(qtbot, c)
    page = case_page(qtbot, c, task["case_id"])
    form = page.open_action(Action.APPROVE)
    form.fields.set_values(APPROVE)
    with qtbot.waitSignal(form.sig_action_submitted, timeout=20_000):
        form.submit_button.click()
    assert "Pending sync" in page.pending.text()
    qtbot.waitUntil(lambda: server_status(http, task["case_id"]) == "approved", timeout=20_000)
    qtbot.waitUntil(lambda: "Synced" in page.pending.text(), timeout=20_000)
    with c.store.session() as s:
        assert get_case(s, task["case_id"]).status.value == "approved"


def test_an_action_taken_offline_is_pushed_on_reconnect(qtbot, client, server):
    http = api(server, "reviewer1")
    c = client("reviewer1")
    start_and_sync(qtbot, c)
    stop(qtbot, c)  # offline from here
    task = workable_task(http, {"case_p1_borderline_001"})
    page = case_page(qtbot, c, task["case_id"])
    form = page.open_action(Action.REQUEST_DOCS)
    deadline = (today_kst(c.context.clock.now()) + timedelta(days=5)).isoformat()
    form.fields.set_values({"docs": "재직증명서", "deadline": deadline, "note": "5일 내"})
    with qtbot.waitSignal(form.sig_action_submitted, timeout=20_000):
        form.submit_button.click()
    assert server_status(http, task["case_id"]) != "awaiting_docs"
    assert "Pending sync (1)" in page.pending.text()
    c.reconnect()
    start_and_sync(qtbot, c)
    qtbot.waitUntil(lambda: server_status(http, task["case_id"]) == "awaiting_docs", timeout=20_000)


def test_a_decision_made_first_elsewhere_surfaces_in_sync_problems(qtbot, client, server):
    mine = client("reviewer1")
    start_and_sync(qtbot, mine)
    stop(qtbot, mine)
    http = api(server, "reviewer2")
    task = workable_task(http, {"case_p1_borderline_001"}, "u_reviewer1", "u_reviewer2")
    with mine.store.session() as s:
        local_task = get_task(s, task["id"])
    assert local_task is not None
    other = http.post(
        f"/tasks/{task['id']}/actions/deny",
        json={"reason_codes": [DENY_CODE], "note": "먼저 처리", "improvement_advice": "재신청"},
        headers={"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{task["version"]}"'},
    )
    assert other.status_code == 200, other.text
    page = case_page(qtbot, mine, task["case_id"])
    form = page.open_action(Action.APPROVE)
    form.fields.set_values(APPROVE)
    with qtbot.waitSignal(form.sig_action_submitted, timeout=20_000):
        form.submit_button.click()
    problems = SyncProblemsPage(mine.context)
    qtbot.addWidget(problems)
    mine.reconnect()
    start_and_sync(qtbot, mine)
    qtbot.waitUntil(lambda: problems.model.rowCount() == 1, timeout=20_000)
    shown = problems.current
    assert shown is not None and shown.status == "conflict"
    assert shown.user_input["limit"] == APPROVE["limit"]
    assert problems.user_input.value("Rate") == APPROVE["rate"]
    assert problems.reason.value("Title")
