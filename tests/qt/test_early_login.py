"""The sign-in dialog painted before the event loop exists (ui/early_login.py): when it is shown,
and that the runtime takes it over without losing what the user did in between — a sign-in
request made before the loop ran is sent to the real server and signs in."""

from __future__ import annotations

import asyncio

import pytest
from shiboken6 import isValid

from ui.app import Runtime
from ui.early_login import EarlyLogin, needs_dialog, show_early
from ui.options import parse
from ui.time_zone import workstation_settings


@pytest.fixture
def settings():
    store = workstation_settings()  # the test process's own XDG config (tests/conftest.py)
    store.remove("server_url")
    store.remove("user")
    yield store
    store.remove("server_url")
    store.remove("user")


def test_the_dialog_is_shown_early_only_when_the_app_must_ask(settings) -> None:
    assert needs_dialog(parse(["--server", "http://127.0.0.1:9"]), settings) == (
        "http://127.0.0.1:9",
        "",
    )
    assert needs_dialog(parse(["--demo"]), settings) is None  # demo signs in by itself
    assert needs_dialog(parse(["--screenshot", "x.png"]), settings) is None
    # a remembered user may still hold a token in the keyring: the runtime decides
    settings.setValue("server_url", "http://127.0.0.1:9")
    settings.setValue("user", "reviewer1")
    assert needs_dialog(parse([]), settings) is None
    # another server than the remembered one: ask, with the user field empty
    assert needs_dialog(parse(["--server", "http://127.0.0.1:8"]), settings) == (
        "http://127.0.0.1:8",
        "",
    )


def test_show_early_returns_a_painted_dialog(qapp, qtbot, settings) -> None:
    early = show_early(qapp, parse(["--server", "http://127.0.0.1:9"]))
    assert isinstance(early, EarlyLogin)
    qtbot.addWidget(early.dialog)
    assert early.dialog.isVisible()
    assert early.dialog.server.text() == "http://127.0.0.1:9"
    early.dialog.reject()
    assert early.finished is not None  # kept for the runtime to see


def test_a_sign_in_made_before_the_loop_ran_is_replayed(qapp, qtbot, qloop, demo_server, settings):
    early = show_early(qapp, parse(["--server", demo_server.url]))
    assert early is not None
    dialog = early.dialog
    dialog.user.setText("reviewer1")
    dialog.password.setText("demo")
    dialog.sign_in.click()  # before any runtime listens: kept, not lost
    assert early.requests == [(demo_server.url, "reviewer1", "demo", False)]
    runtime = Runtime(qapp, parse(["--server", demo_server.url]), "en", early)
    task = asyncio.ensure_future(runtime.ask_login(demo_server.url, ""))
    qtbot.waitUntil(task.done, timeout=20_000)
    session = task.result()
    assert session is not None and session.username == "reviewer1"
    assert not isValid(dialog) or not dialog.isVisible()  # accepted and let go


def test_a_dialog_closed_before_the_loop_ran_means_no_sign_in(qapp, qtbot, qloop, settings):
    early = show_early(qapp, parse(["--server", "http://127.0.0.1:9"]))
    assert early is not None
    early.dialog.reject()
    runtime = Runtime(qapp, parse(["--server", "http://127.0.0.1:9"]), "en", early)
    task = asyncio.ensure_future(runtime.ask_login("http://127.0.0.1:9", ""))
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() is None
