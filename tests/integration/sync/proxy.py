"""A tiny loopback TCP proxy in front of the real server, for cutting connections on purpose.

It understands just enough HTTP/1.1 on the client → server side (request head + Content-Length
body; httpx never pipelines) to aim a fault at one request:

- ``before``: the request is swallowed and the connection closed — the server never sees it
  (killed "before commit");
- ``after``: the request reaches the server, and the connection is closed the moment the
  server starts answering — the effect is committed, the reply never arrives ("after commit,
  before reply");
- ``mid_response``: ``keep`` bytes of the answer are relayed, then the connection is closed.

``down = True`` refuses every new connection (the server is unreachable); ``drop_all()``
closes every open connection (SSE streams included); ``stall_all()`` keeps them open but
silent. Server → client bytes are pumped as is.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

Match = Callable[[str, str], bool]


@dataclass
class Fault:
    match: Match
    mode: str  # before | after | mid_response
    times: int = 1
    keep: int = 0
    hits: int = 0


@dataclass(eq=False)
class _Conn:
    client: socket.socket
    upstream: socket.socket
    cut_on_reply: int | None = None  # bytes still allowed before the cut; None = no cut armed
    closed: bool = False
    stalled: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
        for s in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.faults: list[Fault] = []
        self.down = False
        self.requests: list[tuple[str, str]] = []
        self._conns: set[_Conn] = set()
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._stopped = False
        self._thread = threading.Thread(target=self._accept, daemon=True, name="fault-proxy")
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, match: Match, mode: str, *, times: int = 1, keep: int = 0) -> Fault:
        fault = Fault(match, mode, times, keep)
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()

    def drop_all(self) -> None:
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            conn.close()

    def stall_all(self) -> None:
        """Open connections stay open but relay nothing more (a silent, half-dead link)."""
        with self._lock:
            for conn in self._conns:
                conn.stalled = True

    def retarget(self, upstream_port: int) -> None:
        """Point at a restarted server (new port)."""
        self.upstream = (self.upstream[0], upstream_port)

    def close(self) -> None:
        """Stop listening at once (new connections refused) and cut the open ones. ``shutdown``
        first: a bare ``close`` leaves the socket listening while ``accept`` blocks on it."""
        self._stopped = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        self.drop_all()

    # internals ----------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            conn = _Conn(client, upstream)
            with self._lock:
                self._conns.add(conn)
            threading.Thread(target=self._requests, args=(conn,), daemon=True).start()
            threading.Thread(target=self._replies, args=(conn,), daemon=True).start()

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            self.requests.append((method, path))
            for fault in self.faults:
                if fault.hits < fault.times and fault.match(method, path):
                    fault.hits += 1
                    return fault
        return None

    def _requests(self, conn: _Conn) -> None:
        buf = b""
        try:
            while True:
                while b"\r\n\r\n" not in buf:
                    chunk = conn.client.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, _, rest = buf.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path = lines[0].split(" ")[:2]
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                while len(rest) < length:
                    chunk = conn.client.recv(65536)
                    if not chunk:
                        return
                    rest += chunk
                request, buf = head + b"\r\n\r\n" + rest[:length], rest[length:]
                fault = self._take_fault(method, path)
                if fault is not None and fault.mode == "before":
                    return
                if fault is not None:
                    conn.cut_on_reply = fault.keep if fault.mode == "mid_response" else 0
                conn.upstream.sendall(request)
        except OSError:
            return
        finally:
            if conn.cut_on_reply is None:
                conn.close()

    def _replies(self, conn: _Conn) -> None:
        try:
            while True:
                chunk = conn.upstream.recv(65536)
                if not chunk:
                    return
                if conn.stalled:
                    continue  # swallowed: the client hears nothing, not even a close
                allowed = conn.cut_on_reply
                if allowed is not None:
                    if allowed > 0:
                        conn.client.sendall(chunk[:allowed])
                    return
                conn.client.sendall(chunk)
        except OSError:
            return
        finally:
            conn.close()
            with self._lock:
                self._conns.discard(conn)
