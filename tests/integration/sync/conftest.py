"""Fixtures for sync tests against the real reference server on 127.0.0.1.

``server`` is one in-process server (uvicorn thread, its own SQLite file) for the module;
``server_proc`` a ``reviewer-server`` subprocess per test that can be SIGKILLed and restarted on
the same database. ``proxy`` puts a FaultProxy (tests/integration/sync/proxy.py) in front.
The keyring is keyrings.alt's PlaintextKeyring with its file under the test's tmp_path.
"""

from __future__ import annotations

import pytest

from tests.integration.sync.helpers import ServerProc, start_thread_server
from tests.integration.sync.proxy import FaultProxy


@pytest.fixture(autouse=True)
def keyring_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "python_keyring"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_thread_server(tmp_path_factory.mktemp("server") / "server.db")
    yield running
    running.stop()


@pytest.fixture
def server_proc(tmp_path):
    proc = ServerProc(tmp_path / "server-proc.db")
    proc.start()
    yield proc
    proc.kill()


@pytest.fixture
def proxy(server):
    p = FaultProxy(server.port)
    yield p
    p.close()
