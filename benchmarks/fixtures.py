"""Heavy setup built once per run in a temp dir and shared by the figures.

``Env`` owns the temp dir, the reference server (uvicorn thread on 127.0.0.1, its SQLite file
seeded with the demo users, queues and ``cases`` generated cases by ``server.demo.seed_cases``)
and the client store file. ``Env.remote_server`` is a second server over the same SQLite file in
its own process (``reviewer-server``, no demo services), as a deployment has it: the push figure
sends to it, so the client's and the server's Python do not share one GIL (the in-process server
stays for seeding, direct DB reads and the figures that publish on its event bus). The client
store is filled by the measured initial sync (``benchmarks.sync``); if the sync engine cannot
run, :meth:`Env.client_store` fills it straight from the server's change rows through
``app.store.apply`` (same apply, no HTTP).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.harness import Sizes

ROOT = Path(__file__).resolve().parents[1]
BENCH_USER = "admin1"  # sees every queue; comments on the tasks its skills reach
PASSWORD = "demo"


def isolate_keyring(tmp: Path) -> None:
    """Tokens go to keyrings.alt's plaintext file under ``tmp`` (never the user's keychain)."""
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "xdg-config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class ServerProcess:
    """``python -m server.cli`` over an existing database, on a free 127.0.0.1 port."""

    def __init__(self, db_url: str, timeout: float = 30.0) -> None:
        import httpx

        from server.runner import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "server.cli", "--db", db_url, "--port", str(self.port),
               "--log-level", "warning"]  # fmt: skip
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)  # never left running by a harness that died
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server process exited with {self.proc.returncode}")
            try:
                if httpx.get(self.url + "/v1/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"server process not up on port {self.port} in {timeout} s")
            time.sleep(0.1)

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: uvicorn's graceful shutdown, exit 0
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)


class Env:
    def __init__(self, sizes: Sizes, keep: bool = False) -> None:
        self.sizes = sizes
        self.keep = keep
        self.tmp = Path(tempfile.mkdtemp(prefix="rws-bench-"))
        isolate_keyring(self.tmp)
        self.now = datetime.now(UTC)
        self.server_db = self.tmp / "server.sqlite3"
        self.store_path = self.tmp / "client.sqlite3"
        self._server: Any = None
        self._remote: ServerProcess | None = None
        self.seed_info: dict[str, Any] = {}
        self.store_filled_by = ""

    # -- server ---------------------------------------------------------------------------------
    @property
    def server(self) -> Any:
        if self._server is None:
            self._server = self._start_server()
        return self._server

    def _start_server(self) -> Any:
        from server.config import ServerConfig
        from server.demo import seed_cases
        from server.demo.people import create_users, put_queues
        from server.runner import start_server

        config = ServerConfig(db_url=f"sqlite:///{self.server_db}", port=0)
        running = start_server(config)
        db = running.app.state.db
        t0 = time.perf_counter()
        with db.session() as s:
            create_users(s, self.now)
            put_queues(s, self.now)
            s.commit()
        self.seed_info = seed_cases(db, self.sizes.cases, self.now, seed=7)
        self.seed_info["total_s"] = time.perf_counter() - t0
        return running

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def remote_server(self) -> ServerProcess:
        """The reference server in its own process, over the seeded database (started once)."""
        if self._remote is None:
            self.server  # noqa: B018 - seeded first
            self._remote = ServerProcess(f"sqlite:///{self.server_db}")
        return self._remote

    def session(self, user: str = BENCH_USER, url: str | None = None) -> Any:
        """Log in over HTTP (token to the temp keyring); returns the ``sync.auth.Session``."""
        from sync.auth import login

        return asyncio.run(login(url or self.url, user, PASSWORD))

    # -- client store ---------------------------------------------------------------------------
    def client_store_path(self) -> Path:
        """The store with every case synced; filled without HTTP if no sync filled it yet."""
        if not self.store_filled_by:
            self._fill_direct()
        return self.store_path

    def _fill_direct(self) -> None:
        from sqlalchemy import select

        from app.store.apply import apply_changes, set_cursor
        from app.store.store import Store
        from server import tables as t

        db = self.server.app.state.db
        self.store_path.unlink(missing_ok=True)
        store = Store.open(self.store_path)
        last = 0
        try:
            while True:
                with db.read() as s:
                    rows = s.execute(
                        select(t.changes).where(t.changes.c.seq > last).order_by(t.changes.c.seq)
                        .limit(5000)
                    ).all()  # fmt: skip
                if not rows:
                    break
                last = rows[-1].seq
                changes = [
                    {"seq": r.seq, "entity": r.kind, "id": r.id, "op": r.op,
                     "version": r.version, "data": r.data}
                    for r in rows
                ]  # fmt: skip
                with store.transaction() as session:
                    apply_changes(session, changes)
                    set_cursor(session, "")
        finally:
            store.close()
        self.store_filled_by = "direct apply (no HTTP)"

    def copy_store(self, name: str) -> Path:
        """A private copy of the synced store (figures that write to it)."""
        src = self.client_store_path()
        dst = self.tmp / name
        shutil.copyfile(src, dst)
        for suffix in ("-wal", "-shm"):
            side = Path(str(src) + suffix)
            if side.exists():
                shutil.copyfile(side, Path(str(dst) + suffix))
        return dst

    def close(self) -> None:
        if self._remote is not None:
            self._remote.stop()
            self._remote = None
        if self._server is not None:
            self._server.stop()
            self._server = None
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
