"""``python -m benchmarks.login_flood [--bogus 16] [--real 20] [--no-throttle]``

Real-login latency while ``--bogus`` clients log in in a loop with wrong passwords (each with a
new unknown username, so no username bucket stops them), against a ``reviewer-server`` subprocess
on a fresh SQLite file (the demo users only). Prints the real logins' p50 / p95 alone and under
the flood, and how many bogus attempts per second the server answered (and with which status).
``--no-throttle`` raises the login limits so only the password pool protects real logins.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def serve(db_url: str, port: int, extra: str) -> None:
    """The server process: ``ServerConfig`` fields of ``extra`` (JSON) that this version has."""
    import uvicorn

    from server.app import create_app
    from server.config import ServerConfig

    fields = {k: v for k, v in json.loads(extra).items() if k in ServerConfig.__dataclass_fields__}
    app = create_app(ServerConfig(db_url=db_url, port=port, **fields))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")


def _seed(db_url: str) -> None:
    from server.demo.people import create_users, put_queues
    from server.storage import ServerDB

    db = ServerDB(db_url)
    with db.session() as s:
        create_users(s, datetime.now(UTC))
        put_queues(s, datetime.now(UTC))
        s.commit()
    db.dispose()


def _real_logins(url: str, n: int) -> list[float]:
    out = []
    with httpx.Client(base_url=url, timeout=60) as http:
        for _ in range(n):
            t0 = time.perf_counter()
            r = http.post("/v1/auth/token", json={"username": "reviewer1", "password": "demo"})
            out.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
    return out


def _flood(url: str, stop: threading.Event, seen: Counter, worker: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as http:
        n = 0
        while not stop.is_set():
            n += 1
            body = {"username": f"bogus-{worker}-{n}", "password": "wrong"}
            seen[http.post("/v1/auth/token", json=body).status_code] += 1


def _ms(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000 if len(values) > 2 else 0.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="benchmarks.login_flood")
    p.add_argument("--bogus", type=int, default=16)
    p.add_argument("--real", type=int, default=20)
    p.add_argument("--no-throttle", action="store_true")
    args = p.parse_args(argv)
    from server.runner import free_port

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'login.db'}"
        _seed(db_url)
        port = free_port()
        extra = json.dumps({"login_limit": 10**9} if args.no_throttle else {})
        code = f"from benchmarks.login_flood import serve; serve({db_url!r}, {port}, {extra!r})"
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(url + "/v1/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    assert time.monotonic() < deadline
                    time.sleep(0.1)
            alone = _real_logins(url, args.real)
            stop, seen = threading.Event(), Counter()
            threads = [threading.Thread(target=_flood, args=(url, stop, seen, i), daemon=True)
                       for i in range(args.bogus)]  # fmt: skip
            t0 = time.perf_counter()
            for th in threads:
                th.start()
            time.sleep(2.0)  # the flood is under way
            loaded = _real_logins(url, args.real)
            stop.set()
            for th in threads:
                th.join(60)
            elapsed = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"real login alone:        p50 {_ms(alone, 50):7.0f} ms  p95 {_ms(alone, 95):7.0f} ms")
    print(f"real login under flood:  p50 {_ms(loaded, 50):7.0f} ms  p95 {_ms(loaded, 95):7.0f} ms")
    total = sum(seen.values())
    print(f"bogus logins: {args.bogus} clients, {total / elapsed:.1f}/s answered, {dict(seen)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
